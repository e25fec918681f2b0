"""Briefings: /brief on the seed corpus, topic focus, story order, the CLI's JSON shape."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import SEEDS

from bot.bootstrap import App, build
from bot.cli import main
from bot.core.brief_stories import each_article_alone
from bot.core.clock import FixedClock
from bot.core.commands import Invocation
from bot.core.reply import Context, Section
from bot.core.store import Store
from bot.core.summary import SourceDoc, Summary, SummarySentence
from bot.settings import CorpusSettings, Settings, StoreSettings


def _body(app: App, article_id: str) -> str:
    article = app.services.store.get_article(article_id)
    assert article is not None
    return article.body


async def test_brief_on_the_seed_is_public_short_and_every_sentence_cites_its_source(
    seeded_app: App,
) -> None:
    reply = await seeded_app.handle(Invocation("brief"))
    assert not reply.is_error
    assert reply.visibility == "public"
    sections = [b for b in reply.blocks if isinstance(b, Section)]
    assert 3 <= len(sections) <= 6
    texts = [s.text.removeprefix("• ") for s in sections]
    assert len(set(texts)) == len(texts)
    words = sum(len(t.split()) for t in texts)
    assert 60 <= words <= seeded_app.settings.summarizer.max_words
    for section, text in zip(sections, texts, strict=True):
        assert len(section.sources) == 1
        source = section.sources[0]
        assert source.article_id is not None
        assert text in _body(seeded_app, source.article_id)  # verbatim


async def test_brief_covers_more_than_the_first_three_sentences(seeded_app: App) -> None:
    store = seeded_app.services.store
    article_id = store.list_articles()[0].id
    lead3 = {s.text for s in store.sentences(article_id)[:3]}
    reply = await seeded_app.handle(Invocation("brief"))
    texts = {b.text.removeprefix("• ") for b in reply.blocks if isinstance(b, Section)}
    assert texts - lead3


async def test_topic_brief_prefers_sentences_about_the_topic(seeded_app: App) -> None:
    reply = await seeded_app.handle(Invocation("brief", text="sanctions"))
    assert not reply.is_error
    texts = [b.text for b in reply.blocks if isinstance(b, Section)]
    about = [t for t in texts if "sanction" in t.lower()]
    assert len(about) >= len(texts) / 2, texts


async def test_topic_that_matches_nothing_is_a_friendly_not_found(seeded_app: App) -> None:
    reply = await seeded_app.handle(Invocation("brief", text="zebra giraffe"))
    assert reply.is_error
    assert "zebra giraffe" in reply.fallback_text


async def test_brief_of_an_empty_store_says_so(app: App) -> None:
    reply = await app.handle(Invocation("brief"))
    assert reply.is_error
    assert "No articles" in reply.fallback_text


class RecordingSummarizer:
    """Summarises each story with its first sentence and records what it was given."""

    name = "recording"

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], int, str | None]] = []

    async def summarize(
        self, docs: Sequence[SourceDoc], *, max_words: int, topic: str | None = None
    ) -> Summary:
        self.calls.append(([d.article_id for d in docs], max_words, topic))
        first = docs[0].sentences[0]
        return Summary((SummarySentence(first.text, docs[0].article_id, first.index),), self.name)


def _corpus(folder: Path) -> None:
    folder.mkdir()
    stories = {
        "a1": ("Flood hits river town", "Heavy rain flooded the river town on Monday night."),
        "a2": ("River town floods again", "The river burst its banks and flooded the town."),
        "b1": ("Council approves budget", "The city council approved next year's budget."),
    }
    for name, (title, body) in stories.items():
        (folder / f"{name}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")


async def test_general_brief_gives_one_item_per_story_most_covered_first(
    tmp_path: Path, clock: FixedClock
) -> None:
    _corpus(tmp_path / "news")
    settings = Settings(
        store=StoreSettings(path=tmp_path / "s.sqlite3"),
        corpus=CorpusSettings(dirs=[tmp_path / "news"]),
    )
    recorder = RecordingSummarizer()
    app = build(settings, clock=clock, summarizer=recorder)
    try:
        app.ingest_corpus()
        ids = {a.title: a.id for a in app.services.store.list_articles()}
        flood = {ids["Flood hits river town"], ids["River town floods again"]}

        def grouper(store: Store) -> list[list[str]]:
            return [[ids["Council approves budget"]], sorted(flood)]

        app.services.story_groups = grouper
        reply = await app.handle(Invocation("brief"))
    finally:
        app.close()
    assert [set(call[0]) for call in recorder.calls] == [flood, {ids["Council approves budget"]}]
    assert sum(call[1] for call in recorder.calls) <= settings.summarizer.max_words
    items = [b.text for b in reply.blocks if isinstance(b, Context)]
    assert items[0].startswith("1. ") and "(2 articles)" in items[0]
    assert items[1].startswith("2. Council approves budget")


async def test_a_bot_without_summariser_says_briefings_are_not_set_up(seeded_app: App) -> None:
    seeded_app.services.summarizer = None
    reply = await seeded_app.handle(Invocation("brief"))
    assert reply.is_error
    assert "not set up" in reply.fallback_text


def test_cli_brief_json_has_the_design_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "cli.sqlite3"
    assert main(["ingest", str(SEEDS), "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["brief", "--topic", "sanctions bill", "--json", "--store", str(store)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"title", "sentences"}
    assert data["title"] == "Briefing: sanctions bill"
    assert data["sentences"]
    for sentence in data["sentences"]:
        assert set(sentence) == {"text", "article_id", "url"}
        assert len(sentence["article_id"]) == 16


def test_cli_brief_with_an_unmatched_topic_exits_1_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "cli.sqlite3"
    assert main(["ingest", str(SEEDS), "--store", str(store)]) == 0
    assert main(["brief", "--topic", "zebra", "--store", str(store)]) == 1
    assert "zebra" in capsys.readouterr().err


async def test_a_general_brief_holds_only_as_many_stories_as_its_budget_allows(
    tmp_path: Path, clock: FixedClock
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(6):
        (folder / f"{n}.txt").write_text(
            f"Story {n} headline\n\nEvent {n} happened in town {n} on a quiet Monday.\n",
            encoding="utf-8",
        )
    settings = Settings(
        store=StoreSettings(path=tmp_path / "s.sqlite3"), corpus=CorpusSettings(dirs=[folder])
    )
    recorder = RecordingSummarizer()
    app = build(settings, clock=clock, summarizer=recorder)
    app.services.story_groups = each_article_alone  # six stories, however alike they read
    try:
        app.ingest_corpus()
        await app.handle(Invocation("brief"))
    finally:
        app.close()
    assert len(recorder.calls) == settings.summarizer.max_words // 40
    assert sum(call[1] for call in recorder.calls) <= settings.summarizer.max_words
