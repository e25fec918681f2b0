"""Sentence vectors for the ``extractive`` summariser: the MiniLM encoder and its cache."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from bot.core.summary import SourceDoc

Vectors = npt.NDArray[np.float32]
SentenceVectors = Callable[[SourceDoc], Vectors]
"""One unit vector per sentence of a document (the lead plugs stored vectors in here)."""
TextVectors = Callable[[Sequence[str]], Vectors]


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
