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
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.core.summary import SourceDoc, Summary, SummarySentence
from bot.nlp.segments import segment

Vectors = npt.NDArray[np.float32]
SentenceVectors = Callable[[SourceDoc], Vectors]
"""One unit vector per sentence of a document (the lead plugs stored vectors in here)."""
TextVectors = Callable[[Sequence[str]], Vectors]

_LETTER = re.compile(r"[^\W\d_]")
_PRONOUN_SPEAKER = re.compile(
    r"[\"”’'],?\s+(?:he|she|they)\s+(?:said|says|added|adds|wrote|writes|continued|told|argued)\b"
)
_WHOLE_QUOTE = re.compile(r"^[\"“][^\"“”]*[\"”]$")
_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_DANGLING = re.compile(
    r"^(?:That|This|These|Those|It|Its|He|She|They|His|Her|Their|But|And|Still|Yet|Later|"
    r"Also|However|Instead|Meanwhile|So|Such|The two)\b"
)


def encode_texts(texts: Sequence[str]) -> Vectors:
    """Unit vectors from the shared MiniLM encoder (loaded on first use)."""
    from bot.nlp.embed import encoder

    return encoder().encode(texts)


class EncodedSentences:
    """The default :data:`SentenceVectors`: encode on the fly, remembering recent articles.

    Article ids are hashes of the text, so an id's sentences never change; the same sentence
    split gives the same vectors. Thread-safe.
    """

    def __init__(self, capacity: int = 512) -> None:
        self.capacity = capacity
        self._cache: OrderedDict[tuple[str, int], Vectors] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, doc: SourceDoc) -> Vectors:
        """One unit vector per sentence of ``doc``."""
        key = (doc.article_id, len(doc.sentences))
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        vectors = encode_texts([s.text for s in doc.sentences])
        with self._lock:
            self._cache[key] = vectors
            while len(self._cache) > self.capacity:
                self._cache.popitem(last=False)
        return vectors


encode_sentences = EncodedSentences()


@dataclass(frozen=True)
class ExtractiveConfig:
    """The knobs of sentence selection (measured with ``python -m bot eval brief``).

    Attributes:
        position_weight: share of a sentence's score that comes from its position (0..1).
        position_decay: sentences this far into an article keep ``1/e`` of the position score.
        duplicate: a sentence this similar to a picked one is never picked (wire copy repeated
            across articles, or the same fact restated).
        long_article: in articles of more sentences than this the position weight shrinks
            in proportion (a long piece develops several threads; a short one leads with all).
        mmr_lambda: relevance against redundancy in MMR (1.0: ignore redundancy).
        max_sentences: at most this many sentences.
        words_per_sentence: a budget of N words allows about ``N / words_per_sentence``
            sentences (a news sentence is 20 to 30 words), so a short budget is spent on few
            whole developments rather than many short fragments.
        min_words: shorter sentences (datelines, captions, fragments) are never picked.
        topic_weight: for a focused briefing, weight of similarity to the topic against
            centrality (0..1).
        centroid_weight: centroid similarity against directed graph centrality (0..1).
        edge_threshold: graph edges are similarities above this share of an article's range.
        backward_weight: how much a sentence loses from similar sentences before it.
        segment_from: articles of more sentences than this are read as several threads
            (topical segments, :mod:`bot.nlp.segments`); the rules below grow from nothing
            at this length to full strength at twice it ("spread"), so articles of
            CNN/DailyMail length keep their lead-heavy selection.
        segment_weight: MMR penalty (times spread) for a second sentence from a thread
            already in the summary.
        segment_lead: share of the score (times spread) from the sentence's position in its
            own thread, since each thread leads with its news as the article does.
        segment_shorter: the words-per-sentence estimate shrinks by this share (times spread),
            so a long article's budget buys more, shorter sentences: more threads.
        dangling: MMR penalty (times spread) for a sentence opening on a word that points
            back ("That", "But", "She"...) when the sentence before it is not picked.
    """

    position_weight: float = 0.6
    position_decay: float = 4.0
    long_article: int = 20
    duplicate: float = 0.9
    mmr_lambda: float = 0.7
    max_sentences: int = 6
    min_words: int = 6
    topic_weight: float = 0.7
    words_per_sentence: float = 28.0
    centroid_weight: float = 0.5
    edge_threshold: float = 0.6
    backward_weight: float = -2.0
    segment_from: int = 35
    segment_weight: float = 0.5
    segment_lead: float = 0.3
    segment_shorter: float = 0.3
    dangling: float = 0.3


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

    def _most(self, max_words: int, spread: float = 0.0) -> int:
        """How many sentences the budget buys; more, shorter ones when threads are many."""
        config = self.config
        per_sentence = config.words_per_sentence * (1 - config.segment_shorter * spread)
        return max(1, min(config.max_sentences, round(max_words / per_sentence)))

    def _segments(
        self, docs: Sequence[SourceDoc], candidates: list[_Candidate], vectors: Vectors, most: int
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
        candidates: list[_Candidate],
        vectors: Vectors,
        topic: str | None,
        segments: list[tuple[int, int]],
        spread: npt.NDArray[np.float64],
    ) -> npt.NDArray[np.float64]:
        config = self.config
        # Centroid of per-article centroids: a long article does not outweigh the others.
        per_doc = [vectors[[c.doc == d for c in candidates]] for d in range(len(docs))]
        centres = [rows.mean(axis=0) for rows in per_doc if len(rows)]
        centroid = _unit(np.mean(centres, axis=0))
        relevance = _rescale(
            config.centroid_weight * (vectors @ centroid)
            + (1 - config.centroid_weight) * _directed_degree(candidates, vectors, config)
        )
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
        candidates: list[_Candidate],
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


def _directed_degree(
    candidates: list[_Candidate], vectors: Vectors, config: ExtractiveConfig
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
        scores[rows] = _rescale(after + config.backward_weight * before)
    return scores


def readable(text: str) -> bool:
    """Whether a sentence can stand alone in a summary.

    It has letters, ends like a sentence (headings and photo captions often do not), its
    quotation marks are balanced (a quote cut by the sentence splitter reads as nonsense), and a
    quotation in it names its speaker (not a bare pronoun, "…," she said, and not a quotation
    standing alone), since the speaker is lost out of context.
    """
    if not _LETTER.search(text) or not _END.search(text) or _PRONOUN_SPEAKER.search(text):
        return False
    if _WHOLE_QUOTE.match(text):
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
