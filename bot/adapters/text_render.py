"""Render a reply as plain text for terminals and logs (optionally with ANSI styling)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.reply import Context, Divider, Header, Reply, Section, Source

# C0/C1 control characters (terminal escapes) and bidirectional overrides (reordered text).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class TextStyle:
    """Opening and closing marks for emphasis, headers and small print."""

    strong: tuple[str, str] = ("**", "**")
    header: tuple[str, str] = ("", "")
    dim: tuple[str, str] = ("", "")


PLAIN = TextStyle()
ANSI = TextStyle(
    strong=("\x1b[1m", "\x1b[22m"), header=("\x1b[1;4m", "\x1b[0m"), dim=("\x1b[2m", "\x1b[22m")
)


def render_text(reply: Reply, style: TextStyle = PLAIN) -> str:
    """The reply as lines of text; control characters in the content are removed."""
    lines: list[str] = []
    for block in reply.blocks:
        if isinstance(block, Header):
            lines.append(_wrap(_clean(block.text), style.header))
            lines.append("")
        elif isinstance(block, Section):
            prefix = "! " if reply.is_error and not lines else ""
            lines.append(prefix + _emphasise(block.text, block.highlights, style))
            lines.extend("   — " + _source(source) for source in block.sources)
        elif isinstance(block, Context):
            lines.append(_wrap(_clean(block.text), style.dim))
        elif isinstance(block, Divider):
            lines.append("")
    return "\n".join(lines)


def _emphasise(text: str, highlights: tuple[tuple[int, int], ...], style: TextStyle) -> str:
    out: list[str] = []
    position = 0
    for start, end in sorted(highlights):
        if start < position or end > len(text):
            continue
        out.append(_clean(text[position:start]))
        out.append(_wrap(_clean(text[start:end]), style.strong))
        position = end
    out.append(_clean(text[position:]))
    return "".join(out)


def _source(source: Source) -> str:
    where = source.url or (f"article {source.article_id}" if source.article_id else "")
    return f"{_clean(source.title)} ({where})" if where else _clean(source.title)


def _wrap(text: str, marks: tuple[str, str]) -> str:
    return f"{marks[0]}{text}{marks[1]}" if text else text


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)
