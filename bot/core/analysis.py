"""What ingest-time analysis produces for one article, in platform- and library-neutral types.

The NLP pipeline (``bot/nlp``) parses an article once and each analysis step fills its part of
an :class:`Analysis`; the store writes the whole of it in the article's transaction. Offsets
are character offsets into ``Article.body``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]
"""Rows of unit-length float32 embeddings."""


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


@dataclass(frozen=True)
class MatterMention:
    """A sentence that speaks about a matter that may be unresolved (see ``bot/nlp/matters.py``).

    Attributes:
        head: the lemma of the open thing's head noun ("bill", "meeting").
        head_class: the head's class, used for grouping ("legislation" for bill, act, package).
        kind: what sort of matter: ``decision``, ``proposal``, ``event``, ``report`` or
            ``demand``.
        label: the noun phrase as written, without its determiner ("sanctions bill").
        modifiers: normalised lemmas of names and modifiers that tell this matter from others
            of its class ("graham", "blumenthal", "sanction").
        sentence_index: index of the evidence sentence in :attr:`Analysis.sentences`.
        char_start: start of the evidence sentence in the body.
        char_end: end of the evidence sentence in the body.
        state: ``open`` (hedged, future, pending, demanded), ``resolved`` (the thing happened or
            was decided) or ``context`` (facts about it without either).
        signals: the features of the parse that set the state ("modal:would", "neg:schedule").
        stance: ``support``, ``oppose`` or empty: the position of :attr:`who` on the matter.
        who: who holds the stance or said the sentence, as written.
        count: a number attached to the matter's backing or vote ("70 supporters").
        when: a date or time named with it ("next Tuesday").
    """

    head: str
    head_class: str
    kind: str
    label: str
    modifiers: tuple[str, ...]
    sentence_index: int
    char_start: int
    char_end: int
    state: str
    signals: tuple[str, ...] = ()
    stance: str = ""
    who: str = ""
    count: str = ""
    when: str = ""


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
        matters: sentences about possibly unresolved matters, in order.
        quotes: attributed quotations, in order of appearance.
        sentence_vectors: one unit-length embedding per sentence (``len(sentences)`` rows),
            or None when no embedding step ran.
        title_vector: the headline's embedding, when the embedding step ran.
    """

    version: str
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    matters: list[MatterMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sentence_vectors: Vectors | None = field(default=None, compare=False, repr=False)
    title_vector: Vectors | None = field(default=None, compare=False, repr=False)
