"""Discord app commands: the tree generated from the table, interactions, errors, sync, CLI.

Interactions are payload-level fakes: the interaction payload goes through discord.py's own
``CommandTree`` routing, and what the bot sends back (defer, follow-ups, autocomplete) is recorded.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import discord
import pytest
from conftest import ROOT, offline_examples
from discord import app_commands
from test_discord_render import check_limits

from bot.adapters.discord_app import (
    BriefingClient,
    ShardedBriefingClient,
    command_payloads,
    invite_permissions,
    invite_url,
    make_client,
)
from bot.adapters.discord_commands import choices, warm_completers
from bot.bootstrap import App, build
from bot.cli import main
from bot.core.catalog import default_commands
from bot.core.clock import FixedClock
from bot.core.commands import (
    Args,
    CommandContext,
    CommandSpec,
    Param,
    bind_args,
    build_table,
    split_command_line,
)
from bot.core.errors import NotFound
from bot.core.reply import Header, Reply, Section, Source
from bot.core.services import Services
from bot.settings import DiscordSettings, Settings

GUILD = 1111
SOURCE = Source("Talks *resume*", "https://example.com/talks", "a1")


async def lookup(ctx: CommandContext, args: Args) -> Reply:
    text = f"@everyone {args.get('person', 'nobody')} said **this** <@123>"
    return Reply((Header("Who said"), Section(text, sources=(SOURCE,))))


async def brief(ctx: CommandContext, args: Args) -> Reply:
    return Reply((Header("Briefing"), Section("Talks resumed.", sources=(SOURCE,))), "public")


async def missing(ctx: CommandContext, args: Args) -> Reply:
    raise NotFound("No story about that.", hint="Try /sources.")


async def boom(ctx: CommandContext, args: Args) -> Reply:
    raise RuntimeError("database exploded at /secret/path")


async def admin(ctx: CommandContext, args: Args) -> Reply:
    return Reply.notice(f"Done by {ctx.invocation.user_id}.")


def speakers(services: Services, typed: str) -> list[str]:
    known = ["Maria Snegovaya", "Marco Rubio", "Vladimir Putin"]
    return [name for name in known if typed.lower() in name.lower()]


def broken(services: Services, typed: str) -> list[str]:
    raise ValueError("completer bug")


TABLE = build_table(
    [
        CommandSpec(
            "whosaid",
            "Who said what.",
            lookup,
            params=(
                Param("about", "a topic", complete=broken),
                Param("person", "who said it", required=True, complete=speakers),
            ),
        ),
        CommandSpec("brief", "A briefing.", brief, visibility="public"),
        CommandSpec("story", "One story.", missing, visibility="public"),
        CommandSpec("crash", "Always fails.", boom),
        CommandSpec(
            "ingest", "Add a feed.", admin, params=(Param("url", "a feed"),), admin_only=True
        ),
    ]
)


class FakeResponse:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def is_done(self) -> bool:
        return bool(self.calls)

    async def defer(self, *, ephemeral: bool = False, thinking: bool = False) -> None:
        self.calls.append(("defer", {"ephemeral": ephemeral, "thinking": thinking}))

    async def send_message(self, content: str, **kwargs: Any) -> None:
        self.calls.append(("send_message", {"content": content, **kwargs}))

    async def autocomplete(self, choices: list[app_commands.Choice[str]]) -> None:
        self.calls.append(("autocomplete", {"choices": [(c.name, c.value) for c in choices]}))


class FakeFollowup:
    def __init__(self, failures: int = 0) -> None:
        self.sent: list[dict[str, Any]] = []
        self.failures = failures

    async def send(self, content: Any = discord.utils.MISSING, **kwargs: Any) -> None:
        if self.failures:
            self.failures -= 1
            raise RuntimeError("Discord returned 500")
        embeds = kwargs.get("embeds", [])
        self.sent.append(
            {
                "content": None if content is discord.utils.MISSING else content,
                "embeds": [embed.to_dict() for embed in embeds],
                "ephemeral": kwargs.get("ephemeral", False),
                "allowed_mentions": kwargs.get("allowed_mentions"),
            }
        )


class FakeInteraction:
    """What discord.py's tree reads from an interaction, and what the bot calls on it."""

    def __init__(
        self,
        client: discord.Client,
        name: str,
        options: dict[str, str] | None = None,
        *,
        focused: str | None = None,
        manage_guild: bool = False,
        guild_id: int | None = GUILD,
        failures: int = 0,
        app_permissions: discord.Permissions | None = None,
    ) -> None:
        self.client = client
        self._state = client._connection
        self.type = (
            discord.InteractionType.autocomplete
            if focused
            else discord.InteractionType.application_command
        )
        self.data = {
            "id": "1",
            "name": name,
            "type": 1,
            "options": [
                {"name": k, "type": 3, "value": v, **({"focused": True} if k == focused else {})}
                for k, v in (options or {}).items()
            ],
        }
        self.guild_id = guild_id
        self.guild = None
        self.channel_id = 42
        self.user = SimpleNamespace(id=7)
        self.permissions = discord.Permissions(manage_guild=manage_guild)
        self.app_permissions = app_permissions or invite_permissions()
        self.channel = None
        self.response = FakeResponse()
        self.followup = FakeFollowup(failures)
        self.command_failed = False
        self.deleted = 0

    @property
    def command(self) -> Any:
        return getattr(self, "_cs_command", None)

    async def delete_original_response(self) -> None:
        self.deleted += 1


@pytest.fixture
def bot_app(settings: Settings, clock: FixedClock) -> Iterator[App]:
    built = build(settings, clock=clock, commands=TABLE)
    yield built
    built.close()


@pytest.fixture
def client(bot_app: App) -> BriefingClient:
    return BriefingClient(bot_app.settings, bot_app)


async def call(client: BriefingClient, *args: Any, **kwargs: Any) -> FakeInteraction:
    interaction = FakeInteraction(client, *args, **kwargs)
    fake: Any = interaction
    await client.tree._call(fake)
    return interaction


def no_mentions(allowed: Any) -> bool:
    return (
        isinstance(allowed, discord.AllowedMentions)
        and allowed.to_dict() == discord.AllowedMentions.none().to_dict()
    )


# -- the tree -----------------------------------------------------------------------------------


def test_the_tree_mirrors_the_bots_command_table(settings: Settings) -> None:
    payloads = {p["name"]: p for p in command_payloads(settings)}
    specs = list(default_commands())
    assert list(payloads) == [spec.name for spec in specs]
    for spec in specs:
        payload = payloads[spec.name]
        assert payload["description"] == spec.summary[:100]
        assert payload["type"] == 1
        options = {o["name"]: o for o in payload["options"]}
        assert set(options) == {p.name for p in spec.params}
        for param in spec.params:
            option = options[param.name]
            assert option["type"] == 3  # string
            assert option["description"] == param.description[:100]
            assert option.get("required", False) == param.required
            assert option.get("autocomplete", False) == (param.complete is not None)
        manage_server = discord.Permissions(manage_guild=True).value
        expected = manage_server if spec.admin_only else None
        assert payload["default_member_permissions"] == expected
    assert payloads["search"]["options"][0]["autocomplete"] is True


def test_required_options_come_first_and_admin_commands_need_manage_server(
    settings: Settings,
) -> None:
    payloads = {p["name"]: p for p in command_payloads(settings, TABLE)}
    assert [o["name"] for o in payloads["whosaid"]["options"]] == ["person", "about"]
    ingest = payloads["ingest"]
    assert ingest["default_member_permissions"] == discord.Permissions(manage_guild=True).value
    assert ingest["dm_permission"] is False
    assert payloads["whosaid"]["dm_permission"] is True


def test_long_summaries_are_cut_to_discords_100_characters(settings: Settings) -> None:
    table = build_table([CommandSpec("long", "x" * 150, admin, params=(Param("p", "y" * 200),))])
    [payload] = command_payloads(settings, table)
    assert len(payload["description"]) == 100 and payload["description"].endswith("…")
    assert len(payload["options"][0]["description"]) == 100


def test_discord_commands_prints_the_registered_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["discord-commands"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == command_payloads(Settings())
    assert [c["name"] for c in printed] == [spec.name for spec in default_commands()]


def test_sharding_is_a_setting(settings: Settings) -> None:
    assert type(make_client(settings, None)) is BriefingClient
    sharded = settings.model_copy(update={"discord": DiscordSettings(sharded=True)})
    assert type(make_client(sharded, None)) is ShardedBriefingClient


def test_no_privileged_intents(client: BriefingClient) -> None:
    intents = client.intents
    assert not (intents.message_content or intents.members or intents.presences)


def test_the_readme_gives_the_same_invite_url() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert invite_url("YOUR_APPLICATION_ID") in readme


def test_invite_url_has_the_scopes_and_permissions() -> None:
    url = invite_url(123)
    assert "client_id=123" in url and "scope=bot+applications.commands" in url
    assert f"permissions={invite_permissions().value}" in url
    needed = invite_permissions()
    assert needed.send_messages and needed.embed_links and needed.read_message_history
    assert needed.pin_messages and needed.manage_messages
    assert not needed.administrator and not needed.mention_everyone


# -- sync ---------------------------------------------------------------------------------------


async def test_setup_hook_syncs_to_listed_guilds_or_globally(
    bot_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[tuple[int | None, list[str]]] = []

    def recorder(client: BriefingClient) -> Any:
        async def sync(*, guild: discord.abc.Snowflake | None = None) -> list[Any]:
            commands = client.tree.get_commands(guild=guild)
            synced.append((guild.id if guild else None, [c.name for c in commands]))
            return list(commands)

        return sync

    settings = bot_app.settings.model_copy(update={"discord": DiscordSettings(guild_ids=[5, 6])})
    in_guilds = BriefingClient(settings, bot_app)
    monkeypatch.setattr(in_guilds.tree, "sync", recorder(in_guilds))
    await in_guilds.setup_hook()
    names = [spec.name for spec in TABLE]
    assert synced == [(5, names), (6, names)]

    synced.clear()
    everywhere = BriefingClient(bot_app.settings, bot_app)
    warmed: list[str] = []
    monkeypatch.setattr(
        "bot.adapters.discord_app.warm_completers", lambda app: warmed.append("yes")
    )
    monkeypatch.setattr(everywhere.tree, "sync", recorder(everywhere))
    await everywhere.setup_hook()
    assert synced == [(None, names)]
    assert warmed == ["yes"]


def test_warming_the_completers_survives_a_broken_one(
    bot_app: App, caplog: pytest.LogCaptureFixture
) -> None:
    warm_completers(bot_app)  # "broken" raises; "speakers" runs
    assert any("whosaid about" in r.getMessage() for r in caplog.records)


# -- interactions -------------------------------------------------------------------------------


async def test_a_lookup_is_deferred_privately_then_answered_with_safe_embeds(
    client: BriefingClient,
) -> None:
    done = await call(client, "whosaid", {"person": "Rubio"})
    assert done.response.calls == [("defer", {"ephemeral": True, "thinking": True})]
    [message] = done.followup.sent
    assert message["ephemeral"] is True
    assert no_mentions(message["allowed_mentions"])
    [embed] = message["embeds"]
    assert embed["title"] == "Who said"
    [field] = embed["fields"]
    assert field["name"] == "Talks \\*resume\\*"
    assert "@\u200beveryone Rubio said \\*\\*this\\*\\*" in field["value"]
    assert "\\<@123>" in field["value"]  # escaped: shown as text, never a mention
    assert "[example.com](https://example.com/talks)" in field["value"]


async def test_a_briefing_is_public(client: BriefingClient) -> None:
    done = await call(client, "brief")
    assert done.response.calls == [("defer", {"ephemeral": False, "thinking": True})]
    assert [m["ephemeral"] for m in done.followup.sent] == [False]
    assert done.deleted == 0


async def test_a_problem_with_a_public_command_is_told_privately(client: BriefingClient) -> None:
    done = await call(client, "story")
    assert done.deleted == 1  # the public "thinking…" placeholder goes away
    [message] = done.followup.sent
    assert message["ephemeral"] is True
    assert message["content"] == "⚠️ No story about that.\n*Try /sources.*"
    assert no_mentions(message["allowed_mentions"])


async def test_admin_commands_are_checked_again_at_run_time(client: BriefingClient) -> None:
    refused = await call(client, "ingest", {"url": "https://x.example/feed"})
    [message] = refused.followup.sent
    assert "admins only" in message["content"] and message["ephemeral"] is True

    in_dm = await call(client, "ingest", manage_guild=True, guild_id=None)
    assert "admins only" in in_dm.followup.sent[0]["content"]

    allowed = await call(client, "ingest", manage_guild=True)
    assert allowed.followup.sent[0]["content"] == "Done by 7."


async def test_a_crash_reaches_the_user_politely_and_the_log_in_full(
    client: BriefingClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        done = await call(client, "crash")
    [message] = done.followup.sent
    assert message["ephemeral"] is True
    assert "problem on my side" in message["content"]
    assert "exploded" not in message["content"] and "Traceback" not in message["content"]
    failures = [r for r in caplog.records if r.exc_info]
    assert failures and "exploded" in str(failures[0].exc_info[1])  # type: ignore[index]


async def test_a_failure_while_sending_is_reported_privately_and_logged(
    client: BriefingClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        done = await call(client, "brief", failures=1)
    [message] = done.followup.sent
    assert message["ephemeral"] is True
    assert "/brief failed because of a problem on my side" in message["content"]
    ref = message["content"].rsplit("reference ", 1)[1].rstrip(".")
    assert any(ref in r.getMessage() and r.exc_info for r in caplog.records)


async def test_errors_raised_by_discord_py_reach_the_user_privately(
    client: BriefingClient, caplog: pytest.LogCaptureFixture
) -> None:
    interaction: Any = FakeInteraction(client, "gone")
    with caplog.at_level(logging.ERROR):
        await client.tree.on_error(interaction, app_commands.CommandNotFound("gone", []))
    [(kind, sent)] = interaction.response.calls
    assert kind == "send_message" and sent["ephemeral"] is True
    assert "problem on my side" in sent["content"]
    assert no_mentions(sent["allowed_mentions"])
    assert any(r.exc_info for r in caplog.records)


# -- autocomplete -------------------------------------------------------------------------------


async def test_autocomplete_suggests_from_the_parameters_completer(client: BriefingClient) -> None:
    done = await call(client, "whosaid", {"person": "mar"}, focused="person")
    [(kind, answer)] = done.response.calls
    assert kind == "autocomplete"
    assert answer["choices"] == [
        ("Maria Snegovaya", "Maria Snegovaya"),
        ("Marco Rubio", "Marco Rubio"),
    ]
    assert done.followup.sent == []


async def test_a_failing_completer_suggests_nothing(
    client: BriefingClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        done = await call(client, "whosaid", {"about": "x", "person": ""}, focused="about")
    assert done.response.calls == [("autocomplete", {"choices": []})]
    assert any(r.exc_info for r in caplog.records)


def test_choices_respect_discords_limits() -> None:
    values = [f"Name {i}" for i in range(40)] + ["Name 1", " ", "x" * 101]
    made = choices(values)
    assert len(made) == 25
    assert len({c.value for c in made}) == 25
    assert all(1 <= len(c.name) <= 100 and len(c.value) <= 100 for c in made)


# -- every command of the bot, end to end ---------------------------------------------------------

EXAMPLES = offline_examples()


@pytest.mark.parametrize("line", EXAMPLES)
async def test_every_example_answers_on_discord(seeded_app: App, line: str) -> None:
    name, text = split_command_line(line)
    spec = seeded_app.services.commands.get(name)
    options = bind_args(spec, text)
    client = BriefingClient(seeded_app.settings, seeded_app)
    done = await call(client, spec.name, options, manage_guild=True)
    public = spec.visibility == "public"
    assert done.response.calls == [("defer", {"ephemeral": not public, "thinking": True})]
    assert done.followup.sent
    for message in done.followup.sent:
        assert not (message["content"] or "").startswith("⚠️"), message
        assert no_mentions(message["allowed_mentions"])
    check_limits(
        [{"content": m["content"] or "", "embeds": m["embeds"]} for m in done.followup.sent]
    )


def test_discord_preview_prints_the_messages_a_command_gets(
    seeded_app: App, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(seeded_app.settings.store.path)
    assert main(["discord-preview", "/search sanctions bill", "--store", store]) == 0
    [message] = json.loads(capsys.readouterr().out)
    check_limits([message])
    assert message["embeds"][0]["title"] == "Search: sanctions bill"
    assert main(["discord-preview", "/nosuch", "--store", store]) == 1
    [error] = json.loads(capsys.readouterr().out)
    assert error["content"].startswith("⚠️ There is no command /nosuch.")


async def test_subscribe_warns_about_permissions_the_briefing_needs(bot_app: App) -> None:
    full = build(bot_app.settings, clock=FixedClock(bot_app.services.clock.now()))
    client = BriefingClient(full.settings, full)
    can_post = discord.Permissions(view_channel=True, send_messages=True, embed_links=True)
    done = await call(
        client, "subscribe", {"time": "07:30"}, manage_guild=True, app_permissions=can_post
    )
    text = json.dumps([[m["content"], m["embeds"]] for m in done.followup.sent])
    assert "daily briefing at 07:30" in text
    assert "Pin Messages" in text and "Read Message History" in text
    assert "Send Messages" not in text
    fine = await call(client, "subscribe", {"time": "07:30"}, manage_guild=True)
    assert "Pin Messages" not in json.dumps(
        [[m["content"], m["embeds"]] for m in fine.followup.sent]
    )
    full.close()
