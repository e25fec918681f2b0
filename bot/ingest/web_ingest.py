"""Read links into the store: article pages and RSS/Atom feeds, near-duplicates recognised.

Every article goes through the :class:`~bot.ingest.pipeline.Ingestor`'s analyzer (all analysis
steps) and is saved with :class:`~bot.core.source_store.SourceStore` in one transaction, so a
failure anywhere leaves the store as it was. Nothing here raises for bad input: every problem
becomes a ``failed`` outcome or a report error naming the link and the reason.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from bot.core.feed_store import FeedState, FeedStore
from bot.core.source_store import SourceStore, WebCopy
from bot.core.web_report import UrlReport, WebOutcome
from bot.ingest.feeds import FeedEntry, FeedError, discover_feeds, looks_like_feed, parse_feed
from bot.ingest.fetch import (
    FEED_TYPES,
    LOOSE_TYPES,
    PAGE_TYPES,
    Fetched,
    Fetcher,
    FetchError,
    decode,
    normalise_url,
)
from bot.ingest.neardup import THRESHOLD
from bot.ingest.pipeline import Ingestor
from bot.ingest.web import ExtractError, extract_page
from bot.ingest.web_save import WebSaver, WebText

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""Called with (entries done, entries in all) while a feed is read."""


class WebIngestor:
    """Reads pages and feeds; one ingest at a time (the worker and chat commands share it)."""

    def __init__(self, ingestor: Ingestor, fetcher: Fetcher, threshold: float = THRESHOLD) -> None:
        self.ingestor = ingestor
        self.fetcher = fetcher
        self.sources = SourceStore(ingestor.store, threshold)
        self.feeds = FeedStore(ingestor.store)
        self.saver = WebSaver(ingestor, self.sources)
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    def stop(self) -> None:
        """Finish the entry in progress and read no more (for shutdown)."""
        self._stopping.set()

    def close(self) -> None:
        """Stop reading and release the HTTP connection pool."""
        self.stop()
        with self._lock:
            self.fetcher.close()

    # -- entry points -----------------------------------------------------------------------

    def ingest_url(self, url: str, on_progress: Progress | None = None) -> UrlReport:
        """Read a link: a feed (remembered and polled from then on) or an article page."""
        try:
            url = normalise_url(url)
        except FetchError as exc:
            return UrlReport(url, error=str(exc))
        with self._lock:
            try:
                return self._ingest_url(url, on_progress)
            except Exception as exc:  # a bug must not crash a command or the worker
                log.exception("reading %s failed", url)
                return UrlReport(url, error=f"internal error ({exc}); it has been logged")

    def _ingest_url(self, url: str, on_progress: Progress | None) -> UrlReport:
        if self.feeds.get(url) is not None:
            return self._poll(url, on_progress)
        try:
            fetched = self.fetcher.get(url, accept=(*PAGE_TYPES, *FEED_TYPES))
        except FetchError as exc:
            return UrlReport(url, error=str(exc))
        if looks_like_feed(fetched.body, fetched.media_type):
            self.feeds.add(url, self.timestamp())
            return self._read_feed(url, fetched, on_progress)
        if fetched.media_type not in PAGE_TYPES and fetched.media_type not in LOOSE_TYPES:
            reason = f"not an RSS or Atom feed (content type {fetched.media_type})"
            return UrlReport(url, error=reason)
        outcome = self._page(url, fetched)
        if outcome.status == "failed":
            announced = self._announced_feed(fetched)
            if announced is not None:  # a site's front page: read the feed it announces
                added = self.feeds.add(announced, self.timestamp())
                report = self._poll(announced, on_progress)
                if added and report.error is not None:
                    self.feeds.remove(announced)
                return report
        self._catch_up()
        return UrlReport(url, "page", outcome.title, [outcome])

    def _announced_feed(self, fetched: Fetched) -> str | None:
        try:
            links = discover_feeds(decode(fetched), fetched.url)
        except FetchError:
            return None
        return links[0] if links else None

    def _poll_new(self, url: str, on_progress: Progress | None) -> UrlReport:
        self.feeds.add(url, self.timestamp())
        return self._poll(url, on_progress)

    def poll(self, url: str, on_progress: Progress | None = None) -> UrlReport:
        """Poll one feed with a conditional GET (adding it to the polled feeds if new)."""
        try:
            url = normalise_url(url)
        except FetchError as exc:
            return UrlReport(url, "feed", error=str(exc))
        with self._lock:
            return self._poll_new(url, on_progress)

    def poll_all(self, due: Callable[[FeedState], bool] | None = None) -> list[UrlReport]:
        """Poll every stored feed once (those ``due`` accepts); one failure never stops the rest."""
        reports = []
        for feed in self.feeds.all():
            if self._stopping.is_set():
                break
            if due is not None and not due(feed):
                continue
            try:
                reports.append(self.poll(feed.url))
            except Exception as exc:  # a bug must not stop the worker; it is logged
                log.exception("polling %s failed", feed.url)
                reports.append(UrlReport(feed.url, "feed", error=f"internal error ({exc})"))
        return reports

    # -- feeds ------------------------------------------------------------------------------

    def _poll(self, url: str, on_progress: Progress | None) -> UrlReport:
        state = self.feeds.get(url)
        try:
            fetched = self.fetcher.get(
                url,
                accept=(*FEED_TYPES, *PAGE_TYPES),  # some servers label feeds text/html
                etag=state.etag if state else None,
                last_modified=state.last_modified if state else None,
            )
        except FetchError as exc:
            self.feeds.record_failure(url, polled_at=self.timestamp(), reason=str(exc))
            return UrlReport(url, "feed", state.title if state else None, error=str(exc))
        if fetched.not_modified:
            report = UrlReport(url, "feed", state.title if state else None, not_modified=True)
            self.feeds.record_success(
                url, polled_at=self.timestamp(), result=report.summary(), keep_validators=True
            )
            return report
        return self._read_feed(url, fetched, on_progress)

    def _read_feed(self, url: str, fetched: Fetched, on_progress: Progress | None) -> UrlReport:
        try:
            decode(fetched)  # refuses bytes that are not valid in the declared encoding
            parsed = parse_feed(fetched.body, fetched.url, fetched.charset)
        except (FetchError, FeedError) as exc:
            self.feeds.record_failure(url, polled_at=self.timestamp(), reason=str(exc))
            return UrlReport(url, "feed", error=str(exc))
        report = UrlReport(url, "feed", parsed.title, problem=parsed.problem)
        self.saver.index_unbanded()
        total = len(parsed.entries)
        if on_progress is not None:
            on_progress(0, total)
        stopped = False
        for done, entry in enumerate(parsed.entries, start=1):
            if self._stopping.is_set():
                report.problem = f"stopped after {done - 1} of {total} entries (shutting down)"
                stopped = True
                break
            try:
                report.outcomes.append(self._entry(url, parsed.title, entry))
            except Exception as exc:  # one bad entry never stops the feed
                log.exception("entry %s of %s failed", entry.key, url)
                origin = entry.link or entry.key
                report.outcomes.append(WebOutcome(origin, "failed", entry.title, reason=str(exc)))
            if on_progress is not None:
                on_progress(done, total)
        if not stopped:
            self._catch_up()
        if parsed.problem is not None:
            reason = f"{parsed.problem} ({len(parsed.entries)} entries could still be read)"
            self.feeds.record_failure(url, polled_at=self.timestamp(), reason=reason)
        else:
            self.feeds.record_success(
                url,
                polled_at=self.timestamp(),
                result=report.summary(),
                title=parsed.title,
                # Read only partly: no validators, so the next poll reads the rest.
                etag=None if stopped else fetched.etag,
                last_modified=None if stopped else fetched.last_modified,
            )
        return report

    def _entry(self, feed_url: str, feed_title: str | None, entry: FeedEntry) -> WebOutcome:
        origin = entry.link or f"{feed_url}#{entry.key}"
        known = self.sources.source(origin)
        if known is not None and entry.full_text is None and known.entry_updated == entry.updated:
            # Seen before and the feed says it has not changed: no need to fetch the page again.
            return WebOutcome(origin, "unchanged", entry.title, known.article_id)
        if entry.full_text is not None:
            text = WebText(
                entry.title, entry.full_text, origin, feed_title, entry.author, entry.published
            )
        elif entry.link is None:
            return WebOutcome(origin, "failed", entry.title, reason="no full text and no link")
        else:
            try:
                fetched = self.fetcher.get(entry.link, accept=PAGE_TYPES)
                page = extract_page(decode(fetched), fetched.url)
            except (FetchError, ExtractError) as exc:
                return WebOutcome(origin, "failed", entry.title, reason=f"article page: {exc}")
            text = WebText(
                entry.title or page.title,
                page.body,
                page.url,
                page.outlet or feed_title,
                entry.author or page.author,
                entry.published or page.published,
            )
        copy = WebCopy(
            url=origin,
            title=text.title,
            outlet=text.outlet,
            author=text.author,
            published=text.published,
            feed_url=feed_url,
            entry_updated=entry.updated,
        )
        return self.saver.save(text, copy)

    # -- pages ------------------------------------------------------------------------------

    def _page(self, url: str, fetched: Fetched) -> WebOutcome:
        try:
            page = extract_page(decode(fetched), fetched.url)
        except (FetchError, ExtractError) as exc:
            return WebOutcome(url, "failed", reason=str(exc))
        self.saver.index_unbanded()
        text = WebText(page.title, page.body, page.url, page.outlet, page.author, page.published)
        copy = WebCopy(url, page.title, page.outlet, page.author, page.published)
        return self.saver.save(text, copy)

    def _catch_up(self) -> None:
        """Analyse articles stored without an analysis (e.g. after an analyzer error)."""
        try:
            self.ingestor.analyse_pending()
        except Exception:
            log.exception("catching up on analysis failed")

    def timestamp(self) -> str:
        """Now, as stored (ISO 8601, seconds)."""
        return self.saver.timestamp()
