"""Judging the dates of an article: each date against the brief's sessions, and the
article as a whole against the brief's week.

A date is a session of the brief (or a weekend dateline, a holiday the sentence names, the
days after a daily wrap's session), a weekday that does not go with its date, or a day
outside the week that nothing settles.  An article whose dates and figures put it in one
other week gets a single `wrong_week` finding instead of a wall of mismatches.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from typing import Final

from factcheck.brief import IndexBrief, Week
from factcheck.datewords import WEEKDAY_NAMES
from factcheck.document import Document, Figure
from factcheck.fact_index import FactIndex
from factcheck.grammar import CLOSURE_WORDS, alternation
from factcheck.report import Claim, Severity, Status
from factcheck.rules import DATE_OUTSIDE, SESSION_DATE, WEEKDAY_DATE, WRONG_WEEK, Rule

#: More than this share of dated mentions outside the brief's week means another week.
WRONG_WEEK_SHARE: Final = 0.5

_HOLIDAY_RE: Final = re.compile(
    rf"(?i)\b{alternation(CLOSURE_WORDS)}\b",
    re.ASCII,
)


def weekday_mismatch(fig: Figure) -> tuple[Status, str | None, str, Rule] | None:
    """A weekday written with a date that is not that date's weekday (any genre's rule)."""
    date = fig.date
    if date is None or fig.weekday is None or fig.weekday == date.weekday():
        return None
    right = f"{WEEKDAY_NAMES[date.weekday()]}, {date:%b} {date.day}"
    return (
        Status.MISMATCH,
        right,
        f"{date:%b} {date.day}, {date.year} was a {WEEKDAY_NAMES[date.weekday()]}",
        WEEKDAY_DATE,
    )


def date_verdict(
    fig: Figure, brief: IndexBrief, index: FactIndex, sentence: str
) -> tuple[Status, str | None, str, Rule]:
    date = fig.date
    assert date is not None
    wrong_weekday = weekday_mismatch(fig)
    if wrong_weekday is not None:
        return wrong_weekday
    if date in index.dates:
        return Status.VERIFIED, None, "a session or a date of the brief", SESSION_DATE
    as_of = brief.week.as_of
    if as_of is not None and as_of < date <= brief.week.end:
        # a daily wrap's dateline is often the next day's, and what it says of later days
        # is an outlook: a day of the week, as a weekend day is, with no figure to settle
        return (
            Status.VERIFIED,
            None,
            f"a day after {as_of:%a %b %-d}, the session reported",
            SESSION_DATE,
        )
    if brief.week.start <= date <= brief.week.end:
        if date.weekday() >= 5:
            return (
                Status.VERIFIED,
                None,
                "a weekend day of the week (a dateline, no session)",
                SESSION_DATE,
            )
        if _HOLIDAY_RE.search(sentence):
            return Status.VERIFIED, None, "no session that day, as the article says", SESSION_DATE
        return (
            Status.MISMATCH,
            None,
            f"no {brief.subject.name} session on {date:%a %b %-d}",
            SESSION_DATE,
        )
    return (
        Status.UNSUPPORTED,
        None,
        (f"{date.isoformat()} is outside the week {brief.week.start}..{brief.week.end}"),
        DATE_OUTSIDE,
    )


def _largest_week(figures: list[Figure]) -> int:
    """How many of these dated figures fall in the one week most of them fall in."""
    weeks = Counter(f.date - dt.timedelta(days=f.date.weekday()) for f in figures if f.date)
    return weeks.most_common(1)[0][1] if weeks else 0


def _outside_the_week(
    dates: list[tuple[Figure, Status]], week: Week, vouched: frozenset[dt.date]
) -> list[Figure]:
    """The dated figures outside the brief's week.  The previous week's last session is the
    base of the week's changes ("Change vs Fri Aug 1"): a recap may name it on every line and
    is still about its own week; a day the brief vouches for is no other week's either."""
    return [
        f
        for f, _ in dates
        if f.date is not None
        and not (week.start <= f.date <= week.end)
        and f.date != week.previous_session
        and f.date not in vouched
    ]


def wrong_week(
    doc: Document,
    brief: IndexBrief,
    dates: list[tuple[Figure, Status]],
    claims: Iterable[Claim],
    vouched: frozenset[dt.date] = frozenset(),
) -> Claim | None:
    """One finding when the article is evidently about another week than the brief (days the
    brief `vouched` for, a daily wrap's next session and closed days, are none)."""
    week = brief.week
    outside = _outside_the_week(dates, week, vouched)
    out_ids = {id(f) for f in outside}  # identity: comparing Figure dataclasses is costly
    foreign = [f for f, status in dates if status is not Status.VERIFIED and id(f) in out_ids]
    walk = [f for f, _ in dates if f.weekday is not None]
    walk_out = [f for f in walk if id(f) in out_ids]
    claimed_week: dt.date | None = None
    week_text = doc.front_matter.get("week")
    if week_text:
        try:
            claimed_week = dt.date.fromisoformat(week_text.strip())
        except ValueError:
            claimed_week = None
    claimed_other = claimed_week is not None and not (week.start <= claimed_week <= week.end)
    # another week means one other week: background dates (a record in February, data due
    # next Wednesday) fall in many weeks and say nothing about the article's own
    by_walk = len(walk) >= 2 and _largest_week(walk_out) > WRONG_WEEK_SHARE * len(walk)
    by_dates = len(dates) >= 2 and _largest_week(foreign) > WRONG_WEEK_SHARE * len(dates)
    by_front = by_figures = False
    if not (by_walk or by_dates) and (claimed_other or outside):
        # figures the data contradicts, not those it cannot settle: a third-party article
        # quotes much the brief does not hold, and a background date does not move its week
        figures = [c for c in claims if c.kind not in ("date", "phrase")]
        wrong = [c for c in figures if c.status in (Status.MISMATCH, Status.MISATTRIBUTED)]
        mostly_wrong = len(figures) >= 3 and len(wrong) > WRONG_WEEK_SHARE * len(figures)
        by_front = claimed_other and mostly_wrong
        by_figures = (
            mostly_wrong and len(dates) >= 2 and len(outside) > WRONG_WEEK_SHARE * len(dates)
        )
    if not (by_walk or by_dates or by_front or by_figures):
        return None
    foreign = walk_out or foreign or outside
    mondays = Counter(f.date - dt.timedelta(days=f.date.weekday()) for f in foreign if f.date)
    if mondays:
        common = mondays.most_common(1)[0][0]
        foreign = [
            f for f in foreign if f.date and f.date - dt.timedelta(days=f.date.weekday()) == common
        ]
    if foreign:
        first = foreign[0]
        line, col = doc.position(first.start)
        text = doc.text[first.start : first.end]
        monday = first.date - dt.timedelta(days=first.date.weekday()) if first.date else None
        about = f"the week of {monday:%b %-d, %Y}" if monday else text
    else:
        line, col, text = 1, 1, doc.text.split("\n", 1)[0]
        about = f"the week of {claimed_week}"
    return Claim(
        line=line,
        col=col,
        text=text,
        sentence=text,
        value=None,
        kind="date",
        status=Status.WRONG_WEEK,
        severity=Severity.ERROR,
        fact_id=None,
        expected=f"{week.start}..{week.end}",
        message=(
            f"the article is about {about}, not the brief's week "
            f"({brief.subject.key} {week.start}..{week.end}); check it against its "
            "own week's data"
        ),
        rule=WRONG_WEEK.code,
    )
