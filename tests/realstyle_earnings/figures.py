"""The true figures behind the earnings corpus' answer keys, computed from ../shared/fundamentals.

Written for the corpus alone, independently of writer's own code: it reads the CSV files at run
time (nothing is copied into the project) and answers one question, "what is figure KEY of
TICKER's quarter LABEL?", for the keys the yaml files' `figures:` lists use (README.md).

    python tests/realstyle_earnings/figures.py AAPL FY2024-Q1      # every figure of a quarter

Conventions (SOURCES.md of the data):
- a quarter's figure is its first filing (`earliest_filed`); `@ya` is the year-ago quarter as
  first reported, except EPS when a split took effect between the two reports: then the
  comparative the quarter's own filing prints (the same share basis); `@ya-restated` is always
  that comparative; `@pq` the previous fiscal quarter as first reported; `@yoy` and `@qoq` are
  percent changes against those bases;
- `price` is the close of the report date (every report here is after the close or of unknown
  timing) as printed then: the raw close times the splits since, from stocks/raw up to
  2024-03-08, else the adjusted file times the splits since (AAPL/GOOGL/NVDA adjusted levels
  carry dividends too); `ytd` is the change from the last close of the previous calendar year,
  `12m` from the last close on or before the same date a year earlier, `gspc_*` the same for
  the S&P 500;
- `est:<vendor>` is a vendor's EPS estimate times its `split_factor_since`, `act:<vendor>` the
  vendor's "reported" (adjusted) EPS the same way; vendors: yahoo-history, yahoo-dates, fmp.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: ../shared/fundamentals beside the checkout (read-only; absent on some machines)
DATA = Path(__file__).resolve().parents[2].parent / "shared" / "fundamentals"

#: (ticker, first split-adjusted day, ratio), from SOURCES.md's split table.
SPLITS = (
    ("AAPL", dt.date(2020, 8, 31), 4),
    ("TSLA", dt.date(2020, 8, 31), 5),
    ("TSLA", dt.date(2022, 8, 25), 3),
    ("NVDA", dt.date(2021, 7, 20), 4),
    ("NVDA", dt.date(2024, 6, 10), 10),
    ("GOOGL", dt.date(2022, 7, 18), 20),
    ("NFLX", dt.date(2025, 11, 17), 10),
)
RAW_END = dt.date(2024, 3, 8)  # stocks/raw ends here (its split basis)
ADJ_END = dt.date(2026, 6, 24)  # the adjusted files' split basis
VENDORS = {
    "yahoo-history": "Yahoo Finance (yfinance earnings history)",
    "yahoo-dates": "Yahoo Finance (yfinance earnings_dates)",
    "fmp": "Financial Modeling Prep (earnings surprises)",
}


@dataclass(frozen=True)
class Fact:
    ticker: str
    year: int
    period: str
    end: dt.date
    metric: str
    value: float
    accession: str
    filed: dt.date
    first: bool


def available() -> bool:
    return (DATA / "facts.csv").is_file()


@cache
def facts() -> tuple[Fact, ...]:
    out = []
    with (DATA / "facts.csv").open(newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["fiscal_period"] not in ("Q1", "Q2", "Q3", "Q4"):
                continue
            out.append(
                Fact(
                    r["ticker"],
                    int(r["fiscal_year"]),
                    r["fiscal_period"],
                    dt.date.fromisoformat(r["period_end"]),
                    r["metric"],
                    float(r["value"]),
                    r["accession"],
                    dt.date.fromisoformat(r["filed"]),
                    r["earliest_filed"] == "1",
                )
            )
    return tuple(out)


@cache
def coverage() -> dict[tuple[str, str], dict[str, str]]:
    with (DATA / "coverage.csv").open(newline="", encoding="utf-8") as f:
        return {
            (r["ticker"], f"FY{r['fiscal_year']}-{r['fiscal_period']}"): r
            for r in csv.DictReader(f)
        }


def parse_label(label: str) -> tuple[int, int]:
    year, q = label.removeprefix("FY").split("-Q")
    return int(year), int(q)


def shift(label: str, quarters: int) -> str:
    year, q = parse_label(label)
    n = year * 4 + (q - 1) + quarters
    return f"FY{n // 4}-Q{n % 4 + 1}"


def _rows(ticker: str, label: str, metric: str) -> list[Fact]:
    year, q = parse_label(label)
    rows = [
        f
        for f in facts()
        if f.ticker == ticker and f.year == year and f.period == f"Q{q}" and f.metric == metric
    ]
    if not rows:
        raise KeyError(f"{ticker} {label}: no {metric}")
    return sorted(rows, key=lambda f: f.filed)


def first(ticker: str, label: str, metric: str) -> Fact:
    rows = _rows(ticker, label, metric)
    firsts = [f for f in rows if f.first]
    return firsts[0] if firsts else rows[0]


def comparative(ticker: str, label: str, metric: str) -> float:
    """The year-ago quarter's value as the quarter's own (first) filing prints it."""
    own = first(ticker, label, metric)
    for f in _rows(ticker, shift(label, -4), metric):
        if f.accession == own.accession:
            return f.value
    raise KeyError(f"{ticker} {label}: its filing carries no year-ago {metric}")


def split_between(ticker: str, after: dt.date, upto: dt.date) -> int:
    """The product of the ticker's split ratios effective in (after, upto]."""
    factor = 1
    for t, day, ratio in SPLITS:
        if t == ticker and after < day <= upto:
            factor *= ratio
    return factor


def report_date(ticker: str, label: str) -> dt.date:
    return dt.date.fromisoformat(coverage()[(ticker, label)]["report_date"])


@cache
def _closes(path: Path) -> tuple[tuple[dt.date, float], ...]:
    with path.open(newline="", encoding="utf-8") as f:
        return tuple(
            (dt.date.fromisoformat(r["date"]), float(r["close"])) for r in csv.DictReader(f)
        )


def _close_on_or_before(series: tuple[tuple[dt.date, float], ...], day: dt.date) -> float:
    best = None
    for d, c in series:
        if d <= day:
            best = c
        else:
            break
    if best is None:
        raise KeyError(f"no close on or before {day}")
    return best


def _series(ticker: str, day: dt.date) -> tuple[tuple[tuple[dt.date, float], ...], int]:
    """The price file for a report on `day`, and the factor that prints its closes as of then."""
    stocks = DATA / "stocks"
    if ticker == "GSPC" or ticker in ("SNOW", "MRVL"):
        return _closes(stocks / f"{ticker}.csv"), 1
    if day <= RAW_END:
        return _closes(stocks / "raw" / f"{ticker}.csv"), split_between(ticker, day, RAW_END)
    return _closes(stocks / f"{ticker}.csv"), split_between(ticker, day, ADJ_END)


def _pct(new: float, old: float) -> float:
    return (new / old - 1) * 100


def price_figures(ticker: str, day: dt.date) -> dict[str, float]:
    series, factor = _series(ticker, day)
    close = _close_on_or_before(series, day)
    year_end = _close_on_or_before(series, dt.date(day.year - 1, 12, 31))
    jan2 = next(c for d, c in series if d.year == day.year)  # the year's first session
    ago = _close_on_or_before(series, day.replace(year=day.year - 1))
    return {
        "price": close * factor,
        "ytd": _pct(close, year_end),
        "ytd-from-first-session": _pct(close, jan2),
        "12m": _pct(close, ago),
    }


def estimate(ticker: str, label: str, vendor: str, field: str) -> float:
    day = report_date(ticker, label).isoformat()
    with (DATA / "estimates.csv").open(newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            row = (r["ticker"], r["report_date"], r["vendor"])
            if row == (ticker, day, VENDORS[vendor]) and r[field]:
                return float(r[field]) * float(r["split_factor_since"] or 1)
    raise KeyError(f"{ticker} {label}: no {vendor} {field}")


def figure(ticker: str, label: str, key: str) -> float:
    """The true value of one key (module docstring); money in dollars, changes in percent.

    A key ending "#pq" is the same key for the previous fiscal quarter (a vendor's row for the
    quarter before, say)."""
    if key.endswith("#pq"):
        return figure(ticker, shift(label, -1), key.removesuffix("#pq"))
    if key in ("price", "ytd", "12m", "ytd-from-first-session"):
        return price_figures(ticker, report_date(ticker, label))[key]
    if key.startswith("gspc_"):
        return price_figures("GSPC", report_date(ticker, label))[key.removeprefix("gspc_")]
    if key.startswith("est:"):
        return estimate(ticker, label, key.removeprefix("est:"), "eps_estimate")
    if key.startswith("act:"):
        return estimate(ticker, label, key.removeprefix("act:"), "eps_reported")
    if key.startswith("surprise:"):
        vendor = key.removeprefix("surprise:")
        est = estimate(ticker, label, vendor, "eps_estimate")
        return _pct(estimate(ticker, label, vendor, "eps_reported"), est) * (1 if est > 0 else -1)
    metric, _, base = key.partition("@")
    this = first(ticker, label, metric).value
    if base == "":
        return this
    if base in ("ya", "ya-restated", "yoy"):
        ya = first(ticker, shift(label, -4), metric)
        own = first(ticker, label, metric)
        restate = base == "ya-restated" or (
            metric.startswith("eps") and split_between(ticker, ya.filed, own.filed) > 1
        )
        value = comparative(ticker, label, metric) if restate else ya.value
        return _pct(this, value) if base == "yoy" else value
    if base in ("pq", "qoq"):
        prev = first(ticker, shift(label, -1), metric)
        pq = prev.value
        if metric.startswith("eps"):  # on the quarter's share basis
            pq /= split_between(ticker, prev.filed, first(ticker, label, metric).filed)
        return _pct(this, pq) if base == "qoq" else pq
    raise KeyError(f"unknown figure key {key!r}")


def main() -> None:
    ticker, label = sys.argv[1], sys.argv[2]
    print(f"{ticker} {label} report {report_date(ticker, label)}")
    metrics = ("revenue", "net_income", "net_income_incl_nci", "eps_diluted")
    extra = ("operating_income", "gross_profit")
    for metric in metrics + extra:
        for base in ("", "@ya", "@ya-restated", "@yoy", "@pq", "@qoq"):
            with contextlib.suppress(KeyError):
                print(f"  {metric + base:28} {figure(ticker, label, metric + base):,.4f}")
    for key in ("price", "ytd", "ytd-from-first-session", "12m", "gspc_ytd", "gspc_12m"):
        print(f"  {key:28} {figure(ticker, label, key):,.4f}")
    for vendor in VENDORS:
        for k in ("est", "act", "surprise"):
            with contextlib.suppress(KeyError):
                print(f"  {k + ':' + vendor:28} {figure(ticker, label, k + ':' + vendor):,.4f}")


if __name__ == "__main__":
    main()
