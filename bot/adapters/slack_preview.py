"""``python -m bot slack-preview "/search sanctions"``: a command's answer as Slack Block Kit JSON.

Prints exactly the messages the Slack adapter would send (blocks, fallback text and whether the
reply is ephemeral or goes to the channel), without Slack or tokens; paste a message's
``blocks`` into Slack's Block Kit Builder to see it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import TYPE_CHECKING

from bot.adapters.slack_render import render_slack
from bot.cli_commands import CliCommand

if TYPE_CHECKING:
    from bot.bootstrap import App


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("line", metavar="COMMAND_LINE", help='the command as typed, e.g. "/help"')
    parser.add_argument("--user", default="U0PREVIEW", help="Slack user id to run it as")


def _run(args: argparse.Namespace, app: App) -> int:
    from bot.adapters.slack_app import SlackCommands
    from bot.core.commands import split_command_line
    from bot.core.errors import UsageError
    from bot.progress import ingest_quietly

    if app.services.store.count_articles() == 0:  # first use: read the corpus folders
        ingest_quietly(app)
    try:
        name, text = split_command_line(args.line)
    except UsageError as exc:
        print(f"error: {exc.message}")
        return 2
    slack = SlackCommands(app)
    payload = {"command": f"/{name}", "text": text, "user_id": args.user, "channel_id": "C0"}
    invocation = slack.invocation(payload)  # either spelling: /search or /search-news
    reply = asyncio.run(slack.run(invocation))
    kind = "in_channel" if slack.is_public(invocation, reply) else "ephemeral"
    messages = [{**m.payload(), "response_type": kind} for m in render_slack(reply)]
    print(json.dumps(messages if len(messages) > 1 else messages[0], indent=2, ensure_ascii=False))
    return 1 if reply.is_error else 0


SLACK_PREVIEW = CliCommand(
    name="slack-preview",
    help="show a chat command's answer as the Slack Block Kit messages the bot would send",
    configure=_configure,
    run=_run,
)
