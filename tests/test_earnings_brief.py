"""The earnings brief from the real fundamentals snapshot (../shared/fundamentals): every
complete quarter builds, figures are as first reported, restatements and splits are their own
facts, the share price is the one printed at the time, estimates only on the report-time
share basis, and bad input says what to do."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from factcheck import ids
from factcheck.brief import EarningsBrief
from factcheck.numfmt import format_money, format_per_share
from writer.data.fundamentals import SnapshotFundamentals
from writer.data.snapshot import SnapshotSource
from writer.errors import BadData, BadInput, DataUnavailable, SymbolNotFound
from writer.genres.earnings.brief import build_brief, parse_quarter, short_name
from writer.genres.earnings.offline import draft_offline, file_stem, placing, title

FUNDAMENTALS = Path(__file__).resolve().parents[2] / "shared" / "fundamentals"
needs_data = pytest.mark.skipif(
    not (FUNDAMENTALS / "facts.csv").is_file(), reason="../shared/fundamentals not present"
)


def _brief(ticker: str, quarter: str, **kw: object) -> EarningsBrief:
    prices = [
        SnapshotSource(FUNDAMENTALS / "stocks" / "raw"),
        SnapshotSource(FUNDAMENTALS / "stocks"),
    ]
    return build_brief(
        ticker,
        quarter,
        SnapshotFundamentals(FUNDAMENTALS),
        prices,
        **kw,  # type: ignore[arg-type]
    )


def _value(brief: EarningsBrief, fact_id: str) -> Decimal:
    fact = brief.get(fact_id)
    assert fact is not None, fact_id
    return fact.value


def complete_quarters() -> list[tuple[str, str, str]]:
    if not (FUNDAMENTALS / "coverage.csv").is_file():
        return []
    with (FUNDAMENTALS / "coverage.csv").open() as handle:
        return [
            (r["ticker"], f"FY{r['fiscal_year']}-{r['fiscal_period']}", r["report_date"])
            for r in csv.DictReader(handle)
            if r["snapshot"] == "complete"
        ]


@needs_data
def test_every_complete_quarter_builds_with_its_report_date() -> None:
    quarters = complete_quarters()
    assert len(quarters) >= 100
    for ticker, label, reported in quarters:
        brief = _brief(ticker, label)
        assert brief.quarter.label == label
        assert brief.report.date.isoformat() == reported, (ticker, label)
        for metric in ("revenue", "net_income", "eps_diluted"):
            assert brief.get(ids.quarter(ticker, metric, label)) is not None, (ticker, label)
            assert brief.get(ids.quarter(ticker, metric, brief.year_ago.label)) is not None
        for key in (ticker, "SPX"):
            for period in ("ytd", "12m"):
                assert brief.get(ids.period(key, period, "change_pct")) is not None


@needs_data
def test_nvda_fiscal_q2_2026_as_filed() -> None:
    b = _brief("NVDA", "FY2026-Q2")
    assert (b.quarter.start, b.quarter.end) == (dt.date(2025, 4, 28), dt.date(2025, 7, 27))
    assert b.quarter.calendar_quarter == (2025, 3)
    assert b.year_ago.label == "FY2025-Q2" and b.previous is not None
    assert b.previous.label == "FY2026-Q1"
    assert _value(b, "NVDA.revenue.FY2026-Q2") == 46_743_000_000
    assert _value(b, "NVDA.net_income.FY2026-Q2") == 26_422_000_000
    assert _value(b, "NVDA.eps_diluted.FY2026-Q2") == Decimal("1.08")
    assert b.get("NVDA.revenue.FY2026-Q2.yoy_pct").display == "+55.60%"  # type: ignore[union-attr]
    assert (b.report.date, b.report.timing, b.report.dated_by) == (
        dt.date(2025, 8, 27),
        "amc",
        "vendor",
    )
    assert b.filing.accession == "0001045810-25-000209"


@needs_data
def test_a_split_between_the_quarters_restates_the_year_ago_eps() -> None:
    # NVDA's 10:1 split (2024-06-10) fell between FY2024-Q2 and FY2025-Q2
    b = _brief("NVDA", "FY2025-Q2")
    assert _value(b, "NVDA.eps_diluted.FY2024-Q2") == Decimal("2.48")  # as first reported
    assert _value(b, "NVDA.eps_diluted.FY2024-Q2.restated") == Decimal("0.25")
    # the change is on one share count: 0.67 against 0.25, not against 2.48
    assert b.get("NVDA.eps_diluted.FY2025-Q2.yoy_pct").display == "+168.00%"  # type: ignore[union-attr]


@needs_data
def test_first_report_is_the_brief_figure_a_restatement_its_own_fact() -> None:
    # TSLA Q2 2019's loss was filed in thousands first, rounded to millions later
    b = _brief("TSLA", "FY2019-Q2")
    assert _value(b, "TSLA.net_income.FY2019-Q2") == -408_334_000
    assert _value(b, "TSLA.net_income_incl_nci.FY2019-Q2") == -389_262_000
    # a loss has no year-on-year percent change; revenue has one
    assert b.get("TSLA.net_income.FY2019-Q2.yoy_pct") is None
    assert b.get("TSLA.revenue.FY2019-Q2.yoy_pct") is not None


@needs_data
def test_the_share_price_is_the_one_printed_at_the_time() -> None:
    # AP printed $264.88 for Tesla on 2019-07-24: the raw close times the 15 shares since
    b = _brief("TSLA", "FY2019-Q2")
    assert b.get("TSLA.close.2019-07-24").display == "$264.88"  # type: ignore[union-attr]
    # and the S&P 500's year to date is from the last close of 2018
    assert b.get("SPX.close.2018-12-31") is not None


@needs_data
def test_estimates_only_on_the_report_time_share_basis() -> None:
    with_estimate = _brief("NVDA", "FY2026-Q2")
    assert with_estimate.estimate is not None and with_estimate.estimate.split_factor == 1
    assert with_estimate.get("NVDA.eps_estimate.FY2026-Q2") is not None
    # NVDA 2018-08-16: every vendor row is restated through later splits (x4, x40): no block
    older = _brief("NVDA", "FY2019-Q2")
    assert older.estimate is None
    assert not [f for f in older.facts if "estimate" in f.metric or "adjusted" in f.metric]


@needs_data
def test_bad_quarters_say_what_to_do() -> None:
    with pytest.raises(BadInput, match=r"FY2009-Q2 \.\. FY2027-Q1"):
        _brief("NVDA", "FY2036-Q2")
    with pytest.raises(BadInput, match="FY2024-Q3"):
        parse_quarter("2026Q9")
    with pytest.raises(SymbolNotFound, match="AAPL, GOOGL"):
        _brief("XYZ", "FY2024-Q1")
    with pytest.raises(BadInput, match="cannot be reported"):
        _brief("NVDA", "FY2026-Q2", report_date=dt.date(2025, 7, 1))


def test_quarter_labels_parse_in_their_forms() -> None:
    assert parse_quarter("FY2024-Q3") == (2024, 3)
    assert parse_quarter("fy2024q3") == (2024, 3)
    assert parse_quarter("2024-Q1") == (2024, 1)
    for bad in ("FY24-Q3", "FY2024-Q5", "Q3", ""):
        with pytest.raises(BadInput):
            parse_quarter(bad)


def test_short_names_as_companies_spell_them() -> None:
    assert short_name("Apple Inc.") == "Apple"
    assert short_name("NVIDIA Corporation") == "NVIDIA"
    assert short_name("Tesla, Inc.") == "Tesla"
    assert short_name("Marvell Technology, Inc.") == "Marvell Technology"


def test_money_is_written_as_stories_write_it() -> None:
    assert format_money(Decimal("26422000000")) == "$26.42 billion"
    assert format_money(Decimal("-214251000")) == "$214.3 million"
    assert format_money(Decimal("999960000")) == "$1 billion"  # scale after rounding
    assert format_money(Decimal("16599000000")) == "$16.6 billion"  # no trailing zero
    assert format_money(Decimal("912345")) == "$912,345"
    assert format_per_share(Decimal("1.08")) == "$1.08"
    assert format_per_share(Decimal("0.67")) == "67 cents"
    assert format_per_share(Decimal("-0.65")) == "65 cents"
    assert format_per_share(Decimal("0.01")) == "1 cent"
    assert format_per_share(Decimal("0.995")) == "$1.00"


def test_the_fundamentals_reader_refuses_rows_that_cannot_be_right(tmp_path: Path) -> None:
    header = (
        "ticker,cik,company,fiscal_year,fiscal_period,period_start,period_end,metric,value,"
        "unit,decimals,form,accession,filed,derived,earliest_filed,concept,source\n"
    )
    good = "AAA,1,A Inc.,2024,Q1,2024-01-01,2024-03-31,revenue,100,USD,,10-Q,x,2024-04-20,,1,c,s\n"
    (tmp_path / "facts.csv").write_text(header + good)
    assert len(SnapshotFundamentals(tmp_path).reported("aaa")) == 1
    for bad, what in (
        (good.replace(",100,", ",abc,"), "not a number"),
        (good.replace("2024-04-20", "20/04/2024"), "not a YYYY-MM-DD date"),
        (good.replace("2024-03-31", "2023-12-01"), "before it starts"),
    ):
        (tmp_path / "facts.csv").write_text(header + bad)
        with pytest.raises(BadData, match=what):
            SnapshotFundamentals(tmp_path).reported("AAA")
    (tmp_path / "facts.csv").unlink()
    with pytest.raises(BadInput, match="--fundamentals-dir"):
        SnapshotFundamentals(tmp_path)


@needs_data
def test_the_offline_snapshot_is_placed_and_written_from_the_brief() -> None:
    b = _brief("NVDA", "FY2026-Q2")
    text = draft_offline(b)
    assert title(b) == "NVIDIA: Fiscal Q2 2026 Earnings Snapshot"
    assert file_stem(b) == "nvda-fy2026-q2-earnings"
    assert placing(b) == {"ticker": "NVDA", "quarter": "FY2026-Q2"}
    for shown in ("$26.42 billion", "$1.08 per share", "67 cents", "$46.74 billion", "55.6%"):
        assert shown in text
    assert 150 <= len(text.split()) <= 250
    tesla = draft_offline(_brief("TSLA", "FY2019-Q2"))
    assert tesla.startswith("# Tesla: Q2 2019 Earnings Snapshot")  # a calendar fiscal year
    assert "loss of $408.3 million" in tesla and "a loss of $2.31 per share" in tesla
    assert "beat" not in tesla and "estimate" not in tesla  # no estimate block, no beat/miss


def test_a_missing_price_file_is_data_unavailable(tmp_path: Path) -> None:
    if not (FUNDAMENTALS / "facts.csv").is_file():
        pytest.skip("../shared/fundamentals not present")
    (tmp_path / "stocks").mkdir()
    with pytest.raises(DataUnavailable, match="no prices for NVDA"):
        build_brief(
            "NVDA",
            "FY2026-Q2",
            SnapshotFundamentals(FUNDAMENTALS),
            [SnapshotSource(tmp_path / "stocks")],
        )
