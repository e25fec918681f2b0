"""The services a command handler can use, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.clock import Clock
from bot.core.commands import CommandTable
from bot.core.ports import QueryEncoder, WebIngest
from bot.core.store import Store


@dataclass
class Services:
    """Everything handlers reach for: the store, the clock and the command table itself.

    ``query_encoder`` embeds search queries for the vector side of ``/search`` (None: keyword
    search only).
    """

    store: Store
    clock: Clock
    commands: CommandTable
    web: WebIngest | None = None
    query_encoder: QueryEncoder | None = None
