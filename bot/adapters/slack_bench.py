"""The Slack stage of ``python -m bot bench``: Block Kit rendering and HTTP-mode round trips.

Signed ``/search`` requests go over real HTTP to the HTTP-mode server on a local port; answers go
to a local stand-in for the ``response_url``. Measured: time to the acknowledgement (what Slack
waits for, 3 s at most) and to the delivered answer.
"""

from __future__ import annotations

import asyncio
import dataclasses
import statistics
import time
from collections.abc import Sequence
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from pydantic import SecretStr
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.signature import SignatureVerifier

from bot.adapters.slack_app import build_slack_app
from bot.adapters.slack_http import start_http
from bot.adapters.slack_render import render_slack
from bot.bootstrap import App
from bot.core.commands import Invocation

_SECRET = "bench-signing-secret"


def _p50_p95(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94]


async def _authorize(**_kwargs: object) -> AuthorizeResult:
    return AuthorizeResult(enterprise_id=None, team_id="T0", bot_token="xoxb-bench")


async def _round_trips(app: App, queries: Sequence[str], rounds: int) -> tuple[list[float], ...]:
    slack = app.settings.slack.model_copy(
        update={"mode": "http", "signing_secret": SecretStr(_SECRET)}
    )
    bench_app = dataclasses.replace(app, settings=app.settings.model_copy(update={"slack": slack}))
    server = await start_http(build_slack_app(bench_app, authorize=_authorize), "127.0.0.1", 0)
    arrived: dict[str, asyncio.Event] = {}

    async def sink(request: web.Request) -> web.Response:
        await request.read()
        arrived[request.match_info["id"]].set()
        return web.Response(text="ok")

    sink_app = web.Application()
    sink_app.router.add_post("/respond/{id}", sink)
    runner = web.AppRunner(sink_app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    sink_port = runner.addresses[0][1]
    acks: list[float] = []
    answers: list[float] = []
    verifier = SignatureVerifier(_SECRET)
    try:
        async with aiohttp.ClientSession(f"http://127.0.0.1:{server.port}") as client:
            for number, query in enumerate(q for q in queries for _ in range(rounds)):
                key = str(number)
                arrived[key] = asyncio.Event()
                body = urlencode(
                    {
                        "command": "/search-news",  # /search is reserved by Slack
                        "text": query,
                        "user_id": "U0",
                        "channel_id": "C0",
                        "team_id": "T0",
                        "response_url": f"http://127.0.0.1:{sink_port}/respond/{key}",
                    }
                )
                stamp = str(int(time.time()))
                headers = {
                    "content-type": "application/x-www-form-urlencoded",
                    "x-slack-request-timestamp": stamp,
                    "x-slack-signature": verifier.generate_signature(timestamp=stamp, body=body)
                    or "",
                }
                start = time.perf_counter()
                async with client.post("/slack/events", data=body, headers=headers) as response:
                    await response.read()
                acks.append((time.perf_counter() - start) * 1000)
                await asyncio.wait_for(arrived[key].wait(), 30)
                answers.append((time.perf_counter() - start) * 1000)
    finally:
        await server.close()
        await runner.cleanup()
    return acks, answers


def slack_figures(app: App, queries: Sequence[str], rounds: int) -> list[str]:
    """Measure rendering and HTTP-mode round trips for ``/search`` over ``queries``."""
    renders: list[float] = []
    with asyncio.Runner() as runner:
        for query in queries:
            reply = runner.run(app.handle(Invocation(name="search", text=query)))
            for _ in range(rounds):
                start = time.perf_counter()
                render_slack(reply)
                renders.append((time.perf_counter() - start) * 1000)
        acks, answers = runner.run(_round_trips(app, queries, rounds))
    r50, r95 = _p50_p95(renders)
    a50, a95 = _p50_p95(acks)
    d50, d95 = _p50_p95(answers)
    return [
        f"Slack render     p50 {r50:.2f} ms, p95 {r95:.2f} ms (reply → Block Kit)",
        f"Slack HTTP ack   p50 {a50:.1f} ms, p95 {a95:.1f} ms; answer delivered p50 {d50:.1f} "
        f"ms, p95 {d95:.1f} ms ({len(acks)} signed /search requests)",
    ]
