"""Feeds the bot polls, with their conditional-GET validators and poll history."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.core.store import Store


@dataclass(frozen=True)
class FeedState:
    """A feed as stored.

    Attributes:
        url: the feed's address (as given when it was added).
        title: the feed's own title, once read.
        etag: the ``ETag`` of the last full response, sent back as ``If-None-Match``.
        last_modified: its ``Last-Modified``, sent back as ``If-Modified-Since``.
        added_at: when it was added.
        last_poll: when it was last polled (successfully or not).
        last_ok: when a poll last succeeded.
        last_result: what the last successful poll did, e.g. ``3 added, 1 failed``.
        last_error: why the last poll failed; ``None`` once a poll succeeds again.
        errors: failed polls in a row.
        polls: polls so far.
        articles: stored articles read from this feed (primary or syndicated copies).
    """

    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    added_at: str
    last_poll: str | None
    last_ok: str | None
    last_result: str | None
    last_error: str | None
    errors: int
    polls: int
    articles: int


class FeedStore:
    """The ``feeds`` table of a :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, url: str, added_at: str) -> bool:
        """Remember a feed to poll; False if it was already known."""
        with self.store.transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO feeds (url, added_at) VALUES (?, ?)", (url, added_at)
            )
            return cursor.rowcount == 1

    def remove(self, url: str) -> bool:
        """Stop polling a feed (its articles stay); False if it was not known."""
        with self.store.transaction() as conn:
            return conn.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount == 1

    def get(self, url: str) -> FeedState | None:
        """One feed, or None."""
        rows = self._select("WHERE f.url = ?", (url,))
        return rows[0] if rows else None

    def all(self) -> list[FeedState]:
        """Every feed, in the order they were added."""
        return self._select("ORDER BY f.added_at, f.url", ())

    def record_success(
        self,
        url: str,
        *,
        polled_at: str,
        result: str,
        title: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        keep_validators: bool = False,
    ) -> None:
        """Record a successful poll (a ``304 Not Modified`` keeps the stored validators)."""
        with self.store.transaction() as conn:
            if keep_validators:
                conn.execute(
                    "UPDATE feeds SET last_poll = ?, last_ok = ?, last_result = ?,"
                    " last_error = NULL, errors = 0, polls = polls + 1 WHERE url = ?",
                    (polled_at, polled_at, result, url),
                )
                return
            conn.execute(
                "UPDATE feeds SET last_poll = ?, last_ok = ?, last_result = ?, last_error = NULL,"
                " errors = 0, polls = polls + 1, title = coalesce(?, title), etag = ?,"
                " last_modified = ? WHERE url = ?",
                (polled_at, polled_at, result, title, etag, last_modified, url),
            )

    def record_failure(self, url: str, *, polled_at: str, reason: str) -> None:
        """Record a failed poll; the validators stay so the next poll can still be cheap."""
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE feeds SET last_poll = ?, last_error = ?, errors = errors + 1,"
                " polls = polls + 1 WHERE url = ?",
                (polled_at, reason, url),
            )

    def _select(self, tail: str, params: tuple[str, ...]) -> list[FeedState]:
        rows = self.store.connection().execute(
            "SELECT f.*, (SELECT count(DISTINCT s.article_id) FROM article_sources s"
            " WHERE s.feed_url = f.url) AS articles FROM feeds f " + tail,
            params,
        )
        return [_state(r) for r in rows]


def _state(row: sqlite3.Row) -> FeedState:
    return FeedState(
        url=row["url"],
        title=row["title"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        added_at=row["added_at"],
        last_poll=row["last_poll"],
        last_ok=row["last_ok"],
        last_result=row["last_result"],
        last_error=row["last_error"],
        errors=int(row["errors"]),
        polls=int(row["polls"]),
        articles=int(row["articles"]),
    )
