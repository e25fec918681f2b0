"""Feeds and pages end to end against a local HTTP server: polling with ETag and Last-Modified,
updated articles, syndicated copies, the background worker, /ingest, /sources and the CLI."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from newsweb import (
    DROUGHT,
    PORT_STRIKE,
    STORIES,
    TRANSIT_LEVY,
    article_page,
    atom_feed,
    rss_feed,
    section_front,
    updated_version,
    wire_copy,
)
from pytest_httpserver import HTTPServer
from websites import ATOM, RSS, Site, serve, web_app_at

from bot.adapters.text_render import render_text
from bot.bootstrap import App
from bot.core import ingest_command
from bot.core.clock import FixedClock
from bot.core.commands import Invocation
from bot.core.feed_store import FeedStore
from bot.core.search import search_passages
from bot.core.source_store import SourceStore
from bot.core.web_report import UrlReport
from bot.ingest.worker import FeedWorker

OUTLET = "Harbour Herald"


@pytest.fixture
def site(httpserver: HTTPServer) -> Site:
    return serve(httpserver)


@pytest.fixture
def web_app(tmp_path: Path, clock: FixedClock) -> Iterator[App]:
    with web_app_at(tmp_path, clock) as app:
        yield app


def publish(site: Site, story: object, host: str = "localhost", outlet: str = OUTLET) -> str:
    """Serve a story's article page; returns its URL."""
    from newsweb import Story

    assert isinstance(story, Story)
    path = f"/{host}/news/{story.slug}"
    url = site.url(path, host)
    site.put(path, article_page(story, outlet=outlet, url=url))
    return url


def summary_feed(site: Site, stories: list[object], etag: str | None = "v1") -> str:
    urls = [publish(site, s) for s in stories]
    xml = rss_feed(OUTLET, site.url("/"), list(zip(stories, urls, strict=True)))  # type: ignore[arg-type]
    return site.put("/feed.xml", xml, RSS, etag=etag)


def stored(app: App) -> int:
    return app.services.store.count_articles()


# -- feeds -------------------------------------------------------------------------------------


def test_summary_feed_fetches_each_article_page_and_analyses_it(web_app: App, site: Site) -> None:
    feed = summary_feed(site, [PORT_STRIKE, DROUGHT])
    assert web_app.web is not None
    report = web_app.web.ingest_url(feed)
    assert report.kind == "feed" and report.title == OUTLET
    assert [o.status for o in report.outcomes] == ["added", "added"], report.outcomes
    assert site.hits[f"/localhost/news/{PORT_STRIKE.slug}"] == 1
    store = web_app.services.store
    article = store.get_article(report.outcomes[0].article_id or "")
    assert article is not None
    assert article.title == PORT_STRIKE.title
    assert article.source == OUTLET
    assert article.published == "2026-05-14T07:45:00+00:00"
    assert "Teresa Lindqvist" in article.body
    assert "All rights reserved" not in article.body and "Markets close higher" not in article.body
    assert store.sentences(article.id), "web articles go through the same analysis as files"
    source = SourceStore(store).source(report.outcomes[0].origin)
    assert source is not None and source.author == PORT_STRIKE.author
    hits = search_passages(store, "binding arbitrator").hits
    assert hits and hits[0].article_id == article.id
    assert all(agent.startswith("briefing-bot/") for agent in site.user_agents)


def test_unchanged_feed_costs_one_conditional_request(web_app: App, site: Site) -> None:
    feed = summary_feed(site, [PORT_STRIKE, DROUGHT], etag='"abc123"')
    assert web_app.web is not None
    web_app.web.ingest_url(feed)
    before = sum(site.hits.values())
    again = web_app.web.poll(feed)
    assert again.not_modified and again.summary() == "not modified since the last poll"
    assert site.not_modified["/feed.xml"] == 1
    assert sum(site.hits.values()) == before + 1  # the feed only, no article page
    state = FeedStore(web_app.services.store).get(feed)
    assert state is not None and state.etag == '"abc123"' and state.polls == 2
    assert state.articles == 2 and state.last_error is None


def test_last_modified_is_sent_back_too(web_app: App, site: Site) -> None:
    urls = [publish(site, TRANSIT_LEVY)]
    xml = rss_feed(OUTLET, site.url("/"), [(TRANSIT_LEVY, urls[0])])
    stamp = "Wed, 13 May 2026 10:00:00 GMT"
    feed = site.put("/feed.xml", xml, RSS, last_modified=stamp)
    assert web_app.web is not None
    web_app.web.ingest_url(feed)
    assert web_app.web.poll(feed).not_modified
    assert site.not_modified["/feed.xml"] == 1


def test_changed_feed_skips_entries_already_read(web_app: App, site: Site) -> None:
    feed = summary_feed(site, [PORT_STRIKE], etag=None)
    assert web_app.web is not None
    web_app.web.ingest_url(feed)
    summary_feed(site, [DROUGHT, PORT_STRIKE], etag=None)  # a new entry on top
    report = web_app.web.poll(feed)
    assert [o.status for o in report.outcomes] == ["added", "unchanged"]
    assert site.hits[f"/localhost/news/{PORT_STRIKE.slug}"] == 1  # not fetched again
    assert stored(web_app) == 2


def test_full_text_feed_needs_no_page_fetch(web_app: App, site: Site) -> None:
    items = [(s, site.url(f"/atom/{s.slug}")) for s in STORIES]
    feed = site.put("/atom.xml", atom_feed("Wire Desk", site.url("/"), items), ATOM)
    assert web_app.web is not None
    report = web_app.web.ingest_url(feed)
    assert report.count("added") == 3, report.outcomes
    assert not any(path.startswith("/atom/") for path in site.hits)
    article = web_app.services.store.get_article(report.outcomes[1].article_id or "")
    assert article is not None and article.body == DROUGHT.text


def test_updated_article_replaces_the_old_text_and_is_analysed_again(
    web_app: App, site: Site
) -> None:
    feed = summary_feed(site, [PORT_STRIKE], etag="v1")
    assert web_app.web is not None
    first = web_app.web.ingest_url(feed).outcomes[0]
    newer = updated_version(PORT_STRIKE)
    summary_feed(site, [newer], etag="v2")  # the outlet edits the page and the entry
    report = web_app.web.poll(feed)
    outcome = report.outcomes[0]
    assert outcome.status == "updated", outcome
    assert "newer version" in outcome.reason and "overlap" in outcome.reason
    store = web_app.services.store
    assert stored(web_app) == 1
    assert not store.has_article(first.article_id or "")
    article = store.get_article(outcome.article_id or "")
    assert article is not None and "agreed to keep talking" in article.body
    assert article.title == newer.title
    assert any("agreed to keep talking" in s.text for s in store.sentences(article.id))
    assert search_passages(store, "agreed to keep talking").hits


def test_atom_entry_edited_in_place_is_an_update(web_app: App, site: Site) -> None:
    link = site.url("/atom/port-strike-talks")
    feed = site.put("/atom.xml", atom_feed("Wire Desk", site.url("/"), [(PORT_STRIKE, link)]), ATOM)
    assert web_app.web is not None
    assert web_app.web.ingest_url(feed).count("added") == 1
    newer = updated_version(PORT_STRIKE)
    site.put("/atom.xml", atom_feed("Wire Desk", site.url("/"), [(newer, link)]), ATOM)
    outcome = web_app.web.poll(feed).outcomes[0]
    assert outcome.status == "updated" and stored(web_app) == 1
    assert web_app.web.poll(feed).outcomes[0].status == "unchanged"


def test_updated_version_at_a_new_link_of_the_same_outlet_replaces_the_old(
    web_app: App, site: Site
) -> None:
    old = publish(site, PORT_STRIKE)
    assert web_app.web is not None
    web_app.web.ingest_url(old)
    newer = updated_version(PORT_STRIKE)
    path = "/localhost/news/port-strike-talks-updated"
    url = site.put(path, article_page(newer, outlet=OUTLET, url=site.url(path)))
    outcome = web_app.web.ingest_url(url).outcomes[0]
    assert outcome.status == "updated", outcome
    assert stored(web_app) == 1
    links = [
        s.url for s in SourceStore(web_app.services.store).sources_of(outcome.article_id or "")
    ]
    assert links == [url, old]


def test_older_version_arriving_late_does_not_replace_the_newer(web_app: App, site: Site) -> None:
    newer = updated_version(PORT_STRIKE)
    path = "/localhost/news/port-strike-talks-updated"
    url = site.put(path, article_page(newer, outlet=OUTLET, url=site.url(path)))
    assert web_app.web is not None
    web_app.web.ingest_url(url)
    late = publish(site, PORT_STRIKE)
    older = PORT_STRIKE.__class__(**{**PORT_STRIKE.__dict__, "published": "2026-05-14T06:00:00"})
    site.put(f"/localhost/news/{PORT_STRIKE.slug}", article_page(older, outlet=OUTLET, url=late))
    outcome = web_app.web.ingest_url(late).outcomes[0]
    assert outcome.status == "duplicate" and "older version" in outcome.reason
    article = web_app.services.store.get_article(outcome.article_id or "")
    assert article is not None and "agreed to keep talking" in article.body


def test_syndicated_copy_is_linked_as_another_source_not_indexed_twice(
    web_app: App, site: Site
) -> None:
    feed = summary_feed(site, [PORT_STRIKE, DROUGHT])
    assert web_app.web is not None
    original = web_app.web.ingest_url(feed).outcomes[0]
    copy_url = publish(site, wire_copy(PORT_STRIKE), host="127.0.0.1", outlet="Valley Courier")
    outcome = web_app.web.ingest_url(copy_url).outcomes[0]
    assert outcome.status == "duplicate", outcome
    assert outcome.article_id == original.article_id
    assert "linked as another source" in outcome.reason
    store = web_app.services.store
    assert stored(web_app) == 2
    hits = search_passages(store, "Lindqvist chief negotiator").hits
    assert len({h.article_id for h in hits}) == 1
    sources = SourceStore(store).sources_of(original.article_id or "")
    assert [(s.kind, s.outlet) for s in sources] == [
        ("primary", OUTLET),
        ("syndicated", "Valley Courier"),
    ]
    assert sources[1].similarity is not None and 0.85 <= sources[1].similarity < 1
    again = web_app.web.ingest_url(copy_url).outcomes[0]
    assert again.status == "duplicate" and stored(web_app) == 2


def test_a_different_story_from_another_outlet_is_added(web_app: App, site: Site) -> None:
    assert web_app.web is not None
    web_app.web.ingest_url(publish(site, PORT_STRIKE))
    other = publish(site, DROUGHT, host="127.0.0.1", outlet="Valley Courier")
    assert web_app.web.ingest_url(other).outcomes[0].status == "added"


def test_web_copy_of_a_file_article_is_recognised(web_app: App, site: Site, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "strike.txt").write_text(f"{PORT_STRIKE.title}\n\n{PORT_STRIKE.text}\n")
    web_app.ingestor.ingest_paths([corpus])
    assert web_app.web is not None
    outcome = web_app.web.ingest_url(publish(site, wire_copy(PORT_STRIKE))).outcomes[0]
    assert outcome.status == "duplicate", outcome
    assert stored(web_app) == 1


def test_a_front_page_leads_to_the_feed_it_announces(web_app: App, site: Site) -> None:
    feed = summary_feed(site, [DROUGHT])
    front = section_front(OUTLET).replace(
        "</title>", f'</title><link rel="alternate" type="application/rss+xml" href="{feed}">'
    )
    assert web_app.web is not None
    report = web_app.web.ingest_url(site.put("/", front))
    assert report.kind == "feed" and report.url == feed and report.count("added") == 1
    assert FeedStore(web_app.services.store).get(feed) is not None


def test_a_front_page_without_a_feed_is_reported(web_app: App, site: Site) -> None:
    assert web_app.web is not None
    report = web_app.web.ingest_url(site.put("/", section_front(OUTLET)))
    assert report.outcomes[0].status == "failed" and not FeedStore(web_app.services.store).all()


# -- the worker and the chat commands ----------------------------------------------------------


def test_worker_polls_settings_feeds_and_survives_a_broken_one(
    tmp_path: Path, clock: FixedClock, site: Site
) -> None:
    good = summary_feed(site, [DROUGHT])
    broken = site.put("/broken.xml", "<h1>oops</h1>", RSS, status=500)
    with web_app_at(tmp_path, clock, urls=[broken, good]) as app:
        assert app.web is not None
        rounds: list[list[UrlReport]] = []
        worker = FeedWorker(app.web, app.settings.feeds.urls, 3600, rounds.append)
        worker.start()
        try:
            for _ in range(200):
                if rounds:
                    break
                time.sleep(0.05)
        finally:
            worker.stop()
        assert rounds, "the first round runs at once"
        assert stored(app) == 1
        states = {s.url: s for s in FeedStore(app.services.store).all()}
        assert states[broken].errors == 1
        assert "500" in (states[broken].last_error or "")
        assert states[good].articles == 1 and states[good].last_error is None


def test_stopping_mid_feed_leaves_the_rest_for_the_next_poll(web_app: App, site: Site) -> None:
    feed = summary_feed(site, [PORT_STRIKE, DROUGHT, TRANSIT_LEVY], etag="v1")
    assert web_app.web is not None
    web = web_app.web

    def stop_after_first(done: int, _total: int) -> None:
        if done == 1:
            web.stop()

    report = web.ingest_url(feed, stop_after_first)
    assert report.count("added") == 1 and "stopped after 1 of 3" in (report.problem or "")
    state = FeedStore(web_app.services.store).get(feed)
    assert state is not None and state.etag is None  # not marked as fully read
    web._stopping.clear()
    again = web.poll(feed)
    assert [o.status for o in again.outcomes] == ["unchanged", "added", "added"]


def test_a_feed_failing_again_and_again_rests_longer_between_polls(
    web_app: App, site: Site, clock: FixedClock
) -> None:
    from datetime import timedelta

    from bot.ingest.worker import is_due, retry_after_s

    assert [retry_after_s(n, 1800) for n in (0, 2, 3, 4, 5)] == [0, 0, 3600, 7200, 14400]
    assert retry_after_s(30, 1800) == 86_400
    url = site.put("/dead.xml", "gone", "text/plain", status=500)
    assert web_app.web is not None
    worker = FeedWorker(web_app.web, [url], 1800)
    for _ in range(3):
        worker.run_once()
    assert site.hits["/dead.xml"] == 3
    worker.run_once()  # the third failure was just now: it rests for two intervals
    assert site.hits["/dead.xml"] == 3
    state = FeedStore(web_app.services.store).get(url)
    assert state is not None and state.errors == 3
    assert not is_due(state, clock.now() + timedelta(seconds=3599), 1800)
    assert is_due(state, clock.now() + timedelta(seconds=3600), 1800)


async def test_ingest_command_reads_a_feed_and_sources_shows_it(web_app: App, site: Site) -> None:
    feed = summary_feed(site, [PORT_STRIKE, TRANSIT_LEVY])
    reply = await web_app.handle(Invocation("ingest", feed, is_admin=True))
    text = render_text(reply)
    assert not reply.is_error, text
    assert "2 added" in text and PORT_STRIKE.title in text and "polled from now on" in text
    sources = render_text(await web_app.handle(Invocation("sources")))
    assert "Feeds: 1 polled" in sources and OUTLET in sources
    assert "last poll 2026-05-17 09:30 UTC" in sources and "2 articles" in sources


async def test_sources_shows_feed_errors_and_syndicated_outlets(web_app: App, site: Site) -> None:
    feed = summary_feed(site, [PORT_STRIKE])
    assert web_app.web is not None
    web_app.web.ingest_url(feed)
    web_app.web.ingest_url(publish(site, wire_copy(PORT_STRIKE), "127.0.0.1", "Valley Courier"))
    site.put("/feed.xml", "Service Unavailable", "text/html", status=503)
    web_app.web.poll(feed)
    text = render_text(await web_app.handle(Invocation("sources")))
    assert "Problem: HTTP 503" in text and "1 failed poll in a row" in text
    assert "Also published by: Valley Courier" in text


async def test_ingest_command_takes_slack_wrapped_links(web_app: App, site: Site) -> None:
    url = publish(site, DROUGHT)
    reply = await web_app.handle(Invocation("ingest", f"<{url}|{url}>", is_admin=True))
    assert "1 added" in render_text(reply) and stored(web_app) == 1


async def test_sources_lists_a_feed_before_it_yields_articles(web_app: App, site: Site) -> None:
    url = site.put("/empty.xml", rss_feed(OUTLET, site.url("/"), []), RSS)
    assert web_app.web is not None
    assert web_app.web.ingest_url(url).summary() == "no entries"
    text = render_text(await web_app.handle(Invocation("sources")))
    assert "Feeds: 1 polled" in text and "0 articles" in text and "Sources: 0 articles" in text


async def test_ingest_command_is_for_admins_and_explains_failures(web_app: App, site: Site) -> None:
    refused = await web_app.handle(Invocation("ingest", site.url("/x"), is_admin=False))
    assert refused.is_error and "admins only" in render_text(refused)
    missing = await web_app.handle(Invocation("ingest", site.url("/nothing"), is_admin=True))
    text = render_text(missing)
    assert missing.is_error and "HTTP 404" in text and "/nothing" in text
    bad = await web_app.handle(Invocation("ingest", "ftp://example.org/feed", is_admin=True))
    assert bad.is_error and "not a web link" in render_text(bad)


async def test_ingest_command_answers_while_a_big_feed_is_still_read(
    web_app: App, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = summary_feed(site, [PORT_STRIKE, DROUGHT, TRANSIT_LEVY])
    monkeypatch.setattr(ingest_command, "ANSWER_WITHIN_S", 0.0)
    reply = await web_app.handle(Invocation("ingest", feed, is_admin=True))
    assert "Still reading" in render_text(reply) and not reply.is_error
    await asyncio.gather(*ingest_command._background)
    assert stored(web_app) == 3


async def test_ingest_command_example_works_against_a_local_server(
    web_app: App, site: Site
) -> None:
    example = next(s for s in web_app.services.commands if s.name == "ingest").examples[0]
    path = "/" + example.split("://", 1)[1].split("/", 1)[1]
    url = summary_feed(site, [DROUGHT]).replace("/feed.xml", path)
    site.resources[path] = site.resources["/feed.xml"]
    reply = await web_app.handle(Invocation("ingest", url, is_admin=True))
    assert not reply.is_error, render_text(reply)


def test_cli_ingests_a_feed_url_and_a_file(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    feed = summary_feed(site, [DROUGHT])
    note = tmp_path / "note.txt"
    note.write_text(f"{TRANSIT_LEVY.title}\n\n{TRANSIT_LEVY.text}\n")
    store = tmp_path / "cli.sqlite3"
    code = main(["ingest", feed, str(note), "--store", str(store)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"Read feed {feed} ({OUTLET}): 1 added." in out
    assert main(["ingest", feed, "--store", str(store)]) == 0
    assert "not modified since the last poll" in capsys.readouterr().out
    assert main(["ingest", site.url("/gone"), "--store", str(store)]) == 1
    assert "failed: HTTP 404" in capsys.readouterr().out
