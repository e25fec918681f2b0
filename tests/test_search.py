"""Full-text search: safe FTS5 queries from anything typed, ranking modes and highlights."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.bootstrap import App
from bot.core.errors import UsageError
from bot.core.models import SearchHit
from bot.core.search import SearchResult, fts_query, search_passages, unmark
from bot.core.store import Store

FTS_SYNTAX = ['"', "*", "-", ":", "^", "(", ")", "{", "}", "+", ",", "“", "”", "'"]
FTS_WORDS = ["NOT", "OR", "AND", "NEAR", "NEAR(", "not", "or", "and", "near/2"]
CORPUS_WORDS = ["sanctions", "bill", "Putin", "Trump", "Air", "Force", "One", "the", "a"]

hostile_text = st.one_of(
    st.text(),
    st.lists(
        st.one_of(
            st.sampled_from(FTS_SYNTAX + FTS_WORDS + CORPUS_WORDS),
            st.sampled_from([" ", "  ", "\t", "\n"]),
            st.text(max_size=6),
        ),
        max_size=16,
    ).map("".join),
)


def passage_text(store: Store, hit: SearchHit) -> str:
    return store.passages(hit.article_id)[hit.passage_index].text


def has_words(text: str) -> bool:
    return re.search(r"\w", text) is not None


def search_or_usage_error(store: Store, text: str) -> SearchResult | None:
    """Search, allowing only a UsageError; check the result's shape."""
    try:
        result = search_passages(store, text)
    except UsageError:
        return None
    assert isinstance(result, SearchResult)
    assert result.mode in ("all", "any")
    assert len(result.hits) <= 5
    for hit in result.hits:
        for start, end in hit.highlights:
            assert 0 <= start < end <= len(hit.snippet)
    return result


# -- hostile input ----------------------------------------------------------------------------


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=hostile_text)
def test_any_query_returns_a_result_or_a_usage_error(seeded_app: App, text: str) -> None:
    # The store is only read here, so sharing the function-scoped fixture across examples is safe.
    search_or_usage_error(seeded_app.services.store, text)


@settings(max_examples=200, deadline=None)
@given(text=hostile_text)
def test_fts_query_quotes_every_term(text: str) -> None:
    for mode in ("all", "any"):
        query = fts_query(text, mode)
        if query is None:
            continue
        term = r'"\w+(?: \w+)*"'
        separator = " " if mode == "all" else " OR "
        assert re.fullmatch(f"{term}(?:{separator}{term})*", query), (text, query)


WORDLESS_PHRASE_PLUS_STOPWORD = ['"?" the', '":" I', '"..." what']


@settings(max_examples=200, deadline=None)
@example(text=WORDLESS_PHRASE_PLUS_STOPWORD[0])
@given(text=hostile_text)
def test_fts_query_refuses_only_text_without_words(text: str) -> None:
    for mode in ("all", "any"):
        assert (fts_query(text, mode) is None) == (not has_words(text)), (mode, text)


@pytest.mark.parametrize("text", WORDLESS_PHRASE_PLUS_STOPWORD)
def test_stopword_next_to_a_wordless_phrase_is_still_searched(seeded_app: App, text: str) -> None:
    result = search_passages(seeded_app.services.store, text)

    assert result.hits


@pytest.mark.parametrize(
    "text",
    [
        "NOT",
        "OR",
        "AND",
        '"',
        "*",
        "-",
        'sanctions"',
        '"unbalanced',
        "a OR b NOT c",
        "NEAR(putin trump)",
        "(((",
        "🙂🔥🇺🇦",
        "title:putin",
        "-putin",
        "putin*",
        "^trump",
        "{title text}: putin",
        '""',
        '" "',
        "   ",
        "",
    ],
)
def test_hostile_query_never_raises_anything_else(seeded_app: App, text: str) -> None:
    search_or_usage_error(seeded_app.services.store, text)


@pytest.mark.parametrize("text", ["", "   ", '"', "*", "(((", "🙂🔥", '""', "-:^{}"])
def test_nothing_searchable_is_a_usage_error(seeded_app: App, text: str) -> None:
    assert fts_query(text) is None
    assert fts_query(text, "any") is None
    with pytest.raises(UsageError) as caught:
        search_passages(seeded_app.services.store, text)
    assert caught.value.hint


def test_operator_words_are_searched_as_words(seeded_app: App) -> None:
    result = search_passages(seeded_app.services.store, "NOT")

    assert result.mode == "all"
    assert result.hits
    for hit in result.hits:
        words = [hit.snippet[a:b].lower() for a, b in hit.highlights]
        assert words
        assert set(words) == {"not"}


# -- ranking and highlights -------------------------------------------------------------------


def test_all_words_match_with_highlights(seeded_app: App) -> None:
    store = seeded_app.services.store

    result = search_passages(store, "sanctions bill")

    assert result.mode == "all"
    assert result.hits
    for hit in result.hits:
        text = passage_text(store, hit).lower()
        assert "sanction" in text
        assert re.search(r"\bbills?\b", text)
        highlighted = [hit.snippet[a:b] for a, b in hit.highlights]
        assert highlighted
        assert all(re.fullmatch(r"sanction\w*|bills?", w, re.IGNORECASE) for w in highlighted)
    first = result.hits[0]
    first_words = {first.snippet[a:b].lower() for a, b in first.highlights}
    assert {"sanctions", "bill"} <= first_words


def test_quoted_phrase(seeded_app: App) -> None:
    store = seeded_app.services.store

    result = search_passages(store, '"Air Force One"')

    assert result.mode == "all"
    assert result.hits
    assert all("Air Force One" in passage_text(store, hit) for hit in result.hits)
    hit = result.hits[0]
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["Air Force One"]


def test_phrase_words_out_of_order_do_not_match(seeded_app: App) -> None:
    result = search_passages(seeded_app.services.store, '"One Force Air"')

    assert result.hits == []


def test_stemming_finds_other_word_forms(seeded_app: App) -> None:
    store = seeded_app.services.store

    result = search_passages(store, "negotiation", limit=20)

    texts = [passage_text(store, hit) for hit in result.hits]
    assert result.mode == "all"
    assert any(re.search(r"\bnegotiations\b", t) for t in texts)
    assert all(re.search(r"negotiat", t, re.IGNORECASE) for t in texts)


def test_falls_back_to_any_word(seeded_app: App) -> None:
    store = seeded_app.services.store

    result = search_passages(store, "sanctions zebra")

    assert result.mode == "any"
    assert result.hits
    for hit in result.hits:
        assert "sanction" in passage_text(store, hit).lower()
        assert "zebra" not in passage_text(store, hit).lower()


def test_nonsense_word_finds_nothing(seeded_app: App) -> None:
    result = search_passages(seeded_app.services.store, "xyzzyplugh")

    assert result.hits == []


def test_limit_is_respected(seeded_app: App) -> None:
    result = search_passages(seeded_app.services.store, "Putin", limit=3)

    assert len(result.hits) == 3
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores)


def test_stopwords_are_dropped_only_when_other_words_remain() -> None:
    assert fts_query("the sanctions of the bill") == '"sanctions" "bill"'
    assert fts_query("the") == '"the"'
    assert fts_query("the sanctions", mode="any") == '"the" OR "sanctions"'
    assert fts_query('who said "Air Force One"') == '"Air Force One" "said"'


# -- unmark -----------------------------------------------------------------------------------


def test_unmark() -> None:
    assert unmark("a \x02b\x03 c") == ("a b c", ((2, 3),))


def test_unmark_several_and_none() -> None:
    assert unmark("plain") == ("plain", ())
    assert unmark("\x02ab\x03 and \x02cd\x03") == ("ab and cd", ((0, 2), (7, 9)))
    assert unmark("x \x02\x03 y") == ("x  y", ())
