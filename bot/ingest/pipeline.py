"""Ingest: find files, load them, and store each new article in its own transaction.

Nothing here stops a batch: every file or record that fails is reported with its reason and the
rest go on. Re-ingesting unchanged input is a no-op.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from bot.core.clock import Clock
from bot.core.store import Store
from bot.ingest.documents import Document, split_passages, to_article
from bot.ingest.loaders import SUPPORTED_SUFFIXES, LoadError, load_file

log = logging.getLogger(__name__)

Status = Literal["added", "updated", "unchanged", "duplicate", "failed"]
STATUSES: tuple[Status, ...] = ("added", "updated", "unchanged", "duplicate", "failed")


@dataclass(frozen=True)
class Outcome:
    """What happened to one file or record."""

    origin: str
    status: Status
    title: str | None = None
    article_id: str | None = None
    reason: str = ""


@dataclass
class IngestReport:
    """All outcomes of one ingest run."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        """How many outcomes have ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failures(self) -> list[Outcome]:
        """The files and records that could not be ingested."""
        return [o for o in self.outcomes if o.status == "failed"]

    def summary(self) -> str:
        """One line: counts per status, e.g. ``1 added, 0 updated, 3 unchanged, …``."""
        counts = Counter(o.status for o in self.outcomes)
        return ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Outcome]]:
    """Expand folders (recursively, skipping hidden entries) into files, in a stable order.

    Returns:
        The files to load, and failures for paths that do not exist.
    """
    files: list[Path] = []
    missing: list[Outcome] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    files.append(child)
        elif path.is_file():
            files.append(path)
        else:
            missing.append(Outcome(str(path), "failed", reason="no such file or folder"))
    return files, missing


class Ingestor:
    """Loads files and stores their articles."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def ingest_paths(
        self,
        paths: Iterable[Path],
        *,
        on_file: Callable[[Path, list[Outcome]], None] | None = None,
        on_start: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Ingest files and folders.

        Args:
            paths: files or folders (folders are read recursively).
            on_file: called after each file with its outcomes (for progress display).
            on_start: called once with the number of files found.
        """
        files, missing = discover(paths)
        report = IngestReport(list(missing))
        if on_start is not None:
            on_start(len(files))
        for path in files:
            outcomes = self.ingest_file(path)
            report.outcomes.extend(outcomes)
            if on_file is not None:
                on_file(path, outcomes)
        return report

    def ingest_file(self, path: Path) -> list[Outcome]:
        """Ingest every article in one file; problems become ``failed`` outcomes."""
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            kinds = ", ".join(SUPPORTED_SUFFIXES)
            return [Outcome(str(path), "failed", reason=f"not an article file (reads {kinds})")]
        try:
            loaded = load_file(path)
        except LoadError as exc:
            return [Outcome(str(path), "failed", reason=str(exc))]
        except Exception as exc:  # a loader bug must not stop the batch
            log.exception("could not load %s", path)
            return [Outcome(str(path), "failed", reason=f"could not be read ({exc})")]
        outcomes = [Outcome(origin, "failed", reason=reason) for origin, reason in loaded.problems]
        outcomes.extend(self.ingest_document(doc) for doc in loaded.documents)
        return outcomes

    def ingest_document(self, doc: Document) -> Outcome:
        """Store one document unless it is already there; replace an older version of it."""
        article = to_article(doc)
        try:
            previous = self.store.article_id_for_origin(article.origin)
            existing = self.store.get_article(article.id)
            if existing is not None:
                if existing.origin == article.origin:
                    return Outcome(doc.origin, "unchanged", article.title, article.id)
                reason = f"same text as {existing.origin}"
                if previous is not None:  # this source's older text is superseded
                    self.store.delete_article(previous)
                    reason += "; its previous version was removed"
                return Outcome(doc.origin, "duplicate", article.title, article.id, reason)
            self.store.save_article(
                article,
                split_passages(article),
                ingested_at=self.clock.now().isoformat(timespec="seconds"),
                replaces=previous,
            )
        except Exception as exc:
            log.exception("could not store %s", doc.origin)
            return Outcome(doc.origin, "failed", title=article.title, reason=f"not stored ({exc})")
        status: Status = "updated" if previous else "added"
        return Outcome(doc.origin, status, title=article.title, article_id=article.id)
