"""The ``bench`` stage for the daily briefing: how long composing one takes, and its size.

The first briefing of a channel is the heavy case (every article of the last day is new, so
all of them are grouped into stories and summarised); a later one with nothing new is timed too.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from datetime import time as clock_time
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.adapters.discord_render import render_discord
from bot.adapters.slack_render import render_slack
from bot.core.daily import compose_daily
from bot.core.schedule import Subscription, local_day

if TYPE_CHECKING:
    from bot.bootstrap import App


def daily_figures(app: App, rounds: int) -> list[str]:
    """Lines for the bench report: daily briefing compose times and rendered sizes."""
    services = app.services
    sub = Subscription("slack", "BENCH", clock_time(8, 0), "UTC")
    now = services.clock.now()
    day = local_day(now, sub)

    def timed(since_hours: float | None) -> tuple[list[float], int, int]:
        since = None if since_hours is None else now + timedelta(hours=since_hours)
        times: list[float] = []
        slack = discord = 0
        for _ in range(rounds):
            start = time.perf_counter()
            composed = asyncio.run(compose_daily(services, sub, day, since, ""))
            times.append((time.perf_counter() - start) * 1000)
            slack, discord = len(render_slack(composed.reply)), len(render_discord(composed.reply))
        return times, slack, discord

    first, slack, discord = timed(None)
    quiet, _, _ = timed(1.0)  # composed an hour from now: nothing new since
    count = services.store.count_articles()
    return [
        f"daily compose    p50 {statistics.median(first):.0f} ms, max {max(first):.0f} ms "
        f"(first briefing, {count} new articles; {slack} Slack / {discord} Discord messages)",
        f"daily, no news   p50 {statistics.median(quiet):.0f} ms, max {max(quiet):.0f} ms",
    ]
