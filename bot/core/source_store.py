"""Web articles and their sources in the store: near-duplicate aware saving, one transaction each.

A web copy of an article (a feed entry or a page) is saved by :meth:`SourceStore.save`, which
decides inside the write transaction what the copy is:

- the same text from the same link: ``unchanged``;
- new text from a link already stored, or a near-duplicate from the same outlet: an updated
  version, which replaces the old text (the article is analysed again: ``updated``);
- the same or nearly the same text from another outlet: a syndicated copy, linked to the stored
  article as another source and not indexed twice (``duplicate``);
- anything else: a new article (``added``).

Feeds and their poll state live in :mod:`bot.core.feed_store`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from urllib.parse import urlsplit

from bot.core.analysis import Analysis
from bot.core.analysis_store import write_analysis
from bot.core.models import Article, Passage
from bot.core.source_models import Plan, Similarity, SourceRecord, WebCopy, WebSave
from bot.core.store import Store

__all__ = ["Plan", "Similarity", "SourceRecord", "SourceStore", "WebCopy", "WebSave"]


class SourceStore:
    """Near-duplicate aware writes and source lookups over a :class:`Store`."""

    def __init__(self, store: Store, threshold: float = 0.85) -> None:
        self.store = store
        self.threshold = threshold

    # -- near-duplicate index ---------------------------------------------------------------

    def articles_missing_bands(self) -> list[str]:
        """Ids of stored articles not yet in the near-duplicate index (e.g. read from files)."""
        rows = self.store.connection().execute(
            "SELECT id FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM article_minhash m WHERE m.article_id = a.id)"
        )
        return [str(r["id"]) for r in rows]

    def save_bands(self, article_id: str, bands: Sequence[int]) -> None:
        """Add an article's band keys to the index (no-op if the article is gone)."""
        with self.store.transaction() as conn:
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                _write_bands(conn, article_id, bands)

    # -- sources ----------------------------------------------------------------------------

    def source(self, url: str) -> SourceRecord | None:
        """The stored record of a link, if it was read before."""
        row = (
            self.store.connection()
            .execute("SELECT * FROM article_sources WHERE url = ?", (url,))
            .fetchone()
        )
        return None if row is None else _record(row)

    def sources_of(self, article_id: str) -> list[SourceRecord]:
        """Every link an article was read from, its primary link first."""
        rows = self.store.connection().execute(
            "SELECT * FROM article_sources WHERE article_id = ?"
            " ORDER BY kind != 'primary', seen_at, url",
            (article_id,),
        )
        return [_record(r) for r in rows]

    def other_outlets(self) -> dict[str, list[str]]:
        """For each article with syndicated copies: the outlets (or hosts) of those copies."""
        rows = self.store.connection().execute(
            "SELECT article_id, outlet, url FROM article_sources WHERE kind = 'syndicated'"
            " ORDER BY seen_at, url"
        )
        found: dict[str, list[str]] = {}
        for r in rows:
            found.setdefault(r["article_id"], []).append(r["outlet"] or _host(r["url"]))
        return found

    # -- saving -----------------------------------------------------------------------------

    def plan(
        self, article: Article, copy: WebCopy, bands: Sequence[int], similar: Similarity
    ) -> Plan:
        """What :meth:`save` would do now (read only: used to skip needless analysis)."""
        return self._decide(self.store.connection(), article, copy, bands, similar)

    def save(
        self,
        article: Article,
        passages: Sequence[Passage],
        copy: WebCopy,
        *,
        bands: Sequence[int],
        similar: Similarity,
        ingested_at: str,
        analysis: Analysis | None = None,
    ) -> WebSave:
        """Store a web copy as a new article, an update, a linked source or nothing, atomically.

        The decision is taken again inside the write transaction, so concurrent ingests agree.
        Without an analysis a stored text waits in :meth:`Store.pending_analysis`.
        """
        with self.store.transaction() as conn:
            plan = self._decide(conn, article, copy, bands, similar)
            if plan.action == "unchanged":
                assert plan.target is not None
                kind = "primary" if _origin(conn, plan.target) == copy.url else "syndicated"
                _upsert_source(conn, plan.target, copy, kind, plan.similarity, ingested_at)
                return WebSave("unchanged", plan.target)
            if plan.action == "link":
                assert plan.target is not None
                _upsert_source(conn, plan.target, copy, "syndicated", plan.similarity, ingested_at)
                return WebSave(
                    "duplicate", plan.target, plan.target_title, plan.similarity, older=plan.older
                )
            kept: list[sqlite3.Row] = []
            if plan.action == "replace":
                assert plan.target is not None
                kept = list(
                    conn.execute(
                        "SELECT * FROM article_sources WHERE article_id = ? AND url != ?",
                        (plan.target, copy.url),
                    )
                )
                Store._delete(conn, plan.target)
            Store._insert(conn, article, passages, ingested_at)
            if analysis is not None:
                write_analysis(conn, article.id, analysis)
            _write_bands(conn, article.id, bands)
            for row in kept:
                values = dict(row)
                values["article_id"] = article.id
                values["kind"] = "syndicated"  # the old link now points at the newer version
                columns = ", ".join(values)
                marks = ", ".join("?" for _ in values)
                conn.execute(
                    f"INSERT INTO article_sources ({columns}) VALUES ({marks})",
                    tuple(values.values()),
                )
            _upsert_source(conn, article.id, copy, "primary", None, ingested_at)
        if plan.action == "replace":
            return WebSave(
                "updated", article.id, plan.target_title, plan.similarity, replaced=plan.target
            )
        return WebSave("added", article.id)

    def _decide(
        self,
        conn: sqlite3.Connection,
        article: Article,
        copy: WebCopy,
        bands: Sequence[int],
        similar: Similarity,
    ) -> Plan:
        same = conn.execute("SELECT id, title FROM articles WHERE id = ?", (article.id,))
        exact = same.fetchone()
        seen = conn.execute(
            "SELECT article_id FROM article_sources WHERE url = ?", (copy.url,)
        ).fetchone()
        if exact is not None:
            if _origin(conn, exact["id"]) == copy.url or (
                seen is not None and seen["article_id"] == exact["id"]
            ):
                return Plan("unchanged", exact["id"], exact["title"], 1.0)
            return Plan("link", exact["id"], exact["title"], 1.0)
        previous = conn.execute(
            "SELECT id, title, body FROM articles WHERE origin = ?", (copy.url,)
        ).fetchone()
        if previous is not None:  # new text at a link whose article is stored: an update
            return Plan("replace", previous["id"], previous["title"], similar(previous["body"]))
        if seen is not None:  # this link was a syndicated copy; is it still one?
            linked = _article_row(conn, seen["article_id"])
            if linked is not None:
                overlap = similar(linked["body"])
                if overlap >= self.threshold:
                    return Plan("link", linked["id"], linked["title"], overlap)
        best: tuple[float, sqlite3.Row] | None = None
        for candidate in _candidates(conn, bands):
            row = _article_row(conn, candidate)
            if row is None:
                continue
            overlap = similar(row["body"])
            if overlap >= self.threshold and (best is None or overlap > best[0]):
                best = (overlap, row)
        if best is None:
            return Plan("insert")
        overlap, row = best
        if not _same_outlet(copy, row):
            return Plan("link", row["id"], row["title"], overlap)
        if copy.published and row["published"] and copy.published < row["published"]:
            return Plan("link", row["id"], row["title"], overlap, older=True)
        return Plan("replace", row["id"], row["title"], overlap)


def _candidates(conn: sqlite3.Connection, bands: Sequence[int]) -> list[str]:
    if not bands:
        return []
    clauses = " OR ".join("(band = ? AND hash = ?)" for _ in bands)
    params = [value for pair in enumerate(bands) for value in pair]
    rows = conn.execute(f"SELECT DISTINCT article_id FROM article_minhash WHERE {clauses}", params)
    return sorted(str(r["article_id"]) for r in rows)


def _write_bands(conn: sqlite3.Connection, article_id: str, bands: Sequence[int]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO article_minhash (band, hash, article_id) VALUES (?, ?, ?)",
        [(band, key, article_id) for band, key in enumerate(bands)],
    )


def _upsert_source(
    conn: sqlite3.Connection,
    article_id: str,
    copy: WebCopy,
    kind: str,
    similarity: float | None,
    seen_at: str,
) -> None:
    conn.execute(
        "INSERT INTO article_sources (url, article_id, kind, title, outlet, author, published,"
        " feed_url, entry_updated, similarity, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id,"
        " kind = excluded.kind, title = excluded.title,"
        " outlet = coalesce(excluded.outlet, outlet), author = coalesce(excluded.author, author),"
        " published = coalesce(excluded.published, published),"
        " feed_url = coalesce(excluded.feed_url, feed_url),"
        " entry_updated = excluded.entry_updated, similarity = excluded.similarity",
        (
            copy.url,
            article_id,
            kind,
            copy.title,
            copy.outlet,
            copy.author,
            copy.published,
            copy.feed_url,
            copy.entry_updated,
            similarity,
            seen_at,
        ),
    )


def _origin(conn: sqlite3.Connection, article_id: str) -> str | None:
    row = conn.execute("SELECT origin FROM articles WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else str(row["origin"])


def _article_row(conn: sqlite3.Connection, article_id: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        "SELECT id, title, body, url, source, published, origin FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    return row


def _same_outlet(copy: WebCopy, row: sqlite3.Row) -> bool:
    """Whether a copy comes from the outlet of a stored article (same web host or same name)."""
    hosts = {_host(row["url"] or ""), _host(row["origin"] or "")} - {""}
    if _host(copy.url) in hosts:
        return True
    return bool(copy.outlet and row["source"]) and (
        str(copy.outlet).casefold() == str(row["source"]).casefold()
    )


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _record(row: sqlite3.Row) -> SourceRecord:
    return SourceRecord(
        url=row["url"],
        article_id=row["article_id"],
        kind=row["kind"],
        title=row["title"],
        outlet=row["outlet"],
        author=row["author"],
        published=row["published"],
        feed_url=row["feed_url"],
        entry_updated=row["entry_updated"],
        similarity=row["similarity"],
    )
