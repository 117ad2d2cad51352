"""The dates and weekdays of an earnings story, judged against its brief (D001, D006).

An earnings snapshot names few days, each one the brief holds: the day the company reported
(often as a bare weekday, "said Tuesday"), the close it prices the share at, when the quarter
and the year-ago quarter ended, the closes its share's moves run from, the filing.  A day
the brief holds is verified; another day is wrong where its sentence says when the results
came or when the quarter ended (the reader takes it for that), and background elsewhere.
Pure: the brief and a sentence in, verdicts out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from factcheck.brief import EarningsBrief
from factcheck.dates import weekday_mismatch
from factcheck.datewords import WEEKDAY_NAMES, WEEKDAY_RE
from factcheck.document import Figure
from factcheck.grammar import (
    PERIOD_END_SUBJECTS,
    QUARTER_ENDED,
    REPORT_VERBS,
    WEEKDAYS,
    alternation,
)
from factcheck.report import Status
from factcheck.rules import REPORT_DATE, Rule

#: A verb of reporting anywhere in the sentence: its day is the report's.
_REPORTED_RE: Final = re.compile(rf"(?<![\w-])(?:{alternation(REPORT_VERBS)})(?![\w-])")
#: "which ended", "the quarter ended", "the period ending on" right before the date: a
#: quarter's end (`PERIOD_END_SUBJECTS`, then a verb of `QUARTER_ENDED`).
_ENDED_RE: Final = re.compile(
    rf"(?<![\w-])(?:{alternation(PERIOD_END_SUBJECTS)})\s+(?:{alternation(QUARTER_ENDED)})"
    r"\s+(?:on\s+)?$"
)


@dataclass(frozen=True, slots=True)
class DateVerdict:
    start: int  # offsets in the sentence
    end: int
    value: str
    status: Status
    expected: str | None
    message: str
    rule: Rule


def brief_days(brief: EarningsBrief) -> dict[dt.date, str]:
    """Every day the brief holds, with what it is (the first meaning wins)."""
    days: dict[dt.date, str] = {}

    def put(day: dt.date | None, what: str) -> None:
        if day is not None:
            days.setdefault(day, what)

    put(brief.report.date, "the day the results were reported")
    put(brief.report.price_date, "the day of the close the share is priced at")
    put(brief.quarter.end, f"the end of the quarter, {brief.quarter.label}")
    put(brief.year_ago.end, f"the end of the year-ago quarter, {brief.year_ago.label}")
    if brief.previous is not None:
        put(brief.previous.end, f"the end of the previous quarter, {brief.previous.label}")
    put(brief.filing.filed, f"the day the {brief.filing.form} was filed")
    for fact in brief.facts:
        if fact.metric == "close" and fact.on is not None:
            put(fact.on, f"a close the brief holds ({fact.label})")
    return days


def _day(day: dt.date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]}, {day:%b} {day.day}, {day.year}"


def judge_date(
    fig: Figure, brief: EarningsBrief, days: dict[dt.date, str], lower: str, start: int
) -> DateVerdict:
    """A date of the sentence `lower` (lower-cased; the date at `start` in it); `days` the
    brief's (`brief_days`, built once per article)."""
    assert fig.date is not None
    end = start + (fig.end - fig.start)
    value = fig.date.isoformat()
    wrong_weekday = weekday_mismatch(fig)
    if wrong_weekday is not None:
        status, expected, message, rule = wrong_weekday
        return DateVerdict(start, end, value, status, expected, message, rule)
    q = brief.quarter
    ended = _ENDED_RE.search(lower, 0, start) is not None
    ends = {x.end for x in (q, brief.year_ago, brief.previous) if x is not None}
    what = days.get(fig.date)
    if what is not None and (not ended or fig.date in ends):
        # "the quarter ended Dec. 29" is a quarter's end, not the year-end close of that day
        return DateVerdict(start, end, value, Status.VERIFIED, None, what, REPORT_DATE)
    if ended:
        return DateVerdict(
            start,
            end,
            value,
            Status.MISMATCH,
            f"{q.end:%b} {q.end.day}, {q.end.year}",
            f"the quarter {q.label} ended {_day(q.end)}; the year-ago quarter "
            f"{brief.year_ago.label} ended {_day(brief.year_ago.end)}",
            REPORT_DATE,
        )
    report = brief.report.date
    if _REPORTED_RE.search(lower):
        return DateVerdict(
            start,
            end,
            value,
            Status.MISMATCH,
            f"{report:%b} {report.day}, {report.year}",
            f"the results were reported on {_day(report)}",
            REPORT_DATE,
        )
    return DateVerdict(
        start,
        end,
        value,
        Status.UNSUPPORTED,
        None,
        f"{_day(fig.date)}: a day the brief holds nothing for",
        REPORT_DATE,
    )


def judge_weekdays(
    text: str, brief: EarningsBrief, dated: list[tuple[int, int]]
) -> Iterator[DateVerdict]:
    """The bare weekdays of a sentence (`text`, as written: weekdays are capitalised) such as
    "said Tuesday" or "closed Thursday's session", those outside its dates (`dated`: spans in
    the sentence): the report's or the price's weekday."""
    report, priced = brief.report.date, brief.report.price_date
    reported = _REPORTED_RE.search(text.lower()) is not None
    for m in WEEKDAY_RE.finditer(text):
        if any(a <= m.start() < b for a, b in dated):
            continue
        wd = WEEKDAYS[m["wd"].lower()]
        status, expected = Status.VERIFIED, None
        if wd == report.weekday():
            message = f"the weekday the results were reported ({_day(report)})"
        elif wd == priced.weekday():
            message = f"the weekday of the close the share is priced at ({_day(priced)})"
        elif reported:
            status, expected = Status.MISMATCH, WEEKDAY_NAMES[report.weekday()]
            message = f"the results were reported on {_day(report)}"
        else:
            status = Status.UNSUPPORTED
            message = (
                f"a {WEEKDAY_NAMES[wd]}: neither the report's day ({_day(report)}) nor the price's"
            )
        yield DateVerdict(m.start(), m.end("wd"), m["wd"], status, expected, message, REPORT_DATE)


__all__ = ["DateVerdict", "brief_days", "judge_date", "judge_weekdays"]
