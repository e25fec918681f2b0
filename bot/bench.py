"""``python -m bot bench``: ingest and embedding throughput, search latency, on a synthetic corpus.

The corpus is built by re-combining real paragraphs from ``seeds/`` into N articles with
distinct content (hence distinct ids), written as files, then ingested through the real path.
Figures are printed, never asserted: speed targets live here, not in tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.adapters.text_render import render_text
from bot.bench_brief import brief_figures
from bot.bench_vectors import embedding_lines, hybrid_times
from bot.bootstrap import App, build
from bot.core.commands import Invocation
from bot.core.errors import UsageError
from bot.core.search import search_passages
from bot.core.store import Store
from bot.ingest.documents import article_id
from bot.ingest.loaders import load_file
from bot.settings import Settings, StoreSettings

QUERIES = (
    "sanctions bill",
    "Putin meeting",
    "ceasefire talks Istanbul",
    '"Air Force One"',
    "Snegovaya",
    "prisoners of war exchange",
    "NATO red lines",
    "draft proposal recognition Crimea",
    "Senate Armed Services Committee",
    "weapons shipments Ukraine funds",
    "Kremlin talking points",
    "tougher sanctions lethal aid",
    "peace negotiations Zelensky",
    "Truth Social",
    "what is the status of the sanctions bill",
    "NOT OR * -",
    "zebra giraffe",
    "Trump",
    "economy adapted punishment",
    "spokesperson Thune floor",
)


def build_corpus(seeds: Path, folder: Path, count: int, seed: int) -> int:
    """Write ``count`` articles made of seed paragraphs into ``folder``; returns total words."""
    paragraphs: list[str] = []
    for path in sorted(seeds.glob("*")):
        if path.is_file():
            for doc in load_file(path).documents:
                paragraphs += [p.strip() for p in doc.body.split("\n\n") if p.strip()]
    if not paragraphs:
        raise SystemExit(f"no paragraphs found in {seeds}")
    rng = random.Random(seed)
    seen: set[str] = set()
    words = 0
    folder.mkdir(parents=True, exist_ok=True)
    number = 0
    while number < count:
        body = "\n\n".join(rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(8, 24))))
        key = article_id(body)
        if key in seen:
            continue
        seen.add(key)
        title = f"Bench article {number}: " + body.split(".")[0][:80]
        (folder / f"{number:06d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        words += len(body.split())
        number += 1
    return words


def _percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94]


def _lookup_times(store: Store, rounds: int) -> list[float]:
    times: list[float] = []
    for query in QUERIES:
        for _ in range(rounds):
            start = time.perf_counter()
            with contextlib.suppress(UsageError):
                search_passages(store, query)
            times.append((time.perf_counter() - start) * 1000)
    return times


def _command_times(app: App, rounds: int) -> list[float]:
    times: list[float] = []
    with asyncio.Runner() as runner:
        for query in QUERIES:
            invocation = Invocation(name="search", text=query)
            for _ in range(rounds):
                start = time.perf_counter()
                render_text(runner.run(app.handle(invocation)))
                times.append((time.perf_counter() - start) * 1000)
    return times


def run_bench(
    *,
    articles: int,
    rounds: int,
    seed: int,
    store: Path | None,
    seeds: Path,
    feed_entries: int = 0,
) -> int:
    """Build the corpus, ingest it, search it; print the figures. Returns an exit code."""
    if articles < 1 or rounds < 1:
        print("error: --articles and --rounds must be at least 1", file=sys.stderr)
        return 2
    if store is not None and store.exists():
        print(f"error: {store} exists; bench needs a new store path", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bot-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        words = build_corpus(seeds, corpus, articles, seed)
        settings = Settings(store=StoreSettings(path=store or Path(tmp) / "bench.sqlite3"))
        app = build(settings)
        try:
            start = time.perf_counter()
            report = app.ingestor.ingest_paths([corpus])
            ingest_s = time.perf_counter() - start
            start = time.perf_counter()
            again = app.ingestor.ingest_paths([corpus])
            reingest_s = time.perf_counter() - start
            db = settings.store.path
            store_bytes = sum(
                f.stat().st_size for f in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if f.exists()
            )

            lookup = _lookup_times(app.services.store, rounds)
            embedding = embedding_lines(app.services.store, articles, ingest_s)
            hybrid, index_ms = (
                hybrid_times(app.services.store, app.services.query_encoder, QUERIES, rounds)
                if app.services.query_encoder is not None
                else ([0.0, 0.0], 0.0)
            )
            command = _command_times(app, rounds)
            from bot.adapters.discord_bench import discord_figures

            discord_lines = discord_figures(app, rounds)
            from bot.adapters.slack_bench import slack_figures

            slack = slack_figures(app, QUERIES, rounds)
            from bot.questions_bench import detection_figures

            questions = detection_figures(app.services.store, min(rounds, 5))
            from bot.bench_quotes import quote_stage

            quote_line = quote_stage(corpus)
            brief = brief_figures(app, rounds)
            from bot.daily_bench import daily_figures

            daily = daily_figures(app, rounds)
        finally:
            app.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    p50, p95 = _percentiles(lookup)
    c50, c95 = _percentiles(command)
    h50, h95 = _percentiles(hybrid)
    print(
        f"bench: {articles} articles, {words:,} words (seed {seed}), "
        f"{len(QUERIES)} queries x {rounds} rounds"
    )
    print(
        f"ingest           {report.count('added')} added in {ingest_s:.2f} s: "
        f"{articles / ingest_s:,.0f} articles/s, {words / ingest_s:,.0f} words/s"
    )
    print(f"re-ingest        {again.count('unchanged')} unchanged in {reingest_s:.2f} s (no-op)")
    print(f"store size       {store_bytes / 1e6:.1f} MB")
    print(f"search lookup    p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    print(f"/search command  p50 {c50:.2f} ms, p95 {c95:.2f} ms (dispatch + text render)")
    for line in discord_lines:
        print(line)
    print("\n".join(slack))
    for line in questions:
        print(line)
    print(quote_line)
    print(f"search lookup    p50 {p50:.2f} ms, p95 {p95:.2f} ms (bm25 only)")
    print("\n".join(embedding))
    print(f"hybrid lookup    p50 {h50:.2f} ms, p95 {h95:.2f} ms (bm25 + query vector + fusion)")
    print(f"vector index     {index_ms:.0f} ms to build (once, and after each ingest)")
    print(f"/search command  p50 {c50:.2f} ms, p95 {c95:.2f} ms (hybrid, dispatch + text render)")
    for line in brief:
        print(line)
    for line in daily:
        print(line)
    print(f"peak memory      {peak_mb:.0f} MB RSS")
    feeds_ok = True
    if feed_entries > 0:
        from bot.feed_bench import run_feed_bench

        feeds_ok = run_feed_bench(entries=feed_entries, seed=seed, seeds=seeds)
    return 0 if not report.failures and feeds_ok else 1
