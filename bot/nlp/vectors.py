"""Embeddings at ingest (an analysis step) and at command time (the ``QueryEncoder`` port).

Both use the shared MiniLM encoder of :mod:`bot.nlp.embed`, so a query and the stored
sentences live in the same vector space.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bot.core.analysis import Analysis, Vectors
from bot.core.models import Article
from bot.nlp.embed import Encoder, encoder

if TYPE_CHECKING:
    from spacy.tokens import Doc


class SentenceVectorsStep:
    """Encodes every sentence of the article (and its headline) in batches."""

    name = "vectors"
    version = 1

    def __init__(self, model: Encoder | None = None) -> None:
        self._model = model

    def run(self, doc: Doc, article: Article, analysis: Analysis) -> None:
        """Set ``analysis.sentence_vectors`` (one row per sentence) and ``title_vector``."""
        model = self._model or encoder()
        texts = [sentence.text for sentence in analysis.sentences]
        title = article.title.strip()
        vectors = model.encode([*texts, title] if title else texts)
        analysis.sentence_vectors = vectors[: len(texts)]
        analysis.title_vector = vectors[len(texts)] if title else None


class MiniLmQueryEncoder:
    """Implements the ``QueryEncoder`` port with the shared MiniLM encoder (loaded lazily)."""

    def __init__(self, model: Encoder | None = None) -> None:
        self._model = model

    def encode_query(self, text: str) -> Vectors:
        """The query's unit-length vector (384 float32)."""
        vectors = (self._model or encoder()).encode([text])
        return np.asarray(vectors[0], dtype=np.float32)
