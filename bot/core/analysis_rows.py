"""The store's analysis side: per-article analysis rows, read back for lookups and caches.

Kept apart from ``store.py`` (articles, passages, files and full-text search); ``Store``
inherits these readers, so callers use one object.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from bot.core.analysis import Analysis, Entity, Sentence, Vectors
from bot.core.analysis_store import read_entities, read_sentences, write_analysis
from bot.core.database import Database
from bot.core.vectors import (
    ArticleVectors,
    read_sentence_passages,
    read_vectors,
    vectors_version,
)


class AnalysisRows(Database):
    """Writes and reads what ingest-time analysis found (sentences, entities, vectors, …)."""

    def save_analysis(self, article_id: str, analysis: Analysis) -> bool:
        """Replace an article's analysis in one transaction; False if the article is gone."""
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                write_analysis(conn, article_id, analysis)
                return True
        return False

    def pending_analysis(self, version: str) -> list[str]:
        """Ids of articles not yet analysed by pipeline ``version``, oldest ingest first."""
        rows = self._conn().execute(
            "SELECT id FROM articles WHERE analysis IS NULL OR analysis != ?"
            " ORDER BY ingested_at, id",
            (version,),
        )
        return [str(r["id"]) for r in rows]

    def sentences(self, article_id: str) -> list[Sentence]:
        """An article's sentences, in order (empty until it is analysed)."""
        return read_sentences(self._conn(), article_id)

    def entities(self, article_id: str) -> list[Entity]:
        """An article's named entities, in order of appearance."""
        return read_entities(self._conn(), article_id)

    def sentence_vectors(self, article_ids: Iterable[str] | None = None) -> dict[str, Vectors]:
        """Sentence embeddings by article id (``n_sentences`` x 384 float32, unit rows).

        Only articles with stored vectors appear; ``None`` reads every article's.
        """
        return {key: found.sentences for key, found in self.article_vectors(article_ids).items()}

    def article_vectors(
        self, article_ids: Iterable[str] | None = None
    ) -> dict[str, ArticleVectors]:
        """Sentence and headline embeddings by article id (see :meth:`sentence_vectors`)."""
        return read_vectors(self._conn(), article_ids)

    def sentence_passages(self) -> dict[str, list[int]]:
        """Per analysed article, the index of the passage holding each sentence, in order."""
        return read_sentence_passages(self._conn())

    def vectors_version(self) -> tuple[int, int]:
        """A value that changes whenever any stored vectors change (for caches)."""
        return vectors_version(self._conn())

    def entity_frequencies(self, labels: Sequence[str], limit: int) -> list[tuple[str, int]]:
        """Named entities with these labels, most widely reported first, for suggestions.

        Returns:
            ``(name, articles)`` pairs; spellings that differ only in case count as one name,
            shown in one of them; ``articles`` is how many articles mention it.
        """
        marks = ", ".join("?" * len(labels))
        rows = self._conn().execute(
            "SELECT text, count(DISTINCT article_id) AS articles, count(*) AS mentions"
            f" FROM entities WHERE label IN ({marks})"
            " GROUP BY text COLLATE NOCASE"
            " ORDER BY articles DESC, mentions DESC, text LIMIT ?",
            (*labels, limit),
        )
        return [(r["text"], int(r["articles"])) for r in rows]

    def entities_version(self) -> tuple[int, int]:
        """Changes whenever entities are added or removed (cheap: for caches of them)."""
        row = (
            self._conn()
            .execute(
                "SELECT (SELECT coalesce(max(id), 0) FROM entities),"
                " (SELECT count(*) FROM articles)"
            )
            .fetchone()
        )
        return int(row[0]), int(row[1])

    def matter_rows(self) -> list[sqlite3.Row]:
        """Every open-matter mention with its sentence text and its article's link and date."""
        return list(
            self._conn().execute(
                "SELECT m.*, s.text AS sentence_text, a.title, a.url, a.published,"
                " a.ingested_at FROM open_matters m"
                " JOIN articles a ON a.id = m.article_id"
                " JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence"
                " ORDER BY coalesce(a.published, a.ingested_at), a.ingested_at, a.id,"
                " m.sentence, m.id"
            )
        )
