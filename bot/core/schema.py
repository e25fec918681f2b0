"""The store's schema as numbered migrations; ``PRAGMA user_version`` records the applied one.

Append a migration to change the schema; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: articles, their passages, a full-text index over passage text (kept in step by
    #    triggers, reading the text from `passages`), and the files already read.
    (
        """
        CREATE TABLE articles (
            id          TEXT PRIMARY KEY,
            title       TEXT NOT NULL,
            body        TEXT NOT NULL,
            url         TEXT,
            source      TEXT,
            published   TEXT,
            origin      TEXT NOT NULL UNIQUE,
            ingested_at TEXT NOT NULL,
            words       INTEGER NOT NULL
        )
        """,
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
            text, content = 'passages', content_rowid = 'id',
            tokenize = 'porter unicode61 remove_diacritics 2'
        )
        """,
        """
        CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
            INSERT INTO passages_fts (rowid, text) VALUES (new.id, new.text);
        END
        """,
        """
        CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
            INSERT INTO passages_fts (passages_fts, rowid, text)
            VALUES ('delete', old.id, old.text);
        END
        """,
        """
        CREATE TABLE files (
            path        TEXT PRIMARY KEY,
            size        INTEGER NOT NULL,
            mtime_ns    INTEGER NOT NULL,
            read_at     TEXT NOT NULL
        )
        """,
    ),
    # 2: ingest-time analysis. `articles.analysis` names the pipeline version that analysed the
    #    article (NULL: not analysed yet); sentences and named entities of each body.
    (
        "ALTER TABLE articles ADD COLUMN analysis TEXT",
        """
        CREATE TABLE sentences (
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx         INTEGER NOT NULL,
            text        TEXT NOT NULL,
            char_start  INTEGER NOT NULL,
            char_end    INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        )
        """,
        """
        CREATE TABLE entities (
            id          INTEGER PRIMARY KEY,
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            text        TEXT NOT NULL,
            label       TEXT NOT NULL,
            char_start  INTEGER NOT NULL,
            char_end    INTEGER NOT NULL
        )
        """,
        "CREATE INDEX entities_article ON entities (article_id)",
        "CREATE INDEX entities_text ON entities (text COLLATE NOCASE)",
    ),
    # Sentence embeddings (MiniLM, float32, little-endian), one row per article: `vectors`
    # holds `count` x `dims` values in sentence order, `title` the headline's vector. `id`
    # only grows (AUTOINCREMENT), so (count(*), max(id)) tells readers when to reload.
    (
        """
        CREATE TABLE sentence_vectors (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id  TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
            dims        INTEGER NOT NULL,
            count       INTEGER NOT NULL,
            vectors     BLOB NOT NULL,
            title       BLOB
        )
        """,
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
