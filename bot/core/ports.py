"""Ports: what the core needs from the outside world, as protocols the adapters implement."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from bot.core.analysis import Analysis, Vectors
from bot.core.models import Article
from bot.core.reply import Reply
from bot.core.summary import SourceDoc, Summary
from bot.core.web_report import UrlReport


class Analyzer(Protocol):
    """Ingest-time analysis of one article (sentences, entities, quotes, open matters, …)."""

    @property
    def version(self) -> str:
        """The pipeline's version; stored with each analysis so stale ones are redone."""
        ...

    def analyse(self, article: Article) -> Analysis:
        """Analyse an article's body; may be slow (runs in a worker thread, never per command)."""
        ...


class PinLimitReached(Exception):
    """The channel holds as many pins as the platform allows."""


class PublishRefused(Exception):
    """The platform refused for a reason only a person can fix, so retrying cannot help.

    The message is ``"reason: hint"``, ready for a log line or an admin.

    Args:
        reason: the platform's code or message (``not_in_channel``, ``403 Missing Access``).
        hint: what an admin must do about it, in plain words.
    """

    def __init__(self, reason: str, hint: str) -> None:
        super().__init__(f"{reason}: {hint}")
        self.reason = reason
        self.hint = hint


class Publisher(Protocol):
    """Posts and pins messages in one platform's channels (Slack, Discord)."""

    @property
    def platform(self) -> str:
        """``slack`` or ``discord``: the platform part of destinations it serves."""
        ...

    async def post(self, channel: str, reply: Reply, marker: str) -> list[str]:
        """Post a reply (split as the renderer needs) tagged with ``marker``; return the ids.

        The first id is the message to pin.

        Raises:
            PublishRefused: the platform refuses the post until someone acts (bot not in the
                channel, channel gone, token revoked, missing permission…).
        """
        ...

    async def find_posted(self, channel: str, marker: str) -> list[str]:
        """Ids of recent bot messages tagged with ``marker`` (after a crash mid-post).

        Raises:
            PublishRefused: the platform refuses to show the channel's history until someone
                acts (e.g. the bot lacks the permission to read it).
        """
        ...

    async def pin(self, channel: str, message_id: str) -> None:
        """Pin a message; pinning a pinned message succeeds.

        Raises:
            PinLimitReached: the channel is full of pins.
            PublishRefused: the platform refuses to pin until someone acts (e.g. the bot lacks
                the permission to pin).
        """
        ...

    async def unpin(self, channel: str, message_id: str) -> None:
        """Remove a pin; removing a missing pin or a deleted message succeeds.

        Raises:
            PublishRefused: the platform refuses to unpin until someone acts.
        """
        ...


class WebIngest(Protocol):
    """Reads links into the store: article pages, and RSS/Atom feeds (remembered and polled)."""

    def ingest_url(
        self, url: str, on_progress: Callable[[int, int], None] | None = None
    ) -> UrlReport:
        """Read a page or a feed; slow (network, analysis), so callers run it in a thread.

        Args:
            url: an http(s) link to an article page or a feed.
            on_progress: called with (entries done, entries in all) while a feed is read.
        """


class QueryEncoder(Protocol):
    """Embeds what a user typed into the space of the stored sentence vectors."""

    def encode_query(self, text: str) -> Vectors:
        """A unit-length float32 vector for ``text`` (may load a model on first use)."""


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
