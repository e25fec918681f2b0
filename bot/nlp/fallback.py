"""Fallback: when a generative backend fails or is too slow, the briefing is extractive."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import replace

from bot.core.ports import Summarizer
from bot.core.summary import SourceDoc, Summary

log = logging.getLogger(__name__)


class FallbackSummarizer:
    """Runs ``primary`` with a timeout; on any failure answers with ``fallback`` and says so."""

    def __init__(self, primary: Summarizer, fallback: Summarizer, *, timeout: float) -> None:
        self.primary = primary
        self.fallback = fallback
        self.timeout = timeout

    @property
    def name(self) -> str:
        """The primary backend's name."""
        return self.primary.name

    async def summarize(
        self, docs: Sequence[SourceDoc], *, max_words: int, topic: str | None = None
    ) -> Summary:
        """The primary's summary, or the fallback's with a note on why."""
        try:
            return await asyncio.wait_for(
                self.primary.summarize(docs, max_words=max_words, topic=topic), self.timeout
            )
        except TimeoutError:
            reason = f"took longer than {self.timeout:g} s"
            log.warning("%s summariser timed out after %g s", self.primary.name, self.timeout)
        except Exception as exc:
            reason = "failed"
            log.warning("%s summariser failed: %s", self.primary.name, exc, exc_info=exc)
        summary = await self.fallback.summarize(docs, max_words=max_words, topic=topic)
        note = (
            f"The {self.primary.name} summariser {reason}, so this briefing is "
            f"{self.fallback.name} (sentences quoted from the articles)."
        )
        return replace(summary, notes=(note, *summary.notes))


class UnavailableBackend:
    """A backend whose settings are unusable: every call fails, so briefings fall back.

    The bot keeps working with the extractive backend, and the log says what to fix.
    """

    def __init__(self, name: str, problem: str) -> None:
        self._name = name
        self.problem = problem

    @property
    def name(self) -> str:
        """The configured backend's name."""
        return self._name

    async def summarize(
        self, docs: Sequence[SourceDoc], *, max_words: int, topic: str | None = None
    ) -> Summary:
        """Always raises.

        Raises:
            RuntimeError: with the configuration problem.
        """
        raise RuntimeError(f"the {self._name} summariser is not usable: {self.problem}")
