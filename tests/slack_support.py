"""Test helpers for the Slack adapter: Block Kit checks, request signing, a mock Slack server."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from aiohttp import WSMsgType, web
from slack_sdk.signature import SignatureVerifier

SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-token"

MAX_BLOCKS = 50
MAX_TEXT = 3000
MAX_HEADER = 150


def block_kit_problems(payload: dict[str, Any]) -> list[str]:
    """Everything Slack would refuse (or show badly) in a message payload."""
    problems: list[str] = []
    text = payload.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.append("missing fallback text")
    blocks = payload.get("blocks")
    if blocks is None:
        return problems
    if not isinstance(blocks, list) or not blocks:
        return [*problems, "blocks must be a non-empty list"]
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks (max {MAX_BLOCKS})")
    for number, block in enumerate(blocks):
        where = f"block {number} ({block.get('type')})"
        kind = block.get("type")
        if kind == "header":
            obj = block.get("text", {})
            if obj.get("type") != "plain_text":
                problems.append(f"{where}: header text must be plain_text")
            if not obj.get("text", "").strip() or len(obj.get("text", "")) > MAX_HEADER:
                problems.append(f"{where}: header text empty or over {MAX_HEADER}")
        elif kind == "section":
            obj = block.get("text", {})
            if obj.get("type") not in ("mrkdwn", "plain_text"):
                problems.append(f"{where}: bad text type")
            if not obj.get("text", "").strip() or len(obj.get("text", "")) > MAX_TEXT:
                problems.append(f"{where}: section text empty or over {MAX_TEXT}")
        elif kind == "context":
            elements = block.get("elements", [])
            if not 1 <= len(elements) <= 10:
                problems.append(f"{where}: {len(elements)} elements")
            for element in elements:
                if not element.get("text", "").strip() or len(element.get("text", "")) > MAX_TEXT:
                    problems.append(f"{where}: element text empty or over {MAX_TEXT}")
        elif kind == "divider":
            if set(block) - {"type", "block_id"}:
                problems.append(f"{where}: unexpected fields")
        else:
            problems.append(f"{where}: unknown block type")
    return problems


def signed_headers(
    body: str, *, secret: str = SECRET, timestamp: int | None = None
) -> dict[str, str]:
    """Headers Slack would send with ``body``: a timestamp and its signature."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    assert signature is not None
    return {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": stamp,
        "x-slack-signature": signature,
    }


def command_body(command: str, text: str = "", *, response_url: str, user: str = "U111") -> str:
    """A slash-command request body, form-encoded as Slack sends it."""
    return urlencode(
        {
            "token": "legacy",
            "team_id": "T111",
            "team_domain": "example",
            "channel_id": "C111",
            "channel_name": "news",
            "user_id": user,
            "user_name": "someone",
            "command": command,
            "text": text,
            "api_app_id": "A111",
            "response_url": response_url,
            "trigger_id": "1.2.3",
        }
    )


@dataclass
class Call:
    """One request the mock Slack server received."""

    path: str
    payload: dict[str, Any]
    headers: dict[str, str]


@dataclass
class MockSlack:
    """A local stand-in for Slack's Web API (``/api/METHOD``) and response URLs (``/respond/…``).

    Every request is recorded; every message payload is checked against Block Kit's limits and
    any problem is kept in :attr:`problems` (tests assert it stays empty). ``script`` maps a path
    to canned responses, served first to last (status, json body, headers), then the default.
    """

    base: str = ""
    calls: list[Call] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    script: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]] = field(
        default_factory=dict
    )
    sockets: list[web.WebSocketResponse] = field(default_factory=list)
    socket_messages: list[dict[str, Any]] = field(default_factory=list)

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.base}/respond/{name}"

    def to(self, path: str) -> list[Call]:
        return [call for call in self.calls if call.path == path]

    async def _handle(self, request: web.Request) -> web.Response:
        raw = await request.text()
        if request.content_type == "application/json":
            payload = json.loads(raw) if raw else {}
        else:
            payload = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
            for key in ("blocks", "attachments"):
                if isinstance(payload.get(key), str):
                    payload[key] = json.loads(payload[key])
        payload = {**request.query, **payload}  # some methods send their arguments as a query
        path = request.path
        self.calls.append(Call(path, payload, dict(request.headers)))
        if path.startswith("/respond/") or path == "/api/chat.postMessage":
            for problem in block_kit_problems(payload):
                self.problems.append(f"{path}: {problem}")
        canned = self.script.get(path)
        if canned:
            status, body, headers = canned.pop(0)
            return web.json_response(body, status=status, headers=headers)
        if path.startswith("/respond/"):
            return web.Response(text="ok")
        method = path.removeprefix("/api/")
        result: dict[str, Any] = {"ok": True}
        if method == "auth.test":
            result.update(user_id="UBOT", bot_id="BBOT", team_id="T111", url="https://x/")
        elif method == "apps.connections.open":
            result.update(url=self.base.replace("http://", "ws://") + "/link")
        elif method == "chat.postMessage":
            result.update(channel=payload.get("channel"), ts=f"1700000000.{len(self.calls):06d}")
        return web.json_response(result)

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        """Socket Mode: say hello, then record what the client sends (envelope acks)."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1})
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                self.socket_messages.append(json.loads(message.data))
        return ws


@asynccontextmanager
async def mock_slack() -> AsyncIterator[MockSlack]:
    """Run a :class:`MockSlack` on a free local port for the duration of the block."""
    mock = MockSlack()
    application = web.Application()
    application.router.add_route("GET", "/link", mock._socket)
    application.router.add_route("POST", "/{tail:.*}", mock._handle)
    application.router.add_route("GET", "/api/{tail:.*}", mock._handle)  # e.g. history reads
    runner = web.AppRunner(application, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    mock.base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        yield mock
    finally:
        await runner.cleanup()
