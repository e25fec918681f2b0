"""``python -m bot quotes [--speaker S] [--topic T] [--json]``: the quotes, machine-readable."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from bot.cli_commands import CliCommand
from bot.core.errors import BotError
from bot.core.quote_lookup import QuoteHit, find_quotes, match_speakers

if TYPE_CHECKING:
    from bot.bootstrap import App


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--speaker", metavar="S", help="a name, surname or part of one")
    parser.add_argument("--topic", metavar="T", help="words the quote or its passage contains")
    parser.add_argument("--json", action="store_true", help="print a JSON list")


def quote_json(hit: QuoteHit) -> dict[str, object]:
    """One quote in the DESIGN §4 shape."""
    q = hit.quote
    return {
        "speaker": q.speaker,
        "text": q.text,
        "kind": q.kind,
        "cue": q.cue,
        "role": q.role,
        "article_id": hit.article_id,
        "article_title": hit.article_title,
        "url": hit.url,
        "char_start": q.char_start,
        "char_end": q.char_end,
    }


def _run(args: argparse.Namespace, app: App) -> int:
    from bot.progress import ingest_quietly

    if app.services.store.count_articles() == 0:  # first use: read the corpus folders
        ingest_quietly(app)
    store = app.services.store
    try:
        keys = None
        if args.speaker:
            keys = set().union(*(s.keys for s in match_speakers(store, args.speaker)))
        hits = find_quotes(store, speaker_keys=keys, topic=args.topic or None)
    except BotError as exc:
        print(f"error: {exc.message}" + (f" {exc.hint}" if exc.hint else ""), file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([quote_json(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    for hit in hits:
        q = hit.quote
        role = f" ({q.role})" if q.role else ""
        print(f"{q.speaker}{role}, {q.kind}, {q.cue}: {' '.join(q.text.split())}")
        print(f"   — {hit.article_title} ({hit.url or 'article ' + hit.article_id})")
    print(f"{len(hits)} quote{'s' * (len(hits) != 1)}.", file=sys.stderr)
    return 0


QUOTES = CliCommand(
    "quotes", "list who said what (filter by speaker and topic)", _configure, run=_run
)
