"""Quotation-mark spans in raw text: straight or curly, nested, across paragraphs, never runaway.

Pure text work (no parse), so it is fast and easy to test. A span runs from its opening mark to
its closing mark inclusive. News style continues a quotation into the next paragraph by opening
that paragraph with a mark and leaving the previous one unclosed; that is followed. Any other
unclosed mark is dropped at the end of its paragraph, so a stray mark never swallows the rest of
an article. Single quotes are left alone: they are apostrophes far more often than quotes, and
inside double quotes they only nest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
MARKS = OPENING + CLOSING + STRAIGHT
MAX_PARAGRAPHS = 8
"""A quotation continued over more paragraphs than this is treated as broken."""

_PARAGRAPH = re.compile(r"[^\n]+")
_BEFORE_OPENING = " \t\n([{—–-/:;,"


@dataclass(frozen=True)
class MarkSpan:
    """A quotation from its opening mark to its closing mark (``end`` is exclusive)."""

    start: int
    end: int

    def contains(self, position: int) -> bool:
        """Whether a character offset lies inside the span (marks included)."""
        return self.start <= position < self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed: news paragraphs are lines."""
    found: list[tuple[int, int]] = []
    for match in _PARAGRAPH.finditer(text):
        line = match.group()
        if line.strip():
            start = match.start() + len(line) - len(line.lstrip())
            found.append((start, match.start() + len(line.rstrip())))
    return found


def _is_opening(text: str, i: int) -> bool:
    char = text[i]
    if char in OPENING:
        return True
    if char in CLOSING:  # a closing mark opening a paragraph is a typo for an opening one
        line_start = i == 0 or text[i - 1] == "\n"
        ellipsis = text[i + 1 : i + 3] in (" …", " .")  # "” … what I learned"
        return line_start and i + 1 < len(text) and (not text[i + 1].isspace() or ellipsis)
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before in _BEFORE_OPENING or before in OPENING:
        return not after.isspace()
    return False


def _mask_double_apostrophes(text: str) -> str:
    """Read ``''`` (two apostrophes, an old wire convention) as one double quotation mark.

    The copy keeps every offset: the pair becomes the mark plus a filler character on the
    side away from the quoted words, so a span still covers both apostrophes.
    """
    if "''" not in text:
        return text
    chars = list(text)
    i = 0
    while i < len(chars) - 1:
        if chars[i] == "'" and chars[i + 1] == "'":
            after = chars[i + 2] if i + 2 < len(chars) else " "
            before = chars[i - 1] if i > 0 else " "
            if before in _BEFORE_OPENING and not after.isspace():
                chars[i], chars[i + 1] = '"', "\u2060"  # a word joiner: not a space
            else:
                chars[i], chars[i + 1] = "\u2060", '"'
            i += 2
        else:
            i += 1
    return "".join(chars)


def quote_spans(text: str) -> list[MarkSpan]:
    """Every outermost quotation in ``text``, in order, never overlapping."""
    text = _mask_double_apostrophes(text)
    spans: list[MarkSpan] = []
    paras = paragraphs(text)
    start: int | None = None  # opening mark of the quotation in progress
    depth = 0
    carried = 0  # paragraphs the quotation has been continued over
    for number, (p_start, p_end) in enumerate(paras):
        marks = [i for i in range(p_start, p_end) if text[i] in MARKS]
        first = True
        for i in marks:
            continuing = first and start is not None and i == p_start and _is_opening(text, i)
            first = False
            if continuing:
                continue  # the continuation mark of a quotation carried over from above
            if _is_opening(text, i):
                if start is None:
                    start, depth = i, 1
                else:
                    depth += 1
            elif start is not None:
                depth -= 1
                if depth == 0:
                    spans.append(MarkSpan(start, i + 1))
                    start, carried = None, 0
            # a closing mark with nothing open is stray: ignored
        if start is not None:
            following = paras[number + 1][0] if number + 1 < len(paras) else None
            continued = (
                depth == 1
                and following is not None
                and (text[following] == STRAIGHT) == (text[start] == STRAIGHT)
                and text[following] in OPENING + STRAIGHT
                and _is_opening(text, following)
                and carried < MAX_PARAGRAPHS
            )
            if continued:
                carried += 1
            else:
                start, depth, carried = None, 0, 0  # unbalanced: drop it, swallow nothing
    return spans
