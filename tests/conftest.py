"""Shared fixtures: settings pointing at temporary stores, a fixed clock, built apps."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.bootstrap import App, build
from bot.core.clock import FixedClock
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
