"""Hybrid search: meaning finds paraphrases keywords miss; keywords and phrases keep their say."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bootstrap import App
from bot.core.commands import Invocation
from bot.core.errors import UsageError
from bot.core.hybrid import VECTOR_FLOOR, fuse
from bot.core.models import SearchHit
from bot.core.ports import QueryEncoder
from bot.core.reply import Section
from bot.core.search import search_passages
from bot.core.store import PassageMatch
from bot.core.vector_search import VectorMatch

ARTICLES = {
    "storm.txt": (
        "Storm leaves thousands without power\n\n"
        "A violent storm tore down lines across the valley on Tuesday night.\n\n"
        "Around 40,000 homes had no electricity by morning, the utility said, and crews "
        "expected repairs to take three days."
    ),
    "budget.txt": (
        "Council passes school budget\n\n"
        "The city council approved a budget that raises property taxes to pay for new "
        "classrooms.\n\n"
        "Two members voted against it, saying families could not afford the increase."
    ),
    "match.txt": (
        "United win the derby\n\n"
        "United beat City 2-1 in the derby on Saturday with a late goal from their captain.\n\n"
        "The win lifts United to second place in the league."
    ),
}


@pytest.fixture
def news_app(app: App, tmp_path: Path) -> App:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = app.ingestor.ingest_paths([folder])
    assert report.count("added") == len(ARTICLES), report.outcomes
    return app


def encoder_of(app: App) -> QueryEncoder:
    assert app.services.query_encoder is not None
    return app.services.query_encoder


def texts(app: App, hits: list[SearchHit]) -> list[str]:
    store = app.services.store
    return [store.passages(hit.article_id)[hit.passage_index].text for hit in hits]


def test_meaning_finds_a_paraphrase_keywords_miss(news_app: App) -> None:
    store = news_app.services.store
    query = "blackout after bad weather"

    keywords_only = search_passages(store, query)
    hybrid = search_passages(store, query, encoder=encoder_of(news_app))

    assert keywords_only.hits == []
    assert hybrid.hits
    assert hybrid.mode == "any"
    assert "electricity" in texts(news_app, hybrid.hits)[0]
    assert hybrid.hits[0].highlights == ()
    assert hybrid.hits[0].snippet.startswith("Around 40,000 homes")


def test_meaning_outranks_a_weak_keyword_match(news_app: App) -> None:
    # "lines" is the only word any passage has (a power line); the fused list still leads with
    # what the question is about, and the football article never shows up.
    store = news_app.services.store

    result = search_passages(
        store, "how many households lost electricity", encoder=encoder_of(news_app)
    )

    assert result.hits
    assert "40,000 homes" in texts(news_app, result.hits)[0]
    assert all(hit.article_title != "United win the derby" for hit in result.hits)


def test_passages_with_every_word_stay_first_and_only(news_app: App) -> None:
    store = news_app.services.store

    result = search_passages(store, "council budget", encoder=encoder_of(news_app))

    assert result.mode == "all"
    assert result.hits
    for text in texts(news_app, result.hits):
        assert "council" in text.lower()
        assert "budget" in text.lower()


def test_a_quoted_phrase_gets_no_meaning_only_hits(news_app: App) -> None:
    store = news_app.services.store

    result = search_passages(store, '"power cut in the valley"', encoder=encoder_of(news_app))

    assert result.hits == []


@pytest.mark.parametrize("query", ["xyzzyplugh", "zebra giraffe", "qwertyuiop asdf", "🙂 ab"])
def test_unrelated_text_finds_nothing_by_meaning(news_app: App, query: str) -> None:
    result = search_passages(news_app.services.store, query, encoder=encoder_of(news_app))

    assert result.hits == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "NOT",
        "a OR b NOT c",
        "NEAR(storm power)",
        "title:storm",
        "-storm*",
        '"unbalanced',
        "🙂🔥",
    ],
)
def test_hostile_input_is_still_searched_as_plain_words(news_app: App, query: str) -> None:
    try:
        result = search_passages(news_app.services.store, query, encoder=encoder_of(news_app))
    except UsageError:
        return
    assert result.mode in ("all", "any")
    for hit in result.hits:
        assert all(0 <= a < b <= len(hit.snippet) for a, b in hit.highlights)


def test_newly_ingested_articles_are_searched_by_meaning(news_app: App, tmp_path: Path) -> None:
    store = news_app.services.store
    query = "wildfire evacuation"
    assert search_passages(store, query, encoder=encoder_of(news_app)).hits == []
    path = tmp_path / "fire.txt"
    path.write_text(
        "Fire near the town\n\nFlames swept through the hills and residents were evacuated.\n",
        encoding="utf-8",
    )
    news_app.ingestor.ingest_paths([path])

    result = search_passages(store, query, encoder=encoder_of(news_app))

    assert [hit.article_title for hit in result.hits] == ["Fire near the town"]


async def test_the_search_command_uses_the_query_encoder(news_app: App) -> None:
    reply = await news_app.handle(Invocation(name="search", text="blackout after bad weather"))

    sections = [block for block in reply.blocks if isinstance(block, Section)]
    assert sections
    assert sections[0].sources[0].title == "Storm leaves thousands without power"


def match(article: str, passage: int) -> PassageMatch:
    return PassageMatch(article, "t", None, "o", passage, "s", -1.0)


def near(article: str, passage: int) -> VectorMatch:
    return VectorMatch(article, passage, VECTOR_FLOOR + 0.1, 0)


def test_fusion_rewards_agreement() -> None:
    keyword = [match("a", 0), match("b", 0), match("c", 0)]
    meaning = [near("d", 0), near("c", 0)]

    fused = fuse(keyword, meaning, only_keyword=False)

    assert fused[0].article_id == "c"
    assert {f.article_id for f in fused} == {"a", "b", "c", "d"}
    assert [f.score for f in fused] == sorted((f.score for f in fused), reverse=True)


def test_fusion_can_keep_only_keyword_matches() -> None:
    fused = fuse([match("a", 0), match("b", 1)], [near("b", 1), near("z", 0)], only_keyword=True)

    assert [(f.article_id, f.passage_index) for f in fused] == [("b", 1), ("a", 0)]
    assert fused[0].meaning is not None
