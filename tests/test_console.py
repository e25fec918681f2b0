"""Console mode: the REPL, ``ask``, and the first start on a fresh checkout."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import ROOT, SEEDS

from bot.adapters.console import repl
from bot.bootstrap import App


def _reader(lines: list[str]) -> Callable[[str], str]:
    queue = list(lines)

    def read(_prompt: str) -> str:
        if not queue:
            raise EOFError
        return queue.pop(0)

    return read


def test_repl_answers_each_line_until_quit(seeded_app: App) -> None:
    out = io.StringIO()
    repl(seeded_app, read=_reader(["/help", "", "/search Snegovaya", "/quit", "/help"]), out=out)
    text = out.getvalue()
    assert text.count("What I can do") == 1  # the /help after /quit never ran
    assert "Snegovaya" in text


def test_repl_explains_lines_that_are_not_commands(seeded_app: App) -> None:
    out = io.StringIO()
    repl(seeded_app, read=_reader(["hello bot"]), out=out)
    assert "Commands start with a slash" in out.getvalue()


def test_repl_survives_ctrl_c(seeded_app: App) -> None:
    def read(_prompt: str) -> str:
        raise KeyboardInterrupt

    repl(seeded_app, read=read, out=io.StringIO())


def test_interactive_repl_styles_output_and_keeps_history(seeded_app: App, tmp_path: Path) -> None:
    out = io.StringIO()
    history = tmp_path / "history"
    repl(
        seeded_app,
        read=_reader(["/search sanctions bill"]),
        out=out,
        history=history,
        interactive=True,
    )
    assert "\x1b[1m" in out.getvalue()
    assert history.exists()


def _fresh_checkout(tmp_path: Path) -> Path:
    work = tmp_path / "checkout"
    work.mkdir()
    shutil.copytree(SEEDS, work / "seeds")
    return work


def _bot(work: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run ``python -m bot ARGS`` in ``work`` with no BOT_* settings from this environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_first_start_ingests_seeds_and_answers(tmp_path: Path) -> None:
    work = _fresh_checkout(tmp_path)
    run = _bot(work, "run", "console", stdin="/search sanctions bill\n/sources\n")
    assert run.returncode == 0, run.stderr
    assert "1 added" in run.stdout
    assert "1 article indexed" in run.stdout
    assert "**sanctions** **bill**" in run.stdout
    assert "Traceback" not in run.stderr
    assert (work / "data" / "bot.sqlite3").exists()

    again = _bot(work, "run")
    assert again.returncode == 0
    assert "added" not in again.stdout  # nothing new: the start-up ingest is silent


def test_ask_on_a_fresh_checkout_and_another_store(tmp_path: Path) -> None:
    work = _fresh_checkout(tmp_path)
    other = tmp_path / "elsewhere" / "other.sqlite3"
    run = _bot(work, "ask", "/search sanctions bill", "--store", str(other))
    assert run.returncode == 0, run.stderr
    assert "Graham-Blumenthal" in run.stdout
    assert other.exists()
    assert not (work / "data").exists()


def test_ask_with_a_bad_command_exits_non_zero_without_traceback(tmp_path: Path) -> None:
    run = _bot(_fresh_checkout(tmp_path), "ask", "/nosuch")
    assert run.returncode == 1
    assert "There is no command /nosuch" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def test_start_outside_the_project_says_the_corpus_is_missing(tmp_path: Path) -> None:
    run = _bot(tmp_path, "run", stdin="/sources\n")
    assert run.returncode == 0
    assert f"skipped   {tmp_path / 'seeds'}: no such file or folder" in run.stdout
    assert "Corpus folder not found: seeds" in run.stdout
    assert "No articles are indexed yet" in run.stdout
