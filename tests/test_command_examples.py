"""Every example in the command table runs through the console adapter and gets a real answer."""

from __future__ import annotations

import pytest
from conftest import offline_examples

from bot.adapters.console import ask
from bot.adapters.text_render import render_text
from bot.bootstrap import App
from bot.core.catalog import default_commands

EXAMPLES = offline_examples()


def test_every_command_has_an_example() -> None:
    missing = [spec.name for spec in default_commands() if not spec.examples]
    assert not missing


@pytest.mark.parametrize("line", EXAMPLES)
async def test_example_answers_without_error(seeded_app: App, line: str) -> None:
    reply = await ask(seeded_app, line)
    assert not reply.is_error, render_text(reply)
    assert reply.blocks
    assert render_text(reply).strip()


@pytest.mark.parametrize("line", EXAMPLES)
def test_example_runs_from_the_command_line(
    seeded_app: App, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    code = main(["ask", line, "--store", str(seeded_app.settings.store.path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.strip()
