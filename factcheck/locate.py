"""Which week an article is about, read from the dates it writes.

Real articles carry no `week:` front matter: the week is in a dateline ("NEW YORK, Aug 8"),
a "week ending August 8, 2025", a Hugo `date:` key, or the day-by-day walk.  Most of an
article's dates fall in the week it recaps, with a few background dates (a record close in
December, next week's data) around them, so the week named most often wins, with the
explicit signals weighted up.  A date written without a year takes the year the article
names most often; with no year anywhere, the latest year in which its "Friday, Aug 16"
pairs fall on their weekdays; an article with neither cannot be placed, and the caller
says so rather than guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Final

from factcheck.datewords import DATE_RE, MONTHS, WEEKDAYS, date_parts
from factcheck.extract import NAME_DIGITS_RE
from factcheck.frontmatter import read_front_matter, split_front_matter
from factcheck.grammar import (
    FINAL_TRADING_DAY,
    MONTH_NAMES,
    OTHER_WEEKS,
    TERRITORY_YEAR,
    WEEK,
    WEEK_END_VERBS,
    WEEKDAY_NAMES,
    YEAR_END_LAST,
    YEAR_END_SPANS,
    alternation,
)

#: "week ending Aug 8", "week ended Friday, August 8, 2025", "for the week to Aug 8".
_WEEK_END_RE: Final = re.compile(
    rf"(?i)\b{WEEK}\s+(?:{alternation(WEEK_END_VERBS)}|to|through|of)\s*:?\s*$", re.ASCII
)
_YEAR_RE: Final = re.compile(r"(?<![\d,.$])\b(?P<y>(?:19|20)\d\d)\b(?![\d,.%-])")
#: Weights: a date in the headline or dateline, or after "week ending", says which week.
_LEAD_CHARS: Final = 240
_WEIGHT_LEAD: Final = 3
_WEIGHT_WEEK_END: Final = 6
_WEIGHT_FRONT: Final = 10


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def infer_week(text: str) -> dt.date | None:
    """A date in the week the article recaps (its latest dated day there), or None."""
    meta = read_front_matter(text)
    _, body_start = split_front_matter(text)
    body = text[body_start:]
    votes: Counter[dt.date] = Counter()
    latest: dict[dt.date, dt.date] = {}

    def vote(day: dt.date, weight: int) -> None:
        monday = _monday(day)
        votes[monday] += weight
        if day.weekday() < 5:
            latest[monday] = max(latest.get(monday, day), day)

    for key in ("date", "week", "published", "pubDate"):
        value = meta.get(key, "")[:10]
        try:
            vote(dt.date.fromisoformat(value), _WEIGHT_FRONT)
        except ValueError:
            continue
    # digits of names ("Russell 2000") are not years
    named = NAME_DIGITS_RE.sub(lambda m: "#" * len(m.group(0)), body.lower())
    years = Counter(int(m.group("y")) for m in _YEAR_RE.finditer(named))
    for key in ("date", "published"):
        if meta.get(key, "")[:4].isdigit():
            years[int(meta[key][:4])] += _WEIGHT_FRONT
    context_year = _context_year(body, years)
    for m in DATE_RE.finditer(body):
        try:
            year, month, date = date_parts(m)
            if year is None and context_year is None:
                continue
            day = dt.date(year or context_year or 0, month, date)
        except (ValueError, KeyError):
            continue
        vote(day, _weight(body, m.start()))
    if not votes:
        return None
    best = max(votes, key=lambda monday: (votes[monday], monday))
    return latest.get(best, best + dt.timedelta(days=4))


_WEEKDAY_WORD_RE: Final = re.compile(
    rf"(?<!Good )\b({alternation(WEEKDAY_NAMES)})\b", re.IGNORECASE
)
#: How far after a date without a weekday the lede's first weekday is looked for.
_PAIR_REACH: Final = 400
#: How far back a year is looked for when only weekdays can tell it ("Friday, Aug 16").
_YEARS_BACK: Final = 30


def _weekday_pairs(body: str) -> set[tuple[int, int, int]]:
    """(weekday, month, day) for "Friday, Aug 16", and for a date whose sentence names one
    weekday ("SYDNEY, Aug 16 - ... on Friday closed up")."""
    pairs: set[tuple[int, int, int]] = set()
    for m in DATE_RE.finditer(body):
        wd, mon, mon2, day_text, day2 = m.group("wd", "mon", "mon2", "day", "day2")
        if not (mon or mon2):
            continue
        if not wd:
            if m.start() >= _LEAD_CHARS:
                continue  # a background date beside some weekday says nothing
            # a dateline's weekday is the first one the lede names ("SYDNEY, April 17 -
            # ... The benchmark on Thursday closed up"); "Good Friday" is a holiday's name
            near = _WEEKDAY_WORD_RE.search(body[m.end() : m.end() + _PAIR_REACH])
            if near is None:
                continue
            wd = near.group(1)
        month = MONTHS[(mon or mon2).lower().rstrip(".")]
        pairs.add((WEEKDAYS[wd.lower()], month, int(day_text or day2)))
    return pairs


def _agreeing(year: int, pairs: set[tuple[int, int, int]]) -> int:
    """How many "Friday, Aug 16" pairs fall on their weekday in `year`."""
    count = 0
    for wd, month, day in pairs:
        try:
            count += dt.date(year, month, day).weekday() == wd
        except ValueError:  # Feb 29
            continue
    return count


def _context_year(body: str, years: Counter[int]) -> int | None:
    """The year of the dates written without one.  Weekday-date pairs ("Friday, Aug 16")
    are the strongest evidence, then how often a year is named, then recency: a pair read
    from a sentence can be wrong (a background date beside "on Thursday"), and a year named
    can be background ("the best week since 2008"), so each only weighs."""
    pairs = _weekday_pairs(body)
    if not pairs:
        return years.most_common(1)[0][0] if years else None
    this_year = dt.date.today().year
    pool = set(years) | set(range(this_year, this_year - _YEARS_BACK, -1))

    def score(year: int) -> tuple[int, int, int]:
        return (_agreeing(year, pairs) * 4 + min(years[year], 3), years[year], year)

    best = max(pool, key=score)
    return best if _agreeing(best, pairs) or years[best] else None


def _weight(body: str, start: int) -> int:
    if _WEEK_END_RE.search(body[max(0, start - 40) : start]):
        return _WEIGHT_WEEK_END
    return _WEIGHT_LEAD if start < _LEAD_CHARS else 1


#: How much of the body is the lede a daily wrap names its session in.
_LEDE_CHARS: Final = 700
#: A weekday word in the lede that names the session reported: "on Tuesday, September 25",
#: "Tuesday's moves"; not a weekday heading a date with no "on" ("Wednesday 20th August
#: 2025", a publication line), and not "Good Friday".
#: Monday to Friday, and "Jan" to "Dec", as articles write them.
_SESSION_DAYS: Final = WEEKDAY_NAMES[:5]
_MONTH_ABBREVIATIONS: Final = "|".join(name[:3].title() for name in MONTH_NAMES)
_SESSION_WEEKDAY_RE: Final = re.compile(
    rf"\bon\s+(?P<on>{alternation(_SESSION_DAYS)})\b"
    rf"|(?<!Good )\b(?P<bare>{alternation(_SESSION_DAYS)})\b"
    rf"(?!,?\s+(?:\d|the\s+\d|(?:{_MONTH_ABBREVIATIONS})[a-z]*\b))"
)
#: "its last trading day of 2025", "on New Year's Eve", "the final session of the year".
_YEAR_END_RE: Final = re.compile(
    rf"(?i)\b(?:{alternation(YEAR_END_LAST)})\s+(?:trading\s+)?{alternation(YEAR_END_SPANS)}\s+of\s+"
    rf"(?:{alternation(TERRITORY_YEAR)}|(?:19|20)\d\d)"
    rf"|\bNew\s+Year(?:'|’)?s\s+Eve\b|\b{alternation(FINAL_TRADING_DAY)}\b"
)
#: A lede that speaks of the week is a weekly recap (or a Friday wrap that adds the week),
#: whatever session it opens with.
_WEEK_WORD_RE: Final = re.compile(rf"(?i)\b{WEEK}(?:ly|s|'s|’s)?\b|\b{WEEK}-to-date\b")
#: ... except where a daily wrap mentions a week for something else: an economic release
#: ("weekly jobless claims") or what is still to come ("the week ahead", "later this week").
_OTHER_WEEK_RE: Final = re.compile(rf"(?i)\b{alternation(OTHER_WEEKS)}\b")


@dataclass(frozen=True)
class SessionHint:
    """What a daily wrap's lede says of the session it reports: its weekday (0 Monday ..
    4 Friday), or that it is the year's last session."""

    weekday: int | None = None
    year_end: bool = False


def infer_session(text: str) -> SessionHint | None:
    """The session a daily wrap reports, read from its lede ("Stocks closed lower on
    Tuesday ...", "ended its last trading day of 2025 ..."), or None for an article that is
    not one.

    Most published market stories are daily wraps: their month-, quarter- and year-to-date
    figures and streaks are as of that session, not the week's last.  The lede names the
    session by its weekday; a lede that speaks of the week is a recap of it and is read as
    one.  None when the lede names neither (the caller keeps the whole week)."""
    if speaks_of_week(text):
        return None
    _, body_start = split_front_matter(text)
    lede = text[body_start : body_start + _LEDE_CHARS]
    m = _SESSION_WEEKDAY_RE.search(lede)
    if m is not None:
        return SessionHint(weekday=WEEKDAYS[(m.group("on") or m.group("bare")).lower()])
    if _YEAR_END_RE.search(lede):
        return SessionHint(year_end=True)
    return None


def speaks_of_week(text: str) -> bool:
    """Does the lede speak of the week ("for the week", "its best week since")?  Such an
    article recaps the week, whichever session it opens with or is dated."""
    _, body_start = split_front_matter(text)
    lede = _OTHER_WEEK_RE.sub(" ", text[body_start : body_start + _LEDE_CHARS])
    return _WEEK_WORD_RE.search(lede) is not None
