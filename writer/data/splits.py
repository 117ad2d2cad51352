"""Stock splits: the public record of when a share count changed, as data.

Price files are split-adjusted as of the day they were saved, and filings restate per-share
figures after a split; a price *as printed on a day* is the adjusted close times the splits
that took effect after that day, up to the file's own basis.  The dates are the first
split-adjusted session; each row's evidence is in `../shared/fundamentals/SOURCES.md`
("Splits"): the saved filings bracket every one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

#: ticker -> ((first split-adjusted session, new shares per old share), ...), oldest first.
SPLITS: Final[dict[str, tuple[tuple[dt.date, int], ...]]] = {
    "AAPL": ((dt.date(2014, 6, 9), 7), (dt.date(2020, 8, 31), 4)),
    "TSLA": ((dt.date(2020, 8, 31), 5), (dt.date(2022, 8, 25), 3)),
    "NVDA": ((dt.date(2021, 7, 20), 4), (dt.date(2024, 6, 10), 10)),
    "GOOGL": ((dt.date(2022, 7, 18), 20),),
    "NFLX": ((dt.date(2015, 7, 15), 7), (dt.date(2025, 11, 17), 10)),
}


def factor_between(ticker: str, after: dt.date, through: dt.date) -> Decimal:
    """The shares one share of `after` became by `through`: the product of the splits that
    took effect in (after, through].  1 for a ticker with no split on record."""
    factor = Decimal(1)
    for day, ratio in SPLITS.get(ticker.upper(), ()):
        if after < day <= through:
            factor *= ratio
    return factor
