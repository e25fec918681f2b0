"""Post replies to Slack channels and pin them (for the daily briefing), through the Web API.

Calls go through the retrying client of :mod:`bot.adapters.slack_client` (rate limits honour
``Retry-After``). A call that still fails is logged with the channel and Slack's reason and
reported to the caller as a failure; it never raises, so one bad channel does not stop the
others.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack_render import render_slack
from bot.core.reply import Reply

log = logging.getLogger(__name__)

# Outcomes Slack reports as errors that leave the pin in the state that was asked for.
_PINNED_ALREADY = frozenset({"already_pinned"})
_UNPINNED_ALREADY = frozenset({"no_pin", "message_not_found"})


@dataclass(frozen=True)
class Posted:
    """What a post produced: the timestamps (ids) of the messages, in order, and any failure."""

    channel: str
    timestamps: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when every message of the reply was posted."""
        return self.error is None and bool(self.timestamps)

    @property
    def first(self) -> str | None:
        """The first message's timestamp: the one to pin."""
        return self.timestamps[0] if self.timestamps else None


class SlackPublisher:
    """Posts, pins and unpins with the bot token.

    Args:
        client: the Web API client (see :func:`bot.adapters.slack_client.web_client`).
    """

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def post(self, channel: str, reply: Reply) -> Posted:
        """Post ``reply`` to ``channel`` (a reply too long for one message becomes several)."""
        timestamps: list[str] = []
        for message in render_slack(reply):
            try:
                response = await self.client.chat_postMessage(
                    channel=channel,
                    blocks=message.blocks,
                    text=message.text,
                    unfurl_links=False,
                    unfurl_media=False,
                )
            except Exception as exc:
                reason = _reason(exc)
                log.warning("posting to Slack channel %s failed: %s", channel, reason)
                return Posted(channel, timestamps, reason)
            timestamps.append(str(response.get("ts", "")))
        return Posted(channel, timestamps)

    async def pin(self, channel: str, timestamp: str) -> bool:
        """Pin a message; True if it is pinned afterwards (also when it already was)."""
        return await self._pins("add", channel, timestamp, _PINNED_ALREADY)

    async def unpin(self, channel: str, timestamp: str) -> bool:
        """Unpin a message; True if it is not pinned afterwards (also when it never was)."""
        return await self._pins("remove", channel, timestamp, _UNPINNED_ALREADY)

    async def _pins(self, action: str, channel: str, timestamp: str, fine: frozenset[str]) -> bool:
        try:
            if action == "add":
                await self.client.pins_add(channel=channel, timestamp=timestamp)
            else:
                await self.client.pins_remove(channel=channel, timestamp=timestamp)
        except Exception as exc:
            if isinstance(exc, SlackApiError) and exc.response.get("error") in fine:
                return True
            log.warning(
                "pins.%s in Slack channel %s (message %s) failed: %s",
                action,
                channel,
                timestamp,
                _reason(exc),
            )
            return False
        return True


def _reason(exc: Exception) -> str:
    """Slack's error code (``channel_not_found``, ``ratelimited``…) or the network error."""
    if isinstance(exc, SlackApiError):
        code = exc.response.get("error") or f"HTTP {exc.response.status_code}"
        return str(code)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
