"""The delivery ledger: one row per daily post attempt, so each is done exactly once.

A row moves ``composing`` → ``composed`` → ``posting`` → ``posted`` → ``pinned`` → ``done``;
every move is its own committed write, so a crash between two steps leaves a state the next run
finishes (see ``daily_delivery.py``). ``seq`` counts forced re-posts of the same local day.

A run first *claims* the day's row in one write transaction and holds a short lease on it,
renewed at every step: a second process (``post-daily`` beside the running bot) finds the lease
and stands back instead of posting the same briefing again. A failed run gives the lease back at
once; a crashed one leaves it to expire (``LEASE``), after which the next run finishes the job.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal

from bot.core.database import Database

State = Literal["composing", "composed", "posting", "posted", "pinned", "done"]
Claim = Literal["mine", "done", "busy"]
"""``mine``: this run delivers; ``done``: already out; ``busy``: another run holds the lease."""

LEASE = timedelta(minutes=3)
"""How long a delivering run may go without a step before others may take over."""


@dataclass(frozen=True)
class Delivery:
    """One daily post to one destination.

    Attributes:
        destination: ``platform:channel``.
        day: the destination's local date the post is for.
        seq: 1 for the day's post, 2… for forced re-posts.
        state: how far the delivery got.
        marker: a tag the posted message carries (unique within its channel), so it can be
            found after a crash; readable, since some platforms show it (Discord's footer).
        payload: the composed reply as JSON (see ``reply_codec.py``).
        message_ids: the posted messages, the pinned one first.
        pinned: whether the first message was pinned.
        unpinned: whether the bot has since removed that pin.
        attempts: failed attempts so far.
        last_error: the last failure, for logs and ``/subscriptions``.
        composed_at: when the briefing was composed (ISO, UTC; "" while ``composing``): the
            next one covers what arrived after it.
        digest: what the composer wants to compare the next briefing with (JSON).
    """

    destination: str
    day: date
    seq: int
    state: State
    marker: str
    payload: str
    message_ids: tuple[str, ...] = ()
    pinned: bool = False
    unpinned: bool = False
    attempts: int = 0
    last_error: str | None = None
    composed_at: str = ""
    digest: str = ""


class Ledger:
    """Reads and writes deliveries in the store's database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def latest(self, destination: str, day: date) -> Delivery | None:
        """The newest delivery for a destination's local day, if any."""
        row = (
            self.db.connection()
            .execute(
                "SELECT * FROM deliveries WHERE destination = ? AND day = ?"
                " ORDER BY seq DESC LIMIT 1",
                (destination, day.isoformat()),
            )
            .fetchone()
        )
        return None if row is None else _delivery(row)

    def claim(
        self, destination: str, day: date, now: datetime, *, force: bool = False
    ) -> tuple[Claim, Delivery | None]:
        """Claim the delivery of ``destination``'s ``day`` for this run, in one transaction.

        A new row (state ``composing``, the next ``seq``) is made when there is none for the
        day, or when ``force`` asks for another post after a finished one.

        Returns:
            ``("mine", delivery)`` with the lease taken; ``("done", delivery)`` when the day
            is already served; ``("busy", delivery)`` while another run holds the lease.
        """
        stamp = now.isoformat(timespec="seconds")
        lease = (now + LEASE).isoformat(timespec="seconds")
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT * FROM deliveries WHERE destination = ? AND day = ?"
                " ORDER BY seq DESC LIMIT 1",
                (destination, day.isoformat()),
            ).fetchone()
            current = None if row is None else _delivery(row)
            if current is not None and not (current.state == "done" and force):
                if current.state == "done":
                    return "done", current
                if row["lease_until"] and datetime.fromisoformat(row["lease_until"]) > now:
                    return "busy", current
                conn.execute(
                    "UPDATE deliveries SET lease_until = ? WHERE destination = ? AND day = ?"
                    " AND seq = ?",
                    (lease, destination, day.isoformat(), current.seq),
                )
                return "mine", current
            seq = 1 if current is None else current.seq + 1
            marker = f"Daily briefing · {day.isoformat()}" + (f" ({seq})" if seq > 1 else "")
            conn.execute(
                "INSERT INTO deliveries (destination, day, seq, state, marker, payload,"
                " composed_at, updated_at, lease_until)"
                " VALUES (?, ?, ?, 'composing', ?, '', '', ?, ?)",
                (destination, day.isoformat(), seq, marker, stamp, lease),
            )
        return "mine", Delivery(destination, day, seq, "composing", marker, "")

    def composed(self, delivery: Delivery, payload: str, digest: str, now: str) -> Delivery:
        """Save the composed briefing of a claimed delivery (state ``composed``)."""
        changed = replace(delivery, state="composed", payload=payload, digest=digest)
        changed = replace(changed, composed_at=now)
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE deliveries SET state = 'composed', payload = ?, digest = ?,"
                " composed_at = ?, updated_at = ?, lease_until = ?"
                " WHERE destination = ? AND day = ? AND seq = ?",
                (payload, digest, now, now, _lease(now), *_key(delivery)),
            )
        return changed

    def update(
        self,
        delivery: Delivery,
        now: str,
        *,
        state: State | None = None,
        message_ids: tuple[str, ...] | None = None,
        pinned: bool | None = None,
        unpinned: bool | None = None,
        error: str | None = None,
    ) -> Delivery:
        """Save a step of a delivery (one committed write) and return the new row."""
        changed = replace(
            delivery,
            state=state or delivery.state,
            message_ids=delivery.message_ids if message_ids is None else message_ids,
            pinned=delivery.pinned if pinned is None else pinned,
            unpinned=delivery.unpinned if unpinned is None else unpinned,
            attempts=delivery.attempts + (error is not None),
            last_error=error if error is not None else delivery.last_error,
        )
        # A step renews the lease; a failure or the end of the delivery gives it back.
        release = error is not None or changed.state == "done"
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE deliveries SET state = ?, message_ids = ?, pinned = ?, unpinned = ?,"
                " attempts = ?, last_error = ?, updated_at = ?,"
                " lease_until = CASE WHEN ? THEN '' WHEN lease_until = '' THEN ''"
                " ELSE ? END"
                " WHERE destination = ? AND day = ? AND seq = ?",
                (
                    changed.state,
                    json.dumps(list(changed.message_ids)),
                    int(changed.pinned),
                    int(changed.unpinned),
                    changed.attempts,
                    changed.last_error,
                    now,
                    int(release),
                    _lease(now),
                    *_key(changed),
                ),
            )
        return changed

    def last_served(self, destination: str) -> date | None:
        """The latest local day whose delivery to ``destination`` is complete."""
        row = (
            self.db.connection()
            .execute(
                "SELECT max(day) FROM deliveries WHERE destination = ? AND state = 'done'",
                (destination,),
            )
            .fetchone()
        )
        return None if row is None or row[0] is None else date.fromisoformat(row[0])

    def pinned(self, destination: str) -> list[Delivery]:
        """Deliveries whose pin the bot has not removed yet, oldest first."""
        rows = self.db.connection().execute(
            "SELECT * FROM deliveries WHERE destination = ? AND pinned = 1 AND unpinned = 0"
            " ORDER BY day, seq",
            (destination,),
        )
        return [_delivery(r) for r in rows]

    def last_done(self, destination: str) -> Delivery | None:
        """The newest completed delivery to ``destination``, if any."""
        row = (
            self.db.connection()
            .execute(
                "SELECT * FROM deliveries WHERE destination = ? AND state = 'done'"
                " ORDER BY day DESC, seq DESC LIMIT 1",
                (destination,),
            )
            .fetchone()
        )
        return None if row is None else _delivery(row)

    def since_last(self, destination: str) -> tuple[datetime | None, str]:
        """When the last finished briefing to ``destination`` was composed, and its digest.

        ``(None, "")`` before the first one: what the next briefing compares itself with.
        """
        last = self.last_done(destination)
        if last is None:
            return None, ""
        return datetime.fromisoformat(last.composed_at), last.digest


def _key(delivery: Delivery) -> tuple[str, str, int]:
    return delivery.destination, delivery.day.isoformat(), delivery.seq


def _lease(now: str) -> str:
    return (datetime.fromisoformat(now) + LEASE).isoformat(timespec="seconds")


def _delivery(row: sqlite3.Row) -> Delivery:
    return Delivery(
        destination=row["destination"],
        day=date.fromisoformat(row["day"]),
        seq=row["seq"],
        state=row["state"],
        marker=row["marker"],
        payload=row["payload"],
        message_ids=tuple(json.loads(row["message_ids"])),
        pinned=bool(row["pinned"]),
        unpinned=bool(row["unpinned"]),
        attempts=row["attempts"],
        last_error=row["last_error"],
        composed_at=row["composed_at"],
        digest=row["digest"],
    )
