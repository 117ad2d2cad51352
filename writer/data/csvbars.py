"""Daily bars from a CSV file a user has: the snapshot layout or Yahoo's own download.

    date,open,high,low,close,volume                      (../shared/marketdata, writer fetch)
    Date,Open,High,Low,Close,Adj Close,Volume            (Yahoo Finance's "Download")

Columns are found by name, without case or surrounding spaces, in any order; others (Adj
Close) are ignored: the close is Yahoo's Close, as in the snapshots.  Read with the csv
module rather than pandas so that a bad row is named by its file and line number (a second
header row from two files pasted together, a stray word): pandas' message was "could not
convert string to float: 'open'" with no row at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd

from writer.data import COLUMNS
from writer.errors import BadData, BadInput

REQUIRED = ("date", "open", "high", "low", "close")
#: a session date: YYYY-MM-DD, alone or followed by a time (` 00:00:00-04:00`, `T00:00`)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T].*)?")
#: how a missing value is written (pandas' reading of them before this module)
MISSING = frozenset({"", "null", "nan", "na", "n/a", "none", "-"})


def read_bars(path: Path) -> pd.DataFrame:
    """The file's rows: a `date` index and float columns open, high, low, close, volume
    (0 without a volume column).  `BadInput` (exit 2) names a missing column; `BadData`
    (exit 3) names the file and line of a row that cannot be read."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows, None)
        if header is None:
            raise BadInput(f"{path}: not a snapshot CSV: the file is empty; {_LAYOUTS}")
        where = _columns(path, header)
        lines: list[int] = []
        body: list[list[str]] = []
        for row in rows:
            if len(row) != len(header):
                if not any(cell.strip() for cell in row):
                    continue  # a blank line
                raise BadData(
                    f"{path}, line {rows.line_num}: {len(row)} fields, the header has "
                    f"{len(header)}; fix or remove the row"
                )
            lines.append(rows.line_num)
            body.append(row)
    table = _Table(path, header, lines, body)
    columns = list(zip(*body, strict=True)) if body else [() for _ in header]
    index = pd.DatetimeIndex(table.dates(columns[where["date"]]), name="date")
    values = {
        name: table.numbers(name, columns[where[name]]) if name in where else 0.0
        for name in COLUMNS
    }
    return pd.DataFrame(values, index=index.as_unit("us"))  # the unit read_csv gave


class _Table:
    """The rows read, to convert a column at once and to name the row that fails."""

    def __init__(self, path: Path, header: list[str], lines: list[int], body: list[list[str]]):
        self.path, self.header, self.lines, self.body = path, header, lines, body

    def refuse(self, i: int, problem: str) -> BadData:
        folded = [c.strip().lower() for c in self.header]
        if [c.strip().lower() for c in self.body[i]] == folded:
            problem = "a second header row; remove it"
        return BadData(f"{self.path}, line {self.lines[i]}: {problem}")

    def dates(self, texts: tuple[str, ...]) -> np.ndarray:
        """Session dates in one explicit format, YYYY-MM-DD, alone or starting a timestamp
        (yfinance's `to_csv` writes `2025-08-08 00:00:00-04:00`; the local date is the
        session's).  Nothing else is guessed at: 03/07/2023 is the 3rd of July or the 7th of
        March depending on who saved it, and 20230703 numpy reads as a year."""
        heads = [t.strip()[:10] for t in texts]
        for i, text in enumerate(texts):
            if not _DATE.fullmatch(text.strip()):
                raise self.refuse(
                    i,
                    f"date {text.strip()!r} is not written YYYY-MM-DD; write every date as "
                    "YYYY-MM-DD (day-first and month-first dates cannot be told apart)",
                )
        try:
            return np.array(heads, dtype="datetime64[D]")
        except ValueError:
            pass
        for i, head in enumerate(heads):  # the shape is right, the day is not (2025-02-30)
            try:
                dt.date.fromisoformat(head)
            except ValueError:
                raise self.refuse(
                    i,
                    f"date {texts[i].strip()!r} is not a date (YYYY-MM-DD); fix or remove the row",
                ) from None
        raise AssertionError("numpy refused dates that are each valid")

    def numbers(self, name: str, texts: tuple[str, ...]) -> np.ndarray:
        """Column `name` as floats, a missing value NaN (a holiday row, or a gap that
        `validate.bad_row` names): one conversion for the column, each row's own only to
        name the one that is not a number."""
        try:
            return np.array(texts, dtype="float64")
        except ValueError:
            pass
        cleaned = ["nan" if t.strip().lower() in MISSING else t.strip() for t in texts]
        for i, text in enumerate(cleaned):
            try:
                float(text)
            except ValueError:
                raise self.refuse(
                    i, f"{name} is {text!r}, not a number; fix or remove the row"
                ) from None
        return np.array(cleaned, dtype="float64")


_LAYOUTS = (
    "expected columns date,open,high,low,close[,volume] (any case, any order), "
    "as in a snapshot or Yahoo's Date,Open,High,Low,Close,Adj Close,Volume"
)


def _columns(path: Path, header: list[str]) -> dict[str, int]:
    """Where each column the bars need is in `header` (volume only if there)."""
    where: dict[str, int] = {}
    for i, name in enumerate(header):
        key = name.strip().lower()
        if key in REQUIRED or key == "volume":
            if key in where:
                raise BadInput(f"{path}: not a snapshot CSV: two {key!r} columns; {_LAYOUTS}")
            where[key] = i
    missing = [name for name in REQUIRED if name not in where]
    if missing:
        has = ", ".join(h.strip() for h in header) or "nothing"
        raise BadInput(
            f"{path}: not a snapshot CSV: no {', '.join(missing)} column (it has {has}); {_LAYOUTS}"
        )
    return where
