"""Qualitative claims settled by the data (GENRE.md's list), on real weeks.

RUT Aug 4-8 2025: Mon +2.10%, Tue +0.60%, Wed -0.20%, Thu -0.30%, Fri +0.17%; weekly +2.38%
vs S&P 500 +2.43% and Nasdaq +3.87%; weekly intraday high Thu, closing high Tue, closing low
Mon; one straight weekly gain.  HSI Sep 30-Oct 4 2024: third straight weekly gain, new
52-week high on Friday.  ASX 200 Feb 17-21 2025: down every session (five straight).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.report import Status


def phrases(text: str, brief: WeeklyIndexBrief) -> list[tuple[str, Status]]:
    return [
        (c.text, c.status) for c in check_text(text, brief).claims if c.kind in ("phrase", "count")
    ]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The Russell 2000 finished the week higher.", Status.VERIFIED),
        ("The Russell 2000 finished the week lower.", Status.CONTRADICTED),
        ("The Russell 2000 ended the week in positive territory.", Status.VERIFIED),
        ("On Wednesday, the Russell 2000 closed lower.", Status.VERIFIED),
        ("On Wednesday, the Russell 2000 closed higher.", Status.CONTRADICTED),
        ("The Russell 2000 posted a weekly gain.", Status.VERIFIED),
        ("The Russell 2000 posted a weekly loss.", Status.CONTRADICTED),
    ],
)
def test_finished_higher_or_lower(rut: WeeklyIndexBrief, text: str, status: Status) -> None:
    assert [s for _, s in phrases(text, rut)] == [status]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The Russell 2000 lagged the S&P 500 this week.", Status.VERIFIED),
        ("The Russell 2000 trailed the Nasdaq this week.", Status.VERIFIED),
        ("The Russell 2000 outperformed the S&P 500 this week.", Status.CONTRADICTED),
        ("The Nasdaq eclipsed the S&P 500 this week.", Status.VERIFIED),
        ("On Tuesday, the Russell 2000 outperformed the S&P 500.", Status.VERIFIED),
        ("On Wednesday, the Russell 2000 outperformed the S&P 500.", Status.CONTRADICTED),
    ],
)
def test_relative_performance(rut: WeeklyIndexBrief, text: str, status: Status) -> None:
    assert [s for _, s in phrases(text, rut)] == [status]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Thursday: the index pushed to its weekly high before fading.", Status.VERIFIED),
        ("Tuesday: the index pushed to its weekly high before fading.", Status.VERIFIED),  # close
        ("Wednesday: the index pushed to its weekly high before fading.", Status.CONTRADICTED),
        ("Tuesday: it was the highest close of the week.", Status.VERIFIED),
        ("Thursday: it was the highest close of the week.", Status.CONTRADICTED),
    ],
)
def test_weekly_high(rut: WeeklyIndexBrief, text: str, status: Status) -> None:
    assert [s for _, s in phrases(text, rut)] == [status]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # Thursday's close 2,214.72 is above Tuesday's base (Monday's close 2,212.30): not all
        ("Thursday: the index gave back all of Tuesday's gains.", Status.CONTRADICTED),
        # Wednesday had no gains to give back
        ("Thursday: the index gave back all of Wednesday's gains.", Status.CONTRADICTED),
        # Friday's 2,218.42 is below Tuesday's 2,225.67 but above Monday's close: still not all
        ("Friday: the index gave back all of Tuesday's gains.", Status.CONTRADICTED),
    ],
)
def test_gave_back_all_gains(rut: WeeklyIndexBrief, text: str, status: Status) -> None:
    assert [s for _, s in phrases(text, rut)] == [status]


def test_gave_back_all_gains_true_case(brief: Callable[[str, str], WeeklyIndexBrief]) -> None:
    # DJI Jun 16-20 2025: Mon close 42,515.09 (+0.75%), Wed close 42,171.66 is below the
    # previous Friday's 42,197.79, so by Wednesday all of Monday's gains were gone
    dji = brief("DJI", "2025-06-20")
    text = "By Wednesday, the Dow had given back all of Monday's gains."
    assert phrases(text, dji) == [("given back all of Monday's gains", Status.VERIFIED)]


def test_streaks(brief: Callable[[str, str], WeeklyIndexBrief]) -> None:
    hsi = brief("HSI", "2024-10-04")
    assert phrases("It was the Hang Seng's third straight weekly gain.", hsi) == [
        ("third", Status.VERIFIED)
    ]
    assert phrases("It was the Hang Seng's fourth straight weekly gain.", hsi) == [
        ("fourth", Status.MISMATCH)
    ]
    asx = brief("ASX200", "2025-02-21")
    assert phrases("It has closed lower for five straight sessions.", asx) == [
        ("five", Status.VERIFIED)
    ]
    assert phrases("It has closed higher for five straight sessions.", asx) == [
        ("five", Status.MISMATCH)
    ]


def test_52_week_high(brief: Callable[[str, str], WeeklyIndexBrief], rut: WeeklyIndexBrief) -> None:
    hsi = brief("HSI", "2024-10-04")
    assert phrases("The Hang Seng hit a new 52-week high on Friday.", hsi) == [
        ("hit a new 52-week high", Status.VERIFIED)
    ]
    # the Russell 2000's 52-week high (Nov 25, 2024) was not set this week
    assert phrases("The Russell 2000 hit a new 52-week high.", rut) == [
        ("hit a new 52-week high", Status.CONTRADICTED)
    ]


def test_every_session(
    brief: Callable[[str, str], WeeklyIndexBrief], rut: WeeklyIndexBrief
) -> None:
    asx = brief("ASX200", "2025-02-21")
    assert phrases("The ASX 200 fell in all five sessions.", asx) == [
        ("fell in all five sessions", Status.VERIFIED)
    ]
    assert phrases("The Russell 2000 rose every session.", rut) == [
        ("rose every session", Status.CONTRADICTED)
    ]


def test_name_and_ticker_must_agree(rut: WeeklyIndexBrief) -> None:
    found = phrases("The Nasdaq Composite (RUT) rose this week.", rut)
    assert ("(RUT)", Status.MISATTRIBUTED) in found


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # Mon +2.10%, Tue +0.60% after Friday Aug 1's fall: two straight gains as of Tuesday
        ("The Russell 2000 rose for a second straight session on Tuesday.", Status.VERIFIED),
        ("The Russell 2000 rose for a third straight session on Tuesday.", Status.MISMATCH),
        # Wed -0.20%, Thu -0.30% after Tuesday's gain
        ("The index fell for two consecutive sessions on Wednesday and Thursday.", Status.VERIFIED),
        (
            "The index fell for three consecutive sessions on Wednesday and Thursday.",
            Status.MISMATCH,
        ),
    ],
)
def test_daily_streak_as_of_an_earlier_session(
    rut: WeeklyIndexBrief, text: str, status: Status
) -> None:
    assert [s for _, s in phrases(text, rut)] == [status]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # Russell 2000, week of Aug 4 2025: Mon +2.10%, Tue +0.60%, Wed -0.20%, Thu -0.30%
        # a run counted forward from the day it starts from, that day counted ...
        ("It rallied from a close of 2,212.30 on Monday, rising for two straight sessions.",
         Status.VERIFIED),
        # ... or not ("since Tuesday": Wednesday and Thursday)
        ("Since Tuesday's close of 2,225.67 it has fallen for two consecutive sessions.",
         Status.VERIFIED),
        # no such run from Monday: judged as of Monday, where the streak is one session
        ("It rallied from a close of 2,212.30 on Monday, rising for four straight sessions.",
         Status.MISMATCH),
    ],
)  # fmt: skip
def test_a_run_counted_from_the_day_it_starts(
    rut: WeeklyIndexBrief, text: str, status: Status
) -> None:
    counts = [(t, s) for t, s in phrases(text, rut) if t in ("two", "four")]
    assert [s for _, s in counts] == [status]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Russell 2000, week of Aug 4 2025: +2.38% on the week, Wed -0.20%; S&P 500 +2.43%
        ("The Russell 2000 lost ground this week.", [Status.CONTRADICTED]),
        ("The Russell 2000 gained ground over the week.", [Status.VERIFIED]),
        ("The Russell 2000 fell on Wednesday.", [Status.VERIFIED]),
        ("The Russell 2000 rose on Wednesday.", [Status.CONTRADICTED]),
        ("The S&P 500 slipped for the week.", [Status.CONTRADICTED]),
        # no index named before the verb: no claim the brief settles
        ("Stocks fell this week.", []),
        # a move with its figure is the figure check's
        ("The Russell 2000 rose this week by 2.38%.", []),
        # other tenses and a copula
        ("The Russell 2000 has fallen this week.", [Status.CONTRADICTED]),
        ("The Russell 2000 has been sliding all week.", [Status.CONTRADICTED]),
        ("The Russell 2000 was lower on the week.", [Status.CONTRADICTED]),
        ("The Russell 2000 is down for the week.", [Status.CONTRADICTED]),
        ("The Russell 2000 has risen this week.", [Status.VERIFIED]),
        ("The Russell 2000 was up on Wednesday.", [Status.CONTRADICTED]),
        ("The Russell 2000 is up 2.38% this week.", []),
        ("The Russell 2000 has given ground since last Friday.", [Status.CONTRADICTED]),
    ],
)
def test_a_direction_worded_without_a_figure(
    rut: WeeklyIndexBrief, text: str, found: list[Status]
) -> None:
    assert [s for t, s in phrases(text, rut) if not t.startswith("(")] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Russell 2000, week to May 16 2025: +4.46%, its best week of 2025 so far; its worst,
        # the week to Apr 4 (-9.70%)
        ("The Russell 2000 posted its best week of the year.", [Status.VERIFIED]),
        ("Small caps had their biggest weekly gain of 2025.", [Status.VERIFIED]),
        ("The Russell 2000 had its worst week so far this year.", [Status.CONTRADICTED]),
        ("The Russell 2000 had its best week of 2024.", []),  # a year the brief holds no rank of
        ("The Russell 2000 had its best week since March.", []),
        ("The Russell 2000 had its best week in months.", []),
    ],
)
def test_a_week_ranked_in_its_year(text: str, found: list[Status]) -> None:
    from .briefs import load

    brief = load("RUT", "2025-05-16")
    report = check_text(text, brief, strict=True)
    assert [c.status for c in report.claims if c.rule == "P013"] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # S&P 500, week to Sep 27 2024: its 52-week closing high was Thursday's (Sep 26)
        ("The S&P 500 set a 52-week closing high on Thursday.", [Status.VERIFIED]),
        ("The S&P 500 set a 52-week closing high on Friday.", [Status.CONTRADICTED]),
        ("The S&P 500 set a 52-week closing high this week.", [Status.VERIFIED]),
    ],
)
def test_a_52_week_high_on_a_named_day_is_that_days(text: str, found: list[Status]) -> None:
    from .briefs import load

    report = check_text(text, load("SPX", "2024-09-27"), strict=True)
    assert [c.status for c in report.claims if c.rule == "P008"] == found
