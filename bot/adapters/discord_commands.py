"""Discord application commands generated from the command table, and how they are answered.

Nothing here names a command: each :class:`CommandSpec` becomes a slash command with one
string option per parameter (description, required flag, autocomplete when the parameter has a
completer), admin-only commands get ``default_permissions`` (manage server) and are checked again
at run time by the dispatcher. Every interaction is deferred at once (Discord wants an answer
within 3 seconds), the command runs, and the reply follows as embeds with no mentions allowed.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import uuid
from collections.abc import Callable, Coroutine
from contextlib import suppress
from typing import TYPE_CHECKING, Any, Optional

import discord
from discord import app_commands

from bot.adapters.discord_render import render_discord
from bot.core.commands import CommandSpec, CommandTable, Invocation, Param
from bot.core.reply import Reply

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)

DESCRIPTION_LIMIT = 100
CHOICES_LIMIT = 25
CHOICE_LIMIT = 100
COMPLETE_TIMEOUT = 2.0  # Discord drops autocomplete answers after 3 seconds
ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True)
NO_MENTIONS = discord.AllowedMentions.none()

AppLookup = Callable[[discord.Interaction], "App"]
Callback = Callable[..., Coroutine[Any, Any, None]]
AutocompleteCallback = Callable[
    [discord.Interaction, str], Coroutine[Any, Any, list[app_commands.Choice[str]]]
]


def build_commands(
    table: CommandTable, app_of: AppLookup
) -> list[app_commands.Command[Any, ..., None]]:
    """One slash command per entry of ``table``.

    Args:
        table: the command table.
        app_of: finds the bot that answers an interaction (the client's app).
    """
    return [_command(spec, app_of) for spec in table]


def is_admin(interaction: discord.Interaction) -> bool:
    """Whether the user may manage this server (admin commands); never true in direct messages."""
    return interaction.guild_id is not None and interaction.permissions.manage_guild


def missing_permissions(interaction: discord.Interaction) -> tuple[str, ...]:
    """What the bot may not do in the interaction's channel that its daily briefing needs."""
    if interaction.guild_id is None:
        return ()
    allowed = interaction.app_permissions
    in_thread = isinstance(interaction.channel, discord.Thread)
    send = allowed.send_messages_in_threads if in_thread else allowed.send_messages
    missing = []
    if not (allowed.view_channel and send and allowed.embed_links):
        missing.append("post (View Channel, Send Messages and Embed Links)")
    if not (allowed.pin_messages or allowed.manage_messages):
        missing.append("pin messages (Pin Messages)")
    if not allowed.read_message_history:
        missing.append("read the message history (Read Message History)")
    return tuple(missing)


def short(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (Discord's description limit)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _command(spec: CommandSpec, app_of: AppLookup) -> app_commands.Command[Any, ..., None]:
    async def callback(interaction: discord.Interaction, **options: Any) -> None:
        await respond(interaction, spec, options, app_of)

    # discord.py reads the options from the callback's signature: give it one per parameter.
    parameters = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        )
    ]
    for param in spec.params:
        parameters.append(
            inspect.Parameter(
                param.name,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=str if param.required else Optional[str],  # noqa: UP045
                default=inspect.Parameter.empty if param.required else None,
            )
        )
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    decorated: Callback = callback
    if spec.params:
        descriptions = {p.name: short(p.description) for p in spec.params}
        decorated = app_commands.describe(**descriptions)(decorated)
    completers = {p.name: _autocomplete(p, app_of) for p in spec.params if p.complete is not None}
    if completers:
        decorated = app_commands.autocomplete(**completers)(decorated)
    if spec.admin_only:
        decorated = app_commands.default_permissions(manage_guild=True)(decorated)
        decorated = app_commands.guild_only()(decorated)
    return app_commands.Command(name=spec.name, description=short(spec.summary), callback=decorated)


async def respond(
    interaction: discord.Interaction, spec: CommandSpec, options: dict[str, Any], app_of: AppLookup
) -> None:
    """Answer one slash command: defer at once, run it off the event loop, send the reply.

    Lookups answer privately and briefings in the channel (the command's ``visibility``);
    a reply that reports a problem is always private. Anything that goes wrong here reaches
    the user as a short private message and the log as a stack trace.
    """
    public = spec.visibility == "public"
    try:
        await interaction.response.defer(ephemeral=not public, thinking=True)
        invocation = Invocation(
            name=spec.name,
            options={k: str(v) for k, v in options.items() if v is not None},
            platform="discord",
            user_id=str(interaction.user.id),
            channel_id=str(interaction.channel_id or ""),
            is_admin=is_admin(interaction),
            workspace_id=str(interaction.guild_id or ""),
            missing=missing_permissions(interaction),
        )
        reply = await app_of(interaction).handle(invocation)
        await send_reply(interaction, reply, public=public)
    except Exception:
        await report_failure(interaction, f"/{spec.name}")


async def send_reply(interaction: discord.Interaction, reply: Reply, *, public: bool) -> None:
    """Send ``reply`` as follow-ups of a deferred interaction.

    Args:
        interaction: the deferred interaction.
        reply: what to send.
        public: whether the interaction was deferred visibly to the channel; a private reply
            (an error, say) then replaces the public "thinking…" message with a private one.
    """
    private = not public or reply.visibility == "ephemeral"
    if public and private:
        with suppress(discord.HTTPException):
            await interaction.delete_original_response()
    for message in render_discord(reply):
        await interaction.followup.send(
            content=message["content"] or discord.utils.MISSING,
            embeds=[discord.Embed.from_dict(embed) for embed in message["embeds"]],
            ephemeral=private,
            allowed_mentions=NO_MENTIONS,
        )


async def report_failure(
    interaction: discord.Interaction, what: str, error: BaseException | None = None
) -> None:
    """Log a failure with its stack trace; tell the user privately, in plain words.

    Args:
        interaction: where the failure happened.
        what: the command, as the user knows it.
        error: the exception (by default the one being handled).
    """
    ref = uuid.uuid4().hex[:8]
    log.error("Discord %s failed (ref %s)", what, ref, exc_info=error or True)
    text = (
        f"Sorry, {what} failed because of a problem on my side. "
        f"It has been logged with reference {ref}."
    )
    with suppress(discord.HTTPException):
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=NO_MENTIONS
            )


def _autocomplete(param: Param, app_of: AppLookup) -> AutocompleteCallback:
    complete = param.complete
    assert complete is not None

    async def autocomplete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        services = app_of(interaction).services
        try:
            values = await asyncio.wait_for(
                asyncio.to_thread(complete, services, current or ""), COMPLETE_TIMEOUT
            )
        except Exception:
            log.exception("autocomplete of %s failed for %r", param.name, current)
            return []
        return choices(values)

    return autocomplete


def warm_completers(app: App) -> None:
    """Run every completer once, so the first keystroke does not pay for building caches."""
    for spec in app.services.commands:
        for param in spec.params:
            if param.complete is not None:
                try:
                    param.complete(app.services, "")
                except Exception:
                    log.exception("autocomplete of /%s %s failed", spec.name, param.name)


def choices(values: list[str]) -> list[app_commands.Choice[str]]:
    """Autocomplete choices for ``values``: distinct, non-empty, at most 25, each ≤ 100 long."""
    unique = dict.fromkeys(
        v.strip() for v in values if v.strip() and len(v.strip()) <= CHOICE_LIMIT
    )
    return [
        app_commands.Choice(name=short(value, CHOICE_LIMIT), value=value)
        for value in list(unique)[:CHOICES_LIMIT]
    ]
