"""The Slack publisher of daily briefings against a mock Web API: post, find, pin, unpin."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from pydantic import SecretStr
from slack_support import BOT_TOKEN, MockSlack, mock_slack

from bot.adapters.slack_client import web_client
from bot.adapters.slack_publish import EVENT_TYPE, SlackPublisher, SlackPublishError
from bot.core.ports import PinLimitReached, PublishRefused
from bot.core.reply import Header, Reply, Section, Source
from bot.settings import SlackSettings

REPLY = Reply(
    (
        Header("Daily briefing"),
        Section("Talks <resume> & stall.", sources=(Source("S", "https://e.com"),)),
    )
)
MARKER = "Daily briefing · 2026-05-17"


@pytest.fixture
async def mock() -> AsyncIterator[MockSlack]:
    async with mock_slack() as server:
        yield server
        assert server.problems == []


def publisher(mock: MockSlack) -> SlackPublisher:
    settings = SlackSettings(bot_token=SecretStr(BOT_TOKEN), api_base_url=mock.api_url)
    return SlackPublisher(web_client(settings))


async def test_post_sends_block_kit_with_the_marker_as_metadata(mock: MockSlack) -> None:
    [ts] = await publisher(mock).post("C42", REPLY, MARKER)
    [call] = mock.to("/api/chat.postMessage")
    assert ts.startswith("1700000000.")
    assert call.payload["channel"] == "C42"
    assert call.payload["text"] == "Daily briefing"
    assert call.payload["blocks"][1]["text"]["text"] == "Talks &lt;resume&gt; &amp; stall."
    assert call.payload["metadata"] == {
        "event_type": EVENT_TYPE,
        "event_payload": {"marker": MARKER, "part": 0},
    }
    assert call.headers["Authorization"] == f"Bearer {BOT_TOKEN}"


async def test_long_replies_are_posted_as_several_messages(mock: MockSlack) -> None:
    reply = Reply(tuple(Section(f"point {n}") for n in range(120)))
    posted = await publisher(mock).post("C42", reply, MARKER)
    assert len(posted) == 3 == len(mock.to("/api/chat.postMessage"))


async def test_rate_limits_are_retried_after_the_given_delay(mock: MockSlack) -> None:
    mock.script["/api/chat.postMessage"] = [
        (429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "0"})
    ]
    assert await publisher(mock).post("C42", REPLY, MARKER)
    assert len(mock.to("/api/chat.postMessage")) == 2


async def test_a_failed_post_is_logged_with_channel_and_reason_and_raised(
    mock: MockSlack, caplog: pytest.LogCaptureFixture
) -> None:
    mock.script["/api/chat.postMessage"] = [(200, {"ok": False, "error": "internal_error"}, {})]
    with (
        caplog.at_level(logging.WARNING, logger="bot.adapters.slack_publish"),
        pytest.raises(SlackPublishError, match="internal_error"),
    ):
        await publisher(mock).post("C404", REPLY, MARKER)
    assert "posting to Slack channel C404 failed: internal_error" in caplog.text
    assert BOT_TOKEN not in caplog.text


CALLS: dict[str, tuple[str, Callable[[SlackPublisher], Awaitable[object]]]] = {
    "post": ("/api/chat.postMessage", lambda slack: slack.post("C42", REPLY, MARKER)),
    "find": ("/api/conversations.history", lambda slack: slack.find_posted("C42", MARKER)),
    "pin": ("/api/pins.add", lambda slack: slack.pin("C42", "1.1")),
    "unpin": ("/api/pins.remove", lambda slack: slack.unpin("C42", "1.1")),
}


@pytest.mark.parametrize(
    ("call", "code", "in_hint"),
    [
        ("post", "not_in_channel", "/invite @briefing-bot"),
        ("post", "channel_not_found", "/unsubscribe"),
        ("post", "is_archived", "unarchive it"),
        ("post", "invalid_blocks", "bug in the bot"),
        ("post", "restricted_action", "stops the bot from posting here"),
        ("find", "not_in_channel", "/invite @briefing-bot"),
        ("pin", "restricted_action", "stops the bot from pinning here"),
        ("pin", "invalid_auth", "BOT_SLACK__BOT_TOKEN"),
        ("unpin", "token_revoked", "BOT_SLACK__BOT_TOKEN"),
    ],
)
async def test_errors_only_an_admin_can_fix_are_refusals_with_a_hint(
    mock: MockSlack, call: str, code: str, in_hint: str
) -> None:
    path, action = CALLS[call]
    mock.script[path] = [(200, {"ok": False, "error": code}, {})]
    with pytest.raises(PublishRefused) as refused:
        await action(publisher(mock))
    assert refused.value.reason == code
    assert in_hint in refused.value.hint
    assert len(mock.to(path)) == 1


async def test_a_missing_scope_refusal_names_the_scope_slack_says_is_needed(
    mock: MockSlack,
) -> None:
    error = {"ok": False, "error": "missing_scope", "needed": "groups:history", "provided": "x"}
    mock.script["/api/conversations.history"] = [(200, error, {})]
    with pytest.raises(PublishRefused, match="slack-manifest") as refused:
        await publisher(mock).find_posted("C42", MARKER)
    assert refused.value.hint.endswith("reading history needs the groups:history scope")


@pytest.mark.parametrize(
    ("call", "status", "code"),
    [
        ("post", 200, "fatal_error"),
        ("post", 200, "service_unavailable"),
        ("pin", 200, "internal_error"),
        ("unpin", 503, "service_unavailable"),
        ("find", 500, None),
    ],
)
async def test_server_side_failures_stay_transient(
    mock: MockSlack, call: str, status: int, code: str | None
) -> None:
    path, action = CALLS[call]
    mock.script[path] = [(status, {"ok": False, **({"error": code} if code else {})}, {})]
    with pytest.raises(SlackPublishError, match=code or f"HTTP {status}"):
        await action(publisher(mock))


async def test_unreachable_api_raises_a_publish_error(caplog: pytest.LogCaptureFixture) -> None:
    settings = SlackSettings(bot_token=SecretStr(BOT_TOKEN), api_base_url="http://127.0.0.1:9/api/")
    with (
        caplog.at_level(logging.WARNING, logger="bot.adapters.slack_publish"),
        pytest.raises(SlackPublishError),
    ):
        await SlackPublisher(web_client(settings)).post("C1", REPLY, MARKER)
    assert "posting to Slack channel C1 failed: ClientConnectorError" in caplog.text


async def test_find_posted_reads_recent_history_for_the_marker(mock: MockSlack) -> None:
    def message(ts: str, marker: str | None, event: str = EVENT_TYPE) -> dict[str, object]:
        meta = {"event_type": event, "event_payload": {"marker": marker}} if marker else None
        return {"ts": ts, "text": "x", **({"metadata": meta} if meta else {})}

    history = [
        message("1700000003.000002", MARKER),
        message("1700000001.000001", MARKER),
        message("1700000002.000001", "Daily briefing · 2026-05-16"),
        message("1700000004.000001", None),
        message("1700000005.000001", MARKER, event="someone_else"),
    ]
    mock.script["/api/conversations.history"] = [(200, {"ok": True, "messages": history}, {})]
    found = await publisher(mock).find_posted("C42", MARKER)
    assert found == ["1700000001.000001", "1700000003.000002"]
    [call] = mock.to("/api/conversations.history")
    assert call.payload["channel"] == "C42"
    assert call.payload["include_all_metadata"] in ("1", "true", "True", True)


async def test_pin_and_unpin_treat_done_states_as_success(mock: MockSlack) -> None:
    slack = publisher(mock)
    await slack.pin("C42", "1700000000.000001")
    assert mock.to("/api/pins.add")[0].payload == {
        "channel": "C42",
        "timestamp": "1700000000.000001",
    }
    await slack.unpin("C42", "1699999999.000001")
    assert mock.to("/api/pins.remove")[0].payload["timestamp"] == "1699999999.000001"
    mock.script["/api/pins.add"] = [(200, {"ok": False, "error": "already_pinned"}, {})]
    mock.script["/api/pins.remove"] = [
        (200, {"ok": False, "error": "no_pin"}, {}),
        (200, {"ok": False, "error": "not_pinned"}, {}),
    ]
    await slack.pin("C42", "1.1")
    await slack.unpin("C42", "1.1")
    await slack.unpin("C42", "1.1")


async def test_pin_failures_are_raised_and_a_full_channel_is_recognised(
    mock: MockSlack, caplog: pytest.LogCaptureFixture
) -> None:
    slack = publisher(mock)
    mock.script["/api/pins.add"] = [
        (200, {"ok": False, "error": "not_pinnable"}, {}),
        (200, {"ok": False, "error": "too_many_pins"}, {}),
    ]
    with (
        caplog.at_level(logging.WARNING, logger="bot.adapters.slack_publish"),
        pytest.raises(PublishRefused, match="cannot be pinned"),
    ):
        await slack.pin("C42", "1.2")
    assert "pinning in Slack channel C42 failed: not_pinnable" in caplog.text
    with pytest.raises(PinLimitReached):
        await slack.pin("C42", "1.3")


async def test_base_url_without_trailing_slash_works(mock: MockSlack) -> None:
    settings = SlackSettings(bot_token=SecretStr(BOT_TOKEN), api_base_url=mock.api_url.rstrip("/"))
    assert await SlackPublisher(web_client(settings)).post("C1", REPLY, MARKER)
    assert len(mock.to("/api/chat.postMessage")) == 1
