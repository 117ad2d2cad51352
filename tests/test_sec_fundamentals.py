"""The live fundamentals source, `SecFundamentals`, against the SEC's recorded answers
(`fixtures/sec/`, real company facts of Snowflake and Tesla) served from 127.0.0.1: its
rows are `../shared/fundamentals/facts.csv`'s for the same filings, it asks the SEC once
per company, and a missing identity or a broken SEC is a one-line `DataUnavailable`."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.sec_server import SecServer, sec_server
from writer.data.fundamentals import ReportedValue, SnapshotFundamentals
from writer.data.open_fundamentals import open_fundamentals
from writer.data.sec import SecFundamentals
from writer.data.sec_cache import MAX_AGE, SecCache
from writer.data.sec_fetch import TIMEOUT_SECONDS
from writer.errors import DataUnavailable, SymbolNotFound

SHARED_FUNDAMENTALS = Path(__file__).resolve().parents[2] / "shared" / "fundamentals"
IDENTITY = "writer tests tests@example.com"


@pytest.fixture
def sec(monkeypatch: pytest.MonkeyPatch) -> Iterator[SecServer]:
    monkeypatch.setenv("WRITER_SEC_IDENTITY", IDENTITY)
    monkeypatch.delenv("EDGAR_IDENTITY", raising=False)
    with sec_server() as server:
        yield server


def live(
    server: SecServer,
    cache: Path,
    max_age: dt.timedelta = MAX_AGE,
    timeout: float = TIMEOUT_SECONDS,
) -> SecFundamentals:
    return SecFundamentals(
        cache, sec_url=server.url, data_url=server.url, max_age=max_age, timeout=timeout
    )


@pytest.fixture(scope="module")
def snapshot() -> SnapshotFundamentals:
    if not (SHARED_FUNDAMENTALS / "facts.csv").is_file():
        pytest.skip(f"fundamentals snapshot not found at {SHARED_FUNDAMENTALS}")
    return SnapshotFundamentals(SHARED_FUNDAMENTALS)


def key(row: ReportedValue) -> tuple[object, ...]:
    return (row.metric, row.end, row.start, row.filed, row.accession)


def one_line(exc: pytest.ExceptionInfo[BaseException]) -> str:
    text = str(exc.value)
    assert text and "\n" not in text and "Traceback" not in text
    return text


# --- the rows ------------------------------------------------------------------------------


def test_snowflake_is_the_snapshot_row_for_row(
    sec: SecServer, tmp_path: Path, snapshot: SnapshotFundamentals
) -> None:
    mine = sorted(live(sec, tmp_path / "sec.sqlite").reported("SNOW"), key=key)
    theirs = sorted(snapshot.reported("SNOW"), key=key)
    assert len(mine) == len(theirs) == 343
    assert mine == theirs  # labels, values, accessions, filing dates, derived Q4s, name
    assert sum(1 for r in mine if r.derived) == sum(1 for r in theirs if r.derived) > 0


def test_tesla_is_the_snapshot_for_every_filing_in_its_company_facts(
    sec: SecServer, tmp_path: Path, snapshot: SnapshotFundamentals
) -> None:
    """The snapshot also holds two later filings read from an instance document; every
    row of the filings company facts holds is the same, the automotive line never taken
    for revenue."""
    mine = sorted(live(sec, tmp_path / "sec.sqlite").reported("TSLA"), key=key)
    filings = {r.accession for r in mine}
    theirs = sorted((r for r in snapshot.reported("TSLA") if r.accession in filings), key=key)
    assert len(mine) == 953
    assert mine == theirs


def _row(rows: list[ReportedValue], label: str, metric: str) -> list[ReportedValue]:
    return [r for r in rows if r.label == label and r.metric == metric]


def test_fiscal_labels_come_from_the_periods_dates(sec: SecServer, tmp_path: Path) -> None:
    rows = list(live(sec, tmp_path / "sec.sqlite").reported("snow"))
    q3 = _row(rows, "FY2024-Q3", "net_income")
    assert [(r.start, r.end, r.value, r.accession) for r in q3] == [
        (dt.date(2023, 8, 1), dt.date(2023, 10, 31), Decimal(-214251000), "0001640147-23-000260"),
        (dt.date(2023, 8, 1), dt.date(2023, 10, 31), Decimal(-214251000), "0001640147-24-000250"),
    ]
    assert {r.company for r in rows} == {"Snowflake Inc."}
    assert {r.cik for r in rows} == {1640147}
    assert {r.ticker for r in rows} == {"SNOW"}
    assert {r.fiscal_period for r in rows} == {"Q1", "Q2", "Q3", "Q4", "9M", "FY"}


def test_q4_is_derived_from_the_first_10k_less_the_first_nine_months(
    sec: SecServer, tmp_path: Path
) -> None:
    rows = list(live(sec, tmp_path / "sec.sqlite").reported("SNOW"))
    (q4,) = _row(rows, "FY2024-Q4", "revenue")
    assert q4.value == Decimal(2806489000 - 2031790000)
    assert (q4.start, q4.end) == (dt.date(2023, 11, 1), dt.date(2024, 1, 31))
    assert (q4.form, q4.accession, q4.filed) == ("10-K", "0001640147-24-000101", q4.filed)
    assert q4.derived == (
        "FY-9M: 2806489000 (0001640147-24-000101) - 2031790000 (0001640147-23-000260)"
    )
    assert _row(rows, "FY2024-Q4", "eps_diluted") == []  # per-share figures never subtract
    assert not [r for r in rows if r.fiscal_period == "9M" and r.metric.startswith("eps")]


def test_the_automotive_line_is_not_revenue(sec: SecServer, tmp_path: Path) -> None:
    rows = list(live(sec, tmp_path / "sec.sqlite").reported("TSLA"))
    first = [r for r in _row(rows, "FY2018-Q2", "revenue") if r.filed.year == 2018]
    assert [r.value for r in first] == [Decimal(4002231000)]  # not SalesRevenueGoodsNet's
    # 3,117,865,000, which the same 10-Q tags for the same quarter
    (loss,) = {r.value for r in _row(rows, "FY2019-Q2", "net_income") if r.filed.year == 2019}
    assert loss == Decimal(-408334000)  # first filed in thousands


# --- asking the SEC once --------------------------------------------------------------------


def test_a_company_is_asked_of_the_sec_once(sec: SecServer, tmp_path: Path) -> None:
    cache = tmp_path / "sec.sqlite"
    first = live(sec, cache).reported("SNOW")
    assert sec.paths == ["/files/company_tickers.json", "/api/xbrl/companyfacts/CIK0001640147.json"]
    assert {agent for _, agent in sec.requests} == {IDENTITY}
    again = live(sec, cache).reported("SNOW")  # a new process: the SQLite cache answers
    assert again == first
    assert len(sec.requests) == 2
    live(sec, cache).reported("TSLA")  # the ticker list is cached too
    assert sec.paths[2:] == ["/api/xbrl/companyfacts/CIK0001318605.json"]


def test_a_stale_entry_is_asked_again(sec: SecServer, tmp_path: Path) -> None:
    cache = tmp_path / "sec.sqlite"
    live(sec, cache).reported("SNOW")
    live(sec, cache, max_age=dt.timedelta(0)).reported("SNOW")
    assert len(sec.requests) == 4


def test_a_fresh_cache_needs_no_identity(
    sec: SecServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "sec.sqlite"
    rows = live(sec, cache).reported("SNOW")
    monkeypatch.delenv("WRITER_SEC_IDENTITY")
    assert live(sec, cache).reported("SNOW") == rows


def test_the_cache_keeps_only_what_writer_reads_and_is_bounded(tmp_path: Path) -> None:
    cache = SecCache(tmp_path / "sec.sqlite", max_entries=2)
    for n in range(3):
        cache.put(f"cik:{n}", {"n": n})
    assert cache.keys() == ["cik:1", "cik:2"]
    assert cache.get("cik:2") == {"n": 2}
    assert cache.get("cik:0") is None


def test_an_unusable_cache_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "sec.sqlite").mkdir()
    with pytest.raises(DataUnavailable) as exc:
        SecCache(tmp_path / "sec.sqlite")
    assert "delete it" in one_line(exc)


# --- errors ---------------------------------------------------------------------------------


def test_no_identity_says_what_to_set(
    sec: SecServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WRITER_SEC_IDENTITY")
    with pytest.raises(DataUnavailable) as exc:
        live(sec, tmp_path / "sec.sqlite").reported("SNOW")
    assert exc.value.exit_code == 3
    assert "set WRITER_SEC_IDENTITY (or EDGAR_IDENTITY)" in one_line(exc)
    assert sec.requests == []  # nothing sent without it


def test_edgartools_identity_is_the_fallback(
    sec: SecServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WRITER_SEC_IDENTITY")
    monkeypatch.setenv("EDGAR_IDENTITY", "Edgar User edgar@example.com")
    live(sec, tmp_path / "sec.sqlite").reported("SNOW")
    assert {agent for _, agent in sec.requests} == {"Edgar User edgar@example.com"}


def test_sec_unreachable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WRITER_SEC_IDENTITY", IDENTITY)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    source = SecFundamentals(tmp_path / "sec.sqlite", sec_url=url, data_url=url)
    with pytest.raises(DataUnavailable) as exc:
        source.reported("SNOW")
    text = one_line(exc)
    assert text.startswith("cannot get the ticker list from the SEC (")
    assert "--fundamentals-dir" in text


@pytest.mark.parametrize(
    ("status", "body", "why"),
    [
        (500, b"{}", "HTTP 500"),
        (429, b"{}", "HTTP 429"),
        (200, b"<html>Request Rate Threshold Exceeded</html>", "the answer is not JSON"),
    ],
)
def test_an_sec_error_is_one_line(
    sec: SecServer, tmp_path: Path, status: int, body: bytes, why: str
) -> None:
    sec.status, sec.body = status, body
    with pytest.raises(DataUnavailable) as exc:
        live(sec, tmp_path / "sec.sqlite").reported("SNOW")
    assert why in one_line(exc)


def test_company_facts_of_the_wrong_shape(sec: SecServer, tmp_path: Path) -> None:
    source = live(sec, tmp_path / "sec.sqlite")
    source.company("SNOW")  # the ticker list is cached; now the facts come back wrong
    sec.body = b'{"cik": 1640147, "facts": []}'
    with pytest.raises(DataUnavailable) as exc:
        source.reported("SNOW")
    assert "not in the shape it publishes" in one_line(exc)


def test_a_timeout_is_one_line(sec: SecServer, tmp_path: Path) -> None:
    sec.delay = 1.0
    with pytest.raises(DataUnavailable) as exc:
        live(sec, tmp_path / "sec.sqlite", timeout=0.2).reported("SNOW")
    assert "timed out" in one_line(exc)


def test_an_unknown_ticker(sec: SecServer, tmp_path: Path) -> None:
    with pytest.raises(SymbolNotFound) as exc:
        live(sec, tmp_path / "sec.sqlite").reported("ZZZZ")
    assert exc.value.symbol == "ZZZZ"
    assert "not in the SEC's list of company tickers" in one_line(exc)


def test_a_company_without_facts(sec: SecServer, tmp_path: Path) -> None:
    """AAPL is in the recorded ticker list, its company facts are not: the SEC's 404."""
    with pytest.raises(SymbolNotFound) as exc:
        live(sec, tmp_path / "sec.sqlite").reported("AAPL")
    assert "no company facts for AAPL (CIK 320193)" in one_line(exc)


def test_no_estimates_from_the_sec(sec: SecServer, tmp_path: Path) -> None:
    assert live(sec, tmp_path / "sec.sqlite").estimates("SNOW") == []
    assert sec.requests == []


# --- choosing the source --------------------------------------------------------------------


def test_open_fundamentals_picks_the_folder_else_the_sec(tmp_path: Path) -> None:
    (tmp_path / "facts.csv").write_text("ticker\n", encoding="utf-8")
    assert isinstance(open_fundamentals(tmp_path, None), SnapshotFundamentals)
    source = open_fundamentals(None, tmp_path / "here.sqlite")
    assert isinstance(source, SecFundamentals)
    assert source.cache.path == tmp_path / "here.sqlite"
    default = open_fundamentals(None, None)
    assert isinstance(default, SecFundamentals)
    assert default.cache.path == tmp_path / "cache" / "sec.sqlite"  # WRITER_CACHE_DIR


def test_edgartools_and_the_secs_http_are_one_modules_business() -> None:
    """edgartools is read in `writer.data.sec` alone and, of the data layer, only
    `sec_fetch` speaks HTTP (the LLM client is the other user of httpx)."""
    from tests.test_import_graph import graph

    def users(top: str) -> list[str]:
        return sorted(
            name
            for name, targets in graph().items()
            if any(target.split(".")[0] == top for target in targets)
        )

    assert users("edgar") == ["writer.data.sec"]
    assert [n for n in users("httpx") if n.startswith("writer.data")] == ["writer.data.sec_fetch"]
