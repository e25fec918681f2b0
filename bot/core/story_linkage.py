"""Average-linkage agglomerative clustering over a similarity matrix, with a stopping threshold.

Each step merges the two groups with the highest average pairwise similarity (Lance-Williams
update); it stops when no pair reaches ``threshold``. Each row keeps its best partner, so a
merge costs O(n) work on most steps instead of a scan of the whole matrix.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def average_linkage(similarity: npt.NDArray[np.float64], threshold: float) -> list[list[int]]:
    """Groups of row indices (each sorted; groups ordered by their first index).

    Args:
        similarity: a symmetric ``n`` x ``n`` matrix (the diagonal is ignored).
        threshold: least average similarity for two groups to merge.
    """
    count = len(similarity)
    members: list[list[int]] = [[i] for i in range(count)]
    if count < 2:
        return members
    sim = np.array(similarity, dtype=np.float64)
    np.fill_diagonal(sim, -np.inf)
    active = np.ones(count, dtype=bool)
    partner = np.argmax(sim, axis=1)
    best = sim[np.arange(count), partner]
    while True:
        row = int(np.argmax(np.where(active, best, -np.inf)))
        if not active[row] or best[row] < threshold:
            break
        other = int(partner[row])
        keep, gone = min(row, other), max(row, other)
        size_keep, size_gone = len(members[keep]), len(members[gone])
        merged = (size_keep * sim[keep] + size_gone * sim[gone]) / (size_keep + size_gone)
        members[keep] += members[gone]
        members[gone] = []
        active[gone] = False
        sim[gone, :] = -np.inf
        sim[:, gone] = -np.inf
        merged[~active] = -np.inf
        merged[keep] = -np.inf
        sim[keep, :] = merged
        sim[:, keep] = merged
        best[gone] = -np.inf
        stale = active & ((partner == keep) | (partner == gone))
        stale[keep] = True
        for index in np.flatnonzero(stale):
            partner[index] = int(np.argmax(sim[index]))
            best[index] = sim[index, partner[index]]
        better = active & (merged > best)
        partner[better] = keep
        best[better] = merged[better]
    return sorted((sorted(group) for group in members if group), key=lambda g: g[0])
