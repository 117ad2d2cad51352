"""Shared fixtures: real briefs built from ../shared/marketdata (skipped when it is absent)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from factcheck.brief import WeeklyIndexBrief

DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "marketdata"
CORPUS = Path(__file__).resolve().parent / "corpus"


def pytest_configure(config: pytest.Config) -> None:
    # exchange_calendars (a dependency of writer.calendar) calls pandas APIs that pandas 3.1
    # deprecates (Series.values on tz-aware data, DatetimeIndex.weekday); pandas attributes
    # the warnings to its own modules.  They are not ours to fix, and `filterwarnings = error`
    # would otherwise fail every brief build.  Only these two messages are ignored.
    for message in ("Series.values returning an ndarray that drops timezone",
                    "DatetimeIndex.weekday is deprecated"):
        config.addinivalue_line("filterwarnings",
                                f"ignore:{message}:pandas.errors.Pandas4Warning")


@cache
def _brief(symbol: str, day: str) -> WeeklyIndexBrief:
    from writer.pipeline import open_source, weekly_brief

    return weekly_brief(symbol, dt.date.fromisoformat(day), open_source(DATA_DIR))


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not (DATA_DIR / "RUT.csv").is_file():
        pytest.skip(f"market data snapshot not found at {DATA_DIR} (expected ../shared/"
                    "marketdata beside the repository)")
    return DATA_DIR


@pytest.fixture(scope="session")
def brief(data_dir: Path) -> Callable[[str, str], WeeklyIndexBrief]:
    """brief("RUT", "2025-08-08"): the week's brief, built once per session."""
    return _brief


@pytest.fixture(scope="session")
def rut(brief: Callable[[str, str], WeeklyIndexBrief]) -> WeeklyIndexBrief:
    """Russell 2000, week of Aug 4-8 2025: the GENRE.md example week."""
    return brief("RUT", "2025-08-08")
