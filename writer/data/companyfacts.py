"""A company's filed XBRL facts -> `ReportedValue`s, exactly as `facts.csv` has them.

Why its own module, pure of any network and of edgartools: the rules that turn the SEC's
company-facts into an earnings snapshot's figures are the ones `../shared/fundamentals`
was built with (its SOURCES.md), and a test holds the live source to that snapshot row for
row; keeping them apart from the fetching lets that test, and any other source of the same
facts, run them directly.

The rules:
- Metrics come from fixed us-gaap concepts (`CONCEPTS`).  Revenue is the company's *total*:
  `Revenues`, `RevenueFromContractWithCustomerExcludingAssessedTax`, `SalesRevenueNet`, the
  first a filing tags for a period; a segment line (`SalesRevenueGoodsNet`, which is
  Tesla's automotive revenue) is never revenue.
- Only durations filed in a 10-Q, 10-K or 10-K/A; one value per (metric, period, filing).
- A period is a quarter (80-100 days), nine months to Q3 (260-285, kept only for the
  metrics that feed a derived Q4) or a fiscal year (350-380); anything else (six months)
  is dropped.
- Fiscal labels come from the period's own dates and the company's fiscal year end, never
  from companyfacts' `fy`/`fp` (those describe the filing: a 10-K labels all three years it
  holds `fy=<filing year>`).  The fiscal year end is learnt from the company's own annual
  periods; past the last one it repeats on the same month and day.  A fiscal year is named
  by the calendar year it ends in.
- A Q4 never filed as three months is derived as FY - 9M (the first 10-K's year less the
  earliest 10-Q's nine months), marked in `derived`; EPS is never derived (per-share
  figures do not subtract).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from writer.data.fundamentals import ReportedValue

#: metric -> the us-gaap concepts that give it, first preferred.
CONCEPTS: Final[dict[str, tuple[str, ...]]] = {
    "revenue": (
        "Revenues",
        "RevenueFromContractWithCustomerExcludingAssessedTax",
        "SalesRevenueNet",
    ),
    "net_income": ("NetIncomeLoss",),
    "net_income_incl_nci": ("ProfitLoss",),
    "eps_diluted": ("EarningsPerShareDiluted",),
    "eps_basic": ("EarningsPerShareBasic",),
    "operating_income": ("OperatingIncomeLoss",),
    "gross_profit": ("GrossProfit",),
}
#: Per-share metrics: never derived, and never kept for nine months.
PER_SHARE: Final = frozenset({"eps_diluted", "eps_basic"})
FORMS: Final = frozenset({"10-Q", "10-K", "10-K/A"})

_QUARTER_DAYS: Final = range(80, 101)
_NINE_MONTH_DAYS: Final = range(260, 286)
_YEAR_DAYS: Final = range(350, 381)
#: A 52/53-week year ends up to a week either side of its nominal month and day.
_YEAR_END_SLACK: Final = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class FiledFact:
    """One duration value of one us-gaap concept as one filing gives it (companyfacts'
    `start`, `end`, `val`, `accn`, `form`, `filed`)."""

    concept: str  # without the "us-gaap:" prefix
    start: dt.date
    end: dt.date
    value: Decimal
    form: str
    accession: str
    filed: dt.date


@dataclass(frozen=True, slots=True)
class Company:
    ticker: str
    name: str
    cik: int


def _days(fact: FiledFact) -> int:
    return (fact.end - fact.start).days + 1


def metric_of(concept: str) -> str | None:
    for metric, concepts in CONCEPTS.items():
        if concept in concepts:
            return metric
    return None


def _chosen(facts: Iterable[FiledFact]) -> dict[tuple[str, dt.date, dt.date, str], FiledFact]:
    """One fact per (metric, start, end, accession): the first concept in `CONCEPTS`' order
    that the filing tags for the period."""
    out: dict[tuple[str, dt.date, dt.date, str], FiledFact] = {}
    rank: dict[tuple[str, dt.date, dt.date, str], int] = {}
    for fact in facts:
        metric = metric_of(fact.concept)
        if metric is None or fact.form not in FORMS or fact.end <= fact.start:
            continue
        key = (metric, fact.start, fact.end, fact.accession)
        order = CONCEPTS[metric].index(fact.concept)
        if key not in out or order < rank[key]:
            out[key], rank[key] = fact, order
    return out


class FiscalCalendar:
    """The company's fiscal years, learnt from the annual periods it filed."""

    def __init__(self, year_ends: Iterable[tuple[dt.date, dt.date]]) -> None:
        self.years = sorted(set(year_ends), key=lambda span: span[1])

    def year_end(self, day: dt.date) -> dt.date | None:
        """The end of the fiscal year containing `day`: a filed annual period's when one
        holds it, else the nearest one's month and day moved to the right year."""
        for start, end in self.years:
            if start <= day <= end:
                return end
        if not self.years:
            return None
        anchor = min(self.years, key=lambda span: abs((span[1] - day).days))[1]
        year = day.year - 1
        while True:
            nominal = _same_day(anchor, year)
            if day <= nominal + _YEAR_END_SLACK:
                return nominal
            year += 1

    def label(self, fact: FiledFact) -> tuple[int, str] | None:
        """(fiscal year, "Q1".."Q4" / "9M" / "FY") from the period's own dates; None for a
        length the snapshot does not report."""
        end = self.year_end(fact.end)
        if end is None:
            return None
        days = _days(fact)
        if days in _YEAR_DAYS:
            return end.year, "FY"
        if days in _NINE_MONTH_DAYS:
            return end.year, "9M"
        if days in _QUARTER_DAYS:
            quarters_left = round((end - fact.end).days / 91.3)
            if 0 <= quarters_left <= 3:
                return end.year, f"Q{4 - quarters_left}"
        return None


def _same_day(anchor: dt.date, year: int) -> dt.date:
    try:
        return anchor.replace(year=year)
    except ValueError:  # 29 February
        return anchor.replace(year=year, day=28)


def reported_values(company: Company, facts: Iterable[FiledFact]) -> list[ReportedValue]:
    """Every value of every filing as `facts.csv` rows are, derived Q4s included, ordered by
    metric, period end and filing date."""
    chosen = _chosen(facts)
    calendar = FiscalCalendar((f.start, f.end) for f in chosen.values() if _days(f) in _YEAR_DAYS)
    rows: list[ReportedValue] = []
    for (metric, *_), fact in chosen.items():
        label = calendar.label(fact)
        if label is None or (label[1] == "9M" and metric in PER_SHARE):
            continue
        rows.append(_value(company, metric, fact, *label))
    rows.extend(_derived_q4s(company, rows))
    rows.sort(key=lambda r: (r.metric, r.end, r.start, r.filed, r.accession))
    return rows


def _value(company: Company, metric: str, fact: FiledFact, year: int, period: str) -> ReportedValue:
    return ReportedValue(
        ticker=company.ticker,
        company=company.name,
        cik=company.cik,
        fiscal_year=year,
        fiscal_period=period,
        start=fact.start,
        end=fact.end,
        metric=metric,
        value=fact.value,
        form=fact.form,
        accession=fact.accession,
        filed=fact.filed,
    )


def _first(rows: Sequence[ReportedValue]) -> ReportedValue | None:
    return min(rows, key=lambda r: (r.filed, r.accession)) if rows else None


def _derived_q4s(company: Company, rows: Sequence[ReportedValue]) -> list[ReportedValue]:
    """FY - 9M for every (metric, fiscal year) with both and no three-month Q4 ever filed."""
    by_key: dict[tuple[str, int, str], list[ReportedValue]] = {}
    for row in rows:
        by_key.setdefault((row.metric, row.fiscal_year, row.fiscal_period), []).append(row)
    out: list[ReportedValue] = []
    for metric, year in sorted({(m, y) for m, y, _ in by_key}):
        if metric in PER_SHARE or (metric, year, "Q4") in by_key:
            continue
        annual = _first(by_key.get((metric, year, "FY"), []))
        nine = _first(by_key.get((metric, year, "9M"), []))
        if annual is None or nine is None or nine.start != annual.start:
            continue
        out.append(
            ReportedValue(
                ticker=company.ticker,
                company=company.name,
                cik=company.cik,
                fiscal_year=year,
                fiscal_period="Q4",
                start=nine.end + dt.timedelta(days=1),
                end=annual.end,
                metric=metric,
                value=annual.value - nine.value,
                form=annual.form,
                accession=annual.accession,
                filed=annual.filed,
                derived=(
                    f"FY-9M: {_plain(annual.value)} ({annual.accession}) - "
                    f"{_plain(nine.value)} ({nine.accession})"
                ),
            )
        )
    return out


def _plain(value: Decimal) -> str:
    """A value as the filing's JSON number reads (`264748000`, not `2.64748E+8`)."""
    return f"{value:f}"
