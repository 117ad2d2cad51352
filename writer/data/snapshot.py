"""A folder of CSV snapshots (`RUT.csv` for `^RUT`): market data where there is no network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from writer.data import COLUMNS, clip, normalize, snapshot_filename
from writer.data.csvbars import read_bars
from writer.errors import BadInput, SymbolNotFound


class SnapshotSource:
    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise BadInput(
                f"data dir {folder} is not a folder; pass --data-dir with a folder "
                "of SYMBOL.csv files"
            )
        self.folder = folder
        self.name = f"snapshot:{folder}"
        self._frames: dict[str, pd.DataFrame] = {}

    def available(self) -> list[str]:
        return sorted(p.stem for p in self.folder.glob("*.csv"))

    def origin(self, symbol: str) -> tuple[str, str]:
        """The file `symbol`'s rows come from, and what to do when they cannot be right."""
        path = self.folder / snapshot_filename(symbol)
        return str(path), "fix or re-fetch the file"

    def last_date(self, symbol: str) -> dt.date | None:
        """The last session the file holds: where the snapshot stops."""
        index = pd.DatetimeIndex(self._read(symbol).index)
        return index[-1].date() if len(index) else None

    def _read(self, symbol: str) -> pd.DataFrame:
        if symbol in self._frames:
            return self._frames[symbol]
        path = self.folder / snapshot_filename(symbol)
        if not path.is_file():
            raise SymbolNotFound(
                symbol,
                f"no snapshot for {symbol} in {self.folder} (expected {path.name}; have "
                f"{', '.join(self.available()) or 'none'}); fetch it with "
                f"`writer fetch {symbol.lstrip('^')} --to-dir {self.folder}`",
            )
        frame = normalize(_read(path), symbol, str(path))
        self._frames[symbol] = frame
        return frame

    def history(
        self, symbols: Sequence[str], start: dt.date, end: dt.date
    ) -> dict[str, pd.DataFrame]:
        out = {}
        for symbol in symbols:
            bars = clip(self._read(symbol), start, end)
            if bars.empty:
                path = self.folder / snapshot_filename(symbol)
                raise SymbolNotFound(
                    symbol, f"{path} has no rows for {symbol} between {start} and {end}"
                )
            out[symbol] = bars
        return out


def _read(path: Path) -> pd.DataFrame:
    """`read_bars`, with a file that is not text (a spreadsheet saved as .csv) bad input."""
    try:
        return read_bars(path)
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not a snapshot CSV: not UTF-8 text") from None


def read_snapshot(path: Path) -> pd.DataFrame:
    """One snapshot file, normalized; `BadInput` when it is not one."""
    try:
        return normalize(_read(path), "", str(path))
    except BadInput as exc:
        raise BadInput(f"{exc}; move it away or pass --replace to overwrite it") from exc


def merge_snapshot(old: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, int, int]:
    """(merged, rows added, rows changed): every date of either, the new values winning.

    An export must never lose data: fetching one week into a folder that holds two years keeps
    the two years.  A changed row (Yahoo revises old sessions, adjusts for dividends) takes
    the new values and is counted so the user sees it."""
    old_index = pd.DatetimeIndex(old.index)
    new_index = pd.DatetimeIndex(new.index)
    common = new_index.intersection(old_index)
    added = len(new_index.difference(old_index))
    cols = list(COLUMNS)
    a = old.loc[common, cols].to_numpy()
    b = new.loc[common, cols].to_numpy()
    changed = int(((a != b) & ~(pd.isna(a) & pd.isna(b))).any(axis=1).sum())
    merged = pd.concat([old[~old_index.isin(new_index)], new]).sort_index()
    return merged, added, changed
