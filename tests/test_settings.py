"""Settings: defaults, BOT_* environment variables, .env, secrets, readable errors, `config`."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.cli import main
from bot.settings import Settings, SettingsError, load_settings, masked_env

TOKEN = "xoxb-very-secret-token-1234"


# -- defaults ---------------------------------------------------------------------------------


def test_defaults_without_environment() -> None:
    settings = load_settings()

    assert settings.store.path == Path("data/bot.sqlite3")
    assert settings.corpus.dirs == [Path("seeds")]
    assert settings.summarizer.backend == "extractive"
    assert settings.slack.bot_token is None
    assert settings.discord.guild_ids == []


# -- environment ------------------------------------------------------------------------------


def test_nested_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_STORE__PATH", "elsewhere/store.db")
    monkeypatch.setenv("BOT_CORPUS__DIRS", '["a","b"]')
    monkeypatch.setenv("BOT_SLACK__ADMINS", '["U111","U222"]')
    monkeypatch.setenv("BOT_DISCORD__GUILD_IDS", "[1,2]")

    settings = load_settings()

    assert settings.store.path == Path("elsewhere/store.db")
    assert settings.corpus.dirs == [Path("a"), Path("b")]
    assert settings.slack.admins == ["U111", "U222"]
    assert settings.discord.guild_ids == [1, 2]


def test_variables_without_the_prefix_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORE__PATH", "wrong.db")

    assert load_settings().store.path == Path("data/bot.sqlite3")


def test_dotenv_in_working_directory_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "BOT_STORE__PATH=from-dotenv/bot.db\nBOT_DAILY__TIME=07:15\n", encoding="utf-8"
    )

    settings = load_settings()

    assert settings.store.path == Path("from-dotenv/bot.db")
    assert settings.daily.time == "07:15"


def test_environment_overrides_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("BOT_STORE__PATH=from-dotenv.db\n", encoding="utf-8")
    monkeypatch.setenv("BOT_STORE__PATH", "from-env.db")

    assert load_settings().store.path == Path("from-env.db")


# -- secrets ----------------------------------------------------------------------------------


def test_secrets_are_secretstr_and_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_SLACK__BOT_TOKEN", TOKEN)
    monkeypatch.setenv("BOT_DISCORD__TOKEN", "discord-" + TOKEN)
    monkeypatch.setenv("BOT_SUMMARIZER__API_KEY", "sk-" + TOKEN)

    settings = load_settings()

    assert isinstance(settings.slack.bot_token, SecretStr)
    assert isinstance(settings.discord.token, SecretStr)
    assert isinstance(settings.summarizer.api_key, SecretStr)
    assert settings.slack.bot_token.get_secret_value() == TOKEN
    assert TOKEN not in repr(settings)
    assert TOKEN not in str(settings)
    shown = masked_env(settings)
    assert all(TOKEN not in value for value in shown.values())
    assert shown["BOT_SLACK__BOT_TOKEN"] == "********"
    assert shown["BOT_SLACK__APP_TOKEN"] == "(unset)"


def test_secret_from_dotenv_is_masked(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"BOT_SLACK__BOT_TOKEN={TOKEN}\n", encoding="utf-8")

    settings = load_settings()

    assert settings.slack.bot_token is not None
    assert settings.slack.bot_token.get_secret_value() == TOKEN
    assert TOKEN not in repr(settings)
    assert TOKEN not in "\n".join(masked_env(settings).values())


def test_masked_env_names_every_setting_by_its_variable() -> None:
    shown = masked_env(Settings())

    assert shown["BOT_STORE__PATH"] == "data/bot.sqlite3"
    assert shown["BOT_CORPUS__DIRS"] == '["seeds"]'
    assert shown["BOT_SUMMARIZER__BACKEND"] == "extractive"
    assert all(name.startswith("BOT_") and name == name.upper() for name in shown)


# -- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BOT_DAILY__TIME", "25:00"),
        ("BOT_DAILY__TIMEZONE", "Mars/Base"),
        ("BOT_SLACK__PORT", "abc"),
        ("BOT_SUMMARIZER__BACKEND", "gpt"),
    ],
)
def test_bad_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)

    with pytest.raises(SettingsError) as caught:
        load_settings()

    lines = str(caught.value).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{name}: ")
    assert value in lines[0]


def test_one_line_per_bad_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = {
        "BOT_DAILY__TIME": "25:00",
        "BOT_DAILY__TIMEZONE": "Mars/Base",
        "BOT_SLACK__PORT": "abc",
        "BOT_SUMMARIZER__BACKEND": "gpt",
    }
    for name, value in bad.items():
        monkeypatch.setenv(name, value)

    with pytest.raises(SettingsError) as caught:
        load_settings()

    lines = str(caught.value).splitlines()
    assert len(lines) == len(bad)
    assert sorted(line.split(":", 1)[0] for line in lines) == sorted(bad)
    assert "Traceback" not in str(caught.value)


def test_bad_secret_value_is_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    # A token given as a JSON list inside the nested object is not a valid string.
    monkeypatch.setenv("BOT_SLACK", f'{{"bot_token": ["{TOKEN}"]}}')

    with pytest.raises(SettingsError) as caught:
        load_settings()

    message = str(caught.value)
    assert message.startswith("BOT_SLACK__BOT_TOKEN:")
    assert TOKEN not in message


def test_secret_inside_a_bad_section_is_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_DISCORD", f'["{TOKEN}"]')

    with pytest.raises(SettingsError) as caught:
        load_settings()

    assert str(caught.value).startswith("BOT_DISCORD:")
    assert TOKEN not in str(caught.value)


def test_good_secret_is_not_echoed_when_another_setting_is_bad(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BOT_SLACK__BOT_TOKEN", TOKEN)
    monkeypatch.setenv("BOT_SLACK__PORT", "70000")

    with pytest.raises(SettingsError) as caught:
        load_settings()

    assert str(caught.value).startswith("BOT_SLACK__PORT:")
    assert TOKEN not in str(caught.value)


def test_list_settings_accept_json_or_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_SLACK__ADMINS", "U111, U222")
    monkeypatch.setenv("BOT_DISCORD__GUILD_IDS", "[1, 2]")
    monkeypatch.setenv("BOT_CORPUS__DIRS", "seeds")

    settings = load_settings()

    assert settings.slack.admins == ["U111", "U222"]
    assert settings.discord.guild_ids == [1, 2]
    assert settings.corpus.dirs == [Path("seeds")]


def test_malformed_json_list_is_one_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BOT_SLACK__ADMINS", '["U111"')

    with pytest.raises(SettingsError) as caught:
        load_settings()

    assert str(caught.value).startswith("BOT_SLACK__ADMINS: is not a valid JSON list")
    assert "\n" not in str(caught.value)


# -- the `config` command ---------------------------------------------------------------------


def test_cli_config_prints_variables_and_masks_secrets(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOT_SLACK__BOT_TOKEN", TOKEN)
    monkeypatch.setenv("BOT_STORE__PATH", "cfg/store.db")

    code = main(["config"])

    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    assert "BOT_STORE__PATH=cfg/store.db" in lines
    assert "BOT_SLACK__BOT_TOKEN=********" in lines
    assert TOKEN not in out
    assert all(line.startswith("BOT_") and "=" in line for line in lines)


@pytest.mark.parametrize(
    ("name", "value"),
    [("BOT_DAILY__TIME", "25:00"), ("BOT_DISCORD__GUILD_IDS", "123, general")],
)
def test_cli_config_with_bad_setting_exits_2_with_one_error_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)

    code = main(["config"])

    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert captured.err.count("\n") == 1
    assert lines[0].startswith(f"error: setting {name}")
    assert "Traceback" not in captured.err


def test_a_whole_section_that_is_not_json_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_STORE", "{bad")

    with pytest.raises(SettingsError) as caught:
        load_settings()

    assert str(caught.value).startswith("BOT_STORE: is not a JSON object")


def test_a_dotenv_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"BOT_LOG_LEVEL=\xff\n")

    with pytest.raises(SettingsError) as caught:
        load_settings()

    assert str(caught.value) == ".env: is not UTF-8 text; save it as UTF-8"


def test_passwords_in_urls_are_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_SUMMARIZER__BASE_URL", "http://user:hunter2@llm.local:8000/v1")

    shown = masked_env(load_settings())

    assert shown["BOT_SUMMARIZER__BASE_URL"] == "http://user:********@llm.local:8000/v1"
