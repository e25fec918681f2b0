"""Posting a daily briefing exactly once: compose, post, pin, unpin the previous pin.

Each step is recorded in the ledger (``deliveries.py``) before the next starts, so a run that
crashes anywhere is finished by the next run without a second post: a delivery found in the
``posting`` state first looks for its message by marker and only posts if none is there.
Transient platform failures are retried with exponential backoff; a refusal only a person can
fix (``PublishRefused``: bot not in the channel, token revoked…) is not retried in the run but
recorded with its hint, and the next run resumes from the step that was refused. The bot only
ever unpins the messages its own ledger says it pinned.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Literal, TypeVar

from bot.core.clock import Clock
from bot.core.deliveries import Delivery, Ledger
from bot.core.ports import PinLimitReached, Publisher, PublishRefused
from bot.core.reply import Reply
from bot.core.reply_codec import reply_from_json, reply_to_json

log = logging.getLogger(__name__)

T = TypeVar("T")
Status = Literal["posted", "finished", "skipped", "failed"]


@dataclass(frozen=True)
class Composed:
    """A composed briefing, and a digest of it for the next briefing to compare with."""

    reply: Reply
    digest: str = ""


@dataclass(frozen=True)
class DeliveryOutcome:
    """What one delivery run did for one destination.

    ``posted``: a new post went out; ``finished``: an interrupted delivery was completed;
    ``skipped``: already done for that day; ``failed``: see ``detail`` (retried next run; for
    a refusal, ``detail`` is ``"reason: hint"``, what an admin must do first).
    """

    destination: str
    day: date
    status: Status
    detail: str = ""
    delivery: Delivery | None = None


class Deliverer:
    """Runs deliveries through the platform publishers, recording each step in the ledger."""

    def __init__(
        self,
        ledger: Ledger,
        publishers: Mapping[str, Publisher],
        clock: Clock,
        *,
        attempts: int = 4,
        backoff_s: float = 2.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.ledger = ledger
        self.publishers = publishers
        self.clock = clock
        self.attempts = attempts
        self.backoff_s = backoff_s
        self.sleep = sleep

    async def deliver(
        self,
        destination: str,
        day: date,
        compose: Callable[[], Awaitable[Composed]],
        *,
        force: bool = False,
    ) -> DeliveryOutcome:
        """Deliver (or finish delivering) the briefing for ``destination``'s local ``day``.

        Args:
            destination: ``platform:channel``.
            day: the destination's local date.
            compose: builds the briefing; called only when nothing is composed for the day.
            force: post again even if the day's briefing is already out.
        """
        platform, _, channel = destination.partition(":")
        publisher = self.publishers.get(platform)
        if publisher is None:
            return DeliveryOutcome(destination, day, "failed", f"{platform} is not connected")
        claim, current = self.ledger.claim(destination, day, self.clock.now(), force=force)
        if claim == "done":
            return DeliveryOutcome(destination, day, "skipped", "already posted", current)
        if claim == "busy":
            busy = "another run is delivering it right now"
            return DeliveryOutcome(destination, day, "skipped", busy, current)
        assert current is not None
        fresh = current.state == "composing"
        if fresh:
            try:
                composed = await compose()
            except Exception as exc:
                self.ledger.update(current, self._now(), error=_reason(exc))
                raise
            current = self.ledger.composed(
                current, reply_to_json(composed.reply), composed.digest, self._now()
            )
        try:
            done = await self._finish(current, publisher, channel)
        except Exception as exc:
            reason = _reason(exc)
            if isinstance(exc, PublishRefused):
                log.error("daily briefing to %s for %s refused: %s", destination, day, reason)
            else:
                log.warning("daily briefing to %s for %s failed: %s", destination, day, reason)
            self.ledger.update(
                self.ledger.latest(destination, day) or current, self._now(), error=reason
            )
            return DeliveryOutcome(destination, day, "failed", reason, current)
        return DeliveryOutcome(destination, day, "posted" if fresh else "finished", "", done)

    async def _finish(self, d: Delivery, publisher: Publisher, channel: str) -> Delivery:
        if d.state in ("composed", "posting"):
            ids = await self._post(d, publisher, channel)
            d = self.ledger.update(d, self._now(), state="posted", message_ids=tuple(ids))
        if d.state == "posted":
            if d.message_ids:
                await self._pin(d, publisher, channel)
            d = self.ledger.update(d, self._now(), state="pinned", pinned=bool(d.message_ids))
        if d.state == "pinned":
            for old in self.ledger.pinned(d.destination):
                if (old.day, old.seq) < (d.day, d.seq) and old.message_ids:
                    await self._retry(partial(publisher.unpin, channel, old.message_ids[0]))
                    self.ledger.update(old, self._now(), unpinned=True)
            d = self.ledger.update(d, self._now(), state="done")
        return d

    async def _post(self, d: Delivery, publisher: Publisher, channel: str) -> list[str]:
        reply = reply_from_json(d.payload)
        look_first = d.state == "posting"  # a crash may have come after the post went out
        d = self.ledger.update(d, self._now(), state="posting")
        for attempt in range(self.attempts):
            try:
                if look_first or attempt:
                    found = await publisher.find_posted(channel, d.marker)
                    if found:
                        return found
                return await publisher.post(channel, reply, d.marker)
            except PublishRefused:
                raise
            except Exception as exc:
                await self._wait(attempt, exc, d.destination)
        raise AssertionError("unreachable")  # _wait raises on the last attempt

    async def _pin(self, d: Delivery, publisher: Publisher, channel: str) -> None:
        try:
            await self._retry(lambda: publisher.pin(channel, d.message_ids[0]))
            return
        except PinLimitReached:
            pass
        # The channel is full: make room by removing the bot's own oldest pins, then retry.
        own = [o for o in self.ledger.pinned(d.destination) if o.message_ids and o != d]
        if not own:
            raise PinLimitReached("the channel's pins are full and none of them is mine")
        for old in own[:2]:
            await self._retry(partial(publisher.unpin, channel, old.message_ids[0]))
            self.ledger.update(old, self._now(), unpinned=True)
        await self._retry(lambda: publisher.pin(channel, d.message_ids[0]))

    async def _retry(self, action: Callable[[], Awaitable[T]]) -> T:
        for attempt in range(self.attempts):
            try:
                return await action()
            except (PinLimitReached, PublishRefused):
                raise
            except Exception as exc:
                await self._wait(attempt, exc, "")
        raise AssertionError("unreachable")

    async def _wait(self, attempt: int, exc: Exception, destination: str) -> None:
        if attempt + 1 >= self.attempts:
            raise exc
        delay = self.backoff_s * 2**attempt
        log.warning(
            "publishing %s failed (%s); retrying in %.0f s", destination, _reason(exc), delay
        )
        await self.sleep(delay)

    def _now(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PublishRefused):
        return str(exc)[:500]  # "reason: hint", meant for an admin as it is
    return f"{type(exc).__name__}: {exc}"[:300]
