"""Render a :class:`~bot.core.reply.Reply` as Slack Block Kit messages.

The renderer owns Slack's escaping and limits. Article text is escaped (``&``, ``<``, ``>``) and
sent with ``verbatim`` set, so it can never become ``<!channel>``, a ``<@U…>`` ping or a broken
link; links are built only from :class:`~bot.core.reply.Source` URLs. Long replies are split,
never cut: a section over Slack's 3,000 characters continues in the next section, a header over
150 becomes a bold section, and a reply over 50 blocks continues in another message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bot.adapters.slack_text import (
    CONTROL,
    MAX_SECTION_CHARS,
    escape,
    split_marked,
    split_text,
)
from bot.core.reply import Context, Header, Reply, Section, Source

MAX_BLOCKS = 50
MAX_HEADER_CHARS = 150
MAX_FALLBACK_CHARS = 300

SlackBlock = dict[str, Any]

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SlackMessage:
    """One message to send: Block Kit blocks and the fallback ``text`` notifications show."""

    blocks: list[SlackBlock]
    text: str

    def payload(self) -> dict[str, Any]:
        """The ``blocks``/``text`` fields of a Web API or ``response_url`` message."""
        return {"blocks": self.blocks, "text": self.text}


def render_slack(reply: Reply) -> list[SlackMessage]:
    """Render ``reply`` as one or more messages, each within Slack's Block Kit limits.

    Every message has a non-empty fallback ``text``; when a reply needs several messages, each
    one says which part it is, so nothing is dropped without the reader knowing.
    """
    units = list(_units(reply))
    groups = _pack(units, MAX_BLOCKS - 1)  # room for a "part i of n" line when split
    fallback = _fallback(reply)
    if len(groups) == 1:
        return [SlackMessage(groups[0], fallback)]
    total = len(groups)
    return [
        SlackMessage(
            [*blocks, _context_block(f"Part {number} of {total}")],
            fallback if number == 1 else f"(part {number} of {total}) {fallback}",
        )
        for number, blocks in enumerate(groups, start=1)
    ]


def _fallback(reply: Reply) -> str:
    text = _SPACE.sub(" ", CONTROL.sub(" ", reply.fallback_text)).strip()
    if len(text) > MAX_FALLBACK_CHARS:
        text = text[: MAX_FALLBACK_CHARS - 1].rstrip() + "…"
    if not text:
        text = "Problem with the command" if reply.is_error else "Reply"
    return escape(text)


def _units(reply: Reply) -> Iterator[list[SlackBlock]]:
    """Yield runs of blocks that belong together in one message.

    A section stays with its source lines, and a header with what follows it.
    """
    first_section = True
    header: list[SlackBlock] = []
    for block in reply.blocks:
        unit: list[SlackBlock]
        if isinstance(block, Header):
            header += _header(block.text)
            continue
        if isinstance(block, Section):
            unit = _section(block, warn=reply.is_error and first_section)
            first_section = False
        elif isinstance(block, Context):
            unit = [_context_block(chunk) for chunk in split_text(escape(block.text))]
        else:  # Divider
            unit = [{"type": "divider"}]
        yield header + unit
        header = []
    if header:
        yield header


def _header(text: str) -> list[SlackBlock]:
    plain = _SPACE.sub(" ", CONTROL.sub(" ", text)).strip()
    if not plain:
        return []
    if len(plain) <= MAX_HEADER_CHARS:
        return [{"type": "header", "text": {"type": "plain_text", "text": plain, "emoji": True}}]
    # Too long for a header block: the whole title as bold section text instead of a cut one.
    chunks = split_text(escape(plain), MAX_SECTION_CHARS - 2)
    return [_section_block(f"*{chunk}*") for chunk in chunks]


def _section(block: Section, *, warn: bool) -> list[SlackBlock]:
    prefix = ":warning: " if warn else ""
    chunks = split_marked(block.text, block.highlights, MAX_SECTION_CHARS - len(prefix))
    blocks = [_section_block(prefix * (i == 0) + chunk) for i, chunk in enumerate(chunks)]
    links = [link for link in (_link(source) for source in block.sources) if link]
    lines: list[str] = []
    for link in links:  # whole links only: a cut inside <url|title> would break it
        if lines and len(lines[-1]) + 3 + len(link) <= MAX_SECTION_CHARS:
            lines[-1] += " · " + link
        else:
            lines.append(link)
    blocks.extend(_context_block(line) for line in lines)
    return blocks


def _link(source: Source) -> str:
    """``<url|title>`` for web sources; the escaped title alone otherwise."""
    title = _SPACE.sub(" ", escape(source.title)).strip()
    url = safe_url(source.url)
    if url is None:
        return _clip(title, 500)
    return f"<{url}|{_clip(title or url, 500)}>"


def _clip(text: str, limit: int) -> str:
    """Shorten a title (never article text) for a link label, cutting before an entity."""
    if len(text) <= limit:
        return text
    cut = text.rfind("&", limit - 6, limit - 1)
    end = cut if cut > 0 and text.find(";", cut) >= limit - 1 else limit - 1
    return text[:end] + "…"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL made safe inside ``<…|…>`` markup, or None for anything else."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if CONTROL.search(url) or any(ch.isspace() for ch in url):
        return None
    url = url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E")
    return url.replace("&", "&amp;") if len(url) <= 2000 else None


def _section_block(text: str) -> SlackBlock:
    return {"type": "section", "text": _mrkdwn(text)}


def _context_block(text: str) -> SlackBlock:
    return {"type": "context", "elements": [_mrkdwn(text)]}


def _mrkdwn(text: str) -> dict[str, Any]:
    # verbatim: Slack must not turn names, "@here" or bare URLs in article text into links.
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _pack(units: list[list[SlackBlock]], limit: int) -> list[list[SlackBlock]]:
    """Fill messages with whole units; a unit larger than a message is itself split."""
    groups: list[list[SlackBlock]] = [[]]
    for unit in units:
        if not unit:
            continue
        if len(groups[-1]) + len(unit) > limit and groups[-1]:
            groups.append([])
        for start in range(0, len(unit), limit):
            piece = unit[start : start + limit]
            if len(groups[-1]) + len(piece) > limit:
                groups.append([])
            groups[-1].extend(piece)
    trimmed = [_trim_dividers(group) for group in groups]
    kept = [group for group in trimmed if group]
    return kept or [[_section_block("(empty reply)")]]


def _trim_dividers(blocks: list[SlackBlock]) -> list[SlackBlock]:
    start, end = 0, len(blocks)
    while start < end and blocks[start]["type"] == "divider":
        start += 1
    while end > start and blocks[end - 1]["type"] == "divider":
        end -= 1
    return blocks[start:end]
