"""Slack mrkdwn text: escaping, and splitting long text without breaking its markup.

Splits fall at a paragraph, line, sentence or word boundary where one is near the limit, never
inside an ``&amp;``-style entity or between a bold span's markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_SECTION_CHARS = 3000

# C0/C1 control characters and bidirectional overrides never reach a message.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Where a long text is best split, strongest first: paragraph, line, sentence, word.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?…])[\"”’)]?\s+"))


def escape(text: str) -> str:
    """Escape text for Slack mrkdwn: ``&``, ``<`` and ``>`` become entities; controls go."""
    clean = CONTROL.sub("", text)
    return clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def split_text(text: str, limit: int = MAX_SECTION_CHARS) -> list[str]:
    """Split already-escaped text into pieces of at most ``limit`` characters.

    Pieces end at a paragraph, line, sentence or word boundary when one is in the second half of
    the piece, and never inside an ``&amp;``-style entity.
    """
    plain = text.strip()
    pieces: list[str] = []
    while len(plain) > limit:
        cut = _best_cut(plain, limit)
        pieces.append(plain[:cut].rstrip())
        plain = plain[cut:].lstrip()
    if plain:
        pieces.append(plain)
    return pieces


def _best_cut(text: str, limit: int) -> int:
    """The index to end the first piece at: a boundary in ``(limit/2, limit]`` if there is one."""
    window = text[: limit + 1]
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(window) if limit // 2 < m.start() < limit]
        if ends:
            return min(max(ends), limit)
    space = window.rfind(" ", limit // 2, limit)
    if space > 0:
        return space + 1
    amp = text.rfind("&", max(0, limit - 6), limit)  # don't cut "&amp;" apart
    if amp > 0 and ";" in text[amp : amp + 6] and text.index(";", amp) >= limit:
        return amp
    return limit


@dataclass
class _Marked:
    """Plain text with highlight ranges, rendered piece by piece."""

    text: str
    highlights: list[tuple[int, int]] = field(default_factory=list)

    def render(self, start: int, end: int) -> str:
        out: list[str] = []
        position = start
        for low, high in self.highlights:
            low, high = max(low, start), min(high, end)
            if low >= high or low < position:
                continue
            out.append(escape(self.text[position:low]))
            word = escape(self.text[low:high])
            out.append(f"*{word}*" if word.strip() == word and word else word)
            position = high
        out.append(escape(self.text[position:end]))
        return "".join(out)


def split_marked(text: str, highlights: tuple[tuple[int, int], ...], limit: int) -> list[str]:
    """Render section text with *bold* highlights, split into pieces of at most ``limit``.

    Splitting works on the plain text, so a cut never falls inside an entity or a bold span's
    markers; each piece is rendered on its own, with the highlights that fall in it.
    """
    valid = sorted((a, b) for a, b in highlights if 0 <= a < b <= len(text))
    marked = _Marked(text, valid)
    pieces: list[str] = []
    start, total = 0, len(text)
    while True:
        while start < total and text[start].isspace():
            start += 1
        if start >= total:
            return pieces
        end = min(total, start + limit)
        overflow = len(marked.render(start, end)) - limit
        while overflow > 0:  # escapes and bold marks made it longer than the plain text
            end -= max(1, overflow // 5)
            overflow = len(marked.render(start, end)) - limit
        if end < total:
            end = start + max(1, _best_cut(text[start:], end - start))
        piece = marked.render(start, end).strip()
        if piece:
            pieces.append(piece)
        start = end
