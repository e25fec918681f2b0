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
    # feeds: RSS/Atom feeds polled for new articles (conditional-GET validators, poll state);
    #    the sources each web article was read from (a syndicated copy is another source of the
    #    same article, not another article); MinHash LSH bands for near-duplicate lookup.
    (
        """
        CREATE TABLE feeds (
            url           TEXT PRIMARY KEY,
            title         TEXT,
            etag          TEXT,
            last_modified TEXT,
            added_at      TEXT NOT NULL,
            last_poll     TEXT,
            last_ok       TEXT,
            last_result   TEXT,
            last_error    TEXT,
            errors        INTEGER NOT NULL DEFAULT 0,
            polls         INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE article_sources (
            url           TEXT PRIMARY KEY,
            article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind          TEXT NOT NULL,
            title         TEXT,
            outlet        TEXT,
            author        TEXT,
            published     TEXT,
            feed_url      TEXT,
            entry_updated TEXT,
            similarity    REAL,
            seen_at       TEXT NOT NULL
        )
        """,
        "CREATE INDEX article_sources_article ON article_sources (article_id)",
        "CREATE INDEX article_sources_feed ON article_sources (feed_url)",
        """
        CREATE TABLE article_minhash (
            band        INTEGER NOT NULL,
            hash        INTEGER NOT NULL,
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (band, hash, article_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX article_minhash_article ON article_minhash (article_id)",
    ),
    # open matters: sentences about things a story leaves unresolved (bills, meetings,
    #    proposals, reports), one row per mention; grouped and given a status at command time.
    (
        """
        CREATE TABLE open_matters (
            id          INTEGER PRIMARY KEY,
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sentence    INTEGER NOT NULL,
            char_start  INTEGER NOT NULL,
            char_end    INTEGER NOT NULL,
            head        TEXT NOT NULL,
            head_class  TEXT NOT NULL,
            kind        TEXT NOT NULL,
            label       TEXT NOT NULL,
            modifiers   TEXT NOT NULL,
            state       TEXT NOT NULL,
            signals     TEXT NOT NULL,
            stance      TEXT NOT NULL,
            who         TEXT NOT NULL,
            count       TEXT NOT NULL,
            time_ref    TEXT NOT NULL
        )
        """,
        "CREATE INDEX open_matters_article ON open_matters (article_id)",
    ),
    # quotes: attributed quotations of each article (see ``analysis.Quote``); speakers are
    #    grouped across articles by `speaker_key` at lookup time.
    (
        """
        CREATE TABLE quotes (
            id            INTEGER PRIMARY KEY,
            article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx           INTEGER NOT NULL,
            grp           INTEGER NOT NULL,
            kind          TEXT NOT NULL,
            text          TEXT NOT NULL,
            speaker       TEXT NOT NULL,
            speaker_key   TEXT NOT NULL,
            speaker_kind  TEXT NOT NULL,
            mention       TEXT NOT NULL,
            role          TEXT NOT NULL,
            cue           TEXT NOT NULL,
            char_start    INTEGER NOT NULL,
            char_end      INTEGER NOT NULL,
            cue_start     INTEGER NOT NULL,
            cue_end       INTEGER NOT NULL
        )
        """,
        "CREATE INDEX quotes_article ON quotes (article_id)",
        "CREATE INDEX quotes_speaker ON quotes (speaker_key)",
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
    # daily briefings: channels subscribed to them, and the delivery ledger that makes each
    #    (destination, local day) post happen exactly once across crashes and restarts.
    (
        """
        CREATE TABLE subscriptions (
            destination TEXT PRIMARY KEY,
            platform    TEXT NOT NULL,
            workspace   TEXT NOT NULL,
            channel     TEXT NOT NULL,
            at          TEXT NOT NULL,
            timezone    TEXT NOT NULL,
            first_day   TEXT NOT NULL,
            created_by  TEXT NOT NULL,
            created_at  TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE deliveries (
            destination TEXT NOT NULL,
            day         TEXT NOT NULL,
            seq         INTEGER NOT NULL,
            state       TEXT NOT NULL,
            marker      TEXT NOT NULL,
            payload     TEXT NOT NULL,
            message_ids TEXT NOT NULL DEFAULT '[]',
            pinned      INTEGER NOT NULL DEFAULT 0,
            unpinned    INTEGER NOT NULL DEFAULT 0,
            attempts    INTEGER NOT NULL DEFAULT 0,
            last_error  TEXT,
            composed_at TEXT NOT NULL,
            digest      TEXT NOT NULL DEFAULT '',
            updated_at  TEXT NOT NULL,
            PRIMARY KEY (destination, day, seq)
        )
        """,
    ),
    (
        # A run that is delivering holds a lease (ISO time), so two processes (the bot's
        # scheduler and `post-daily`) never deliver the same briefing at once.
        "ALTER TABLE deliveries ADD COLUMN lease_until TEXT NOT NULL DEFAULT ''",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
