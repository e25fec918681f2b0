"""The bot's command table: every command it offers, in the order ``/help`` lists them."""

from __future__ import annotations

from bot.core.briefing import BRIEF
from bot.core.commands import CommandTable, build_table
from bot.core.help import HELP
from bot.core.search import SEARCH
from bot.core.sources import SOURCES


def default_commands() -> CommandTable:
    """The table every adapter serves."""
    return build_table([BRIEF, SEARCH, SOURCES, HELP])
