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
from typing import Final

from factcheck.extract import DATE_RE, MONTHS, NAME_DIGITS_RE, WEEKDAYS, split_front_matter
from factcheck.frontmatter import read_front_matter

#: "week ending Aug 8", "week ended Friday, August 8, 2025", "for the week to Aug 8".
_WEEK_END_RE: Final = re.compile(
    r"(?i)\bweek\s+(?:ending|ended|ends|to|through|of)\s*:?\s*$", re.ASCII
)
#: "8/8/2025", "08/08/2025" (US month/day order, as US newsletters write it).
_NUMERIC_DATE_RE: Final = re.compile(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d\d)\b")
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
    for m in _NUMERIC_DATE_RE.finditer(body):
        try:
            day = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        vote(day, _weight(body, m.start()))
    for key in ("date", "published"):
        if meta.get(key, "")[:4].isdigit():
            years[int(meta[key][:4])] += _WEIGHT_FRONT
    context_year = _context_year(body, years)
    for m in DATE_RE.finditer(body):
        iso, mon, mon2, day_text, day2, y1, y2 = m.group(
            "iso", "mon", "mon2", "day", "day2", "year", "year2"
        )
        try:
            if iso:
                day = dt.date.fromisoformat(iso)
            else:
                year = int(y1 or y2) if (y1 or y2) else context_year
                if year is None:
                    continue
                month = MONTHS[(mon or mon2).lower().rstrip(".")]
                day = dt.date(year, month, int(day_text or day2))
        except (ValueError, KeyError):
            continue
        vote(day, _weight(body, m.start()))
    if not votes:
        return None
    best = max(votes, key=lambda monday: (votes[monday], monday))
    return latest.get(best, best + dt.timedelta(days=4))


_SENTENCE_END_RE: Final = re.compile(r"[.!?](?:\s|$)")
_WEEKDAY_WORD_RE: Final = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.IGNORECASE
)
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
            sentence = _SENTENCE_END_RE.split(body[m.end() : m.end() + 300], maxsplit=1)[0]
            named = {w.group(0).lower() for w in _WEEKDAY_WORD_RE.finditer(sentence)}
            if len(named) != 1:
                continue
            wd = named.pop()
        month = MONTHS[(mon or mon2).lower().rstrip(".")]
        pairs.add((WEEKDAYS[wd.lower()], month, int(day_text or day2)))
    return pairs


def _agrees(year: int, pairs: set[tuple[int, int, int]]) -> bool:
    try:
        return all(dt.date(year, month, day).weekday() == wd for wd, month, day in pairs)
    except ValueError:  # Feb 29
        return False


def _context_year(body: str, years: Counter[int]) -> int | None:
    """The year of the dates written without one: the most named year that their weekdays
    agree with; else the latest such year up to this one; else the most named year."""
    pairs = _weekday_pairs(body)
    for year, _ in years.most_common():
        if _agrees(year, pairs):
            return year
    if pairs:
        this_year = dt.date.today().year
        for year in range(this_year, this_year - _YEARS_BACK, -1):
            if _agrees(year, pairs):
                return year
    return years.most_common(1)[0][0] if years else None


def _weight(body: str, start: int) -> int:
    if _WEEK_END_RE.search(body[max(0, start - 40) : start]):
        return _WEIGHT_WEEK_END
    return _WEIGHT_LEAD if start < _LEAD_CHARS else 1
