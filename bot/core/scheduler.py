"""The daily-briefing scheduler: one task on the bot's event loop, driven by an injected clock.

Each pass serves every subscription that is due (see ``schedule.py``), through the
:class:`~bot.core.daily_delivery.Deliverer`, so a bot that was down at posting time posts once
when it comes back the same day. Between passes it sleeps until the next post is due, waking
at least every minute to pick up new subscriptions. A destination whose delivery fails (or
whose briefing cannot be composed) is tried again after 1, 2, 4… minutes, at most hourly, and
never holds up the other destinations.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta

from bot.core.clock import Clock
from bot.core.daily_delivery import Composed, Deliverer, DeliveryOutcome
from bot.core.deliveries import Ledger
from bot.core.schedule import Subscription, is_due, local_day, next_run
from bot.core.store import Store
from bot.core.subscriptions import DailyDefaults, Subscriptions

log = logging.getLogger(__name__)

Composer = Callable[[Subscription, date, datetime | None, str], Awaitable[Composed]]
"""Builds the briefing for a subscription's local day from what arrived since the previous
briefing (None: never briefed), given the previous briefing's digest ("" if none)."""

MAX_SLEEP = timedelta(minutes=1)
FIRST_RETRY = timedelta(minutes=1)
MAX_RETRY = timedelta(hours=1)


class DailyScheduler:
    """Serves due subscriptions; :meth:`run` loops until cancelled."""

    def __init__(
        self,
        store: Store,
        defaults: DailyDefaults,
        deliverer: Deliverer,
        compose: Composer,
        clock: Clock,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.subscriptions = Subscriptions(store)
        self.ledger = Ledger(store)
        self.defaults = defaults
        self.deliverer = deliverer
        self.compose = compose
        self.clock = clock
        self.sleep = sleep
        self._failures: dict[tuple[str, date], tuple[int, datetime]] = {}
        """(destination, local day) → (failed passes, when to try again)."""

    async def run_once(self) -> list[DeliveryOutcome]:
        """Serve every subscription that is due now; return what happened to each."""
        now = self.clock.now()
        outcomes = []
        for sub in await asyncio.to_thread(self.subscriptions.all, self.defaults):
            served = await asyncio.to_thread(self.ledger.last_served, sub.destination)
            if not is_due(now, sub, served) or self._waiting(sub, now):
                continue
            outcome = await self._attempt(sub, now)
            outcomes.append(outcome)
        return outcomes

    def _waiting(self, sub: Subscription, now: datetime) -> bool:
        failed = self._failures.get((sub.destination, local_day(now, sub)))
        return failed is not None and now < failed[1]

    async def _attempt(self, sub: Subscription, now: datetime) -> DeliveryOutcome:
        """Deliver to one due subscription; a failure is logged and scheduled for a retry."""
        key = (sub.destination, local_day(now, sub))
        try:
            outcome = await self.deliver(sub, now)
        except Exception as exc:  # composing failed: the other destinations still get theirs
            log.exception("daily briefing for %s could not be composed", sub.destination)
            outcome = DeliveryOutcome(sub.destination, key[1], "failed", f"{exc!r}"[:300])
        if outcome.status != "failed":
            self._failures.pop(key, None)
            log.info("daily briefing %s %s: %s", sub.destination, outcome.day, outcome.status)
            return outcome
        count = self._failures.get(key, (0, now))[0] + 1
        wait = min(MAX_RETRY, FIRST_RETRY * 2 ** (count - 1))
        self._failures = {k: v for k, v in self._failures.items() if k[0] != sub.destination}
        self._failures[key] = (count, now + wait)
        log.warning(
            "daily briefing %s %s failed (%s); trying again in %d min",
            sub.destination,
            outcome.day,
            outcome.detail,
            wait.total_seconds() // 60,
        )
        return outcome

    async def deliver(
        self, sub: Subscription, now: datetime, *, force: bool = False
    ) -> DeliveryOutcome:
        """Deliver today's briefing to one subscription (also used by ``post-daily``)."""
        day = local_day(now, sub)
        since, digest = await asyncio.to_thread(self.ledger.since_last, sub.destination)

        async def compose() -> Composed:
            return await self.compose(sub, day, since, digest)

        return await self.deliverer.deliver(sub.destination, day, compose, force=force)

    async def seconds_until_next(self) -> float:
        """How long to sleep before the next pass (at most a minute)."""
        now = self.clock.now()
        wake = now + MAX_SLEEP
        for sub in await asyncio.to_thread(self.subscriptions.all, self.defaults):
            served = await asyncio.to_thread(self.ledger.last_served, sub.destination)
            upcoming = next_run(now, sub, served)
            failed = self._failures.get((sub.destination, local_day(now, sub)))
            if upcoming <= now and failed is not None:  # due, but failed: its retry time
                upcoming = failed[1]
            if upcoming > now:
                wake = min(wake, upcoming)
        return max(0.0, (wake - now).total_seconds())

    async def run(self) -> None:
        """Serve subscriptions until cancelled; a failing pass is logged, never fatal."""
        while True:
            try:
                await self.run_once()
                delay = await self.seconds_until_next()
            except Exception:
                log.exception("daily briefing pass failed; trying again in a minute")
                delay = MAX_SLEEP.total_seconds()
            await self.sleep(max(delay, 1.0))
