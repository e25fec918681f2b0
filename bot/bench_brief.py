"""The ``/brief`` stage of ``python -m bot bench``: model load once, then warm latency."""

from __future__ import annotations

import asyncio
import statistics
import time

from bot.adapters.text_render import render_text
from bot.bootstrap import App
from bot.core.commands import Invocation
from bot.nlp.extractive import encode_texts

TOPICS = ("", "sanctions bill", "Putin meeting", "ceasefire talks Istanbul")
MAX_ROUNDS = 5
"""A briefing does real work (encoding, selection): a few rounds give stable figures."""


def brief_figures(app: App, rounds: int) -> list[str]:
    """Time loading the encoder, the first ``/brief``, then warm ones."""
    rounds = max(1, min(rounds, MAX_ROUNDS))
    times: list[float] = []
    start = time.perf_counter()
    encode_texts(["Loading the sentence encoder."])
    load = (time.perf_counter() - start) * 1000
    with asyncio.Runner() as runner:
        start = time.perf_counter()
        render_text(runner.run(app.handle(Invocation(name="brief"))))
        first = (time.perf_counter() - start) * 1000
        for topic in TOPICS:
            invocation = Invocation(name="brief", text=topic)
            for _ in range(rounds):
                start = time.perf_counter()
                render_text(runner.run(app.handle(invocation)))
                times.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    p50, p95 = cuts[49], cuts[94]
    backend = app.settings.summarizer.backend
    return [
        f"model load       {load:.0f} ms (MiniLM sentence encoder, once per process)",
        f"/brief first     {first:.0f} ms ({backend}; encodes the sentences of what it briefs)",
        f"/brief command   p50 {p50:.0f} ms, p95 {p95:.0f} ms warm "
        f"({len(TOPICS)} topics x {rounds} rounds; a topic's first call encodes its articles)",
    ]
