"""The data of web sources: a copy being saved, a stored source, and what saving decided."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Similarity = Callable[[str], float]
"""Overlap (0–1) between the new copy's text and a stored article body."""


@dataclass(frozen=True)
class WebCopy:
    """Where a web article was read, with the metadata that belongs to this copy."""

    url: str
    title: str
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    feed_url: str | None = None
    entry_updated: str | None = None


@dataclass(frozen=True)
class SourceRecord:
    """One link an article was read from; ``kind`` is ``primary`` or ``syndicated``."""

    url: str
    article_id: str
    kind: str
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    feed_url: str | None
    entry_updated: str | None
    similarity: float | None


Action = Literal["unchanged", "link", "insert", "replace"]


@dataclass(frozen=True)
class Plan:
    """What saving a copy will do; ``target`` is the stored article it concerns, if any."""

    action: Action
    target: str | None = None
    target_title: str | None = None
    similarity: float | None = None
    older: bool = False


@dataclass(frozen=True)
class WebSave:
    """What :meth:`SourceStore.save` did.

    Attributes:
        status: ``added``, ``updated``, ``unchanged`` or ``duplicate`` (linked as a source).
        article_id: the stored article that now holds this copy's text or link.
        match_title: the title of the stored article it matched, for updates and duplicates.
        similarity: the shingle overlap with that article.
        replaced: the id of the older version that was removed, for updates.
        older: the copy is an older version of the stored article (kept as a source only).
    """

    status: Literal["added", "updated", "unchanged", "duplicate"]
    article_id: str
    match_title: str | None = None
    similarity: float | None = None
    replaced: str | None = None
    older: bool = False
