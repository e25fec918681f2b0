"""Starting the Slack adapter: settings each mode needs, tokens checked before serving."""

from __future__ import annotations

import pytest
from conftest import NOW
from pydantic import SecretStr
from slack_support import BOT_TOKEN, mock_slack

from bot.adapters.slack_serve import (
    SlackConfigError,
    SlackUnreachable,
    check_settings,
    serve_slack,
    slack_configured,
)
from bot.bootstrap import App, build
from bot.cli import main
from bot.settings import Settings, SlackSettings


def test_socket_mode_needs_bot_and_app_tokens() -> None:
    with pytest.raises(SlackConfigError, match="BOT_SLACK__BOT_TOKEN and BOT_SLACK__APP_TOKEN"):
        check_settings(SlackSettings())
    with pytest.raises(SlackConfigError, match="app-level token"):
        check_settings(SlackSettings(bot_token=SecretStr("xoxb-1"), app_token=SecretStr("xoxb-2")))
    check_settings(SlackSettings(bot_token=SecretStr("xoxb-1"), app_token=SecretStr("xapp-2")))
    assert slack_configured(SlackSettings(bot_token=SecretStr("b"), app_token=SecretStr("xapp-2")))
    assert not slack_configured(SlackSettings(bot_token=SecretStr("b")))


def test_http_mode_needs_the_signing_secret() -> None:
    with pytest.raises(SlackConfigError, match="BOT_SLACK__SIGNING_SECRET"):
        check_settings(SlackSettings(mode="http", bot_token=SecretStr("xoxb-1")))
    check_settings(
        SlackSettings(mode="http", bot_token=SecretStr("xoxb-1"), signing_secret=SecretStr("s"))
    )


def test_run_slack_without_tokens_explains_and_exits(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: object
) -> None:
    monkeypatch.setenv("BOT_STORE__PATH", "store.sqlite3")
    assert main(["run", "slack"]) == 2
    err = capsys.readouterr().err
    assert "BOT_SLACK__BOT_TOKEN" in err and "README" in err


async def test_a_refused_token_stops_the_bot_with_a_clear_message(app: App) -> None:
    async with mock_slack() as mock:
        mock.script["/api/auth.test"] = [(200, {"ok": False, "error": "invalid_auth"}, {})]
        slack = SlackSettings(
            bot_token=SecretStr(BOT_TOKEN), app_token=SecretStr("xapp-1"), api_base_url=mock.api_url
        )
        app.settings = app.settings.model_copy(update={"slack": slack})
        with pytest.raises(SlackConfigError, match="refused BOT_SLACK__BOT_TOKEN: invalid_auth"):
            await serve_slack(app)
        mock.script["/api/apps.connections.open"] = [
            (200, {"ok": False, "error": "not_allowed_token_type"}, {})
        ]
        with pytest.raises(SlackConfigError, match="refused BOT_SLACK__APP_TOKEN"):
            await serve_slack(app)


async def test_an_unreachable_api_is_reported(app: App) -> None:
    slack = SlackSettings(
        bot_token=SecretStr(BOT_TOKEN),
        app_token=SecretStr("xapp-1"),
        api_base_url="http://127.0.0.1:9/api/",
    )
    app.settings = app.settings.model_copy(update={"slack": slack})
    with pytest.raises(SlackUnreachable, match="cannot reach the Slack Web API"):
        await serve_slack(app)


def test_run_slack_with_unreachable_api_exits_1_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOT_STORE__PATH", "store.sqlite3")
    monkeypatch.setenv("BOT_CORPUS__DIRS", "[]")
    monkeypatch.setenv("BOT_SLACK__BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("BOT_SLACK__APP_TOKEN", "xapp-1")
    monkeypatch.setenv("BOT_SLACK__API_BASE_URL", "http://127.0.0.1:9/api/")
    assert main(["run", "slack"]) == 1
    err = capsys.readouterr().err
    assert "error: cannot reach the Slack Web API at http://127.0.0.1:9/api/" in err
    assert "Traceback" not in err


async def test_a_table_slack_cannot_take_is_a_clear_error(settings: Settings) -> None:
    from bot.core.clock import FixedClock
    from bot.core.commands import CommandSpec, build_table
    from bot.core.reply import Reply

    async def noop(*_args: object) -> Reply:
        return Reply()

    table = build_table([CommandSpec("search", "a", noop), CommandSpec("search-news", "b", noop)])
    slack = SlackSettings(bot_token=SecretStr(BOT_TOKEN), app_token=SecretStr("xapp-1"))
    built = build(
        settings.model_copy(update={"slack": slack}), clock=FixedClock(NOW), commands=table
    )
    try:
        with pytest.raises(SlackConfigError, match="does not fit Slack: /search-news and another"):
            await serve_slack(built)
    finally:
        built.close()
