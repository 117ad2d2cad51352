"""Which week and which indices an article without front matter is about."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.locate import SessionHint, infer_session, infer_week, speaks_of_week


@pytest.mark.parametrize(
    ("text", "week_of"),
    [
        ("Week ending August 8, 2025\n\nSmall caps rose on Monday, Aug 4.", "2025-08-04"),
        ("NEW YORK, Aug 8 (Wire) - Stocks rose on Friday. In 2025 the index is up.", "2025-08-04"),
        # no year anywhere: the dateline's weekday picks it (Aug 16 was a Friday in 2024)
        ("SYDNEY, Aug 16 - Australian shares on Friday closed up 1.3 per cent.", "2024-08-12"),
        ("---\ndate: 2025-03-14\n---\nThe Hang Seng fell on the week.", "2025-03-10"),
        ("As of 8/8/2025 close: the Russell 2000 rose.", "2025-08-04"),
        # the week most dates fall in wins over a background date
        (
            "The S&P 500 rose on Monday, Aug 4, 2025 and on Tuesday, Aug 5, 2025, its best "
            "since Feb 19, 2025.",
            "2025-08-04",
        ),
    ],
)
def test_the_week_is_read_from_the_dates_written(text: str, week_of: str) -> None:
    day = infer_week(text)
    assert day is not None
    assert day - dt.timedelta(days=day.weekday()) == dt.date.fromisoformat(week_of)


def test_the_russell_2000_is_not_a_year() -> None:
    # "2000" in the name must not make "March 28" a date of 2000
    day = infer_week("NEW YORK, March 28 - The Russell 2000 fell on Thursday. In 2024 it rose.")
    assert day == dt.date(2024, 3, 28)


def test_no_date_no_week() -> None:
    assert infer_week("The index closed at 2,218.42 on Friday.") is None


# --- the session a daily wrap reports (how `writer check` uses it: test_daily_wrap_check.py)


@pytest.mark.parametrize(
    ("lede", "hint"),
    [
        ("Stocks slipped on Thursday as yields rose.", SessionHint(weekday=3)),
        ("Monday 4th August 2025\n\nShares fell on Tuesday, led by banks.", SessionHint(weekday=1)),
        ("Despite Wednesday's losses, the index held its gains.", SessionHint(weekday=2)),
        ("The index closed its final trading day of 2024 lower.", SessionHint(year_end=True)),
        ("The index rose 2% for the week after a drop on Monday.", None),
        ("Stocks had their best week since May; on Friday they rose.", None),
        ("The index rose 1.2% to 2,200.", None),
        ("Good Friday trading was thin.", None),
        ("# Small-Cap Weekly\n\nWednesday did most of the work for small caps.", None),
        ("*Desk note, week ending November 8*\n\nStocks jumped on Wednesday.", None),
        ("Stocks fell on Monday; the Fed meets later this week.", SessionHint(weekday=0)),
    ],
)
def test_the_lede_names_the_session(lede: str, hint: SessionHint | None) -> None:
    assert infer_session(lede) == hint


def test_weekly_jobless_claims_are_not_the_week() -> None:
    assert not speaks_of_week("Stocks fell on Thursday despite a drop in weekly jobless claims.")
    assert speaks_of_week("Stocks fell on Thursday, trimming the weekly gain to 1%.")
