"""The one reply model every command returns and every platform renders.

Text inside blocks is plain text: renderers own escaping, limits and splitting. Structure lives in
the block types, emphasis in character ranges, links in :class:`Source`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Visibility = Literal["ephemeral", "public"]
Tone = Literal["info", "error"]


@dataclass(frozen=True)
class Source:
    """Where a piece of text came from."""

    title: str
    url: str | None = None
    article_id: str | None = None


@dataclass(frozen=True)
class Header:
    """A title line."""

    text: str


@dataclass(frozen=True)
class Section:
    """A paragraph of plain text, optionally with emphasised ranges and its sources."""

    text: str
    highlights: tuple[tuple[int, int], ...] = ()
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Context:
    """Small print: counts, hints, dates."""

    text: str


@dataclass(frozen=True)
class Divider:
    """A visual break between items."""


Block = Header | Section | Context | Divider


@dataclass(frozen=True)
class Reply:
    """What a command answers: blocks, who sees it, and whether it reports a problem."""

    blocks: tuple[Block, ...] = field(default_factory=tuple)
    visibility: Visibility = "ephemeral"
    tone: Tone = "info"

    @property
    def is_error(self) -> bool:
        """True when the reply reports a problem with the request."""
        return self.tone == "error"

    @property
    def fallback_text(self) -> str:
        """A one-line plain summary for notifications and platforms' fallback fields."""
        for block in self.blocks:
            if isinstance(block, (Header, Section, Context)) and block.text.strip():
                return block.text.strip().splitlines()[0][:300]
        return ""

    @classmethod
    def notice(cls, text: str, *, hint: str | None = None, error: bool = False) -> Reply:
        """A short message, e.g. an error or a confirmation, with an optional hint line."""
        blocks: list[Block] = [Section(text)]
        if hint:
            blocks.append(Context(hint))
        return cls(tuple(blocks), visibility="ephemeral", tone="error" if error else "info")
