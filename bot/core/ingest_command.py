"""``/ingest <url>`` (admins): read an article page, or a feed and all its entries.

The work runs in a worker thread. If it takes longer than :data:`ANSWER_WITHIN_S` (a big feed),
the reply says how far it got and the reading goes on in the background; ``/sources`` shows the
feed's result once it is done.
"""

from __future__ import annotations

import asyncio
import re
import threading
from urllib.parse import urlsplit

from bot.core.commands import Args, CommandContext, CommandSpec, Param
from bot.core.errors import UsageError
from bot.core.reply import Block, Context, Header, Reply, Section, Source
from bot.core.web_report import UrlReport, WebOutcome, WebStatus

ANSWER_WITHIN_S = 120.0
LISTED = 8
"""Items listed per kind (added, updated, failed) before "and N more"."""

_background: set[asyncio.Future[UrlReport]] = set()


class _Progress:
    """Entries done so far, updated from the worker thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.done = 0
        self.total = 0

    def __call__(self, done: int, total: int) -> None:
        with self._lock:
            self.done, self.total = done, total


async def ingest_command(ctx: CommandContext, args: Args) -> Reply:
    """``/ingest <url>``: read a page or a feed into the corpus and say what was added."""
    web = ctx.services.web
    if web is None:
        raise UsageError("This bot is not set up to read links.", hint="Ask its operator.")
    url = args["url"].strip().strip("<>").split("|", 1)[0]  # Slack wraps links as <url|text>
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise UsageError(
            f"{_short(url)!r} is not a web link.",
            hint="Give the address of an article or an RSS/Atom feed, starting with https://.",
        )
    progress = _Progress()
    task = asyncio.ensure_future(asyncio.to_thread(web.ingest_url, url, progress))
    done, _ = await asyncio.wait({task}, timeout=ANSWER_WITHIN_S)
    if not done:
        _background.add(task)
        task.add_done_callback(_background.discard)
        so_far = f"{progress.done} of {progress.total} entries" if progress.total else "the link"
        return Reply.notice(
            f"Still reading {url}: {so_far} done so far. It goes on in the background.",
            hint="/sources shows the feed's result when it is done.",
        )
    return report_reply(task.result())


def report_reply(report: UrlReport) -> Reply:
    """A reply listing what reading one link added, updated, linked and failed."""
    if report.error is not None:
        what = "feed" if report.kind == "feed" else "link"
        return Reply.notice(
            f"Could not read the {what} {report.url}: {report.error}.",
            hint="Nothing was stored. Check the address, or try again later.",
            error=True,
        )
    name = report.title or report.url
    blocks: list[Block] = [Header(_short(f"{'Feed' if report.kind == 'feed' else 'Page'}: {name}"))]
    blocks.append(Section(f"{report.url}\n{report.summary()}"))
    if report.problem is not None:
        blocks.append(Context(f"Warning: {report.problem}"))
    labels: tuple[tuple[WebStatus, str], ...] = (
        ("added", "Added"),
        ("updated", "Updated"),
        ("duplicate", "Already known"),
        ("failed", "Could not read"),
    )
    for status, label in labels:
        items = [o for o in report.outcomes if o.status == status][:LISTED]
        if not items:
            continue
        if status == "added":  # the links say it all
            sources = tuple(Source(o.title or o.origin, o.origin, o.article_id) for o in items)
            blocks.append(Section(f"{label}:", sources=sources))
        else:
            blocks.append(Section(f"{label}:\n" + "\n".join(_line(o) for o in items)))
        more = report.count(status) - len(items)
        if more > 0:
            blocks.append(Context(f"… and {more} more {status}."))
    if report.kind == "feed":
        blocks.append(Context("The feed is polled from now on; /sources shows its status."))
    return Reply(tuple(blocks), tone="error" if report.failed and not report.outcomes else "info")


def _line(outcome: WebOutcome) -> str:
    title = _short(outcome.title or outcome.origin)
    if outcome.status == "failed":
        return f"• {title} ({outcome.origin}): {outcome.reason}"
    return f"• {title}" + (f": {outcome.reason}" if outcome.reason else "")


def _short(text: str, limit: int = 140) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


INGEST = CommandSpec(
    name="ingest",
    summary="Read an article link or an RSS/Atom feed into the corpus.",
    handler=ingest_command,
    params=(Param("url", "link to an article page or an RSS/Atom feed", required=True),),
    examples=("/ingest https://example.com/world/rss.xml",),
    admin_only=True,
)
