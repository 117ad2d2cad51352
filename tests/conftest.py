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
from tests.briefs import load
from tests.llm_server import LLMServer, serve

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


# --- briefs ---------------------------------------------------------------------------------

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="session")
def data_dir(shared_data: Path) -> Path:
    return shared_data


@pytest.fixture(scope="session")
def brief() -> Callable[..., WeeklyIndexBrief]:
    """brief("RUT", "2025-08-08"): the week's brief as committed in tests/briefs (built from
    ../shared/marketdata by tests/briefs/generate.py, held to writer by
    tests/test_committed_briefs.py); brief("SPX", "2025-08-08", "RUT") with the named indices
    as peers too, brief("RUT", "2025-08-08", as_of="2025-08-05") as of a session.  Needs
    neither writer nor the market data: the checker's tests use it."""
    return load


@pytest.fixture(scope="session")
def rut() -> WeeklyIndexBrief:
    """Russell 2000, week of Aug 4-8 2025: the GENRE.md example week (committed brief)."""
    return load("RUT", "2025-08-08")


@cache
def _built(symbol: str, day: str) -> WeeklyIndexBrief:
    from writer.pipeline import open_source, weekly_brief

    return weekly_brief(symbol, dt.date.fromisoformat(day), open_source(SHARED_DATA))


@pytest.fixture(scope="session")
def built_brief(data_dir: Path) -> Callable[[str, str], WeeklyIndexBrief]:
    """built_brief("RUT", "2025-08-08"): the week's brief as writer builds it from
    ../shared/marketdata, once per session (for writer's own tests)."""
    return _built


# --- the checker's tests alone: `pytest --checker-only` ---------------------------------------

TESTS = Path(__file__).resolve().parent
CHECKER_LIST = TESTS / "checker_tests.txt"


@cache
def checker_tests() -> tuple[Path, ...]:
    """The test files and folders tests/checker_tests.txt lists."""
    lines = CHECKER_LIST.read_text(encoding="utf-8").splitlines()
    return tuple(TESTS / s for line in lines if (s := line.strip()) and not s.startswith("#"))


def is_checker_test(path: Path) -> bool:
    return any(path == entry or entry in path.parents for entry in checker_tests())


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--checker-only",
        action="store_true",
        help="collect only the checker's tests (tests/checker_tests.txt): they need neither "
        "writer nor its dependencies",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "checker: a test of factcheck alone (listed in tests/checker_tests.txt)"
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if not config.getoption("--checker-only") or collection_path.is_dir():
        return None
    name = collection_path.name
    if name.startswith("test_") and name.endswith(".py") and not is_checker_test(collection_path):
        return True
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if is_checker_test(item.path):
            item.add_marker(pytest.mark.checker)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LLMServer]:
    """A local OpenAI-compatible test server over real HTTP, as writer's model: scripted
    replies, a 5 s timeout, no model name or retry count from the shell."""
    with serve() as running:
        monkeypatch.setenv("OPENAI_BASE_URL", running.url)
        monkeypatch.setenv("WRITER_LLM_TIMEOUT", "5")
        monkeypatch.delenv("WRITER_MODEL", raising=False)
        monkeypatch.delenv("WRITER_LLM_RETRIES", raising=False)
        yield running
