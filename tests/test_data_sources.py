"""Snapshot CSVs, the Yahoo adapter fed frames shaped like yfinance's, and the SQLite cache."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from writer.data.cache import CachedSource
from writer.data.snapshot import SnapshotSource
from writer.data.yahoo import YahooSource
from writer.errors import BadInput, DataUnavailable, SymbolNotFound

D = dt.date


def test_snapshot_reads_exact_float32_text(shared_data: Path) -> None:
    bars = SnapshotSource(shared_data).history(["^RUT"], D(2025, 8, 4), D(2025, 8, 8))["^RUT"]
    assert list(bars.index.strftime("%Y-%m-%d")) == [f"2025-08-0{i}" for i in range(4, 9)]
    assert bars.loc["2025-08-08", "close"] == 2218.419921875


def test_snapshot_missing_file_names_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "RUT.csv").write_text("date,open,high,low,close,volume\n")
    with pytest.raises(
        SymbolNotFound,
        match=r"no snapshot for \^N225 .* \(expected N225.csv; "
        r"have RUT\); fetch it with `writer fetch N225 --to-dir",
    ):
        SnapshotSource(tmp_path).history(["^N225"], D(2025, 1, 1), D(2025, 2, 1))


def test_snapshot_malformed_csv_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "RUT.csv").write_text("day,price\n2025-01-02,1\n")
    with pytest.raises(BadInput, match=r"RUT\.csv: not a snapshot CSV"):
        SnapshotSource(tmp_path).history(["^RUT"], D(2025, 1, 1), D(2025, 2, 1))


def test_snapshot_range_without_rows(synthetic: Path) -> None:
    with pytest.raises(SymbolNotFound, match=r"has no rows for \^RUT between 2030-01-01"):
        SnapshotSource(synthetic).history(["^RUT"], D(2030, 1, 1), D(2030, 2, 1))


def yf_frame(
    symbols: Sequence[str], days: Sequence[str], empty: Sequence[str] = ()
) -> pd.DataFrame:
    """What yf.download(group_by='column', multi_level_index=True) returns: (Price, Ticker)."""
    index = pd.DatetimeIndex(pd.to_datetime(list(days)), name="Date")
    columns = pd.MultiIndex.from_product(
        [["Adj Close", "Close", "High", "Low", "Open", "Volume"], sorted(symbols)],
        names=["Price", "Ticker"],
    )
    data = np.tile(np.arange(1, len(days) + 1, dtype="float64")[:, None] * 100, len(columns))
    frame = pd.DataFrame(data, index=index, columns=columns)
    for symbol in empty:  # a failed ticker comes back as an all-NaN column block
        frame.loc[:, (slice(None), symbol)] = np.nan
    return frame


class ScriptedDownload:
    """Plays back what yf.download returned and logged, call by call."""

    def __init__(self, *results: tuple[pd.DataFrame | None, str | None]) -> None:
        self.results = list(results)
        self.calls: list[dict[str, Any]] = []

    def __call__(self, **kwargs: Any) -> pd.DataFrame | None:
        self.calls.append(kwargs)
        frame, logged = self.results.pop(0)
        if logged:
            logging.getLogger("yfinance").error(logged)
        return frame


def test_yahoo_batches_all_symbols_in_one_request() -> None:
    download = ScriptedDownload((yf_frame(["^RUT", "^GSPC"], ["2025-08-07", "2025-08-08"]), None))
    got = YahooSource(download).history(["^RUT", "^GSPC"], D(2025, 8, 7), D(2025, 8, 8))
    assert len(download.calls) == 1
    assert download.calls[0]["tickers"] == ["^RUT", "^GSPC"]
    assert download.calls[0]["end"] == "2025-08-09"  # yfinance's end is exclusive
    assert list(got["^GSPC"]["close"]) == [100.0, 200.0]


def test_yahoo_empty_dataframe_is_data_unavailable_naming_symbol_dates_reason() -> None:
    download = ScriptedDownload(
        (
            pd.DataFrame(),
            "['^RUT']: YFPricesMissingError('possibly "
            "delisted; no price data found  (1d 2025-08-04 -> 2025-08-09)')",
        )
    )
    with pytest.raises(
        SymbolNotFound,
        match=r"no data for \^RUT 2025-08-04..2025-08-08 "
        r"\(.*no price data found",
    ):
        YahooSource(download, sleep=lambda s: None).history(["^RUT"], D(2025, 8, 4), D(2025, 8, 8))
    assert len(download.calls) == 1  # not found is not retried


def test_yahoo_rate_limit_is_retried_with_backoff_then_succeeds() -> None:
    sleeps: list[float] = []
    download = ScriptedDownload(
        (pd.DataFrame(), "['^RUT']: YFRateLimitError('Too Many Requests. Rate limited.')"),
        (pd.DataFrame(), "['^RUT']: YFRateLimitError('Too Many Requests. Rate limited.')"),
        (yf_frame(["^RUT"], ["2025-08-08"]), None),
    )
    got = YahooSource(download, sleep=sleeps.append).history(["^RUT"], D(2025, 8, 8), D(2025, 8, 8))
    assert sleeps == [2.0, 4.0] and len(got["^RUT"]) == 1


def test_yahoo_rate_limit_that_persists_is_data_unavailable() -> None:
    logged = "['^RUT']: YFRateLimitError('Too Many Requests. Rate limited. Try after a while.')"
    download = ScriptedDownload(*[(pd.DataFrame(), logged)] * 3)
    with pytest.raises(
        DataUnavailable,
        match=r"failed for \^RUT 2025-08-08..2025-08-08 after 3 "
        r"attempts \(.*Too Many Requests.*\); wait a few minutes and retry",
    ) as err:
        YahooSource(download, attempts=3, sleep=lambda s: None).history(
            ["^RUT"], D(2025, 8, 8), D(2025, 8, 8)
        )
    assert not isinstance(err.value, SymbolNotFound) and len(download.calls) == 3


def test_yahoo_partial_failure_refetches_only_the_missing_symbol() -> None:
    download = ScriptedDownload(
        (
            yf_frame(["^RUT", "^GSPC"], ["2025-08-08"], empty=["^GSPC"]),
            "['^GSPC']: ConnectionError('Connection reset by peer')",
        ),
        (yf_frame(["^GSPC"], ["2025-08-08"]), None),
    )
    got = YahooSource(download, sleep=lambda s: None).history(
        ["^RUT", "^GSPC"], D(2025, 8, 8), D(2025, 8, 8)
    )
    assert download.calls[1]["tickers"] == ["^GSPC"] and set(got) == {"^RUT", "^GSPC"}


def test_yahoo_exception_from_the_library_is_caught() -> None:
    def boom(**kwargs: Any) -> pd.DataFrame:
        raise OSError("Could not resolve host: query2.finance.yahoo.com")

    with pytest.raises(DataUnavailable, match=r"Could not resolve host"):
        YahooSource(boom, attempts=2, sleep=lambda s: None).history(
            ["^RUT"], D(2025, 8, 8), D(2025, 8, 8)
        )


class CountingSnapshot(SnapshotSource):
    """A real snapshot source that counts the requests that reach it."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.requests: list[list[str]] = []

    def history(
        self, symbols: Sequence[str], start: dt.date, end: dt.date
    ) -> dict[str, pd.DataFrame]:
        self.requests.append(list(symbols))
        return super().history(symbols, start, end)


def test_cache_fetches_a_past_range_once(synthetic: Path, tmp_path: Path) -> None:
    inner = CountingSnapshot(synthetic)
    cache = CachedSource(inner, tmp_path / "prices.sqlite", today=lambda: D(2026, 1, 5))
    first = cache.history(["^RUT", "^GSPC"], D(2025, 6, 30), D(2025, 7, 11))
    again = CachedSource(
        CountingSnapshot(synthetic), tmp_path / "prices.sqlite", today=lambda: D(2026, 1, 5)
    )
    second = again.history(["^RUT"], D(2025, 7, 1), D(2025, 7, 10))  # inside: from disk
    assert inner.requests == [["^RUT", "^GSPC"]]
    assert again.inner.requests == []  # type: ignore[attr-defined]
    pd.testing.assert_frame_equal(
        second["^RUT"], first["^RUT"].loc["2025-07-01":"2025-07-10"], check_freq=False
    )
    assert "2025-07-04" not in set(second["^RUT"].index.strftime("%Y-%m-%d"))  # holiday


def test_cache_does_not_freeze_todays_bar(synthetic: Path, tmp_path: Path) -> None:
    inner = CountingSnapshot(synthetic)
    cache = CachedSource(inner, tmp_path / "p.sqlite", today=lambda: D(2025, 7, 10))
    cache.history(["^RUT"], D(2025, 7, 1), D(2025, 7, 10))
    cache.history(["^RUT"], D(2025, 7, 1), D(2025, 7, 10))
    assert len(inner.requests) == 2  # the range reaches today: asked again
    assert cache.covered("^RUT", D(2025, 7, 1), D(2025, 7, 9))


def test_yahoo_without_network_fails_at_once_saying_how_to_use_snapshots() -> None:
    logged = (
        "['^RUT']: Failed to get ticker '^RUT' reason: Failed to perform, curl: (6) Could "
        "not resolve host: query2.finance.yahoo.com. See https://curl.se/libcurl/c/libcurl"
        "-errors.html first for more details."
    )
    download = ScriptedDownload((pd.DataFrame(), logged))
    with pytest.raises(DataUnavailable) as err:
        YahooSource(download, sleep=lambda s: None).history(["^RUT"], D(2025, 8, 8), D(2025, 8, 8))
    assert str(err.value) == (
        "cannot reach Yahoo Finance (Could not resolve host: query2.finance.yahoo.com); check "
        "the network, or pass --data-dir DIR (or set WRITER_DATA_DIR) to a folder of SYMBOL.csv "
        "snapshots such as ../shared/marketdata"
    )
    assert len(download.calls) == 1 and not isinstance(err.value, SymbolNotFound)


def test_cache_fetches_only_what_is_new(synthetic: Path, tmp_path: Path) -> None:
    inner = CountingSnapshot(synthetic)
    requests: list[tuple[dt.date, dt.date]] = []
    original = inner.history

    def spy(symbols: Sequence[str], start: dt.date, end: dt.date) -> dict[str, pd.DataFrame]:
        requests.append((start, end))
        return original(symbols, start, end)

    inner.history = spy  # type: ignore[method-assign]
    cache = CachedSource(inner, tmp_path / "p.sqlite", today=lambda: D(2026, 1, 5))
    cache.history(["^RUT"], D(2025, 1, 1), D(2025, 8, 8))
    later = cache.history(["^RUT"], D(2025, 1, 8), D(2025, 8, 15))  # the following week
    assert requests == [(D(2025, 1, 1), D(2025, 8, 8)), (D(2025, 8, 1), D(2025, 8, 15))]
    direct = SnapshotSource(synthetic).history(["^RUT"], D(2025, 1, 8), D(2025, 8, 15))["^RUT"]
    pd.testing.assert_frame_equal(later["^RUT"], direct, check_freq=False)
