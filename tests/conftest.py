"""Test isolation: no live network, no writes outside tmp, market data from files only."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from factcheck.brief import WeeklyIndexBrief

# Property tests judge correctness, not speed: a cold first example on a loaded CI machine
# must not fail on hypothesis' 200 ms deadline.
settings.register_profile("writer", deadline=None)
settings.load_profile("writer")

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "marketdata"
SYNTHETIC = ROOT / "fixtures" / "synthetic"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Fake key, temp cache/home, no WRITER_* from the shell, and any connection off loopback
    fails the test."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("WRITER_DATA_DIR", raising=False)
    monkeypatch.setenv("WRITER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("WRITER_HOME", str(tmp_path / "home"))
    for name in ("WRITER_MODEL", "WRITER_LLM_TIMEOUT", "WRITER_LLM_RETRIES"):
        monkeypatch.delenv(name, raising=False)  # a developer's shell must not change results
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else str(address)
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not (SHARED_DATA / "RUT.csv").is_file():
        pytest.skip(
            f"real market data not found at {SHARED_DATA} (../shared/marketdata "
            "beside the repository)"
        )
    return SHARED_DATA


@pytest.fixture
def synthetic() -> Path:
    return SYNTHETIC


# --- factcheck: real briefs from ../shared/marketdata ---------------------------------------

CORPUS = Path(__file__).resolve().parent / "corpus"


@cache
def _brief(symbol: str, day: str) -> WeeklyIndexBrief:
    from writer.pipeline import open_source, weekly_brief

    return weekly_brief(symbol, dt.date.fromisoformat(day), open_source(SHARED_DATA))


@pytest.fixture(scope="session")
def data_dir(shared_data: Path) -> Path:
    return shared_data


@pytest.fixture(scope="session")
def brief(data_dir: Path) -> Callable[[str, str], WeeklyIndexBrief]:
    """brief("RUT", "2025-08-08"): the week's brief, built once per session."""
    return _brief


@pytest.fixture(scope="session")
def rut(brief: Callable[[str, str], WeeklyIndexBrief]) -> WeeklyIndexBrief:
    """Russell 2000, week of Aug 4-8 2025: the GENRE.md example week."""
    return brief("RUT", "2025-08-08")
