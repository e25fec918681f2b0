"""``run discord`` / ``run all``: platform services on one event loop, settings errors explained."""

from __future__ import annotations

import asyncio

import pytest
from pydantic import SecretStr

from bot.adapters.discord_app import DiscordConfigError, serve_discord
from bot.bootstrap import App
from bot.cli import main
from bot.cli_commands import run_targets
from bot.serve import (
    PlatformService,
    ServiceConfigError,
    platform_services,
    run_services,
    serve_together,
)
from bot.settings import DiscordSettings


def test_discord_and_all_are_run_targets() -> None:
    assert {"discord", "all"} <= set(run_targets())
    assert "discord" in {service.name for service in platform_services()}


async def test_discord_needs_a_token(app: App) -> None:
    with pytest.raises(DiscordConfigError, match="BOT_DISCORD__TOKEN is not set"):
        await serve_discord(app)


def test_run_discord_without_a_token_explains_what_to_set(
    capsys: pytest.CaptureFixture[str], app: App
) -> None:
    assert main(["--store", str(app.settings.store.path), "run", "discord"]) == 2
    assert "discord needs BOT_DISCORD__TOKEN" in capsys.readouterr().err


def test_run_all_with_nothing_configured_says_so(
    capsys: pytest.CaptureFixture[str], app: App
) -> None:
    assert main(["--store", str(app.settings.store.path), "run", "all"]) == 2
    assert "no platform is configured" in capsys.readouterr().err


def test_a_configured_token_counts(app: App) -> None:
    [discord] = [s for s in platform_services() if s.name == "discord"]
    assert not discord.configured(app.settings)
    configured = app.settings.model_copy(
        update={"discord": DiscordSettings(token=SecretStr("abc"))}
    )
    assert discord.configured(configured)


async def test_services_share_one_loop_and_stop_together(app: App) -> None:
    started: list[str] = []
    cancelled: list[str] = []
    loops: set[int] = set()

    async def long_running(name: str) -> None:
        started.append(name)
        loops.add(id(asyncio.get_running_loop()))
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.append(name)
            raise

    async def slack(app: App) -> None:
        await long_running("slack")

    async def scheduler(app: App) -> None:
        await long_running("scheduler")

    async def broken(app: App) -> None:
        await asyncio.sleep(0)
        raise ServiceConfigError("BOT_X is not set")

    services = [
        PlatformService("slack", lambda s: True, slack),
        PlatformService("scheduler", lambda s: True, scheduler),
        PlatformService("broken", lambda s: True, broken),
    ]
    with pytest.raises(ServiceConfigError, match="BOT_X"):
        await serve_together(app, services)
    assert sorted(started) == ["scheduler", "slack"]
    assert sorted(cancelled) == ["scheduler", "slack"]
    assert len(loops) == 1


def test_an_unreachable_discord_is_one_line_not_a_traceback(
    app: App, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    async def offline(app: App) -> None:
        raise OSError("Cannot connect to host discord.com:443")

    monkeypatch.setattr("bot.adapters.discord_app.serve_discord", offline)
    token = app.settings.model_copy(update={"discord": DiscordSettings(token=SecretStr("t"))})
    app.settings = token
    assert run_services(app, ["discord"]) == 1
    err = capsys.readouterr().err
    assert "cannot reach Discord (Cannot connect to host discord.com:443)" in err
    assert "Traceback" not in err
