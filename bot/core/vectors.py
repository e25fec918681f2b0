"""Stored sentence embeddings: writing them with an analysis and reading them back as numpy.

One row per article holds all its sentence vectors as one float32 matrix (little-endian bytes),
so reading a corpus's vectors is one row per article, not one per sentence. ``id`` only grows,
so :func:`vectors_version` changes whenever any article's vectors are written or removed.
"""

from __future__ import annotations

import bisect
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from bot.core.analysis import Analysis, Vectors

_FLOAT = np.dtype("<f4")


@dataclass(frozen=True)
class ArticleVectors:
    """An article's stored embeddings.

    Attributes:
        sentences: one unit-length row per sentence, in sentence order (``n`` x dims).
        title: the headline's unit-length vector, if one was stored.
    """

    sentences: Vectors
    title: Vectors | None


def pack(vectors: Vectors) -> bytes:
    """Float32 little-endian bytes of a vector or matrix."""
    return np.ascontiguousarray(vectors, dtype=_FLOAT).tobytes()


def unpack(blob: bytes, dims: int) -> Vectors:
    """A ``(-1, dims)`` float32 matrix from :func:`pack`'s bytes (a private copy)."""
    return np.frombuffer(blob, dtype=_FLOAT).reshape(-1, dims).astype(np.float32)


def write_vectors(conn: sqlite3.Connection, article_id: str, analysis: Analysis) -> None:
    """Store an analysis's sentence (and title) vectors inside the caller's transaction.

    Nothing is written when the analysis has no vectors (no embedding step ran).

    Raises:
        ValueError: the vectors do not match the sentences one to one.
    """
    vectors = analysis.sentence_vectors
    if vectors is None:
        return
    if vectors.ndim != 2 or vectors.shape[0] != len(analysis.sentences):
        raise ValueError(
            f"{vectors.shape} sentence vectors for {len(analysis.sentences)} sentences"
        )
    title = analysis.title_vector
    conn.execute(
        "INSERT INTO sentence_vectors (article_id, dims, count, vectors, title)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            article_id,
            int(vectors.shape[1]),
            int(vectors.shape[0]),
            pack(vectors),
            None if title is None else pack(title.reshape(-1)),
        ),
    )


def read_vectors(
    conn: sqlite3.Connection, article_ids: Iterable[str] | None = None
) -> dict[str, ArticleVectors]:
    """Stored vectors by article id: those of ``article_ids``, or of every article if None.

    Articles without stored vectors are left out.
    """
    sql = "SELECT article_id, dims, vectors, title FROM sentence_vectors"
    if article_ids is None:
        rows = conn.execute(sql).fetchall()
    else:
        wanted = list(dict.fromkeys(article_ids))
        rows = []
        for begin in range(0, len(wanted), 500):
            chunk = wanted[begin : begin + 500]
            marks = ",".join("?" * len(chunk))
            rows += conn.execute(f"{sql} WHERE article_id IN ({marks})", chunk).fetchall()
    found: dict[str, ArticleVectors] = {}
    for row in rows:
        dims = int(row["dims"])
        title = None if row["title"] is None else unpack(row["title"], dims)[0]
        found[str(row["article_id"])] = ArticleVectors(unpack(row["vectors"], dims), title)
    return found


def vectors_version(conn: sqlite3.Connection) -> tuple[int, int]:
    """Changes whenever stored vectors change: (rows, highest row id ever used)."""
    row = conn.execute("SELECT count(*), coalesce(max(id), 0) FROM sentence_vectors").fetchone()
    return int(row[0]), int(row[1])


def read_sentence_passages(conn: sqlite3.Connection) -> dict[str, list[int]]:
    """For each analysed article, the passage index holding each sentence, in sentence order."""
    starts: dict[str, tuple[list[int], list[int]]] = {}
    for row in conn.execute(
        "SELECT article_id, idx, char_start FROM passages ORDER BY article_id, char_start"
    ):
        found = starts.setdefault(str(row[0]), ([], []))
        found[0].append(int(row[2]))
        found[1].append(int(row[1]))
    result: dict[str, list[int]] = {}
    for row in conn.execute(
        "SELECT article_id, char_start FROM sentences ORDER BY article_id, idx"
    ):
        article_id = str(row[0])
        passage = starts.get(article_id)
        if passage is None:
            continue
        where = max(0, bisect.bisect_right(passage[0], int(row[1])) - 1)
        result.setdefault(article_id, []).append(passage[1][where])
    return result
