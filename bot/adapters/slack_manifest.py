"""``python -m bot slack-manifest``: the Slack app manifest, generated from the command table.

Paste its output into https://api.slack.com/apps → Create New App → From a manifest. Socket Mode
is on by default; ``--url`` makes an HTTP-mode manifest whose commands post to that URL.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.adapters.slack_names import SlackNameError, slack_names
from bot.cli_commands import CliCommand
from bot.core.catalog import default_commands
from bot.core.commands import CommandSpec, CommandTable
from bot.settings import Settings

APP_NAME = "Briefing bot"
BOT_NAME = "briefing-bot"
DESCRIPTION = "Briefings, who said what and open questions from the news you follow."
# commands: slash commands; chat:write(.public): answers and daily briefings, also in public
# channels the bot was not invited to; pins:read/pins:write: pin the daily briefing and remove
# yesterday's.
BOT_SCOPES = (
    "commands",
    "chat:write",
    "chat:write.public",
    "pins:read",
    "pins:write",
    # Reading recent history finds a daily post made just before a crash (no double posts).
    "channels:history",
    "groups:history",
)
# Kept short: Slack shows them in its one-line command autocomplete.
MAX_DESCRIPTION = 100
MAX_USAGE_HINT = 100


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def usage_hint(spec: CommandSpec) -> str:
    """The usage hint Slack shows while typing, e.g. ``<query>`` or ``[person] [about]``."""
    return " ".join(f"<{p.name}>" if p.required else f"[{p.name}]" for p in spec.params)


def slash_command(spec: CommandSpec, url: str | None, name: str | None = None) -> dict[str, Any]:
    """One ``features.slash_commands`` entry (``name``: the Slack spelling, if different)."""
    summary = spec.summary + (" (admins only)" if spec.admin_only else "")
    entry: dict[str, Any] = {
        "command": f"/{name or spec.name}",
        "description": _clip(summary, MAX_DESCRIPTION),
        "should_escape": False,
    }
    hint = usage_hint(spec)
    if hint:
        entry["usage_hint"] = _clip(hint, MAX_USAGE_HINT)
    if url:
        entry["url"] = url
    return entry


def build_manifest(
    table: CommandTable, *, url: str | None = None, name: str = APP_NAME
) -> dict[str, Any]:
    """The manifest for ``table``: Socket Mode, or HTTP mode with requests sent to ``url``.

    Raises:
        SlackNameError: the table has names or a number of commands Slack cannot take.
    """
    names = slack_names(spec.name for spec in table)
    manifest: dict[str, Any] = {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": name,
            "description": DESCRIPTION,
            "background_color": "#1d3557",
        },
        "features": {
            "bot_user": {"display_name": BOT_NAME, "always_online": True},
            "slash_commands": [slash_command(spec, url, names[spec.name]) for spec in table],
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": {
            "org_deploy_enabled": False,
            "socket_mode_enabled": url is None,
            "token_rotation_enabled": False,
        },
    }
    return manifest


def render_manifest(manifest: dict[str, Any], fmt: str) -> str:
    """The manifest as YAML or JSON text."""
    if fmt == "json":
        return json.dumps(manifest, indent=2, ensure_ascii=False)
    import yaml

    return str(yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=100))


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=["yaml", "json"], default="yaml", help="output format (default yaml)"
    )
    parser.add_argument(
        "--url",
        metavar="URL",
        help="HTTP mode: the public https URL of POST /slack/events (default: Socket Mode)",
    )
    parser.add_argument("--name", default=APP_NAME, help=f"app name (default {APP_NAME!r})")


def _run(args: argparse.Namespace, _settings: Settings) -> int:
    url = args.url
    if url is not None and not url.startswith(("https://", "http://")):
        print("error: --url must be an http(s) URL ending in /slack/events", file=sys.stderr)
        return 2
    try:
        manifest = build_manifest(default_commands(), url=url, name=args.name)
    except SlackNameError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(render_manifest(manifest, args.format).rstrip("\n"))
    return 0


SLACK_MANIFEST = CliCommand(
    name="slack-manifest",
    help="print the Slack app manifest (commands from the command table)",
    configure=_configure,
    run_settings=_run,
)
