"""Command-line commands contributed by features, so ``cli.py`` stays a thin dispatcher.

A feature adds a :class:`CliCommand` (its own module holds the arguments and the work) to
:func:`feature_commands`, and a platform adds its ``python -m bot run TARGET`` to
:func:`run_targets`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.bootstrap import App
    from bot.settings import Settings


@dataclass(frozen=True)
class CliCommand:
    """One ``python -m bot NAME …`` command.

    Attributes:
        name: the subcommand.
        help: one line for ``--help``.
        configure: adds the command's arguments to its parser.
        run: does the work with the built app; returns the exit code.
        run_settings: instead of ``run``, for commands that work from settings alone (no
            store is opened).
    """

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, App], int] | None = None
    run_settings: Callable[[argparse.Namespace, Settings], int] | None = None

    @property
    def needs_app(self) -> bool:
        """Whether the store and the rest of the app are built before :attr:`run`."""
        return self.run is not None


def feature_commands() -> list[CliCommand]:
    """The commands features add, in ``--help`` order."""
    from bot.adapters.discord_cli import discord_commands_command, discord_preview_command
    from bot.adapters.slack_manifest import SLACK_MANIFEST
    from bot.adapters.slack_preview import SLACK_PREVIEW
    from bot.brief_cli import BRIEF_CLI
    from bot.cli_quotes import QUOTES
    from bot.cli_stories import stories_command
    from bot.daily_cli import POST_DAILY
    from bot.evaluation.cli import eval_command
    from bot.questions_cli import QUESTIONS_CLI

    commands: list[CliCommand] = [
        BRIEF_CLI,
        QUOTES,
        QUESTIONS_CLI,
        stories_command(),
        POST_DAILY,
        SLACK_MANIFEST,
        SLACK_PREVIEW,
        discord_commands_command(),
        discord_preview_command(),
    ]
    evaluation = eval_command()
    if evaluation is not None:
        commands.append(evaluation)
    return commands


def run_targets() -> dict[str, Callable[[App], int]]:
    """What ``python -m bot run TARGET`` can start, besides ``console``."""
    from bot.adapters.slack_serve import run_slack
    from bot.serve import run_all, run_discord

    return {"slack": run_slack, "discord": run_discord, "all": run_all}
