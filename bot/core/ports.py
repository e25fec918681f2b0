"""Ports: what the core needs from the outside world, as protocols the adapters implement."""

from __future__ import annotations

from typing import Protocol

from bot.core.analysis import Analysis, Vectors
from bot.core.models import Article


class Analyzer(Protocol):
    """Ingest-time analysis of one article (sentences, entities, quotes, open matters, …)."""

    @property
    def version(self) -> str:
        """The pipeline's version; stored with each analysis so stale ones are redone."""
        ...

    def analyse(self, article: Article) -> Analysis:
        """Analyse an article's body; may be slow (runs in a worker thread, never per command)."""
        ...


class QueryEncoder(Protocol):
    """Embeds what a user typed into the space of the stored sentence vectors."""

    def encode_query(self, text: str) -> Vectors:
        """A unit-length float32 vector for ``text`` (may load a model on first use)."""
        ...
