"""Bench stage for Discord: autocomplete and embed-rendering latency on the bench corpus."""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import TYPE_CHECKING

from bot.adapters.discord_render import render_discord
from bot.core.commands import Invocation
from bot.core.topics import TOPIC_LABELS, complete_topic

if TYPE_CHECKING:
    from bot.bootstrap import App

TYPED = ("", "p", "pu", "sen", "trunp", "united st", "minister", "zzz")
QUERIES = ("sanctions bill", "Putin", "meeting", "Ukraine weapons")


def discord_figures(app: App, rounds: int) -> list[str]:
    """Lines for ``python -m bot bench``: topic suggestions and /search rendered as embeds."""
    known = len(app.services.store.entity_frequencies(TOPIC_LABELS, 10**9))
    complete: list[float] = []
    for _ in range(rounds):
        for typed in TYPED:
            start = time.perf_counter()
            complete_topic(app.services, typed)
            complete.append((time.perf_counter() - start) * 1000)
    render: list[float] = []
    with asyncio.Runner() as runner:
        replies = [
            runner.run(app.handle(Invocation("search", options={"query": q}, platform="discord")))
            for q in QUERIES
        ]
    for _ in range(rounds):
        for reply in replies:
            start = time.perf_counter()
            render_discord(reply)
            render.append((time.perf_counter() - start) * 1000)
    c50, c95 = _percentiles(complete)
    r50, r95 = _percentiles(render)
    return [
        f"topic complete   p50 {c50:.2f} ms, p95 {c95:.2f} ms ({known:,} known topics)",
        f"discord render   p50 {r50:.2f} ms, p95 {r95:.2f} ms (/search reply as embed dicts)",
    ]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94]
