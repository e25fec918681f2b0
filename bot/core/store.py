"""The store: articles, passages and their full-text index (SQLite, see ``database.py``).

Every article is written in one transaction, so a crash mid-ingest leaves either the whole
article or nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.core.analysis import Analysis
from bot.core.analysis_rows import AnalysisRows
from bot.core.analysis_store import write_analysis
from bot.core.database import StoreError
from bot.core.models import Article, ArticleSummary, Passage

__all__ = ["PassageMatch", "SaveResult", "Store", "StoreError"]

SNIPPET_START = "\x02"
SNIPPET_END = "\x03"


@dataclass(frozen=True)
class PassageMatch:
    """A passage matched by a full-text query, with its snippet marked up by the index."""

    article_id: str
    article_title: str
    url: str | None
    origin: str
    passage_index: int
    marked_snippet: str
    score: float


@dataclass(frozen=True)
class SaveResult:
    """What :meth:`Store.put_article` did.

    Attributes:
        status: ``added``, ``updated`` (replaced the origin's older text), ``unchanged``, or
            ``duplicate`` (the same text is stored from another origin).
        duplicate_of: the origin that already holds this text, for duplicates.
        replaced: the id of the older article from the same origin that was removed.
    """

    status: Literal["added", "updated", "unchanged", "duplicate"]
    duplicate_of: str | None = None
    replaced: str | None = None


class Store(AnalysisRows):
    """Articles, their passages, the full-text index and (inherited) their analysis rows."""

    # -- writing ----------------------------------------------------------------------------

    def put_article(
        self,
        article: Article,
        passages: Sequence[Passage],
        *,
        ingested_at: str,
        analysis: Analysis | None = None,
    ) -> SaveResult:
        """Store an article unless its text is already stored, in one transaction.

        The decision is taken inside the write transaction, so concurrent ingests of the same
        input agree. An older article from the same origin is replaced; if the new text is a
        copy of another origin's article, the older one is removed and nothing is added.
        The article's analysis, when given, is written in the same transaction; without one
        the article waits in :meth:`pending_analysis`.
        """
        with self.transaction() as conn:
            same = conn.execute("SELECT origin FROM articles WHERE id = ?", (article.id,))
            same_origin = _scalar(same.fetchone())
            previous = conn.execute("SELECT id FROM articles WHERE origin = ?", (article.origin,))
            replaced = _scalar(previous.fetchone())
            if same_origin == article.origin:
                return SaveResult("unchanged")
            if replaced is not None:
                self._delete(conn, replaced)
            if same_origin is not None:
                return SaveResult("duplicate", duplicate_of=same_origin, replaced=replaced)
            self._insert(conn, article, passages, ingested_at)
            if analysis is not None:
                write_analysis(conn, article.id, analysis)
        return SaveResult("updated" if replaced else "added", replaced=replaced)

    @staticmethod
    def _insert(
        conn: sqlite3.Connection, article: Article, passages: Sequence[Passage], ingested_at: str
    ) -> None:
        conn.execute(
            "INSERT INTO articles (id, title, body, url, source, published, origin,"
            " ingested_at, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.title,
                article.body,
                article.url,
                article.source,
                article.published,
                article.origin,
                ingested_at,
                len(article.body.split()),
            ),
        )
        conn.executemany(
            "INSERT INTO passages (article_id, idx, text, char_start, char_end)"
            " VALUES (?, ?, ?, ?, ?)",
            [(article.id, p.index, p.text, p.char_start, p.char_end) for p in passages],
        )

    def delete_article(self, article_id: str) -> None:
        """Remove an article, its passages and their index entries."""
        with self.transaction() as conn:
            self._delete(conn, article_id)

    @staticmethod
    def _delete(conn: sqlite3.Connection, article_id: str) -> None:
        # Passages (and, by trigger, their index entries) go with the article: ON DELETE CASCADE.
        conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def file_unchanged(self, path: str, size: int, mtime_ns: int) -> bool:
        """Whether ``path`` was read completely before with this size and modification time."""
        row = (
            self._conn()
            .execute("SELECT size, mtime_ns FROM files WHERE path = ?", (path,))
            .fetchone()
        )
        return row is not None and (row["size"], row["mtime_ns"]) == (size, mtime_ns)

    def articles_from_file(self, path: str) -> list[tuple[str, str, str]]:
        """(id, title, origin) of the articles read from ``path``, records included."""
        rows = self._conn().execute(
            # Index ranges: "path", "path#…" ('#' < '$') and "path:…" (':' < ';').
            "SELECT id, title, origin FROM articles WHERE origin = ?1"
            " OR (origin >= ?1 || '#' AND origin < ?1 || '$')"
            " OR (origin >= ?1 || ':' AND origin < ?1 || ';') ORDER BY origin",
            (path,),
        )
        return [(r["id"], r["title"], r["origin"]) for r in rows]

    def record_file(self, path: str, size: int, mtime_ns: int, read_at: str) -> None:
        """Remember that ``path`` was read completely, so an unchanged file is skipped later."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO files (path, size, mtime_ns, read_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (path) DO UPDATE SET size = excluded.size,"
                " mtime_ns = excluded.mtime_ns, read_at = excluded.read_at",
                (path, size, mtime_ns, read_at),
            )

    # -- reading ----------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        row = self._conn().execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def article_id_for_origin(self, origin: str) -> str | None:
        """The id of the article last read from ``origin``, if any."""
        row = (
            self._conn()
            .execute("SELECT id FROM articles WHERE origin = ? LIMIT 1", (origin,))
            .fetchone()
        )
        return None if row is None else str(row["id"])

    def get_article(self, article_id: str) -> Article | None:
        """The stored article, or None."""
        row = self._conn().execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        return Article(
            id=row["id"],
            title=row["title"],
            body=row["body"],
            url=row["url"],
            source=row["source"],
            published=row["published"],
            origin=row["origin"],
        )

    def passages(self, article_id: str) -> list[Passage]:
        """The passages of an article, in order."""
        rows = self._conn().execute(
            "SELECT * FROM passages WHERE article_id = ? ORDER BY idx", (article_id,)
        )
        return [
            Passage(r["article_id"], r["idx"], r["text"], r["char_start"], r["char_end"])
            for r in rows
        ]

    def count_articles(self) -> int:
        """How many articles are stored."""
        return int(self._conn().execute("SELECT count(*) FROM articles").fetchone()[0])

    def list_articles(
        self, limit: int | None = None, offset: int = 0, *, ingested_after: str | None = None
    ) -> list[ArticleSummary]:
        """Articles, newest first (by publication date, then by ingest time).

        Args:
            limit: at most this many.
            offset: skip this many first.
            ingested_after: only articles ingested after this ISO time.
        """
        rows = self._conn().execute(
            "SELECT a.*, (SELECT count(*) FROM passages p WHERE p.article_id = a.id) AS n"
            " FROM articles a"
            " WHERE ?1 IS NULL OR julianday(a.ingested_at) > julianday(?1)"
            " ORDER BY coalesce(julianday(a.published), julianday(a.ingested_at)) DESC,"
            " julianday(a.ingested_at) DESC, a.id"
            " LIMIT ?2 OFFSET ?3",
            (ingested_after, -1 if limit is None else limit, offset),
        )
        return [
            ArticleSummary(
                id=r["id"],
                title=r["title"],
                url=r["url"],
                source=r["source"],
                published=r["published"],
                origin=r["origin"],
                ingested_at=r["ingested_at"],
                passages=r["n"],
                words=r["words"],
            )
            for r in rows
        ]

    def match_passages(self, fts_query: str, limit: int) -> list[PassageMatch]:
        """Passages matching an FTS5 query, best first (bm25), with a marked-up snippet.

        The snippet marks matched terms with ``SNIPPET_START``/``SNIPPET_END``. ``fts_query``
        must already be valid FTS5 syntax: build it with :func:`bot.core.search.fts_query`.
        """
        rows = self._conn().execute(
            "SELECT p.article_id, p.idx, a.title, a.url, a.origin,"
            " snippet(passages_fts, 0, ?, ?, '…', 48) AS snippet,"
            " bm25(passages_fts) AS score"
            " FROM passages_fts"
            " JOIN passages p ON p.id = passages_fts.rowid"
            " JOIN articles a ON a.id = p.article_id"
            " WHERE passages_fts MATCH ?"
            " ORDER BY score LIMIT ?",
            (SNIPPET_START, SNIPPET_END, fts_query, limit),
        )
        return [
            PassageMatch(
                article_id=r["article_id"],
                article_title=r["title"],
                url=r["url"],
                origin=r["origin"],
                passage_index=r["idx"],
                marked_snippet=r["snippet"],
                score=float(r["score"]),
            )
            for r in rows
        ]


def _scalar(row: sqlite3.Row | None) -> str | None:
    return None if row is None else str(row[0])
