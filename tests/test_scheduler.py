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
