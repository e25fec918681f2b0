"""The one composition root: builds the bot from settings; tests pass overrides here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.core.analysis import Vectors
from bot.core.catalog import default_commands
from bot.core.clock import Clock, SystemClock
from bot.core.commands import CommandTable, Invocation, dispatch
from bot.core.ports import Analyzer, QueryEncoder, Summarizer
from bot.core.reply import Reply
from bot.core.services import Services
from bot.core.store import Store
from bot.core.subscriptions import DailyDefaults
from bot.core.summary import SourceDoc
from bot.ingest.fetch import USER_AGENT, Fetcher, FetchLimits
from bot.ingest.pipeline import Ingestor, IngestReport
from bot.ingest.serial import SerialAnalyzer
from bot.ingest.web_ingest import WebIngestor
from bot.settings import Settings


@dataclass
class App:
    """The assembled bot: what adapters and the command line talk to."""

    settings: Settings
    services: Services
    ingestor: Ingestor
    web: WebIngestor | None = None

    async def handle(self, invocation: Invocation) -> Reply:
        """Answer one command invocation; never raises."""
        return await dispatch(self.services.commands, self.services, invocation)

    def ingest_corpus(self) -> IngestReport:
        """Ingest the folders in ``BOT_CORPUS__DIRS`` (unchanged files cost nothing).

        Stored articles whose analysis is missing or from an older pipeline are analysed too.
        """
        report = self.ingestor.ingest_paths(self.settings.corpus.dirs)
        self.ingestor.analyse_pending()
        return report

    def close(self) -> None:
        """Release the store and the HTTP connections."""
        if self.web is not None:
            self.web.close()
        self.services.store.close()


def build(
    settings: Settings,
    *,
    clock: Clock | None = None,
    commands: CommandTable | None = None,
    store: Store | None = None,
    analyzer: Analyzer | None = None,
    query_encoder: QueryEncoder | None = None,
    summarizer: Summarizer | None = None,
) -> App:
    """Wire settings to concrete parts.

    Args:
        settings: the configuration.
        clock: the time source (a ``FixedClock`` in tests).
        commands: the command table (the bot's own by default).
        store: an already open store (by default the one at ``settings.store.path``).
        analyzer: the ingest-time analysis (by default the spaCy pipeline of ``bot.nlp``).
        query_encoder: embeds search queries (by default MiniLM from ``bot.nlp``, loaded on
            the first search over stored vectors).
        summarizer: writes briefings (by default the ``BOT_SUMMARIZER__BACKEND`` one).

    Raises:
        StoreError: the store file cannot be used.
    """
    clock = clock or SystemClock()
    store = store or Store(settings.store.path)
    if query_encoder is None:
        from bot.nlp.vectors import MiniLmQueryEncoder

        query_encoder = MiniLmQueryEncoder()
    if summarizer is None:
        from bot.nlp.summarizers import make_summarizer

        summarizer = make_summarizer(
            settings.summarizer, sentence_vectors=stored_sentence_vectors(store)
        )
    services = Services(
        store=store,
        clock=clock,
        commands=commands or default_commands(),
        query_encoder=query_encoder,
        summarizer=summarizer,
        story_groups=recent_story_groups,
        brief_words=settings.summarizer.max_words,
        daily=DailyDefaults(
            settings.daily.time, settings.daily.timezone, tuple(settings.daily.destinations)
        ),
    )
    if analyzer is None:
        from bot.nlp.pipeline import default_analyzer

        analyzer = default_analyzer()
    # The feed worker and /ingest analyse in their own threads: one analysis at a time.
    ingestor = Ingestor(store, clock, SerialAnalyzer(analyzer))
    web = WebIngestor(ingestor, Fetcher(_fetch_limits(settings)))
    services.web = web
    return App(settings=settings, services=services, ingestor=ingestor, web=web)


def recent_story_groups(store: Store) -> list[list[str]]:
    """The newest articles grouped into stories (embeddings plus shared entities)."""
    from bot.core.brief_stories import RECENT_ARTICLES
    from bot.core.stories import story_ids

    return story_ids(store, RECENT_ARTICLES)


def stored_sentence_vectors(store: Store) -> Callable[[SourceDoc], Vectors]:
    """Sentence vectors for the summariser: stored at ingest when they match, else encoded."""
    from bot.nlp.extractive import encode_sentences

    def vectors(doc: SourceDoc) -> Vectors:
        found = store.sentence_vectors([doc.article_id]).get(doc.article_id)
        if found is not None and len(found) == len(doc.sentences):
            return found
        return encode_sentences(doc)

    return vectors


def _fetch_limits(settings: Settings) -> FetchLimits:
    feeds = settings.feeds
    return FetchLimits(
        timeout_s=feeds.timeout_seconds,
        max_bytes=feeds.max_bytes,
        max_redirects=feeds.max_redirects,
        user_agent=feeds.user_agent or USER_AGENT,
    )
