"""Quarter labels in an earnings story, read and judged against the brief's fiscal quarter.

A company's fiscal quarter and the calendar quarter it ends in may differ (Apple's fiscal
third quarter of 2024 ended in June: the calendar second quarter, "the June quarter").  A
label with "fiscal" (or "FY") must name the fiscal quarter; one without may name either, a
calendar wording being right when it is the calendar quarter of the quarter's end.  The
year-ago and previous quarters may be named where the sentence compares with them (its
period phrase says so: "a year earlier"); any other quarter is an error: a fiscal Q4
headlined as "Q3", or the year-ago quarter's year in the headline, is the wire's classic
slip.  A fiscal year alone ("fiscal 2024") is verified when it
is one of the brief's quarters' fiscal years and left unsupported otherwise (guidance
speaks of years the data does not hold).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from factcheck.brief import EarningsBrief, FiscalQuarter
from factcheck.grammar import (
    FIRST_COUNTS,
    FISCAL_PREFIXES,
    MONTH_NAMES,
    MONTHS,
    QUARTER_ENDED,
    QUARTER_NOUNS,
    QUARTER_ORDINALS,
    ResultPeriod,
    alternation,
)
from factcheck.report import Status

_FISCAL: Final = alternation(FISCAL_PREFIXES)
_ORDINAL: Final = alternation(w for w, _ in QUARTER_ORDINALS)
_QUARTER: Final = alternation(QUARTER_NOUNS)
_YEAR: Final = r"(?:19|20)\d\d"
_TAIL: Final = rf"(?:\s+(?:of\s+)?(?:(?P<fis2>{_FISCAL})[\s-]*)?(?P<y2>{_YEAR})(?!\d))?"
#: "fiscal third quarter", "third-quarter", "fiscal 2024 third quarter", "third quarter of
#: fiscal 2024"
_ORDINAL_RE: Final = re.compile(
    rf"(?<![\w-])(?:(?P<fis>{_FISCAL})[\s-]*(?:(?P<y1>{_YEAR})[\s-]+)?)?"
    rf"(?P<ord>{_ORDINAL})[\s-]+{_QUARTER}(?![\w-]){_TAIL}"
)
#: "Q3", "3Q", "fiscal Q4 2024", "FY2024-Q3", "FY24 Q3", "Q3 FY24", "3Q24"
_Q_RE: Final = re.compile(
    rf"(?<![\w-])(?:(?P<fis>{_FISCAL})[\s-]*(?P<y1>{_YEAR}|\d\d)?[\s-]*)?"
    r"(?:q(?P<n>[1-4])|(?P<n2>[1-4])q)"
    rf"(?:[\s-]*(?P<fis2>{_FISCAL})[\s-]*(?P<y2>{_YEAR}|\d\d)|[\s-]+(?P<y3>{_YEAR})|(?P<y4>\d\d))?"
    r"(?![\w-])"
)
#: "the June quarter"
_MONTH_RE: Final = re.compile(
    rf"(?<![\w-])(?P<month>{alternation(MONTHS)})[\s-]+{_QUARTER}(?![\w-])"
    rf"(?:\s+(?:of\s+)?(?P<y2>{_YEAR})(?!\d))?"
)
#: "the quarter ended July 2022", "the quarter ending on June 29, 2024" (Zacks' form)
_ENDED_RE: Final = re.compile(
    rf"(?<![\w-]){_QUARTER}\s+(?:{alternation(QUARTER_ENDED)})\s+(?:on\s+|in\s+)?"
    rf"(?P<month>{alternation(MONTHS)})\.?(?:\s+\d{{1,2}})?,?\s+(?P<y2>{_YEAR})(?!\d)"
)
#: "first quarter" that counts, not names (`FIRST_COUNTS`)
_NOT_A_LABEL: Final = re.compile(rf"\s+(?:{alternation(FIRST_COUNTS)})(?![\w-])")
#: "fiscal 2024", "FY2024", "fiscal year 2025"
_YEAR_RE: Final = re.compile(rf"(?<![\w-])(?P<fis>{_FISCAL})[\s-]*(?P<y>{_YEAR}|\d\d)(?![\w-])")


@dataclass(frozen=True, slots=True)
class Label:
    """A quarter label as written: offsets in the sentence, its quarter (None for a fiscal
    year alone), whether it says fiscal, its year, its month ("the June quarter")."""

    start: int
    end: int
    quarter: int | None
    fiscal: bool
    year: int | None
    month: int | None = None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) + 2000 if len(text) == 2 else int(text)


def labels_in(lower: str) -> list[Label]:
    """Every quarter label of a sentence's lower-cased original text, left to right."""
    found: list[Label] = []
    for m in _ORDINAL_RE.finditer(lower):
        if m["ord"] == "first" and _NOT_A_LABEL.match(lower, m.end()):
            continue  # a count of quarters, not a name of one
        n = dict(QUARTER_ORDINALS)[m["ord"]]
        found.append(
            Label(m.start(), m.end(), n, bool(m["fis"] or m["fis2"]), _year(m["y1"] or m["y2"]))
        )
    for m in _Q_RE.finditer(lower):
        n = int(m["n"] or m["n2"])
        year = _year(m["y1"] or m["y2"] or m["y3"] or m["y4"])
        found.append(Label(m.start(), m.end(), n, bool(m["fis"] or m["fis2"]), year))
    for m in (*_MONTH_RE.finditer(lower), *_ENDED_RE.finditer(lower)):
        found.append(Label(m.start(), m.end(), None, False, _year(m["y2"]), MONTHS[m["month"]]))
    taken = [(x.start, x.end) for x in found]
    for m in _YEAR_RE.finditer(lower):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            found.append(Label(m.start(), m.end(), None, True, _year(m["y"])))
    found.sort(key=lambda x: x.start)
    out: list[Label] = []
    for label in found:  # the first of overlapping readings, the longest at a start
        if out and label.start < out[-1].end:
            continue
        out.append(label)
    return out


def names(label: Label, q: FiscalQuarter) -> bool:
    """Does the label name the quarter `q`, as a fiscal or a calendar quarter?"""
    if label.month is not None:
        end = q.end
        months = {end.month} | ({(end.month - 2) % 12 + 1} if end.day <= 7 else set())
        return label.month in months and label.year in (None, end.year)
    fiscal = label.quarter in (None, q.quarter) and label.year in (None, q.fiscal_year)
    if fiscal or label.fiscal:
        return fiscal
    cal_year, cal_q = q.calendar_quarter
    return label.quarter in (None, cal_q) and label.year in (None, cal_year)


def next_quarter(q: FiscalQuarter) -> FiscalQuarter:
    """The quarter after `q`, 13 weeks long (its end month is what a label names)."""
    start = q.end + dt.timedelta(days=1)
    year, quarter = (q.fiscal_year + 1, 1) if q.quarter == 4 else (q.fiscal_year, q.quarter + 1)
    return FiscalQuarter(
        fiscal_year=year, quarter=quarter, start=start, end=q.end + dt.timedelta(weeks=13)
    )


def describe(q: FiscalQuarter) -> str:
    """ "FY2024-Q3 (fiscal Q3 2024, ended Jun 29, 2024: the calendar Q2, the June quarter)" """
    cal_year, cal_q = q.calendar_quarter
    month = MONTH_NAMES[q.end.month - 1].capitalize()
    return (
        f"{q.label} (fiscal Q{q.quarter} {q.fiscal_year}, ended {q.end:%b} {q.end.day}, "
        f"{q.end.year}: the calendar Q{cal_q} {cal_year}, the {month} quarter)"
    )


def judge_label(
    label: Label,
    brief: EarningsBrief,
    periods: frozenset[ResultPeriod],
    *,
    table: bool = False,
    compared: bool = False,
    estimated: bool = False,
    current: bool = False,
) -> tuple[Status, str | None, str]:
    """A label against the brief's quarters: (status, expected, message).  `periods` are the
    period phrases of its sentence: the year-ago or previous quarter may be named there, and
    in a table (a column header) or a comparison ("from $6.82 billion in the third quarter of
    2018", `compared`), unless the label is that of a figure of the quarter (`current`); a
    sentence about the outlook, or the estimates of the quarter after, names quarters to come."""
    q = brief.quarter
    if names(label, q):
        return Status.VERIFIED, None, f"names {describe(q)}"
    others: list[tuple[FiscalQuarter, str]] = []
    compares = table or compared
    if current:
        pass  # the label of a figure of the quarter ("Revenue for the ... quarter fell 17%")
    elif ResultPeriod.YEAR_AGO in periods or (compares and label.year is not None):
        others.append((brief.year_ago, "the year-ago quarter"))
    if (
        brief.previous is not None
        and not current
        and (ResultPeriod.PREVIOUS in periods or compares)
    ):
        others.append((brief.previous, "the previous quarter"))
    for other, what in others:
        if names(label, other):
            return Status.VERIFIED, None, f"names {what}, {describe(other)}"
    if ResultPeriod.AHEAD in periods or (estimated and names(label, next_quarter(q))):
        # "the outlook for the current quarter", "estimates for the July quarter" (the one
        # after the brief's: analysts' estimates look ahead)
        return Status.UNSUPPORTED, None, "a quarter of the outlook: no figure of the brief"
    if label.quarter is None and label.month is None:
        years = {x.fiscal_year for x in (q, brief.year_ago, brief.previous) if x is not None}
        if label.year not in years:
            return Status.UNSUPPORTED, None, f"fiscal {label.year}: no quarter of the brief"
    expected = f"fiscal Q{q.quarter}" if label.quarter is not None else f"fiscal {q.fiscal_year}"
    return (
        Status.MISMATCH,
        expected,
        f"the quarter is {describe(q)}; the label names another quarter",
    )
