"""The weekly index recap (and the daily wrap, a session of its week): what only this genre
needs of the checker.

Its brief is a `IndexBrief`; a report names the week it was checked against (and the
session, for a daily wrap); relative dates are read from the week's last session; company
results (earnings, revenue, EPS ...) are outside its data; every phrase judge applies; its lede
gives the index, its weekly change and its close; and a wrong weekly or year-to-date change is
explained by the closes a writer most often measures it from by mistake.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from factcheck import ids
from factcheck.brief import Brief, Fact, IndexBrief, WeeklyIndexBrief
from factcheck.datewords import WEEKDAY_NAMES
from factcheck.diagnose import Base
from factcheck.form import FormRules, Page, Problem
from factcheck.genres.genre import Genre
from factcheck.grammar import CLOSE_WORD, COMPANY_RESULTS, OUTSIDE
from factcheck.index_check import check_index
from factcheck.qualitative import PHRASE_KINDS
from factcheck.report import CheckReport

#: "Fri" as a fact's label writes a weekday ("the week vs Fri Aug 1's close").
_DAY_ABBREVIATIONS: Final = "|".join(name[:3] for name in WEEKDAY_NAMES)
_BASE_DAY_RE: Final = re.compile(rf" vs ((?:{_DAY_ABBREVIATIONS})\w* \w+ \d+) {CLOSE_WORD}")


def _weekly(brief: Brief) -> IndexBrief:
    assert isinstance(brief, IndexBrief), brief.kind
    return brief


def describe(brief: Brief) -> str:
    """What a report says it was checked against: the week, or the session of a daily wrap."""
    week = _weekly(brief).week
    if week.as_of is not None:
        return f"{brief.subject.key} {week.start}..{week.end} as of {week.as_of}"
    return f"{brief.subject.key} {week.start}..{week.end}"


def anchor(brief: Brief) -> dt.date:
    return _weekly(brief).week.last_session


def _close(brief: IndexBrief, entity: str, day: dt.date) -> Decimal | None:
    fact = brief.get(ids.session(entity, "close", day))
    return fact.value if fact is not None else None


def _bases(brief: IndexBrief, entity: str, period: str) -> list[Base]:
    week = brief.week
    out: list[Base] = []
    if period == "week":
        # the session before the previous week's last: "from last Thursday's close"
        prev = brief.get(ids.session(entity, "close", week.previous_session))
        move = brief.get(ids.session(entity, "change_pts", week.previous_session))
        if prev is not None and move is not None:
            base = _BASE_DAY_RE.search(move.label)  # "... vs Thu Jul 17 close"
            name = f"{base.group(1)}'s close" if base else "the close a session earlier"
            out.append(Base(prev.value - move.value, f"{name}, a session before the base"))
        for day in week.sessions[:-1]:
            value = _close(brief, entity, day)
            if value is not None:
                out.append(Base(value, f"{WEEKDAY_NAMES[day.weekday()]} {day:%b %-d}'s close"))
        opening = brief.get(ids.session(entity, "open", week.sessions[0]))
        if opening is not None:
            day = week.sessions[0]
            out.append(Base(opening.value, f"{WEEKDAY_NAMES[day.weekday()]} {day:%b %-d}'s open"))
    elif period == "ytd":
        firsts = [
            f
            for f in brief.facts
            if f.entity == entity
            and f.metric == "close"
            and f.on is not None
            and f.on.month == 1
            and f.on.year == week.last_session.year
            and f.on < week.last_session  # in the week too: the week of Jan 2
        ]
        if firsts:
            first = min(firsts, key=lambda f: f.on or week.start)
            assert first.on is not None
            out.append(Base(first.value, f"the first close of {first.on.year} ({first.on:%b %-d})"))
    return out


def _last_close(brief: IndexBrief, entity: str) -> Decimal | None:
    days = [s for s in brief.week.sessions if brief.get(ids.session(entity, "close", s))]
    return _close(brief, entity, days[-1]) if days else None


def bases(brief: Brief, target: Fact) -> tuple[Decimal, Sequence[Base]] | None:
    """The last close a weekly or year-to-date change runs to, and the closes it is most
    often measured from by mistake (Monday's or Thursday's for the week, the year's first
    close for the year to date)."""
    weekly = _weekly(brief)
    if target.period not in ("week", "ytd") or target.metric not in ("change_pct", "change_pts"):
        return None
    last = _last_close(weekly, target.entity)
    if last is None:
        return None
    return last, _bases(weekly, target.entity, target.period)


def lede_gives(
    page: Page, brief: Brief, report: CheckReport, wanted: Sequence[tuple[frozenset[str], str]]
) -> list[Problem]:
    """The first paragraph names the subject and gives each `wanted` figure (any fact id of
    the set, said as the label) that the figure check judged there.  Whether they are right
    is the figure check's to say: a wrong close there is one finding, not two.  The lede rule
    of every index genre."""
    if not page.paragraphs:
        return []  # `_prose` says so
    n, lede = page.paragraphs[0]
    last = page.first_line + len(page.lines)
    end = page.paragraphs[1][0] if len(page.paragraphs) > 1 else last
    # a figure there that the figure check judged (verified, or an error it reports itself)
    verified = {c.fact_id for c in report.claims if n <= c.line < end and c.fact_id is not None}
    missing = [label for fact_ids, label in wanted if not fact_ids & verified]
    names = (brief.subject.name, brief.subject.key, *brief.subject.aliases)
    if not any(name.lower() in lede.lower() for name in names if name):
        missing.insert(0, f"the {brief.subject.name} by name")
    if not missing:
        return []
    return [
        Problem(
            n,
            lede[:80],
            f"the lede must give {' and '.join(missing)}, as the data shows "
            f"{'them' if len(missing) > 1 else 'it'}",
        )
    ]


def lede(page: Page, brief: Brief, report: CheckReport, rules: FormRules) -> list[Problem]:
    """The index, its weekly change and its close."""
    subject, last_session = brief.subject.key, _weekly(brief).week.last_session
    week = frozenset({ids.period(subject, "week", m) for m in ("change_pct", "change_pts")})
    close = frozenset({ids.session(subject, "close", last_session)})
    return lede_gives(
        page,
        brief,
        report,
        ((week, "its weekly change"), (close, f"its close on {last_session:%A}")),
    )


GENRE: Final[Genre] = Genre(
    kind="weekly_index",
    name="weekly index recap",
    brief_type=WeeklyIndexBrief,
    describe=describe,
    anchor=anchor,
    outside=(*OUTSIDE, *COMPANY_RESULTS),
    phrase_rules=frozenset(kind.rule.code for kind in PHRASE_KINDS),
    form_rules=(("lede", lede, "open with the index, its weekly change and its close"),),
    bases=bases,
    engine=check_index,
)
