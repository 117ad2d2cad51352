"""The offline drafter over every week of every symbol: each article passes the strict checker
with zero findings and has the genre's shape (headline, lede, day by day, disclaimer)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.report import Status
from writer.data.snapshot import SnapshotSource
from writer.genres.weekly_index.offline import DISCLAIMER, draft_offline
from writer.pipeline import weekly_brief

SHARED_SYMBOLS = (
    ("RUT", "RUT"),
    ("SPX", "GSPC"),
    ("COMP", "IXIC"),
    ("DJI", "DJI"),
    ("HSI", "HSI"),
    ("ASX200", "AXJO"),
    ("IWM", "IWM"),
)
SYNTHETIC_SYMBOLS = (
    ("RUT", "RUT"),
    ("SPX", "GSPC"),
    ("COMP", "IXIC"),
    ("HSI", "HSI"),
    ("ASX200", "AXJO"),
)


def weeks_in(csv: Path) -> list[dt.date]:
    """Mondays of every week in the file but the first (which has no previous close)."""
    days = pd.to_datetime(pd.read_csv(csv)["date"])
    mondays = sorted({(d - pd.Timedelta(days=d.weekday())).date() for d in days})
    return mondays[1:]


def draft_and_check_every_week(folder: Path, symbol: str, stem: str) -> list[str]:
    source = SnapshotSource(folder)
    problems = []
    for monday in weeks_in(folder / f"{stem}.csv"):
        brief = weekly_brief(symbol, monday, source)
        article = draft_offline(brief)
        report = check_text(article, brief, source=f"{symbol} {monday}")
        problems += [
            f"{symbol} {monday} line {c.line}: {c.text!r} {c.status}: {c.message}"
            for c in report.claims
            if c.status != "verified"
        ]
        words = len(article.split())
        if not 200 <= words <= 700:  # short only in holiday weeks without history
            problems.append(f"{symbol} {monday}: {words} words")
        for day in brief.week.sessions:
            if f"**{day:%A}, {day:%b} {day.day}:**" not in article:
                problems.append(f"{symbol} {monday}: no day-by-day line for {day}")
        if not (article.startswith("# ") and article.rstrip().endswith(DISCLAIMER)):
            problems.append(f"{symbol} {monday}: headline or disclaimer missing")
    return problems


@pytest.mark.parametrize(("symbol", "stem"), SHARED_SYMBOLS)
def test_every_real_week_drafts_clean(shared_data: Path, symbol: str, stem: str) -> None:
    assert draft_and_check_every_week(shared_data, symbol, stem) == []


@pytest.mark.parametrize(("symbol", "stem"), SYNTHETIC_SYMBOLS)
def test_every_synthetic_week_drafts_clean(synthetic: Path, symbol: str, stem: str) -> None:
    assert draft_and_check_every_week(synthetic, symbol, stem) == []


def test_lede_states_the_real_figures(shared_data: Path) -> None:
    article = draft_offline(weekly_brief("RUT", dt.date(2025, 8, 8), SnapshotSource(shared_data)))
    lede = article.split("\n\n")[1]
    assert "Russell 2000 (RUT)" in lede and "2.38%" in lede
    assert "closing Friday's session at 2,218.42" in lede
    assert "previous week's close of 2,166.78" in lede
    assert re.search(r"52-week range is 1,732\.99 - 2,466\.49", article)


def test_phrasing_varies_with_the_data(shared_data: Path) -> None:
    source = SnapshotSource(shared_data)
    ledes = {
        draft_offline(weekly_brief("RUT", dt.date(2025, 6, 2) + dt.timedelta(weeks=i), source))
        .split("\n\n")[1]
        .split(" ")[4]
        for i in range(12)
    }
    assert len(ledes) >= 4, ledes  # the verb of the lede follows size and direction


def test_drafted_article_verifies_and_one_wrong_figure_is_found(rut: WeeklyIndexBrief) -> None:
    text = draft_offline(rut)
    assert check_text(text, rut).ok
    wrong = text.replace("to settle at 2,225.67", "to settle at 2,225.76", 1)
    assert wrong != text
    (error,) = check_text(wrong, rut).errors
    assert (error.text, error.status, error.expected, error.fact_id) == (
        "2,225.76",
        Status.MISMATCH,
        "2,225.67",
        "RUT.close.2025-08-05",
    )
