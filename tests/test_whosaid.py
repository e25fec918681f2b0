"""``/whosaid`` and ``python -m bot quotes``: stored quotes by person and topic, with sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.adapters.console import ask
from bot.adapters.text_render import render_text
from bot.bootstrap import App
from bot.core.reply import Header, Section
from bot.core.whosaid import WHOSAID, complete_person


async def _text(app: App, line: str) -> str:
    reply = await ask(app, line)
    assert not reply.is_error, render_text(reply)
    return render_text(reply)


def test_quotes_are_stored_with_the_article_and_go_with_it(seeded_app: App) -> None:
    store = seeded_app.services.store
    (summary,) = store.list_articles()
    article = store.get_article(summary.id)
    assert article is not None
    conn = store._conn()
    rows = conn.execute("SELECT * FROM quotes WHERE article_id = ?", (article.id,)).fetchall()
    assert len(rows) >= 25
    for row in rows:
        assert article.body[row["char_start"] : row["char_end"]] == row["text"]
    store.delete_article(article.id)
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 0


async def test_no_person_lists_speakers_with_counts(seeded_app: App) -> None:
    text = await _text(seeded_app, "/whosaid")
    assert "Maria Snegovaya (" in text
    assert "Eric Schmitt (" in text
    for mentioned_only in ("Thune", "Graham", "Blumenthal", "Witkoff"):
        assert f"{mentioned_only} (" not in text


async def test_person_by_surname_gets_every_quote_with_role_and_source(seeded_app: App) -> None:
    reply = await ask(seeded_app, "/whosaid Snegovaya")
    header = reply.blocks[0]
    assert isinstance(header, Header)
    assert "Maria Snegovaya" in header.text
    quotes = [b for b in reply.blocks if isinstance(b, Section) and b.sources]
    assert len(quotes) >= 5
    assert all(b.sources[0].article_id for b in quotes)
    text = render_text(reply)
    assert "senior fellow" in text
    assert "plenty of carrots" in text
    assert "We have to meet" not in text  # Trump's, not hers


@pytest.mark.parametrize("typed", ["snegovaya", "SNEGOVAYA", "Snegovya", "maria snegovaya"])
async def test_person_matching_ignores_case_and_typos(seeded_app: App, typed: str) -> None:
    text = await _text(seeded_app, f"/whosaid {typed}")
    assert "Who said what: Maria Snegovaya" in text


async def test_full_name_then_topic(seeded_app: App) -> None:
    text = await _text(seeded_app, "/whosaid Maria Snegovaya carrots")
    assert "about “carrots”" in text
    assert "plenty of carrots" in text
    assert "Many businesses" not in text


async def test_topic_without_person_groups_by_speaker(seeded_app: App) -> None:
    text = await _text(seeded_app, "/whosaid about sanctions")
    assert "Eric Schmitt" in text
    assert "Maria Snegovaya" in text
    assert "Vladimir, STOP" not in text


async def test_unknown_name_says_did_you_mean(seeded_app: App) -> None:
    reply = await ask(seeded_app, "/whosaid Schmidt")
    assert reply.is_error
    assert "Did you mean Eric Schmitt?" in render_text(reply)


async def test_someone_only_mentioned_is_not_quoted(seeded_app: App) -> None:
    reply = await ask(seeded_app, "/whosaid Thune")
    assert reply.is_error
    text = render_text(reply)
    assert "No one called “Thune” is quoted." in text
    assert "spokesperson" in text


async def test_options_from_discord_are_split_the_same_way(seeded_app: App) -> None:
    from bot.core.commands import Invocation

    reply = await seeded_app.handle(
        Invocation("whosaid", options={"person": "Eric Schmitt", "about": "sanctions"})
    )
    assert "premature" in render_text(reply)


def test_person_autocomplete_suggests_speakers(seeded_app: App) -> None:
    assert WHOSAID.params[0].complete is complete_person
    assert complete_person(seeded_app.services, "sne") == ["Maria Snegovaya"]
    assert "Eric Schmitt" in complete_person(seeded_app.services, "")
    assert complete_person(seeded_app.services, "zzz") == []


def test_quotes_command_prints_the_design_json(
    seeded_app: App, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    store = str(seeded_app.settings.store.path)
    code = main(
        ["quotes", "--speaker", "schmitt", "--topic", "sanctions", "--json", "--store", store]
    )
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows
    keys = {"speaker", "text", "kind", "cue", "role", "article_id", "article_title", "url"}
    for row in rows:
        assert set(row) == keys | {"char_start", "char_end"}
        assert row["speaker"] == "Eric Schmitt"
        assert row["kind"] in ("direct", "indirect")
    (summary,) = seeded_app.services.store.list_articles()
    article = seeded_app.services.store.get_article(summary.id)
    assert article is not None
    first = rows[0]
    assert article.body[first["char_start"] : first["char_end"]] == first["text"]


def test_quotes_command_reports_unknown_speakers(
    seeded_app: App, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    store = str(seeded_app.settings.store.path)
    assert main(["quotes", "--speaker", "Nobody Atall", "--store", store]) == 1
    assert "No one called" in capsys.readouterr().err


async def test_speakers_group_across_articles_newest_first(app: App, tmp_path: Path) -> None:
    older = tmp_path / "older.md"
    older.write_text(
        "---\ntitle: Older\npublished: 2026-05-01\n---\n\n"
        "“Tariffs are coming,” President Donald Trump said on Monday.\n",
        encoding="utf-8",
    )
    newer = tmp_path / "newer.md"
    newer.write_text(
        "---\ntitle: Newer\npublished: 2026-05-10\n---\n\n"
        "“The tariffs are paused,” Trump told reporters.\n",
        encoding="utf-8",
    )
    app.ingestor.ingest_paths([older, newer])
    text = await _text(app, "/whosaid trump")
    assert "Who said what: Donald Trump" in text
    assert text.index("tariffs are paused") < text.index("Tariffs are coming")
    assert "2 quotes from 1 speaker" in text
    listing = await _text(app, "/whosaid")
    assert "Donald Trump (2)" in listing


@pytest.mark.parametrize("typed", ["Sneg", "the"])
async def test_short_input_matches_name_starts_not_fragments(seeded_app: App, typed: str) -> None:
    reply = await ask(seeded_app, f"/whosaid {typed}")
    text = render_text(reply)
    if typed == "Sneg":
        assert "Who said what: Maria Snegovaya" in text
    else:
        assert reply.is_error
        assert "Kremlin" not in text


def test_quotes_can_be_limited_to_some_articles(seeded_app: App) -> None:
    from bot.core.quote_lookup import MAX_SQL_IDS, find_quotes

    store = seeded_app.services.store
    (seed,) = store.list_articles()
    every = find_quotes(store)
    assert every and find_quotes(store, article_ids=[seed.id]) == every
    assert find_quotes(store, article_ids=["no-such-article"]) == []
    many = [f"other-{n}" for n in range(MAX_SQL_IDS + 1)]  # past the SQL parameter limit
    assert find_quotes(store, article_ids=many) == []
    assert find_quotes(store, article_ids=[*many, seed.id]) == every
