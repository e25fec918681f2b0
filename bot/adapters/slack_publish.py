"""The daily briefing's ``Publisher`` for Slack: post, find after a crash, pin, unpin.

Calls go through the retrying client of :mod:`bot.adapters.slack_client` (rate limits honour
``Retry-After``). Every posted message carries the delivery's marker as Slack message metadata
(invisible to readers), so after a crash the bot finds what it already posted in the channel's
recent history instead of posting twice. Failures are logged with the channel and Slack's
reason, then raised for the deliverer: ``PublishRefused`` with a hint for an admin when only a
person can fix them (see :mod:`bot.adapters.slack_refusals`), ``SlackPublishError`` (retried)
otherwise.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack_refusals import refusal
from bot.adapters.slack_render import render_slack
from bot.core.ports import PinLimitReached
from bot.core.reply import Reply

log = logging.getLogger(__name__)

EVENT_TYPE = "briefing_bot_daily"
"""Metadata event type of the bot's daily posts."""
HISTORY_LIMIT = 100
"""How many recent messages are searched for an earlier post of the same delivery."""

# Errors that leave the pin in the state that was asked for.
_PINNED_ALREADY = frozenset({"already_pinned"})
_UNPINNED_ALREADY = frozenset({"no_pin", "not_pinned", "message_not_found"})
# Slack documents a pin limit per channel but not its error code; these are the names it uses
# for limits elsewhere.
_PIN_LIMIT = frozenset({"too_many_pins", "pin_limit_reached", "max_pins_reached"})


class SlackPublishError(Exception):
    """A Web API call failed; the message is Slack's error code or the network error."""


class SlackPublisher:
    """Posts, finds, pins and unpins the bot's messages with its bot token.

    Args:
        client: the Web API client (see :func:`bot.adapters.slack_client.web_client`).
    """

    platform = "slack"

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def post(self, channel: str, reply: Reply, marker: str) -> list[str]:
        """Post ``reply`` (several messages if it is long); return their timestamps in order.

        Raises:
            PublishRefused: Slack refuses until an admin acts (the hint says what to do).
            SlackPublishError: a message could not be posted (logged with the reason).
        """
        timestamps: list[str] = []
        for part, message in enumerate(render_slack(reply)):
            metadata = {"event_type": EVENT_TYPE, "event_payload": {"marker": marker, "part": part}}
            response = await self._call(
                "posting to",
                channel,
                self.client.chat_postMessage(
                    channel=channel,
                    blocks=message.blocks,
                    text=message.text,
                    metadata=metadata,
                    unfurl_links=False,
                    unfurl_media=False,
                ),
            )
            timestamps.append(str(response.get("ts", "")))
        return timestamps

    async def find_posted(self, channel: str, marker: str) -> list[str]:
        """Timestamps of recent messages carrying ``marker``, oldest first.

        Raises:
            PublishRefused: Slack refuses until an admin acts (the hint says what to do).
            SlackPublishError: the history could not be read.
        """
        response = await self._call(
            "reading history of",
            channel,
            self.client.conversations_history(
                channel=channel, limit=HISTORY_LIMIT, include_all_metadata=True
            ),
        )
        found = []
        for message in response.get("messages") or []:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") == EVENT_TYPE and payload.get("marker") == marker:
                found.append(str(message.get("ts", "")))
        return sorted(found, key=float)

    async def pin(self, channel: str, message_id: str) -> None:
        """Pin a message (already pinned counts as done).

        Raises:
            PinLimitReached: the channel has as many pins as Slack allows.
            PublishRefused: Slack refuses until an admin acts (the hint says what to do).
            SlackPublishError: anything else went wrong.
        """
        try:
            await self.client.pins_add(channel=channel, timestamp=message_id)
        except SlackApiError as exc:
            code = _code(exc)
            if code in _PINNED_ALREADY:
                return
            if code in _PIN_LIMIT:
                raise PinLimitReached(code) from None
            raise _failure("pinning in", channel, exc) from None

    async def unpin(self, channel: str, message_id: str) -> None:
        """Remove a pin (a missing pin or a deleted message counts as done).

        Raises:
            PublishRefused: Slack refuses until an admin acts (the hint says what to do).
            SlackPublishError: the pin could not be removed.
        """
        try:
            await self.client.pins_remove(channel=channel, timestamp=message_id)
        except SlackApiError as exc:
            code = _code(exc)
            if code in _UNPINNED_ALREADY:
                return
            raise _failure("unpinning in", channel, exc) from None

    async def _call(self, doing: str, channel: str, request: Any) -> Any:
        try:
            return await request
        except Exception as exc:
            raise _failure(doing, channel, exc) from None


def _failure(doing: str, channel: str, exc: Exception) -> Exception:
    """Log a failed call; return a refusal if only a person can fix it, else a publish error."""
    reason = _reason(exc)
    refused = None
    if isinstance(exc, SlackApiError):
        # "posting to" → "posting": what the hint says the bot was doing.
        refused = refusal(reason, doing.rsplit(" ", 1)[0], exc.response.get("needed"))
    if refused is not None:
        log.warning("%s Slack channel %s failed: %s", doing, channel, refused)
        return refused
    log.warning("%s Slack channel %s failed: %s", doing, channel, reason)
    return SlackPublishError(reason)


def _code(exc: SlackApiError) -> str:
    return str(exc.response.get("error") or f"HTTP {exc.response.status_code}")


def _reason(exc: Exception) -> str:
    """Slack's error code (``channel_not_found``, ``ratelimited``…) or the network error."""
    if isinstance(exc, SlackApiError):
        return _code(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
