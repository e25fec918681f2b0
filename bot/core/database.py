"""SQLite plumbing for the store: per-thread connections, write transactions, migrations.

WAL mode so readers never wait for a writer; one connection per thread; a write transaction is
all or nothing, so a crash mid-write leaves the file as it was before it.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.core.schema import MIGRATIONS, SCHEMA_VERSION


class StoreError(Exception):
    """The store file cannot be used (unreadable, not a database, or from a newer version)."""


class Database:
    """One SQLite file at the current schema version, shared safely by threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._migrate()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(f"cannot use the store {self.path}: {exc}") from None

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            # Each thread uses only its own connection; close() may run on another thread.
            conn = sqlite3.connect(
                self.path, isolation_level=None, timeout=10.0, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            _use_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def connection(self) -> sqlite3.Connection:
        """This thread's connection.

        For the modules that own tables of their own (feeds, sources, quotes, subscriptions,
        deliveries) and read them with their own queries.
        """
        return self._conn()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block as one write transaction: all of it is committed, or none of it."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        """Close every connection this store opened."""
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    def _migrate(self) -> None:
        if self.schema_version == SCHEMA_VERSION:  # nothing to write: read-only files work
            return
        with self.transaction() as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {version}, newer than this bot "
                    f"({SCHEMA_VERSION}); upgrade the bot or use another --store"
                )
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number]:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        return int(self._conn().execute("PRAGMA user_version").fetchone()[0])


def _use_wal(conn: sqlite3.Connection, patience_s: float = 10.0) -> None:
    """Switch the file to WAL (persistent, so only its first opener does the work).

    The switch takes an exclusive lock without waiting for the busy timeout, so two processes
    creating the same store at once retry here instead of failing with "database is locked".
    """
    deadline = time.monotonic() + patience_s
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
