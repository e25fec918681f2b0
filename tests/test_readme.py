"""The README's command list and settings table agree with the code."""

from __future__ import annotations

from conftest import ROOT

from bot.core.catalog import default_commands
from bot.settings import Settings, masked_env

README = (ROOT / "README.md").read_text(encoding="utf-8")
ENV_EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")


def test_every_command_is_listed_with_its_summary() -> None:
    for spec in default_commands():
        assert f"| `{spec.usage}` | {spec.summary} |" in README


def test_every_setting_is_documented_in_readme_and_env_example() -> None:
    for name in masked_env(Settings()):
        assert name in README, name
        assert f"{name}=" in ENV_EXAMPLE, name
