"""The store's schema as numbered migrations; ``PRAGMA user_version`` records the applied one.

Append a migration to change the schema; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: articles, their passages, and a full-text index over passages (title as a weak column).
    (
        """
        CREATE TABLE articles (
            id          TEXT PRIMARY KEY,
            title       TEXT NOT NULL,
            body        TEXT NOT NULL,
            url         TEXT,
            source      TEXT,
            published   TEXT,
            origin      TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            words       INTEGER NOT NULL
        )
        """,
        "CREATE INDEX articles_origin ON articles(origin)",
        """
        CREATE TABLE passages (
            id          INTEGER PRIMARY KEY,
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx         INTEGER NOT NULL,
            text        TEXT NOT NULL,
            char_start  INTEGER NOT NULL,
            char_end    INTEGER NOT NULL,
            UNIQUE (article_id, idx)
        )
        """,
        """
        CREATE VIRTUAL TABLE passages_fts USING fts5(
            title, text, tokenize = 'porter unicode61 remove_diacritics 2'
        )
        """,
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
