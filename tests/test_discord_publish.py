"""The Discord publisher of daily briefings, against a fake client: send, find, pin, unpin."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from bot.adapters.discord_publish import MAX_PINS_CODE, DiscordPublisher, embed_chars, with_marker
from bot.adapters.discord_render import MESSAGE_TOTAL_LIMIT, render_discord
from bot.core.ports import PinLimitReached, PublishRefused
from bot.core.reply import Context, Header, Reply, Section, Source

MARKER = "Daily briefing · 2026-05-17"
BOT_ID = 99
REPLY = Reply(
    (
        Header("Daily briefing"),
        Section("Talks @everyone resume.", sources=(Source("S", "https://e.com/a"),)),
        Context("3 articles"),
    ),
    visibility="public",
)


def http_error(status: int, code: int, text: str) -> discord.HTTPException:
    response: Any = SimpleNamespace(status=status, reason="error")
    # The classes discord.py raises for these statuses.
    classes = {403: discord.Forbidden, 404: discord.NotFound}
    cls = (
        discord.DiscordServerError if status >= 500 else classes.get(status, discord.HTTPException)
    )
    return cls(response, {"code": code, "message": text})


class FakeMessage:
    def __init__(self, channel: FakeChannel, number: int, author: int, **kwargs: Any) -> None:
        self.channel = channel
        self.id = number
        self.author = SimpleNamespace(id=author)
        self.content: str = kwargs.get("content") or ""
        self.embeds: list[discord.Embed] = kwargs.get("embeds") or []
        self.allowed_mentions = kwargs.get("allowed_mentions")
        self.created_at = datetime(2026, 5, 17, tzinfo=UTC) + timedelta(seconds=number)


class FakePartial:
    def __init__(self, channel: FakeChannel, number: int) -> None:
        self.channel, self.id = channel, number

    async def pin(self) -> None:
        if self.channel.pin_error:
            raise self.channel.pin_error
        self.channel.pins.add(self.id)

    async def unpin(self) -> None:
        if self.channel.unpin_error:
            raise self.channel.unpin_error
        if self.id not in self.channel.messages:
            raise http_error(404, 10008, "Unknown Message")
        self.channel.pins.discard(self.id)


class FakeChannel:
    def __init__(self) -> None:
        self.messages: dict[int, FakeMessage] = {}
        self.pins: set[int] = set()
        self.pin_error: discord.HTTPException | None = None
        self.send_error: discord.HTTPException | None = None
        self.history_error: discord.HTTPException | None = None
        self.unpin_error: discord.HTTPException | None = None

    async def send(self, **kwargs: Any) -> FakeMessage:
        if self.send_error:
            raise self.send_error
        return self.add(BOT_ID, **kwargs)

    def add(self, author: int, **kwargs: Any) -> FakeMessage:
        message = FakeMessage(self, len(self.messages) + 1, author, **kwargs)
        self.messages[message.id] = message
        return message

    async def history(self, limit: int) -> AsyncIterator[FakeMessage]:
        if self.history_error:
            raise self.history_error
        for message in sorted(self.messages.values(), key=lambda m: -m.id)[:limit]:
            yield message

    def get_partial_message(self, number: int) -> FakePartial:
        return FakePartial(self, number)


class FakeClient:
    def __init__(self) -> None:
        self.user = SimpleNamespace(id=BOT_ID)
        self.channels: dict[int, FakeChannel] = {}

    def get_partial_messageable(self, number: int) -> FakeChannel:
        return self.channels.setdefault(number, FakeChannel())


@pytest.fixture
def client() -> FakeClient:
    return FakeClient()


def publisher(client: FakeClient) -> DiscordPublisher:
    fake: Any = client
    return DiscordPublisher(fake)


async def test_post_sends_embeds_without_mentions_and_marks_the_first(client: FakeClient) -> None:
    [message_id] = await publisher(client).post("42", REPLY, MARKER)
    message = client.channels[42].messages[int(message_id)]
    assert message.allowed_mentions is not None
    assert message.allowed_mentions.to_dict() == discord.AllowedMentions.none().to_dict()
    (embed,) = message.embeds
    assert embed.title == "Daily briefing"
    assert embed.footer.text == f"3 articles · {MARKER}"


async def test_long_replies_become_several_messages_and_only_the_first_is_marked(
    client: FakeClient,
) -> None:
    long = Reply((Header("Daily"), *(Section("word " * 300) for _ in range(12))))
    ids = await publisher(client).post("42", long, MARKER)
    assert len(ids) > 1
    footers = [
        e.footer.text or "" for i in ids for e in client.channels[42].messages[int(i)].embeds
    ]
    assert sum(MARKER in f for f in footers) == 1


async def test_find_posted_recognises_only_the_bots_own_marked_messages(
    client: FakeClient,
) -> None:
    channel = client.get_partial_messageable(42)
    channel.add(5, content=f"a user quoting {MARKER}")
    [first] = await publisher(client).post("42", REPLY, MARKER)
    await publisher(client).post("42", REPLY, "Daily briefing · 2026-05-16")
    assert await publisher(client).find_posted("42", MARKER) == [first]
    assert await publisher(client).find_posted("42", "Daily briefing · 2026-05-18") == []


async def test_pins_and_unpins_and_a_deleted_message_is_already_unpinned(
    client: FakeClient,
) -> None:
    [message_id] = await publisher(client).post("42", REPLY, MARKER)
    await publisher(client).pin("42", message_id)
    assert client.channels[42].pins == {int(message_id)}
    await publisher(client).unpin("42", message_id)
    assert client.channels[42].pins == set()
    await publisher(client).unpin("42", "12345")  # deleted by someone: nothing to do


async def test_the_pin_limit_and_other_failures_are_raised_distinctly(client: FakeClient) -> None:
    channel = client.get_partial_messageable(42)
    channel.pin_error = http_error(400, MAX_PINS_CODE, "Maximum number of pins reached (250)")
    with pytest.raises(PinLimitReached):
        await publisher(client).pin("42", "1")
    channel.pin_error = http_error(503, 0, "Service Unavailable")
    with pytest.raises(discord.HTTPException):
        await publisher(client).pin("42", "1")


CALLS: dict[str, tuple[str, Callable[[DiscordPublisher], Awaitable[object]]]] = {
    "post": ("send_error", lambda pub: pub.post("42", REPLY, MARKER)),
    "find": ("history_error", lambda pub: pub.find_posted("42", MARKER)),
    "pin": ("pin_error", lambda pub: pub.pin("42", "1")),
    "unpin": ("unpin_error", lambda pub: pub.unpin("42", "1")),
}


@pytest.mark.parametrize(
    ("call", "status", "code", "text", "in_hint"),
    [
        ("post", 403, 50013, "Missing Permissions", "Send Messages and Embed Links"),
        ("post", 403, 50001, "Missing Access", "View Channel"),
        ("post", 404, 10003, "Unknown Channel", "/unsubscribe"),
        ("find", 403, 50001, "Missing Access", "Read Message History"),
        ("find", 404, 10003, "Unknown Channel", "the channel was deleted"),
        ("pin", 403, 50013, "Missing Permissions", "Pin Messages"),
        ("pin", 404, 10008, "Unknown Message", "deleted the briefing"),
        ("unpin", 403, 50013, "Missing Permissions", "Pin Messages"),
    ],
)
async def test_missing_permissions_and_deleted_channels_are_refusals_with_a_hint(
    client: FakeClient, call: str, status: int, code: int, text: str, in_hint: str
) -> None:
    attribute, action = CALLS[call]
    setattr(client.get_partial_messageable(42), attribute, http_error(status, code, text))
    with pytest.raises(PublishRefused) as refused:
        await action(publisher(client))
    assert refused.value.reason == f"HTTP {status} (code {code}): {text}"
    assert in_hint in refused.value.hint


@pytest.mark.parametrize(("call", "status"), [("post", 503), ("find", 500), ("unpin", 502)])
async def test_server_errors_stay_transient(client: FakeClient, call: str, status: int) -> None:
    attribute, action = CALLS[call]
    setattr(client.get_partial_messageable(42), attribute, http_error(status, 0, "Server Error"))
    with pytest.raises(discord.DiscordServerError):
        await action(publisher(client))


def test_the_marker_never_pushes_a_full_message_over_discords_total() -> None:
    big = Reply(
        (
            Header("Daily"),
            *(Section("w" * 1000, sources=(Source(f"S{n}", None),)) for n in range(5)),
            Context("f" * 1200),
        )
    )
    for message in render_discord(big):
        marked = with_marker(message, MARKER)
        assert sum(embed_chars(e) for e in marked["embeds"]) <= MESSAGE_TOTAL_LIMIT
        assert (marked["embeds"][0]["footer"]["text"]).endswith(MARKER)
