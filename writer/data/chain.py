"""Several price sources as one: for each symbol, the first source that covers the range.

An earnings snapshot prints a share price as it was printed at the time: a file of raw
closes (split-adjusted only as of the day it was saved) before an adjusted one, and either
before Yahoo.  The brief builder tries them in order per symbol; the chart asks this for the
same closes through the one `PriceSource` protocol.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from writer.errors import SymbolNotFound

if TYPE_CHECKING:
    import pandas as pd

    from writer.data import PriceSource


class FirstOf:
    """`history` from the first of `sources` that has rows from `start` (within a week: a
    range may open on a holiday) to `end` for each symbol."""

    def __init__(self, sources: Sequence[PriceSource]) -> None:
        if not sources:
            raise ValueError("FirstOf needs at least one source")
        self.sources = tuple(sources)
        self.name = " then ".join(s.name for s in self.sources)

    def history(
        self, symbols: Sequence[str], start: dt.date, end: dt.date
    ) -> dict[str, pd.DataFrame]:
        out = {}
        for symbol in symbols:
            out[symbol] = self._one(symbol, start, end)
        return out

    def _one(self, symbol: str, start: dt.date, end: dt.date) -> pd.DataFrame:
        partial = None
        for source in self.sources:
            try:
                bars = source.history([symbol], start, end)[symbol]
            except SymbolNotFound:
                continue
            if bars.empty:
                continue
            first, last = bars.index[0].date(), bars.index[-1].date()
            if first <= start + dt.timedelta(days=7) and last >= end - dt.timedelta(days=7):
                return bars
            partial = partial if partial is not None else bars
        if partial is not None:
            return partial
        raise SymbolNotFound(symbol, f"none of {self.name} has {symbol} from {start} to {end}")
