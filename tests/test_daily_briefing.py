"""The daily briefing end to end: composed from the store, posted and pinned once, rotated."""

from __future__ import annotations

import itertools
import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from conftest import SEEDS
from pydantic import SecretStr
from slack_support import BOT_TOKEN, MockSlack, mock_slack

from bot.adapters.text_render import render_text
from bot.bootstrap import App, build
from bot.core.clock import FixedClock
from bot.core.daily import compose_daily
from bot.core.deliveries import Ledger
from bot.core.reply import Section
from bot.core.schedule import Subscription
from bot.settings import DailySettings, Settings, SlackSettings

SUB = Subscription("slack", "C1", time(8, 0), "UTC")
DAY = date(2026, 5, 17)

FOLLOW_UP = """The Senate scheduled a vote on the Graham-Blumenthal sanctions bill for Tuesday, \
Majority Leader John Thune said on Monday.

"We will vote on it next week," Thune told reporters at the Capitol.
"""


async def test_the_first_briefing_lists_the_articles_quotes_and_open_questions(
    seeded_app: App,
) -> None:
    composed = await compose_daily(seeded_app.services, SUB, DAY, None, "")
    text = render_text(composed.reply).replace("**", "")  # bold marks aside
    assert composed.reply.visibility == "public"
    assert text.startswith("Daily briefing · Sunday 17 May 2026")
    assert "1 new article in the last day." in text
    assert "Key quotes" in text and "— Maria Snegovaya" in text
    assert "Open questions" in text and "sanctions bill" in text
    digest = json.loads(composed.digest)
    assert any("sanctions bill" in question for question in digest)


async def test_with_nothing_new_it_says_so_and_marks_changed_questions(seeded_app: App) -> None:
    first = await compose_daily(seeded_app.services, SUB, DAY, None, "")
    later = datetime(2026, 5, 18, 8, 0, tzinfo=UTC)
    stale = {question: "an older status" for question in json.loads(first.digest)}
    again = await compose_daily(
        seeded_app.services, SUB, date(2026, 5, 18), later, json.dumps(stale)
    )
    text = render_text(again.reply)
    assert "Nothing new arrived since the last briefing on 18 May." in text
    assert "Key quotes" not in text
    assert "(status changed)" in text


async def test_a_follow_up_article_is_the_news_of_the_next_day(
    seeded_app: App, tmp_path: Path
) -> None:
    first = await compose_daily(seeded_app.services, SUB, DAY, None, "")
    follow = tmp_path / "follow" / "senate-vote.txt"
    follow.parent.mkdir()
    follow.write_text("Senate sets sanctions vote\n\n" + FOLLOW_UP, encoding="utf-8")
    seeded_app.services.clock = FixedClock(datetime(2026, 5, 18, 7, 0, tzinfo=UTC))
    seeded_app.ingestor.clock = seeded_app.services.clock
    seeded_app.ingestor.ingest_paths([follow])
    later = datetime(2026, 5, 17, 23, 0, tzinfo=UTC)  # the seed came at 09:30 that day
    nxt = await compose_daily(seeded_app.services, SUB, date(2026, 5, 18), later, first.digest)
    text = render_text(nxt.reply).replace("**", "")
    assert "1 new article since the last briefing on 17 May." in text
    assert "Senate sets sanctions vote" in text
    assert "Trump shows signs" not in text.split("Open questions")[0]
    assert "— John Thune" in text


async def test_a_first_briefing_covers_the_last_day_not_the_archive(seeded_app: App) -> None:
    services = seeded_app.services
    services.clock = FixedClock(services.clock.now() + timedelta(days=3))
    composed = await compose_daily(services, SUB, date(2026, 5, 20), None, "")
    text = render_text(composed.reply)
    assert "Nothing new arrived in the last day." in text
    assert "Key quotes" not in text
    assert "Open questions" in text  # the story's state is still worth pinning


async def test_an_empty_store_says_so(app: App) -> None:
    composed = await compose_daily(app.services, SUB, DAY, None, "")
    assert "No articles are indexed yet." in render_text(composed.reply)


async def test_parts_are_headed_in_bold_and_quotes_stand_alone(seeded_app: App) -> None:
    composed = await compose_daily(seeded_app.services, SUB, DAY, None, "")
    bold = [
        block.text[a:b]
        for block in composed.reply.blocks
        if isinstance(block, Section)
        for a, b in block.highlights
    ]
    assert "Key quotes" in bold and "Open questions" in bold
    assert "Maria Snegovaya" in bold  # the speaker of a key quote
    quotes = [b.text for b in composed.reply.blocks if isinstance(b, Section) and "\n— " in b.text]
    assert quotes and not any(",”\n" in text or ',"\n' in text for text in quotes)
    # A story's consecutive sentences from one article are one paragraph, cited once.
    cited = [b for b in composed.reply.blocks if isinstance(b, Section) and b.sources]
    pairs = itertools.pairwise(cited)
    assert not any(a.sources == b.sources and "\n" not in a.text + b.text for a, b in pairs)


async def test_what_moved_since_the_last_briefing_comes_first(seeded_app: App) -> None:
    first = await compose_daily(seeded_app.services, SUB, DAY, None, "")
    statuses = json.loads(first.digest)
    last = list(statuses)[-1]  # the least central open question
    statuses[last] = "an older status"
    later = datetime(2026, 5, 18, 8, 0, tzinfo=UTC)
    again = await compose_daily(
        seeded_app.services, SUB, date(2026, 5, 18), later, json.dumps(statuses)
    )
    part = render_text(again.reply).replace("**", "").split("Open questions\n", 1)[1]
    assert part.startswith(f"{last} (status changed)")
    assert part.count("(status changed)") == 1 and "(new)" not in part


async def test_key_quotes_come_from_different_people(app: App, tmp_path: Path) -> None:
    folder = tmp_path / "police"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Bank bombing suspect sought\n\n"
        "Police are searching for the bomber, Lt. Hastings said on Friday.\n\n"
        '"That person is dangerous and needs to be found," Hastings said.\n',
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Two officers killed in bank blast\n\n"
        '"This individual took the life of two police officers," said Gregg Hastings, a '
        "spokesman for the state police.\n\n"
        '"We are shocked," said Mayor Kathy Figley.\n',
        encoding="utf-8",
    )
    app.ingestor.ingest_paths([folder])
    composed = await compose_daily(app.services, SUB, DAY, None, "")
    quotes = render_text(composed.reply).replace("**", "").split("Key quotes", 1)[1]
    assert quotes.count("Hastings") == 1, quotes
    assert "— Kathy Figley" in quotes


@pytest.fixture
async def mock() -> AsyncIterator[MockSlack]:
    async with mock_slack() as server:
        yield server
        assert server.problems == []


def slack_settings(settings: Settings, mock: MockSlack) -> Settings:
    return settings.model_copy(
        update={
            "slack": SlackSettings(bot_token=SecretStr(BOT_TOKEN), api_base_url=mock.api_url),
            "daily": DailySettings(time="08:00", timezone="UTC", destinations=["slack:C1"]),
        }
    )


async def test_post_daily_posts_and_pins_once_and_force_rotates_the_pin(
    settings: Settings, mock: MockSlack
) -> None:
    from bot.daily_cli import _post

    clock = FixedClock(datetime(2026, 5, 17, 9, 30, tzinfo=UTC))
    app = build(slack_settings(settings, mock), clock=clock)
    app.ingest_corpus()
    subs = app.services.daily.declared()
    assert await _post(app, subs, force=False) == 0
    assert len(mock.to("/api/chat.postMessage")) == 1
    first_ts = mock.to("/api/pins.add")[0].payload["timestamp"]
    assert await _post(app, subs, force=False) == 0  # same local day: nothing
    assert len(mock.to("/api/chat.postMessage")) == 1
    assert await _post(app, subs, force=True) == 0
    assert len(mock.to("/api/chat.postMessage")) == 2
    assert mock.to("/api/pins.remove")[0].payload["timestamp"] == first_ts
    assert Ledger(app.services.store).last_served("slack:C1") == DAY
    app.close()


async def test_post_daily_reports_a_platform_failure_and_posts_later(
    settings: Settings, mock: MockSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    from functools import partial

    from bot import daily_runtime
    from bot.core.daily_delivery import Deliverer
    from bot.daily_cli import _post

    monkeypatch.setattr(daily_runtime, "Deliverer", partial(Deliverer, backoff_s=0))

    clock = FixedClock(datetime(2026, 5, 17, 9, 30, tzinfo=UTC))
    app = build(slack_settings(settings, mock), clock=clock)
    app.ingest_corpus()
    subs = app.services.daily.declared()
    failed: tuple[int, dict[str, object], dict[str, str]] = (
        200,
        {"ok": False, "error": "internal_error"},
        {},
    )
    mock.script["/api/chat.postMessage"] = [failed] * 4
    assert await _post(app, subs, force=False) == 1
    assert len(mock.to("/api/chat.postMessage")) == 4  # tried, then retried with backoff
    assert mock.to("/api/pins.add") == []
    assert await _post(app, subs, force=False) == 0  # the channel works again: posted once
    assert len(mock.to("/api/pins.add")) == 1
    app.close()


async def test_post_daily_prints_what_to_do_about_a_refusal_and_posts_once_fixed(
    settings: Settings, mock: MockSlack, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.daily_cli import _post

    clock = FixedClock(datetime(2026, 5, 17, 9, 30, tzinfo=UTC))
    app = build(slack_settings(settings, mock), clock=clock)
    app.ingest_corpus()
    subs = app.services.daily.declared()
    mock.script["/api/chat.postMessage"] = [(200, {"ok": False, "error": "not_in_channel"}, {})]
    assert await _post(app, subs, force=False) == 1
    assert len(mock.to("/api/chat.postMessage")) == 1  # not retried: only an admin can fix it
    out = capsys.readouterr().out
    assert "slack:C1 2026-05-17: failed: not_in_channel: invite the bot" in out
    assert "(/invite @briefing-bot)" in out
    assert await _post(app, subs, force=False) == 0  # the bot was invited: posted once
    assert len(mock.to("/api/chat.postMessage")) == 2
    assert len(mock.to("/api/pins.add")) == 1
    app.close()


def test_post_daily_dry_run_prints_a_preview_without_destinations(
    settings: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.cli import main

    monkeypatch.setenv("BOT_CORPUS__DIRS", str(SEEDS))
    code = main(["post-daily", "--dry-run", "--store", str(settings.store.path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "== preview:console" in out
    assert "Daily briefing ·" in out and "Open questions" in out


def test_post_daily_without_destinations_explains_how_to_add_one(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    code = main(["post-daily", "--store", str(settings.store.path)])
    assert code == 0
    assert "/subscribe" in capsys.readouterr().out


def test_the_scheduler_runs_beside_the_platforms(app: App) -> None:
    from bot.serve import DAILY

    assert DAILY.configured(app.settings)


async def test_key_quotes_follow_the_order_of_the_stories(app: App) -> None:
    from conftest import DATA

    stories = DATA / "questions"
    app.ingestor.ingest_paths([stories / "trial-1.md"])
    app.ingestor.ingest_paths([stories / "council-1.md", stories / "council-2.md"])
    composed = await compose_daily(app.services, SUB, DAY, None, "")
    text = render_text(composed.reply)
    headings, quotes = text.split("Key quotes", 1)
    assert headings.index("Riverton") < headings.index("2.")  # two articles: listed first
    first_quote_source = quotes.split("   — ", 1)[1].splitlines()[0]
    assert "Riverton" in first_quote_source or "council" in first_quote_source.lower()


def test_a_story_is_headed_by_the_title_that_names_it() -> None:
    from bot.core.daily import NewArticle, _headline

    titles = [
        "Friday, June 7, 2013",  # the newest, but a dateline
        "Esther Williams, swimmer turned actress, dies at 91",
        "Swimming star Esther Williams dies",
    ]
    members = [NewArticle(str(n), title, None, None) for n, title in enumerate(titles)]
    assert "Esther Williams" in _headline(members).title
    assert _headline(members[:1]).title == titles[0]  # one article: its own title


async def test_the_last_briefing_is_dated_in_the_channels_time_zone(seeded_app: App) -> None:
    tokyo = Subscription("slack", "C1", time(8, 0), "Asia/Tokyo")
    later = datetime(2026, 5, 17, 23, 0, tzinfo=UTC)  # 18 May, 08:00 in Tokyo
    seeded_app.services.clock = FixedClock(datetime(2026, 5, 18, 23, 0, tzinfo=UTC))
    composed = await compose_daily(seeded_app.services, tokyo, date(2026, 5, 19), later, "")
    assert "since the last briefing on 18 May." in render_text(composed.reply)
