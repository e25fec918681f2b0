"""The bot's command table: every command it offers, in the order ``/help`` lists them."""

from __future__ import annotations

from bot.core.briefing import BRIEF
from bot.core.commands import CommandTable, build_table
from bot.core.help import HELP
from bot.core.ingest_command import INGEST
from bot.core.questions import QUESTIONS
from bot.core.search import SEARCH
from bot.core.sources import SOURCES
from bot.core.subscribe import SUBSCRIBE, SUBSCRIPTIONS, UNSUBSCRIBE
from bot.core.whosaid import WHOSAID


def default_commands() -> CommandTable:
    """The table every adapter serves."""
    return build_table(
        [
            BRIEF,
            WHOSAID,
            QUESTIONS,
            SEARCH,
            SOURCES,
            SUBSCRIBE,
            UNSUBSCRIBE,
            SUBSCRIPTIONS,
            HELP,
            INGEST,
        ]
    )
