"""``python -m bot ingest URL …``: read links with a progress bar and print what each one gave."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot.bootstrap import App
from bot.core.web_report import UrlReport


def is_url(target: str) -> bool:
    """Whether a command-line target is a web link rather than a file or folder."""
    return target.strip().lower().startswith(("http://", "https://"))


def ingest_targets(app: App, targets: Sequence[str]) -> bool:
    """Ingest files, folders and links; returns True if anything failed."""
    from bot.progress import ingest_with_progress

    paths = [Path(t) for t in targets if not is_url(t)]
    urls = [t for t in targets if is_url(t)]
    failed = False
    if paths:
        failed = bool(ingest_with_progress(app, paths).failures)
    for url in urls:
        report = ingest_url_with_progress(app, url)
        print_url_report(report)
        failed = failed or report.failed
    return failed


def ingest_url_with_progress(app: App, url: str) -> UrlReport:
    """Read one link (a page, or a feed entry by entry) with a progress bar on stderr."""
    if app.web is None:
        return UrlReport(url, error="this bot is not set up to read links")
    err = Console(stderr=True)
    progress = Progress(
        TextColumn("[bold]Reading"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(url[:60]),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task("read", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return app.web.ingest_url(url, advance)


def print_url_report(report: UrlReport) -> None:
    """Print one summary line for the link, then one line per entry that failed or was a copy."""
    kind = "feed" if report.kind == "feed" else "page"
    name = f" ({report.title})" if report.title and report.kind == "feed" else ""
    print(f"Read {kind} {report.url}{name}: {report.summary()}.")
    if report.problem is not None:
        print(f"  warning   {report.problem}")
    for outcome in report.outcomes:
        if outcome.status in ("failed", "duplicate", "updated"):
            label = {"failed": "skipped"}.get(outcome.status, outcome.status)
            print(f"  {label:9} {outcome.origin}: {outcome.reason}")
