"""Scoring helpers of the ``extractive`` summariser: candidates, graph centrality, readability."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.nlp.extractive_config import ExtractiveConfig
from bot.nlp.sentence_encoding import Vectors

_LETTER = re.compile(r"[^\W\d_]")
_PRONOUN_SPEAKER = re.compile(
    r"[\"”’'],?\s+(?:he|she|they)\s+(?:said|says|added|adds|wrote|writes|continued|told|argued)\b"
)
_WHOLE_QUOTE = re.compile(r"^[\"“][^\"“”]*[\"”]$")
_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_FRAGMENT = re.compile(r"^[\"“‘'(]?[a-z](?![A-Z])")


@dataclass(frozen=True)
class Candidate:
    """A sentence that may be picked: its document's number and id, index, text and words."""

    doc: int
    doc_id: str
    index: int
    text: str
    words: int


def directed_degree(
    candidates: list[Candidate], vectors: Vectors, config: ExtractiveConfig
) -> npt.NDArray[np.float64]:
    """Graph centrality with direction (PACSUM, Zheng & Lapata 2019), rescaled to 0..1.

    Edges are similarities above a share of the article's range; a sentence gains from the
    sentences after it that repeat its content and (with a negative ``backward_weight``) loses
    from those before it, since news states a development first and elaborates later.
    """
    similarity = (vectors @ vectors.T).astype(np.float64)
    scores = np.zeros(len(candidates))
    for doc in {c.doc for c in candidates}:
        rows = np.array([i for i, c in enumerate(candidates) if c.doc == doc])
        sub = similarity[np.ix_(rows, rows)]
        off = sub[~np.eye(len(rows), dtype=bool)]
        if off.size == 0:
            continue
        low, high = float(off.min()), float(off.max())
        edges = np.clip(sub - (low + config.edge_threshold * (high - low)), 0.0, None)
        np.fill_diagonal(edges, 0.0)
        after = np.triu(edges, k=1).sum(axis=1)
        before = np.tril(edges, k=-1).sum(axis=1)
        scores[rows] = rescale(after + config.backward_weight * before)
    return scores


def readable(text: str) -> bool:
    """Whether a sentence can stand alone in a summary.

    It has letters, ends like a sentence (headings and photo captions often do not), its
    quotation marks are balanced (a quote cut by the sentence splitter reads as nonsense), and a
    quotation in it names its speaker (not a bare pronoun, "…," she said, and not a quotation
    standing alone), since the speaker is lost out of context. A sentence that starts in lower
    case ("and E. 31st St., described how…") is the tail of one the splitter cut ("eBay" and
    "iPhone" still start sentences).
    """
    if not _LETTER.search(text) or not _END.search(text) or _PRONOUN_SPEAKER.search(text):
        return False
    if _WHOLE_QUOTE.match(text) or _FRAGMENT.match(text):
        return False
    return not (text.count('"') % 2 or text.count("“") != text.count("”"))


def unit(vector: npt.NDArray[np.floating]) -> npt.NDArray[np.float64]:
    """The vector scaled to length 1 (a zero vector stays zero)."""
    norm = float(np.linalg.norm(vector))
    return np.asarray(vector, dtype=np.float64) / (norm or 1.0)


def rescale(values: npt.NDArray[np.floating]) -> npt.NDArray[np.float64]:
    """Min-max to 0..1 (all equal: all 1)."""
    array = np.asarray(values, dtype=np.float64)
    low, high = float(array.min()), float(array.max())
    if high - low < 1e-9:
        return np.ones_like(array)
    return (array - low) / (high - low)
