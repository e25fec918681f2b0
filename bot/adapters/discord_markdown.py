"""Discord markdown for article text: escaping, bold highlights, and cutting within a limit.

Text is escaped with discord.py's own helpers (markdown, mentions) plus the brackets they leave,
so article text is always shown literally; lengths are counted the way Discord counts them at
most (UTF-16 code units), and text is cut at natural breaks without breaking an escape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from discord.utils import escape_markdown, escape_mentions

# C0/C1 control characters and bidirectional overrides: never shown, never sent.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TOKEN = re.compile(r"\\.|.", re.DOTALL)  # an escape pair, or one character
_BREAKS = ("\n\n", "\n", ". ", "; ", ", ", " ")


def size(text: str) -> int:
    """Length as Discord counts it at most: UTF-16 code units (emoji count twice)."""
    return len(text.encode("utf-16-le")) // 2


def clean(text: str) -> str:
    """Remove control characters and bidirectional overrides."""
    return _CONTROL.sub("", text)


def escape(text: str) -> str:
    """Article text as Discord shows it literally: no markdown, links or mention syntax."""
    escaped = escape_mentions(escape_markdown(clean(text)))
    # escape_markdown leaves lone brackets, which can still pair up into a masked link.
    return _TOKEN.sub(lambda m: "\\" + m.group(0) if m.group(0) in "[]<" else m.group(0), escaped)


def markdown(text: str, highlights: tuple[tuple[int, int], ...] = ()) -> str:
    """Escape ``text`` and make its highlighted ``(start, end)`` ranges bold."""
    out: list[str] = []
    position = 0
    for start, end in sorted(highlights):
        if start < position or end > len(text) or start >= end:
            continue
        out.append(escape(text[position:start]))
        segment = text[start:end]
        core = segment.strip()
        if core:  # Discord shows ``** word**`` literally: keep the spaces outside
            lead = segment[: len(segment) - len(segment.lstrip())]
            trail = segment[len(segment.rstrip()) :]
            out.append(f"{escape(lead)}**{escape(core)}**{escape(trail)}")
        else:
            out.append(escape(segment))
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def split_markdown(text: str, highlights: tuple[tuple[int, int], ...], limit: int) -> Iterator[str]:
    """Render ``text`` as escaped markdown in chunks of at most ``limit``, cut at natural breaks.

    Cuts happen in the plain text (at a paragraph, sentence, clause or word break when one is
    in the second half of the chunk), so no escape sequence or bold span is ever broken.
    """
    position = 0
    text = text.strip()
    while position < len(text):
        end = min(len(text), position + limit)
        while end > position and size(_slice(text, highlights, position, end)) > limit:
            end = position + max(1, (end - position) * 9 // 10)
            if end - position == 1:
                break
        if end < len(text):
            end = natural_cut(text, position, end)
        chunk = _slice(text, highlights, position, end).strip()
        while size(chunk) > limit:  # a single character that escapes past the limit: drop it
            end -= 1
            chunk = _slice(text, highlights, position, end).strip()
        if chunk:
            yield chunk
        position = max(end, position + 1)
        while position < len(text) and text[position].isspace():
            position += 1


def _slice(text: str, highlights: tuple[tuple[int, int], ...], start: int, end: int) -> str:
    clipped = tuple(
        (max(a, start) - start, min(b, end) - start) for a, b in highlights if a < end and b > start
    )
    return markdown(text[start:end], clipped)


def natural_cut(text: str, start: int, end: int) -> int:
    """Where to cut ``text[start:end]``: the last paragraph, sentence, clause or word break."""
    floor = start + (end - start) // 2
    for mark in _BREAKS:
        at = text.rfind(mark, floor, end)
        if at > start:
            return at + len(mark.rstrip()) if mark.strip() else at
    at = max(text.rfind(" ", start + 1, end), text.rfind("\n", start + 1, end))
    return at if at > start else end  # a word longer than the limit is cut where it must be


def truncate(text: str, limit: int) -> str:
    """``text`` within ``limit``, an ellipsis marking a cut."""
    if size(text) <= limit:
        return text
    cut = text[:limit]
    while size(cut) > limit - 1:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def split_rendered(text: str, limit: int) -> list[str]:
    """Cut already escaped text into pieces within ``limit``, never inside an escape."""
    chunks: list[str] = []
    while size(text) > limit:
        end = limit
        while size(text[:end]) > limit:
            end -= 1
        cut = natural_cut(text, 0, end)
        while cut > 1 and text[cut - 1] == "\\":  # never split an escape from its character
            cut -= 1
        chunks.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text.strip():
        chunks.append(text)
    return chunks
