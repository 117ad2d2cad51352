"""Which trading week a date names, per the exchange calendar.

The calendar says which sessions were *scheduled*; the data says which *happened* (markets
also close for typhoons, storms and days of mourning).  `scheduled_week` is used to reject
weeks with no sessions or not finished yet before any data is fetched; the brief then takes
its sessions from the data.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass
from functools import cache

import exchange_calendars as xcals
import pandas as pd

from writer.errors import NoSessions


@dataclass(frozen=True)
class ScheduledWeek:
    start: dt.date  # Monday
    end: dt.date  # Sunday
    sessions: tuple[dt.date, ...]


@cache
def _calendar(code: str) -> xcals.ExchangeCalendar:
    # exchange-calendars 4.x trips pandas 3 deprecation warnings while building its tables;
    # they say nothing to our users, so they are silenced here and only here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=FutureWarning)
        warnings.simplefilter("ignore", category=DeprecationWarning)
        return xcals.get_calendar(code, start="2000-01-01")


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of `day`'s week; the last week of year 9999 ends on Dec 31 (the
    last date there is), so a far-off date is an error about the calendar, not a crash."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, min(monday, dt.date.max - dt.timedelta(days=6)) + dt.timedelta(days=6)


def scheduled_week(calendar: str, day: dt.date, now: dt.datetime) -> ScheduledWeek:
    """The week containing `day`; raises NoSessions if it has none or is not finished at `now`."""
    start, end = week_bounds(day)
    cal = _calendar(calendar)
    if pd.Timestamp(end) > cal.last_session:
        raise NoSessions(
            f"the week of {start} is beyond the {calendar} calendar; pick a week that has ended"
        )
    if pd.Timestamp(start) < cal.first_session:
        # the calendar (and any data writer can use) starts in 2000: one line, not the
        # library's DateOutOfBounds traceback
        raise NoSessions(
            f"the week of {start} is before the {calendar} calendar starts "
            f"({cal.first_session.date()}); pick a later week"
        )
    sessions = tuple(ts.date() for ts in cal.sessions_in_range(start, end))
    if not sessions:
        raise NoSessions(
            f"{calendar} had no trading sessions in the week {start} .. {end} "
            "(holiday week); pick another week"
        )
    close = cal.session_close(pd.Timestamp(sessions[-1])).to_pydatetime()
    if close > now:
        raise NoSessions(
            f"the week {start} .. {end} is not finished yet (last session "
            f"{sessions[-1]} closes {close:%Y-%m-%d %H:%M} UTC); "
            "pick a week that has ended"
        )
    return ScheduledWeek(start=start, end=end, sessions=sessions)


def last_finished_week(calendar: str, now: dt.datetime) -> dt.date:
    """The last session of the last week whose final session has closed at `now`: what
    `--week last` means for an exchange (a cron job on Saturday gets the week just ended,
    one on Friday morning the week before)."""
    day = now.date()
    for _ in range(60):  # a year of closures in a row would be a broken calendar
        try:
            return scheduled_week(calendar, day, now).sessions[-1]
        except NoSessions:
            day = week_bounds(day)[0] - dt.timedelta(days=1)
    raise NoSessions(f"{calendar} has no finished trading week in the last year")


def weeks_between(calendar: str, first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    """The last session of every trading week from `first`'s week to `last`'s, oldest first
    (a week with no session, or not finished yet, is left out: `scheduled_week` would refuse
    it)."""
    start, end = week_bounds(first)[0], week_bounds(last)[1]
    cal = _calendar(calendar)
    if pd.Timestamp(start) < cal.first_session:
        raise NoSessions(
            f"the week of {start} is before the {calendar} calendar starts "
            f"({cal.first_session.date()}); pick a later week"
        )
    if pd.Timestamp(end) > cal.last_session:
        raise NoSessions(
            f"the week of {week_bounds(last)[0]} is beyond the {calendar} calendar; pick a "
            "week that has ended"
        )
    ends: dict[dt.date, dt.date] = {}
    for ts in cal.sessions_in_range(start, end):
        day = ts.date()
        ends[week_bounds(day)[0]] = day
    return tuple(ends[k] for k in sorted(ends))


def sessions_between(calendar: str, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    return tuple(ts.date() for ts in _calendar(calendar).sessions_in_range(start, end))


#: Whole-day closures the exchange calendars do not schedule (weather, mourning), as data:
#: a session missing from the data on one of these days is the market's, not the data's.
UNSCHEDULED_CLOSURES: dict[str, dict[dt.date, str]] = {
    "XHKG": {
        dt.date(2023, 9, 1): "Typhoon Saola",
        dt.date(2023, 9, 8): "a black rainstorm warning",
    },
}


def closure(calendar: str, day: dt.date) -> str | None:
    """Why the exchange was shut on a day it was scheduled to trade, if it was."""
    return UNSCHEDULED_CLOSURES.get(calendar, {}).get(day)


def previous_scheduled(calendar: str, day: dt.date) -> dt.date | None:
    """The calendar's last session strictly before `day` that the exchange held (known
    unscheduled closures skipped); None before the calendar starts."""
    cal = _calendar(calendar)
    start = max(pd.Timestamp(day - dt.timedelta(days=14)), cal.first_session)
    end = pd.Timestamp(day - dt.timedelta(days=1))
    if end < start:
        return None
    found = [ts.date() for ts in cal.sessions_in_range(start, end)]
    held = [d for d in found if closure(calendar, d) is None]
    return held[-1] if held else None
