"""The delivery ledger: one row per daily post attempt, so each is done exactly once.

A row moves ``composed`` → ``posting`` → ``posted`` → ``pinned`` → ``done``; every move is its
own committed write, so a crash between two steps leaves a state the next run finishes
(see ``daily_delivery.py``). ``seq`` counts forced re-posts of the same local day.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from bot.core.database import Database

State = Literal["composed", "posting", "posted", "pinned", "done"]


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
        composed_at: when the briefing was composed (ISO, UTC): the next one covers what
            arrived after it.
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

    def create(
        self, destination: str, day: date, payload: str, now: str, digest: str = ""
    ) -> Delivery:
        """Record a newly composed delivery (the next ``seq`` of that day)."""
        with self.db.transaction() as conn:
            seq = 1 + int(
                conn.execute(
                    "SELECT coalesce(max(seq), 0) FROM deliveries"
                    " WHERE destination = ? AND day = ?",
                    (destination, day.isoformat()),
                ).fetchone()[0]
            )
            marker = f"Daily briefing · {day.isoformat()}" + (f" ({seq})" if seq > 1 else "")
            conn.execute(
                "INSERT INTO deliveries (destination, day, seq, state, marker, payload,"
                " composed_at, updated_at, digest) VALUES (?, ?, ?, 'composed', ?, ?, ?, ?, ?)",
                (destination, day.isoformat(), seq, marker, payload, now, now, digest),
            )
        return Delivery(
            destination, day, seq, "composed", marker, payload, composed_at=now, digest=digest
        )

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
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE deliveries SET state = ?, message_ids = ?, pinned = ?, unpinned = ?,"
                " attempts = ?, last_error = ?, updated_at = ?"
                " WHERE destination = ? AND day = ? AND seq = ?",
                (
                    changed.state,
                    json.dumps(list(changed.message_ids)),
                    int(changed.pinned),
                    int(changed.unpinned),
                    changed.attempts,
                    changed.last_error,
                    now,
                    changed.destination,
                    changed.day.isoformat(),
                    changed.seq,
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

    def previous(self, destination: str, before: Delivery) -> Delivery | None:
        """The delivery to ``destination`` just before ``before`` (for "what's changed")."""
        row = (
            self.db.connection()
            .execute(
                "SELECT * FROM deliveries WHERE destination = ? AND state = 'done'"
                " AND (day < ? OR (day = ? AND seq < ?)) ORDER BY day DESC, seq DESC LIMIT 1",
                (destination, before.day.isoformat(), before.day.isoformat(), before.seq),
            )
            .fetchone()
        )
        return None if row is None else _delivery(row)


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
