"""The vector side of search: passages ranked by their best sentence's similarity to a query.

Every stored sentence vector is held in one matrix per store (rebuilt when the stored vectors
change), each row tagged with the passage that holds the sentence; a query is one matrix-vector
product. A passage scores the cosine similarity of its closest sentence.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.core.analysis import Vectors
from bot.core.store import Store


@dataclass(frozen=True)
class VectorMatch:
    """A passage close in meaning to a query, and its closest sentence."""

    article_id: str
    passage_index: int
    similarity: float
    sentence_index: int


@dataclass(frozen=True)
class SentenceIndex:
    """All stored sentence vectors, grouped by passage (rows sorted by passage).

    Attributes:
        matrix: one unit-length row per sentence.
        starts: the first row of each passage group (``np.maximum.reduceat`` boundaries).
        passages: (article id, passage index) of each group.
        sentence_ids: the sentence index (within its article) of each row.
    """

    matrix: Vectors
    starts: npt.NDArray[np.intp]
    passages: tuple[tuple[str, int], ...]
    sentence_ids: npt.NDArray[np.intp]

    def search(self, query: Vectors, limit: int, floor: float) -> list[VectorMatch]:
        """The ``limit`` passages most similar to ``query`` with similarity ≥ ``floor``."""
        if not self.passages or limit < 1:
            return []
        sims = self.matrix @ query.astype(np.float32)
        best = np.maximum.reduceat(sims, self.starts)
        count = min(limit, len(best))
        top = np.argpartition(-best, count - 1)[:count]
        top = top[np.argsort(-best[top], kind="stable")]
        found: list[VectorMatch] = []
        for group in top:
            if best[group] < floor:
                break
            begin = int(self.starts[group])
            end = int(self.starts[group + 1]) if group + 1 < len(self.starts) else len(sims)
            row = begin + int(np.argmax(sims[begin:end]))
            article_id, passage = self.passages[group]
            found.append(
                VectorMatch(article_id, passage, float(best[group]), int(self.sentence_ids[row]))
            )
        return found


def build_index(store: Store) -> SentenceIndex:
    """Read every stored sentence vector and tag it with its passage."""
    vectors = store.sentence_vectors()
    holders = store.sentence_passages()
    rows: list[Vectors] = []
    group_of: list[int] = []
    sentence_ids: list[int] = []
    passages: list[tuple[str, int]] = []
    for article_id in sorted(vectors):
        matrix = vectors[article_id]
        held_by = holders.get(article_id, [])
        if len(held_by) != len(matrix):
            continue
        numbers = {index: len(passages) + n for n, index in enumerate(sorted(set(held_by)))}
        passages += [(article_id, index) for index in sorted(numbers)]
        group_of += [numbers[index] for index in held_by]
        sentence_ids += range(len(held_by))
        rows.append(matrix)
    if not rows:
        empty = np.zeros((0, 0), dtype=np.float32)
        return SentenceIndex(empty, np.zeros(0, dtype=np.intp), (), np.zeros(0, dtype=np.intp))
    groups = np.asarray(group_of, dtype=np.intp)
    order = np.argsort(groups, kind="stable")
    groups = groups[order]
    used, starts_at = np.unique(groups, return_index=True)
    return SentenceIndex(
        matrix=np.ascontiguousarray(np.concatenate(rows)[order]),
        starts=starts_at.astype(np.intp),
        passages=tuple(passages[int(group)] for group in used),
        sentence_ids=np.asarray(sentence_ids, dtype=np.intp)[order],
    )


_cache: weakref.WeakKeyDictionary[Store, tuple[tuple[int, int], SentenceIndex]] = (
    weakref.WeakKeyDictionary()
)
_cache_lock = threading.Lock()


def sentence_index(store: Store) -> SentenceIndex:
    """The store's sentence index, rebuilt only when its stored vectors changed."""
    version = store.vectors_version()
    with _cache_lock:
        cached = _cache.get(store)
        if cached is not None and cached[0] == version:
            return cached[1]
        index = build_index(store)
        _cache[store] = (version, index)
        return index
