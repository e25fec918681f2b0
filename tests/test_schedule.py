"""The daily schedule: next_run across time zones, DST changes and midnight; catch-up once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.errors import UsageError
from bot.core.schedule import (
    Subscription,
    first_day_for,
    is_due,
    local_day,
    next_run,
    parse_time,
    parse_timezone,
    scheduled_at,
)


def sub(at: str, zone: str) -> Subscription:
    return Subscription("slack", "C1", parse_time(at), zone)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_before_the_time_it_waits_until_today_after_it_is_due() -> None:
    s = sub("08:00", "Europe/Berlin")  # UTC+1 in January
    assert next_run(utc(2026, 1, 10, 6, 0), s, None) == utc(2026, 1, 10, 7, 0)
    now = utc(2026, 1, 10, 7, 0)
    assert next_run(now, s, None) == now


def test_served_today_means_tomorrow() -> None:
    s = sub("08:00", "Europe/Berlin")
    now = utc(2026, 1, 10, 9, 0)
    assert next_run(now, s, date(2026, 1, 10)) == utc(2026, 1, 11, 7, 0)


def test_down_at_the_scheduled_time_it_posts_once_on_return_the_same_day() -> None:
    s = sub("07:30", "America/New_York")
    back = utc(2026, 6, 2, 20, 0)  # 16:00 in New York, missed 07:30
    assert is_due(back, s, date(2026, 6, 1))
    assert not is_due(back + timedelta(minutes=1), s, date(2026, 6, 2))


def test_a_missed_day_is_not_posted_the_next_day_before_its_time() -> None:
    s = sub("09:00", "Asia/Tokyo")
    # Down all of June 2 (Tokyo); back on June 3 at 08:00 Tokyo: wait for 09:00, post once.
    back = datetime(2026, 6, 3, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert not is_due(back, s, date(2026, 6, 1))
    assert next_run(back, s, date(2026, 6, 1)) == datetime(
        2026, 6, 3, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo")
    )


def test_spring_forward_gap_posts_just_after_the_gap() -> None:
    s = sub("02:30", "America/New_York")  # 2026-03-08 02:00 → 03:00 local
    run = next_run(utc(2026, 3, 8, 5, 0), s, date(2026, 3, 7))
    assert run == utc(2026, 3, 8, 7, 30)
    assert run.astimezone(ZoneInfo("America/New_York")).hour == 3


def test_fall_back_ambiguous_hour_posts_at_the_first_occurrence_only() -> None:
    s = sub("01:30", "America/New_York")  # 2026-11-01 01:00–02:00 happens twice
    first = next_run(utc(2026, 11, 1, 4, 0), s, date(2026, 10, 31))
    assert first == utc(2026, 11, 1, 5, 30)  # 01:30 EDT
    second_occurrence = utc(2026, 11, 1, 6, 30)  # 01:30 EST
    assert not is_due(second_occurrence, s, date(2026, 11, 1))


def test_midnight_subscriptions_belong_to_the_new_day() -> None:
    s = sub("00:00", "Australia/Sydney")
    just_before = datetime(2026, 7, 1, 23, 59, tzinfo=ZoneInfo("Australia/Sydney"))
    assert not is_due(just_before, s, date(2026, 7, 1))
    assert next_run(just_before, s, date(2026, 7, 1)) == datetime(
        2026, 7, 2, 0, 0, tzinfo=ZoneInfo("Australia/Sydney")
    )


def test_local_day_differs_from_utc_day_across_the_date_line() -> None:
    now = utc(2026, 6, 1, 23, 0)
    assert local_day(now, sub("08:00", "Pacific/Auckland")) == date(2026, 6, 2)
    assert local_day(now, sub("08:00", "Pacific/Honolulu")) == date(2026, 6, 1)


ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]


@given(
    minutes=st.integers(0, 60 * 24 * 400),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    zone=st.sampled_from(ZONES),
)
def test_next_run_is_never_in_the_past_and_serves_each_local_day_once(
    minutes: int, hour: int, minute: int, zone: str
) -> None:
    s = Subscription("discord", "9", time(hour, minute), zone)
    now = utc(2026, 1, 1) + timedelta(minutes=minutes)
    served = local_day(now, s) - timedelta(days=1)
    run = next_run(now, s, served)
    assert run >= now
    assert is_due(run, s, served)
    day = local_day(run, s)
    assert not is_due(run, s, day)
    later = next_run(run, s, day)
    assert later > run
    assert local_day(later, s) == day + timedelta(days=1)
    assert scheduled_at(day, s) <= run


def test_time_and_zone_parsing_is_forgiving_and_errors_are_helpful() -> None:
    assert parse_time("7:05") == time(7, 5)
    assert parse_timezone("europe/berlin") == "Europe/Berlin"
    with pytest.raises(UsageError):
        parse_time("25:00")
    with pytest.raises(UsageError) as err:
        parse_timezone("Mars/Olympus")
    assert "IANA" in (err.value.hint or "")


def test_a_subscription_made_after_todays_time_starts_tomorrow() -> None:
    s = sub("08:00", "UTC")
    late = utc(2026, 5, 17, 9, 30)
    started = replace(s, first_day=first_day_for(late, s))
    assert started.first_day == date(2026, 5, 18)
    assert not is_due(late, started, None)
    assert next_run(late, started, None) == utc(2026, 5, 18, 8, 0)
    early = utc(2026, 5, 17, 7, 0)
    assert first_day_for(early, s) == date(2026, 5, 17)
