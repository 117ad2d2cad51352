"""The pandas reference the brief builder is tested against: one DataFrame slice per figure.

This is how briefs were built before `writer.series` computed them from lists: an
independent second computation of every figure, kept in the tests as the oracle it is
(`tests/test_archive_briefs.py` holds every brief of the fast path equal to the one built
from these frames, fact for fact; `tests/test_metrics_brief.py` tests the functions).
`weekly_brief_by_slicing` is `writer.pipeline.weekly_brief` with the fetched frames read
through `FrameBars` instead of `writer.series` windows, every fact validated.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd

from factcheck.brief import Entity, WeeklyIndexBrief
from writer.data import PriceSource, clip, validate
from writer.metrics import Change, Extreme, Range, Session, change, exact, quarter_start
from writer.pipeline import weekly_brief


def _date(ts: object) -> dt.date:
    return pd.Timestamp(ts).date()  # type: ignore[arg-type]


week_bars = clip


def upto(bars: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    return clip(bars, None, as_of)


def previous_close(bars: pd.DataFrame, before: dt.date) -> Extreme | None:
    """The last close strictly before `before` (the base of a weekly or yearly change)."""
    prior = clip(bars, None, before - dt.timedelta(days=1))
    if prior.empty:
        return None
    return Extreme(exact(prior["close"].iloc[-1]), _date(prior.index[-1]))


def sessions(week: pd.DataFrame, prev: Extreme) -> list[Session]:
    out: list[Session] = []
    base = prev
    for ts, row in week.iterrows():
        day = _date(ts)
        close = exact(row["close"])
        out.append(
            Session(
                day,
                exact(row["open"]),
                exact(row["high"]),
                exact(row["low"]),
                close,
                change(base.value, base.date, close),
            )
        )
        base = Extreme(close, day)
    return out


def extremes(bars: pd.DataFrame) -> Range:
    """Intraday and closing high/low with their sessions (the first session on ties)."""

    def pick(column: str, highest: bool) -> Extreme:
        series = bars[column]
        pos = int(series.to_numpy().argmax() if highest else series.to_numpy().argmin())
        return Extreme(exact(series.iloc[pos]), _date(series.index[pos]))

    return Range(pick("high", True), pick("low", False), pick("close", True), pick("close", False))


def trailing_52_weeks(bars: pd.DataFrame, as_of: dt.date) -> pd.DataFrame | None:
    """Sessions from the same date one year earlier to `as_of`, or None if data starts later."""
    start = (pd.Timestamp(as_of) - pd.DateOffset(years=1)).date()
    if bars.empty or _date(bars.index[0]) > start + dt.timedelta(days=7):
        return None
    return week_bars(bars, start, as_of)


def year_to_date(bars: pd.DataFrame, as_of: dt.date) -> Change | None:
    base = previous_close(bars, dt.date(as_of.year, 1, 1))
    if base is None or (dt.date(as_of.year, 1, 1) - base.date).days > 10:
        return None
    last = upto(bars, as_of)
    return change(base.value, base.date, exact(last["close"].iloc[-1]))


def month_to_date(bars: pd.DataFrame, as_of: dt.date) -> Change | None:
    """The last close vs the last close of the previous month."""
    base = previous_close(bars, as_of.replace(day=1))
    if base is None or (as_of.replace(day=1) - base.date).days > 10:
        return None
    return change(base.value, base.date, exact(upto(bars, as_of)["close"].iloc[-1]))


def quarter_to_date(bars: pd.DataFrame, as_of: dt.date) -> Change | None:
    """The last close vs the last close of the previous calendar quarter."""
    first = quarter_start(as_of)
    base = previous_close(bars, first)
    if base is None or (first - base.date).days > 10:
        return None
    return change(base.value, base.date, exact(upto(bars, as_of)["close"].iloc[-1]))


def first_session_of_year(bars: pd.DataFrame, as_of: dt.date) -> Extreme | None:
    """The first close of `as_of`'s year: the wrong base writers use for YTD ("Jan 2")."""
    year = week_bars(bars, dt.date(as_of.year, 1, 1), as_of)
    if year.empty:
        return None
    return Extreme(exact(year["close"].iloc[0]), _date(year.index[0]))


def moving_average(bars: pd.DataFrame, as_of: dt.date, n: int) -> Decimal | None:
    closes = upto(bars, as_of)["close"]
    if len(closes) < n:
        return None
    return sum((exact(c) for c in closes.iloc[-n:]), Decimal(0)) / Decimal(n)


def weekly_closes(bars: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """The last close of each calendar week (Mon-Sun) up to `as_of`."""
    closes = upto(bars, as_of)["close"]
    weeks = pd.DatetimeIndex(closes.index).to_period("W-SUN")
    return closes.groupby(weeks).last()


def streak(closes: pd.Series) -> int:
    """Consecutive rises (positive) or falls (negative) ending at the last value; 0 if flat.

    Compares the floats themselves: ordering two floats is exact, no Decimal needed.
    """
    steps = np.sign(np.diff(closes.to_numpy(dtype="float64")))
    if len(steps) == 0 or steps[-1] == 0:
        return 0
    direction = int(steps[-1])
    breaks = np.flatnonzero(steps != direction)
    count = len(steps) if len(breaks) == 0 else len(steps) - 1 - int(breaks[-1])
    return count * direction


def streak_is_complete(closes: pd.Series, count: int) -> bool:
    """False when the streak runs back to the first value we have (it may be longer)."""
    return abs(count) < len(closes) - 1


def pivots(bars: pd.DataFrame, width: int = 3) -> tuple[list[Extreme], list[Extreme]]:
    """Swing highs and lows: a session whose high (low) is the extreme of +-`width` sessions."""
    highs, lows = bars["high"].tolist(), bars["low"].tolist()
    dates = [_date(ts) for ts in bars.index]
    swing_highs, swing_lows = [], []
    for i in range(width, len(bars) - width):
        window_h = highs[i - width : i + width + 1]
        window_l = lows[i - width : i + width + 1]
        if highs[i] == max(window_h) and window_h.index(highs[i]) == width:
            swing_highs.append(Extreme(exact(highs[i]), dates[i]))
        if lows[i] == min(window_l) and window_l.index(lows[i]) == width:
            swing_lows.append(Extreme(exact(lows[i]), dates[i]))
    return swing_highs, swing_lows


class FrameBars:
    """A DataFrame of bars as `writer.series.Bars`: the functions above, one pandas slice per
    figure."""

    __slots__ = ("frame",)

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    @property
    def empty(self) -> bool:
        return self.frame.empty

    def first_date(self) -> dt.date:
        return _date(self.frame.index[0])

    def last_date(self) -> dt.date:
        return _date(self.frame.index[-1])

    def between(self, start: dt.date, end: dt.date) -> FrameBars:
        return FrameBars(week_bars(self.frame, start, end))

    def previous_close(self, before: dt.date) -> Extreme | None:
        return previous_close(self.frame, before)

    def sessions(self, prev: Extreme) -> list[Session]:
        return sessions(self.frame, prev)

    def extremes(self) -> Range:
        return extremes(self.frame)

    def trailing_52_weeks(self, as_of: dt.date) -> FrameBars | None:
        year = trailing_52_weeks(self.frame, as_of)
        return None if year is None else FrameBars(year)

    def year_to_date(self, as_of: dt.date) -> Change | None:
        return year_to_date(self.frame, as_of)

    def month_to_date(self, as_of: dt.date) -> Change | None:
        return month_to_date(self.frame, as_of)

    def quarter_to_date(self, as_of: dt.date) -> Change | None:
        return quarter_to_date(self.frame, as_of)

    def first_session_of_year(self, as_of: dt.date) -> Extreme | None:
        return first_session_of_year(self.frame, as_of)

    def moving_average(self, as_of: dt.date, n: int) -> Decimal | None:
        return moving_average(self.frame, as_of, n)

    def streak(self, as_of: dt.date, weekly: bool) -> tuple[int, bool]:
        closes = weekly_closes(self.frame, as_of) if weekly else upto(self.frame, as_of)["close"]
        count = streak(closes)
        return count, streak_is_complete(closes, count)

    def pivots(self, as_of: dt.date, sessions: int) -> tuple[list[Extreme], list[Extreme]]:
        return pivots(upto(self.frame, as_of).iloc[-sessions:])

    def check_rows(self, symbol: str, where: str) -> None:
        validate.bad_row(symbol, self.frame, where)

    def check_previous_session(self, symbol: str, expected: dt.date, where: str) -> None:
        validate.previous_session_present(symbol, self.frame, expected, where)

    def dates_and_closes(self) -> tuple[list[dt.date], list[float]]:
        index = pd.DatetimeIndex(self.frame.index)
        return list(index.date), self.frame["close"].astype(float).tolist()


def weekly_brief_by_slicing(
    symbol: str,
    week_of: dt.date,
    source: PriceSource,
    now: dt.datetime | None = None,
    peers: tuple[Entity, ...] | None = None,
    as_of: dt.date | None = None,
) -> WeeklyIndexBrief:
    """`writer.pipeline.weekly_brief` over the fetched frames, one pandas slice per figure,
    every row validated with `iterrows`, every fact validated: slow, and independent of the
    fast path's series code."""
    return weekly_brief(symbol, week_of, source, now, peers, as_of, reference=FrameBars)
