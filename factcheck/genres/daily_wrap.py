"""The daily wrap (one session of an index): what only this genre needs of the checker.

Its brief is a `DailyWrapBrief`: the session's figures and the week, month and year to date
as of its close, which are the same facts the weekly genre reads, so the reading, binding,
phrase judges and wrong bases of the weekly recap apply unchanged (relative dates are read
from the session, the last of its week to date).  What differs is what a report names (the
session) and the lede: a daily wrap opens with the index, the day's move and its close.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from factcheck import ids
from factcheck.brief import Brief, DailyWrapBrief
from factcheck.form import FormRules, Page, Problem
from factcheck.genres import weekly_index
from factcheck.genres.genre import Genre
from factcheck.report import CheckReport


def _daily(brief: Brief) -> DailyWrapBrief:
    assert isinstance(brief, DailyWrapBrief), brief.kind
    return brief


def describe(brief: Brief) -> str:
    """What a report says it was checked against: the week, as of the session (the form
    reports had before daily wraps were a genre: CI jobs may read it)."""
    return weekly_index.describe(_daily(brief))


def anchor(brief: Brief) -> dt.date:
    return _daily(brief).session.date


def days(brief: Brief) -> frozenset[dt.date]:
    """The next session and the weekdays the exchange is shut around the session: "closed
    on Monday, Dec 25; trading resumes on Tuesday, Dec 26" states dates the brief holds."""
    session = _daily(brief).session
    nxt = () if session.next is None else (session.next,)
    return frozenset((*nxt, *(c.day for c in session.closed)))


def lede(page: Page, brief: Brief, report: CheckReport, rules: FormRules) -> list[Problem]:
    """The index, the day's move and its close."""
    subject, day = brief.subject.key, _daily(brief).session.date
    moved = frozenset({ids.session(subject, m, day) for m in ("change_pct", "change_pts")})
    close = frozenset({ids.session(subject, "close", day)})
    return weekly_index.lede_gives(
        page,
        brief,
        report,
        ((moved, f"its move on {day:%A}"), (close, f"its close on {day:%A}")),
    )


GENRE: Final[Genre] = Genre(
    kind="daily_wrap",
    name="daily market wrap",
    brief_type=DailyWrapBrief,
    describe=describe,
    anchor=anchor,
    outside=weekly_index.GENRE.outside,
    phrase_rules=weekly_index.GENRE.phrase_rules,
    form_rules=(("lede", lede, "open with the index, the day's move and its close"),),
    bases=weekly_index.GENRE.bases,
    engine=weekly_index.GENRE.engine,
    days=days,
)
