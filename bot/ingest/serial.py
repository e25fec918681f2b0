"""One analysis at a time per process: the feed worker, ``/ingest`` and file ingest share it.

spaCy pipelines are not documented as thread-safe (parsing adds strings to the shared
vocabulary), and analysis is CPU-bound under the GIL anyway, so serialising costs nothing.
"""

from __future__ import annotations

import threading

from bot.core.analysis import Analysis
from bot.core.models import Article
from bot.core.ports import Analyzer

_LOCK = threading.Lock()


class SerialAnalyzer:
    """An :class:`Analyzer` that lets one thread at a time use the wrapped analyzer."""

    def __init__(self, inner: Analyzer) -> None:
        self.inner = inner

    @property
    def version(self) -> str:
        """The wrapped analyzer's version."""
        return self.inner.version

    def analyse(self, article: Article) -> Analysis:
        """Analyse with the wrapped analyzer, waiting for any analysis in another thread."""
        with _LOCK:
            return self.inner.analyse(article)
