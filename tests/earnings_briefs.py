"""Earnings briefs built by hand for the checker's tests, from real figures.

The values are those of `../shared/fundamentals/facts.csv` (SEC XBRL, each quarter as first
reported; `restated` the year-ago value as the quarter's own filing gives it), the vendor
estimates of `estimates.csv` and closes of `stocks/`, copied here so the checker's tests
need neither writer nor the shared data.  The facts are built as the contract of issue 25
says writer builds them (ids from `factcheck.ids`, whole dollars at precision 0, EPS at 2,
year-on-year changes signed at 2, absent where the year-ago value is not above zero).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache

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
from factcheck.numfmt import Unit

D = dt.date
SPX = Entity(
    key="SPX",
    yahoo="^GSPC",
    name="S&P 500",
    aliases=("Standard & Poor's 500", "the S&P", "S&P"),
    calendar="XNYS",
)
_CENTS = ("eps_diluted", "eps_basic", "eps_adjusted", "eps_estimate")


def _company(key: str, name: str, *aliases: str) -> Entity:
    return Entity(key=key, yahoo=key, name=name, aliases=aliases, calendar="XNYS")


def _money(key: str, metric: str, label: str, value: str, fid: str | None = None) -> Fact:
    return Fact(
        id=fid or ids.quarter(key, metric, label),
        entity=key,
        metric=metric,
        period=label,
        value=Decimal(value),
        unit=Unit.CURRENCY,
        precision=2 if metric in _CENTS else 0,
        label=f"{key} {metric} {label}",
    )


def _pct(fid: str, entity: str, metric: str, period: str, value: Decimal) -> Fact:
    return Fact(
        id=fid,
        entity=entity,
        metric=metric,
        period=period,
        value=value.quantize(Decimal("0.0001")),
        unit=Unit.PERCENT,
        precision=2,
        signed=True,
        label=f"{entity} {metric} {period}",
    )


def _change(now: Decimal, then: Decimal) -> Decimal:
    return (now - then) / abs(then) * 100


def _brief(
    company: Entity,
    quarters: tuple[FiscalQuarter, FiscalQuarter, FiscalQuarter],
    values: dict[str, tuple[str, str, str]],
    filing: Filing,
    report: Report,
    *,
    restated: dict[str, str] | None = None,
    estimate: tuple[str, str] | None = None,
    closes: dict[str, tuple[tuple[dt.date, str], ...]] | None = None,
) -> EarningsBrief:
    """`values`: metric -> (quarter, year-ago, previous) as first reported; `restated`:
    metric -> the year-ago value as the quarter's filing restates it; `estimate`: (the
    estimate, the adjusted actual); `closes`: entity -> (price date, year end, a year
    before[, the year's first session]) closes."""
    key = company.key
    now, ago, prev = quarters
    facts: list[Fact] = []
    for metric, (v_now, v_ago, v_prev) in values.items():
        facts += [
            _money(key, metric, q.label, v) for q, v in ((now, v_now), (ago, v_ago), (prev, v_prev))
        ]
        base = Decimal(v_ago)
        if restated and metric in restated:
            base = Decimal(restated[metric])
            facts.append(
                _money(
                    key, metric, ago.label, restated[metric], ids.restated(key, metric, ago.label)
                )
            )
        if base > 0:
            facts.append(
                _pct(
                    ids.year_on_year(key, metric, now.label),
                    key,
                    f"{metric}_yoy_pct",
                    now.label,
                    _change(Decimal(v_now), base),
                )
            )
    if estimate is not None:
        est, actual = estimate
        facts.append(_money(key, "eps_estimate", now.label, est))
        facts.append(_money(key, "eps_adjusted", now.label, actual))
        facts.append(
            _pct(
                ids.quarter(key, "eps_surprise_pct", now.label),
                key,
                "eps_surprise_pct",
                now.label,
                _change(Decimal(actual), Decimal(est)),
            )
        )
    for entity, rows in (closes or {}).items():
        unit = Unit.POINTS if entity == "SPX" else Unit.CURRENCY
        for day, close in rows:
            facts.append(
                Fact(
                    id=ids.session(entity, "close", day),
                    entity=entity,
                    metric="close",
                    period=day.isoformat(),
                    value=Decimal(close),
                    unit=unit,
                    precision=2,
                    on=day,
                    label=f"{entity} close {day}",
                )
            )
        (_, last), (_, year_end), (_, year_before), *_ = rows  # then the year's first session
        for span, then in (("ytd", year_end), ("12m", year_before)):
            facts.append(
                _pct(
                    ids.period(entity, span, "change_pct"),
                    entity,
                    "change_pct",
                    span,
                    _change(Decimal(last), Decimal(then)),
                )
            )
    return EarningsBrief(
        subject=company,
        peers=(SPX,),
        facts=tuple(facts),
        provenance=Provenance(
            source="tests/earnings_briefs.py (figures of ../shared/fundamentals)",
            fetched_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            data_start=ago.start,
            data_end=report.date,
            library_versions={},
        ),
        quarter=now,
        year_ago=ago,
        previous=prev,
        filing=filing,
        report=report,
        estimate=None
        if estimate is None
        else Estimate(vendor="Yahoo Finance (yfinance earnings history)", as_of="2026-01-29"),
    )


def _q(year: int, q: int, start: dt.date, end: dt.date) -> FiscalQuarter:
    return FiscalQuarter(fiscal_year=year, quarter=q, start=start, end=end)


@cache
def aapl_fy2024_q3(with_estimate: bool = True) -> EarningsBrief:
    """Apple's fiscal third quarter of 2024 (the June quarter), reported Aug 1, 2024."""
    return _brief(
        _company("AAPL", "Apple", "Apple Inc.", "Apple Inc", "AAPL"),
        (
            _q(2024, 3, D(2024, 3, 31), D(2024, 6, 29)),
            _q(2023, 3, D(2023, 4, 2), D(2023, 7, 1)),
            _q(2024, 2, D(2023, 12, 31), D(2024, 3, 30)),
        ),
        {
            "revenue": ("85777000000", "81797000000", "90753000000"),
            "net_income": ("21448000000", "19881000000", "23636000000"),
            "eps_diluted": ("1.40", "1.26", "1.53"),
            "eps_basic": ("1.40", "1.27", "1.53"),
            "operating_income": ("25352000000", "22998000000", "27900000000"),
            "gross_profit": ("39678000000", "36413000000", "42271000000"),
        },
        Filing(form="10-Q", accession="0000320193-24-000081", filed=D(2024, 8, 2)),
        Report(date=D(2024, 8, 1), timing="amc", price_date=D(2024, 8, 1)),
        estimate=("1.34", "1.40") if with_estimate else None,
        closes={
            "AAPL": (
                (D(2024, 8, 1), "216.48"),
                (D(2023, 12, 29), "190.38"),
                (D(2023, 8, 1), "192.91"),
                (D(2024, 1, 2), "183.56"),
            ),
            "SPX": (
                (D(2024, 8, 1), "5446.68"),
                (D(2023, 12, 29), "4769.83"),
                (D(2023, 8, 1), "4576.73"),
            ),
        },
    )


@cache
def snow_fy2024_q3() -> EarningsBrief:
    """Snowflake's fiscal third quarter of 2024 (ended Oct 31, 2023): a loss, and net loss
    including noncontrolling interests beside the one attributable to the company."""
    return _brief(
        _company("SNOW", "Snowflake", "Snowflake Inc.", "SNOW"),
        (
            _q(2024, 3, D(2023, 8, 1), D(2023, 10, 31)),
            _q(2023, 3, D(2022, 8, 1), D(2022, 10, 31)),
            _q(2024, 2, D(2023, 5, 1), D(2023, 7, 31)),
        ),
        {
            "revenue": ("734173000", "557028000", "674018000"),
            "net_income": ("-214251000", "-200936000", "-226867000"),
            "net_income_incl_nci": ("-214694000", "-201442000", "-227320000"),
            "eps_diluted": ("-0.65", "-0.63", "-0.69"),
            "eps_basic": ("-0.65", "-0.63", "-0.69"),
            "operating_income": ("-260623000", "-206019000", "-285407000"),
            "gross_profit": ("505225000", "366307000", "455626000"),
        },
        Filing(form="10-Q", accession="0001640147-23-000260", filed=D(2023, 12, 1)),
        Report(date=D(2023, 11, 29), timing="amc", price_date=D(2023, 11, 29)),
    )


@cache
def nvda_fy2026_q2() -> EarningsBrief:
    """Nvidia's fiscal second quarter of 2026 (ended Jul 27, 2025: the July quarter)."""
    return _brief(
        _company("NVDA", "Nvidia", "Nvidia Corp.", "NVIDIA", "NVDA"),
        (
            _q(2026, 2, D(2025, 4, 28), D(2025, 7, 27)),
            _q(2025, 2, D(2024, 4, 29), D(2024, 7, 28)),
            _q(2026, 1, D(2025, 1, 27), D(2025, 4, 27)),
        ),
        {
            "revenue": ("46743000000", "30040000000", "44062000000"),
            "net_income": ("26422000000", "16599000000", "18775000000"),
            "eps_diluted": ("1.08", "0.67", "0.76"),
            "eps_basic": ("1.08", "0.68", "0.77"),
            "operating_income": ("28440000000", "18642000000", "21638000000"),
            "gross_profit": ("33853000000", "22574000000", "26668000000"),
        },
        Filing(form="10-Q", accession="0001045810-25-000209", filed=D(2025, 8, 27)),
        Report(date=D(2025, 8, 27), timing="amc", price_date=D(2025, 8, 27)),
        estimate=("1.01", "1.05"),
    )


@cache
def nvda_fy2025_q2() -> EarningsBrief:
    """Nvidia's fiscal second quarter of 2025: the year-ago EPS ($2.48 as first reported)
    restated for the 10:1 split of June 2024 ($0.25) in the quarter's own filing."""
    return _brief(
        _company("NVDA", "Nvidia", "Nvidia Corp.", "NVIDIA", "NVDA"),
        (
            _q(2025, 2, D(2024, 4, 29), D(2024, 7, 28)),
            _q(2024, 2, D(2023, 5, 1), D(2023, 7, 30)),
            _q(2025, 1, D(2024, 1, 29), D(2024, 4, 28)),
        ),
        {
            "revenue": ("30040000000", "13507000000", "26044000000"),
            "net_income": ("16599000000", "6188000000", "14881000000"),
            "eps_diluted": ("0.67", "2.48", "5.98"),
            "eps_basic": ("0.68", "2.50", "6.04"),
        },
        Filing(form="10-Q", accession="0001045810-24-000264", filed=D(2024, 8, 28)),
        Report(date=D(2024, 8, 28), timing="amc", price_date=D(2024, 8, 28)),
        restated={"eps_diluted": "0.25", "eps_basic": "0.25"},
        estimate=("0.64", "0.68"),
    )


@cache
def googl_fy2019_q2() -> EarningsBrief:
    """Alphabet's second quarter of 2019: the year-ago operating income ($2.807 billion as
    first reported) restated in the quarter's own filing ($3.045 billion)."""
    return _brief(
        _company("GOOGL", "Alphabet", "Alphabet Inc.", "Google", "GOOGL"),
        (
            _q(2019, 2, D(2019, 4, 1), D(2019, 6, 30)),
            _q(2018, 2, D(2018, 4, 1), D(2018, 6, 30)),
            _q(2019, 1, D(2019, 1, 1), D(2019, 3, 31)),
        ),
        {
            "revenue": ("38944000000", "32657000000", "36339000000"),
            "operating_income": ("9180000000", "2807000000", "6608000000"),
        },
        Filing(form="10-Q", accession="0001652044-19-000023", filed=D(2019, 7, 26)),
        Report(date=D(2019, 7, 25), timing="amc", price_date=D(2019, 7, 25)),
        restated={"operating_income": "3045000000"},
    )


BY_NAME = {
    "AAPL-FY2024-Q3": lambda: aapl_fy2024_q3(),
    "AAPL-FY2024-Q3-no-estimate": lambda: aapl_fy2024_q3(with_estimate=False),
    "SNOW-FY2024-Q3": snow_fy2024_q3,
    "NVDA-FY2026-Q2": nvda_fy2026_q2,
    "NVDA-FY2025-Q2": nvda_fy2025_q2,
    "GOOGL-FY2019-Q2": googl_fy2019_q2,
}
