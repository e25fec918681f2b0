"""Wiring for the daily briefing: platform publishers from settings, the scheduler service.

Publishers talk to the platforms' REST APIs on their own (Slack's Web API client; a Discord
client that logs in without opening a gateway connection), so the scheduler and
``post-daily`` work whether or not the chat adapters run in the same process.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING

from bot.core.daily import compose_daily
from bot.core.daily_delivery import Composed, Deliverer
from bot.core.deliveries import Ledger
from bot.core.ports import Publisher
from bot.core.schedule import Subscription
from bot.core.scheduler import DailyScheduler

if TYPE_CHECKING:
    from bot.bootstrap import App
    from bot.settings import Settings

log = logging.getLogger(__name__)


@asynccontextmanager
async def publishers(settings: Settings) -> AsyncIterator[dict[str, Publisher]]:
    """The publishers of every platform whose bot token is set, keyed by platform."""
    found: dict[str, Publisher] = {}
    token = settings.slack.bot_token
    if token is not None and token.get_secret_value().strip():
        from bot.adapters.slack_client import web_client
        from bot.adapters.slack_publish import SlackPublisher

        found["slack"] = SlackPublisher(web_client(settings.slack))
    discord_client = None
    secret = settings.discord.token
    if secret is not None and secret.get_secret_value().strip():
        import discord

        from bot.adapters.discord_publish import DiscordPublisher

        discord_client = discord.Client(intents=discord.Intents.none())
        try:
            await discord_client.login(secret.get_secret_value().strip())
            found["discord"] = DiscordPublisher(discord_client)
        except (discord.LoginFailure, discord.HTTPException, OSError) as exc:
            log.error("Discord: cannot log in to post daily briefings: %s", exc)
    try:
        yield found
    finally:
        if discord_client is not None:
            await discord_client.close()


def scheduler(app: App, found: dict[str, Publisher]) -> DailyScheduler:
    """The daily-briefing scheduler over the app's store, clock and settings."""
    services = app.services

    async def compose(
        sub: Subscription, day: date, since: datetime | None, digest: str
    ) -> Composed:
        return await compose_daily(services, sub, day, since, digest)

    deliverer = Deliverer(Ledger(services.store), found, services.clock)
    return DailyScheduler(services.store, services.daily, deliverer, compose, services.clock)


async def serve_daily(app: App) -> None:
    """Post the daily briefings on schedule until cancelled."""
    async with publishers(app.settings) as found:
        log.info("daily briefings: publishing to %s", ", ".join(found) or "no platform")
        await scheduler(app, found).run()
