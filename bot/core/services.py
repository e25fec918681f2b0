"""The services a command handler can use, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.clock import Clock
from bot.core.commands import CommandTable
from bot.core.ports import WebIngest
from bot.core.store import Store
from bot.core.subscriptions import DailyDefaults


@dataclass
class Services:
    """Everything handlers reach for: the store, the clock and the command table itself."""

    store: Store
    clock: Clock
    commands: CommandTable
    daily: DailyDefaults = field(default_factory=DailyDefaults)
    web: WebIngest | None = None
