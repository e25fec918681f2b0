"""The ``extractive`` summariser: verbatim sentences chosen by centrality, position and MMR.

Each sentence is scored by how central it is to what the articles say (cosine similarity of
its MiniLM vector to the articles' centroid, or to the topic for a focused briefing) and by
where it stands in its article (news puts the main facts early), then sentences are picked by
maximal marginal relevance so the summary repeats nothing, until the word budget is spent.
Sentences stay verbatim, so each cites its article exactly.

A long article (well past CNN/DailyMail length) develops several threads after its lead; read
by position and centrality alone, its brief stays in the opening. There the article is split
into topical segments where the meaning shifts (:mod:`bot.nlp.segments`), MMR is discouraged
from taking a second sentence from a thread already told, each thread's opening sentences
are preferred, the budget buys more, shorter sentences, and sentences that point back to
what they do not show ("That led...", "But...") are avoided. These rules grow with the
article's length, so short articles keep their lead-heavy selection.
"""

from __future__ import annotations

import asyncio
import math
import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from bot.core.summary import SourceDoc, Summary, SummarySentence
from bot.nlp.extractive_config import ExtractiveConfig
from bot.nlp.extractive_scoring import Candidate, directed_degree, readable, rescale, unit
from bot.nlp.segments import segment
from bot.nlp.sentence_encoding import (
    EncodedSentences,
    SentenceVectors,
    TextVectors,
    Vectors,
    encode_sentences,
    encode_texts,
)

__all__ = [
    "EncodedSentences",
    "ExtractiveConfig",
    "ExtractiveSummarizer",
    "SentenceVectors",
    "TextVectors",
    "Vectors",
    "encode_sentences",
    "encode_texts",
    "readable",
]

_DANGLING = re.compile(
    r"^(?:That|This|These|Those|It|Its|He|She|They|His|Her|Their|But|And|Still|Yet|Later|"
    r"Also|However|Instead|Meanwhile|So|Such|The two)\b"
)


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
        most = self._most(max_words)
        segments, spread = self._segments(docs, candidates, vectors, most)
        if topic:  # a focused briefing follows one thread, not all of them
            spread[:] = 0.0
        if len(spread):
            most = self._most(max_words, float(spread.max()))
        scores = self._scores(docs, candidates, vectors, topic, segments, spread)
        picked = self._mmr(candidates, vectors, scores, max_words, segments, spread)
        picked.sort(key=lambda i: (candidates[i].doc, candidates[i].index))
        return Summary(
            tuple(
                SummarySentence(candidates[i].text, candidates[i].doc_id, candidates[i].index)
                for i in picked
            ),
            self.name,
        )

    def _candidates(self, docs: Sequence[SourceDoc]) -> tuple[list[Candidate], Vectors]:
        candidates: list[Candidate] = []
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
                    Candidate(number, doc.article_id, sentence.index, sentence.text, words)
                )
                rows.append(vector)
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        return candidates, np.stack(rows).astype(np.float32)

    def _most(self, max_words: int, spread: float = 0.0) -> int:
        """How many sentences the budget buys; more, shorter ones when threads are many."""
        config = self.config
        per_sentence = config.words_per_sentence * (1 - config.segment_shorter * spread)
        return max(1, min(config.max_sentences, round(max_words / per_sentence)))

    def _segments(
        self, docs: Sequence[SourceDoc], candidates: list[Candidate], vectors: Vectors, most: int
    ) -> tuple[list[tuple[int, int]], npt.NDArray[np.float64]]:
        """Each candidate's (doc, topical segment) and how much its article's length spreads it.

        ``spread`` is 0 for articles of up to ``segment_from`` sentences and grows to 1 at twice
        that: only long articles are read as several threads to cover.
        """
        config = self.config
        labels: list[tuple[int, int]] = [(c.doc, 0) for c in candidates]
        spread = np.zeros(len(candidates))
        for number, doc in enumerate(docs):
            rows = [i for i, c in enumerate(candidates) if c.doc == number]
            length = len(doc.sentences)
            share = min(1.0, max(0.0, (length - config.segment_from) / max(1, config.segment_from)))
            if not rows or share <= 0.0:
                continue
            for row, part in zip(rows, segment(vectors[rows], most), strict=True):
                labels[row] = (number, part)
                spread[row] = share
        return labels, spread

    def _scores(
        self,
        docs: Sequence[SourceDoc],
        candidates: list[Candidate],
        vectors: Vectors,
        topic: str | None,
        segments: list[tuple[int, int]],
        spread: npt.NDArray[np.float64],
    ) -> npt.NDArray[np.float64]:
        config = self.config
        # Centroid of per-article centroids: a long article does not outweigh the others.
        per_doc = [vectors[[c.doc == d for c in candidates]] for d in range(len(docs))]
        centres = [rows.mean(axis=0) for rows in per_doc if len(rows)]
        centroid = unit(np.mean(centres, axis=0))
        relevance = rescale(
            config.centroid_weight * (vectors @ centroid)
            + (1 - config.centroid_weight) * directed_degree(candidates, vectors, config)
        )
        weight = config.position_weight
        if topic:
            # The topic leads: sentences in passages the index matched, then those closest in
            # meaning; centrality and position only break near-ties.
            about = rescale(vectors @ unit(self.text_vectors([topic])[0]))
            matched = np.array(
                [c.index in docs[c.doc].matched for c in candidates], dtype=np.float64
            )
            focus = rescale(matched + about)
            relevance = config.topic_weight * focus + (1 - config.topic_weight) * relevance
            weight *= 1 - config.topic_weight
        # A long piece develops several threads after its lead: there position counts less.
        shrink = [min(1.0, config.long_article / max(1, len(doc.sentences))) for doc in docs]
        weights = np.array([weight * shrink[c.doc] for c in candidates], dtype=np.float64)
        position = np.array(
            [math.exp(-c.index / config.position_decay) for c in candidates], dtype=np.float64
        )
        # In a long article each thread leads with its news, as the article does (distance
        # from the thread's first candidate sentence).
        first: dict[tuple[int, int], int] = {}
        for i, label in enumerate(segments):
            first.setdefault(label, i)
        opening = np.array(
            [
                math.exp(-(i - first[segments[i]]) / config.position_decay)
                for i in range(len(candidates))
            ]
        )
        lead = config.segment_lead * spread
        scores: npt.NDArray[np.float64] = (1 - weights) * relevance + weights * position
        blended: npt.NDArray[np.float64] = (1 - lead) * scores + lead * opening
        return blended

    def _mmr(
        self,
        candidates: list[Candidate],
        vectors: Vectors,
        scores: npt.NDArray[np.float64],
        max_words: int,
        segments: list[tuple[int, int]],
        spread: npt.NDArray[np.float64],
    ) -> list[int]:
        config = self.config
        similarity = vectors @ vectors.T
        picked: list[int] = []
        words = 0
        left = set(range(len(candidates)))
        most = self._most(max_words, float(spread.max()) if len(spread) else 0.0)
        dangling = [bool(_DANGLING.match(c.text)) for c in candidates]

        def follows(i: int) -> bool:
            """Whether the sentence before ``i`` in its article is already picked."""
            return any(
                candidates[j].doc == candidates[i].doc
                and candidates[j].index == candidates[i].index - 1
                for j in picked
            )

        while left and len(picked) < most:
            best, best_value = -1, -math.inf
            for i in list(left):
                redundancy = max((float(similarity[i, j]) for j in picked), default=0.0)
                if redundancy >= config.duplicate:  # the same news in other words (or copies)
                    left.discard(i)
                    continue
                value = config.mmr_lambda * scores[i] - (1 - config.mmr_lambda) * redundancy
                value -= config.dangling * spread[i] * dangling[i] * (not follows(i))
                if any(segments[j] == segments[i] for j in picked):  # a thread already told
                    value -= config.segment_weight * spread[i]
                if value > best_value:
                    best, best_value = i, value
            if best < 0:
                break
            left.discard(best)
            if picked and words + candidates[best].words > max_words:
                continue  # too long for what is left of the budget; a shorter one may fit
            picked.append(best)
            words += candidates[best].words
        return picked
