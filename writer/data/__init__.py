"""Market data: daily OHLC per symbol behind one small protocol.

    PriceSource.history(symbols, start, end) -> {yahoo_symbol: bars}

Implementations: `SnapshotSource` (a folder of CSV files), `YahooSource` (yfinance, the only
module that imports it), and `CachedSource` (SQLite, wraps either).  Bars are a DataFrame
indexed by session date (`datetime64`, tz-naive, ascending) with float columns
open, high, low, close, volume.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

import pandas as pd

COLUMNS = ("open", "high", "low", "close", "volume")


class PriceSource(Protocol):
    name: str

    def history(
        self, symbols: Sequence[str], start: dt.date, end: dt.date
    ) -> dict[str, pd.DataFrame]:
        """Bars for every symbol, sessions with start <= date <= end (both inclusive)."""
        ...


def empty_bars() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="float64") for c in COLUMNS})
    frame.index = pd.DatetimeIndex([], name="date")
    return frame


def normalize(frame: pd.DataFrame, symbol: str = "", where: str = "data") -> pd.DataFrame:
    """Lower-case columns, a tz-naive date index, sorted, no all-NaN rows (Yahoo's holiday
    rows) and no repeated rows; two *different* rows for one date are refused (`BadData`).
    A row with only some prices missing is kept for `validate.bad_row` to name."""
    out = frame.rename(columns=str.lower)
    missing = [c for c in COLUMNS if c not in out.columns]
    if "volume" in missing:
        out = out.assign(volume=0.0)
        missing.remove("volume")
    if missing:
        raise ValueError(f"missing columns {missing}")
    out = out.loc[:, list(COLUMNS)].astype("float64")
    index = pd.DatetimeIndex(out.index)
    if index.tz is not None:
        index = index.tz_localize(None)
    out.index = index.normalize().rename("date")
    out = out.dropna(subset=["open", "high", "low", "close"], how="all")
    from writer.data.validate import duplicates

    return duplicates(symbol or "?", out, where).sort_index()


def clip(frame: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
    """Sessions with start <= date <= end (either bound may be open).

    Positional slicing on the sorted index: a boolean mask costs a copy of the whole history
    for every lookup, and a brief makes dozens of them.
    """
    index = pd.DatetimeIndex(frame.index)
    lo = 0 if start is None else int(index.searchsorted(pd.Timestamp(start), side="left"))
    hi = len(index) if end is None else int(index.searchsorted(pd.Timestamp(end), side="right"))
    return frame.iloc[lo:hi]


def snapshot_filename(yahoo_symbol: str) -> str:
    """`^RUT` -> `RUT.csv`, `BRK-B` -> `BRK-B.csv`: the layout of ../shared/marketdata."""
    return yahoo_symbol.lstrip("^").upper() + ".csv"
