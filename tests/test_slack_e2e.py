"""End to end: HTTP mode on a local port, real signed HTTP requests, a mock Slack Web API.

The bot runs through :func:`serve_slack` exactly as ``python -m bot run slack`` does with
``BOT_SLACK__MODE=http``; its Web API base URL points at a local mock that records every call and
fails the test on invalid Block Kit.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import SEEDS, offline_examples
from pydantic import SecretStr
from slack_support import BOT_TOKEN, SECRET, MockSlack, command_body, mock_slack, signed_headers

from bot.adapters.slack_names import slack_names
from bot.adapters.slack_serve import serve_slack
from bot.bootstrap import App, build
from bot.core.clock import FixedClock
from bot.core.commands import split_command_line
from bot.settings import CorpusSettings, Settings, SlackSettings, StoreSettings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Running:
    """The bot serving HTTP mode, a client for it and the mock Slack it talks to."""

    def __init__(self, app: App, mock: MockSlack, client: httpx.AsyncClient) -> None:
        self.app, self.mock, self.client = app, mock, client

    async def command(self, line: str, *, user: str = "U111", name: str = "cmd") -> httpx.Response:
        command, text = split_command_line(line)
        body = command_body(
            f"/{slack_names([command])[command]}",
            text,
            response_url=self.mock.response_url(name),
            user=user,
        )
        return await self.client.post("/slack/events", content=body, headers=signed_headers(body))

    async def replies(self, name: str = "cmd", count: int = 1) -> list[dict[str, Any]]:
        """The answers sent to a response URL (not the "working…" note), once ``count`` came."""
        deadline = time.monotonic() + 60
        while True:
            calls = self.mock.to(f"/respond/{name}")
            answers = [c.payload for c in calls if c.payload.get("text") != "Working…"]
            if len(answers) >= count:
                return answers
            assert time.monotonic() < deadline, f"no answer on /respond/{name}"
            await asyncio.sleep(0.02)


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store with the seed corpus for the module (ingest runs spaCy once)."""
    path = tmp_path_factory.mktemp("slack") / "store.sqlite3"
    app = build(Settings(store=StoreSettings(path=path), corpus=CorpusSettings(dirs=[SEEDS])))
    app.ingest_corpus()
    app.close()
    return path


@pytest.fixture
async def running(seeded_store: Path, clock: FixedClock) -> AsyncIterator[Running]:
    async with mock_slack() as mock:
        port = free_port()
        settings = Settings(
            store=StoreSettings(path=seeded_store),
            corpus=CorpusSettings(dirs=[SEEDS]),
            slack=SlackSettings(
                mode="http",
                host="127.0.0.1",
                port=port,
                bot_token=SecretStr(BOT_TOKEN),
                signing_secret=SecretStr(SECRET),
                api_base_url=mock.api_url,
                admins=["UADMIN"],
            ),
        )
        app = build(settings, clock=clock)
        server = asyncio.create_task(serve_slack(app))
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            deadline = time.monotonic() + 10
            while True:
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "HTTP mode did not start"
                    await asyncio.sleep(0.02)
            yield Running(app, mock, client)
        server.cancel()
        with pytest.raises(asyncio.CancelledError):
            await server
        app.close()
        assert mock.problems == []


async def test_search_is_acked_fast_and_answered_with_block_kit(running: Running) -> None:
    started = time.monotonic()
    response = await running.command("/search sanctions")
    assert response.status_code == 200
    assert time.monotonic() - started < 3
    [reply] = await running.replies()
    assert reply["response_type"] == "ephemeral"
    blocks = reply["blocks"]
    assert isinstance(blocks, list)
    assert blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Search: sanctions", "emoji": True},
    }
    assert any("*sanctions*" in block.get("text", {}).get("text", "") for block in blocks)
    # The bot token was checked against the configured Web API base URL, with the token.
    auths = running.mock.to("/api/auth.test")
    assert auths and all(a.headers["Authorization"] == f"Bearer {BOT_TOKEN}" for a in auths)


EXAMPLES = offline_examples()


@pytest.mark.parametrize("line", EXAMPLES)
async def test_every_example_in_the_command_table_answers_in_slack(
    running: Running, line: str
) -> None:
    response = await running.command(line, user="UADMIN")
    assert response.status_code == 200
    [answer, *_more] = await running.replies()
    assert ":warning:" not in str(answer["blocks"]), answer


async def test_forged_signature_is_rejected_and_logged(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    body = command_body("/search", "x", response_url=running.mock.response_url("private"))
    with caplog.at_level(logging.INFO):
        response = await running.client.post(
            "/slack/events", content=body, headers=signed_headers(body, secret="guessed")
        )
    assert response.status_code == 401
    assert "rejected Slack request from 127.0.0.1: signature does not match" in caplog.text
    assert SECRET not in caplog.text
    assert "private" not in caplog.text  # the request body is not logged
    await asyncio.sleep(0.1)
    assert running.mock.to("/respond/cmd") == []


async def test_replayed_request_with_old_timestamp_is_rejected_and_logged(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    body = command_body("/search", "x", response_url=running.mock.response_url())
    old = int(time.time()) - 301
    with caplog.at_level(logging.WARNING, logger="bot.adapters.slack_http"):
        response = await running.client.post(
            "/slack/events", content=body, headers=signed_headers(body, timestamp=old)
        )
        garbled = await running.client.post(
            "/slack/events",
            content=body,
            headers={**signed_headers(body), "x-slack-request-timestamp": "soon"},
        )
    assert response.status_code == 401
    assert garbled.status_code == 401
    assert "stale timestamp" in caplog.text
    assert "malformed X-Slack-Request-Timestamp" in caplog.text
    await asyncio.sleep(0.1)
    assert running.mock.to("/respond/cmd") == []


async def test_article_text_cannot_ping_anyone(running: Running) -> None:
    await running.command('/search "<!channel>" & <@U123>')
    [reply] = await running.replies()
    assert "<!channel>" not in str(reply) and "<@U123>" not in str(reply)


async def test_socket_mode_receives_a_command_acks_it_and_answers(
    seeded_store: Path, clock: FixedClock
) -> None:
    async with mock_slack() as mock:
        settings = Settings(
            store=StoreSettings(path=seeded_store),
            slack=SlackSettings(
                bot_token=SecretStr(BOT_TOKEN),
                app_token=SecretStr("xapp-test-token"),
                api_base_url=mock.api_url,
            ),
        )
        app = build(settings, clock=clock)
        server = asyncio.create_task(serve_slack(app))
        deadline = time.monotonic() + 10
        while not mock.sockets:
            assert time.monotonic() < deadline, "Socket Mode did not connect"
            await asyncio.sleep(0.02)
        [opened] = mock.to("/api/apps.connections.open")
        assert opened.headers["Authorization"] == "Bearer xapp-test-token"
        envelope = {
            "envelope_id": "env-1",
            "type": "slash_commands",
            "accepts_response_payload": True,
            "payload": {
                "command": "/search-news",
                "text": "sanctions",
                "user_id": "U1",
                "channel_id": "C1",
                "team_id": "T111",
                "response_url": mock.response_url("socket"),
            },
        }
        await mock.sockets[0].send_json(envelope)
        while not (mock.to("/respond/socket") and mock.socket_messages):
            assert time.monotonic() < deadline + 20, "no answer over Socket Mode"
            await asyncio.sleep(0.02)
        assert {"envelope_id": "env-1"}.items() <= mock.socket_messages[0].items()
        reply = mock.to("/respond/socket")[0].payload
        assert reply["blocks"][0]["text"]["text"] == "Search: sanctions"
        server.cancel()
        with pytest.raises(asyncio.CancelledError):
            await server
        app.close()
        assert mock.problems == []


def test_bench_stage_measures_render_and_http_round_trips(
    seeded_store: Path, clock: FixedClock
) -> None:
    from bot.adapters.slack_bench import slack_figures

    app = build(Settings(store=StoreSettings(path=seeded_store)), clock=clock)
    try:
        render, http = slack_figures(app, ["sanctions", "zebra giraffe"], 3)
    finally:
        app.close()
    assert re.fullmatch(r"Slack render\s+p50 [\d.]+ ms, p95 [\d.]+ ms .*", render)
    assert re.search(r"ack\s+p50 [\d.]+ ms, p95 [\d.]+ ms; answer delivered p50 [\d.]+ ms", http)
    assert "(6 signed /search requests)" in http


async def test_run_slack_http_mode_as_a_process_answers_and_stops_on_sigterm(
    seeded_store: Path,
) -> None:
    async with mock_slack() as mock:
        port = free_port()
        env = {
            **os.environ,
            "BOT_STORE__PATH": str(seeded_store),
            "BOT_CORPUS__DIRS": "[]",
            "BOT_SLACK__MODE": "http",
            "BOT_SLACK__HOST": "127.0.0.1",
            "BOT_SLACK__PORT": str(port),
            "BOT_SLACK__BOT_TOKEN": BOT_TOKEN,
            "BOT_SLACK__SIGNING_SECRET": SECRET,
            "BOT_SLACK__API_BASE_URL": mock.api_url,
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", "slack", env=env, stderr=asyncio.subprocess.PIPE
        )
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                deadline = time.monotonic() + 60
                while True:
                    try:
                        await client.get("/healthz")
                        break
                    except httpx.TransportError:
                        assert time.monotonic() < deadline, "run slack did not start"
                        await asyncio.sleep(0.1)
                body = command_body("/search-news", "sanctions", response_url=mock.response_url())
                response = await client.post(
                    "/slack/events", content=body, headers=signed_headers(body)
                )
                assert response.status_code == 200
                while not mock.to("/respond/cmd"):
                    assert time.monotonic() < deadline, "no answer"
                    await asyncio.sleep(0.05)
            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), 30) == 0
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        assert process.stderr is not None
        err = (await process.stderr.read()).decode()
        assert "listening on http://127.0.0.1" in err and "stopped" in err
        assert BOT_TOKEN not in err and SECRET not in err
        assert mock.problems == []


async def test_help_in_slack_names_the_commands_as_typed_there(running: Running) -> None:
    await running.command("/help")
    [answer] = await running.replies()
    text = str(answer["blocks"])
    assert "/search-news &lt;query&gt;" in text
    assert "/search " not in text
