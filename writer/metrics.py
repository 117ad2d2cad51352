"""The figures a market brief is made of, as exact values: changes, sessions, extremes, round
levels.  Pure, no I/O, no pandas.

Prices come in as float64 holding yfinance's float32 values; `exact()` turns each into the
Decimal it exactly is, and every difference and percentage is computed in Decimal so that
rounding for display happens once, in `factcheck.numfmt`, on the exact value.  The series
these come from is `writer.series` (the pandas functions that computed them before it are
the tests' oracle, `tests/frame_oracle.py`).

A change is always measured against the *previous session's* close (for a week: the last
close of the previous week; for the year: the last close of the previous year), the base
that published recaps most often get wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

HUNDRED = Decimal(100)


def exact(x: float) -> Decimal:
    return Decimal(float(x))


def pct(new: Decimal, base: Decimal) -> Decimal:
    return (new - base) / base * HUNDRED


@dataclass(frozen=True)
class Change:
    base: Decimal
    base_date: dt.date
    value: Decimal
    points: Decimal
    percent: Decimal


def change(base: Decimal, base_date: dt.date, value: Decimal) -> Change:
    return Change(base, base_date, value, value - base, pct(value, base))


@dataclass(frozen=True)
class Session:
    date: dt.date
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    change: Change  # vs the previous session's close


@dataclass(frozen=True)
class Extreme:
    value: Decimal
    date: dt.date


@dataclass(frozen=True)
class Range:
    high: Extreme
    low: Extreme
    close_high: Extreme
    close_low: Extreme

    def named(self) -> tuple[tuple[str, Extreme, str], ...]:
        """(metric, extreme, words) for each of the four, in the order articles cite them."""
        return (
            ("high", self.high, "intraday high"),
            ("low", self.low, "intraday low"),
            ("close_high", self.close_high, "closing high"),
            ("close_low", self.close_low, "closing low"),
        )


def quarter_start(day: dt.date) -> dt.date:
    """The first calendar day of `day`'s quarter (Jan 1, Apr 1, Jul 1, Oct 1): the close
    before it is the base of the quarter to date."""
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def distance_pct(close: Decimal, level: Decimal) -> Decimal:
    """How far `close` is from `level`, in percent of the level (negative when below)."""
    return pct(close, level)


def round_step(price: Decimal) -> Decimal:
    """The spacing of "round numbers" traders watch: 2,218 -> 50, 24,858 -> 500, 182 -> 5."""
    if price < 100:
        return Decimal(1)
    return Decimal(10) ** (len(str(int(price))) - 3) * 5


def round_levels(price: Decimal) -> tuple[Decimal, Decimal]:
    """The nearest round number below (or at) and strictly above the price."""
    step = round_step(price)
    below = (price // step) * step
    return below, below + step
