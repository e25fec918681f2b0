"""Posting and pinning through the Web API client (retries, failures logged) against a mock."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from pydantic import SecretStr
from slack_support import BOT_TOKEN, MockSlack, mock_slack

from bot.adapters.slack_client import web_client
from bot.adapters.slack_publish import SlackPublisher
from bot.core.reply import Header, Reply, Section, Source
from bot.settings import SlackSettings

REPLY = Reply(
    (
        Header("Daily briefing"),
        Section("Talks <resume> & stall.", sources=(Source("S", "https://e.com"),)),
    )
)


@pytest.fixture
async def mock() -> AsyncIterator[MockSlack]:
    async with mock_slack() as server:
        yield server
        assert server.problems == []


def publisher(mock: MockSlack) -> SlackPublisher:
    settings = SlackSettings(bot_token=SecretStr(BOT_TOKEN), api_base_url=mock.api_url)
    return SlackPublisher(web_client(settings))


async def test_post_sends_block_kit_to_the_configured_base_url(mock: MockSlack) -> None:
    posted = await publisher(mock).post("C42", REPLY)
    assert posted.ok and posted.first
    [call] = mock.to("/api/chat.postMessage")
    assert call.payload["channel"] == "C42"
    assert call.payload["text"] == "Daily briefing"
    assert call.payload["blocks"][1]["text"]["text"] == "Talks &lt;resume&gt; &amp; stall."
    assert call.headers["Authorization"] == f"Bearer {BOT_TOKEN}"


async def test_long_replies_are_posted_as_several_messages(mock: MockSlack) -> None:
    reply = Reply(tuple(Section(f"point {n}") for n in range(120)))
    posted = await publisher(mock).post("C42", reply)
    assert len(posted.timestamps) == 3 == len(mock.to("/api/chat.postMessage"))


async def test_rate_limits_are_retried_after_the_given_delay(mock: MockSlack) -> None:
    mock.script["/api/chat.postMessage"] = [
        (429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "0"})
    ]
    posted = await publisher(mock).post("C42", REPLY)
    assert posted.ok
    assert len(mock.to("/api/chat.postMessage")) == 2


async def test_a_failed_post_is_logged_with_channel_and_reason(
    mock: MockSlack, caplog: pytest.LogCaptureFixture
) -> None:
    mock.script["/api/chat.postMessage"] = [(200, {"ok": False, "error": "channel_not_found"}, {})]
    with caplog.at_level(logging.WARNING, logger="bot.adapters.slack_publish"):
        posted = await publisher(mock).post("C404", REPLY)
    assert not posted.ok and posted.error == "channel_not_found"
    assert "posting to Slack channel C404 failed: channel_not_found" in caplog.text
    assert BOT_TOKEN not in caplog.text


async def test_unreachable_api_is_a_logged_failure_not_a_crash(
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = SlackSettings(bot_token=SecretStr(BOT_TOKEN), api_base_url="http://127.0.0.1:9/api/")
    with caplog.at_level(logging.WARNING, logger="bot.adapters.slack_publish"):
        posted = await SlackPublisher(web_client(settings)).post("C1", REPLY)
        pinned = await SlackPublisher(web_client(settings)).pin("C1", "1.2")
    assert not posted.ok and not pinned
    assert "posting to Slack channel C1 failed: ClientConnectorError" in caplog.text


async def test_pin_and_unpin(mock: MockSlack, caplog: pytest.LogCaptureFixture) -> None:
    slack = publisher(mock)
    assert await slack.pin("C42", "1700000000.000001")
    assert mock.to("/api/pins.add")[0].payload == {
        "channel": "C42",
        "timestamp": "1700000000.000001",
    }
    assert await slack.unpin("C42", "1699999999.000001")
    assert mock.to("/api/pins.remove")[0].payload["timestamp"] == "1699999999.000001"
    mock.script["/api/pins.add"] = [
        (200, {"ok": False, "error": "already_pinned"}, {}),
        (200, {"ok": False, "error": "not_pinnable"}, {}),
    ]
    mock.script["/api/pins.remove"] = [(200, {"ok": False, "error": "no_pin"}, {})]
    assert await slack.pin("C42", "1.1")  # already pinned is what was asked for
    assert await slack.unpin("C42", "1.1")  # and so is "was not pinned"
    with caplog.at_level(logging.WARNING, logger="bot.adapters.slack_publish"):
        assert not await slack.pin("C42", "1.2")
    assert "pins.add in Slack channel C42 (message 1.2) failed: not_pinnable" in caplog.text


async def test_base_url_without_trailing_slash_works(mock: MockSlack) -> None:
    settings = SlackSettings(bot_token=SecretStr(BOT_TOKEN), api_base_url=mock.api_url.rstrip("/"))
    posted = await SlackPublisher(web_client(settings)).post("C1", REPLY)
    assert posted.ok and len(mock.to("/api/chat.postMessage")) == 1
