"""The ``extractive`` summariser: verbatim sentences chosen by centrality, position and MMR.

Each sentence is scored by how central it is to what the articles say (cosine similarity of
its MiniLM vector to the articles' centroid, or to the topic for a focused briefing) and by
where it stands in its article (news puts the main facts early), then sentences are picked by
maximal marginal relevance so the summary repeats nothing, until the word budget is spent.
Sentences stay verbatim, so each cites its article exactly.
"""

from __future__ import annotations

import asyncio
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.core.summary import SourceDoc, Summary, SummarySentence

Vectors = npt.NDArray[np.float32]
SentenceVectors = Callable[[SourceDoc], Vectors]
"""One unit vector per sentence of a document (the lead plugs stored vectors in here)."""
TextVectors = Callable[[Sequence[str]], Vectors]

_LETTER = re.compile(r"[^\W\d_]")
_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def encode_texts(texts: Sequence[str]) -> Vectors:
    """Unit vectors from the shared MiniLM encoder (loaded on first use)."""
    from bot.nlp.embed import encoder

    return encoder().encode(texts)


def encode_sentences(doc: SourceDoc) -> Vectors:
    """The default :data:`SentenceVectors`: encode a document's sentences on the fly."""
    return encode_texts([s.text for s in doc.sentences])


@dataclass(frozen=True)
class ExtractiveConfig:
    """The knobs of sentence selection (measured with ``python -m bot eval brief``).

    Attributes:
        position_weight: share of a sentence's score that comes from its position (0..1).
        position_decay: sentences this far into an article keep ``1/e`` of the position score.
        mmr_lambda: relevance against redundancy in MMR (1.0: ignore redundancy).
        max_sentences: at most this many sentences.
        min_words: shorter sentences (datelines, captions, fragments) are never picked.
        topic_weight: for a focused briefing, weight of similarity to the topic against
            centrality (0..1).
    """

    position_weight: float = 0.5
    position_decay: float = 4.0
    mmr_lambda: float = 0.7
    max_sentences: int = 6
    min_words: int = 6
    topic_weight: float = 0.7


@dataclass(frozen=True)
class _Candidate:
    doc: int
    doc_id: str
    index: int
    text: str
    words: int


class ExtractiveSummarizer:
    """Implements the ``Summarizer`` port by sentence selection; needs only the MiniLM encoder."""

    name = "extractive"

    def __init__(
        self,
        *,
        sentence_vectors: SentenceVectors = encode_sentences,
        text_vectors: TextVectors = encode_texts,
        config: ExtractiveConfig | None = None,
    ) -> None:
        self.sentence_vectors = sentence_vectors
        self.text_vectors = text_vectors
        self.config = config or ExtractiveConfig()

    async def summarize(
        self, docs: Sequence[SourceDoc], *, max_words: int, topic: str | None = None
    ) -> Summary:
        """Select sentences in a worker thread (encoding is CPU work)."""
        return await asyncio.to_thread(self.select, docs, max_words=max_words, topic=topic)

    def select(
        self, docs: Sequence[SourceDoc], *, max_words: int, topic: str | None = None
    ) -> Summary:
        """The summary of ``docs`` within ``max_words`` words, sentences in reading order."""
        candidates, vectors = self._candidates(docs)
        if not candidates:
            return Summary((), self.name)
        scores = self._scores(docs, candidates, vectors, topic)
        picked = self._mmr(candidates, vectors, scores, max_words)
        picked.sort(key=lambda i: (candidates[i].doc, candidates[i].index))
        return Summary(
            tuple(
                SummarySentence(candidates[i].text, candidates[i].doc_id, candidates[i].index)
                for i in picked
            ),
            self.name,
        )

    def _candidates(self, docs: Sequence[SourceDoc]) -> tuple[list[_Candidate], Vectors]:
        candidates: list[_Candidate] = []
        rows: list[Vectors] = []
        for number, doc in enumerate(docs):
            if not doc.sentences:
                continue
            vectors = self.sentence_vectors(doc)
            for sentence, vector in zip(doc.sentences, vectors, strict=True):
                words = len(sentence.text.split())
                if words < self.config.min_words or not readable(sentence.text):
                    continue
                candidates.append(
                    _Candidate(number, doc.article_id, sentence.index, sentence.text, words)
                )
                rows.append(vector)
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        return candidates, np.stack(rows).astype(np.float32)

    def _scores(
        self,
        docs: Sequence[SourceDoc],
        candidates: list[_Candidate],
        vectors: Vectors,
        topic: str | None,
    ) -> npt.NDArray[np.float64]:
        config = self.config
        # Centroid of per-article centroids: a long article does not outweigh the others.
        per_doc = [vectors[[c.doc == d for c in candidates]] for d in range(len(docs))]
        centres = [rows.mean(axis=0) for rows in per_doc if len(rows)]
        centroid = _unit(np.mean(centres, axis=0))
        relevance = _rescale(vectors @ centroid)
        weight = config.position_weight
        if topic:
            # The topic leads: sentences in passages the index matched, then those closest in
            # meaning; centrality and position only break near-ties.
            about = _rescale(vectors @ _unit(self.text_vectors([topic])[0]))
            matched = np.array(
                [c.index in docs[c.doc].matched for c in candidates], dtype=np.float64
            )
            focus = _rescale(matched + about)
            relevance = config.topic_weight * focus + (1 - config.topic_weight) * relevance
            weight *= 1 - config.topic_weight
        position = np.array(
            [math.exp(-c.index / config.position_decay) for c in candidates], dtype=np.float64
        )
        return (1 - weight) * relevance + weight * position

    def _mmr(
        self,
        candidates: list[_Candidate],
        vectors: Vectors,
        scores: npt.NDArray[np.float64],
        max_words: int,
    ) -> list[int]:
        config = self.config
        similarity = vectors @ vectors.T
        picked: list[int] = []
        words = 0
        left = set(range(len(candidates)))
        while left and len(picked) < config.max_sentences:
            best, best_value = -1, -math.inf
            for i in left:
                redundancy = max((float(similarity[i, j]) for j in picked), default=0.0)
                value = config.mmr_lambda * scores[i] - (1 - config.mmr_lambda) * redundancy
                if value > best_value:
                    best, best_value = i, value
            left.discard(best)
            if picked and words + candidates[best].words > max_words:
                continue  # too long for what is left of the budget; a shorter one may fit
            picked.append(best)
            words += candidates[best].words
        return picked


def readable(text: str) -> bool:
    """Whether a sentence can stand alone in a summary.

    It has letters, ends like a sentence (headings and photo captions often do not) and its
    quotation marks are balanced (a quote cut by the sentence splitter reads as nonsense).
    """
    if not _LETTER.search(text) or not _END.search(text):
        return False
    return not (text.count('"') % 2 or text.count("“") != text.count("”"))


def _unit(vector: npt.NDArray[np.floating]) -> npt.NDArray[np.float64]:
    norm = float(np.linalg.norm(vector))
    return np.asarray(vector, dtype=np.float64) / (norm or 1.0)


def _rescale(values: npt.NDArray[np.floating]) -> npt.NDArray[np.float64]:
    """Min-max to 0..1 (all equal: all 1)."""
    array = np.asarray(values, dtype=np.float64)
    low, high = float(array.min()), float(array.max())
    if high - low < 1e-9:
        return np.ones_like(array)
    return (array - low) / (high - low)
