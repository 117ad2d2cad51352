"""For a wrong change: which wrong base explains it.

Real recaps get a change wrong in a few known ways, most often by measuring it from the
wrong close: the weekly change from Monday's (or Thursday's) close instead of the previous
week's last close, the year-to-date change from the year's first close instead of the prior
year-end.  Given a change figure that fits neither the week nor the year, this tries each of
those bases on the brief's closes and says which one gives the written figure, so the
finding reads `"+0.28%" is the change from Monday Aug 4's close; the week vs Fri Aug 1's
close is +2.38%` instead of only "expected +2.38%".  Pure: facts in, a sentence out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from factcheck import ids
from factcheck.brief import Fact, WeeklyIndexBrief
from factcheck.datewords import WEEKDAY_NAMES
from factcheck.document import Figure
from factcheck.grammar import CLOSE_WORD
from factcheck.numfmt import written_matches

#: "Fri" as a fact's label writes a weekday ("the week vs Fri Aug 1's close").
_DAY_ABBREVIATIONS: Final = "|".join(name[:3] for name in WEEKDAY_NAMES)
_BASE_DAY_RE: Final = re.compile(rf" vs ((?:{_DAY_ABBREVIATIONS})\w* \w+ \d+) {CLOSE_WORD}")


@dataclass(frozen=True, slots=True)
class Base:
    """A close a change could have been measured from, and how to name it."""

    value: Decimal
    name: str


def _close(brief: WeeklyIndexBrief, entity: str, day: dt.date) -> Decimal | None:
    fact = brief.get(ids.session(entity, "close", day))
    return fact.value if fact is not None else None


def _bases(brief: WeeklyIndexBrief, entity: str, period: str) -> list[Base]:
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


def _last_close(brief: WeeklyIndexBrief, entity: str) -> Decimal | None:
    days = [s for s in brief.week.sessions if brief.get(ids.session(entity, "close", s))]
    return _close(brief, entity, days[-1]) if days else None


def wrong_base(brief: WeeklyIndexBrief, fig: Figure, target: Fact, sign: int) -> str | None:
    """Why `fig` (bound to `target`, a weekly or year-to-date change) is wrong, if a known
    wrong base explains it: the sentence to report, else None."""
    period = target.period
    if period not in ("week", "ytd") or target.metric not in ("change_pct", "change_pts"):
        return None
    last = _last_close(brief, target.entity)
    if last is None:
        return None
    for base in _bases(brief, target.entity, period):
        if base.value == 0:
            continue
        delta = last - base.value
        value = delta if target.metric == "change_pts" else delta / base.value * 100
        if sign and (value > 0) != (sign > 0) and value != 0:
            continue
        if written_matches(abs(value), fig.magnitude, fig.decimals, fig.hedge):
            what = "weekly" if period == "week" else "year-to-date"
            return (
                f"{fig.text.strip()} is the change from {base.name}; the {what} change "
                f"({target.label}) is {target.display}"
            )
    return None
