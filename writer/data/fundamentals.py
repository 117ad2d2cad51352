"""Company results behind one small protocol, beside `PriceSource`:

    FundamentalsSource.reported(ticker) -> every reported value of every filing
    FundamentalsSource.estimates(ticker) -> vendors' EPS estimates and report dates

Implementations: `SnapshotFundamentals` (a folder laid out as `../shared/fundamentals`:
`facts.csv`, `estimates.csv`) and the live SEC adapter (`writer.data.sec`).  A value is kept
per filing, not per period, because an earnings snapshot reports a quarter *as first
reported*: a later filing's restatement (a split, a correction) is a different fact.
Pure of pandas: a fundamentals file is a few thousand rows, read with `csv`.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final, Protocol

from writer.errors import BadData, BadInput, SymbolNotFound

#: The metrics a snapshot reports (`facts.csv`'s `metric` column).
METRICS: Final = (
    "revenue",
    "net_income",
    "net_income_incl_nci",
    "eps_diluted",
    "eps_basic",
    "operating_income",
    "gross_profit",
)
#: Fiscal periods a value may cover: the quarters, the nine months to Q3, the year.
PERIODS: Final = ("Q1", "Q2", "Q3", "Q4", "9M", "FY")


@dataclass(frozen=True, slots=True)
class ReportedValue:
    """One value of one metric for one fiscal period, as one filing gives it."""

    ticker: str
    company: str
    cik: int
    fiscal_year: int
    fiscal_period: str  # one of PERIODS
    start: dt.date
    end: dt.date
    metric: str  # one of METRICS
    value: Decimal  # dollars (losses negative); EPS in dollars per share
    form: str  # 10-Q, 10-K, 10-K/A
    accession: str
    filed: dt.date
    derived: str | None = None  # how a Q4 was derived (FY - 9M), None when filed

    @property
    def label(self) -> str:
        return f"FY{self.fiscal_year}-{self.fiscal_period}"


@dataclass(frozen=True, slots=True)
class EstimateRow:
    """A vendor's EPS estimate and its adjusted ("reported") EPS for one report date, on
    the vendor's share basis (`split_factor` restates it to the share count at report
    time), or only a report date and timing."""

    ticker: str
    report_date: dt.date
    timing: str | None  # "bmo", "amc" or None
    eps_estimate: Decimal | None
    eps_reported: Decimal | None
    vendor: str
    as_of: str
    split_factor: Decimal


class FundamentalsSource(Protocol):
    name: str

    def reported(self, ticker: str) -> Sequence[ReportedValue]:
        """Every value the source holds for the ticker, each with its filing.
        Raises `SymbolNotFound` for a ticker it holds nothing for."""
        ...

    def estimates(self, ticker: str) -> Sequence[EstimateRow]:
        """Vendors' rows for the ticker (may be empty: estimates are optional)."""
        ...


def _date(text: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadData(f"{where}: {text!r} is not a YYYY-MM-DD date; fix the file") from None


def _decimal(text: str, where: str) -> Decimal | None:
    if not text.strip():
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise BadData(f"{where}: {text!r} is not a number; fix the file") from None
    if not value.is_finite():
        raise BadData(f"{where}: {text!r} is not a finite number; fix the file")
    return value


class SnapshotFundamentals:
    """`facts.csv` and `estimates.csv` in one folder (the layout of `../shared/fundamentals`,
    described in its SOURCES.md); the share prices in its `stocks/` are read as a price
    snapshot (`SnapshotSource`)."""

    def __init__(self, folder: Path) -> None:
        if not (folder / "facts.csv").is_file():
            raise BadInput(
                f"fundamentals dir {folder} has no facts.csv; pass --fundamentals-dir with a "
                "folder laid out as ../shared/fundamentals"
            )
        self.folder = folder
        self.name = f"snapshot:{folder}"
        self._facts: dict[str, list[ReportedValue]] | None = None
        self._estimates: dict[str, list[EstimateRow]] | None = None

    @property
    def stocks(self) -> Path:
        return self.folder / "stocks"

    def tickers(self) -> list[str]:
        return sorted(self._all_facts())

    def reported(self, ticker: str) -> Sequence[ReportedValue]:
        rows = self._all_facts().get(ticker.upper())
        if not rows:
            have = ", ".join(self.tickers()) or "none"
            raise SymbolNotFound(
                ticker,
                f"no reported results for {ticker} in {self.folder / 'facts.csv'} "
                f"(have {have}); pass one of those, or drop --fundamentals-dir to ask the SEC",
            )
        return rows

    def estimates(self, ticker: str) -> Sequence[EstimateRow]:
        return self._all_estimates().get(ticker.upper(), [])

    def _all_facts(self) -> dict[str, list[ReportedValue]]:
        if self._facts is None:
            self._facts = _read_facts(self.folder / "facts.csv")
        return self._facts

    def _all_estimates(self) -> dict[str, list[EstimateRow]]:
        if self._estimates is None:
            path = self.folder / "estimates.csv"
            self._estimates = _read_estimates(path) if path.is_file() else {}
        return self._estimates


_FACT_COLUMNS: Final = frozenset(
    {
        "ticker",
        "cik",
        "company",
        "fiscal_year",
        "fiscal_period",
        "period_start",
        "period_end",
        "metric",
        "value",
        "form",
        "accession",
        "filed",
        "derived",
    }
)


def _rows(path: Path, needed: frozenset[str]) -> list[tuple[int, dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = needed - set(reader.fieldnames or ())
            if missing:
                raise BadData(f"{path}: missing columns {sorted(missing)}; fix the file")
            return [(n, row) for n, row in enumerate(reader, start=2)]
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text; pass a CSV file") from None


def _read_facts(path: Path) -> dict[str, list[ReportedValue]]:
    out: dict[str, list[ReportedValue]] = {}
    for n, row in _rows(path, _FACT_COLUMNS):
        where = f"{path}:{n}"
        metric, period = row["metric"], row["fiscal_period"]
        if metric not in METRICS or period not in PERIODS:
            continue  # a metric or period a snapshot does not report
        value = _decimal(row["value"], where)
        if value is None:
            raise BadData(f"{where}: {metric} has no value; fix the file")
        try:
            year, cik = int(row["fiscal_year"]), int(row["cik"])
        except ValueError:
            raise BadData(f"{where}: fiscal_year and cik must be whole numbers") from None
        start, end = _date(row["period_start"], where), _date(row["period_end"], where)
        if end <= start:
            raise BadData(f"{where}: the period ends {end}, before it starts {start}")
        item = ReportedValue(
            ticker=row["ticker"].upper(),
            company=row["company"],
            cik=cik,
            fiscal_year=year,
            fiscal_period=period,
            start=start,
            end=end,
            metric=metric,
            value=value,
            form=row["form"],
            accession=row["accession"],
            filed=_date(row["filed"], where),
            derived=row["derived"] or None,
        )
        out.setdefault(item.ticker, []).append(item)
    return out


_ESTIMATE_COLUMNS: Final = frozenset(
    {
        "ticker",
        "report_date",
        "timing",
        "eps_estimate",
        "eps_reported",
        "vendor",
        "as_of",
        "split_factor_since",
    }
)


def _read_estimates(path: Path) -> dict[str, list[EstimateRow]]:
    out: dict[str, list[EstimateRow]] = {}
    for n, row in _rows(path, _ESTIMATE_COLUMNS):
        where = f"{path}:{n}"
        timing = row["timing"].strip().lower() or None
        if timing not in (None, "bmo", "amc"):
            raise BadData(f"{where}: timing {row['timing']!r} is not bmo or amc")
        factor = _decimal(row["split_factor_since"], where) or Decimal(1)
        item = EstimateRow(
            ticker=row["ticker"].upper(),
            report_date=_date(row["report_date"], where),
            timing=timing,
            eps_estimate=_decimal(row["eps_estimate"], where),
            eps_reported=_decimal(row["eps_reported"], where),
            vendor=row["vendor"],
            as_of=row["as_of"],
            split_factor=factor,
        )
        out.setdefault(item.ticker, []).append(item)
    return out
