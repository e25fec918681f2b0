"""The corpus's data types: articles, their passages and search hits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """One news article as stored.

    Attributes:
        id: stable content hash of the body (16 hex characters).
        title: headline.
        body: original text, verbatim apart from line endings and control characters.
        url: canonical link, if known.
        source: outlet name, if known.
        published: ISO date or date-time, if known.
        origin: where it was read from (a file path, ``path#record``, or a URL).
    """

    id: str
    title: str
    body: str
    url: str | None = None
    source: str | None = None
    published: str | None = None
    origin: str = ""


@dataclass(frozen=True)
class Passage:
    """A paragraph-sized piece of an article, with offsets into ``Article.body``."""

    article_id: str
    index: int
    text: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class ArticleSummary:
    """An article as listed by ``/sources``."""

    id: str
    title: str
    url: str | None
    source: str | None
    published: str | None
    origin: str
    ingested_at: str
    passages: int
    words: int


@dataclass(frozen=True)
class SearchHit:
    """A ranked passage with its snippet; ``highlights`` are (start, end) ranges in ``snippet``.

    ``score`` orders hits, lower first (from search: the negated reciprocal-rank-fusion score).
    """

    article_id: str
    article_title: str
    url: str | None
    origin: str
    passage_index: int
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float
