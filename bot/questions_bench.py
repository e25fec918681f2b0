"""The ``bench`` stage for open questions: detection throughput and ``/questions`` latency.

Detection is timed apart from the spaCy parse it reads (the parse is shared by every analysis
step and measured by the ingest figures), over the bench corpus's articles.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime

from bot.core.analysis import Analysis
from bot.core.questions import corpus_stories, open_questions
from bot.core.store import Store
from bot.nlp.annotate import NlpAnalyzer, entities, split_sentences
from bot.nlp.matters import OpenMatterStep

MAX_ARTICLES = 200
"""Articles parsed for the detection figure (parsing is the slow part of the stage)."""


def detection_figures(store: Store, rounds: int) -> list[str]:
    """Lines for the bench report: matters detected per second, and /questions lookup times."""
    ids = [a.id for a in store.list_articles(limit=MAX_ARTICLES)]
    analyzer = NlpAnalyzer()
    step = OpenMatterStep()
    parsed = []
    for article_id in ids:
        article = store.get_article(article_id)
        if article is not None:
            doc = analyzer.parse(article.body)
            parsed.append((doc, article, split_sentences(doc), entities(doc)))
    sentences = sum(len(s) for _, _, s, _ in parsed)
    found = 0
    start = time.perf_counter()
    for doc, article, sents, ents in parsed:
        analysis = Analysis(version="bench", sentences=sents, entities=ents)
        step.run(doc, article, analysis)
        found += len(analysis.matters)
    detect_s = time.perf_counter() - start
    now = datetime.now(UTC)
    times: list[float] = []
    items = 0
    for _ in range(rounds):
        start = time.perf_counter()
        items = len(open_questions(store, now, stories=corpus_stories(store)))
        times.append((time.perf_counter() - start) * 1000)
    return [
        f"matters detect   {len(parsed)} articles, {sentences:,} sentences in {detect_s:.2f} s: "
        f"{len(parsed) / detect_s:,.0f} articles/s, {sentences / detect_s:,.0f} sentences/s "
        f"({found:,} mentions; parse excluded)",
        f"/questions build p50 {statistics.median(times):.1f} ms, max {max(times):.1f} ms "
        "(stories grouped too) "
        f"({items} matters from {store.count_articles()} articles)",
    ]
