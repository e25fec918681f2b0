"""Topical segments of a long article, on vectors with known threads (no model needed)."""

from __future__ import annotations

import numpy as np

from bot.nlp.segments import segment


def _threads(sizes: list[int], seed: int = 7) -> np.ndarray:
    """Unit vectors: one random direction per thread, each sentence that direction plus noise."""
    rng = np.random.default_rng(seed)
    rows = []
    for size in sizes:
        centre = rng.normal(size=32)
        for _ in range(size):
            row = centre + 0.4 * rng.normal(size=32)
            rows.append(row / np.linalg.norm(row))
    return np.asarray(rows, dtype=np.float32)


def test_borders_fall_where_the_thread_changes() -> None:
    labels = segment(_threads([12, 9, 15]), 3)
    assert labels == [0] * 12 + [1] * 9 + [2] * 15


def test_segments_are_contiguous_long_enough_and_at_most_as_many_as_asked() -> None:
    labels = segment(_threads([6, 6, 6, 6, 6, 6]), 4, min_size=5)
    assert labels == sorted(labels) and labels[0] == 0
    assert max(labels) <= 3
    sizes = [labels.count(part) for part in set(labels)]
    assert min(sizes) >= 5


def test_a_short_article_or_one_part_is_one_segment() -> None:
    assert segment(_threads([5]), 3) == [0] * 5
    assert segment(_threads([10, 10]), 1) == [0] * 20
