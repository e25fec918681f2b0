"""Exactly-once daily posts: crash at every step and restart, retries, refusals, pin rotation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.clock import FixedClock
from bot.core.daily_delivery import Composed, Deliverer
from bot.core.deliveries import LEASE, Ledger
from bot.core.ports import PinLimitReached, PublishRefused
from bot.core.reply import Header, Reply, Section
from bot.core.store import Store

DEST = "slack:C1"
DAY = date(2026, 5, 17)


class Crash(BaseException):
    """Stands for the process dying: nothing in the bot catches it."""


class FakePublisher:
    """A channel in memory; can fail transiently, refuse, or 'crash' before/after any call."""

    platform = "slack"

    def __init__(self, pin_limit: int = 100) -> None:
        self.messages: dict[str, tuple[Reply, str]] = {}
        self.pins: list[str] = []
        self.pin_limit = pin_limit
        self.calls: list[str] = []
        self.crash: tuple[str, str] | None = None  # ("before"|"after", method)
        self.transient: dict[str, int] = {}
        self.refused: dict[str, PublishRefused] = {}  # until an admin "fixes" it
        self.tries: list[str] = []

    def _hook(self, when: str, method: str) -> None:
        if when == "before":
            self.tries.append(method)
            if method in self.refused:
                raise self.refused[method]
        if self.crash == (when, method):
            self.crash = None
            raise Crash(f"{when} {method}")
        if when == "before" and self.transient.get(method, 0) > 0:
            self.transient[method] -= 1
            raise ConnectionError("connection reset")

    async def post(self, channel: str, reply: Reply, marker: str) -> list[str]:
        self._hook("before", "post")
        self.calls.append("post")
        message_id = f"m{len(self.messages) + 1}"
        self.messages[message_id] = (reply, marker)
        self._hook("after", "post")
        return [message_id]

    async def find_posted(self, channel: str, marker: str) -> list[str]:
        self.calls.append("find")
        return [m for m, (_, tag) in self.messages.items() if tag == marker]

    async def pin(self, channel: str, message_id: str) -> None:
        self._hook("before", "pin")
        self.calls.append("pin")
        if message_id not in self.pins:
            if len(self.pins) >= self.pin_limit:
                raise PinLimitReached("too many pins")
            self.pins.append(message_id)
        self._hook("after", "pin")

    async def unpin(self, channel: str, message_id: str) -> None:
        self._hook("before", "unpin")
        self.calls.append("unpin")
        if message_id in self.pins:
            self.pins.remove(message_id)
        self._hook("after", "unpin")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "s.sqlite3")


START = datetime(2026, 5, 17, 8, 0, tzinfo=UTC)
RESTART = START + LEASE + timedelta(seconds=1)
"""A restart after a crash: the crashed run's lease has run out."""


def deliverer(
    store: Store, publisher: FakePublisher, sleeps: list[float] | None = None, at: datetime = START
) -> Deliverer:
    async def sleep(seconds: float) -> None:
        if sleeps is not None:
            sleeps.append(seconds)

    return Deliverer(Ledger(store), {"slack": publisher}, FixedClock(at), sleep=sleep)


def briefing(text: str = "Today") -> Reply:
    return Reply((Header("Daily briefing"), Section(text)), visibility="public")


async def compose() -> Composed:
    return Composed(briefing())


async def test_posts_pins_and_a_second_run_the_same_day_does_nothing(store: Store) -> None:
    pub = FakePublisher()
    outcome = await deliverer(store, pub).deliver(DEST, DAY, compose)
    assert outcome.status == "posted"
    assert pub.pins == ["m1"]
    again = await deliverer(store, pub).deliver(DEST, DAY, compose)
    assert again.status == "skipped"
    assert pub.calls.count("post") == 1
    assert Ledger(store).last_served(DEST) == DAY


@pytest.mark.parametrize(
    "crash",
    [
        ("before", "post"),
        ("after", "post"),
        ("before", "pin"),
        ("after", "pin"),
    ],
)
async def test_a_crash_at_any_step_is_finished_on_restart_without_a_second_post(
    store: Store, crash: tuple[str, str]
) -> None:
    pub = FakePublisher()
    await deliverer(store, pub).deliver(DEST, date(2026, 5, 16), compose)  # yesterday's pin
    pub.crash = crash
    with pytest.raises(Crash):
        await deliverer(store, pub).deliver(DEST, DAY, compose)
    calls = len(pub.calls)
    early = await deliverer(store, pub).deliver(DEST, DAY, compose)  # the lease still holds
    assert early.status == "skipped" and len(pub.calls) == calls
    outcome = await deliverer(store, pub, at=RESTART).deliver(DEST, DAY, compose)
    assert outcome.status == "finished"
    assert pub.calls.count("post") == 2  # yesterday's and today's, once each
    assert pub.pins == ["m2"]  # today's pinned, yesterday's removed
    assert (await deliverer(store, pub).deliver(DEST, DAY, compose)).status == "skipped"


async def test_a_crash_while_unpinning_yesterday_is_finished_on_restart(store: Store) -> None:
    pub = FakePublisher()
    await deliverer(store, pub).deliver(DEST, date(2026, 5, 16), compose)
    pub.crash = ("after", "unpin")
    with pytest.raises(Crash):
        await deliverer(store, pub).deliver(DEST, DAY, compose)
    await deliverer(store, pub, at=RESTART).deliver(DEST, DAY, compose)
    assert pub.pins == ["m2"]
    assert pub.calls.count("post") == 2
    assert Ledger(store).pinned(DEST)[0].message_ids == ("m2",)


async def test_a_crash_while_composing_is_composed_again_after_the_lease(store: Store) -> None:
    pub = FakePublisher()

    async def broken() -> Composed:
        raise Crash("died while composing")

    with pytest.raises(Crash):
        await deliverer(store, pub).deliver(DEST, DAY, broken)
    stored = Ledger(store).latest(DEST, DAY)
    assert stored is not None and stored.state == "composing" and not stored.payload
    outcome = await deliverer(store, pub, at=RESTART).deliver(DEST, DAY, compose)
    assert outcome.status == "posted" and pub.calls.count("post") == 1


async def test_a_failed_composition_is_retried_at_once_by_the_next_run(store: Store) -> None:
    pub = FakePublisher()

    async def broken() -> Composed:
        raise RuntimeError("summarizer failed")

    with pytest.raises(RuntimeError):
        await deliverer(store, pub).deliver(DEST, DAY, broken)
    stored = Ledger(store).latest(DEST, DAY)
    assert stored is not None and "summarizer failed" in (stored.last_error or "")
    assert (await deliverer(store, pub).deliver(DEST, DAY, compose)).status == "posted"


async def test_two_runs_at_once_post_once(store: Store) -> None:
    """The bot's scheduler and `post-daily` in another process reach the same briefing."""
    pub = FakePublisher()
    other: list[str] = []

    async def slow_compose() -> Composed:
        # While this run composes, a second process tries the same destination and day.
        outcome = await deliverer(store, pub).deliver(DEST, DAY, compose)
        other.append(f"{outcome.status}: {outcome.detail}")
        return await compose()

    outcome = await deliverer(store, pub).deliver(DEST, DAY, slow_compose)
    assert outcome.status == "posted"
    assert other == ["skipped: another run is delivering it right now"]
    assert pub.calls.count("post") == 1
    forced = await deliverer(store, pub).deliver(DEST, DAY, compose, force=True)
    assert forced.status == "posted"  # the lease was given back when the first run ended


async def test_the_post_after_a_crash_is_the_composed_one_not_a_new_composition(
    store: Store,
) -> None:
    pub = FakePublisher()
    pub.crash = ("before", "post")
    with pytest.raises(Crash):
        await deliverer(store, pub).deliver(DEST, DAY, compose)

    async def different() -> Composed:
        return Composed(briefing("Something else"))

    await deliverer(store, pub, at=RESTART).deliver(DEST, DAY, different)
    (reply, _marker) = pub.messages["m1"]
    assert reply == briefing()


async def test_transient_failures_are_retried_with_backoff(store: Store) -> None:
    pub = FakePublisher()
    pub.transient = {"post": 2, "pin": 1}
    sleeps: list[float] = []
    outcome = await deliverer(store, pub, sleeps).deliver(DEST, DAY, compose)
    assert outcome.status == "posted"
    assert sleeps == [2.0, 4.0, 2.0]
    assert pub.calls.count("post") == 1


async def test_lasting_failures_are_reported_and_retried_next_run(store: Store) -> None:
    pub = FakePublisher()
    pub.transient = {"post": 10}
    outcome = await deliverer(store, pub).deliver(DEST, DAY, compose)
    assert outcome.status == "failed"
    assert "ConnectionError" in outcome.detail
    stored = Ledger(store).latest(DEST, DAY)
    assert stored is not None and stored.last_error and stored.attempts == 1
    pub.transient = {}
    assert (await deliverer(store, pub).deliver(DEST, DAY, compose)).status == "finished"
    assert pub.calls.count("post") == 1


NOT_IN_CHANNEL = PublishRefused("not_in_channel", "invite the bot (/invite @briefing-bot)")
NO_PIN_PERMISSION = PublishRefused("restricted_action", "allow the bot to pin in this channel")


async def test_a_refused_post_is_not_retried_and_the_run_after_the_fix_posts_once(
    store: Store,
) -> None:
    pub = FakePublisher()
    pub.refused = {"post": NOT_IN_CHANNEL}
    sleeps: list[float] = []
    outcome = await deliverer(store, pub, sleeps).deliver(DEST, DAY, compose)
    assert outcome.status == "failed"
    assert outcome.detail == "not_in_channel: invite the bot (/invite @briefing-bot)"
    assert sleeps == [] and pub.tries == ["post"]
    stored = Ledger(store).latest(DEST, DAY)
    assert stored is not None and stored.last_error == outcome.detail and stored.attempts == 1
    assert stored.state == "posting" and pub.messages == {}
    pub.refused = {}  # the admin invited the bot
    assert (await deliverer(store, pub, sleeps).deliver(DEST, DAY, compose)).status == "finished"
    assert pub.calls.count("post") == 1 and pub.pins == ["m1"] and sleeps == []
    assert (await deliverer(store, pub).deliver(DEST, DAY, compose)).status == "skipped"


async def test_a_refused_pin_keeps_the_post_and_the_run_after_the_fix_only_pins(
    store: Store,
) -> None:
    pub = FakePublisher()
    await deliverer(store, pub).deliver(DEST, date(2026, 5, 16), compose)  # yesterday's pin
    pub.refused = {"pin": NO_PIN_PERMISSION}
    pub.tries.clear()
    sleeps: list[float] = []
    outcome = await deliverer(store, pub, sleeps).deliver(DEST, DAY, compose)
    assert outcome.status == "failed"
    assert outcome.detail == "restricted_action: allow the bot to pin in this channel"
    assert sleeps == [] and pub.tries == ["post", "pin"]
    stored = Ledger(store).latest(DEST, DAY)
    assert stored is not None and stored.state == "posted" and stored.message_ids == ("m2",)
    assert stored.last_error == outcome.detail
    assert pub.pins == ["m1"]  # yesterday's stays until today's is pinned
    pub.refused = {}
    assert (await deliverer(store, pub).deliver(DEST, DAY, compose)).status == "finished"
    assert pub.calls.count("post") == 2  # yesterday's and today's, once each
    assert pub.pins == ["m2"]


async def test_force_posts_again_and_moves_the_pin(store: Store) -> None:
    pub = FakePublisher()
    await deliverer(store, pub).deliver(DEST, DAY, compose)
    outcome = await deliverer(store, pub).deliver(DEST, DAY, compose, force=True)
    assert outcome.status == "posted"
    assert pub.pins == ["m2"]


async def test_a_full_channel_makes_room_by_unpinning_only_the_bots_own_oldest_pins(
    store: Store,
) -> None:
    pub = FakePublisher(pin_limit=3)
    pub.pins = ["someone-elses"]
    for day in (14, 15, 16):
        await deliverer(store, pub).deliver(DEST, date(2026, 5, day), compose)
    # Rotation keeps one own pin; fill the channel with other people's pins.
    pub.pins += ["other-2"]
    assert len(pub.pins) == 3
    outcome = await deliverer(store, pub).deliver(DEST, DAY, compose)
    assert outcome.status == "posted"
    assert "someone-elses" in pub.pins and "other-2" in pub.pins
    assert pub.pins[-1] == "m4"


async def test_a_channel_full_of_other_peoples_pins_fails_clearly(store: Store) -> None:
    pub = FakePublisher(pin_limit=1)
    pub.pins = ["someone-elses"]
    outcome = await deliverer(store, pub).deliver(DEST, DAY, compose)
    assert outcome.status == "failed"
    assert "none of them is mine" in outcome.detail
    assert pub.pins == ["someone-elses"]


async def test_an_unconnected_platform_fails_without_composing(store: Store) -> None:
    pub = FakePublisher()
    outcome = await deliverer(store, pub).deliver("discord:42", DAY, compose)
    assert outcome.status == "failed"
    assert "discord" in outcome.detail
