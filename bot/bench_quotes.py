"""The ``bench`` stage for quotation extraction: articles per second on this machine."""

from __future__ import annotations

import time
from pathlib import Path

from bot.ingest.loaders import load_file

SAMPLE = 200
"""Articles of the bench corpus timed (the parse dominates; more adds little)."""


def quote_stage(corpus: Path, sample: int = SAMPLE) -> str:
    """Parse and extract quotes from up to ``sample`` bench articles; one line of figures."""
    from bot.nlp.annotate import load_spacy
    from bot.nlp.quotes import extract_quotes

    bodies = [
        doc.body
        for path in sorted(corpus.glob("*.txt"))[:sample]
        for doc in load_file(path).documents
    ]
    nlp = load_spacy()
    start = time.perf_counter()
    docs = [nlp(body) for body in bodies]
    parse_s = time.perf_counter() - start
    start = time.perf_counter()
    quotes = sum(len(extract_quotes(doc)) for doc in docs)
    extract_s = time.perf_counter() - start
    count = len(bodies)
    return (
        f"quote extraction {quotes:,} quotes in {count} articles: "
        f"{count / extract_s:,.0f} articles/s on the parse, "
        f"{count / (parse_s + extract_s):,.1f} articles/s with the spaCy parse"
    )
