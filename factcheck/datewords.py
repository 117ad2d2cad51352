"""Dates and weekdays as articles write them: month and weekday words, the date shapes
(`Monday, Aug 4`, `4 August 2025`, `2025-08-08`, `8/8/2025`), the year a date written
without one means, and each date of a sentence as a `Figure` of kind `date`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Final

from factcheck.document import Figure
from factcheck.grammar import MONTHS as MONTHS
from factcheck.grammar import WEEKDAY_NAMES as WEEKDAY_NAMES
from factcheck.grammar import WEEKDAYS as WEEKDAYS
from factcheck.grammar import alternation
from factcheck.patterns import Scan

#: Month and weekday names as articles write them: capitalised, in full or abbreviated.
_MONTH: Final = rf"(?P<mon>{alternation(m.title() for m in MONTHS)})\.?"
_WEEKDAY: Final = rf"(?P<wd>{alternation(d.title() for d in WEEKDAYS)})"
#: `Monday, Aug 4`, `Aug. 4, 2025`, `August 4`, `4 August 2025`, `2025-08-08`, `8/8/2025`.
DATE_RE: Final = Scan(
    rf"\b(?:{_WEEKDAY}\.?,?\s+)?(?:{_MONTH}\s+(?P<day>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d)(?![-\d]))?(?![\d,]*\d)"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.replace('?P<mon>', '?P<mon2>')}"
    rf"(?:,?\s+(?P<year2>(?:19|20)\d\d))?"
    rf"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d)"
    # "8/8/2025", "11/16/24": month first as US newsletters write it, day first when the
    # first number cannot be a month; a fraction ("1/2") has no year and is not a date
    rf"|(?P<sm>\d{{1,2}})/(?P<sd>\d{{1,2}})/(?P<sy>(?:19|20)\d\d|\d\d)(?![\d/]))\b",
    re.ASCII,
)
WEEKDAY_RE: Final = Scan(
    rf"\b(?P<wd>{alternation(WEEKDAY_NAMES)})(?P<poss>'s|’s)?\b",
    re.ASCII,
)


def _year_for(month: int, day: int, anchor: dt.date | None) -> int:
    """The year a date written without one means: the latest one not more than two weeks
    after the article's week (a recap looks back: "its high of Dec. 4" in June is last
    December's)."""
    if anchor is None:
        return dt.date.today().year
    for year in (anchor.year + 1, anchor.year, anchor.year - 1):
        try:
            if dt.date(year, month, day) <= anchor + dt.timedelta(days=14):
                return year
        except ValueError:
            continue
    return anchor.year


def date_parts(m: re.Match[str]) -> tuple[int | None, int, int]:
    """(year or None when not written, month, day) of a `DATE_RE` match: the one reading of
    its three shapes, for the checker and for `locate`.  The date may not exist."""
    iso, sm = m.group("iso", "sm")
    if iso:
        return int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    if sm:
        first, second, year_text = int(sm), int(m.group("sd")), m.group("sy")
        month, day = (first, second) if first <= 12 else (second, first)
        return int(year_text) + (2000 if len(year_text) == 2 else 0), month, day
    mon, mon2, day_text, day2, year1, year2 = m.group("mon", "mon2", "day", "day2", "year", "year2")
    year_text = year1 or year2
    month = MONTHS[(mon or mon2).lower().rstrip(".")]
    return (int(year_text) if year_text else None), month, int(day_text or day2)


def dates_in(text: str, offset: int, anchor: dt.date | None) -> list[Figure]:
    out: list[Figure] = []
    for m in DATE_RE.finditer(text):
        wd = m.group("wd")
        weekday = WEEKDAYS[wd.lower()] if wd else None
        try:
            year, month, day = date_parts(m)
            date = dt.date(year if year else _year_for(month, day, anchor), month, day)
        except (ValueError, KeyError):
            continue
        out.append(
            Figure(
                offset + m.start(),
                offset + m.end(),
                m.group(0),
                "date",
                Decimal(date.toordinal()),
                0,
                0,
                date=date,
                weekday=weekday,
            )
        )
    return out
