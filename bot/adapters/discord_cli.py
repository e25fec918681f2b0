"""``python -m bot discord-commands``: the Discord application commands as JSON, as registered."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from bot.cli_commands import CliCommand

if TYPE_CHECKING:
    from bot.settings import Settings


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Print the JSON body that registers the bot's slash commands with Discord (names, "
        "descriptions, options, default permissions): the same payload the bot syncs at start, "
        "to review, or to register by hand with PUT /applications/{id}/commands."
    )


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.adapters.discord_app import command_payloads

    print(json.dumps(command_payloads(settings), indent=2, ensure_ascii=False))
    return 0


def discord_commands_command() -> CliCommand:
    """The ``discord-commands`` command."""
    return CliCommand(
        name="discord-commands",
        help="print the Discord slash commands as registered (JSON)",
        configure=_configure,
        run_settings=_run,
    )
