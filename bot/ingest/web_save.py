"""Saving what was read from the web: analysed, then stored or linked as a near-duplicate.

The near-duplicate decision (new article, newer version, syndicated copy) is taken by
:class:`~bot.core.source_store.SourceStore` inside the write transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.core.analysis import Analysis
from bot.core.source_store import SourceStore, WebCopy, WebSave
from bot.core.web_report import WebOutcome
from bot.ingest.documents import Document, split_passages, to_article
from bot.ingest.neardup import band_hashes, jaccard, shingles
from bot.ingest.pipeline import Ingestor

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebText:
    """An article's text and metadata, from a feed entry or a page."""

    title: str
    body: str
    url: str
    outlet: str | None
    author: str | None
    published: str | None


class WebSaver:
    """Stores web articles through the ingestor's analyzer and the near-duplicate aware store."""

    def __init__(self, ingestor: Ingestor, sources: SourceStore) -> None:
        self.ingestor = ingestor
        self.sources = sources

    def save(self, text: WebText, copy: WebCopy) -> WebOutcome:
        """Analyse and store one article, or link it as a copy of a stored one."""
        doc = Document(
            title=text.title,
            body=text.body,
            origin=copy.url,
            url=text.url,
            source=text.outlet,
            published=text.published,
        )
        article = to_article(doc)
        bands = band_hashes(article.body)
        mine = shingles(article.body)

        def similar(other: str) -> float:
            return jaccard(mine, shingles(other))

        plan = self.sources.plan(article, copy, bands, similar)
        analysis: Analysis | None = None
        analyzer = self.ingestor.analyzer
        if analyzer is not None and plan.action in ("insert", "replace"):
            try:
                analysis = analyzer.analyse(article)
            except Exception:
                log.exception("could not analyse %s; it will be retried", copy.url)
        try:
            saved = self.sources.save(
                article,
                split_passages(article),
                copy,
                bands=bands,
                similar=similar,
                ingested_at=self.timestamp(),
                analysis=analysis,
            )
        except Exception as exc:
            log.exception("could not store %s", copy.url)
            return WebOutcome(copy.url, "failed", text.title, reason=f"not stored ({exc})")
        return WebOutcome(copy.url, saved.status, text.title, saved.article_id, _reason(saved))

    def index_unbanded(self) -> None:
        """Put articles stored by other paths (files) into the near-duplicate index."""
        for article_id in self.sources.articles_missing_bands():
            article = self.ingestor.store.get_article(article_id)
            if article is not None:
                self.sources.save_bands(article_id, band_hashes(article.body))

    def timestamp(self) -> str:
        """Now, as stored (ISO 8601, seconds)."""
        return self.ingestor.clock.now().isoformat(timespec="seconds")


def _reason(saved: WebSave) -> str:
    overlap = f"{saved.similarity:.0%} overlap" if saved.similarity is not None else ""
    title = f"“{saved.match_title}”" if saved.match_title else "the stored article"
    if saved.status == "updated":
        return f"newer version of {title} ({overlap}); replaced it and analysed it again"
    if saved.status == "duplicate" and saved.older:
        return f"older version of {title} ({overlap}); kept as another source"
    if saved.status == "duplicate":
        return f"copy of {title} ({overlap}); linked as another source, not indexed twice"
    return ""
