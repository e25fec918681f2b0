"""``python -m bot run discord|all``: the chat platforms, served together on one event loop.

Each platform contributes a :class:`PlatformService` to :func:`platform_services`: whether the
settings configure it, and a coroutine that serves it until cancelled. ``run all`` starts every
configured one in one process; when one stops with an error the others are stopped too.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.bootstrap import App
    from bot.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class ServiceConfigError(Exception):
    """A platform cannot start with these settings; the message says what to set."""


class ServiceUnreachable(Exception):
    """A platform's servers cannot be reached (network down, DNS, firewall)."""


@dataclass(frozen=True)
class PlatformService:
    """A long-running part of the bot (a chat platform, the scheduler).

    Attributes:
        name: what ``python -m bot run NAME`` calls it.
        configured: whether the settings hold what it needs (its token, say).
        serve: runs it until cancelled; raises :class:`ServiceConfigError` for bad settings.
        needs: the settings it cannot start without, for the error message.
    """

    name: str
    configured: Callable[[Settings], bool]
    serve: Callable[[App], Coroutine[Any, Any, None]]
    needs: str = ""


async def _serve_discord(app: App) -> None:
    from bot.adapters.discord_app import DiscordConfigError, serve_discord

    try:
        await serve_discord(app)
    except DiscordConfigError as exc:
        raise ServiceConfigError(str(exc)) from None
    except OSError as exc:  # aiohttp's connection errors are OSErrors too
        raise ServiceUnreachable(f"cannot reach Discord ({exc}); check the network") from None


async def _serve_slack(app: App) -> None:
    from bot.adapters.slack_serve import SlackConfigError, SlackUnreachable, serve_slack

    try:
        await serve_slack(app)
    except SlackConfigError as exc:
        raise ServiceConfigError(str(exc)) from None
    except SlackUnreachable as exc:
        raise ServiceUnreachable(str(exc)) from None


def _slack_configured(settings: Settings) -> bool:
    from bot.adapters.slack_serve import slack_configured

    return slack_configured(settings.slack)


def _discord_configured(settings: Settings) -> bool:
    token = settings.discord.token
    return token is not None and bool(token.get_secret_value().strip())


async def _serve_daily(app: App) -> None:
    from bot.daily_runtime import serve_daily

    await serve_daily(app)


DAILY = PlatformService("daily briefings", lambda _settings: True, _serve_daily)
"""The scheduler of pinned daily briefings; runs beside whichever platforms are served."""


def platform_services() -> list[PlatformService]:
    """Every service ``run all`` knows, in start order (platforms add theirs here)."""
    return [
        PlatformService(
            "slack",
            _slack_configured,
            _serve_slack,
            "BOT_SLACK__BOT_TOKEN and BOT_SLACK__APP_TOKEN (or BOT_SLACK__SIGNING_SECRET in "
            "http mode)",
        ),
        PlatformService("discord", _discord_configured, _serve_discord, "BOT_DISCORD__TOKEN"),
    ]


def run_services(app: App, names: Sequence[str] | None = None) -> int:
    """Ingest the corpus, then serve the named services (``None``: every configured one).

    Returns:
        The exit code: 2 when nothing can start or a service's settings are wrong.
    """
    known = {service.name: service for service in platform_services()}
    if names is None:
        chosen = [s for s in known.values() if s.configured(app.settings)]
        if not chosen:
            names_list = ", ".join(known) or "none"
            print(
                f"error: no platform is configured (known: {names_list}); set the tokens in "
                ".env (see the README).",
                file=sys.stderr,
            )
            return EXIT_USAGE
    else:
        chosen = [known[name] for name in names]
        for service in chosen:
            if not service.configured(app.settings):
                print(
                    f"error: {service.name} needs {service.needs or 'its settings'}; set it in "
                    f".env (see the README).",
                    file=sys.stderr,
                )
                return EXIT_USAGE
    chosen = [*chosen, DAILY]  # the daily briefings go out through the chosen platforms' APIs
    from bot.progress import ingest_with_progress

    ingest_with_progress(app, app.settings.corpus.dirs, quiet_if_unchanged=True)
    print(f"Serving: {', '.join(s.name for s in chosen)}. Ctrl-C stops.", file=sys.stderr)
    try:
        asyncio.run(serve_together(app, chosen))
    except ServiceConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ServiceUnreachable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


async def serve_together(app: App, services: Sequence[PlatformService]) -> None:
    """Run ``services`` concurrently on this event loop until all end or one fails.

    Raises:
        ServiceConfigError: a service's settings are wrong (the others are stopped).
        ServiceUnreachable: a service cannot reach its servers (the others are stopped).
        Exception: the first other failure, after the others are stopped.
    """
    try:
        async with asyncio.TaskGroup() as group:
            for service in services:
                group.create_task(service.serve(app), name=service.name)
    except* (ServiceConfigError, ServiceUnreachable) as errors:
        raise errors.exceptions[0] from None
    except* Exception as errors:
        raise errors.exceptions[0] from None


def run_discord(app: App) -> int:
    """``python -m bot run discord``."""
    return run_services(app, ["discord"])


def run_all(app: App) -> int:
    """``python -m bot run all``: every configured platform in one process."""
    return run_services(app, None)
