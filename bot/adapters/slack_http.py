"""HTTP mode: ``POST /slack/events`` served by aiohttp through bolt's aiohttp adapter.

Bolt verifies each request's signature (HMAC of timestamp and body with the signing secret) and
refuses timestamps more than five minutes from now, so forged and replayed requests get 401.
This module logs every refusal with the sender's address and the reason, never the body.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
MAX_SKEW_SECONDS = 5 * 60


def rejection_reason(timestamp: str | None, now: float) -> str:
    """Why Slack's signature check failed, judged from the timestamp header."""
    if not timestamp or not timestamp.isdigit():
        return "missing or malformed X-Slack-Request-Timestamp"
    age = now - int(timestamp)
    if abs(age) > MAX_SKEW_SECONDS:
        return f"stale timestamp ({int(age)} s from now; a replay?)"
    return "signature does not match the signing secret"


def http_app(bolt: AsyncApp, *, clock: Callable[[], float] = time.time) -> web.Application:
    """The aiohttp application: Slack's requests at :data:`EVENTS_PATH`, a health check."""

    async def events(request: web.Request) -> web.Response:
        timestamp = request.headers.get("X-Slack-Request-Timestamp")
        if timestamp is not None and not timestamp.isdigit():
            # bolt would fail on int(); refuse like any other unverifiable request.
            response = web.json_response({"error": "invalid request"}, status=401)
        else:
            response = await to_aiohttp_response(
                await bolt.async_dispatch(await to_bolt_request(request))
            )
        if response.status == 401:
            log.warning(
                "rejected Slack request from %s: %s",
                request.remote,
                rejection_reason(timestamp, clock()),
            )
        return response

    async def health(_request: web.Request) -> web.Response:
        return web.Response(text="ok")

    application = web.Application()
    application.add_routes([web.post(EVENTS_PATH, events), web.get("/healthz", health)])
    return application


@dataclass
class HttpServer:
    """A running HTTP-mode server; ``port`` is the real one (useful when asked for port 0)."""

    runner: web.AppRunner
    port: int

    async def close(self) -> None:
        """Stop listening and finish open requests."""
        await self.runner.cleanup()


async def start_http(bolt: AsyncApp, host: str, port: int) -> HttpServer:
    """Start listening on ``host:port`` and return at once."""
    runner = web.AppRunner(http_app(bolt), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = runner.addresses[0][1] if runner.addresses else port
    log.info("Slack HTTP mode: listening on http://%s:%s%s", host, bound, EVENTS_PATH)
    return HttpServer(runner, int(bound))


async def serve_http(bolt: AsyncApp, host: str, port: int) -> None:
    """Serve HTTP mode until cancelled."""
    server = await start_http(bolt, host, port)
    try:
        await asyncio.Event().wait()
    finally:
        await server.close()
