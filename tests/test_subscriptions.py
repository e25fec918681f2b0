"""/subscribe, /unsubscribe, /subscriptions: stored per channel, admin-only, clear errors."""

from __future__ import annotations

from dataclasses import replace

from bot.adapters.text_render import render_text
from bot.bootstrap import App, build
from bot.core.clock import FixedClock
from bot.core.commands import Invocation
from bot.core.subscriptions import Subscriptions
from bot.settings import DailySettings, Settings


def slack(name: str, text: str = "", *, admin: bool = True, channel: str = "C1") -> Invocation:
    return Invocation(
        name=name,
        text=text,
        platform="slack",
        user_id="U1",
        channel_id=channel,
        is_admin=admin,
        workspace_id="T1",
    )


async def test_subscribe_stores_the_channel_with_time_and_zone(app: App) -> None:
    reply = await app.handle(slack("subscribe", "07:30 europe/berlin"))
    text = render_text(reply)
    assert not reply.is_error, text
    assert "07:30 (Europe/Berlin)" in text
    # 09:30 UTC is 11:30 in Berlin, past today's 07:30: the first one is tomorrow's.
    assert "Next one: Mon 18 May 07:30" in text
    (stored,) = Subscriptions(app.services.store).stored()
    assert (stored.destination, stored.workspace, stored.timezone) == (
        "slack:C1",
        "T1",
        "Europe/Berlin",
    )


async def test_subscribing_again_updates_instead_of_duplicating(app: App) -> None:
    await app.handle(slack("subscribe", "07:30"))
    reply = await app.handle(slack("subscribe", "18:00 UTC"))
    assert "now gets" in render_text(reply)
    (stored,) = Subscriptions(app.services.store).stored()
    assert stored.at.hour == 18


async def test_defaults_come_from_settings(settings: Settings, clock: FixedClock) -> None:
    configured = settings.model_copy(
        update={"daily": DailySettings(time="06:15", timezone="Asia/Tokyo")}
    )
    app = build(configured, clock=clock)
    reply = await app.handle(slack("subscribe"))
    assert "06:15 (Asia/Tokyo)" in render_text(reply)
    app.close()


async def test_non_admins_are_refused_politely(app: App) -> None:
    reply = await app.handle(slack("subscribe", admin=False))
    assert reply.is_error
    assert "admins only" in render_text(reply)
    assert Subscriptions(app.services.store).stored() == []


async def test_bad_time_and_zone_get_helpful_errors(app: App) -> None:
    bad_time = await app.handle(slack("subscribe", "7pm"))
    assert bad_time.is_error and "HH:MM" in render_text(bad_time)
    bad_zone = await app.handle(slack("subscribe", "07:00 Berlin"))
    assert bad_zone.is_error and "Europe/Berlin" in render_text(bad_zone)


async def test_unsubscribe_and_list(app: App) -> None:
    await app.handle(slack("subscribe", "07:30", channel="C1"))
    await app.handle(slack("subscribe", "09:00", channel="C2"))
    listing = render_text(await app.handle(slack("subscriptions", channel="C2")))
    assert "C1" in listing and "C2 (this channel)" in listing
    gone = await app.handle(slack("unsubscribe", channel="C1"))
    assert "no longer" in render_text(gone)
    again = await app.handle(slack("unsubscribe", channel="C1"))
    assert "was not subscribed" in render_text(again)
    assert [s.channel for s in Subscriptions(app.services.store).stored()] == ["C2"]


async def test_destinations_from_settings_are_listed_and_stay(
    settings: Settings, clock: FixedClock
) -> None:
    configured = settings.model_copy(
        update={"daily": DailySettings(destinations=["slack:C9", "discord:42"])}
    )
    app = build(configured, clock=clock)
    listing = render_text(await app.handle(slack("subscriptions")))
    assert "C9" in listing and "Discord" not in listing  # Slack users see Slack channels
    everything = render_text(await app.handle(Invocation(name="subscriptions")))
    assert "Slack channel C9" in everything and "Discord channel 42" in everything
    reply = await app.handle(slack("unsubscribe", channel="C9"))
    assert "BOT_DAILY__DESTINATIONS" in render_text(reply)
    app.close()


async def test_other_workspaces_subscriptions_are_not_listed(app: App) -> None:
    await app.handle(slack("subscribe", "07:30", channel="C1"))
    other = Invocation(
        name="subscriptions", platform="slack", channel_id="C5", workspace_id="T2", user_id="U9"
    )
    listing = render_text(await app.handle(other))
    assert "C1" not in listing and "No channel" in listing


async def test_a_failing_briefing_is_shown_with_its_reason(app: App) -> None:
    from datetime import date

    from bot.core.deliveries import Ledger

    await app.handle(slack("subscribe", "07:30", channel="C1"))
    ledger = Ledger(app.services.store)
    _claim, claimed = ledger.claim("slack:C1", date(2026, 5, 17), app.services.clock.now())
    assert claimed is not None
    ledger.update(claimed, "2026-05-17T09:31:00+00:00", error="not_in_channel: invite the bot")
    listing = render_text(await app.handle(slack("subscriptions")))
    assert "Today's briefing failed (1×): not_in_channel: invite the bot" in listing


async def test_a_channel_can_be_unsubscribed_from_elsewhere(app: App) -> None:
    """E.g. a deleted channel, whose briefing can no longer be posted."""
    for channel in ("C1", "C3", "C4"):
        await app.handle(slack("subscribe", "07:30", channel=channel))
    gone = await app.handle(slack("unsubscribe", "C1", channel="C2"))
    assert "Channel C1 will no longer get" in render_text(gone)
    mention = await app.handle(slack("unsubscribe", "<#C3|general>", channel="C2"))
    assert "Channel C3 will no longer get" in render_text(mention)
    stranger = Invocation(
        name="unsubscribe", text="C4", platform="slack", channel_id="C9", workspace_id="T2"
    )
    refused = await app.handle(replace(stranger, is_admin=True))
    assert "was not subscribed" in render_text(refused)  # another workspace's channel
    from_discord = replace(stranger, platform="discord", text="slack:C4", is_admin=True)
    assert "was not subscribed" in render_text(await app.handle(from_discord))
    operator = await app.handle(Invocation(name="unsubscribe", text="C4", is_admin=True))
    assert "Channel C4 will no longer get" in render_text(operator)
    assert Subscriptions(app.services.store).stored() == []
    nonsense = await app.handle(slack("unsubscribe", "teams:C1", channel="C2"))
    assert nonsense.is_error and "/subscriptions" in render_text(nonsense)


async def test_the_console_explains_where_subscriptions_work(app: App) -> None:
    reply = await app.handle(Invocation(name="subscribe", is_admin=True))
    assert not reply.is_error
    assert "Slack or Discord channel" in render_text(reply)


async def test_slack_subscriptions_record_the_workspace(app: App) -> None:
    from bot.adapters.slack_app import SlackCommands

    slack_commands = SlackCommands(app)
    payload = {
        "command": "/subscribe",
        "text": "07:30",
        "user_id": "U1",
        "channel_id": "C5",
        "team_id": "T42",
    }
    invocation = slack_commands.invocation(payload)
    assert invocation.workspace_id == "T42"
    await app.handle(
        Invocation(
            name=invocation.name,
            text=invocation.text,
            platform="slack",
            user_id="U1",
            channel_id="C5",
            is_admin=True,
            workspace_id=invocation.workspace_id,
        )
    )
    (stored,) = Subscriptions(app.services.store).stored()
    assert (stored.destination, stored.workspace) == ("slack:C5", "T42")


async def test_discord_subscriptions_record_the_guild(app: App) -> None:
    from test_discord_app import FakeInteraction

    from bot.adapters.discord_app import BriefingClient

    client = BriefingClient(app.settings, app)
    interaction = FakeInteraction(client, "subscribe", {"time": "06:45"}, manage_guild=True)
    fake: object = interaction
    await client.tree._call(fake)  # type: ignore[arg-type]
    (stored,) = Subscriptions(app.services.store).stored()
    assert stored.platform == "discord"
    assert stored.workspace == str(interaction.guild_id)
    assert stored.at.strftime("%H:%M") == "06:45"


def test_time_zones_are_suggested_as_they_are_typed(app: App) -> None:
    from bot.core.subscribe import complete_zone

    assert complete_zone(app.services, "berl") == ["Europe/Berlin"]
    assert complete_zone(app.services, "new y")[0] == "America/New_York"
    assert "Asia/Kolkata" in complete_zone(app.services, "kolk")
    assert complete_zone(app.services, "")[0] == app.services.daily.timezone  # the default
    assert complete_zone(app.services, "nowhere at all") == []
