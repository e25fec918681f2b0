"""The services a command handler can use, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.brief_stories import StoryGrouper, each_article_alone
from bot.core.clock import Clock
from bot.core.commands import CommandTable
from bot.core.ports import QueryEncoder, Summarizer, WebIngest
from bot.core.store import Store
from bot.core.subscriptions import DailyDefaults


@dataclass
class Services:
    """Everything handlers reach for: the store, the clock and the command table itself.

    Attributes:
        query_encoder: embeds search queries for the vector side of ``/search`` (None: keyword
            search only).
        summarizer: writes briefings (None: ``/brief`` says briefings are not set up).
        story_groups: groups articles into stories for the general briefing.
        brief_words: a briefing's word budget.
        daily: the daily briefing's default time, zone and declared destinations.
    """

    store: Store
    clock: Clock
    commands: CommandTable
    daily: DailyDefaults = field(default_factory=DailyDefaults)
    web: WebIngest | None = None
    query_encoder: QueryEncoder | None = None
    summarizer: Summarizer | None = None
    story_groups: StoryGrouper = each_article_alone
    brief_words: int = 120
