"""Typed settings for the whole bot, read from ``BOT_*`` environment variables and ``.env``.

One tree, nested with ``__``: ``BOT_STORE__PATH``, ``BOT_SLACK__BOT_TOKEN`` and so on. Secrets are
``SecretStr`` so they never show in logs, reprs or ``python -m bot config``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pydantic_settings
from pydantic import BaseModel, BeforeValidator, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ENV_PREFIX = "BOT_"
ENV_NESTED_DELIMITER = "__"

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_DESTINATION = re.compile(r"^(slack|discord):[A-Za-z0-9_-]+$")


def _split_list(value: Any) -> Any:
    """Read a list setting written as JSON (``["a", "b"]``) or comma-separated (``a, b``)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith("["):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"is not a valid JSON list ({exc.msg})") from None
    return [part.strip() for part in text.split(",") if part.strip()]


StrList = Annotated[list[str], NoDecode, BeforeValidator(_split_list)]
IntList = Annotated[list[int], NoDecode, BeforeValidator(_split_list)]
PathList = Annotated[list[Path], NoDecode, BeforeValidator(_split_list)]


class StoreSettings(BaseModel):
    """Where the SQLite store lives."""

    path: Path = Path("data/bot.sqlite3")


class CorpusSettings(BaseModel):
    """Folders ingested whenever the bot starts (unchanged files cost nothing)."""

    dirs: PathList = Field(default_factory=lambda: [Path("seeds")])


class SlackSettings(BaseModel):
    """Slack credentials and transport."""

    bot_token: SecretStr | None = None
    app_token: SecretStr | None = None
    signing_secret: SecretStr | None = None
    mode: Literal["socket", "http"] = "socket"
    host: str = "0.0.0.0"
    port: int = Field(default=3000, ge=1, le=65535)
    api_base_url: str = "https://slack.com/api/"
    admins: StrList = Field(default_factory=list)


class DiscordSettings(BaseModel):
    """Discord credentials, the guilds that get instant command sync, and sharding."""

    token: SecretStr | None = None
    guild_ids: IntList = Field(default_factory=list)
    sharded: bool = False


class SummarizerSettings(BaseModel):
    """Which summariser backend writes briefings."""

    backend: Literal["extractive", "transformers", "openai"] = "extractive"
    model: str | None = None
    base_url: str | None = None
    api_key: SecretStr | None = None
    max_words: int = Field(default=120, ge=20, le=400)
    timeout_seconds: float = Field(default=60.0, gt=0)
    retries: int = Field(default=2, ge=0, le=10)
    device: str = "cpu"
    dtype: Literal["auto", "float32", "float16", "bfloat16"] = "auto"
    prompt: str = "brief"
    allow_download: bool = False
    context_tokens: int = Field(default=4096, ge=256)
    max_new_tokens: int = Field(default=256, ge=16)


class DailySettings(BaseModel):
    """Default schedule and destinations of the pinned daily briefing."""

    time: str = "08:00"
    timezone: str = "UTC"
    destinations: StrList = Field(default_factory=list)

    @field_validator("time")
    @classmethod
    def _check_time(cls, value: str) -> str:
        if not _HHMM.match(value):
            raise ValueError("must be a 24-hour time HH:MM, e.g. 07:30")
        return value

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone name, e.g. Europe/Berlin") from None
        return value

    @field_validator("destinations")
    @classmethod
    def _check_destinations(cls, value: list[str]) -> list[str]:
        bad = [item for item in value if not _DESTINATION.match(item)]
        if bad:
            raise ValueError(f"entries must look like slack:C0123 or discord:1234 (bad: {bad})")
        return value


class FeedsSettings(BaseModel):
    """RSS/Atom feeds to poll, and the limits of every web download (feeds and pages)."""

    urls: StrList = Field(default_factory=list)
    poll_minutes: int = Field(default=30, ge=1)
    timeout_seconds: float = Field(default=20.0, gt=0)
    max_bytes: int = Field(default=5_000_000, ge=1024)
    max_redirects: int = Field(default=5, ge=0, le=30)
    user_agent: str | None = None


class Settings(BaseSettings):
    """The whole configuration tree."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter=ENV_NESTED_DELIMITER,
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
    )

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    store: StoreSettings = Field(default_factory=StoreSettings)
    corpus: CorpusSettings = Field(default_factory=CorpusSettings)
    slack: SlackSettings = Field(default_factory=SlackSettings)
    discord: DiscordSettings = Field(default_factory=DiscordSettings)
    summarizer: SummarizerSettings = Field(default_factory=SummarizerSettings)
    daily: DailySettings = Field(default_factory=DailySettings)
    feeds: FeedsSettings = Field(default_factory=FeedsSettings)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value


class SettingsError(Exception):
    """Settings could not be loaded; ``str()`` is one line per bad setting, naming it."""


def env_name(loc: tuple[str | int, ...]) -> str:
    """Return the environment variable that sets the field at ``loc`` (e.g. ``BOT_STORE__PATH``)."""
    parts = [str(part) for part in loc if not isinstance(part, int)]
    return ENV_PREFIX + ENV_NESTED_DELIMITER.join(parts).upper()


def load_settings(**overrides: Any) -> Settings:
    """Read settings from the environment and ``.env``.

    Raises:
        SettingsError: one readable line per invalid setting (secret values are never echoed).
    """
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            name = env_name(tuple(error["loc"]))
            message = str(error["msg"]).removeprefix("Value error, ")
            value = error.get("input")
            scalar = isinstance(value, str | int | float | bool)
            shown = f" (got {value!r})" if scalar and not _is_secret(name) else ""
            lines.append(f"{name}: {message}{shown}")
        raise SettingsError("\n".join(lines)) from None
    except pydantic_settings.SettingsError as exc:
        # A whole section given as one variable (BOT_STORE='…') that is not a JSON object.
        match = re.search(r'field "(\w+)"', str(exc))
        name = env_name((match.group(1),)) if match else "BOT_…"
        raise SettingsError(
            f"{name}: is not a JSON object; set its fields one by one instead, "
            f"e.g. {name}__<FIELD>=…"
        ) from None
    except UnicodeDecodeError:
        raise SettingsError(".env: is not UTF-8 text; save it as UTF-8") from None


def _is_secret(name: str) -> bool:
    return any(word in name for word in ("TOKEN", "SECRET", "KEY"))


def masked_env(settings: Settings) -> dict[str, str]:
    """Flatten the effective settings to ``BOT_…`` names with secrets masked, for display."""
    out: dict[str, str] = {}

    def walk(prefix: tuple[str, ...], value: Any) -> None:
        if isinstance(value, BaseModel):
            for field in type(value).model_fields:
                walk((*prefix, field), getattr(value, field))
            return
        name = env_name(prefix)
        if isinstance(value, SecretStr):
            out[name] = "********" if value.get_secret_value() else "(empty)"
        elif value is None:
            out[name] = "(unset)"
        elif isinstance(value, str) and "://" in value:
            out[name] = _mask_url_password(value)
        elif isinstance(value, list):
            out[name] = json.dumps([item if isinstance(item, int) else str(item) for item in value])
        else:
            out[name] = str(value)

    walk((), settings)
    return out


def _mask_url_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":********@", 1)
    return urlunsplit(parts._replace(netloc=netloc))
