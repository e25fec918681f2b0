"""Slash commands through bolt's ``AsyncApp.async_dispatch``: signed requests, answers, admins."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_support import BOT_TOKEN, SECRET, MockSlack, command_body, mock_slack, signed_headers

from bot.adapters.slack_app import SlackCommands, build_slack_app
from bot.adapters.slack_names import RESERVED, slack_names
from bot.bootstrap import App, build
from bot.core.catalog import default_commands
from bot.core.clock import FixedClock
from bot.core.commands import Args, CommandContext, CommandSpec, Param, build_table
from bot.core.reply import Header, Reply, Section, Source
from bot.settings import Settings, SlackSettings


async def echo(ctx: CommandContext, args: Args) -> Reply:
    return Reply((Header("Echo"), Section(args.get("words", ""))))


async def slow(ctx: CommandContext, args: Args) -> Reply:
    await asyncio.sleep(0.4)
    return Reply((Section("done slowly"),))


async def boom(ctx: CommandContext, args: Args) -> Reply:
    raise RuntimeError("internal detail that must not reach the user")


async def many(ctx: CommandContext, args: Args) -> Reply:
    return Reply(tuple(Section(f"item {n}") for n in range(400)))


TABLE = [
    CommandSpec("echo", "Say it back.", echo, params=(Param("words", "what", rest=True),)),
    CommandSpec(
        "announce",
        "Say it to all.",
        echo,
        (Param("words", "what", rest=True),),
        visibility="public",
    ),
    CommandSpec("slow", "Take a while.", slow),
    CommandSpec("purge", "Admins only.", echo, admin_only=True),
    CommandSpec("boom", "Fail.", boom),
    CommandSpec("many", "Too much.", many),
]


async def authorize(**_kwargs: Any) -> AuthorizeResult:
    return AuthorizeResult(
        enterprise_id=None, team_id="T111", bot_user_id="UBOT", bot_id="BBOT", bot_token=BOT_TOKEN
    )


@pytest.fixture
async def mock() -> AsyncIterator[MockSlack]:
    async with mock_slack() as server:
        yield server
        assert server.problems == []


@pytest.fixture
def slack_app(tmp_path: Path, clock: FixedClock, mock: MockSlack) -> Iterator[App]:
    settings = Settings(
        slack=SlackSettings(
            mode="http",
            bot_token=SecretStr(BOT_TOKEN),
            signing_secret=SecretStr(SECRET),
            api_base_url=mock.api_url,
            admins=["UADMIN"],
        ),
    )
    settings = settings.model_copy(
        update={"store": settings.store.model_copy(update={"path": tmp_path / "s.db"})}
    )
    built = build(settings, clock=clock, commands=build_table(TABLE))
    yield built
    built.close()


def bolt_for(app: App, working_after: float = 5.0) -> Any:
    return build_slack_app(
        app, authorize=authorize, commands=SlackCommands(app, working_after=working_after)
    )


async def wait_for(check: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out waiting for Slack calls"
        await asyncio.sleep(0.01)


def request(body: str, headers: Mapping[str, str]) -> AsyncBoltRequest:
    typed: dict[str, str | Sequence[str]] = dict(headers)
    return AsyncBoltRequest(body=body, headers=typed)


async def send(bolt: Any, mock: MockSlack, command: str, text: str = "", **kw: Any) -> Any:
    body = command_body(command, text, response_url=mock.response_url(), **kw)
    return await bolt.async_dispatch(request(body, signed_headers(body)))


async def test_command_is_acked_then_answered_ephemerally(slack_app: App, mock: MockSlack) -> None:
    bolt = bolt_for(slack_app)
    started = time.monotonic()
    response = await send(bolt, mock, "/echo", "hello <!channel> & you")
    assert response.status == 200
    assert time.monotonic() - started < 3
    await wait_for(lambda: len(mock.to("/respond/cmd")) == 1)
    payload = mock.to("/respond/cmd")[0].payload
    assert payload["response_type"] == "ephemeral"
    assert payload["blocks"][1]["text"]["text"] == "hello &lt;!channel&gt; &amp; you"
    assert payload["text"] == "Echo"


async def test_slack_escaping_of_typed_text_is_undone(slack_app: App, mock: MockSlack) -> None:
    # Slack sends what the user typed with &, < and > escaped.
    await send(bolt_for(slack_app), mock, "/echo", "AT&amp;T &lt;3 &amp;lt;")
    await wait_for(lambda: len(mock.to("/respond/cmd")) == 1)
    shown = mock.to("/respond/cmd")[0].payload["blocks"][1]["text"]["text"]
    assert shown == "AT&amp;T &lt;3 &amp;lt;"  # escaped once for display, not twice


async def test_a_command_missing_from_the_table_gets_a_friendly_answer(
    slack_app: App, mock: MockSlack
) -> None:
    response = await send(bolt_for(slack_app), mock, "/ech", "hi")
    assert response.status == 200
    await wait_for(lambda: len(mock.to("/respond/cmd")) == 1)
    text = str(mock.to("/respond/cmd")[0].payload)
    assert "There is no command /ech." in text and "Did you mean /echo?" in text


async def test_reserved_names_are_served_under_their_slack_spelling(
    tmp_path: Path, clock: FixedClock, mock: MockSlack
) -> None:
    async def usage(ctx: CommandContext, args: Args) -> Reply:
        return Reply(
            (
                Section("Try /status or /status-x, not https://e.com/status"),
                Section("Quoted: “/status is down”", sources=(Source("Article", None),)),
            )
        )

    table = [CommandSpec("status", "Show status.", usage)]
    built = build(Settings(), clock=clock, commands=build_table(table))
    try:
        serving = SlackCommands(built)
        assert serving.names() == ["/status-news"]
        await send(bolt_for(built), mock, "/status-news")
        await wait_for(lambda: len(mock.to("/respond/cmd")) == 1)
    finally:
        built.close()
    blocks = mock.to("/respond/cmd")[0].payload["blocks"]
    # The bot's own words name the Slack spelling; article text and URLs stay as they were.
    assert blocks[0]["text"]["text"] == "Try /status-news or /status-x, not https://e.com/status"
    assert blocks[1]["text"]["text"] == "Quoted: “/status is down”"


async def test_public_commands_answer_in_the_channel(slack_app: App, mock: MockSlack) -> None:
    await send(bolt_for(slack_app), mock, "/announce", "news")
    await wait_for(lambda: len(mock.to("/respond/cmd")) == 1)
    assert mock.to("/respond/cmd")[0].payload["response_type"] == "in_channel"


async def test_errors_stay_private_even_for_public_commands(
    slack_app: App, mock: MockSlack
) -> None:
    await send(bolt_for(slack_app), mock, "/announce", "")
    await send(bolt_for(slack_app), mock, "/boom")
    await wait_for(lambda: len(mock.to("/respond/cmd")) == 2)
    failed = next(c.payload for c in mock.to("/respond/cmd") if "logged" in str(c.payload))
    assert failed["response_type"] == "ephemeral"
    assert "internal detail" not in str(failed)
    assert failed["blocks"][0]["text"]["text"].startswith(":warning: Sorry, /boom failed")


async def test_slow_commands_show_a_working_note_first(slack_app: App, mock: MockSlack) -> None:
    started = time.monotonic()
    response = await send(bolt_for(slack_app, working_after=0.05), mock, "/slow")
    assert response.status == 200 and time.monotonic() - started < 0.4  # acked before the work
    await wait_for(lambda: len(mock.to("/respond/cmd")) == 2)
    note, answer = (c.payload for c in mock.to("/respond/cmd"))
    assert "Working on /slow…" in note["blocks"][0]["elements"][0]["text"]
    assert note["response_type"] == "ephemeral"
    assert answer["blocks"][0]["text"]["text"] == "done slowly"


async def test_quick_commands_show_no_working_note(slack_app: App, mock: MockSlack) -> None:
    await send(bolt_for(slack_app, working_after=2.0), mock, "/echo", "hi")
    await wait_for(lambda: len(mock.to("/respond/cmd")) == 1)
    await asyncio.sleep(0.05)
    assert len(mock.to("/respond/cmd")) == 1


async def test_admin_only_commands_are_refused_politely(slack_app: App, mock: MockSlack) -> None:
    bolt = bolt_for(slack_app)
    await send(bolt, mock, "/purge", user="U999")
    await wait_for(lambda: len(mock.to("/respond/cmd")) == 1)
    refused = mock.to("/respond/cmd")[0].payload
    assert refused["response_type"] == "ephemeral"
    assert "for admins only" in refused["blocks"][0]["text"]["text"]
    await send(bolt, mock, "/purge", user="UADMIN")
    await wait_for(lambda: len(mock.to("/respond/cmd")) == 2)
    assert mock.to("/respond/cmd")[1].payload["blocks"][0]["text"]["text"] == "Echo"


async def test_answers_beyond_the_response_url_budget_say_so(
    slack_app: App, mock: MockSlack
) -> None:
    await send(bolt_for(slack_app), mock, "/many")
    await wait_for(lambda: len(mock.to("/respond/cmd")) == 5)
    await asyncio.sleep(0.05)
    calls = mock.to("/respond/cmd")
    assert len(calls) == 5  # Slack accepts five messages per response_url
    assert "did not fit" in calls[-1].payload["blocks"][0]["text"]["text"]


async def test_forged_and_stale_requests_get_401(slack_app: App, mock: MockSlack) -> None:
    bolt = bolt_for(slack_app)
    body = command_body("/echo", "hi", response_url=mock.response_url())
    forged = signed_headers(body, secret="not-the-secret")
    stale = signed_headers(body, timestamp=int(time.time()) - 6 * 60)
    for headers in (forged, stale, {}):
        response = await bolt.async_dispatch(request(body, headers))
        assert response.status == 401
    tampered = signed_headers(body)
    response = await bolt.async_dispatch(request(body + "x", tampered))
    assert response.status == 401
    await asyncio.sleep(0.05)
    assert mock.calls == []


async def test_socket_mode_requests_need_no_signature(
    slack_app: App, mock: MockSlack, tmp_path: Path
) -> None:
    slack = slack_app.settings.slack.model_copy(update={"mode": "socket"})
    slack_app.settings = slack_app.settings.model_copy(update={"slack": slack})
    bolt = bolt_for(slack_app)
    payload = {
        "command": "/echo",
        "text": "over the socket",
        "user_id": "U1",
        "channel_id": "C1",
        "team_id": "T111",
        "response_url": mock.response_url("sock"),
    }
    response = await bolt.async_dispatch(AsyncBoltRequest(body=payload, mode="socket_mode"))
    assert response.status == 200
    await wait_for(lambda: len(mock.to("/respond/sock")) == 1)


async def test_a_failed_reply_is_logged_with_channel_and_reason(
    slack_app: App, mock: MockSlack, caplog: pytest.LogCaptureFixture
) -> None:
    mock.script["/respond/cmd"] = [(404, {"error": "expired_url"}, {})]
    with caplog.at_level(logging.WARNING, logger="bot.adapters.slack_app"):
        await send(bolt_for(slack_app), mock, "/echo", "hi")
        await wait_for(lambda: "failed" in caplog.text)
    assert "reply to /echo in channel C111 failed: HTTP 404" in caplog.text


def test_every_command_of_the_real_table_is_registered(app: App) -> None:
    names = SlackCommands(app).names()
    assert names == [f"/{slack_names([spec.name])[spec.name]}" for spec in default_commands()]
    assert "/search-news" in names and "/search" not in names  # Slack reserves /search
    assert not {name.lstrip("/") for name in names} & RESERVED
    bolt = build_slack_app(app, authorize=authorize)
    registered = [listener.matchers[0] for listener in bolt._async_listeners]
    assert len(registered) == len(names) + 1  # and one for commands the table lacks
