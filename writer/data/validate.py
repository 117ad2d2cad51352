"""Refuse market data that cannot be right before any figure is computed from it.

An automated newsroom's likeliest bad story is not a misread figure but a right reading of
wrong data (an unadjusted split, a duplicated row, a missing Friday): the checker compares an
article with the brief, so nothing downstream can catch a brief built on garbage.  Each check
names the symbol and the row, and says what to do; the CLI exits 3 (market data unusable).

What is real and odd but not wrong is left alone: Yahoo's all-NaN rows on holidays are dropped
by `normalize`, an open equal to the previous close is common, a session the data has and the
calendar does not (an unscheduled opening) is kept.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from writer.errors import BadData

_PRICES = ("open", "high", "low", "close")


def duplicates(symbol: str, frame: pd.DataFrame, where: str) -> pd.DataFrame:
    """`frame` without repeated rows for one date; two different rows for one date are two
    claims about one session, and which is right cannot be known."""
    index = pd.DatetimeIndex(frame.index)
    repeated = index.duplicated(keep=False)
    if not repeated.any():
        return frame
    for day in sorted(set(index[repeated])):
        rows = frame[index == day][list(_PRICES)]
        if len(rows.drop_duplicates()) > 1:
            closes = ", ".join(f"{c:,.2f}" for c in rows["close"])
            raise BadData(
                f"{where}: {symbol} has {len(rows)} different rows for {day.date()} "
                f"(closes {closes}); fix or re-fetch the data"
            )
    return frame[~index.duplicated(keep="first")]


def bad_row(symbol: str, frame: pd.DataFrame, where: str) -> None:
    """Raise `BadData` for the first row whose prices cannot be a trading session: a price
    that is missing, infinite, zero or negative, a high below the low, or an open or close
    outside the day's range."""
    for ts, row in frame.loc[:, list(_PRICES)].iterrows():
        prices = [float(row[c]) for c in _PRICES]
        o, h, lo, c = prices
        problem = None
        if any(math.isnan(p) for p in prices):
            missing = [n for n, p in zip(_PRICES, prices, strict=True) if math.isnan(p)]
            problem = f"no {' or '.join(missing)}"
        elif any(math.isinf(p) for p in prices):
            problem = "an infinite price"
        elif min(prices) <= 0:
            problem = f"a price of {min(prices):g} (zero or negative)"
        elif h < lo:
            problem = f"a high ({h:,.2f}) below the low ({lo:,.2f})"
        elif not lo <= o <= h:
            problem = f"an open ({o:,.2f}) outside the day's range {lo:,.2f}..{h:,.2f}"
        elif not lo <= c <= h:
            problem = f"a close ({c:,.2f}) outside the day's range {lo:,.2f}..{h:,.2f}"
        if problem is not None:
            day = pd.Timestamp(ts).date()  # type: ignore[arg-type]
            raise BadData(f"{where}: {symbol} on {day} has {problem}; fix or re-fetch the data")


def previous_session_present(
    symbol: str, frame: pd.DataFrame, expected: dt.date, where: str
) -> None:
    """The weekly change is measured from the previous week's last session: when the data
    lacks the session the calendar expects there, the change would silently span two weeks."""
    index = pd.DatetimeIndex(frame.index)
    before = index[index < pd.Timestamp(expected) + pd.Timedelta(days=1)]
    last = before[-1].date() if len(before) else None
    if last != expected:
        got = f"its last row before is {last}" if last else "it has no earlier row"
        raise BadData(
            f"{where}: {symbol} has no row for {expected:%a %b %d, %Y}, the session before the "
            f"week ({got}), so the weekly change would start from the wrong close; re-fetch the "
            "data"
        )
