"""Which week and which indices an article without front matter is about."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.locate import infer_week
from writer.symbols import named_in


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


def test_indices_named_in_order_longest_name_first() -> None:
    text = "The Nasdaq 100 and the S&P/ASX 200 rose; the S&P 500, small-caps and the Dow fell."
    assert [e.key for e in named_in(text)] == ["NDX", "ASX200", "SPX", "RUT", "DJI"]
