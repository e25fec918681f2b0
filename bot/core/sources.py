"""``/sources``: what the bot has read."""

from __future__ import annotations

import asyncio
import re
from pathlib import PurePath

from bot.core.commands import Args, CommandContext, CommandSpec, Param
from bot.core.errors import UsageError
from bot.core.feed_store import FeedState, FeedStore
from bot.core.models import ArticleSummary
from bot.core.reply import Block, Context, Header, Reply, Section, Source
from bot.core.source_store import SourceStore

PAGE_SIZE = 15
FEEDS_SHOWN = 10


async def sources_command(ctx: CommandContext, args: Args) -> Reply:
    """``/sources [page]``: the indexed articles, newest first, a page at a time."""
    store = ctx.services.store
    total = await asyncio.to_thread(store.count_articles)
    feeds = await asyncio.to_thread(FeedStore(store).all)
    if total == 0 and not feeds:
        return Reply.notice(
            "No articles are indexed yet.",
            hint="An admin can add some with /ingest <url|feed> or python -m bot ingest.",
        )
    pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    page = _page_number(args.get("page", "1"), pages)
    articles = await asyncio.to_thread(
        store.list_articles, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    copies = await asyncio.to_thread(SourceStore(store).other_outlets)
    blocks: list[Block] = []
    if feeds and page == 1:
        blocks.append(Header(f"Feeds: {len(feeds)} polled"))
        blocks += [_feed_entry(feed) for feed in feeds[:FEEDS_SHOWN]]
        if len(feeds) > FEEDS_SHOWN:
            blocks.append(Context(f"… and {len(feeds) - FEEDS_SHOWN} more feeds."))
    blocks.append(Header(f"Sources: {total} article{'s' * (total != 1)} indexed"))
    blocks += [_entry(article, copies.get(article.id, [])) for article in articles]
    footer = f"Page {page} of {pages}."
    if page < pages:
        footer += f" Next: /sources {page + 1}"
    blocks.append(Context(footer))
    return Reply(tuple(blocks))


def _feed_entry(feed: FeedState) -> Section:
    details = [
        f"last poll {_when(feed.last_poll)}" if feed.last_poll else "not polled yet",
        f"{feed.articles:,} article{'s' * (feed.articles != 1)}",
        feed.last_result if feed.last_error is None else None,
    ]
    text = f"{feed.title or feed.url}\n{feed.url}\n" + " · ".join(d for d in details if d)
    if feed.last_error is not None:
        streak = f"{feed.errors} failed poll{'s' * (feed.errors != 1)} in a row"
        text += f"\nProblem: {feed.last_error} ({streak})"
    return Section(text)


def _when(stamp: str) -> str:
    """``2026-05-17T09:30:00+00:00`` as ``2026-05-17 09:30 UTC``."""
    text = stamp.replace("T", " ")[:16]
    return f"{text} UTC" if stamp.endswith(("+00:00", "Z")) else text


def _entry(article: ArticleSummary, copies: list[str] | None = None) -> Section:
    details = [
        article.source,
        article.published[:10] if article.published else None,
        f"{article.words:,} words",
        None if article.url else _file_name(article.origin),
    ]
    line = " · ".join(d for d in details if d)
    if copies:
        shown = ", ".join(dict.fromkeys(copies))
        line += f"\nAlso published by: {shown}"
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
    summary="List the polled feeds and the indexed articles, newest first.",
    handler=sources_command,
    params=(Param("page", "page number, when there are many"),),
    examples=("/sources",),
)
