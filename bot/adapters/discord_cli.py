"""``python -m bot discord-commands``: the Discord application commands as JSON, as registered."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from bot.cli_commands import CliCommand

if TYPE_CHECKING:
    from bot.bootstrap import App
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


def _configure_preview(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Run one chat command (as a server admin would) and print the Discord messages the bot "
        "would send for it: content and embed dicts, already split to Discord's limits."
    )
    parser.add_argument("line", metavar="COMMAND_LINE", help='the command as typed, e.g. "/help"')


def _preview(args: argparse.Namespace, app: App) -> int:
    import asyncio

    from bot.adapters.discord_render import render_discord
    from bot.core.commands import Invocation, split_command_line
    from bot.core.errors import UsageError
    from bot.core.reply import Reply
    from bot.progress import ingest_quietly

    if app.services.store.count_articles() == 0:  # first use: read the corpus folders
        ingest_quietly(app)
    try:
        name, text = split_command_line(args.line)
    except UsageError as exc:
        reply = Reply.notice(exc.message, hint=exc.hint, error=True)
    else:
        invocation = Invocation(name=name, text=text, platform="discord", is_admin=True)
        reply = asyncio.run(app.handle(invocation))
    print(json.dumps(render_discord(reply), indent=2, ensure_ascii=False))
    return 1 if reply.is_error else 0


def discord_preview_command() -> CliCommand:
    """The ``discord-preview`` command."""
    return CliCommand(
        name="discord-preview",
        help="print the Discord messages one chat command would get (JSON)",
        configure=_configure_preview,
        run=_preview,
    )
