"""A persistent SQLite cache in front of any PriceSource.

Bars of closed sessions never change, so a range fetched once is served from disk forever;
only ranges that reach today are left uncovered (today's bar may still move).  The cache
remembers which date ranges it has asked the inner source for, so a holiday or an
unscheduled closure inside a covered range is not mistaken for missing data.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from writer.data import COLUMNS, PriceSource, clip, empty_bars
from writer.errors import DataUnavailable

_SCHEMA = """
CREATE TABLE IF NOT EXISTS bars (
    symbol TEXT NOT NULL, date TEXT NOT NULL,
    open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL,
    volume REAL NOT NULL,
    PRIMARY KEY (symbol, date)
);
CREATE TABLE IF NOT EXISTS coverage (
    symbol TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL, source TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
"""


#: The shortest range asked of the inner source.
MIN_FETCH = dt.timedelta(days=14)


class CachedSource:
    def __init__(
        self,
        inner: PriceSource,
        path: Path,
        today: Callable[[], dt.date] = lambda: dt.datetime.now(dt.UTC).date(),
    ) -> None:
        self.inner = inner
        self.path = path
        self.name = inner.name
        self._today = today
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise self._unusable(exc) from None

    def _unusable(self, exc: Exception) -> DataUnavailable:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return DataUnavailable(
            f"the price cache {self.path} cannot be used ({why}); delete it (it only keeps "
            "downloads) or set WRITER_CACHE_DIR to a writable folder"
        )

    def origin(self, symbol: str) -> tuple[str, str]:
        """Where `symbol`'s rows come from, and what to do when they cannot be right: the
        cache only keeps downloads, so deleting it fetches them again."""
        return (
            f"the price cache {self.path} (from {self.inner.name})",
            "delete it (it only keeps downloads) to fetch the data again",
        )

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def covered(self, symbol: str, start: dt.date, end: dt.date) -> bool:
        return self.missing_span(symbol, start, end) is None

    def missing_span(
        self, symbol: str, start: dt.date, end: dt.date
    ) -> tuple[dt.date, dt.date] | None:
        """The smallest range to fetch so that [start, end] is covered; None if it is."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT start, end FROM coverage WHERE symbol = ? ORDER BY start", (symbol,)
            ).fetchall()
        gaps: list[tuple[dt.date, dt.date]] = []
        reach = start  # first day not yet known to be covered
        for lo, hi in rows:
            lo_d, hi_d = dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)
            if lo_d > reach:
                gaps.append((reach, min(end, lo_d - dt.timedelta(days=1))))
            reach = max(reach, hi_d + dt.timedelta(days=1))
            if reach > end:
                break
        if reach <= end:
            gaps.append((reach, end))
        gaps = [(lo, hi) for lo, hi in gaps if lo <= hi]
        if not gaps:
            return None
        first, last = gaps[0][0], gaps[-1][1]
        # A gap of a few days may hold no session at all (a weekend, a holiday), which a
        # source reports as "no data"; widening it to two weeks always reaches real sessions.
        return min(first, last - MIN_FETCH), last

    def _load(self, symbol: str, start: dt.date, end: dt.date) -> pd.DataFrame:
        with self._connect() as db:
            rows = db.execute(
                "SELECT date, open, high, low, close, volume FROM bars "
                "WHERE symbol = ? AND date BETWEEN ? AND ? ORDER BY date",
                (symbol, start.isoformat(), end.isoformat()),
            ).fetchall()
        if not rows:
            return empty_bars()
        for row in rows:
            self._usable_row(symbol, row)
        frame = pd.DataFrame(rows, columns=["date", *COLUMNS])
        frame.index = pd.DatetimeIndex(pd.to_datetime(frame.pop("date")), name="date")
        return frame

    def _usable_row(self, symbol: str, row: tuple[object, ...]) -> None:
        """A row whose date is no date or whose price is no number (SQLite keeps `'abc'` in a
        REAL column) is unusable data, exit 3 naming it, not a traceback in pandas."""
        day, *values = row
        try:
            dt.date.fromisoformat(str(day))
        except ValueError:
            raise self._bad_row(symbol, f"date={day!r}") from None
        for name, value in zip(COLUMNS, values, strict=True):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise self._bad_row(symbol, f"{day} {name}={value!r}")

    def _bad_row(self, symbol: str, what: str) -> DataUnavailable:
        return DataUnavailable(
            f"the price cache {self.path} has an unusable row for {symbol}: {what}; delete "
            "it (it only keeps downloads) or set WRITER_CACHE_DIR to another folder"
        )

    def _store(self, symbol: str, bars: pd.DataFrame, start: dt.date, end: dt.date) -> None:
        closed_until = min(end, self._today() - dt.timedelta(days=1))
        closed = bars.loc[bars.index <= pd.Timestamp(closed_until)]
        days = pd.DatetimeIndex(closed.index).strftime("%Y-%m-%d")
        rows = [
            (symbol, day, *(float(v) for v in values))
            for day, values in zip(days, closed.loc[:, list(COLUMNS)].to_numpy(), strict=True)
        ]
        with self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO bars VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            if start <= closed_until:
                db.execute(
                    "INSERT INTO coverage VALUES (?, ?, ?, ?, ?)",
                    (
                        symbol,
                        start.isoformat(),
                        closed_until.isoformat(),
                        self.inner.name,
                        dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    ),
                )

    def history(
        self, symbols: Sequence[str], start: dt.date, end: dt.date
    ) -> dict[str, pd.DataFrame]:
        try:
            return self._history(symbols, start, end)
        except (OSError, sqlite3.Error) as exc:
            raise self._unusable(exc) from None

    def _history(
        self, symbols: Sequence[str], start: dt.date, end: dt.date
    ) -> dict[str, pd.DataFrame]:
        wanted = list(dict.fromkeys(symbols))
        spans: dict[tuple[dt.date, dt.date], list[str]] = {}
        for symbol in wanted:
            span = self.missing_span(symbol, start, end)
            if span is not None:
                spans.setdefault(span, []).append(symbol)
        fresh: dict[str, pd.DataFrame] = {}
        for (lo, hi), group in spans.items():  # usually one batched request for all symbols
            for symbol, bars in self.inner.history(group, lo, hi).items():
                self._store(symbol, bars, lo, hi)
                fresh[symbol] = bars
        out = {}
        for symbol in wanted:
            bars = self._load(symbol, start, end)
            if symbol in fresh:  # bars of sessions not closed yet are served, never stored
                unstored = (
                    fresh[symbol].loc[fresh[symbol].index > bars.index.max()]
                    if not bars.empty
                    else clip(fresh[symbol], start, end)
                )
                bars = pd.concat([bars, unstored]) if not unstored.empty else bars
            out[symbol] = bars
        return out
