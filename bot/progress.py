"""Ingest with a progress bar and a summary on the terminal (the CLI's view of ingest)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot.bootstrap import App
from bot.ingest.pipeline import IngestReport, Outcome


def ingest_with_progress(
    app: App, paths: Sequence[Path], *, quiet_if_unchanged: bool = False
) -> IngestReport:
    """Ingest ``paths`` showing a progress bar on stderr, then print a summary to stdout.

    Args:
        app: the bot.
        paths: files and folders.
        quiet_if_unchanged: print nothing when nothing was added, updated or failed.
    """
    err = Console(stderr=True)
    progress = Progress(
        TextColumn("[bold]Ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[name]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task("ingest", total=None, name="")

        def start(total: int) -> None:
            progress.update(task, total=total)

        def advance(path: Path, _outcomes: list[Outcome]) -> None:
            progress.update(task, advance=1, name=path.name[:40])

        report = app.ingestor.ingest_paths(paths, on_start=start, on_file=advance)
        # Articles stored earlier without an analysis from this pipeline version catch up.
        progress.update(task, completed=0, total=None, description="analyse", name="")
        progress.columns = (TextColumn("[bold]Analysing"), *progress.columns[1:])

        def counted(total: int) -> None:
            progress.update(task, total=total)

        def analysed(_article_id: str) -> None:
            progress.update(task, advance=1)

        app.ingestor.analyse_pending(on_start=counted, on_article=analysed)
    changed = report.count("added") + report.count("updated") + len(report.failures)
    if not (quiet_if_unchanged and not changed):
        print_report(report, app.settings.store.path)
    return report


def ingest_quietly(app: App) -> IngestReport:
    """Ingest the configured corpus folders, reporting only failures (on stderr)."""
    report = app.ingest_corpus()
    for outcome in report.failures:
        print(f"skipped {outcome.origin}: {outcome.reason}", file=sys.stderr)
    return report


def print_report(report: IngestReport, store: Path) -> None:
    """Print the summary line and one line per file that was skipped or a duplicate."""
    print(f"Ingested into {store}: {report.summary()}.")
    for outcome in report.outcomes:
        if outcome.status in ("failed", "duplicate"):
            label = "skipped" if outcome.status == "failed" else "duplicate"
            print(f"  {label:9} {outcome.origin}: {outcome.reason}")
