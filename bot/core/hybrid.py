"""Hybrid ranking for search: keyword (bm25) and meaning (vector) lists fused by rank.

Reciprocal-rank fusion (Cormack et al., SIGIR 2009) scores a passage ``Σ 1/(k + rank)`` over the
lists it appears in; it needs no score calibration between bm25 and cosine similarity.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.models import SearchHit
from bot.core.ports import QueryEncoder
from bot.core.store import PassageMatch, Store
from bot.core.vector_search import VectorMatch, sentence_index

RRF_K = 60
"""The usual constant of reciprocal-rank fusion: damps the weight of the very first ranks."""
VECTOR_FLOOR = 0.3
"""Least query-sentence cosine similarity for a meaning match (MiniLM: unrelated text scores
about -0.1-0.2 against news sentences, a loose paraphrase 0.3 and up)."""
SNIPPET_CHARS = 300


@dataclass(frozen=True)
class Fused:
    """A passage on the fused list, with what each side knew about it."""

    article_id: str
    passage_index: int
    score: float
    keyword: PassageMatch | None
    meaning: VectorMatch | None


def vector_candidates(
    store: Store, encoder: QueryEncoder | None, text: str, limit: int
) -> list[VectorMatch]:
    """Passages close in meaning to ``text``, best first (none without an encoder or vectors)."""
    if encoder is None:
        return []
    index = sentence_index(store)
    if not index.passages:
        return []
    return index.search(encoder.encode_query(text), limit, VECTOR_FLOOR)


def fuse(
    keyword: list[PassageMatch], meaning: list[VectorMatch], *, only_keyword: bool
) -> list[Fused]:
    """Both lists fused by reciprocal rank, best first.

    Args:
        keyword: bm25 matches, best first.
        meaning: vector matches, best first.
        only_keyword: keep only passages the keyword side found (meaning just reorders them).
    """
    found: dict[tuple[str, int], Fused] = {}
    for rank, match in enumerate(keyword, start=1):
        key = (match.article_id, match.passage_index)
        found[key] = Fused(*key, 1 / (RRF_K + rank), match, None)
    for rank, near in enumerate(meaning, start=1):
        key = (near.article_id, near.passage_index)
        known = found.get(key)
        if known is not None:
            found[key] = Fused(*key, known.score + 1 / (RRF_K + rank), known.keyword, near)
        elif not only_keyword:
            found[key] = Fused(*key, 1 / (RRF_K + rank), None, near)
    order = {key: n for n, key in enumerate(found)}
    return sorted(
        found.values(),
        key=lambda f: (-f.score, order[(f.article_id, f.passage_index)]),
    )


def meaning_hit(store: Store, near: VectorMatch, score: float) -> SearchHit:
    """A search hit for a passage found by meaning alone: its closest sentence as the snippet."""
    article = store.get_article(near.article_id)
    sentences = store.sentences(near.article_id)
    text = next((s.text for s in sentences if s.index == near.sentence_index), "")
    if not text:
        text = store.passages(near.article_id)[near.passage_index].text
    if len(text) > SNIPPET_CHARS:
        text = text[: SNIPPET_CHARS - 1].rstrip() + "…"
    return SearchHit(
        article_id=near.article_id,
        article_title=article.title if article else near.article_id,
        url=article.url if article else None,
        origin=article.origin if article else "",
        passage_index=near.passage_index,
        snippet=text,
        highlights=(),
        score=score,
    )
