"""The daily briefing's ``Publisher`` for Discord: send, find after a crash, pin, unpin.

Works with any logged-in ``discord.Client`` (the gateway client, or one that only called
``login()`` for REST, as ``post-daily`` does): channels are addressed by id without fetching
them. Messages are the embed renderer's, sent with no mentions allowed. The delivery's marker
ends the first embed's footer (readable: "Daily briefing · 2026-05-17"), so after a crash the
bot recognises its own post in the channel's recent history instead of posting twice.
A missing permission (403) or a deleted channel or message (404) raises ``PublishRefused`` with
what an admin must do; other failures (5xx, network) are raised as they are, to be retried.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.adapters.discord_markdown import size
from bot.adapters.discord_render import (
    FOOTER_LIMIT,
    MESSAGE_TOTAL_LIMIT,
    DiscordMessage,
    Embed,
    render_discord,
)
from bot.core.ports import PinLimitReached, PublishRefused
from bot.core.reply import Reply

log = logging.getLogger(__name__)

HISTORY_LIMIT = 50
"""How many recent messages are searched for an earlier post of the same delivery."""
MAX_PINS_CODE = 30003
"""Discord's JSON error code for "maximum number of pins reached for the channel"."""
NO_MENTIONS = discord.AllowedMentions.none()
UNKNOWN_MESSAGE_CODE = 10008
"""Discord's JSON error code for "Unknown Message" (``10003`` is "Unknown Channel")."""

_STOP = "or stop the briefing there (/unsubscribe, or remove it from BOT_DAILY__DESTINATIONS)"
CHANNEL_GONE = (
    "the channel was deleted or the bot was removed from the server: invite the bot again (it"
    f" logs its invite URL when it starts), {_STOP}"
)
"""The hint for an Unknown Channel (404) on any call."""
MESSAGE_GONE = "someone deleted the briefing before it was pinned; tomorrow's is pinned as usual"
"""The hint for an Unknown Message (404) when pinning."""
PERMISSIONS = {
    "posting to": "give the bot View Channel, Send Messages and Embed Links in the channel",
    "reading history of": "give the bot View Channel and Read Message History in the channel",
    "pinning in": (
        "give the bot Pin Messages in the channel (and Manage Messages, which pinning needed"
        " before Discord split it out)"
    ),
}
"""The hint for a 403 (Missing Access or Missing Permissions), by the call that got it."""
PERMISSIONS["unpinning in"] = PERMISSIONS["pinning in"]


class DiscordPublisher:
    """Posts, finds, pins and unpins the bot's messages.

    Args:
        client: a logged-in client (``client.user`` is the bot).
    """

    platform = "discord"

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    def _channel(self, channel: str) -> discord.PartialMessageable:
        return self.client.get_partial_messageable(int(channel))

    async def post(self, channel: str, reply: Reply, marker: str) -> list[str]:
        """Send ``reply`` (several messages if long); return the message ids in order.

        Raises:
            PublishRefused: the bot may not post there, or the channel is gone.
            discord.HTTPException: Discord failed to take a message (logged with the reason).
        """
        target = self._channel(channel)
        ids: list[str] = []
        for number, message in enumerate(render_discord(reply)):
            if number == 0:
                message = with_marker(message, marker)
            try:
                sent = await target.send(
                    content=message["content"] or None,
                    embeds=[discord.Embed.from_dict(e) for e in message["embeds"]],
                    allowed_mentions=NO_MENTIONS,
                )
            except discord.HTTPException as exc:
                raise _failure("posting to", channel, exc) from None
            ids.append(str(sent.id))
        return ids

    async def find_posted(self, channel: str, marker: str) -> list[str]:
        """Ids of the bot's recent messages whose footer or text carries ``marker``.

        Raises:
            PublishRefused: the bot may not read the channel's history, or the channel is gone.
            discord.HTTPException: reading the history failed.
        """
        me = self.client.user
        found: list[tuple[Any, str]] = []
        try:
            async for message in self._channel(channel).history(limit=HISTORY_LIMIT):
                if me is None or message.author.id != me.id:
                    continue
                footers = [e.footer.text or "" for e in message.embeds]
                if any(t.endswith(marker) for t in footers) or message.content.endswith(marker):
                    found.append((message.created_at, str(message.id)))
        except discord.HTTPException as exc:
            raise _failure("reading history of", channel, exc) from None
        return [message_id for _, message_id in sorted(found)]

    async def pin(self, channel: str, message_id: str) -> None:
        """Pin a message (pinning a pinned one is fine).

        Raises:
            PinLimitReached: the channel has Discord's maximum of pins.
            PublishRefused: the bot may not pin there, or the channel or message is gone.
            discord.HTTPException: anything else went wrong.
        """
        try:
            await self._channel(channel).get_partial_message(int(message_id)).pin()
        except discord.HTTPException as exc:
            if exc.code == MAX_PINS_CODE:
                raise PinLimitReached(_reason(exc)) from None
            raise _failure("pinning in", channel, exc) from None

    async def unpin(self, channel: str, message_id: str) -> None:
        """Remove a pin; a deleted message or a missing pin counts as done.

        Raises:
            PublishRefused: the bot may not unpin there.
            discord.HTTPException: anything else went wrong.
        """
        try:
            await self._channel(channel).get_partial_message(int(message_id)).unpin()
        except discord.NotFound:
            return
        except discord.HTTPException as exc:
            raise _failure("unpinning in", channel, exc) from None


def with_marker(message: DiscordMessage, marker: str) -> DiscordMessage:
    """The message with ``marker`` ending its first embed's footer (or its text)."""
    if not message["embeds"]:
        content = f"{message['content']}\n-# {marker}".strip()
        return {"content": content, "embeds": []}
    first = dict(message["embeds"][0])
    footer = dict(first.get("footer") or {})
    text = str(footer.get("text") or "")
    # Room for the marker within the footer's limit and the message's total.
    spare = MESSAGE_TOTAL_LIMIT - sum(embed_chars(e) for e in message["embeds"])
    room = max(0, min(FOOTER_LIMIT, len(text) + spare) - size(marker) - 3)
    text = f"{text[:room].rstrip()} · {marker}" if text and room else marker
    first["footer"] = {**footer, "text": text}
    return {"content": message["content"], "embeds": [first, *message["embeds"][1:]]}


def embed_chars(embed: Embed) -> int:
    """The characters of an embed that count towards a message's 6,000."""
    parts = [embed.get("title"), embed.get("description")]
    parts.append((embed.get("footer") or {}).get("text"))
    parts.append((embed.get("author") or {}).get("name"))
    for field in embed.get("fields") or []:
        parts += [field.get("name"), field.get("value")]
    return sum(size(str(p)) for p in parts if p)


def _failure(doing: str, channel: str, exc: discord.HTTPException) -> Exception:
    """Log a failed call; return a refusal for a 403 or 404, else ``exc`` itself (transient)."""
    reason = _reason(exc)
    failure: Exception = exc
    if isinstance(exc, discord.Forbidden):
        failure = PublishRefused(reason, PERMISSIONS[doing])
    elif isinstance(exc, discord.NotFound):
        gone = exc.code == UNKNOWN_MESSAGE_CODE
        failure = PublishRefused(reason, MESSAGE_GONE if gone else CHANNEL_GONE)
    shown = reason if failure is exc else failure
    log.warning("%s Discord channel %s failed: %s", doing, channel, shown)
    return failure


def _reason(exc: discord.HTTPException) -> str:
    return f"HTTP {exc.status} (code {exc.code}): {exc.text}"[:300]
