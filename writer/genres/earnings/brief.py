"""The earnings snapshot's brief: one company's quarter as first reported, the year-ago and
previous quarters, the year-on-year changes, the share's move and the optional estimate.

Pure apart from the two sources it is handed (`FundamentalsSource` for results,
`PriceSource`s for closes).  Three choices a published story gets wrong, made once here:
- **As first reported.** A quarter's figure is the one its own filing gave (the earliest
  filing); a later filing's value (a split, a correction) is a separate `restated` fact, so a
  story quoting either is checked against the right one and told which it quoted.
- **One basis for a change.** The year-on-year change compares the quarter with the year-ago
  value *as the quarter's own filing restates it* (NVDA's EPS after its 10:1 split), never a
  pre-split first report with a post-split figure.
- **Only figures known to the cent.** A vendor's estimate restated through a split loses its
  cents (0.05 x 40 is "$2.00" for a $1.84 estimate), so an estimate block is built only from
  rows on the report-time share basis; without one, beat/miss words have nothing to stand on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Literal

from factcheck import ids
from factcheck.brief import (
    EarningsBrief,
    Entity,
    Estimate,
    Fact,
    Filing,
    FiscalQuarter,
    Provenance,
    Report,
)
from factcheck.numfmt import Unit, format_value
from writer.data.fundamentals import EstimateRow, FundamentalsSource, ReportedValue
from writer.data.splits import factor_between
from writer.errors import BadInput, DataUnavailable, SymbolNotFound
from writer.symbols import resolve
from writer.versions import library_versions

if TYPE_CHECKING:
    from writer.data import PriceSource

Timing = Literal["bmo", "amc"] | None

#: The metrics of a snapshot, in the order a reader meets them, with how a label names them.
METRIC_NAMES: Final = {
    "revenue": "revenue",
    "net_income": "net income attributable to the company",
    "net_income_incl_nci": "net income including noncontrolling interests",
    "eps_diluted": "GAAP diluted EPS",
    "eps_basic": "GAAP basic EPS",
    "operating_income": "operating income",
    "gross_profit": "gross profit",
}
PER_SHARE: Final = frozenset({"eps_diluted", "eps_basic", "eps_estimate", "eps_adjusted"})
#: A report date is within this many days of the quarter's end (SOURCES.md, coverage.csv).
REPORT_WINDOW_DAYS: Final = 75
_SUFFIXES: Final = (", Inc.", " Inc.", " Inc", ", Inc", " Corporation", " Corp.", " Corp")


def parse_quarter(text: str, where: str = "--quarter") -> tuple[int, int]:
    """`FY2024-Q3` (also `fy2024q3`, `2024-Q3`) -> (2024, 3); anything else is bad input,
    named by `where` it was given (the option, or a front matter field)."""
    raw = text.strip().upper().replace(" ", "")
    body = raw[2:] if raw.startswith("FY") else raw
    year, _, q = body.partition("-Q") if "-Q" in body else body.partition("Q")
    if not (year.isdigit() and len(year) == 4 and q in ("1", "2", "3", "4")):
        raise BadInput(f"{where} {text!r} is not a fiscal quarter; write it as FY2024-Q3")
    return int(year), int(q)


def short_name(company: str) -> str:
    """ "Apple Inc." -> "Apple", "NVIDIA Corporation" -> "NVIDIA", "Tesla, Inc." -> "Tesla":
    the name a story uses, as the company spells it."""
    name = company.strip()
    for suffix in _SUFFIXES:
        if name.lower().endswith(suffix.lower()):  # the SEC's lists write "NVIDIA CORP"
            return name[: -len(suffix)].rstrip(", ")
    return name


def company_entity(ticker: str, company: str) -> Entity:
    name = short_name(company)
    aliases = tuple(dict.fromkeys(a for a in (company, company.rstrip("."), ticker) if a != name))
    return Entity(key=ticker, yahoo=ticker, name=name, aliases=aliases, calendar="XNYS")


def _quarter_of(rows: Iterable[ReportedValue], year: int, q: int) -> FiscalQuarter | None:
    for row in rows:
        if row.fiscal_year == year and row.fiscal_period == f"Q{q}":
            return FiscalQuarter(fiscal_year=year, quarter=q, start=row.start, end=row.end)
    return None


def _previous(year: int, q: int) -> tuple[int, int]:
    return (year, q - 1) if q > 1 else (year - 1, 4)


class _Reported:
    """A company's values grouped by (fiscal label, metric), each group oldest filing first."""

    def __init__(self, rows: Sequence[ReportedValue]) -> None:
        self.rows = rows
        self.by: dict[tuple[str, str], list[ReportedValue]] = {}
        for row in sorted(rows, key=lambda r: (r.filed, r.accession)):
            self.by.setdefault((row.label, row.metric), []).append(row)

    def first(self, label: str, metric: str) -> ReportedValue | None:
        found = self.by.get((label, metric))
        return found[0] if found else None

    def in_filing(self, label: str, metric: str, accession: str) -> ReportedValue | None:
        return next((r for r in self.by.get((label, metric), ()) if r.accession == accession), None)


def _money(entity: str, metric: str, label: str, value: Decimal, what: str, fact_id: str) -> Fact:
    places = 2 if metric in PER_SHARE else 0
    return Fact(
        id=fact_id,
        display=format_value(value, Unit.CURRENCY, places),
        entity=entity,
        metric=metric,
        period=label,
        value=value,
        unit=Unit.CURRENCY,
        precision=places,
        label=what,
    )


def _pct(entity: str, metric: str, period: str, value: Decimal, what: str, fact_id: str) -> Fact:
    return Fact(
        id=fact_id,
        display=format_value(value, Unit.PERCENT, 2, signed=True),
        entity=entity,
        metric=metric,
        period=period,
        value=value,
        unit=Unit.PERCENT,
        precision=2,
        signed=True,
        label=what,
    )


def _filed_how(row: ReportedValue) -> str:
    if row.derived:
        return f"derived as full year less nine months ({row.form} filed {row.filed})"
    return f"as first reported in the {row.form} filed {row.filed}"


def _quarter_facts(
    ticker: str, reported: _Reported, quarter: FiscalQuarter, role: str
) -> list[Fact]:
    out = []
    for metric, name in METRIC_NAMES.items():
        row = reported.first(quarter.label, metric)
        if row is None:
            continue
        what = f"{name}, {role} {quarter.label} (ended {quarter.end:%b %d, %Y}), {_filed_how(row)}"
        fid = ids.quarter(ticker, metric, quarter.label)
        out.append(_money(ticker, metric, quarter.label, row.value, what, fid))
    return out


def _changes(
    ticker: str, reported: _Reported, quarter: FiscalQuarter, year_ago: FiscalQuarter, filing: str
) -> list[Fact]:
    """The restated year-ago figures and the year-on-year changes on the quarter's basis."""
    out = []
    for metric, name in METRIC_NAMES.items():
        now = reported.first(quarter.label, metric)
        first = reported.first(year_ago.label, metric)
        if now is None or first is None:
            continue
        base = first.value
        again = reported.in_filing(year_ago.label, metric, filing)
        split = factor_between(ticker, first.filed, now.filed) if metric in PER_SHARE else 1
        how = None
        if again is not None and again.value != first.value:
            base, how = again.value, f"as restated in the {again.form} filed {again.filed}"
        elif again is None and split != 1:
            # the quarter's filing gives no year-ago per-share figure: put the first report on
            # today's share count, or the change would compare shares before and after a split
            base, how = first.value / split, f"on the share count after the {split}:1 split(s)"
        if how is not None:
            out.append(
                _money(
                    ticker,
                    metric,
                    year_ago.label,
                    base,
                    f"{name}, {year_ago.label} {how} (first reported {first.value})",
                    ids.restated(ticker, metric, year_ago.label),
                )
            )
        if base <= 0:
            continue  # from a loss (or nothing) there is no percent change
        change = (now.value / base - 1) * 100
        out.append(
            _pct(
                ticker,
                f"{metric}_yoy",
                quarter.label,
                change,
                f"{name}: {quarter.label} against {year_ago.label} ({now.value} vs {base})",
                ids.year_on_year(ticker, metric, quarter.label),
            )
        )
    return out


def report_of(
    rows: Sequence[EstimateRow], quarter: FiscalQuarter, filed: dt.date
) -> tuple[dt.date, Timing, Literal["vendor", "filing"]]:
    """The day the quarter was reported and its timing: the first vendor or calendar date
    within `REPORT_WINDOW_DAYS` of its end, else the filing date (the SEC's data has no
    release date; a 10-Q is filed on or after the release)."""
    window = [
        r
        for r in rows
        if quarter.end < r.report_date <= quarter.end + dt.timedelta(days=REPORT_WINDOW_DAYS)
    ]
    if not window:
        return filed, None, "filing"
    day = min(r.report_date for r in window)
    timings = {r.timing for r in window if r.report_date == day and r.timing}
    timing = timings.pop() if len(timings) == 1 else None
    return day, ("bmo" if timing == "bmo" else "amc" if timing == "amc" else None), "vendor"


def estimate_of(
    rows: Sequence[EstimateRow], day: dt.date
) -> tuple[Estimate, Decimal, Decimal] | None:
    """(where from, estimate, adjusted actual) on the report-time share basis, or None."""
    usable = [
        r
        for r in rows
        if r.report_date == day
        and r.split_factor == 1
        and r.eps_estimate is not None
        and r.eps_reported is not None
    ]
    if not usable:
        return None
    best = max(usable, key=lambda r: (r.as_of, r.vendor))
    assert best.eps_estimate is not None and best.eps_reported is not None
    source = Estimate(vendor=best.vendor, as_of=best.as_of, split_factor=best.split_factor)
    return source, best.eps_estimate, best.eps_reported


class Closes:
    """One symbol's closes from one price source, split-adjusted as of its last session."""

    def __init__(self, closes: Sequence[tuple[dt.date, Decimal]], basis: dt.date) -> None:
        self.closes = list(closes)
        #: the day the source's split adjustment is as of (its last session)
        self.basis = basis

    def on_or_before(self, day: dt.date) -> tuple[dt.date, Decimal] | None:
        found = None
        for when, close in self.closes:
            if when > day:
                break
            found = (when, close)
        return found

    def first_after(self, day: dt.date) -> tuple[dt.date, Decimal] | None:
        for when, close in self.closes:
            if when > day:
                return (when, close)
        return None

    def covers(self, first: dt.date, last: dt.date) -> bool:
        return bool(self.closes) and self.closes[0][0] <= first and self.closes[-1][0] >= last


def closes_from(source: PriceSource, symbol: str, start: dt.date, end: dt.date) -> Closes | None:
    try:
        bars = source.history([symbol], start, end)[symbol]
    except SymbolNotFound:
        return None
    last = getattr(source, "last_date", None)
    basis = (last(symbol) if callable(last) else None) or dt.date.today()
    return Closes(
        [
            (dt.date.fromisoformat(str(ts)[:10]), Decimal(repr(float(c))))
            for ts, c in bars["close"].items()
            if c == c
        ],
        basis,
    )


def _price_facts(
    entity: Entity, closes: Closes, price_date: dt.date, unit: Unit, printed: bool
) -> tuple[list[Fact], dt.date]:
    """The close on the price date, the closes it is compared with, and the YTD and 12-month
    changes.  `printed`: restate closes to the share count of their own day (a stock)."""
    key = entity.key
    here = closes.on_or_before(price_date)
    year_end = closes.on_or_before(dt.date(price_date.year - 1, 12, 31))
    year_ago = closes.on_or_before(_year_before(price_date))
    if here is None or year_end is None or year_ago is None:
        raise DataUnavailable(f"no closes of {entity.name} around {price_date}")
    basis = closes.basis
    out: list[Fact] = []
    # the year's first session too: a year-to-date move measured from it (not from the year
    # before's last close) is the most common wrong base, and the checker names it
    first = closes.first_after(year_end[0])
    opening = (first,) if first is not None and first[0] <= here[0] else ()
    for day, close in (here, year_end, year_ago, *opening):
        shown = close * factor_between(key, day, basis) if printed else close
        what = f"{entity.name} close on {day:%b %d, %Y}"
        fid = ids.session(key, "close", day)
        if any(f.id == fid for f in out):
            continue
        out.append(
            Fact(
                id=fid,
                display=format_value(shown, unit, 2),
                entity=key,
                metric="close",
                period=day.isoformat(),
                value=shown,
                unit=unit,
                precision=2,
                on=day,
                label=what,
            )
        )
    for period, (day, base) in (("ytd", year_end), ("12m", year_ago)):
        change = (here[1] / base - 1) * 100  # one basis: splits and adjustments cancel
        since = "since the start of the year" if period == "ytd" else "over 12 months"
        out.append(
            _pct(
                key,
                "change_pct",
                period,
                change,
                f"{entity.name} change {since}: {here[0]} close against the {day} close",
                ids.period(key, period, "change_pct"),
            )
        )
    return out, here[0]


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # Feb 29
        return day.replace(year=day.year - 1, day=28)


def _price_date(report: dt.date, timing: Timing) -> dt.date:
    """The last close before publication: the report day's, unless it came before the open."""
    return report - dt.timedelta(days=1) if timing == "bmo" else report


def _closes(prices: Sequence[PriceSource], symbol: str, first: dt.date, last: dt.date) -> Closes:
    """The first source whose closes cover `first`..`last` (a raw file before an adjusted
    one, so a printed price is the one printed at the time)."""
    for source in prices:
        got = closes_from(source, symbol, first - dt.timedelta(days=10), last)
        if got is not None and got.covers(first, last):
            return got
    raise DataUnavailable(
        f"no prices for {symbol} from {first} to {last} in "
        f"{', '.join(s.name for s in prices)}; pass a data folder that has them"
    )


def build_brief(
    ticker: str,
    quarter: str,
    source: FundamentalsSource,
    prices: Sequence[PriceSource],
    now: dt.datetime | None = None,
    *,
    report_date: dt.date | None = None,
) -> EarningsBrief:
    """The brief of `ticker`'s fiscal `quarter` ("FY2024-Q3"): every figure a snapshot may
    cite.  `prices` are tried in order for each symbol; `report_date` overrides the date
    found in the estimates (a quarter no vendor dated)."""
    year, q = parse_quarter(quarter)
    ticker = ticker.upper()
    rows = source.reported(ticker)
    reported = _Reported(rows)
    this = _quarter_of(rows, year, q)
    if this is None:
        have = sorted({r.label for r in rows if r.fiscal_period.startswith("Q")})
        raise BadInput(
            f"{ticker} has no results for FY{year}-Q{q} in {source.name} (it has "
            f"{have[0]} .. {have[-1]}); pass one of those"
            if have
            else f"{ticker} has no quarterly results in {source.name}"
        )
    year_ago = _quarter_of(rows, year - 1, q)
    if year_ago is None:
        raise BadInput(
            f"{ticker} FY{year}-Q{q} has no year-ago quarter in {source.name}, which a "
            "snapshot compares with; pick a later quarter"
        )
    previous = _quarter_of(rows, *_previous(year, q))
    headline = reported.first(this.label, "net_income") or reported.first(this.label, "revenue")
    if headline is None:
        raise BadInput(f"{ticker} {this.label} has neither revenue nor net income reported")
    company = headline.company
    subject = company_entity(ticker, company)
    sp500 = resolve("SPX")
    vendors = source.estimates(ticker)
    dated_by: Literal["vendor", "filing", "user"]
    day, timing, dated_by = report_of(vendors, this, headline.filed)
    if report_date is not None:
        day, timing, dated_by = report_date, None, "user"
    if day < this.end:
        raise BadInput(f"{ticker} {this.label} ended {this.end}: it cannot be reported on {day}")
    price_date = _price_date(day, timing)
    facts = [
        *_quarter_facts(ticker, reported, this, "the quarter"),
        *_quarter_facts(ticker, reported, year_ago, "the year-ago quarter"),
        *(_quarter_facts(ticker, reported, previous, "the previous quarter") if previous else ()),
        *_changes(ticker, reported, this, year_ago, headline.accession),
    ]
    span = (_year_before(price_date), price_date)
    stock, stock_day = _price_facts(
        subject, _closes(prices, ticker, *span), price_date, Unit.CURRENCY, True
    )
    index, _ = _price_facts(
        sp500, _closes(prices, sp500.yahoo, *span), stock_day, Unit.POINTS, False
    )
    facts += [*stock, *index]
    estimate = estimate_of(vendors, day)
    if estimate is not None:
        where, expected, actual = estimate
        label = this.label
        vendor = f"vendor data: {where.vendor}, saved {where.as_of}"
        facts += [
            _money(
                ticker,
                "eps_estimate",
                label,
                expected,
                f"EPS estimate ({vendor})",
                ids.quarter(ticker, "eps_estimate", label),
            ),
            _money(
                ticker,
                "eps_adjusted",
                label,
                actual,
                f"adjusted EPS ({vendor})",
                ids.quarter(ticker, "eps_adjusted", label),
            ),
        ]
        if expected != 0:
            facts.append(
                _pct(
                    ticker,
                    "eps_surprise_pct",
                    label,
                    (actual - expected) / abs(expected) * 100,
                    f"the earnings surprise: adjusted EPS against the estimate ({vendor})",
                    ids.quarter(ticker, "eps_surprise_pct", label),
                )
            )
    return EarningsBrief(
        subject=subject,
        peers=(sp500,),
        facts=tuple(facts),
        quarter=this,
        year_ago=year_ago,
        previous=previous,
        filing=Filing(form=headline.form, accession=headline.accession, filed=headline.filed),
        report=Report(date=day, timing=timing, price_date=stock_day, dated_by=dated_by),
        estimate=None if estimate is None else estimate[0],
        provenance=Provenance(
            source=f"{source.name}; prices {', '.join(p.name for p in prices)}",
            fetched_at=now or dt.datetime.now(dt.UTC),
            data_start=min(r.start for r in rows),
            data_end=max(r.end for r in rows),
            library_versions=library_versions(),
            notes=_notes(this, headline, timing, dated_by, estimate is None),
        ),
    )


def _notes(
    quarter: FiscalQuarter, headline: ReportedValue, timing: Timing, dated_by: str, no_est: bool
) -> tuple[str, ...]:
    out = []
    if dated_by == "user":
        out.append(f"report date given by the user for {quarter.label}")
    elif dated_by == "filing":
        out.append(f"no report date on record: the {headline.form} filing date stands for it")
    if timing is None:
        out.append("report timing unknown: the price is the report day's close")
    if headline.derived:
        out.append(f"{quarter.label} is derived as the full year less nine months")
    if no_est:
        out.append("no estimate on the report-time share basis: no beat/miss figures")
    return tuple(out)
