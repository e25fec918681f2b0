"""Channels subscribed to the daily briefing: stored ones and those declared in settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from bot.core.database import Database
from bot.core.schedule import Subscription, parse_time


@dataclass(frozen=True)
class DailyDefaults:
    """The settings a subscription falls back on (``BOT_DAILY__*``)."""

    time: str = "08:00"
    timezone: str = "UTC"
    destinations: tuple[str, ...] = ()

    def declared(self) -> list[Subscription]:
        """Subscriptions declared in settings (``slack:C0123``, ``discord:1234``)."""
        at = parse_time(self.time)
        found = []
        for destination in self.destinations:
            platform, _, channel = destination.partition(":")
            found.append(Subscription(platform, channel, at, self.timezone))
        return found


class Subscriptions:
    """Stored subscriptions, one per destination (subscribing again updates it)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def put(self, subscription: Subscription, *, by: str, now: str) -> bool:
        """Store or update a subscription; True if the destination was new."""
        with self.db.transaction() as conn:
            existed = conn.execute(
                "SELECT 1 FROM subscriptions WHERE destination = ?", (subscription.destination,)
            ).fetchone()
            conn.execute(
                "INSERT INTO subscriptions (destination, platform, workspace, channel, at,"
                " timezone, first_day, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (destination) DO UPDATE SET at = excluded.at,"
                " timezone = excluded.timezone, workspace = excluded.workspace,"
                " first_day = max(first_day, excluded.first_day)",
                (
                    subscription.destination,
                    subscription.platform,
                    subscription.workspace,
                    subscription.channel,
                    subscription.at.strftime("%H:%M"),
                    subscription.timezone,
                    (subscription.first_day or date.min).isoformat(),
                    by,
                    now,
                ),
            )
        return existed is None

    def remove(self, destination: str) -> bool:
        """Delete a subscription; False if there was none."""
        with self.db.transaction() as conn:
            cursor = conn.execute("DELETE FROM subscriptions WHERE destination = ?", (destination,))
            return cursor.rowcount > 0

    def stored(self) -> list[Subscription]:
        """Every stored subscription, by destination."""
        rows = self.db.connection().execute("SELECT * FROM subscriptions ORDER BY destination")
        return [
            Subscription(
                r["platform"],
                r["channel"],
                time.fromisoformat(r["at"]),
                r["timezone"],
                r["workspace"],
                date.fromisoformat(r["first_day"]),
            )
            for r in rows
        ]

    def all(self, defaults: DailyDefaults) -> list[Subscription]:
        """Stored subscriptions plus those declared in settings (stored ones win)."""
        stored = self.stored()
        seen = {s.destination for s in stored}
        return stored + [s for s in defaults.declared() if s.destination not in seen]
