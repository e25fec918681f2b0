"""The Discord bot: a client whose command tree is generated from the command table.

Slash commands need no privileged intents (no message content, no member list); the tree is
synced in ``setup_hook``, to the guilds in ``BOT_DISCORD__GUILD_IDS`` (instant) or globally.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.adapters.discord_commands import (
    NO_MENTIONS,
    build_commands,
    report_failure,
    warm_completers,
)
from bot.core.commands import CommandTable

if TYPE_CHECKING:
    from bot.bootstrap import App
    from bot.settings import Settings

log = logging.getLogger(__name__)

INVITE_SCOPES = ("bot", "applications.commands")

# The bot never joins voice: no warnings about the voice libraries it does not need.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


class DiscordConfigError(Exception):
    """Discord cannot be started with these settings; the message says what to set."""


def invite_permissions() -> discord.Permissions:
    """What the bot needs in a channel: read, post embeds, read history, pin its briefings."""
    return discord.Permissions(
        view_channel=True,
        send_messages=True,
        send_messages_in_threads=True,
        embed_links=True,
        read_message_history=True,
        manage_messages=True,  # pinning, as Discord required before its Pin Messages permission
        pin_messages=True,
    )


def invite_url(client_id: int | str) -> str:
    """The OAuth2 URL that adds the bot to a server with its scopes and permissions."""
    return discord.utils.oauth_url(
        client_id, permissions=invite_permissions(), scopes=INVITE_SCOPES
    )


class BriefingTree(app_commands.CommandTree[Any]):
    """The command tree; errors raised by discord.py itself reach the user as a short notice."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """Log the error with its stack trace; tell the user privately, without details."""
        name = interaction.command.name if interaction.command is not None else "command"
        await report_failure(interaction, f"/{name}", error)


class _Briefing:
    """What the bot's clients share: the app, the settings and the generated command tree."""

    app: App | None
    settings: Settings
    tree: BriefingTree

    def _install(self, client: discord.Client, settings: Settings, app: App | None) -> None:
        self.app = app
        self.settings = settings
        self.tree = BriefingTree(client)
        table = app.services.commands if app is not None else _default_table()
        for command in build_commands(table, _app_of):
            self.tree.add_command(command)

    async def setup_hook(self) -> None:
        """Register the commands with Discord before the gateway connects; warm autocomplete."""
        if self.app is not None:
            await asyncio.to_thread(warm_completers, self.app)
        guild_ids = self.settings.discord.guild_ids
        for guild_id in guild_ids:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("Discord: %d commands synced to guild %s", len(synced), guild_id)
        if not guild_ids:
            synced = await self.tree.sync()
            log.info(
                "Discord: %d global commands synced (new ones can take a while to show up; "
                "set BOT_DISCORD__GUILD_IDS for instant sync)",
                len(synced),
            )

    async def on_ready(self) -> None:
        """Say who the bot is and how to invite it."""
        client: Any = self
        if client.user is not None:
            log.info(
                "Discord: logged in as %s in %d server(s); invite: %s",
                client.user,
                len(client.guilds),
                invite_url(client.user.id),
            )


class BriefingClient(_Briefing, discord.Client):
    """The bot on one gateway connection."""

    def __init__(self, settings: Settings, app: App | None) -> None:
        super().__init__(intents=intents(), allowed_mentions=NO_MENTIONS)
        self._install(self, settings, app)


class ShardedBriefingClient(_Briefing, discord.AutoShardedClient):
    """The bot on as many gateway shards as Discord recommends (large deployments)."""

    def __init__(self, settings: Settings, app: App | None) -> None:
        super().__init__(intents=intents(), allowed_mentions=NO_MENTIONS)
        self._install(self, settings, app)


def intents() -> discord.Intents:
    """Only the guilds intent: slash commands need nothing privileged."""
    return discord.Intents(guilds=True)


def make_client(settings: Settings, app: App | None) -> BriefingClient | ShardedBriefingClient:
    """The client chosen by ``BOT_DISCORD__SHARDED``; ``app`` None builds the commands only."""
    cls = ShardedBriefingClient if settings.discord.sharded else BriefingClient
    return cls(settings, app)


def command_payloads(settings: Settings, table: CommandTable | None = None) -> list[dict[str, Any]]:
    """The application commands exactly as ``setup_hook`` registers them (the sync payload)."""
    client = make_client(settings, None)
    if table is not None:
        client.tree.clear_commands(guild=None)
        for command in build_commands(table, _app_of):
            client.tree.add_command(command)
    return [command.to_dict(client.tree) for command in client.tree.get_commands()]


async def serve_discord(app: App) -> None:
    """Run the Discord bot until cancelled.

    Raises:
        DiscordConfigError: no token is set, or Discord rejects it.
    """
    token = app.settings.discord.token
    if token is None or not token.get_secret_value().strip():
        raise DiscordConfigError(
            "BOT_DISCORD__TOKEN is not set; see the Discord section of the README."
        )
    client = make_client(app.settings, app)
    try:
        async with client:
            await client.start(token.get_secret_value().strip())
    except discord.LoginFailure:
        raise DiscordConfigError(
            "Discord rejected BOT_DISCORD__TOKEN; copy the bot token again from the "
            "Developer Portal (Bot → Reset Token)."
        ) from None


def _app_of(interaction: discord.Interaction) -> App:
    client = interaction.client
    app = client.app if isinstance(client, _Briefing) else None
    if app is None:
        raise RuntimeError("this Discord client was built without an app")
    return app


def _default_table() -> CommandTable:
    from bot.core.catalog import default_commands

    return default_commands()
