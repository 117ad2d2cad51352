"""Test isolation: no live network, no writes outside tmp, market data from files only."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "marketdata"
SYNTHETIC = ROOT / "fixtures" / "synthetic"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Fake key, temp cache/home, and any connection off loopback fails the test."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("WRITER_DATA_DIR", raising=False)
    monkeypatch.setenv("WRITER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("WRITER_HOME", str(tmp_path / "home"))
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else str(address)
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield


@pytest.fixture
def shared_data() -> Path:
    if not (SHARED_DATA / "RUT.csv").is_file():
        pytest.skip(f"real market data not found at {SHARED_DATA} (../shared/marketdata)")
    return SHARED_DATA


@pytest.fixture
def synthetic() -> Path:
    return SYNTHETIC
