"""``python -m bot slack-preview``: the Block Kit the adapter would send, from the command line."""

from __future__ import annotations

import json

import pytest
from slack_support import block_kit_problems

from bot.bootstrap import App
from bot.cli import main


def test_preview_prints_valid_block_kit(
    seeded_app: App, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(seeded_app.settings.store.path)
    assert main(["slack-preview", "/search sanctions", "--store", store]) == 0
    message = json.loads(capsys.readouterr().out)
    assert message["response_type"] == "ephemeral"
    assert message["blocks"][0]["text"]["text"] == "Search: sanctions"
    assert block_kit_problems(message) == []


def test_preview_of_an_error_exits_1(seeded_app: App, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(seeded_app.settings.store.path)
    assert main(["slack-preview", "/nosuch", "--store", store]) == 1
    message = json.loads(capsys.readouterr().out)
    assert message["blocks"][0]["text"]["text"].startswith(":warning: There is no command")
