"""Slack slash commands: a slack-bolt ``AsyncApp`` serving every command of the command table.

Nothing here knows a particular command: each :class:`~bot.core.commands.CommandSpec` in the
table is registered as ``/NAME``. A command is acknowledged at once (Slack gives up after 3
seconds), then the bot's own dispatcher does the work (handlers keep store and model work off the
event loop) and the answer goes to the command's ``response_url``: ephemeral for lookups, in the
channel for commands whose spec is ``public``, errors always ephemeral. When the answer takes
longer than a moment, the user first sees a short "working…" note.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.adapters.slack_client import web_client, webhook_client
from bot.adapters.slack_names import localise, slack_names
from bot.adapters.slack_render import SlackMessage, render_slack
from bot.adapters.slack_text import escape
from bot.bootstrap import App
from bot.core.commands import Invocation
from bot.core.errors import UsageError
from bot.core.reply import Reply

log = logging.getLogger(__name__)

WORKING_AFTER_SECONDS = 1.0
# Slack accepts at most five messages per response_url (within 30 minutes).
RESPONSE_URL_USES = 5

Authorize = Callable[..., Awaitable[AuthorizeResult]]
WebhookFactory = Callable[[str], AsyncWebhookClient]


class SlackCommands:
    """Answers slash commands from the bot's command table.

    Args:
        app: the bot.
        working_after: seconds before the "working…" note is shown.
        webhooks: makes the client for a ``response_url`` (retrying by default).
    """

    def __init__(
        self,
        app: App,
        *,
        working_after: float = WORKING_AFTER_SECONDS,
        webhooks: WebhookFactory = webhook_client,
    ) -> None:
        self.app = app
        self.working_after = working_after
        self.webhooks = webhooks
        self.admins = frozenset(app.settings.slack.admins)
        self.slack_names = slack_names(spec.name for spec in app.services.commands)
        self.table_names = {slack: table for table, slack in self.slack_names.items()}

    def names(self) -> list[str]:
        """The slash commands to register, e.g. ``/help`` (``/search-news`` for ``/search``)."""
        return [f"/{self.slack_names[spec.name]}" for spec in self.app.services.commands]

    async def run(self, invocation: Invocation) -> Reply:
        """Answer an invocation, naming commands as they are spelled in Slack."""
        return localise(await self.app.handle(invocation), self.slack_names)

    def invocation(self, command: Mapping[str, Any]) -> Invocation:
        """Turn a slash-command payload into an invocation; admins come from settings."""
        user = str(command.get("user_id", ""))
        typed = str(command.get("command", "")).lstrip("/")
        return Invocation(
            name=self.table_names.get(typed, typed),
            text=unescape(str(command.get("text") or "")),
            platform="slack",
            user_id=user,
            channel_id=str(command.get("channel_id", "")),
            is_admin=bool(user) and user in self.admins,
            workspace_id=str(command.get("team_id") or ""),
        )

    def is_public(self, invocation: Invocation, reply: Reply) -> bool:
        """Whether the reply goes to the whole channel (briefings) rather than the user alone."""
        if reply.is_error:
            return False
        try:
            spec = self.app.services.commands.get(invocation.name)
        except UsageError:
            return False
        return spec.visibility == "public" or reply.visibility == "public"

    async def answer(self, command: Mapping[str, Any]) -> None:
        """Run the command and send its answer to the payload's ``response_url``."""
        invocation = self.invocation(command)
        url = str(command.get("response_url") or "")
        if not url:
            log.warning(
                "/%s from %s came without a response_url", invocation.name, invocation.user_id
            )
            return
        hook = self.webhooks(url)
        uses = RESPONSE_URL_USES
        work = asyncio.ensure_future(self.run(invocation))
        done, _ = await asyncio.wait({work}, timeout=self.working_after)
        if not done:
            typed = self.slack_names.get(invocation.name, invocation.name)
            note = f":hourglass_flowing_sand: Working on /{escape(typed)}…"
            element = {"type": "mrkdwn", "text": note, "verbatim": True}
            note_blocks = [{"type": "context", "elements": [element]}]
            if await self._send(hook, invocation, SlackMessage(note_blocks, "Working…"), False):
                uses -= 1
        reply = await work
        public = self.is_public(invocation, reply)
        messages = _fit(render_slack(reply), uses)
        for message in messages:
            if not await self._send(hook, invocation, message, public):
                break

    async def _send(
        self, hook: AsyncWebhookClient, invocation: Invocation, message: SlackMessage, public: bool
    ) -> bool:
        payload = {**message.payload(), "response_type": "in_channel" if public else "ephemeral"}
        try:
            response = await hook.send_dict(payload)
        except Exception as exc:  # network failure after the retries
            reason = f"{type(exc).__name__}: {exc}"
        else:
            if response.status_code == 200:
                return True
            reason = f"HTTP {response.status_code} {response.body[:200]}"
        log.warning(
            "reply to /%s in channel %s failed: %s",
            invocation.name,
            invocation.channel_id,
            reason,
        )
        return False


def unescape(text: str) -> str:
    """Undo Slack's escaping of ``&``, ``<`` and ``>`` in what the user typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _fit(messages: list[SlackMessage], uses: int) -> list[SlackMessage]:
    """Keep within the ``response_url`` budget, saying so when parts cannot be sent."""
    if len(messages) <= uses:
        return messages
    kept = messages[: max(uses - 1, 0)]
    left = len(messages) - len(kept)
    text = (
        f"{left} more part{'s' * (left != 1)} of this answer did not fit in the replies Slack "
        "allows for one command. Narrow the request to see the rest."
    )
    note = SlackMessage(
        [{"type": "section", "text": {"type": "mrkdwn", "text": text}}], "Answer continues"
    )
    return [*kept, note] if uses > 0 else []


def build_slack_app(
    app: App,
    *,
    client: AsyncWebClient | None = None,
    authorize: Authorize | None = None,
    commands: SlackCommands | None = None,
) -> AsyncApp:
    """Make the bolt app serving every command in ``app``'s command table.

    Args:
        app: the bot.
        client: the Web API client (by default one for ``BOT_SLACK__*`` with retries).
        authorize: resolves tokens per request (tests); by default the bot token is checked
            once with ``auth.test``.
        commands: the command answering logic (tests tune its timings).
    """
    settings = app.settings.slack
    secret = settings.signing_secret.get_secret_value() if settings.signing_secret else ""
    bolt_log = logging.getLogger("bot.adapters.slack.bolt")
    if not bolt_log.isEnabledFor(logging.DEBUG):
        # bolt logs refused requests with their body at INFO; slack_http logs them without it.
        bolt_log.setLevel(logging.WARNING)
    bolt = AsyncApp(
        name="briefing-bot",
        logger=bolt_log,
        client=client if client is not None else web_client(settings),
        authorize=authorize,
        signing_secret=secret,
        # Socket Mode is authenticated by the app-level token; HTTP requests by their signature.
        request_verification_enabled=settings.mode == "http",
    )
    serving = commands or SlackCommands(app)

    async def on_command(ack: Callable[[], Awaitable[None]], command: dict[str, Any]) -> None:
        # Acknowledge first: bolt answers Slack now and lets this listener go on working.
        await ack()
        await serving.answer(command)

    for name in serving.names():
        bolt.command(name)(on_command)
    # A command the app's manifest still lists but the table no longer has gets the usual
    # "no such command, did you mean…" answer instead of Slack's generic failure.
    bolt.command(re.compile(r"^/"))(on_command)
    bolt.error(_log_error)
    return bolt


async def _log_error(error: Exception, body: dict[str, Any], context: AsyncBoltContext) -> None:
    command = body.get("command", "?") if isinstance(body, dict) else "?"
    channel = context.channel_id or "?"
    log.error("Slack request %s in channel %s failed: %s", command, channel, error, exc_info=error)
