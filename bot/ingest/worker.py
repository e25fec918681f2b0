"""The background feed worker: polls every feed on an interval, in its own thread.

Polling, fetching and analysis run off the event loop, so chat commands stay responsive while a
large feed is read; whatever a poll stores is visible to the next command (same SQLite store).
Nothing stops the worker: every failure is logged and recorded on its feed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from bot.core.feed_store import FeedState
from bot.core.web_report import UrlReport
from bot.ingest.web_ingest import WebIngestor

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)

BACKOFF_AFTER = 3
MAX_BACKOFF_S = 86_400.0


class FeedWorker:
    """Polls the stored feeds (plus ``BOT_FEEDS__URLS``) every ``interval_s`` seconds.

    Args:
        web: the ingestor shared with chat commands (it serialises the work).
        urls: feeds from settings, added to the stored feeds when the worker starts.
        interval_s: seconds between the end of one round and the start of the next.
        on_round: called with each round's reports (for logs and tests).
    """

    def __init__(
        self,
        web: WebIngestor,
        urls: Sequence[str],
        interval_s: float,
        on_round: Callable[[list[UrlReport]], None] | None = None,
    ) -> None:
        self.web = web
        self.urls = list(urls)
        self.interval_s = interval_s
        self.on_round = on_round
        self.rounds = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start polling in a daemon thread (the first round runs at once)."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="feed-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 30.0) -> None:
        """Ask the worker to stop after the entry in progress and wait for it."""
        self._stop.set()
        self.web.stop()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def run_once(self) -> list[UrlReport]:
        """One round: register the settings' feeds, then poll every feed."""
        for url in self.urls:
            try:
                self.web.feeds.add(url, self.web.timestamp())
            except Exception:
                log.exception("cannot add feed %s", url)
        now = self.web.ingestor.clock.now()
        reports = self.web.poll_all(lambda feed: is_due(feed, now, self.interval_s))
        self.rounds += 1
        for report in reports:
            if report.error is not None:
                log.warning("feed %s: %s", report.url, report.error)
            elif report.count("added") or report.count("updated") or report.failed:
                log.info("feed %s: %s", report.url, report.summary())
            else:
                log.debug("feed %s: %s", report.url, report.summary())
        if self.on_round is not None:
            self.on_round(reports)
        return reports

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:  # never let one bad round end the worker
                log.exception("feed poll round failed")
            self._stop.wait(self.interval_s)


def retry_after_s(errors: int, interval_s: float) -> float:
    """How long a failing feed rests before its next poll.

    After 3 failed polls in a row: 2, 4, 8… poll intervals (at most a day), so a dead feed is
    not hammered; one successful poll resets it.
    """
    if errors < BACKOFF_AFTER:
        return 0.0
    return float(min(interval_s * 2 ** (errors - BACKOFF_AFTER + 1), MAX_BACKOFF_S))


def is_due(feed: FeedState, now: datetime, interval_s: float) -> bool:
    """Whether a feed should be polled in a round starting at ``now``."""
    rest = retry_after_s(feed.errors, interval_s)
    if rest == 0 or feed.last_poll is None:
        return True
    try:
        last = datetime.fromisoformat(feed.last_poll)
    except ValueError:
        return True
    if last.tzinfo is None and now.tzinfo is not None:
        last = last.replace(tzinfo=now.tzinfo)
    return (now - last).total_seconds() >= rest


def start_worker(app: App) -> FeedWorker | None:
    """Start polling the app's feeds in the background (``None`` if it cannot read links)."""
    if app.web is None:
        return None
    feeds = app.settings.feeds
    worker = FeedWorker(app.web, feeds.urls, feeds.poll_minutes * 60.0)
    worker.start()
    return worker
