"""Ingest-time analysis: stored with the article, redone when the pipeline changes, never lost."""

from __future__ import annotations

from pathlib import Path

from conftest import SEEDS

from bot.bootstrap import App, build
from bot.core.analysis import Analysis
from bot.core.clock import FixedClock
from bot.core.models import Article
from bot.nlp.annotate import NlpAnalyzer
from bot.settings import Settings


class CountingAnalyzer:
    """A real spaCy analyzer that counts its calls and can be told to fail."""

    def __init__(self, version: str = "v1", fail: bool = False) -> None:
        self._inner = NlpAnalyzer()
        self._version = version
        self.fail = fail
        self.calls = 0

    @property
    def version(self) -> str:
        return self._version

    def analyse(self, article: Article) -> Analysis:
        self.calls += 1
        if self.fail:
            raise RuntimeError("model broke")
        analysis = self._inner.analyse(article)
        analysis.version = self._version
        return analysis


def _app(settings: Settings, clock: FixedClock, analyzer: CountingAnalyzer) -> App:
    return build(settings, clock=clock, analyzer=analyzer)


def test_seed_sentences_and_entities_are_stored_with_exact_offsets(seeded_app: App) -> None:
    store = seeded_app.services.store
    (summary,) = store.list_articles()
    article = store.get_article(summary.id)
    assert article is not None
    sentences = store.sentences(article.id)
    assert len(sentences) > 20
    for sentence in sentences:
        assert article.body[sentence.char_start : sentence.char_end] == sentence.text
        assert "\n\n" not in sentence.text
    entities = store.entities(article.id)
    assert any(e.label == "PERSON" and "Putin" in e.text for e in entities)
    for entity in entities:
        assert article.body[entity.char_start : entity.char_end] == entity.text
    assert store.pending_analysis(seeded_app.ingestor.analyzer.version) == []  # type: ignore[union-attr]


def test_unchanged_articles_are_not_analysed_twice(settings: Settings, clock: FixedClock) -> None:
    analyzer = CountingAnalyzer()
    app = _app(settings, clock, analyzer)
    app.ingest_corpus()
    calls = analyzer.calls
    assert calls >= 1
    app.ingestor.ingest_paths([SEEDS])
    app.ingest_corpus()
    assert analyzer.calls == calls
    app.close()


def test_a_new_pipeline_version_reanalyses_stored_articles(
    settings: Settings, clock: FixedClock
) -> None:
    first = _app(settings, clock, CountingAnalyzer("v1"))
    first.ingest_corpus()
    first.close()
    newer = CountingAnalyzer("v2")
    second = _app(settings, clock, newer)
    second.ingest_corpus()
    store = second.services.store
    assert newer.calls == store.count_articles()
    assert store.pending_analysis("v2") == []
    second.close()


def test_a_failing_analysis_keeps_the_text_and_is_retried(
    settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    broken = CountingAnalyzer(fail=True)
    app = _app(settings, clock, broken)
    report = app.ingest_corpus()
    assert report.count("added") == 1
    store = app.services.store
    (article_id,) = store.pending_analysis("v1")
    assert store.sentences(article_id) == []
    assert store.get_article(article_id) is not None
    broken.fail = False
    result = app.ingestor.analyse_pending()
    assert (result.analysed, result.failed) == (1, ())
    assert store.sentences(article_id)
    app.close()


def test_deleting_an_article_removes_its_analysis(seeded_app: App) -> None:
    store = seeded_app.services.store
    (summary,) = store.list_articles()
    store.delete_article(summary.id)
    assert store.sentences(summary.id) == []
    assert store.entities(summary.id) == []
    assert store.save_analysis(summary.id, Analysis("v1")) is False
