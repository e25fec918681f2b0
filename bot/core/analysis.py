"""What ingest-time analysis produces for one article, in platform- and library-neutral types.

The NLP pipeline (``bot/nlp``) parses an article once and each analysis step fills its part of
an :class:`Analysis`; the store writes the whole of it in the article's transaction. Offsets
are character offsets into ``Article.body``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass
class Analysis:
    """Everything the analysis steps found in one article.

    Attributes:
        version: identifies the pipeline that produced it (model and step versions); an
            article analysed by another version is analysed again.
        sentences: the body's sentences, in order.
        entities: named entities, in order of appearance.
        sentence_vectors: one unit-length embedding per sentence (``len(sentences)`` rows),
            or None when no embedding step ran.
        title_vector: the headline's embedding, when the embedding step ran.
    """

    version: str
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    sentence_vectors: Vectors | None = field(default=None, compare=False, repr=False)
    title_vector: Vectors | None = field(default=None, compare=False, repr=False)
