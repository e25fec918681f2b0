"""``/sources``: what the bot has read."""

from __future__ import annotations

import asyncio
import re
from pathlib import PurePath

from bot.core.commands import Args, CommandContext, CommandSpec, Param
from bot.core.errors import UsageError
from bot.core.models import ArticleSummary
from bot.core.reply import Block, Context, Header, Reply, Section, Source

PAGE_SIZE = 15


async def sources_command(ctx: CommandContext, args: Args) -> Reply:
    """``/sources [page]``: the indexed articles, newest first, a page at a time."""
    store = ctx.services.store
    total = await asyncio.to_thread(store.count_articles)
    if total == 0:
        return Reply.notice(
            "No articles are indexed yet.", hint="An admin can add some with python -m bot ingest."
        )
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    page = _page_number(args.get("page", "1"), pages)
    articles = await asyncio.to_thread(
        store.list_articles, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    blocks: list[Block] = [Header(f"Sources: {total} article{'s' * (total != 1)} indexed")]
    blocks += [_entry(article) for article in articles]
    footer = f"Page {page} of {pages}."
    if page < pages:
        footer += f" Next: /sources {page + 1}"
    blocks.append(Context(footer))
    return Reply(tuple(blocks))


def _entry(article: ArticleSummary) -> Section:
    details = [
        article.source,
        article.published[:10] if article.published else None,
        f"{article.words:,} words",
        None if article.url else _file_name(article.origin),
    ]
    line = " · ".join(d for d in details if d)
    link = (Source(article.title, article.url, article.id),) if article.url else ()
    return Section(f"{article.title}\n{line}", sources=link)


def _file_name(origin: str) -> str:
    """The last part of a file origin: chat users need no server paths."""
    return PurePath(origin).name or origin


def _page_number(raw: str, pages: int) -> int:
    if not re.fullmatch(r"[0-9]{1,9}", raw) or not 1 <= int(raw) <= pages:
        raise UsageError(
            f"There is no page {raw!r} of sources.",
            hint=f"Pages go from 1 to {pages}.",
        )
    return int(raw)


SOURCES = CommandSpec(
    name="sources",
    summary="List the indexed articles, newest first.",
    handler=sources_command,
    params=(Param("page", "page number, when there are many"),),
    examples=("/sources",),
)
