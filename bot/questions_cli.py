"""``python -m bot questions [--topic T] [--json]``: the open questions, for people or programs."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from bot.cli_commands import CliCommand

if TYPE_CHECKING:
    from bot.bootstrap import App


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--topic", metavar="T", help="only matters about this")
    parser.add_argument("--json", action="store_true", help="print the DESIGN §4 JSON list")


def _run(args: argparse.Namespace, app: App) -> int:
    from bot.core.questions import story_questions
    from bot.progress import ingest_quietly

    store = app.services.store
    if store.count_articles() == 0:  # first use: read the corpus folders
        ingest_quietly(app)
    else:
        app.ingestor.analyse_pending()
    items = story_questions(app.services, args.topic)
    if args.json:
        print(json.dumps([q.as_json() for q in items], indent=2, ensure_ascii=False))
        return 0
    for item in items:
        print(f"{'✓ ' if item.resolved else ''}{item.question}\n  {item.status}")
        for line in item.evidence:
            print(f"  - “{line.text}” ({line.article_title}, {line.date})")
        print(f"  last confirmed {item.last_seen}\n")
    if not items:
        print("No open questions found.")
    return 0


QUESTIONS_CLI = CliCommand(
    "questions", "list what the story leaves unresolved", _configure, run=_run
)
