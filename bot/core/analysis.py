"""What ingest-time analysis produces for one article, in platform- and library-neutral types.

The NLP pipeline (``bot/nlp``) parses an article once and each analysis step fills its part of
an :class:`Analysis`; the store writes the whole of it in the article's transaction. Offsets
are character offsets into ``Article.body``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article body (never spanning a paragraph break)."""

    index: int
    text: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Entity:
    """A named entity found in an article body (``label`` is spaCy's: PERSON, ORG, GPE, …)."""

    text: str
    label: str
    char_start: int
    char_end: int


QuoteKind = Literal["direct", "indirect"]
SpeakerKind = Literal["person", "organisation", "description", "unresolved"]


@dataclass(frozen=True)
class Quote:
    """One attributed quotation (direct, in quotation marks, or reported speech).

    Attributes:
        text: the quoted words, verbatim: ``body[char_start:char_end]`` (direct quotes keep
            their quotation marks; reported speech starts after a leading "that").
        kind: ``direct`` or ``indirect`` (reported speech, possibly with quoted fragments).
        speaker: canonical name ("Maria Snegovaya"), or the words as written for a description
            ("a spokesperson for John Thune") or an unresolved pronoun ("he").
        speaker_key: case-folded canonical name used to group speakers across articles; empty
            when the speaker could not be resolved.
        speaker_kind: ``person``, ``organisation``, ``description`` or ``unresolved``.
        mention: the words naming the speaker at the cue ("she", "Snegovaya", "the senator").
        role: role or affiliation ("senior fellow … at CSIS"), empty if none was given.
        cue: the attribution words ("said", "told", "according to").
        char_start: start of ``text`` in the body.
        char_end: end of ``text`` in the body.
        cue_start: start of the cue in the body (quotes of one attribution share the cue).
        cue_end: end of the cue in the body.
        group: quotes of one attribution (an interrupted quote) share this number.
    """

    text: str
    kind: QuoteKind
    speaker: str
    speaker_key: str
    speaker_kind: SpeakerKind
    mention: str
    role: str
    cue: str
    char_start: int
    char_end: int
    cue_start: int
    cue_end: int
    group: int


@dataclass
class Analysis:
    """Everything the analysis steps found in one article.

    Attributes:
        version: identifies the pipeline that produced it (model and step versions); an
            article analysed by another version is analysed again.
        sentences: the body's sentences, in order.
        entities: named entities, in order of appearance.
        quotes: attributed quotations, in order of appearance.
    """

    version: str
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
