"""From symbol and date to brief: real closures, dropped peers, missing data, Yahoo errors."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from writer.data.snapshot import SnapshotSource
from writer.data.yahoo import YahooSource
from writer.errors import DataUnavailable, UnknownSymbol
from writer.pipeline import weekly_brief


def test_typhoon_closure_comes_from_the_data(shared_data: Path) -> None:
    # Typhoon Saola shut Hong Kong on Fri 2023-09-01; the calendar had scheduled a session.
    brief = weekly_brief("HSI", dt.date(2023, 9, 1), SnapshotSource(shared_data))
    assert brief.week.sessions[-1] == dt.date(2023, 8, 31) and len(brief.week.sessions) == 4
    assert dt.date(2023, 9, 1) in brief.week.scheduled_sessions
    assert (
        "HSI: no session on 2023-09-01 in the data although the calendar scheduled one"
        in " ".join(brief.provenance.notes)
    )


def test_peer_without_data_is_dropped_with_a_note(shared_data: Path) -> None:
    # The ASX 200 file starts in July 2024: an earlier Hang Seng week keeps only the S&P 500.
    brief = weekly_brief("HSI", dt.date(2024, 3, 8), SnapshotSource(shared_data))
    assert [p.key for p in brief.peers] == ["SPX"]
    assert any(n.startswith("ASX200: left out as a peer") for n in brief.provenance.notes)
    assert brief.get("HSI.vs.SPX.spread_pp.week") is not None


def test_week_missing_from_the_data_is_unavailable(tmp_path: Path, synthetic: Path) -> None:
    lines = (synthetic / "RUT.csv").read_text().splitlines()
    (tmp_path / "RUT.csv").write_text(
        "\n".join(line for line in lines if not line.startswith("2025-08")) + "\n"
    )
    with pytest.raises(
        DataUnavailable,
        match=r"no \^RUT sessions for 2025-08-04 .. 2025-08-10 "
        r"although XNYS scheduled 5; refresh the data",
    ):
        weekly_brief("RUT", dt.date(2025, 8, 8), SnapshotSource(tmp_path), peers=())


def test_unknown_ticker_on_yahoo_is_unknown_symbol() -> None:
    def download(**kwargs: Any) -> pd.DataFrame:
        for ticker in kwargs["tickers"]:
            if ticker == "ZZZQX":
                logging.getLogger("yfinance").error(
                    "['ZZZQX']: YFTzMissingError('possibly delisted; no timezone found')"
                )
        return pd.DataFrame()

    with pytest.raises(UnknownSymbol, match=r"unknown symbol 'ZZZQX'"):
        weekly_brief(
            "ZZZQX", dt.date(2025, 8, 8), YahooSource(download, sleep=lambda s: None), peers=()
        )
