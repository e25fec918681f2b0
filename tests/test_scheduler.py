"""The scheduler task: posts on time, catches up once after downtime, rotates pins daily."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from test_daily_delivery import FakePublisher

from bot.core.daily_delivery import Composed, Deliverer
from bot.core.deliveries import Ledger
from bot.core.reply import Header, Reply, Section
from bot.core.schedule import Subscription
from bot.core.scheduler import DailyScheduler
from bot.core.store import Store
from bot.core.subscriptions import DailyDefaults, Subscriptions


class MovableClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


Calls = list[tuple[str, date, datetime | None, str]]


def build(
    tmp_path: Path, at: datetime, defaults: DailyDefaults | None = None
) -> tuple[DailyScheduler, Store, MovableClock, FakePublisher, Calls]:
    store = Store(tmp_path / "s.sqlite3")
    clock = MovableClock(at)
    publisher = FakePublisher()
    composed: Calls = []

    async def compose(
        sub: Subscription, day: date, since: datetime | None, digest: str
    ) -> Composed:
        composed.append((sub.destination, day, since, digest))
        reply = Reply((Header(f"Briefing {day}"), Section("news")), visibility="public")
        return Composed(reply, digest=f"digest of {day}")

    async def no_sleep(_seconds: float) -> None:
        return None

    deliverer = Deliverer(Ledger(store), {"slack": publisher}, clock, sleep=no_sleep)
    scheduler = DailyScheduler(
        store, defaults or DailyDefaults(), deliverer, compose, clock, sleep=no_sleep
    )
    return scheduler, store, clock, publisher, composed


def subscribe(store: Store, at: str = "08:00", zone: str = "UTC") -> None:
    sub = Subscription("slack", "C1", time.fromisoformat(at), zone, "T1", date(2026, 5, 1))
    Subscriptions(store).put(sub, by="U1", now="2026-05-01T00:00:00+00:00")


async def test_posts_at_the_time_and_only_once(tmp_path: Path) -> None:
    scheduler, store, clock, pub, _ = build(tmp_path, datetime(2026, 5, 17, 7, 59, tzinfo=UTC))
    subscribe(store)
    assert await scheduler.run_once() == []
    assert await scheduler.seconds_until_next() == 60
    clock.at = datetime(2026, 5, 17, 8, 0, tzinfo=UTC)
    (outcome,) = await scheduler.run_once()
    assert outcome.status == "posted"
    assert await scheduler.run_once() == []
    assert pub.calls.count("post") == 1


async def test_after_downtime_it_posts_once_when_back_the_same_day(tmp_path: Path) -> None:
    scheduler, store, clock, pub, _ = build(tmp_path, datetime(2026, 5, 17, 15, 0, tzinfo=UTC))
    subscribe(store)
    (outcome,) = await scheduler.run_once()
    assert outcome.status == "posted"
    clock.at += timedelta(hours=1)
    assert await scheduler.run_once() == []
    assert pub.calls.count("post") == 1


async def test_each_day_replaces_the_pin_and_covers_what_arrived_since(tmp_path: Path) -> None:
    scheduler, store, clock, pub, composed = build(
        tmp_path, datetime(2026, 5, 17, 8, 0, tzinfo=UTC)
    )
    subscribe(store)
    await scheduler.run_once()
    clock.at += timedelta(days=1)
    await scheduler.run_once()
    assert pub.pins == ["m2"]
    assert composed[0][2:] == (None, "")
    assert composed[1][2:] == (datetime(2026, 5, 17, 8, 0, tzinfo=UTC), "digest of 2026-05-17")


async def test_destinations_from_settings_are_served_too(tmp_path: Path) -> None:
    defaults = DailyDefaults("06:00", "Europe/Berlin", ("slack:C7",))
    scheduler, _store, _clock, pub, _ = build(
        tmp_path, datetime(2026, 5, 17, 4, 0, tzinfo=UTC), defaults
    )
    (outcome,) = await scheduler.run_once()
    assert outcome.destination == "slack:C7"
    assert pub.pins == ["m1"]


async def test_the_loop_sleeps_until_the_next_post_and_survives_failures(
    tmp_path: Path,
) -> None:
    scheduler, store, clock, pub, _ = build(tmp_path, datetime(2026, 5, 17, 7, 0, tzinfo=UTC))
    subscribe(store)
    slept: list[float] = []

    async def advancing_sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.at += timedelta(seconds=seconds)
        if len(slept) >= 70:
            raise asyncio.CancelledError

    scheduler.sleep = advancing_sleep
    pub.transient = {"post": 100}  # the first attempts fail: retried a minute later
    with pytest.raises(asyncio.CancelledError):
        await scheduler.run()
    assert all(s >= 1.0 for s in slept)
    assert pub.calls.count("post") == 0
    pub.transient = {}
    slept.clear()
    with pytest.raises(asyncio.CancelledError):
        await scheduler.run()
    assert pub.calls.count("post") == 1


async def test_a_briefing_that_cannot_be_composed_does_not_hold_up_the_others(
    tmp_path: Path,
) -> None:
    defaults = DailyDefaults("08:00", "UTC", ("slack:C7",))
    scheduler, store, _clock, pub, _ = build(
        tmp_path, datetime(2026, 5, 17, 8, 0, tzinfo=UTC), defaults
    )
    subscribe(store)  # slack:C1, served first
    compose = scheduler.compose

    async def broken_for_c1(
        sub: Subscription, day: date, since: datetime | None, digest: str
    ) -> Composed:
        if sub.channel == "C1":
            raise RuntimeError("summarizer exploded")
        return await compose(sub, day, since, digest)

    scheduler.compose = broken_for_c1
    outcomes = await scheduler.run_once()
    assert [(o.destination, o.status) for o in outcomes] == [
        ("slack:C1", "failed"),
        ("slack:C7", "posted"),
    ]
    assert "summarizer exploded" in outcomes[0].detail
    assert pub.calls.count("post") == 1


async def test_a_failing_destination_is_retried_with_growing_pauses(tmp_path: Path) -> None:
    start = datetime(2026, 5, 17, 8, 0, tzinfo=UTC)
    scheduler, store, clock, pub, _ = build(tmp_path, start)
    subscribe(store)
    pub.transient = {"post": 10_000}
    tried_at: list[int] = []
    for minute in range(0, 20):
        clock.at = start + timedelta(minutes=minute)
        if await scheduler.run_once():
            tried_at.append(minute)
    assert tried_at == [0, 1, 3, 7, 15]  # then every 16, 32, … and at most every hour
    clock.at = start + timedelta(minutes=16)
    assert await scheduler.seconds_until_next() == 60  # wakes for the next minute anyway
    clock.at = start + timedelta(minutes=30)
    assert await scheduler.seconds_until_next() == 60
    pub.transient = {}
    clock.at = start + timedelta(minutes=31)
    (outcome,) = await scheduler.run_once()
    assert outcome.status == "finished"  # the delivery composed at 08:00 goes out
    assert pub.calls.count("post") == 1
