"""Ingest: find files, load them, and store each new article in its own transaction.

Nothing here stops a batch: every file or record that fails is reported with its reason and the
rest go on. Re-ingesting unchanged input is a no-op.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.analysis import Analysis
from bot.core.clock import Clock
from bot.core.outcomes import STATUSES, Outcome, Status
from bot.core.ports import Analyzer
from bot.core.store import Store
from bot.ingest.documents import Document, split_passages, to_article
from bot.ingest.loaders import SUPPORTED_SUFFIXES, LoadError, load_file

log = logging.getLogger(__name__)

__all__ = ["STATUSES", "AnalysisReport", "IngestReport", "Ingestor", "Outcome", "Status"]


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
    """Expand folders into the files below them, in a stable order, as absolute paths.

    Hidden entries are skipped; linked folders are followed once (loops are cut); a folder that
    cannot be read, a broken link and a missing path are each reported.

    Returns:
        The files to load, and failures for what could not be listed.
    """
    files: list[Path] = []
    problems: list[Outcome] = []
    for given in paths:
        path = Path(os.path.abspath(given))
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            _walk(path, files, problems)
        elif path.is_symlink():
            problems.append(Outcome(str(path), "failed", reason="broken link"))
        else:
            problems.append(Outcome(str(path), "failed", reason="no such file or folder"))
    return files, problems


def _walk(root: Path, files: list[Path], problems: list[Outcome]) -> None:
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            reason = f"cannot read the folder: {exc.strerror or exc}"
            problems.append(Outcome(str(folder), "failed", reason=reason))
            continue
        folders: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if entry.is_dir():
                folders.append(path)
            elif entry.is_file():
                files.append(path)
            elif entry.is_symlink():
                problems.append(Outcome(str(path), "failed", reason="broken link"))
        stack.extend(reversed(folders))


@dataclass(frozen=True)
class AnalysisReport:
    """What :meth:`Ingestor.analyse_pending` did: articles analysed, and those that failed."""

    analysed: int = 0
    failed: tuple[str, ...] = ()


class Ingestor:
    """Loads files, analyses their articles and stores both.

    Without an analyzer, articles are stored unanalysed and wait in the store until an
    ingestor with one runs :meth:`analyse_pending`.
    """

    def __init__(self, store: Store, clock: Clock, analyzer: Analyzer | None = None) -> None:
        self.store = store
        self.clock = clock
        self.analyzer = analyzer

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
        files, problems = discover(paths)
        report = IngestReport(list(problems))
        if on_start is not None:
            on_start(len(files))
        for path in files:
            outcomes = self.ingest_file(path)
            report.outcomes.extend(outcomes)
            if on_file is not None:
                on_file(path, outcomes)
        return report

    def ingest_file(self, path: Path) -> list[Outcome]:
        """Ingest every article in one file; problems become ``failed`` outcomes.

        A file read completely before, with the same size and modification time, is skipped
        without being opened.
        """
        origin = str(path)
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            kinds = ", ".join(SUPPORTED_SUFFIXES)
            return [Outcome(origin, "failed", reason=f"not an article file (reads {kinds})")]
        try:
            info = path.stat()
        except OSError as exc:
            return [Outcome(origin, "failed", reason=f"cannot read it: {exc.strerror or exc}")]
        if self.store.file_unchanged(origin, info.st_size, info.st_mtime_ns):
            stored = self.store.articles_from_file(origin)
            return [Outcome(where, "unchanged", title, key) for key, title, where in stored] or [
                Outcome(origin, "unchanged")
            ]
        try:
            loaded = load_file(path)
        except LoadError as exc:
            return [Outcome(origin, "failed", reason=str(exc))]
        except Exception as exc:  # a loader bug must not stop the batch
            log.exception("could not load %s", path)
            return [Outcome(origin, "failed", reason=f"could not be read ({exc})")]
        outcomes = [Outcome(where, "failed", reason=reason) for where, reason in loaded.problems]
        outcomes.extend(self.ingest_document(doc) for doc in loaded.documents)
        if not any(o.status == "failed" for o in outcomes):
            self.store.record_file(origin, info.st_size, info.st_mtime_ns, self._now())
        return outcomes

    def ingest_document(self, doc: Document) -> Outcome:
        """Analyse and store one document unless its text is already stored.

        An older version from the same origin is replaced. If analysis fails the text is
        stored anyway and its analysis is retried by :meth:`analyse_pending`.
        """
        article = to_article(doc)
        analysis: Analysis | None = None
        if self.analyzer is not None and not self.store.has_article(article.id):
            try:
                analysis = self.analyzer.analyse(article)
            except Exception:
                log.exception("could not analyse %s; it will be retried", doc.origin)
        try:
            result = self.store.put_article(
                article, split_passages(article), ingested_at=self._now(), analysis=analysis
            )
        except Exception as exc:
            log.exception("could not store %s", doc.origin)
            return Outcome(doc.origin, "failed", article.title, reason=f"not stored ({exc})")
        reason = ""
        if result.duplicate_of is not None:
            reason = f"same text as {result.duplicate_of}"
            if result.replaced is not None:
                reason += "; its previous version was removed"
        return Outcome(doc.origin, result.status, article.title, article.id, reason)

    def analyse_pending(
        self,
        *,
        on_start: Callable[[int], None] | None = None,
        on_article: Callable[[str], None] | None = None,
    ) -> AnalysisReport:
        """Analyse stored articles that have no analysis from this pipeline version.

        Each article's analysis is saved in its own transaction, so an interruption loses at
        most the article in progress. A failing article is logged and left pending.

        Args:
            on_start: called once with the number of articles to analyse.
            on_article: called after each article with its id.
        """
        if self.analyzer is None:
            return AnalysisReport()
        pending = self.store.pending_analysis(self.analyzer.version)
        if on_start is not None:
            on_start(len(pending))
        analysed, failed = 0, []
        for article_id in pending:
            article = self.store.get_article(article_id)
            if article is not None:
                try:
                    analysed += self.store.save_analysis(article_id, self.analyzer.analyse(article))
                except Exception:
                    log.exception("could not analyse article %s", article_id)
                    failed.append(article_id)
            if on_article is not None:
                on_article(article_id)
        return AnalysisReport(analysed, tuple(failed))

    def _now(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")
