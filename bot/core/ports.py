"""Ports: what the core needs from the outside world, as protocols the adapters implement."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.core.analysis import Analysis
from bot.core.models import Article
from bot.core.summary import SourceDoc, Summary


class Analyzer(Protocol):
    """Ingest-time analysis of one article (sentences, entities, quotes, open matters, …)."""

    @property
    def version(self) -> str:
        """The pipeline's version; stored with each analysis so stale ones are redone."""
        ...

    def analyse(self, article: Article) -> Analysis:
        """Analyse an article's body; may be slow (runs in a worker thread, never per command)."""
        ...


class Summarizer(Protocol):
    """Writes a short summary of some articles, every sentence citing its source sentence."""

    @property
    def name(self) -> str:
        """The backend's name (``extractive``, ``transformers``, ``openai``)."""
        ...

    async def summarize(
        self, docs: Sequence[SourceDoc], *, max_words: int, topic: str | None = None
    ) -> Summary:
        """Summarise ``docs`` in at most about ``max_words`` words, focused on ``topic`` if given.

        Slow work (models, HTTP) runs off the event loop. Backends may raise on failure; the
        composition root wraps generative ones so a failure falls back to extractive.
        """
        ...
