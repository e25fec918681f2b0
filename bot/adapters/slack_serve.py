"""Run the Slack adapter: Socket Mode (default) or HTTP mode, from settings.

:func:`serve_slack` runs until cancelled, so a combined runner can gather it with other
platforms on one event loop; :func:`run_slack` is ``python -m bot run slack``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Awaitable
from typing import TYPE_CHECKING

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.settings import SlackSettings

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)


class SlackConfigError(Exception):
    """Settings are missing for the chosen Slack mode; the message names them."""


class SlackUnreachable(Exception):
    """The Slack Web API cannot be reached (network down, DNS, firewall, wrong base URL)."""


def slack_configured(settings: SlackSettings) -> bool:
    """Whether the settings hold what the chosen mode needs (for ``run all``)."""
    try:
        check_settings(settings)
    except SlackConfigError:
        return False
    return True


def check_settings(settings: SlackSettings) -> None:
    """Make sure the credentials the chosen mode needs are set.

    Raises:
        SlackConfigError: one line naming the missing ``BOT_SLACK__…`` variables.
    """
    needed = {"BOT_SLACK__BOT_TOKEN": settings.bot_token}
    if settings.mode == "socket":
        needed["BOT_SLACK__APP_TOKEN"] = settings.app_token
    else:
        needed["BOT_SLACK__SIGNING_SECRET"] = settings.signing_secret
    missing = [name for name, value in needed.items() if not value or not value.get_secret_value()]
    if missing:
        raise SlackConfigError(
            f"Slack {settings.mode} mode needs {' and '.join(missing)} (see the README's Slack "
            "section; put them in .env)."
        )
    app_token = settings.app_token.get_secret_value() if settings.app_token else ""
    if settings.mode == "socket" and not app_token.startswith("xapp-"):
        raise SlackConfigError(
            "BOT_SLACK__APP_TOKEN must be an app-level token (xapp-…) with connections:write."
        )


async def serve_slack(app: App) -> None:
    """Serve Slack until cancelled: Socket Mode, or HTTP mode when ``BOT_SLACK__MODE=http``.

    The tokens are checked with Slack first, so a wrong one stops the bot with a clear message
    instead of an endless reconnect loop.

    Raises:
        SlackConfigError: credentials for the mode are missing or refused by Slack.
        SlackUnreachable: the Web API cannot be reached to check them.
    """
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    from bot.adapters.slack_app import build_slack_app
    from bot.adapters.slack_client import web_client
    from bot.adapters.slack_http import serve_http
    from bot.adapters.slack_names import SlackNameError

    settings = app.settings.slack
    check_settings(settings)
    client = web_client(settings)
    try:
        bolt = build_slack_app(app, client=client)
    except SlackNameError as exc:
        raise SlackConfigError(f"the command table does not fit Slack: {exc}") from None
    await _check_token(client.auth_test(), "BOT_SLACK__BOT_TOKEN", settings.api_base_url)
    if settings.mode == "http":
        await serve_http(bolt, settings.host, settings.port)
        return
    assert settings.app_token is not None  # checked above
    app_token = settings.app_token.get_secret_value()
    opened = await _check_token(
        client.apps_connections_open(app_token=app_token),
        "BOT_SLACK__APP_TOKEN",
        settings.api_base_url,
    )
    handler = AsyncSocketModeHandler(bolt, app_token, web_client=client)
    handler.client.wss_uri = str(opened["url"])
    try:
        await handler.connect_async()  # type: ignore[no-untyped-call]
        log.info(
            "Slack Socket Mode: connected; serving %d commands", len(app.services.commands.specs)
        )
        await asyncio.Event().wait()
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]


async def _check_token(
    call: Awaitable[AsyncSlackResponse], name: str, base_url: str
) -> AsyncSlackResponse:
    """Await a Web API call that proves a token works, or explain what is wrong."""
    try:
        return await call
    except SlackApiError as exc:
        raise SlackConfigError(f"Slack refused {name}: {exc.response.get('error')}") from None
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise SlackUnreachable(
            f"cannot reach the Slack Web API at {base_url} ({type(exc).__name__}); check the "
            "network or BOT_SLACK__API_BASE_URL"
        ) from None


def run_slack(app: App) -> int:
    """``python -m bot run slack``: ingest the corpus folders, then serve until Ctrl-C."""
    from bot.progress import ingest_with_progress

    try:
        check_settings(app.settings.slack)
    except SlackConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    ingest_with_progress(app, app.settings.corpus.dirs, quiet_if_unchanged=True)
    mode = app.settings.slack.mode
    print(f"Slack bot starting in {mode} mode; Ctrl-C stops it.", file=sys.stderr)
    try:
        asyncio.run(_serve_until_stopped(app))
    except SlackConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SlackUnreachable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    print("stopped", file=sys.stderr)
    return 0


async def _serve_until_stopped(app: App) -> None:
    """Serve until Ctrl-C or SIGTERM (how Docker and systemd stop a service), then clean up."""
    task = asyncio.current_task()
    assert task is not None
    with contextlib.suppress(NotImplementedError):  # no signal handlers on some platforms
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    with contextlib.suppress(asyncio.CancelledError):
        await serve_slack(app)
