"""One symbol's daily bars as plain lists, converted once, and windows of them.

Why (issue 12): gating an archive builds a brief for every week its articles cite, and a brief
reads a year of history a dozen ways (previous closes, 52-week range, year and month to date,
moving averages, weekly and daily streaks, swing points).  Done with pandas, each of those is
a slice of the frame, and each row read is a `Series`: over half of `writer check`'s time on
1,000 files across 462 weeks went to that and to validating every row of every window with
`iterrows`.  Here a frame is converted once (`PriceSeries`: dates, floats, the exact Decimal
of each price, which rows validation may refuse), and a `Window` is a range of its positions,
what `writer.data.clip` returns as a frame, answering each metric by bisection and list slices.

Every answer is the one the pandas functions of the tests' oracle (`tests/frame_oracle.py`)
give on the clipped frame (same sessions, same Decimals, same first-session tie-breaks);
`writer.genres.weekly_index.brief` builds a brief from either through the `Bars` protocol,
and `tests/test_archive_briefs.py` holds the two paths to equal briefs over every week of
the real data.  A `SeriesBook` keeps the whole series of each symbol of a snapshot source,
so the briefs of any number of weeks of one symbol are windows of one conversion: per week,
only the week's own figures are computed.
"""

from __future__ import annotations

import datetime as dt
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

import numpy as np
import pandas as pd

from writer.data import validate
from writer.data.snapshot import SnapshotSource
from writer.errors import SymbolNotFound
from writer.metrics import Change, Extreme, Range, Session, change, quarter_start

_PRICES = ("open", "high", "low", "close")


def one_year_before(day: dt.date) -> dt.date:
    """The same date a year earlier, Feb 29 -> Feb 28: `day - pd.DateOffset(years=1)`."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # Feb 29
        return day.replace(year=day.year - 1, day=28)


class Bars(Protocol):
    """Daily bars of one symbol, ascending by session: what a brief is built from.

    Implemented by `writer.metrics.FrameBars` (a DataFrame, with the pandas functions) and by
    `Window` (positions in a `PriceSeries`); both give the same answers."""

    @property
    def empty(self) -> bool: ...

    def first_date(self) -> dt.date:
        """The first session (the bars must not be empty)."""
        ...

    def last_date(self) -> dt.date:
        """The last session (the bars must not be empty)."""
        ...

    def between(self, start: dt.date, end: dt.date) -> Bars:
        """Sessions with start <= date <= end."""
        ...

    def previous_close(self, before: dt.date) -> Extreme | None:
        """The last close strictly before `before`."""
        ...

    def sessions(self, prev: Extreme) -> list[Session]:
        """Each session with its change from the close before it (`prev` for the first)."""
        ...

    def extremes(self) -> Range:
        """Intraday and closing high and low (the first session on ties)."""
        ...

    def trailing_52_weeks(self, as_of: dt.date) -> Bars | None:
        """The year to `as_of`, or None when the bars start later."""
        ...

    def year_to_date(self, as_of: dt.date) -> Change | None: ...

    def month_to_date(self, as_of: dt.date) -> Change | None: ...

    def quarter_to_date(self, as_of: dt.date) -> Change | None:
        """The last close vs the last close of the previous calendar quarter."""
        ...

    def first_session_of_year(self, as_of: dt.date) -> Extreme | None: ...

    def moving_average(self, as_of: dt.date, n: int) -> Decimal | None: ...

    def streak(self, as_of: dt.date, weekly: bool) -> tuple[int, bool]:
        """(run of rising (+) or falling (-) closes to `as_of`, whether it is complete), of
        daily closes or of each calendar week's last close."""
        ...

    def pivots(self, as_of: dt.date, sessions: int) -> tuple[list[Extreme], list[Extreme]]:
        """Swing highs and lows among the last `sessions` sessions to `as_of`."""
        ...

    def check_rows(self, symbol: str, where: str) -> None:
        """`writer.data.validate.bad_row`: `BadData` for the first row that cannot be a
        session."""
        ...

    def check_previous_session(self, symbol: str, expected: dt.date, where: str) -> None:
        """`writer.data.validate.previous_session_present`: `BadData` when the session before
        the week is missing."""
        ...

    def dates_and_closes(self) -> tuple[list[dt.date], list[float]]:
        """The sessions and closes, for `writer.data.validate.span`."""
        ...


class PriceSeries:
    """A frame of daily bars as lists, converted in one pass (see the module docstring)."""

    __slots__ = (
        "close",
        "dates",
        "dclose",
        "dhigh",
        "dlow",
        "dopen",
        "frame",
        "high",
        "low",
        "open",
        "ords",
        "suspect",
        "week_lasts",
    )

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame  # kept for the error messages of `writer.data.validate`
        index = pd.DatetimeIndex(frame.index)
        self.dates: list[dt.date] = list(index.date)
        self.ords: list[int] = [d.toordinal() for d in self.dates]
        arrays = [frame[c].to_numpy(dtype="float64") for c in _PRICES]
        self.open, self.high, self.low, self.close = (a.tolist() for a in arrays)
        # exact() of each price, once: the same Decimal `writer.metrics.exact` makes
        self.dopen = [Decimal(x) for x in self.open]
        self.dhigh = [Decimal(x) for x in self.high]
        self.dlow = [Decimal(x) for x in self.low]
        self.dclose = [Decimal(x) for x in self.close]
        mondays = [o - d.weekday() for o, d in zip(self.ords, self.dates, strict=True)]
        n = len(mondays)
        #: the last session of each calendar week (Mon-Sun): `weekly_closes`' rows
        self.week_lasts = [i for i in range(n) if i == n - 1 or mondays[i + 1] != mondays[i]]
        #: rows `validate.bad_row` may refuse: it judges each of them, in order, so its
        #: message and its choice of the first bad row are exactly its own
        o, h, lo, c = arrays
        with np.errstate(invalid="ignore"):
            bad = (
                ~np.isfinite(arrays).all(axis=0)
                | (np.minimum.reduce(arrays) <= 0)
                | (h < lo)
                | (o < lo)
                | (o > h)
                | (c < lo)
                | (c > h)
            )
        self.suspect: list[int] = np.flatnonzero(bad).tolist()

    def __len__(self) -> int:
        return len(self.ords)

    def window(self, start: dt.date | None, end: dt.date | None) -> Window:
        """Sessions with start <= date <= end: `writer.data.clip` as positions."""
        return Window(self, 0, len(self.ords)).clip(start, end)


class Window:
    """Sessions lo <= i < hi of a `PriceSeries`: a clipped frame without the frame."""

    __slots__ = ("hi", "lo", "s")

    def __init__(self, series: PriceSeries, lo: int, hi: int) -> None:
        self.s, self.lo, self.hi = series, lo, max(lo, hi)

    def __len__(self) -> int:
        return self.hi - self.lo

    @property
    def empty(self) -> bool:
        return self.hi == self.lo

    def first_date(self) -> dt.date:
        return self.s.dates[self.lo]

    def last_date(self) -> dt.date:
        return self.s.dates[self.hi - 1]

    def frame(self) -> pd.DataFrame:
        """The clipped frame itself (for messages that show its rows)."""
        return self.s.frame.iloc[self.lo : self.hi]

    def _upto(self, end: dt.date) -> int:
        """The end position of the sessions on or before `end`."""
        return bisect_right(self.s.ords, end.toordinal(), self.lo, self.hi)

    def _from(self, start: dt.date) -> int:
        """The first position of the sessions on or after `start`."""
        return bisect_left(self.s.ords, start.toordinal(), self.lo, self.hi)

    def clip(self, start: dt.date | None, end: dt.date | None) -> Window:
        lo = self.lo if start is None else self._from(start)
        hi = self.hi if end is None else self._upto(end)
        return Window(self.s, lo, hi)

    def between(self, start: dt.date, end: dt.date) -> Window:
        return self.clip(start, end)

    def previous_close(self, before: dt.date) -> Extreme | None:
        i = self._from(before)  # sessions strictly before `before` end here
        if i == self.lo:
            return None
        return Extreme(self.s.dclose[i - 1], self.s.dates[i - 1])

    def sessions(self, prev: Extreme) -> list[Session]:
        s = self.s
        out: list[Session] = []
        base = prev
        for i in range(self.lo, self.hi):
            day, close = s.dates[i], s.dclose[i]
            out.append(
                Session(
                    day,
                    s.dopen[i],
                    s.dhigh[i],
                    s.dlow[i],
                    close,
                    change(base.value, base.date, close),
                )
            )
            base = Extreme(close, day)
        return out

    def extremes(self) -> Range:
        s, span = self.s, range(self.lo, self.hi)
        # max/min return the first of equal items: numpy's argmax/argmin tie-break
        hi, lo = max(span, key=s.high.__getitem__), min(span, key=s.low.__getitem__)
        ch, cl = max(span, key=s.close.__getitem__), min(span, key=s.close.__getitem__)
        return Range(
            Extreme(s.dhigh[hi], s.dates[hi]),
            Extreme(s.dlow[lo], s.dates[lo]),
            Extreme(s.dclose[ch], s.dates[ch]),
            Extreme(s.dclose[cl], s.dates[cl]),
        )

    def trailing_52_weeks(self, as_of: dt.date) -> Window | None:
        start = one_year_before(as_of)
        if self.empty or self.first_date() > start + dt.timedelta(days=7):
            return None
        return self.clip(start, as_of)

    def _last_close(self, as_of: dt.date) -> Decimal:
        return self.s.dclose[self._upto(as_of) - 1]

    def year_to_date(self, as_of: dt.date) -> Change | None:
        jan1 = dt.date(as_of.year, 1, 1)
        base = self.previous_close(jan1)
        if base is None or (jan1 - base.date).days > 10:
            return None
        return change(base.value, base.date, self._last_close(as_of))

    def month_to_date(self, as_of: dt.date) -> Change | None:
        first = as_of.replace(day=1)
        base = self.previous_close(first)
        if base is None or (first - base.date).days > 10:
            return None
        return change(base.value, base.date, self._last_close(as_of))

    def quarter_to_date(self, as_of: dt.date) -> Change | None:
        first = quarter_start(as_of)
        base = self.previous_close(first)
        if base is None or (first - base.date).days > 10:
            return None
        return change(base.value, base.date, self._last_close(as_of))

    def first_session_of_year(self, as_of: dt.date) -> Extreme | None:
        year = self.clip(dt.date(as_of.year, 1, 1), as_of)
        if year.empty:
            return None
        return Extreme(self.s.dclose[year.lo], self.s.dates[year.lo])

    def moving_average(self, as_of: dt.date, n: int) -> Decimal | None:
        hi = self._upto(as_of)
        if hi - self.lo < n:
            return None
        # the same additions in the same order as `writer.metrics.moving_average`: Decimal
        # sums round at 28 digits, so the order is part of the value
        return sum(self.s.dclose[hi - n : hi], Decimal(0)) / Decimal(n)

    def streak(self, as_of: dt.date, weekly: bool) -> tuple[int, bool]:
        hi = self._upto(as_of)
        if weekly:
            lasts = self.s.week_lasts
            # each earlier week's last session, then the last session to `as_of` (its week
            # may be cut short by `as_of`)
            rows = [*lasts[bisect_left(lasts, self.lo) : bisect_left(lasts, hi - 1)], hi - 1]
            closes = [self.s.close[i] for i in rows] if hi > self.lo else []
        else:
            closes = self.s.close[self.lo : hi]
        count = _run(closes)
        return count, abs(count) < len(closes) - 1

    def pivots(self, as_of: dt.date, sessions: int) -> tuple[list[Extreme], list[Extreme]]:
        hi = self._upto(as_of)
        lo = max(self.lo, hi - sessions)
        return _pivots(self.s, lo, hi)

    # --- validation: the checks of `writer.data.validate`, by position ----------------------

    def check_rows(self, symbol: str, where: str) -> None:
        """`validate.bad_row` on the window: the same row refused with the same message."""
        suspect = self.s.suspect
        for p in suspect[bisect_left(suspect, self.lo) : bisect_left(suspect, self.hi)]:
            validate.bad_row(symbol, self.s.frame.iloc[p : p + 1], where)

    def check_previous_session(self, symbol: str, expected: dt.date, where: str) -> None:
        """`validate.previous_session_present` on the window (the same error when it fails)."""
        i = self._upto(expected)
        if i == self.lo or self.s.dates[i - 1] != expected:
            validate.previous_session_present(symbol, self.frame(), expected, where)

    def dates_and_closes(self) -> tuple[list[dt.date], list[float]]:
        return self.s.dates[self.lo : self.hi], self.s.close[self.lo : self.hi]


def _run(closes: Sequence[float]) -> int:
    """`writer.metrics.streak` on a list: the run of rises (+) or falls (-) ending at the last
    value, 0 if the last step is flat.  Floats compare exactly (as the signs of numpy's
    differences do: a difference of two finite floats is zero only when they are equal)."""
    n = len(closes)
    if n < 2 or closes[-1] == closes[-2]:
        return 0
    up = closes[-1] > closes[-2]
    count = 1
    for i in range(n - 2, 0, -1):
        a, b = closes[i - 1], closes[i]
        if a == b or (b > a) != up:
            break
        count += 1
    return count if up else -count


def _pivots(
    s: PriceSeries, lo: int, hi: int, width: int = 3
) -> tuple[list[Extreme], list[Extreme]]:
    """`writer.metrics.pivots` on positions lo..hi: a session whose high (low) is the first
    extreme of the `width` sessions either side."""
    highs, lows = s.high, s.low
    swing_highs, swing_lows = [], []
    for i in range(lo + width, hi - width):
        window_h = highs[i - width : i + width + 1]
        window_l = lows[i - width : i + width + 1]
        if highs[i] == max(window_h) and window_h.index(highs[i]) == width:
            swing_highs.append(Extreme(s.dhigh[i], s.dates[i]))
        if lows[i] == min(window_l) and window_l.index(lows[i]) == width:
            swing_lows.append(Extreme(s.dlow[i], s.dates[i]))
    return swing_highs, swing_lows


#: Bounds that hold every session a brief can need: weeks start in 2000 (the calendars do),
#: and 400 days of history before them; pandas timestamps end in 2262.
EVER = (dt.date(1900, 1, 1), dt.date(2261, 12, 31))


class SeriesBook:
    """The whole series of each symbol of a snapshot source, converted once.

    A `SnapshotSource` reads each CSV whole and answers `history` by clipping it, so a window
    of the whole series is exactly what `history` returns; anything `history` would refuse
    (no such file, no rows in the range, a CSV that is not one) is refused by asking it, so
    the error and its message are its own."""

    def __init__(self, source: SnapshotSource) -> None:
        self.source = source
        self._series: dict[str, PriceSeries] = {}

    def series(self, symbol: str, start: dt.date, end: dt.date) -> PriceSeries:
        found = self._series.get(symbol)
        if found is None:
            try:
                frame = self.source.history([symbol], *EVER)[symbol]
            except SymbolNotFound:
                self.source.history([symbol], start, end)  # raises the error for this range
                raise
            found = self._series[symbol] = PriceSeries(frame)
        return found

    def windows(self, symbols: Sequence[str], start: dt.date, end: dt.date) -> dict[str, Window]:
        """`source.history(symbols, start, end)` as windows: the same sessions, the same
        first error (symbols are taken in order, as `history` takes them)."""
        out = {}
        for symbol in symbols:
            window = self.series(symbol, start, end).window(start, end)
            if window.empty:
                self.source.history([symbol], start, end)  # raises SymbolNotFound
                raise AssertionError(f"{symbol}: history has rows the series lacks")
            out[symbol] = window
        return out


_BOOKS: weakref.WeakKeyDictionary[SnapshotSource, SeriesBook] = weakref.WeakKeyDictionary()


def book_for(source: object) -> SeriesBook | None:
    """The series book of a snapshot source (made on first use, kept as long as the source),
    or None for a source that is fetched by range (Yahoo, the SQLite cache) or that changes
    what `history` returns (a subclass): those are windowed per call."""
    if type(source) is not SnapshotSource:
        return None
    book = _BOOKS.get(source)
    if book is None:
        book = _BOOKS[source] = SeriesBook(source)
    return book


def whole(frame: pd.DataFrame) -> Window:
    """A frame as one window (the bars a range-fetching source returned)."""
    series = PriceSeries(frame)
    return Window(series, 0, len(series))
