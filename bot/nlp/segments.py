"""Topical segments of a long article, found where the meaning of its sentences shifts.

A long news article develops several threads one after another (the lead, the reaction, the
background, the next step...). TextTiling (Hearst 1997) finds their borders: compare the
sentences before and after each gap (mean vectors of a small window), score how deep the
similarity dips there relative to the peaks on either side, and cut at the deepest dips,
keeping segments at least a few sentences long.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


def gap_similarity(vectors: Vectors, window: int) -> npt.NDArray[np.float64]:
    """Cosine between the ``window`` sentences before and after each gap (``n - 1`` values)."""
    count = len(vectors)
    values = np.ones(max(0, count - 1))
    for gap in range(1, count):
        before = vectors[max(0, gap - window) : gap].mean(axis=0)
        after = vectors[gap : gap + window].mean(axis=0)
        norm = float(np.linalg.norm(before) * np.linalg.norm(after)) or 1.0
        values[gap - 1] = float(before @ after) / norm
    return values


def depth_scores(similarity: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """How deep each gap's similarity lies below the highest peaks to its left and right."""
    depths = np.zeros_like(similarity)
    for i, value in enumerate(similarity):
        left = float(similarity[: i + 1].max())
        right = float(similarity[i:].max())
        depths[i] = (left - value) + (right - value)
    return depths


def segment(vectors: Vectors, parts: int, *, window: int = 3, min_size: int = 4) -> list[int]:
    """A segment number for each sentence: at most ``parts`` contiguous topical segments.

    Args:
        vectors: unit vectors of the article's sentences, in order.
        parts: the most segments wanted.
        window: sentences on each side of a gap compared.
        min_size: no segment is shorter than this many sentences.

    Returns:
        Non-decreasing segment numbers from 0, one per sentence.
    """
    count = len(vectors)
    if parts <= 1 or count < 2 * min_size:
        return [0] * count
    depths = depth_scores(gap_similarity(vectors, window))
    cuts: list[int] = []  # a cut at gap g starts a segment at sentence g + 1
    for gap in np.argsort(-depths, kind="stable"):
        start = int(gap) + 1
        if len(cuts) >= parts - 1:
            break
        if start < min_size or count - start < min_size:
            continue
        if any(abs(start - other) < min_size for other in cuts):
            continue
        cuts.append(start)
    labels = []
    for index in range(count):
        labels.append(sum(index >= cut for cut in cuts))
    return labels
