"""Render a reply as Discord messages: plain dicts of content and embeds, within every limit.

The dicts have the shape of Discord's API (``discord.Embed.from_dict`` turns them into embeds at
the edge), so tests and the command line can inspect exactly what would be sent.

Mapping: a header becomes an embed's title; text without sources goes into the description;
a section with sources becomes a field named after its article(s), with a link to each;
consecutive sections from the same sources share one field; trailing small print becomes the
footer. A short notice (no header, no sources) is sent as plain message content instead.
Every limit is respected by splitting: long text across fields, embeds and messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict
from urllib.parse import urlsplit

from bot.adapters.discord_markdown import (
    clean,
    escape,
    markdown,
    size,
    split_markdown,
    split_rendered,
    truncate,
)
from bot.core.reply import Block, Context, Divider, Header, Reply, Section, Source

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELDS_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
EMBEDS_LIMIT = 10
MESSAGE_TOTAL_LIMIT = 6000

INFO_COLOUR = 0x5865F2
ERROR_COLOUR = 0xED4245
BLANK = "\u200b"  # Discord needs a non-empty field name; this one shows nothing
WARNING = "⚠️ "
EMPTY = "(nothing to show)"


Embed = dict[str, Any]


class DiscordMessage(TypedDict):
    """One message as sent: its text content and up to ten embed dicts."""

    content: str
    embeds: list[Embed]


def render_discord(reply: Reply) -> list[DiscordMessage]:
    """Render ``reply`` as one or more messages, each within Discord's limits.

    Returns:
        Messages in order; never empty (an empty reply gives one message saying so).
    """
    if not any(
        isinstance(b, Header) or (isinstance(b, Section) and b.sources) for b in reply.blocks
    ):
        return _as_content(reply)
    return _Packer(ERROR_COLOUR if reply.is_error else INFO_COLOUR).pack(_pieces(reply.blocks))


# -- plain-content notices ----------------------------------------------------------------------


def _as_content(reply: Reply) -> list[DiscordMessage]:
    lines: list[str] = []
    for block in reply.blocks:
        if isinstance(block, Section) and block.text.strip():
            lines.append(markdown(block.text.strip(), block.highlights))
        elif isinstance(block, Context) and block.text.strip():
            lines.append(f"*{escape(block.text.strip())}*")
    text = "\n".join(lines) or EMPTY
    if reply.is_error:
        text = WARNING + text
    # Already escaped: split on the rendered text at line and word breaks, never inside a word.
    return [{"content": chunk, "embeds": []} for chunk in split_rendered(text, CONTENT_LIMIT)]


# -- embeds -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Title:
    text: str


@dataclass(frozen=True)
class _Description:
    text: str


@dataclass(frozen=True)
class _Field:
    name: str
    value: str


@dataclass(frozen=True)
class _Footer:
    text: str


_Piece = _Title | _Description | _Field | _Footer


def _pieces(blocks: tuple[Block, ...]) -> list[_Piece]:
    """Turn blocks into embed pieces, each already within its own limit."""
    footer_start = len(blocks)
    while footer_start > 0 and isinstance(blocks[footer_start - 1], Context | Divider):
        footer_start -= 1
    pieces: list[_Piece] = []
    group: list[Section] = []
    in_fields = False

    def flush() -> None:
        if group:
            pieces.extend(_source_fields(group))
            group.clear()

    for block in blocks[:footer_start]:
        if isinstance(block, Section) and block.sources:
            if group and group[0].sources != block.sources:
                flush()
            group.append(block)
            in_fields = True
            continue
        flush()
        if isinstance(block, Header) and clean(block.text).strip():
            pieces.append(_Title(truncate(escape(block.text.strip()), TITLE_LIMIT)))
            in_fields = False
        elif isinstance(block, Header):
            continue
        elif isinstance(block, Section | Context) and block.text.strip():
            highlights = block.highlights if isinstance(block, Section) else ()
            limit = FIELD_VALUE_LIMIT - 2 if in_fields else DESCRIPTION_LIMIT - 2
            for chunk in split_markdown(block.text, highlights, limit):
                text = f"*{chunk}*" if isinstance(block, Context) else chunk
                pieces.append(_Field(BLANK, text) if in_fields else _Description(text))
    flush()
    small_print = [b.text.strip() for b in blocks[footer_start:] if isinstance(b, Context)]
    footer = clean(" · ".join(t for t in small_print if t))
    if footer:
        pieces.append(_Footer(truncate(footer, FOOTER_LIMIT)))
    return pieces


def _source_fields(group: list[Section]) -> list[_Field]:
    sources = group[0].sources
    name = truncate(escape(" · ".join(s.title.strip() for s in sources)) or BLANK, FIELD_NAME_LIMIT)
    chunks: list[tuple[str, str]] = []  # (separator before it, text)
    for section in group:
        text, highlights = _without_title(section, sources)
        chunks.extend(
            ("\n", chunk) for chunk in split_markdown(text, highlights, FIELD_VALUE_LIMIT)
        )
    links = [link for source in sources if (link := _link(source))]
    chunks.extend(("\n" if i == 0 else " · ", link) for i, link in enumerate(links))
    values: list[str] = []
    for separator, chunk in chunks:
        if values and size(values[-1]) + size(separator) + size(chunk) <= FIELD_VALUE_LIMIT:
            values[-1] += separator + chunk
        else:
            values.append(chunk)
    if not values:
        values = [BLANK]
    return [_Field(name if i == 0 else BLANK, value) for i, value in enumerate(values)]


def _without_title(
    section: Section, sources: tuple[Source, ...]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The section's text without a first line that only repeats the field's name."""
    first, newline, rest = section.text.partition("\n")
    if newline and first.strip() in {s.title.strip() for s in sources}:
        cut = len(first) + 1
        shifted = tuple((a - cut, b - cut) for a, b in section.highlights if a >= cut)
        return rest, shifted
    return section.text, section.highlights


def _link(source: Source) -> str | None:
    if not source.url:
        return None
    parts = urlsplit(source.url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    url = source.url.strip()
    for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E")):
        url = url.replace(char, code)
    host = escape(parts.hostname.removeprefix("www."))
    link = f"[{host}]({url})"
    return link if size(link) <= FIELD_VALUE_LIMIT else host  # a monster URL: name the site


@dataclass
class _Packer:
    """Places pieces into embeds and embeds into messages, opening new ones at each limit."""

    colour: int
    messages: list[DiscordMessage] = field(default_factory=list)
    total: int = 0  # characters counted towards the 6,000 of the current message

    def pack(self, pieces: list[_Piece]) -> list[DiscordMessage]:
        for piece in pieces:
            self._place(piece)
        if not self.messages:
            self._new_embed()["description"] = EMPTY
        return self.messages

    def _place(self, piece: _Piece) -> None:
        embed = self._current()
        cost = size(getattr(piece, "text", "")) + size(getattr(piece, "name", ""))
        cost += size(getattr(piece, "value", ""))
        if isinstance(piece, _Title):
            embed = self._new_embed(cost)
            embed["title"] = piece.text
        elif isinstance(piece, _Description):
            old = embed.get("description") if embed is not None else None
            fits = (
                embed is not None
                and "fields" not in embed
                and "footer" not in embed
                and size(old or "") + 1 + cost <= DESCRIPTION_LIMIT
            )
            if fits and embed is not None and self.total + cost + 1 <= MESSAGE_TOTAL_LIMIT:
                embed["description"] = f"{old}\n{piece.text}" if old else piece.text
                self.total += cost + (1 if old else 0)
                return
            embed = self._new_embed(cost)
            embed["description"] = piece.text
        elif isinstance(piece, _Field):
            fields = embed.get("fields", []) if embed is not None else []
            full = embed is None or len(fields) >= FIELDS_LIMIT or "footer" in embed
            if full or embed is None or self.total + cost > MESSAGE_TOTAL_LIMIT:
                embed = self._new_embed(cost)
            embed.setdefault("fields", []).append(
                {"name": piece.name, "value": piece.value, "inline": False}
            )
        else:
            if embed is None or self.total + cost > MESSAGE_TOTAL_LIMIT:
                embed = self._new_embed(cost)
            embed["footer"] = {"text": piece.text}
        self.total += cost

    def _current(self) -> Embed | None:
        if not self.messages or not self.messages[-1]["embeds"]:
            return None
        return self.messages[-1]["embeds"][-1]

    def _new_embed(self, cost: int = 0) -> Embed:
        """Open an embed, in a new message when this one is full or ``cost`` would not fit."""
        embed: Embed = {"type": "rich", "color": self.colour}
        full = (
            not self.messages
            or len(self.messages[-1]["embeds"]) >= EMBEDS_LIMIT
            or self.total + cost > MESSAGE_TOTAL_LIMIT
        )
        if full:
            self.messages.append({"content": "", "embeds": []})
            self.total = 0
        self.messages[-1]["embeds"].append(embed)
        return embed
