"""When a daily briefing is due: pure functions of the current time and a subscription.

Nothing here reads the clock; callers pass ``now`` (timezone-aware). Local times that do not
exist (the hour skipped when clocks go forward) are served just after the gap; local times that
happen twice (when clocks go back) are served at their first occurrence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.errors import UsageError

_HHMM = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


@dataclass(frozen=True)
class Subscription:
    """A channel that gets the daily briefing.

    Attributes:
        platform: ``slack`` or ``discord``.
        channel: the channel id on that platform.
        at: local posting time.
        timezone: IANA zone name the time is in.
        workspace: Slack team or Discord guild id ("" when unknown, e.g. from settings).
        first_day: the first local day to serve (a channel subscribing after today's time
            starts tomorrow); None for no limit.
    """

    platform: str
    channel: str
    at: time
    timezone: str
    workspace: str = ""
    first_day: date | None = None

    @property
    def destination(self) -> str:
        """``platform:channel``, the key of this destination everywhere."""
        return f"{self.platform}:{self.channel}"

    @property
    def zone(self) -> ZoneInfo:
        """The subscription's time zone."""
        return ZoneInfo(self.timezone)


def parse_time(text: str) -> time:
    """``"7:30"`` or ``"07:30"`` as a time.

    Raises:
        UsageError: not a 24-hour ``HH:MM`` time.
    """
    match = _HHMM.fullmatch(text.strip())
    if match is None:
        raise UsageError(f"“{text[:20]}” is not a time.", hint="Use 24-hour HH:MM, e.g. 07:30.")
    return time(int(match.group(1)), int(match.group(2)))


def parse_timezone(text: str) -> str:
    """Check an IANA zone name (``Europe/Berlin``), case-insensitively; return its spelling.

    Raises:
        UsageError: no such zone.
    """
    name = text.strip()
    try:
        ZoneInfo(name)
        return name
    except (ZoneInfoNotFoundError, ValueError):
        pass
    from zoneinfo import available_timezones

    by_lower = {zone.lower(): zone for zone in available_timezones()}
    if name.lower() in by_lower:
        return by_lower[name.lower()]
    raise UsageError(
        f"“{name[:40]}” is not a time zone I know.",
        hint="Use an IANA name such as Europe/Berlin, America/New_York or UTC.",
    )


def local_day(now: datetime, subscription: Subscription) -> date:
    """The subscription's calendar date at ``now``."""
    return now.astimezone(subscription.zone).date()


def scheduled_at(day: date, subscription: Subscription) -> datetime:
    """The instant (UTC) of the subscription's post on local date ``day``."""
    wall = datetime.combine(day, subscription.at, tzinfo=subscription.zone)  # fold=0
    utc = wall.astimezone(ZoneInfo("UTC"))
    # In a gap, fold=0 maps to the offset before the change, i.e. just after the gap;
    # a result on the next local day cannot happen for gaps shorter than a day.
    return utc


def first_day_for(now: datetime, subscription: Subscription) -> date:
    """The first day a subscription made at ``now`` serves: today if its time is still ahead."""
    today = local_day(now, subscription)
    if now < scheduled_at(today, subscription):
        return today
    return today + timedelta(days=1)


def _served(subscription: Subscription, last_served: date | None) -> date | None:
    if subscription.first_day is None or subscription.first_day == date.min:
        return last_served
    before = subscription.first_day - timedelta(days=1)
    return before if last_served is None else max(last_served, before)


def is_due(now: datetime, subscription: Subscription, last_served: date | None) -> bool:
    """Whether the briefing for today (local) should go out now.

    Today's briefing is due from its scheduled time until local midnight, unless it was
    already served today; so a bot that was down at the scheduled time posts once when it is
    back the same day, and never twice.
    """
    today = local_day(now, subscription)
    last_served = _served(subscription, last_served)
    if last_served is not None and last_served >= today:
        return False
    return now >= scheduled_at(today, subscription)


def next_run(now: datetime, subscription: Subscription, last_served: date | None) -> datetime:
    """When the subscription next needs serving: ``now`` if due, else its next post time."""
    if is_due(now, subscription, last_served):
        return now
    today = local_day(now, subscription)
    last_served = _served(subscription, last_served)
    if (last_served is None or last_served < today) and now < scheduled_at(today, subscription):
        return scheduled_at(today, subscription)
    return scheduled_at(today + timedelta(days=1), subscription)
