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

from writer.data import COLUMNS, PriceSource, empty_bars

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
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def covered(self, symbol: str, start: dt.date, end: dt.date) -> bool:
        with self._connect() as db:
            rows = db.execute(
                "SELECT start, end FROM coverage WHERE symbol = ? ORDER BY start", (symbol,)
            ).fetchall()
        reach = start
        for lo, hi in rows:
            lo_d, hi_d = dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)
            if lo_d > reach:
                break
            reach = max(reach, hi_d + dt.timedelta(days=1))
            if reach > end:
                return True
        return False

    def _load(self, symbol: str, start: dt.date, end: dt.date) -> pd.DataFrame:
        with self._connect() as db:
            rows = db.execute(
                "SELECT date, open, high, low, close, volume FROM bars "
                "WHERE symbol = ? AND date BETWEEN ? AND ? ORDER BY date",
                (symbol, start.isoformat(), end.isoformat()),
            ).fetchall()
        if not rows:
            return empty_bars()
        frame = pd.DataFrame(rows, columns=["date", *COLUMNS])
        frame.index = pd.DatetimeIndex(pd.to_datetime(frame.pop("date")), name="date")
        return frame

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
                    (symbol, start.isoformat(), closed_until.isoformat(), self.inner.name,
                     dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
                )

    def history(
        self, symbols: Sequence[str], start: dt.date, end: dt.date
    ) -> dict[str, pd.DataFrame]:
        wanted = list(dict.fromkeys(symbols))
        missing = [s for s in wanted if not self.covered(s, start, end)]
        fetched = self.inner.history(missing, start, end) if missing else {}  # one batch
        for symbol, bars in fetched.items():
            self._store(symbol, bars, start, end)
        return {s: fetched[s] if s in fetched else self._load(s, start, end) for s in wanted}
