"""Console mode: talk to the bot in a terminal (a REPL with history), or ask one command."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from rich.console import Console

from bot.adapters.text_render import ANSI, PLAIN, render_text
from bot.bootstrap import App
from bot.core.commands import Invocation, split_command_line
from bot.core.errors import UsageError
from bot.core.reply import Reply

QUIT = ("/quit", "/exit")


async def ask(app: App, line: str) -> Reply:
    """Run one command line, as typed, as the console user (who is an admin)."""
    try:
        name, text = split_command_line(line)
    except UsageError as exc:
        return Reply.notice(exc.message, hint=exc.hint, error=True)
    invocation = Invocation(name=name, text=text, platform="console", is_admin=True)
    return await app.handle(invocation)


def repl(
    app: App,
    *,
    read: Callable[[str], str] = input,
    out: TextIO | None = None,
    history: Path | None = None,
    interactive: bool = False,
) -> None:
    """Read commands until /quit or end of input, printing each reply.

    Args:
        app: the bot.
        read: reads one line after showing a prompt (``input`` in a terminal).
        out: where replies go (standard output by default).
        history: a file for line-editing history, kept across sessions.
        interactive: style output for a terminal and show a spinner on slow commands.
    """
    stream = out or sys.stdout
    console = Console(file=stream)
    style = ANSI if interactive else PLAIN
    names = [f"/{spec.name}" for spec in app.services.commands] + list(QUIT)
    editing = _line_editing(history, names) if interactive else contextlib.nullcontext()
    with editing, asyncio.Runner() as runner:
        while True:
            try:
                line = read("bot> ").strip()
            except (EOFError, KeyboardInterrupt):
                stream.write("\n")
                return
            if not line:
                continue
            if line.lower() in QUIT:
                return
            status = console.status("working…") if interactive else contextlib.nullcontext()
            try:
                with status:
                    reply = runner.run(ask(app, line))
            except KeyboardInterrupt:  # Ctrl-C cancels the command, not the session
                stream.write("(cancelled)\n\n")
                continue
            stream.write(render_text(reply, style) + "\n\n")
            stream.flush()


@contextlib.contextmanager
def _line_editing(history: Path | None, names: list[str]) -> Iterator[None]:
    try:
        import readline
    except ImportError:  # not on every platform
        yield
        return
    readline.parse_and_bind("tab: complete")
    readline.set_completer_delims(" ")
    readline.set_completer(lambda text, n: ([x for x in names if x.startswith(text)] + [None])[n])
    if history is not None:
        with contextlib.suppress(OSError):
            readline.read_history_file(history)
    try:
        yield
    finally:
        if history is not None:
            with contextlib.suppress(OSError):
                history.parent.mkdir(parents=True, exist_ok=True)
                readline.set_history_length(1000)
                readline.write_history_file(history)
