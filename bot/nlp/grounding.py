"""The grounding check: every generated sentence must be supported by a source sentence.

A sentence is kept only if some source sentence is close in meaning (MiniLM cosine), most of
its content words appear in that sentence or its neighbours, every number and capitalised name
in it appears in the cited article, and every quotation in it is verbatim from that article.
Unsupported sentences are dropped and logged with the reason.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.core.summary import SourceDoc, SummarySentence
from bot.nlp.extractive import TextVectors, encode_texts

log = logging.getLogger(__name__)

_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTE = re.compile(r"[\"“]([^\"“”]{3,})[\"”]")
_STOPWORDS_TEXT = """
a about after again against all also am an and any are as at be because been before being
between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how i if in into is it its itself just me more most my no
nor not now of off on once only or other our out over own same she should so some such than
that the their them then there these they this those through to too under until up very was
we were what when where which while who whom why will with would you your said says say told
according new also one two
"""
_STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


@dataclass(frozen=True)
class Verdict:
    """Whether one generated sentence is supported, by which source sentence, and why not."""

    text: str
    supported: bool
    article_id: str
    sentence_index: int
    similarity: float
    overlap: float
    reason: str = ""


def split_generated(text: str) -> list[str]:
    """Split model output into sentences (bullets and numbering removed)."""
    out: list[str] = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*•·]|\d+[.)])\s*", "", line).strip()
        if line:
            out += [part.strip() for part in _SENTENCE_END.split(line) if part.strip()]
    return out


def content_words(text: str) -> set[str]:
    """Lower-cased words that carry content (no stopwords, no one-letter words)."""
    return {
        w.lower().replace("’", "'")
        for w in _WORD.findall(text)
        if len(w) > 1 and w.lower() not in _STOPWORDS
    }


def _names(text: str) -> list[str]:
    """Capitalised words after the first one: names (the first word is capitalised anyway)."""
    return [w for w in _WORD.findall(text)[1:] if len(w) > 1 and w[0].isupper()]


def _normal(text: str) -> str:
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
    return " ".join(text.translate(table).split()).lower()


class Grounder:
    """Checks generated sentences against the source documents."""

    def __init__(
        self,
        text_vectors: TextVectors = encode_texts,
        *,
        min_similarity: float = 0.5,
        min_overlap: float = 0.6,
    ) -> None:
        self.text_vectors = text_vectors
        self.min_similarity = min_similarity
        self.min_overlap = min_overlap

    def check(self, generated: Sequence[str], docs: Sequence[SourceDoc]) -> list[Verdict]:
        """A verdict per generated sentence, in order."""
        sources = [(doc, s) for doc in docs for s in doc.sentences]
        if not generated:
            return []
        if not sources:
            return [Verdict(g, False, "", -1, 0.0, 0.0, "no source sentences") for g in generated]
        vectors = self.text_vectors([*generated, *(s.text for _, s in sources)])
        similarity = vectors[: len(generated)] @ vectors[len(generated) :].T
        bodies = {doc.article_id: " ".join(s.text for s in doc.sentences) for doc in docs}
        verdicts = []
        for row, text in enumerate(generated):
            best = int(np.argmax(similarity[row]))
            doc, sentence = sources[best]
            window = " ".join(s.text for s in doc.sentences if abs(s.index - sentence.index) <= 1)
            verdicts.append(
                self._judge(text, doc, sentence.index, float(similarity[row, best]), window, bodies)
            )
        return verdicts

    def _judge(
        self,
        text: str,
        doc: SourceDoc,
        index: int,
        similarity: float,
        window: str,
        bodies: dict[str, str],
    ) -> Verdict:
        words = content_words(text)
        overlap = len(words & content_words(window)) / len(words) if words else 0.0
        body = bodies[doc.article_id]
        plain_body = _normal(body)
        reason = ""
        if similarity < self.min_similarity:
            reason = f"no source sentence is close in meaning ({similarity:.2f})"
        elif overlap < self.min_overlap:
            reason = f"only {overlap:.0%} of its content words are in the cited passage"
        elif missing := [n for n in _NUMBER.findall(text) if n not in body]:
            reason = f"number {missing[0]} is not in the source"
        elif missing := [n for n in _names(text) if n.lower() not in plain_body]:
            reason = f"name {missing[0]} is not in the source"
        elif missing := [q for q in _QUOTE.findall(text) if _normal(q) not in plain_body]:
            reason = f"quotation “{missing[0][:40]}” is not verbatim in the source"
        return Verdict(text, not reason, doc.article_id, index, similarity, overlap, reason)


def supported_sentences(verdicts: Sequence[Verdict]) -> list[SummarySentence]:
    """The supported sentences as cited summary sentences; the others are logged."""
    kept = []
    for verdict in verdicts:
        if verdict.supported:
            kept.append(
                SummarySentence(
                    verdict.text, verdict.article_id, verdict.sentence_index, verdict.similarity
                )
            )
        else:
            log.info("dropped unsupported sentence (%s): %r", verdict.reason, verdict.text[:200])
    return kept
