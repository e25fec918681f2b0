"""Bench stages for embeddings: encoding throughput at ingest and hybrid search latency."""

from __future__ import annotations

import contextlib
import time

from bot.core.errors import UsageError
from bot.core.ports import QueryEncoder
from bot.core.search import search_passages
from bot.core.store import Store
from bot.core.vector_search import build_index, sentence_index

SAMPLE_SENTENCES = 2000


def embedding_lines(store: Store, articles: int, ingest_s: float) -> list[str]:
    """Sentences stored, and how fast the encoder turns them into vectors.

    The encoder is timed alone by re-encoding up to ``SAMPLE_SENTENCES`` stored sentences in
    the ingest step's way (one batch call per article), after the model is loaded.
    """
    from bot.nlp.embed import encoder

    vectors = store.sentence_vectors()
    total = sum(len(v) for v in vectors.values())
    texts: list[list[str]] = []
    taken = 0
    for article_id in vectors:
        if taken >= SAMPLE_SENTENCES:
            break
        sentences = [s.text for s in store.sentences(article_id)]
        texts.append(sentences)
        taken += len(sentences)
    model = encoder()
    model.encode(["warm-up"])
    start = time.perf_counter()
    for batch in texts:
        model.encode(batch)
    encode_s = time.perf_counter() - start
    per_article = taken / max(1, len(texts))
    rate = taken / encode_s if encode_s else 0.0
    return [
        f"embeddings       {total:,} sentence vectors for {len(vectors)} articles "
        f"({total / max(1, len(vectors)):.0f} per article); whole ingest "
        f"{total / ingest_s:,.0f} sentences/s",
        f"encoder alone    {rate:,.0f} sentences/s, {rate / max(per_article, 1):,.1f} articles/s "
        f"({taken:,} sentences re-encoded, {articles} articles in corpus)",
    ]


def hybrid_times(
    store: Store, query_encoder: QueryEncoder, queries: tuple[str, ...], rounds: int
) -> tuple[list[float], float]:
    """Milliseconds per hybrid search (warm), and one build of the vector index in milliseconds."""
    start = time.perf_counter()
    build_index(store)
    build_ms = (time.perf_counter() - start) * 1000
    sentence_index(store)
    query_encoder.encode_query("warm-up")
    times: list[float] = []
    for query in queries:
        for _ in range(rounds):
            start = time.perf_counter()
            with contextlib.suppress(UsageError):
                search_passages(store, query, encoder=query_encoder)
            times.append((time.perf_counter() - start) * 1000)
    return times, build_ms
