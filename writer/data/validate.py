"""Refuse market data that cannot be right before any figure is computed from it.

An automated newsroom's likeliest bad story is not a misread figure but a right reading of
wrong data (an unadjusted split, a duplicated row, a missing Friday): the checker compares an
article with the brief, so nothing downstream can catch a brief built on garbage.  Each check
names the symbol and the row, and says what to do; the CLI exits 3 (market data unusable).

The rows of the span a brief reads are also held to the exchange calendar (`sessions`): a row
on a day the exchange did not trade (a stray weekend row) and a scheduled session with no row
(a deleted bar, a dropped line) are refused, except the whole-day closures the calendars do not
schedule (`writer.calendar.UNSCHEDULED_CLOSURES`, typhoons and the like).  And an index's close
may not move more than `DataChecks.max_move` percent from one session to the next (`moves`):
a 10:1 scale break reads as a 90% fall.  `--allow-gaps` and `--max-move` relax these two for
one run (`using`); what `--allow-gaps` lets through is said on stderr, never silently.

What is real and odd but not wrong is left alone: Yahoo's all-NaN rows on holidays are dropped
by `normalize`, an open equal to the previous close is common.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

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


@dataclass(frozen=True)
class DataChecks:
    """What the calendar and move checks let through in this run (the CLI's flags)."""

    #: keep rows on days the exchange was shut and sessions without a row, saying each on
    #: stderr (`--allow-gaps`)
    allow_gaps: bool = False
    #: the largest close-to-close move of an index, in percent, that is taken as real
    #: (`--max-move`); the largest in the real data since 2023 is 13.22% (^HSI, Apr 7, 2025),
    #: in March 2020 about 18% (^RUT)
    max_move: float = 25.0


DEFAULT_CHECKS = DataChecks()
_CHECKS = [DEFAULT_CHECKS]
#: warnings already given in this process (a batch builds many briefs over one gap)
_SAID: set[str] = set()


def current() -> DataChecks:
    return _CHECKS[-1]


@contextmanager
def using(checks: DataChecks) -> Iterator[None]:
    """The checks of one command: in force in this process, and in the worker processes it
    forks, until the command returns."""
    _CHECKS.append(checks)
    try:
        yield
    finally:
        _CHECKS.pop()


def warn(message: str) -> None:
    """One `writer: warning:` line on stderr, once per process."""
    if message not in _SAID:
        _SAID.add(message)
        print(f"writer: warning: {message}", file=sys.stderr, flush=True)


def sessions(
    symbol: str,
    calendar: str,
    dates: Sequence[dt.date],
    scheduled: Sequence[dt.date],
    span: tuple[dt.date, dt.date],
    closed: dict[dt.date, str],
    where: str,
    fix: str,
    data_end: dt.date | None = None,
) -> None:
    """`dates`, the rows a brief reads (oldest first), against `scheduled`, the calendar's
    sessions over `span` (from the first row, or the calendar's first day, to the week's
    end): the first row on a day in `span` the exchange did not trade, or the first scheduled
    session with no row (one of `closed`, the exchange's known unscheduled closures,
    excepted), is refused, or said on stderr when gaps are allowed.  The span starts at the
    first row: history that starts later is short, not gappy.  `data_end`, the last row a
    snapshot holds at all: sessions after it are where the snapshot stops (a file saved on
    Wednesday has no Friday), not gaps; the brief notes them."""
    first, last = span
    have = set(dates)
    planned = set(scheduled)
    problems = [
        (day, f"has a row for {day:%a %b %d, %Y}, a day {calendar} did not trade")
        for day in dates
        if first <= day <= last and day not in planned
    ]
    problems += [
        (day, f"has no row for {day:%a %b %d, %Y}, a session {calendar} scheduled")
        for day in scheduled
        if day not in have and day not in closed and (data_end is None or day <= data_end)
    ]
    if not problems:
        return
    problems.sort()
    if current().allow_gaps:
        for _day, said in problems:
            warn(f"{where}: {symbol} {said}; kept by --allow-gaps")
        return
    problem = problems[0][1]
    more = f" (and {len(problems) - 1} more such days)" if len(problems) > 1 else ""
    raise BadData(
        f"{where}: {symbol} {problem}{more}; {fix}, or pass --allow-gaps to go on with the "
        "data as it is"
    )


def moves(
    symbol: str, dates: Sequence[dt.date], closes: Sequence[float], where: str, fix: str
) -> None:
    """The first close more than `max_move` percent from the close before it is refused:
    an index does not move that much in a day, a scale break or an unadjusted split does."""
    bound = current().max_move
    for i in range(1, len(closes)):
        before, after = closes[i - 1], closes[i]
        if before > 0 and abs(after / before - 1) * 100 > bound:
            change = (after / before - 1) * 100
            raise BadData(
                f"{where}: {symbol} closed at {after:,.2f} on {dates[i]:%a %b %d, %Y}, "
                f"{change:+.2f}% from {before:,.2f} on {dates[i - 1]:%a %b %d}: more than "
                f"the {bound:g}% an index moves in a day (a scale break, an unadjusted "
                f"split?); {fix}, or pass --max-move {math.ceil(abs(change))} if the move "
                "is real"
            )


def span(
    symbol: str,
    calendar: str,
    dates: Sequence[dt.date],
    closes: Sequence[float],
    end: dt.date,
    origin: tuple[str, str],
    index: bool,
    data_end: dt.date | None = None,
) -> None:
    """The rows a brief reads, up to the end of its week, held to the exchange calendar
    (`sessions`) and, for an index, to the move bound (`moves`).  `origin`: where the rows
    are from and what to do about them (`origin_of`); `data_end`: the last row the source
    holds, when it is a file that stops somewhere (`sessions`)."""
    if not dates:
        return
    from writer.calendar import UNSCHEDULED_CLOSURES, first_session, sessions_between

    first = max(dates[0], first_session(calendar))
    scheduled = sessions_between(calendar, first, end)
    closed = UNSCHEDULED_CLOSURES.get(calendar, {})
    where, fix = origin
    sessions(symbol, calendar, dates, scheduled, (first, end), closed, where, fix, data_end)
    if index:
        moves(symbol, dates, closes, where, fix)


def origin_of(source: object, symbol: str) -> tuple[str, str]:
    """Where a source's rows of `symbol` are, for a message, and what to do about bad ones:
    the source's own `origin` when it has one (a snapshot names its file, the cache itself)."""
    origin = getattr(source, "origin", None)
    if callable(origin):
        where, fix = origin(symbol)
        return str(where), str(fix)
    return str(getattr(source, "name", "the data")), "fix or re-fetch the data"


def data_end_of(source: object, symbol: str) -> dt.date | None:
    """The last row a source holds for `symbol`, when the source is a file that stops
    somewhere (a snapshot's `last_date`); None for a source fetched by range (Yahoo, the
    price cache), whose rows a finished week must all have."""
    last_date = getattr(source, "last_date", None)
    if callable(last_date):
        found = last_date(symbol)
        return found if isinstance(found, dt.date) else None
    return None
