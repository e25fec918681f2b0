"""``python -m bot stories --json``: which stored articles report the same event."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from bot.core.stories import Story, group_stories

if TYPE_CHECKING:
    from bot.bootstrap import App
    from bot.cli_commands import CliCommand


def story_json(stories: list[Story]) -> list[dict[str, object]]:
    """The DESIGN §4 shape: ``[{title, articles: [{article_id, article_title, url}]}]``."""
    return [
        {
            "title": story.title,
            "articles": [
                {"article_id": a.id, "article_title": a.title, "url": a.url} for a in story.articles
            ],
        }
        for story in stories
    ]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON (the machine interface)")


def _run(args: argparse.Namespace, app: App) -> int:
    from bot.progress import ingest_quietly

    if app.services.store.count_articles() == 0:  # first use: read the corpus folders
        ingest_quietly(app)
    app.ingestor.analyse_pending()  # vectors for articles stored before the embedding step
    stories = group_stories(app.services.store)
    if args.json:
        print(json.dumps(story_json(stories), indent=2, ensure_ascii=False))
        return 0
    for story in stories:
        count = len(story.articles)
        print(f"{story.title} ({count} article{'s' * (count != 1)})")
        for article in story.articles:
            print(f"  - {article.title}" + (f" <{article.url}>" if article.url else ""))
    return 0


def stories_command() -> CliCommand:
    """The ``stories`` command."""
    from bot.cli_commands import CliCommand

    return CliCommand("stories", "group articles that report the same event", _configure, _run)
