"""``python -m bot …``: the command line. Thin: parse arguments, build the app, call it."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot import __version__
from bot.cli_commands import feature_commands, run_targets
from bot.settings import Settings, SettingsError, StoreSettings, load_settings, masked_env

if TYPE_CHECKING:
    from bot.bootstrap import App

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    store = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a --store given before the command is not reset by the command's own default.
    store.add_argument(
        "--store",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="SQLite store to use (default: BOT_STORE__PATH)",
    )
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="News-briefing bot for Slack and Discord: briefings, who said what, open "
        "questions. Settings come from BOT_* environment variables and .env.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    parser.add_argument("--store", type=Path, metavar="PATH", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = sub.add_parser(
        "ingest", parents=[store], help="add article files or folders, article links or feeds"
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH|URL")

    ask = sub.add_parser("ask", parents=[store], help='run one chat command, e.g. "/help"')
    ask.add_argument("line", metavar="COMMAND_LINE", help="the command as typed in chat, quoted")

    run = sub.add_parser(
        "run", parents=[store], help="start the bot (console: a chat in this terminal)"
    )
    run.add_argument("target", nargs="?", default="console", choices=["console", *run_targets()])

    config = sub.add_parser("config", parents=[store], help="show the effective settings")
    config.add_argument("--json", action="store_true", help="print JSON instead of BOT_ lines")

    bench = sub.add_parser(
        "bench",
        parents=[store],
        help="measure every stage's speed (ingest, NLP, search, chat, feeds)",
    )
    bench.add_argument("--articles", type=int, default=100, metavar="N", help="corpus size")
    bench.add_argument("--rounds", type=int, default=20, help="repeats of the query set")
    bench.add_argument("--seed", type=int, default=7, help="random seed for the corpus")
    bench.add_argument(
        "--seeds", type=Path, metavar="DIR", help="articles whose paragraphs make the corpus"
    )
    bench.add_argument(
        "--feed-entries",
        type=int,
        default=100,
        metavar="N",
        help="entries in the local feed of the feed-ingest stage (0 skips it)",
    )
    for command in feature_commands():
        command.configure(sub.add_parser(command.name, parents=[store], help=command.help))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args = _parser().parse_args(argv)
    try:
        return _main(args)
    except KeyboardInterrupt:  # whatever was mid-write has been rolled back
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`… | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED


def _main(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
    except SettingsError as exc:
        for line in str(exc).splitlines():
            print(f"error: setting {line}", file=sys.stderr)
        return EXIT_USAGE
    if args.store is not None and args.command != "bench":
        settings = settings.model_copy(update={"store": StoreSettings(path=args.store)})
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:  # extraction libraries warn about every odd page; our report says why
        for noisy in ("trafilatura", "htmldate", "courlan", "justext", "httpx", "httpcore"):
            logging.getLogger(noisy).setLevel(logging.ERROR)
    if args.command == "config":
        return _config(settings, as_json=args.json)
    if args.command == "bench":
        from bot.bench import run_bench

        return run_bench(
            articles=args.articles,
            rounds=args.rounds,
            seed=args.seed,
            store=args.store,
            seeds=args.seeds or next(iter(settings.corpus.dirs), Path("seeds")),
            feed_entries=args.feed_entries,
        )

    extra = {c.name: c for c in feature_commands()}
    command = extra.get(args.command)
    if command is not None and command.run_settings is not None:
        return command.run_settings(args, settings)

    from bot.bootstrap import build
    from bot.core.store import StoreError

    try:
        app = build(settings)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "ingest":
            from bot.web_progress import ingest_targets

            return EXIT_FAILED if ingest_targets(app, args.paths) else EXIT_OK
        if args.command == "ask":
            return _ask(app, args.line)
        if command is not None and command.run is not None:
            return command.run(args, app)
        from bot.ingest.worker import start_worker

        worker = start_worker(app)
        try:
            if args.target != "console":
                return run_targets()[args.target](app)
            return _run_console(app)
        finally:
            if worker is not None:
                worker.stop()
    finally:
        app.close()


def _config(settings: Settings, *, as_json: bool) -> int:
    values = masked_env(settings)
    if as_json:
        print(json.dumps(values, indent=2))
    else:
        for name, value in values.items():
            print(f"{name}={value}")
    return EXIT_OK


def _ask(app: App, line: str) -> int:
    from bot.adapters.console import ask
    from bot.adapters.text_render import render_text
    from bot.progress import ingest_quietly

    if app.services.store.count_articles() == 0:  # first use: read the corpus folders
        ingest_quietly(app)
    reply = asyncio.run(ask(app, line))
    print(render_text(reply))
    return EXIT_FAILED if reply.is_error else EXIT_OK


def _run_console(app: App) -> int:
    from bot.adapters.console import repl
    from bot.progress import ingest_with_progress

    ingest_with_progress(app, app.settings.corpus.dirs, quiet_if_unchanged=True)
    missing = [str(d) for d in app.settings.corpus.dirs if not d.exists()]
    if missing:
        print(
            f"Corpus folder not found: {', '.join(missing)}. Run from the project folder or set "
            "BOT_CORPUS__DIRS."
        )
    count = app.services.store.count_articles()
    print(
        f"Briefing bot, console mode: {count} article{'s' * (count != 1)} indexed in "
        f"{app.settings.store.path}.\nType /help for the commands, /quit (or Ctrl-D) to leave.\n"
    )
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    history = app.settings.store.path.parent / "console_history"
    if interactive:
        repl(app, interactive=True, history=history)
    else:
        repl(app, read=_read_piped)
    return EXIT_OK


def _read_piped(_prompt: str) -> str:
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
