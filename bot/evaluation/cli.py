"""``python -m bot eval KIND …``: one subcommand per evaluation, registered in ``EVALUATIONS``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.cli_commands import CliCommand
    from bot.settings import Settings


@dataclass(frozen=True)
class Evaluation:
    """One ``eval`` kind: its arguments and the function that scores and prints figures."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Settings], int]


def evaluations() -> list[Evaluation]:
    """Every evaluation the bot offers (each feature adds its own)."""
    from bot.evaluation import quotes
    from bot.evaluation.brief import BRIEF_EVAL
    from bot.evaluation.questions import QUESTIONS_EVAL
    from bot.evaluation.stories import stories_evaluation

    return [quotes.evaluation(), BRIEF_EVAL, QUESTIONS_EVAL, stories_evaluation()]


def eval_command() -> CliCommand | None:
    """The ``eval`` command, or None while no evaluation exists."""
    from bot.cli_commands import CliCommand

    kinds = {e.name: e for e in evaluations()}
    if not kinds:
        return None

    def configure(parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="eval_kind", required=True, metavar="KIND")
        for kind in kinds.values():
            kind.configure(sub.add_parser(kind.name, help=kind.help))

    def run(args: argparse.Namespace, settings: Settings) -> int:
        return kinds[args.eval_kind].run(args, settings)

    return CliCommand("eval", "measure quality against labelled data", configure, run_settings=run)
