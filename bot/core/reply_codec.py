"""A Reply as JSON and back, so a composed briefing can be stored and posted after a restart."""

from __future__ import annotations

import json
from typing import Any

from bot.core.reply import Block, Context, Divider, Header, Reply, Section, Source


def reply_to_json(reply: Reply) -> str:
    """Serialise a reply (blocks, visibility, tone) as compact JSON."""
    return json.dumps(
        {
            "visibility": reply.visibility,
            "tone": reply.tone,
            "blocks": [_block(b) for b in reply.blocks],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def reply_from_json(text: str) -> Reply:
    """The reply :func:`reply_to_json` wrote.

    Raises:
        ValueError: the JSON is not a serialised reply.
    """
    data = json.loads(text)
    try:
        blocks = tuple(_unblock(b) for b in data["blocks"])
        return Reply(blocks, visibility=data["visibility"], tone=data["tone"])
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a stored reply: {exc}") from None


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Header):
        return {"type": "header", "text": block.text}
    if isinstance(block, Context):
        return {"type": "context", "text": block.text}
    if isinstance(block, Divider):
        return {"type": "divider"}
    return {
        "type": "section",
        "text": block.text,
        "highlights": [list(r) for r in block.highlights],
        "sources": [[s.title, s.url, s.article_id] for s in block.sources],
    }


def _unblock(data: dict[str, Any]) -> Block:
    kind = data["type"]
    if kind == "header":
        return Header(data["text"])
    if kind == "context":
        return Context(data["text"])
    if kind == "divider":
        return Divider()
    if kind == "section":
        return Section(
            data["text"],
            highlights=tuple((int(a), int(b)) for a, b in data["highlights"]),
            sources=tuple(Source(t, u, a) for t, u, a in data["sources"]),
        )
    raise ValueError(f"unknown block type {kind!r}")
