"""The command table: parsing, dispatch, admin checks, friendly errors and /help from the table."""

from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bot.adapters.text_render import render_text
from bot.bootstrap import App, build
from bot.core.catalog import default_commands
from bot.core.commands import (
    Args,
    CommandContext,
    CommandSpec,
    Invocation,
    Param,
    bind_args,
    bind_options,
    build_table,
    split_command_line,
)
from bot.core.errors import UsageError
from bot.core.reply import Reply, Section
from bot.settings import Settings


async def _echo(ctx: CommandContext, args: Args) -> Reply:
    return Reply((Section(repr(dict(args))),))


async def _boom(ctx: CommandContext, args: Args) -> Reply:
    raise RuntimeError("secret internal detail")


ECHO = CommandSpec(
    "echo",
    "Echo arguments.",
    _echo,
    params=(Param("who", "a name", required=True), Param("about", "a topic", rest=True)),
    examples=("/echo Snegovaya sanctions relief",),
)
ADMIN = CommandSpec("wipe", "Admin only.", _echo, admin_only=True, examples=("/wipe",))
BOOM = CommandSpec("boom", "Always fails.", _boom, examples=("/boom",))


@pytest.fixture
def test_app(settings: Settings, clock: object) -> App:
    from bot.core.commands import CommandTable

    table: CommandTable = build_table([ECHO, ADMIN, BOOM, *default_commands()])
    return build(settings, commands=table)


def test_split_command_line() -> None:
    assert split_command_line("  /Search  sanctions bill ") == ("Search", "sanctions bill")
    with pytest.raises(UsageError):
        split_command_line("sanctions bill")
    with pytest.raises(UsageError):
        split_command_line("/")


def test_bind_args_quoted_word_and_verbatim_rest() -> None:
    assert bind_args(ECHO, '"Maria Snegovaya" sanctions  relief') == {
        "who": "Maria Snegovaya",
        "about": "sanctions  relief",
    }
    assert bind_args(ECHO, "“Maria Snegovaya” x") == {"who": "Maria Snegovaya", "about": "x"}
    assert bind_args(ECHO, "Trump") == {"who": "Trump"}


def test_rest_keeps_quotes_and_apostrophes_as_typed() -> None:
    assert bind_args(ECHO, 'Trump "Air Force One" Putin\'s talks') == {
        "who": "Trump",
        "about": '"Air Force One" Putin\'s talks',
    }


def test_command_line_splits_on_any_whitespace() -> None:
    assert split_command_line("/search\tsanctions") == ("search", "sanctions")
    assert split_command_line("/help") == ("help", "")


def test_bind_args_unbalanced_quote_falls_back_to_words() -> None:
    assert bind_args(ECHO, '"Trump meeting') == {"who": '"Trump', "about": "meeting"}


def test_missing_required_argument_names_it_with_an_example() -> None:
    with pytest.raises(UsageError) as caught:
        bind_args(ECHO, "")
    assert "who" in caught.value.message
    assert caught.value.hint and "/echo Snegovaya" in caught.value.hint


def test_too_many_words_for_a_command_without_rest() -> None:
    with pytest.raises(UsageError):
        bind_args(CommandSpec("x", "x", _echo, params=(Param("a", "a"),)), "one two")


def test_bind_options_checks_names_and_required() -> None:
    assert bind_options(ECHO, {"who": " Trump "}) == {"who": "Trump"}
    with pytest.raises(UsageError):
        bind_options(ECHO, {"whom": "Trump"})
    with pytest.raises(UsageError):
        bind_options(ECHO, {"about": "x"})


def test_table_rejects_duplicates_and_misplaced_rest() -> None:
    with pytest.raises(ValueError):
        build_table([ECHO, ECHO])
    bad = CommandSpec("bad", "x", _echo, params=(Param("a", "a", rest=True), Param("b", "b")))
    with pytest.raises(ValueError):
        build_table([bad])


def test_unknown_command_suggests_the_closest(test_app: App) -> None:
    with pytest.raises(UsageError) as caught:
        test_app.services.commands.get("serch")
    assert caught.value.hint and "/search" in caught.value.hint


async def test_dispatch_runs_handler_with_bound_args(test_app: App) -> None:
    reply = await test_app.handle(Invocation("echo", "Trump meeting Putin"))
    assert not reply.is_error
    assert render_text(reply) == "{'who': 'Trump', 'about': 'meeting Putin'}"


async def test_dispatch_uses_options_when_given(test_app: App) -> None:
    reply = await test_app.handle(Invocation("echo", options={"who": "Rubio"}))
    assert render_text(reply) == "{'who': 'Rubio'}"


async def test_admin_command_refused_for_non_admin(test_app: App) -> None:
    refused = await test_app.handle(Invocation("wipe", is_admin=False))
    assert refused.is_error and "admins only" in render_text(refused)
    allowed = await test_app.handle(Invocation("wipe", is_admin=True))
    assert not allowed.is_error


async def test_crash_in_handler_becomes_friendly_reply_and_logged_trace(
    test_app: App, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        reply = await test_app.handle(Invocation("boom"))
    text = render_text(reply)
    assert reply.is_error and reply.visibility == "ephemeral"
    assert "secret internal detail" not in text and "Traceback" not in text
    ref = text.rsplit("reference ", 1)[1].rstrip(".")
    assert any(ref in r.getMessage() and r.exc_info for r in caplog.records)


async def test_help_lists_every_command_from_the_table(test_app: App) -> None:
    text = render_text(await test_app.handle(Invocation("help", is_admin=True)))
    for spec in test_app.services.commands:
        assert spec.usage in text and spec.summary in text


async def test_help_hides_admin_commands_from_non_admins(test_app: App) -> None:
    text = render_text(await test_app.handle(Invocation("help", is_admin=False)))
    assert "/wipe" not in text
    assert "/echo" in text


async def test_help_for_one_command_shows_params_and_examples(test_app: App) -> None:
    text = render_text(await test_app.handle(Invocation("help", "echo")))
    assert "who (required): a name" in text
    assert "/echo Snegovaya sanctions relief" in text
    unknown = await test_app.handle(Invocation("help", "nope"))
    assert unknown.is_error


async def test_sources_lists_articles_and_rejects_bad_pages(seeded_app: App) -> None:
    text = render_text(await seeded_app.handle(Invocation("sources")))
    assert "1 article indexed" in text
    assert "Trump shows signs of losing patience with Putin" in text
    for page in ("0", "2", "x", "²", "99999999999999999999"):
        reply = await seeded_app.handle(Invocation("sources", page))
        assert reply.is_error and "Pages go from 1 to 1" in render_text(reply)


async def test_sources_on_an_empty_store_says_how_to_add(app: App) -> None:
    reply = await app.handle(Invocation("sources"))
    assert "No articles are indexed yet" in render_text(reply)


async def test_search_reply_cites_the_article(seeded_app: App) -> None:
    reply = await seeded_app.handle(Invocation("search", "sanctions bill"))
    sections = [b for b in reply.blocks if isinstance(b, Section)]
    assert sections and all(s.sources for s in sections)
    assert all(s.highlights for s in sections)
    assert reply.visibility == "ephemeral"


async def test_search_without_words_is_a_usage_error(seeded_app: App) -> None:
    for text in ("", "   ", "!!! ---"):
        reply = await seeded_app.handle(Invocation("search", text))
        assert reply.is_error


async def test_search_with_no_match_says_so(seeded_app: App) -> None:
    reply = await seeded_app.handle(Invocation("search", "xylophone"))
    assert not reply.is_error
    assert "Nothing in the 1 indexed article matches" in render_text(reply)


async def test_quoted_phrase_search_matches_the_phrase_only(seeded_app: App) -> None:
    reply = await seeded_app.handle(Invocation("search", '"Air Force One"'))
    sections = [b for b in reply.blocks if isinstance(b, Section)]
    assert sections
    marked = {s.text[a:b] for s in sections for a, b in s.highlights}
    assert {"Air", "Force", "One"} <= marked or "Air Force One" in marked
    shuffled = await seeded_app.handle(Invocation("search", '"One Force Air"'))
    assert "Nothing in the 1 indexed article matches" in render_text(shuffled)


async def test_apostrophes_in_a_query_still_match_every_word(seeded_app: App) -> None:
    reply = await seeded_app.handle(Invocation("search", "Putin's red lines"))
    assert not reply.is_error
    assert "No passage has all of those words" not in render_text(reply)


async def test_long_queries_are_not_echoed_in_full(seeded_app: App) -> None:
    reply = await seeded_app.handle(Invocation("search", "sanctions " * 500))
    assert len(render_text(reply)) < 3000


@hypothesis_settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    line=st.one_of(
        st.text(max_size=80),
        st.builds(
            lambda name, rest: f"/{name} {rest}",
            st.sampled_from(["search", "sources", "help", "SEARCH", "nope", ""]),
            st.text(max_size=60),
        ),
    )
)
def test_any_typed_line_gets_a_reply_never_an_internal_error(seeded_app: App, line: str) -> None:
    import asyncio

    from bot.adapters.console import ask

    reply = asyncio.run(ask(seeded_app, line))
    text = render_text(reply)
    assert text.strip()
    assert "problem on my side" not in text, line


def test_no_summary_repeats_what_help_adds() -> None:
    """/help and the Slack manifest add "(admins only)" themselves."""
    from bot.core.catalog import default_commands

    assert not [s.name for s in default_commands() if "admin" in s.summary.lower()]
