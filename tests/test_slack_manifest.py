"""``python -m bot slack-manifest``: generated from the command table, valid for Slack."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from bot.adapters.slack_manifest import build_manifest, usage_hint
from bot.adapters.slack_names import RESERVED, SlackNameError, slack_names
from bot.cli import main
from bot.core.catalog import default_commands
from bot.core.commands import CommandSpec, Param, build_table
from bot.core.reply import Reply


async def _noop(*_args: object) -> Reply:
    return Reply()


def test_every_command_in_the_table_is_in_the_manifest() -> None:
    manifest = build_manifest(default_commands())
    commands = manifest["features"]["slash_commands"]
    names = slack_names(s.name for s in default_commands())
    assert [c["command"] for c in commands] == [f"/{names[s.name]}" for s in default_commands()]
    for entry, spec in zip(commands, default_commands(), strict=True):
        assert entry["description"] == spec.summary + (" (admins only)" * spec.admin_only)
        assert "url" not in entry
        assert re.fullmatch(r"/[a-z0-9_-]{1,31}", entry["command"])
        assert entry["command"].lstrip("/") not in RESERVED
    assert manifest["settings"]["socket_mode_enabled"] is True
    scopes = manifest["oauth_config"]["scopes"]["bot"]
    assert {"commands", "chat:write", "pins:write"} <= set(scopes)


def test_names_slack_reserves_get_a_suffix_and_bad_tables_are_refused() -> None:
    assert slack_names(["search", "help", "status"]) == {
        "search": "search-news",
        "help": "help",
        "status": "status-news",
    }
    with pytest.raises(SlackNameError, match="both /search-news"):
        slack_names(["search", "search-news"])
    with pytest.raises(SlackNameError, match="50 commands"):
        slack_names([f"c{n}" for n in range(51)])
    with pytest.raises(SlackNameError, match="not a valid"):
        slack_names(["x" * 40])


def test_usage_hints_and_admin_marks_come_from_the_spec() -> None:
    spec = CommandSpec(
        "ingest",
        "Add an article or feed.",
        _noop,
        params=(Param("source", "a URL", required=True), Param("note", "why")),
        admin_only=True,
    )
    [entry] = build_manifest(build_table([spec]))["features"]["slash_commands"]
    assert entry["usage_hint"] == "<source> [note]" == usage_hint(spec)
    assert entry["description"] == "Add an article or feed. (admins only)"


def test_long_summaries_are_shortened_for_slack() -> None:
    spec = CommandSpec("x", "word " * 60, _noop)
    [entry] = build_manifest(build_table([spec]))["features"]["slash_commands"]
    assert len(entry["description"]) <= 100 and entry["description"].endswith("…")


def test_http_mode_manifest_points_commands_at_the_url() -> None:
    url = "https://bot.example.com/slack/events"
    manifest = build_manifest(default_commands(), url=url)
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert all(c["url"] == url for c in manifest["features"]["slash_commands"])


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_cli_prints_a_parsable_manifest(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["slack-manifest", "--format", fmt]) == 0
    out = capsys.readouterr().out
    parsed = json.loads(out) if fmt == "json" else yaml.safe_load(out)
    assert parsed == build_manifest(default_commands())


def test_cli_refuses_a_url_that_is_not_http(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["slack-manifest", "--url", "bot.example.com"]) == 2
    assert "--url" in capsys.readouterr().err
