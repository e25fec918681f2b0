"""Slash-command names in Slack: the table's names, except where Slack reserves one.

Slack's built-in commands (``/search``, ``/status``, ``/remind``…) cannot be registered by an app:
a manifest that lists one is refused as a whole. Such a command gets the suffix
:data:`RESERVED_SUFFIX` in Slack (``/search`` → ``/search-news``, which Slack's autocomplete still
offers when the user types ``/search``), and the bot's own words in replies (usage lines, hints,
"did you mean") name the Slack spelling, so ``/help`` never sends anyone to Slack's built-in.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping

from bot.core.reply import Block, Context, Header, Reply, Section

RESERVED_SUFFIX = "-news"
MAX_NAME = 32
MAX_COMMANDS = 50
# Slack's built-in slash commands (and a few it has retired but still holds).
RESERVED = frozenset(
    {
        "active", "apps", "archive", "away", "call", "collapse", "dm", "dnd", "expand", "feed",
        "feedback", "invite", "join", "kick", "leave", "me", "msg", "mute", "open", "pro",
        "remind", "remove", "rename", "search", "shortcuts", "shrug", "star", "status", "topic",
        "who",
    }
)  # fmt: skip


class SlackNameError(ValueError):
    """The command table cannot be expressed as Slack slash commands (names, count)."""


def slack_names(names: Iterable[str]) -> dict[str, str]:
    """Map each table name to its Slack name (without the slash).

    Raises:
        SlackNameError: a name Slack cannot take, two names that collide, or too many commands.
    """
    mapping: dict[str, str] = {}
    for name in names:
        slack = f"{name}{RESERVED_SUFFIX}" if name in RESERVED else name
        if not re.fullmatch(rf"[a-z0-9_-]{{1,{MAX_NAME - 1}}}", slack):
            raise SlackNameError(f"/{slack} is not a valid Slack command name")
        if slack in mapping.values():
            raise SlackNameError(f"/{name} and another command are both /{slack} in Slack")
        mapping[name] = slack
    if len(mapping) > MAX_COMMANDS:
        raise SlackNameError(
            f"Slack allows {MAX_COMMANDS} commands per app; the table has {len(mapping)}"
        )
    return mapping


def localise(reply: Reply, names: Mapping[str, str]) -> Reply:
    """Rewrite command names in the bot's own words (not article text) to their Slack spelling.

    Headers, context lines and sections without sources are the bot's words; sections with
    sources (article text) and sections with highlights are left exactly as they are.
    """
    renamed = {table: slack for table, slack in names.items() if table != slack}
    if not renamed:
        return reply
    pattern = re.compile(r"(?<![\w/.:-])/(" + "|".join(map(re.escape, renamed)) + r")(?![\w-])")

    def swap(text: str) -> str:
        return pattern.sub(lambda m: "/" + renamed[m.group(1)], text)

    blocks: list[Block] = []
    for block in reply.blocks:
        if isinstance(block, Header | Context) or (
            isinstance(block, Section) and not block.sources and not block.highlights
        ):
            block = dataclasses.replace(block, text=swap(block.text))
        blocks.append(block)
    return dataclasses.replace(reply, blocks=tuple(blocks))
