"""``/subscribe``, ``/unsubscribe`` and ``/subscriptions``: who gets the daily briefing, when."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.core.commands import Args, CommandContext, CommandSpec, Invocation, Param
from bot.core.deliveries import Ledger
from bot.core.errors import UsageError
from bot.core.reply import Block, Context, Header, Reply, Section
from bot.core.schedule import (
    Subscription,
    first_day_for,
    local_day,
    next_run,
    parse_time,
    parse_timezone,
)
from bot.core.subscriptions import Subscriptions
from bot.core.topics import SUGGESTIONS

if TYPE_CHECKING:
    from bot.core.services import Services

CHAT_PLATFORMS = ("slack", "discord")


def _not_in_console(what: str) -> Reply:
    return Reply.notice(
        f"{what} works in a Slack or Discord channel: the briefing is posted there.",
        hint="From the console, list destinations in BOT_DAILY__DESTINATIONS instead.",
    )


async def subscribe_command(ctx: CommandContext, args: Args) -> Reply:
    """``/subscribe [HH:MM] [timezone]``: post the daily briefing in this channel."""
    invocation, defaults = ctx.invocation, ctx.services.daily
    at = parse_time(args.get("time") or defaults.time)
    zone = parse_timezone(args.get("timezone") or defaults.timezone)
    if invocation.platform not in CHAT_PLATFORMS:
        return _not_in_console("/subscribe")
    now = ctx.services.clock.now()
    subscription = Subscription(
        invocation.platform, invocation.channel_id, at, zone, invocation.workspace_id
    )
    subscription = replace(subscription, first_day=first_day_for(now, subscription))
    new = await asyncio.to_thread(
        Subscriptions(ctx.services.store).put,
        subscription,
        by=invocation.user_id,
        now=now.isoformat(timespec="seconds"),
    )
    first = next_run(now, subscription, None).astimezone(subscription.zone)
    verb = "will get" if new else "now gets"
    hint = f"Next one: {first:%a %d %b %H:%M}. /unsubscribe stops it."
    if invocation.missing:
        hint += (
            " Before then, let me " + "; ".join(invocation.missing) + " in this channel,"
            " or the briefing cannot go out as it should."
        )
    return Reply.notice(
        f"This channel {verb} the daily briefing at {at:%H:%M} ({zone}), pinned.", hint=hint
    )


async def unsubscribe_command(ctx: CommandContext, args: Args) -> Reply:
    """``/unsubscribe [channel]``: stop the daily briefing in this channel (or the one named)."""
    invocation = ctx.invocation
    named = args.get("channel")
    if not named and invocation.platform not in CHAT_PLATFORMS:
        return _not_in_console("/unsubscribe")
    subscriptions = Subscriptions(ctx.services.store)
    stored = {s.destination: s for s in await asyncio.to_thread(subscriptions.stored)}
    if named:
        destination = _destination(named, invocation, list(stored))
        which = f"Channel {destination.partition(':')[2]}"
    else:
        destination = f"{invocation.platform}:{invocation.channel_id}"
        which = "This channel"
    if destination in ctx.services.daily.destinations:
        return Reply.notice(
            f"{which} is listed in the bot's settings, so it keeps getting the briefing.",
            hint="An operator can remove it from BOT_DAILY__DESTINATIONS.",
        )
    if destination not in stored or not _visible(stored[destination], invocation):
        return Reply.notice(
            f"{which} was not subscribed.", hint="/subscriptions lists those that are."
        )
    await asyncio.to_thread(subscriptions.remove, destination)
    return Reply.notice(f"{which} will no longer get the daily briefing.")


def _destination(named: str, invocation: Invocation, stored: list[str]) -> str:
    """``platform:channel`` from what was typed: an id, a channel mention or a destination.

    A bare id is taken on the asker's platform (from the console: the stored destination
    with that id, if any).

    Raises:
        UsageError: nothing that could be a channel.
    """
    text = named.strip().removeprefix("<#").removesuffix(">").partition("|")[0]
    platform, colon, channel = text.rpartition(":")
    channel = channel.strip()
    if not colon:
        platform = invocation.platform
        if platform not in CHAT_PLATFORMS:
            matches = [d for d in stored if d.partition(":")[2] == channel]
            platform = matches[0].partition(":")[0] if matches else CHAT_PLATFORMS[0]
    if platform not in CHAT_PLATFORMS or not channel or any(c.isspace() for c in channel):
        raise UsageError(
            f"“{named[:40]}” is not a channel I can tell.",
            hint="Name it as /subscriptions shows it, e.g. C0123 or slack:C0123.",
        )
    return f"{platform}:{channel}"


def _visible(sub: Subscription, invocation: Invocation) -> bool:
    """Whether a subscription may be listed to whoever asks.

    The console sees all; a chat user sees their own platform's, and of the stored ones only
    those of their own workspace or guild.
    """
    if invocation.platform not in CHAT_PLATFORMS:
        return True
    if sub.platform != invocation.platform:
        return False
    return not sub.workspace or sub.workspace == invocation.workspace_id


async def subscriptions_command(ctx: CommandContext, args: Args) -> Reply:
    """``/subscriptions``: the channels here that get the daily briefing, when, and problems."""
    services, invocation = ctx.services, ctx.invocation
    every = await asyncio.to_thread(Subscriptions(services.store).all, services.daily)
    subscriptions = [sub for sub in every if _visible(sub, invocation)]
    ledger = Ledger(services.store)
    if not subscriptions:
        return Reply.notice(
            "No channel gets the daily briefing yet.",
            hint="An admin can run /subscribe in a channel.",
        )
    now = services.clock.now()
    here = f"{invocation.platform}:{invocation.channel_id}"
    blocks: list[Block] = [Header("Daily briefing subscriptions")]
    for sub in subscriptions:
        mark = " (this channel)" if sub.destination == here else ""
        served = await asyncio.to_thread(ledger.last_served, sub.destination)
        upcoming = next_run(now, sub, served).astimezone(sub.zone)
        line = (
            f"{sub.platform.capitalize()} channel {sub.channel}{mark}: "
            f"{sub.at:%H:%M} {sub.timezone} · next {upcoming:%a %d %b %H:%M}"
        )
        today = await asyncio.to_thread(ledger.latest, sub.destination, local_day(now, sub))
        if today is not None and today.state != "done" and today.last_error:
            line += f"\nToday's briefing failed ({today.attempts}×): {today.last_error}"
        blocks.append(Section(line))
    count = len(subscriptions)
    blocks.append(Context(f"{count} destination{'s' * (count != 1)}."))
    return Reply(tuple(blocks))


_POPULAR_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Australia/Sydney",
)


def complete_zone(services: Services, typed: str) -> list[str]:
    """Time zones for what has been typed (``berl`` → Europe/Berlin); popular ones first."""
    from zoneinfo import available_timezones

    query = typed.strip().casefold().replace(" ", "_")
    popular = [services.daily.timezone, *_POPULAR_ZONES]
    if not query:
        return list(dict.fromkeys(popular))[:SUGGESTIONS]
    zones = list(dict.fromkeys([*popular, *sorted(available_timezones())]))

    def parts(zone: str) -> list[str]:  # "America/New_York": america, new_york, new, york
        lower = zone.casefold()
        return [*lower.split("/"), *re.split(r"[/_-]", lower)]

    starts = [z for z in zones if z.casefold().startswith(query)]
    inside = [z for z in zones if any(p.startswith(query) for p in parts(z))]
    return list(dict.fromkeys(starts + inside))[:SUGGESTIONS]


SUBSCRIBE = CommandSpec(
    name="subscribe",
    summary="Post and pin the daily briefing in this channel every day.",
    handler=subscribe_command,
    params=(
        Param("time", "local time HH:MM (default from settings)"),
        Param(
            "timezone",
            "IANA time zone, e.g. Europe/Berlin (default from settings)",
            complete=complete_zone,
        ),
    ),
    examples=("/subscribe 07:30 Europe/Berlin",),
    admin_only=True,
)

UNSUBSCRIBE = CommandSpec(
    name="unsubscribe",
    summary="Stop the daily briefing in this channel, or in one /subscriptions lists.",
    handler=unsubscribe_command,
    params=(Param("channel", "a channel id from /subscriptions (default: this channel)"),),
    examples=("/unsubscribe", "/unsubscribe C0123456789"),
    admin_only=True,
)

SUBSCRIPTIONS = CommandSpec(
    name="subscriptions",
    summary="List the channels that get the daily briefing, and when.",
    handler=subscriptions_command,
    examples=("/subscriptions",),
)
