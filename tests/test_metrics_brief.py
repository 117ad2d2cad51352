"""Every metric on real data (figures from ../shared/marketdata/SOURCES.md and the issue) and
on the project's synthetic fixtures (checked against independent plain-pandas computations)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from factcheck.brief import Fact, WeeklyIndexBrief
from tests.frame_oracle import pivots, streak
from writer.data.snapshot import SnapshotSource
from writer.metrics import round_levels
from writer.pipeline import weekly_brief

AUG8 = dt.date(2025, 8, 8)


@pytest.fixture
def rut(shared_data: Path) -> WeeklyIndexBrief:
    return weekly_brief("RUT", AUG8, SnapshotSource(shared_data))


def shown(brief: WeeklyIndexBrief, fact_id: str) -> str:
    fact = brief.get(fact_id)
    assert fact is not None, fact_id
    return fact.display


def test_rut_week_of_aug_8(rut: WeeklyIndexBrief) -> None:
    assert rut.week.previous_session == dt.date(2025, 8, 1)
    assert shown(rut, "RUT.close.2025-08-01") == "2,166.78"
    closes = [shown(rut, f"RUT.close.{d}") for d in rut.week.sessions]
    assert closes == ["2,212.30", "2,225.67", "2,221.29", "2,214.72", "2,218.42"]
    assert shown(rut, "RUT.week.change_pct") == "+2.38%"  # vs Fri Aug 1, not Monday


def test_weekly_change_is_not_from_mondays_close(rut: WeeklyIndexBrief) -> None:
    from_monday = (Decimal("2218.42") - Decimal("2212.30")) / Decimal("2212.30") * 100
    assert f"{from_monday:.2f}" == "0.28"  # the classic published error
    assert shown(rut, "RUT.week.change_pct") != "+0.28%"


def test_rut_52_week_range(rut: WeeklyIndexBrief) -> None:
    high, low = rut.get("RUT.52w.high"), rut.get("RUT.52w.low")
    assert high is not None and low is not None
    assert (high.display, high.on) == ("2,466.49", dt.date(2024, 11, 25))
    assert (low.display, low.on) == ("1,732.99", dt.date(2025, 4, 9))
    assert shown(rut, "RUT.52w.close_high") == "2,442.03"
    assert shown(rut, "RUT.52w.close_low") == "1,760.71"


def test_rut_week_high_low_and_sessions(rut: WeeklyIndexBrief) -> None:
    for fact_id, display, day in (
        ("RUT.week.high", "2,243.16", 7),
        ("RUT.week.low", "2,177.10", 4),
    ):
        fact = rut.get(fact_id)
        assert fact is not None and (fact.display, fact.on) == (display, dt.date(2025, 8, day))


def test_peers_friday(rut: WeeklyIndexBrief) -> None:
    assert shown(rut, "SPX.change_pct.2025-08-08") == "+0.78%"
    assert shown(rut, "COMP.change_pct.2025-08-08") == "+0.98%"
    assert shown(rut, "SPX.close.2025-08-07") == "6,340.00"
    # the spread is subject minus peer, in percentage points
    spx = rut.get("SPX.week.change_pct")
    subject = rut.get("RUT.week.change_pct")
    spread = rut.get("RUT.vs.SPX.spread_pp.week")
    assert spx and subject and spread and spread.value == subject.value - spx.value


@pytest.mark.parametrize(
    ("symbol", "closes", "high", "low"),
    [
        (
            "HSI",
            ["24,733.45", "24,902.53", "24,910.63", "25,081.63", "24,858.82"],
            ("25,115.16", 7),
            ("24,372.51", 4),
        ),
        (
            "ASX200",
            ["8,663.70", "8,770.40", "8,843.70", "8,831.40", "8,807.10"],
            ("8,848.80", 6),
            ("8,630.90", 4),
        ),
    ],
)
def test_other_exchanges(
    shared_data: Path, symbol: str, closes: list[str], high: tuple[str, int], low: tuple[str, int]
) -> None:
    brief = weekly_brief(symbol, AUG8, SnapshotSource(shared_data))
    key = brief.subject.key
    assert [shown(brief, f"{key}.close.{d}") for d in brief.week.sessions] == closes
    for fact_id, (display, day) in ((f"{key}.week.high", high), (f"{key}.week.low", low)):
        fact = brief.get(fact_id)
        assert fact is not None and (fact.display, fact.on) == (display, dt.date(2025, 8, day))


def test_holiday_week_from_data(shared_data: Path) -> None:
    brief = weekly_brief("RUT", dt.date(2025, 7, 3), SnapshotSource(shared_data))
    assert brief.week.sessions[-1] == dt.date(2025, 7, 3) and len(brief.week.sessions) == 4
    assert shown(brief, "RUT.week.sessions") == "4"


def test_stock_ticker_from_snapshot(shared_data: Path) -> None:
    brief = weekly_brief("IWM", AUG8, SnapshotSource(shared_data))
    assert brief.subject.name == "IWM" and [p.key for p in brief.peers] == ["SPX", "COMP"]
    assert brief.get("IWM.week.change_pct") is not None


def test_brief_json_round_trips_exactly(rut: WeeklyIndexBrief) -> None:
    text = rut.model_dump_json()
    again = WeeklyIndexBrief.model_validate_json(text)
    assert again == rut and again.model_dump_json() == text
    assert '"value":"2218.419921875"' in text  # the exact float32 value, as a decimal string


def test_fact_display_must_agree_with_value() -> None:
    with pytest.raises(ValueError, match=r"should be '2,218\.42'"):
        Fact(
            id="X.close.d",
            entity="X",
            metric="close",
            period="d",
            value=Decimal("2218.42"),
            unit="points",
            precision=2,
            label="x",
            display="2,218.24",
        )


# ---- synthetic fixtures: independent computations with plain pandas -------------------------


@pytest.fixture
def synth_rut(synthetic: Path) -> tuple[WeeklyIndexBrief, pd.DataFrame]:
    frame = pd.read_csv(synthetic / "RUT.csv", index_col="date", parse_dates=["date"])
    return weekly_brief("RUT", dt.date(2025, 3, 12), SnapshotSource(synthetic)), frame


def near(fact: Fact | None, value: float) -> bool:
    assert fact is not None
    return abs(float(fact.value) - value) < 1e-6


def test_synthetic_changes_ranges_and_averages(
    synth_rut: tuple[WeeklyIndexBrief, pd.DataFrame],
) -> None:
    brief, frame = synth_rut
    week = frame.loc["2025-03-10":"2025-03-16"]
    prev_close = frame.loc[:"2025-03-09", "close"].iloc[-1]
    daily = frame["close"].pct_change() * 100
    for day in week.index:
        assert near(brief.get(f"RUT.change_pct.{day.date()}"), daily.loc[day])
    assert near(brief.get("RUT.week.change_pct"), (week["close"].iloc[-1] / prev_close - 1) * 100)
    assert near(brief.get("RUT.week.high"), week["high"].max())
    assert near(brief.get("RUT.week.close_low"), week["close"].min())
    year = frame.loc["2024-03-14":"2025-03-14"]
    assert near(brief.get("RUT.52w.high"), year["high"].max())
    assert near(brief.get("RUT.52w.close_low"), year["close"].min())
    closes = frame.loc[:"2025-03-14", "close"]
    assert near(brief.get("RUT.ma50"), closes.iloc[-50:].mean())
    assert near(brief.get("RUT.ma200"), closes.iloc[-200:].mean())
    ytd_base = frame.loc[:"2024-12-31", "close"].iloc[-1]
    assert near(brief.get("RUT.ytd.change_pct"), (closes.iloc[-1] / ytd_base - 1) * 100)


def test_synthetic_streaks(synth_rut: tuple[WeeklyIndexBrief, pd.DataFrame]) -> None:
    brief, frame = synth_rut
    closes = frame.loc[:"2025-03-14", "close"].tolist()
    up = closes[-1] > closes[-2]
    run = 0
    while (closes[-1 - run] > closes[-2 - run]) == up and closes[-1 - run] != closes[-2 - run]:
        run += 1
    fact = brief.get("RUT.streak.daily")
    assert fact is not None and int(fact.value) == (run if up else -run)


def test_streak_counts_and_flat() -> None:
    assert streak(pd.Series([1.0, 2.0, 3.0, 4.0])) == 3
    assert streak(pd.Series([5.0, 6.0, 4.0, 3.0])) == -2
    assert streak(pd.Series([1.0, 2.0, 2.0])) == 0


def test_levels_are_derived_from_data() -> None:
    assert round_levels(Decimal("2218.42")) == (Decimal("2200"), Decimal("2250"))
    assert round_levels(Decimal("24858.82")) == (Decimal("24500"), Decimal("25000"))
    highs = [1, 2, 3, 9, 3, 2, 1, 2, 3, 4]
    bars = pd.DataFrame(
        {"high": highs, "low": [h - 1 for h in highs]},
        index=pd.date_range("2025-01-01", periods=10),
    )
    swing_highs, swing_lows = pivots(bars)
    assert [(float(e.value), e.date.day) for e in swing_highs] == [(9.0, 4)]
    assert [(float(e.value), e.date.day) for e in swing_lows] == [(0.0, 7)]


def test_short_history_leaves_52_week_figures_out(synthetic: Path) -> None:
    brief = weekly_brief("RUT", dt.date(2023, 3, 1), SnapshotSource(synthetic))
    assert brief.get("RUT.52w.high") is None and brief.get("RUT.ma200") is None
    assert any("52-week figures left out" in n for n in brief.provenance.notes)
