"""``python -m bot brief [--topic T] [--json]``: a briefing on the command line."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import TYPE_CHECKING

from bot.cli_commands import CliCommand

if TYPE_CHECKING:
    from bot.bootstrap import App


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--topic", metavar="T", help="focus on this topic (words or a phrase)")
    parser.add_argument(
        "--json", action="store_true", help="print {title, sentences: [{text, article_id, url}]}"
    )


def _run(args: argparse.Namespace, app: App) -> int:
    from bot.adapters.text_render import render_text
    from bot.core.briefing import make_briefing, render_briefing
    from bot.core.errors import BotError
    from bot.progress import ingest_quietly

    if app.services.store.count_articles() == 0:  # first use: read the corpus folders
        ingest_quietly(app)
    try:
        briefing = asyncio.run(make_briefing(app.services, args.topic))
    except BotError as exc:
        hint = f" {exc.hint}" if exc.hint else ""
        print(f"error: {exc.message}{hint}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(briefing.as_json(), ensure_ascii=False, indent=2))
    else:
        print(render_text(render_briefing(briefing)))
    return 0


BRIEF_CLI = CliCommand("brief", "a briefing of the recent news or one topic", _configure, run=_run)
