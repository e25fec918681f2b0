"""``python -m bot post-daily [--dry-run] [--channel DEST …] [--force]``."""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING

from bot.cli_commands import CliCommand
from bot.core.daily import compose_daily
from bot.core.deliveries import Ledger
from bot.core.schedule import Subscription, local_day, parse_time
from bot.core.subscriptions import Subscriptions

if TYPE_CHECKING:
    from bot.bootstrap import App

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="print the briefings instead of posting them"
    )
    parser.add_argument(
        "--channel",
        action="append",
        metavar="DEST",
        help="only this destination, e.g. slack:C0123 or discord:1234 (repeatable)",
    )
    parser.add_argument(
        "--force", action="store_true", help="post again where today's briefing is already out"
    )


def _chosen(app: App, channels: list[str] | None) -> list[Subscription]:
    every = Subscriptions(app.services.store).all(app.services.daily)
    if not channels:
        return every
    wanted = set(channels)
    return [s for s in every if s.destination in wanted or s.channel in wanted]


async def _dry_run(app: App, subscriptions: list[Subscription]) -> int:
    from bot.adapters.text_render import render_text

    services = app.services
    now = services.clock.now()
    if not subscriptions:  # a preview of what a subscriber would get
        at = parse_time(services.daily.time)
        subscriptions = [Subscription("preview", "console", at, services.daily.timezone)]
    ledger = Ledger(services.store)
    for sub in subscriptions:
        since, digest = ledger.since_last(sub.destination)
        composed = await compose_daily(services, sub, local_day(now, sub), since, digest)
        print(f"== {sub.destination} ({sub.at:%H:%M} {sub.timezone}) ==")
        print(render_text(composed.reply))
        print()
    return EXIT_OK


async def _post(app: App, subscriptions: list[Subscription], force: bool) -> int:
    from bot.daily_runtime import publishers, scheduler

    failed = 0
    async with publishers(app.settings) as found:
        runner = scheduler(app, found)
        now = app.services.clock.now()
        for sub in subscriptions:
            outcome = await runner.deliver(sub, now, force=force)
            detail = f": {outcome.detail}" if outcome.detail else ""
            print(f"{sub.destination} {outcome.day}: {outcome.status}{detail}")
            failed += outcome.status == "failed"
    return EXIT_FAILED if failed else EXIT_OK


def _run(args: argparse.Namespace, app: App) -> int:
    from bot.progress import ingest_quietly

    ingest_quietly(app)  # brief on the current corpus
    subscriptions = _chosen(app, args.channel)
    if args.channel and not subscriptions:
        print("error: none of those destinations is subscribed (see /subscriptions)")
        return EXIT_USAGE
    if args.dry_run:
        return asyncio.run(_dry_run(app, subscriptions))
    if not subscriptions:
        print(
            "No destinations: run /subscribe in a channel, or list them in "
            "BOT_DAILY__DESTINATIONS. --dry-run shows what a subscriber would get."
        )
        return EXIT_OK
    return asyncio.run(_post(app, subscriptions, args.force))


POST_DAILY = CliCommand(
    "post-daily",
    "compose, post and pin today's daily briefing for every destination now",
    _configure,
    run=_run,
)
