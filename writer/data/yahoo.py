"""Yahoo Finance through yfinance: the one module that imports it.

yfinance does not raise when a download fails: it logs the reason and hands back an empty
(or all-NaN) frame.  So every symbol's frame is checked, the reasons are captured from the
`yfinance` logger, and transient failures (rate limits, timeouts, connection errors) are
retried with exponential backoff before a `DataUnavailable` naming symbol, dates and reason.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd

from writer.data import clip, normalize
from writer.errors import DataUnavailable, SymbolNotFound

Download = Callable[..., pd.DataFrame | None]

#: Reasons, as yfinance logs them, in the order they are tested: no network at all fails at
#: once; rate limits and flaky connections are retried; "not found" means a bad symbol.
_OFFLINE = (
    "could not resolve host",
    "curl: (6)",
    "name or service not known",
    "network is unreachable",
    "no route to host",
    "temporary failure in name resolution",
)
_CURL_ERROR = re.compile(r"curl: \(\d+\) ([^.]+(?:\.[a-z]+)*)")
_TRANSIENT = (
    "ratelimit",
    "rate limit",
    "too many requests",
    "timed out",
    "timeout",
    "connection",
    "temporarily",
    "502",
    "503",
    "504",
    "curl",
)
_NOT_FOUND = (
    "delisted",
    "no data found",
    "not found",
    "no timezone",
    "no price data",
    "invalid",
    "404",
)


def _yf_download(**kwargs: Any) -> pd.DataFrame | None:
    import yfinance  # deferred: importing yfinance costs ~1 s that `writer --help` should not pay

    with warnings.catch_warnings():  # yfinance's own pandas deprecations are not our users'
        warnings.simplefilter("ignore", category=FutureWarning)
        warnings.simplefilter("ignore", category=DeprecationWarning)
        frame: pd.DataFrame | None = yfinance.download(**kwargs)
    return frame


class _Reasons(logging.Handler):
    """Collects what yfinance logs about failed tickers (its only failure channel)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def for_symbol(self, symbol: str) -> str:
        hits = [line for line in self.lines if symbol.upper() in line.upper()] or self.lines
        offline = [line for line in hits if _is_offline(line)]
        reason = (offline or hits)[0]
        curl = _CURL_ERROR.search(reason)  # "curl: (6) Could not resolve host: ..." is enough
        return (curl.group(1) if curl else reason)[:200]


@contextmanager
def _capture_reasons() -> Iterator[_Reasons]:
    logger = logging.getLogger("yfinance")
    handler = _Reasons()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def split_download(frame: pd.DataFrame | None, symbols: Sequence[str]) -> dict[str, pd.DataFrame]:
    """Per-symbol bars out of what `yf.download` returns (MultiIndex columns, either order)."""
    if frame is None or frame.empty:
        return {}
    out: dict[str, pd.DataFrame] = {}
    if isinstance(frame.columns, pd.MultiIndex):
        level = 0 if set(symbols) & set(frame.columns.get_level_values(0)) else 1
        for symbol in symbols:
            if symbol in frame.columns.get_level_values(level):
                bars = normalize(
                    pd.DataFrame(frame.xs(symbol, axis=1, level=level)), symbol, "Yahoo"
                )
                if not bars.empty:
                    out[symbol] = bars
    elif len(symbols) == 1:
        bars = normalize(frame, symbols[0], "Yahoo")
        if not bars.empty:
            out[symbols[0]] = bars
    return out


class YahooSource:
    name = "yahoo"

    def __init__(
        self,
        download: Download = _yf_download,
        attempts: int = 4,
        backoff: float = 2.0,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 20.0,
    ) -> None:
        self._download = download
        self._attempts = attempts
        self._backoff = backoff
        self._sleep = sleep
        self._timeout = timeout

    def history(
        self, symbols: Sequence[str], start: dt.date, end: dt.date
    ) -> dict[str, pd.DataFrame]:
        wanted = list(dict.fromkeys(symbols))
        got: dict[str, pd.DataFrame] = {}
        reasons: dict[str, str] = {}
        for attempt in range(self._attempts):
            missing = [s for s in wanted if s not in got]
            with _capture_reasons() as log:
                try:
                    frame = self._download(
                        tickers=missing,
                        start=start.isoformat(),
                        end=(end + dt.timedelta(days=1)).isoformat(),  # yfinance end is exclusive
                        interval="1d",
                        auto_adjust=False,
                        actions=False,
                        progress=False,
                        threads=True,
                        group_by="column",
                        timeout=self._timeout,
                        multi_level_index=True,
                    )
                    batch = split_download(frame, missing)
                except Exception as exc:  # yfinance raises anything from requests/curl
                    batch = {}
                    log.lines.append(f"{type(exc).__name__}: {exc}")
            for symbol in missing:
                if symbol in batch:
                    got[symbol] = clip(batch[symbol], start, end)
                else:
                    reasons[symbol] = log.for_symbol(symbol) or "empty data returned"
            still = [s for s in wanted if s not in got]
            if any(_is_offline(reasons[s]) for s in still):
                raise DataUnavailable(
                    f"cannot reach Yahoo Finance ({reasons[still[0]]}); check the network, or "
                    "pass --data-dir DIR (or set WRITER_DATA_DIR) to a folder of SYMBOL.csv "
                    "snapshots such as ../shared/marketdata"
                )
            if not still or not any(_is_transient(reasons[s]) for s in still):
                break
            if attempt + 1 < self._attempts:
                self._sleep(self._backoff * 2**attempt)
        for symbol in wanted:
            if symbol not in got or got[symbol].empty:
                reason = reasons.get(symbol, "no rows in range")
                if _is_transient(reason):
                    raise DataUnavailable(
                        f"Yahoo Finance failed for {symbol} {start}..{end} after "
                        f"{self._attempts} attempts ({reason}); wait a few minutes and retry, "
                        "or pass --data-dir DIR with SYMBOL.csv snapshots"
                    )
                message = (
                    f"Yahoo Finance returned no data for {symbol} {start}..{end} "
                    f"({reason}); check the symbol, or pass --data-dir DIR with "
                    "SYMBOL.csv snapshots"
                )
                if _is_not_found(reason):
                    raise SymbolNotFound(symbol, message)
                raise DataUnavailable(message)
        return got


def _is_offline(reason: str) -> bool:
    text = reason.lower()
    return any(word in text for word in _OFFLINE)


def _is_transient(reason: str) -> bool:
    text = reason.lower()
    return any(word in text for word in _TRANSIENT)


def _is_not_found(reason: str) -> bool:
    text = reason.lower()
    return not _is_transient(text) and any(word in text for word in _NOT_FOUND)
