"""Daily wrap brief: the week-to-date brief of a session, with the session named.  Pure.

The figures are the ones `writer.genres.weekly_index.brief.brief_from_bars` builds as of a
session's close (the checker's as-of-session reading needs exactly these, so there is one
definition for both); what a daily wrap adds is the session itself and the sessions either
side of it, with the weekdays between them that the exchange did not trade and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from factcheck.brief import Closed, DailyWrapBrief, Session, Week, WeeklyIndexBrief


def previous_session(week: Week, day: dt.date) -> dt.date:
    """The session before `day`, a session of `week`: its close is the day's change's base."""
    before = [s for s in week.sessions if s < day]
    return before[-1] if before else week.previous_session


def closed_weekdays(
    previous: dt.date,
    day: dt.date,
    following: dt.date | None,
    scheduled: Sequence[dt.date],
    closure: Callable[[dt.date], str | None],
) -> tuple[Closed, ...]:
    """The weekdays between `previous` and `following` (or the week after `day`) other than
    `day` without a session: an unscheduled closure by its reason, a day the calendar never
    scheduled as a market holiday."""
    end = following or day + dt.timedelta(days=7)
    held = set(scheduled)
    out = []
    d = previous + dt.timedelta(days=1)
    while d < end:
        if d != day and d.weekday() < 5:
            why = closure(d)
            if why is not None:
                out.append(Closed(day=d, why=f"closed: {why}"))
            elif d not in held:
                out.append(Closed(day=d, why="market holiday"))
        d += dt.timedelta(days=1)
    return tuple(out)


def daily_brief(
    week_to_date: WeeklyIndexBrief, following: dt.date | None, closed: tuple[Closed, ...]
) -> DailyWrapBrief:
    """The daily wrap brief of the session `week_to_date` is as of (`week.as_of`)."""
    week = week_to_date.week
    day = week.as_of
    if day is None:
        raise ValueError("a daily wrap brief needs a brief as of its session (week.as_of)")
    return DailyWrapBrief(
        subject=week_to_date.subject,
        peers=week_to_date.peers,
        facts=week_to_date.facts,
        provenance=week_to_date.provenance,
        week=week,
        session=Session(
            date=day, previous=previous_session(week, day), next=following, closed=closed
        ),
    )
