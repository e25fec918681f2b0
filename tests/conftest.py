"""Shared fixtures: settings pointing at temporary stores, a fixed clock, built apps."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.bootstrap import App, build
from bot.core.analysis import Analysis
from bot.core.clock import FixedClock
from bot.core.models import Article
from bot.settings import CorpusSettings, Settings, StoreSettings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
NOW = datetime(2026, 5, 17, 9, 30, tzinfo=UTC)

# /ingest reads the web; its example runs against a local HTTP server in tests/test_feeds.py.
NEEDS_NETWORK = frozenset({"ingest"})


def offline_examples() -> list[str]:
    """Every example of the command table that needs no network, for end-to-end checks."""
    from bot.core.catalog import default_commands

    return [
        example
        for spec in default_commands()
        if spec.name not in NEEDS_NETWORK
        for example in spec.examples
    ]


class MemoAnalyzer:
    """The real analysis pipeline, remembering its result per text for the whole test run.

    Most tests ingest the same few articles into fresh stores; analysing each text once keeps
    the suite fast while every test still gets the real pipeline's output.
    """

    def __init__(self) -> None:
        from bot.nlp.annotate import NlpAnalyzer
        from bot.nlp.pipeline import default_steps

        self.inner = NlpAnalyzer(default_steps())
        self.results: dict[tuple[str, str], Analysis] = {}

    @property
    def version(self) -> str:
        return self.inner.version

    def analyse(self, article: Article) -> Analysis:
        key = (article.title, article.body)
        if key not in self.results:
            self.results[key] = self.inner.analyse(article)
        return self.results[key]


@pytest.fixture(autouse=True, scope="session")
def _analyse_each_text_once() -> Iterator[None]:
    """``build()`` gets the memoising analyzer unless a test passes its own."""
    shared = MemoAnalyzer()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("bot.nlp.pipeline.default_analyzer", lambda: shared)
        yield


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's BOT_* variables or .env file."""
    import os

    for name in list(os.environ):
        if name.startswith("BOT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        store=StoreSettings(path=tmp_path / "store.sqlite3"), corpus=CorpusSettings(dirs=[SEEDS])
    )


@pytest.fixture
def app(settings: Settings, clock: FixedClock) -> Iterator[App]:
    """An app over an empty store."""
    built = build(settings, clock=clock)
    yield built
    built.close()


@pytest.fixture
def seeded_app(app: App) -> App:
    """An app whose store holds the seed corpus."""
    report = app.ingest_corpus()
    assert report.count("added") >= 1, report.outcomes
    return app
