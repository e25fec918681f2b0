"""Slack Web API errors only a person can fix, and what an admin must do about each.

The codes are those Slack's method reference lists for ``chat.postMessage``, ``pins.add``,
``pins.remove`` and ``conversations.history``, the calls the daily briefing makes. Any other
failure is transient and retried by the deliverer: network errors, HTTP 5xx, ``internal_error``,
``fatal_error``, ``service_unavailable`` (``ratelimited`` is already retried by the client).
"""

from __future__ import annotations

from bot.adapters.slack_manifest import BOT_NAME
from bot.core.ports import PublishRefused

INVITE = f"/invite @{BOT_NAME}"
_TOKEN = (
    "the bot token is wrong, expired or revoked: set BOT_SLACK__BOT_TOKEN to the app's current"
    " Bot User OAuth Token (reinstall the app to the workspace if it was removed)"
)
_BUG = (
    "Slack refused the briefing's format; this is a bug in the bot, please report it with this"
    " error"
)
_BLOCKED = "a workspace or channel setting stops the bot from {doing} here: a workspace admin"

HINTS: dict[str, str] = {
    "channel_not_found": (
        "the channel was deleted, or it is private and the bot is not in it: invite the bot"
        f" ({INVITE}), or stop the briefing there (/unsubscribe followed by the channel id,"
        " from any channel, or remove the channel from BOT_DAILY__DESTINATIONS)"
    ),
    "not_in_channel": f"invite the bot to the channel ({INVITE})",
    "no_permission": f"the app is not a member of the channel: invite the bot ({INVITE})",
    "is_archived": (
        "the channel is archived: unarchive it, or stop the briefing there (/unsubscribe"
        " followed by the channel id, from any channel, or remove it from"
        " BOT_DAILY__DESTINATIONS)"
    ),
    "not_pinnable": (
        "Slack does not allow pinning this message here: the briefing was posted but cannot"
        " be pinned in this channel"
    ),
    "missing_scope": (
        "the app lacks a permission: reinstall it with the scopes of its manifest"
        " (python -m bot slack-manifest)"
    ),
    "invalid_auth": _TOKEN,
    "not_authed": _TOKEN,
    "account_inactive": _TOKEN,
    "token_revoked": _TOKEN,
    "token_expired": _TOKEN,
    "restricted_action": f"{_BLOCKED} must allow it",
    "ekm_access_denied": f"{_BLOCKED} (Enterprise Key Management) must allow it",
    "msg_too_long": _BUG,
    "msg_blocks_too_long": _BUG,
    "invalid_blocks": _BUG,
    "invalid_blocks_format": _BUG,
    "invalid_metadata_format": _BUG,
    "invalid_metadata_schema": _BUG,
    "metadata_too_large": _BUG,
}
"""Slack error code → what an admin must do (``{doing}``: the refused action)."""


def refusal(code: str, doing: str, needed: object = None) -> PublishRefused | None:
    """The refusal for Slack's error ``code``, or ``None`` if retrying may help.

    Args:
        code: Slack's ``error`` field.
        doing: what the bot was doing, for the hint ("posting", "pinning"…).
        needed: the response's ``needed`` field: the scope a ``missing_scope`` call lacks.
    """
    hint = HINTS.get(code)
    if hint is None:
        return None
    hint = hint.format(doing=doing)
    if code == "missing_scope" and needed:
        hint += f"; {doing} needs the {needed} scope"
    return PublishRefused(code, hint)
