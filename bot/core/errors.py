"""Errors whose message is meant for the person who typed the command."""

from __future__ import annotations


class BotError(Exception):
    """A problem to show the user as is, with an optional hint on what to do instead."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(BotError):
    """The command was typed wrongly (unknown command, missing or bad argument)."""


class PermissionDenied(BotError):
    """The user may not run this command."""


class NotFound(BotError):
    """The thing asked for does not exist."""
