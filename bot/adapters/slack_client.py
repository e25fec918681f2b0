"""Slack Web API and ``response_url`` clients, with slack_sdk's retry handlers attached.

Every outbound call (Web API methods and replies to a command's ``response_url``) retries on a
rate limit (429, honouring ``Retry-After``) and on dropped connections, so a busy workspace or a
flaky network does not lose an answer.
"""

from __future__ import annotations

import logging

from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.settings import SlackSettings

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3
CONNECTION_RETRIES = 2
TIMEOUT_SECONDS = 30


def retry_handlers() -> list[AsyncRetryHandler]:
    """Fresh retry handlers: dropped connections, then rate limits with ``Retry-After``."""
    return [
        AsyncConnectionErrorRetryHandler(max_retry_count=CONNECTION_RETRIES),
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
    ]


def web_client(settings: SlackSettings) -> AsyncWebClient:
    """The Web API client for the bot token, at ``BOT_SLACK__API_BASE_URL``."""
    token = settings.bot_token.get_secret_value() if settings.bot_token else None
    base_url = (
        settings.api_base_url
        if settings.api_base_url.endswith("/")
        else f"{settings.api_base_url}/"
    )
    return AsyncWebClient(
        token=token,
        base_url=base_url,
        timeout=TIMEOUT_SECONDS,
        retry_handlers=retry_handlers(),
        logger=log,
    )


def webhook_client(url: str) -> AsyncWebhookClient:
    """A client for one ``response_url`` (the way to answer a slash command)."""
    return AsyncWebhookClient(url=url, timeout=TIMEOUT_SECONDS, retry_handlers=retry_handlers())
