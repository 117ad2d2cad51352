"""Which trading week a date names, per the exchange calendar.

The calendar says which sessions were *scheduled*; the data says which *happened* (markets
also close for typhoons, storms and days of mourning).  `scheduled_week` is used to reject
weeks with no sessions or not finished yet before any data is fetched; the brief then takes
its sessions from the data.

Why a session table and not the `exchange_calendars` object: building an exchange's
calendar from 2000 costs about 0.2 s of CPU (pandas holiday rules), and importing the
library 0.15 s more, in every process: a third of a batch run's start.  The table is the
calendar's answers (each session and its close) as plain sorted tuples, built once from
`exchange_calendars` and kept in the cache directory, keyed by the library's version and
rebuilt when it is older than `TABLE_MAX_AGE` (the library schedules a year ahead from the
day it builds).  `tests/test_calendar_table.py` holds it to the library's own answers.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import warnings
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from itertools import pairwise
from pathlib import Path
from typing import Any

from writer.errors import BadInput, NoSessions

#: The first day any calendar (and any data writer uses) covers.
CALENDAR_START = dt.date(2000, 1, 1)
#: How long a stored table is trusted: the library schedules a year ahead of its build day,
#: and new holidays come with new library versions (which change the key anyway).
TABLE_MAX_AGE = dt.timedelta(days=30)
_FORMAT = 1


@dataclass(frozen=True)
class ScheduledWeek:
    start: dt.date  # Monday
    end: dt.date  # Sunday
    sessions: tuple[dt.date, ...]


@dataclass(frozen=True)
class SessionTable:
    """One exchange's scheduled sessions, oldest first, and the UTC close of each."""

    code: str
    sessions: tuple[dt.date, ...]
    closes: tuple[dt.datetime, ...]

    @property
    def first_session(self) -> dt.date:
        return self.sessions[0]

    @property
    def last_session(self) -> dt.date:
        return self.sessions[-1]

    def in_range(self, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
        """The sessions from `start` to `end`, both included."""
        lo = bisect.bisect_left(self.sessions, start)
        return self.sessions[lo : bisect.bisect_right(self.sessions, end, lo)]

    def close_of(self, session: dt.date) -> dt.datetime:
        i = bisect.bisect_left(self.sessions, session)
        if i == len(self.sessions) or self.sessions[i] != session:
            raise KeyError(f"{session} is not a {self.code} session")
        return self.closes[i]

    def to_json(self, built: dt.date, version: str) -> str:
        return json.dumps(
            {
                "format": _FORMAT,
                "code": self.code,
                "exchange_calendars": version,
                "built": built.isoformat(),
                "first": self.sessions[0].toordinal(),
                # gaps between sessions in days and closes in seconds since the epoch: small
                "gaps": [b.toordinal() - a.toordinal() for a, b in pairwise(self.sessions)],
                "closes": [int(c.timestamp()) for c in self.closes],
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str, code: str, version: str, today: dt.date) -> SessionTable | None:
        """The stored table, or None when it is not the one to use (another library
        version, too old, another format, or not readable as one)."""
        try:
            data: dict[str, Any] = json.loads(text)
            if (data["format"], data["code"], data["exchange_calendars"]) != (
                _FORMAT,
                code,
                version,
            ):
                return None
            if today - dt.date.fromisoformat(data["built"]) > TABLE_MAX_AGE:
                return None
            day = int(data["first"])
            days = [day]
            for gap in data["gaps"]:
                day += int(gap)
                days.append(day)
            closes = tuple(dt.datetime.fromtimestamp(int(c), dt.UTC) for c in data["closes"])
            if len(closes) != len(days) or not days:
                return None
            return cls(code, tuple(map(dt.date.fromordinal, days)), closes)
        except (ValueError, TypeError, KeyError, OverflowError):
            return None


def table_path(code: str) -> Path:
    """Where `code`'s table is kept (`WRITER_CACHE_DIR` moves it, as it moves the prices)."""
    from writer.places import cache_dir

    return cache_dir() / "calendars" / f"{code}.json"


def build_table(code: str) -> SessionTable:
    """The table from `exchange_calendars` itself (about 0.2 s per exchange)."""
    import exchange_calendars as xcals

    # exchange-calendars 4.x trips pandas 3 deprecation warnings while building its tables;
    # they say nothing to our users, so they are silenced here and only here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=FutureWarning)
        warnings.simplefilter("ignore", category=DeprecationWarning)
        cal = xcals.get_calendar(code, start=CALENDAR_START.isoformat())
        sessions = tuple(ts.date() for ts in cal.sessions)
        closes = tuple(ts.to_pydatetime() for ts in cal.closes)
    return _with_unscheduled_closures(SessionTable(code, sessions, closes))


def _with_unscheduled_closures(table: SessionTable) -> SessionTable:
    """The table with the days it was scheduled to trade and shut without notice
    (`UNSCHEDULED_CLOSURES`) as sessions, whichever `exchange_calendars` built it: releases
    from 4.13.3 drop some of them (Typhoon Saola's Sep 1, 2023) as ad-hoc holidays, older
    ones keep them.  A closure is the market's, said by `closure`, in either case; each
    re-added day closes at the time of day of the session before it."""
    missing = [
        d
        for d in UNSCHEDULED_CLOSURES.get(table.code, {})
        if table.first_session < d < table.last_session and d not in set(table.sessions)
    ]
    if not missing:
        return table
    pairs = dict(zip(table.sessions, table.closes, strict=True))
    for day in missing:
        before = table.sessions[bisect.bisect_left(table.sessions, day) - 1]
        close = pairs[before]
        pairs[day] = close + dt.timedelta(days=(day - before).days)
    days = sorted(pairs)
    return SessionTable(table.code, tuple(days), tuple(pairs[d] for d in days))


@cache
def _calendar(code: str) -> SessionTable:
    """`code`'s table: from the cache directory when a fresh one is there, else built and
    stored there (a cache that cannot be written is only slower, never an error)."""
    version = metadata.version("exchange_calendars")
    today = dt.date.today()
    path = table_path(code)
    try:
        stored = SessionTable.from_json(path.read_text(encoding="utf-8"), code, version, today)
    except OSError:
        stored = None
    if stored is not None:
        return stored
    table = build_table(code)  # an unknown code raises the library's own error here
    try:
        from writer.output import write_atomic

        write_atomic(path, table.to_json(today, version))
    except OSError:
        pass
    return table


def parse_date(text: str) -> dt.date:
    """A date the user typed (YYYY-MM-DD), or `BadInput` (exit 2) saying how to write it."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"bad date {text!r}: use YYYY-MM-DD, e.g. 2025-08-08") from None


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of `day`'s week; the last week of year 9999 ends on Dec 31 (the
    last date there is), so a far-off date is an error about the calendar, not a crash."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, min(monday, dt.date.max - dt.timedelta(days=6)) + dt.timedelta(days=6)


def scheduled_week(calendar: str, day: dt.date, now: dt.datetime) -> ScheduledWeek:
    """The week containing `day`; raises NoSessions if it has none or is not finished at `now`."""
    start, end = week_bounds(day)
    cal = _calendar(calendar)
    if end > cal.last_session:
        raise NoSessions(
            f"the week of {start} is beyond the {calendar} calendar; pick a week that has ended"
        )
    if start < cal.first_session:
        # the calendar (and any data writer can use) starts in 2000: one line, not the
        # library's DateOutOfBounds traceback
        raise NoSessions(
            f"the week of {start} is before the {calendar} calendar starts "
            f"({cal.first_session}); pick a later week"
        )
    sessions = cal.in_range(start, end)
    if not sessions:
        raise NoSessions(
            f"{calendar} had no trading sessions in the week {start} .. {end} "
            "(holiday week); pick another week"
        )
    close = cal.close_of(sessions[-1])
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


def require_closed(calendar: str, day: dt.date, now: dt.datetime) -> None:
    """Raise NoSessions unless the session `day` has closed at `now` (a daily wrap of a
    session still trading would report a close that does not exist yet)."""
    close = _calendar(calendar).close_of(day)
    if close > now:
        raise NoSessions(
            f"the {calendar} session of {day} has not closed yet (it closes "
            f"{close:%Y-%m-%d %H:%M} UTC); pick a session that has ended"
        )


def last_finished_session(calendar: str, now: dt.datetime) -> dt.date:
    """The last session that has closed at `now`: what `--date last` means for an exchange
    (a cron job in the evening gets the day's session, one in the morning the day before)."""
    cal = _calendar(calendar)
    day = min(now.date(), cal.last_session)
    for session in reversed(cal.in_range(day - dt.timedelta(days=30), day)):
        if cal.close_of(session) <= now:
            return session
    raise NoSessions(f"{calendar} has no finished session in the 30 days to {day}")


def finished_sessions(
    calendar: str, first: dt.date, last: dt.date, now: dt.datetime
) -> tuple[dt.date, ...]:
    """Every session from `first` to `last` that has closed at `now`, oldest first; a day the
    exchange was shut although scheduled (`closure`) is no session."""
    cal = _calendar(calendar)
    if first < cal.first_session or last > cal.last_session:
        raise NoSessions(
            f"{first}..{last} reaches outside the {calendar} calendar "
            f"({cal.first_session}..{cal.last_session}); pick dates inside it"
        )
    return tuple(
        d
        for d in cal.in_range(first, last)
        if cal.close_of(d) <= now and closure(calendar, d) is None
    )


def weeks_between(calendar: str, first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    """The last session of every trading week from `first`'s week to `last`'s, oldest first
    (a week with no session, or not finished yet, is left out: `scheduled_week` would refuse
    it)."""
    start, end = week_bounds(first)[0], week_bounds(last)[1]
    cal = _calendar(calendar)
    # the messages name the dates the user typed, not the Mondays of their weeks
    if start < cal.first_session:
        raise NoSessions(
            f"{first} is in a week that starts before the {calendar} calendar "
            f"({cal.first_session}); start the range on {cal.first_session} or later"
        )
    if end > cal.last_session:
        raise NoSessions(
            f"{last} is in a week beyond the {calendar} calendar; end the range on a week "
            "that has ended"
        )
    ends: dict[dt.date, dt.date] = {}
    for day in cal.in_range(start, end):
        ends[week_bounds(day)[0]] = day
    return tuple(ends[k] for k in sorted(ends))


def sessions_between(calendar: str, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    return _calendar(calendar).in_range(start, end)


def first_session(calendar: str) -> dt.date:
    """The first session the calendar knows: days before it cannot be judged."""
    return _calendar(calendar).first_session


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
    start = max(day - dt.timedelta(days=14), cal.first_session)
    end = day - dt.timedelta(days=1)
    if end < start:
        return None
    found = cal.in_range(start, end)
    held = [d for d in found if closure(calendar, d) is None]
    return held[-1] if held else None
