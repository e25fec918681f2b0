"""Bad input from the web is reported with the link and the reason, and never stored half."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from newsweb import DROUGHT, PORT_STRIKE, TRANSIT_LEVY, article_page, rss_feed, section_front
from pytest_httpserver import HTTPServer
from websites import HTML, RSS, Site, serve, web_app_at
from werkzeug import Request, Response

from bot.bootstrap import App
from bot.core.clock import FixedClock
from bot.core.feed_store import FeedStore
from bot.core.web_report import UrlReport
from bot.ingest.fetch import Fetcher, FetchError, FetchLimits, decode


@pytest.fixture
def site(httpserver: HTTPServer) -> Site:
    return serve(httpserver)


@pytest.fixture
def web_app(tmp_path: Path, clock: FixedClock) -> Iterator[App]:
    with web_app_at(tmp_path, clock, max_bytes=60_000) as app:
        yield app


def read(app: App, url: str) -> UrlReport:
    assert app.web is not None
    return app.web.ingest_url(url)


def page_reason(app: App, url: str) -> str:
    """The reason a page failed (whole link or its only outcome); asserts nothing was stored."""
    report = read(app, url)
    assert app.services.store.count_articles() == 0
    if report.error is not None:
        return report.error
    (outcome,) = report.outcomes
    assert outcome.status == "failed" and outcome.origin == url
    return outcome.reason


def test_timeout(web_app: App, site: Site) -> None:
    def slow(_request: Request) -> Response:
        time.sleep(1.0)
        return Response("late", content_type="text/html")

    site.resources["/slow"] = slow
    assert "timed out" in page_reason(web_app, site.url("/slow"))


@pytest.mark.parametrize(("status", "words"), [(404, "HTTP 404 NOT FOUND"), (500, "HTTP 500")])
def test_http_errors(web_app: App, site: Site, status: int, words: str) -> None:
    url = site.put("/page", "<h1>error</h1>", HTML, status=status)
    assert words.lower() in page_reason(web_app, url).lower()


def test_redirect_loop_is_named(web_app: App, site: Site) -> None:
    site.put("/a", "", HTML, status=302, headers={"Location": "/b"})
    site.put("/b", "", HTML, status=302, headers={"Location": "/a"})
    reason = page_reason(web_app, site.url("/a"))
    assert reason.startswith("redirect loop") and "/a →" in reason and "/b →" in reason


def test_too_many_redirects(web_app: App, site: Site) -> None:
    for hop in range(10):
        site.put(f"/hop{hop}", "", HTML, status=301, headers={"Location": f"/hop{hop + 1}"})
    assert page_reason(web_app, site.url("/hop0")) == "too many redirects (more than 5)"


def test_redirects_within_the_limit_are_followed(web_app: App, site: Site) -> None:
    target = site.put("/story", article_page(DROUGHT, outlet="Daily", url=site.url("/story")))
    site.put("/short", "", HTML, status=301, headers={"Location": target})
    report = read(web_app, site.url("/short"))
    assert report.outcomes[0].status == "added"


def test_huge_page_with_content_length_is_refused_before_reading(web_app: App, site: Site) -> None:
    url = site.put("/huge", "<p>" + "word " * 40_000 + "</p>", HTML)
    reason = page_reason(web_app, url)
    assert reason.startswith("too large (200,") and "limit is 60,000" in reason


def test_huge_streamed_page_is_cut_off_at_the_cap(web_app: App, site: Site) -> None:
    def endless(_request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            for _ in range(1000):  # 8 MB, without a Content-Length
                yield b"<p>" + b"news " * 1600 + b"</p>"

        return Response(chunks(), content_type="text/html")

    site.resources["/stream"] = endless
    reason = page_reason(web_app, site.url("/stream"))
    assert reason == "too large (more than 60,000 bytes; the limit is 60,000)"


def test_not_utf8(web_app: App, site: Site) -> None:
    page = article_page(DROUGHT, outlet="Daily", url=site.url("/latin")).replace("é", "e")
    raw = page.encode("utf-8").replace(b"Duval", b"Duv\xe0l")
    url = site.put("/latin", raw, "text/html; charset=utf-8")
    offset = raw.index(b"\xe0")
    assert page_reason(web_app, url) == f"not valid UTF-8 text (byte 0xe0 at offset {offset})"


def test_declared_latin1_page_is_read(web_app: App, site: Site) -> None:
    page = article_page(DROUGHT, outlet="Café Gazette", url=site.url("/l1"), charset="iso-8859-1")
    url = site.put("/l1", page.encode("iso-8859-1"), "text/html")
    outcome = read(web_app, url).outcomes[0]
    assert outcome.status == "added"
    article = web_app.services.store.get_article(outcome.article_id or "")
    assert article is not None and article.source == "Café Gazette"


def test_html_without_an_article(web_app: App, site: Site) -> None:
    url = site.put("/world", section_front("Daily"), HTML)
    assert page_reason(web_app, url).startswith("no article")


def test_paywall_teaser_is_reported_not_stored(web_app: App, site: Site) -> None:
    url = site.put("/locked", article_page(PORT_STRIKE, outlet="Daily", url="x", paywall=True))
    assert page_reason(web_app, url).startswith("paywalled: only a teaser of")


def test_wrong_content_type(web_app: App, site: Site) -> None:
    url = site.put("/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
    assert page_reason(web_app, url) == "not a web page or feed (content type image/png)"


def test_connection_refused(web_app: App) -> None:
    assert page_reason(web_app, "http://127.0.0.1:9/nothing").startswith("cannot connect")


def test_malformed_feed_xml_with_nothing_readable(web_app: App, site: Site) -> None:
    url = site.put("/bad.xml", '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>X', RSS)
    report = read(web_app, url)
    assert report.error is not None and report.error.startswith("malformed XML")
    state = FeedStore(web_app.services.store).get(url)
    assert state is not None and state.errors == 1 and state.last_error == report.error


def test_malformed_feed_keeps_the_entries_it_could_read(web_app: App, site: Site) -> None:
    items = [(DROUGHT, site.url("/d")), (TRANSIT_LEVY, site.url("/t"))]
    site.put("/d", article_page(DROUGHT, outlet="Daily", url=site.url("/d")))
    site.put("/t", article_page(TRANSIT_LEVY, outlet="Daily", url=site.url("/t")))
    xml = rss_feed("Daily", site.url("/"), items)
    cut = xml.index("<item>", xml.index("<item>") + 1)  # the first item whole, then cut off
    url = site.put("/cut.xml", xml[: cut + 30], RSS)
    report = read(web_app, url)
    assert report.problem is not None and report.problem.startswith("malformed XML")
    assert [o.status for o in report.outcomes] == ["added"]
    state = FeedStore(web_app.services.store).get(url)
    assert (
        state is not None and state.last_error is not None and "malformed XML" in state.last_error
    )


def test_feed_that_is_not_utf8(web_app: App, site: Site) -> None:
    xml = rss_feed("Daily", site.url("/"), [(DROUGHT, site.url("/d"))]).encode("utf-8")
    raw = xml.replace(b"Latest news", b"Derni\xe8res news")
    report = read(web_app, site.put("/latin.xml", raw, RSS))
    assert report.error is not None and report.error.startswith("not valid UTF-8 text (byte 0xe8")


def test_bad_entry_pages_are_reported_and_the_rest_stored(web_app: App, site: Site) -> None:
    items = [
        (DROUGHT, site.url("/ok")),
        (PORT_STRIKE, site.url("/missing")),
        (TRANSIT_LEVY, site.url("/front")),
    ]
    site.put("/ok", article_page(DROUGHT, outlet="Daily", url=site.url("/ok")))
    site.put("/front", section_front("Daily"))
    report = read(web_app, site.put("/mixed.xml", rss_feed("Daily", site.url("/"), items), RSS))
    assert [o.status for o in report.outcomes] == ["added", "failed", "failed"]
    assert report.outcomes[1].reason == "article page: HTTP 404 NOT FOUND"
    assert report.outcomes[2].reason.startswith("article page: no article")
    assert web_app.services.store.count_articles() == 1


def test_failed_poll_keeps_validators_and_recovers(web_app: App, site: Site) -> None:
    site.put("/d", article_page(DROUGHT, outlet="Daily", url=site.url("/d")))
    xml = rss_feed("Daily", site.url("/"), [(DROUGHT, site.url("/d"))])
    url = site.put("/f.xml", xml, RSS, etag='"e1"')
    assert web_app.web is not None
    web_app.web.ingest_url(url)
    site.put("/f.xml", "busy", "text/plain", status=500)
    assert web_app.web.poll(url).error == "HTTP 500 INTERNAL SERVER ERROR"
    site.put("/f.xml", xml, RSS, etag='"e1"')
    assert web_app.web.poll(url).not_modified
    state = FeedStore(web_app.services.store).get(url)
    assert state is not None and state.errors == 0 and state.last_error is None


def test_not_a_web_link() -> None:
    with pytest.raises(FetchError, match="not a web link"):
        Fetcher(FetchLimits()).get("file:///etc/passwd", accept=("text/html",))


def test_decode_rejects_unknown_charsets() -> None:
    from bot.ingest.fetch import Fetched

    fetched = Fetched("http://x", 200, "text/html", "klingon-8", b"hi", None, None)
    with pytest.raises(FetchError, match="unknown character set"):
        decode(fetched)


def test_a_failure_while_saving_leaves_nothing_behind(
    web_app: App, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.core import source_store

    def broken(*_args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(source_store, "_upsert_source", broken)
    url = site.put("/story", article_page(DROUGHT, outlet="Daily", url=site.url("/story")))
    outcome = read(web_app, url).outcomes[0]
    assert outcome.status == "failed" and outcome.reason == "not stored (disk full)"
    store = web_app.services.store
    assert store.count_articles() == 0
    conn = store._conn()
    for table in ("passages", "sentences", "article_minhash", "article_sources"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


@pytest.mark.parametrize(
    "head",
    [
        '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="/rss.xsl"?>\n',
        "<!-- generated -->\n",
        "\ufeff",
    ],
)
def test_feeds_are_recognised_behind_stylesheets_comments_and_marks(
    web_app: App, site: Site, head: str
) -> None:
    site.put("/d", article_page(DROUGHT, outlet="Daily", url=site.url("/d")))
    xml = rss_feed("Daily", site.url("/"), [(DROUGHT, site.url("/d"))])
    body = head + xml.split("\n", 1)[1]
    report = read(web_app, site.put("/styled.xml", body, "application/xml"))
    assert report.kind == "feed" and report.count("added") == 1, report
