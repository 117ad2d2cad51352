"""writer/genres/earnings/chart.py: the earnings snapshot's chart (the share against the S&P
500 over 12 months, rebased at the previous year's last close, the report day marked), drawn
from real briefs and the real closes of ../shared/fundamentals/stocks: valid PNG and SVG,
deterministic, its alt text's figures the brief's, closes held to the brief."""

from __future__ import annotations

import datetime as dt
import re
import struct
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from factcheck import ids
from factcheck.brief import EarningsBrief, WeeklyIndexBrief
from writer.genres import chart_common
from writer.genres.chart_common import ChartDataMismatch
from writer.genres.earnings import chart
from writer.genres.genre import Charting

ROOT = Path(__file__).resolve().parents[1]
FUNDAMENTALS = ROOT.parent / "shared" / "fundamentals"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
#: A figure as text: amounts with commas, decimals, percentages, dollars.
FIGURE = re.compile(r"[+-]?\$?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|[+-]?\$?\d+\.\d+%?")
DATE = re.compile(r"\b[A-Z][a-z]{2} \d{1,2}, \d{4}\b")

Closes = dict[str, pd.DataFrame]


@cache
def _brief(ticker: str, quarter: str) -> EarningsBrief:
    from writer.data.fundamentals import SnapshotFundamentals
    from writer.data.snapshot import SnapshotSource
    from writer.genres.earnings.brief import build_brief

    prices = [
        SnapshotSource(FUNDAMENTALS / "stocks" / "raw"),
        SnapshotSource(FUNDAMENTALS / "stocks"),
    ]
    return build_brief(ticker, quarter, SnapshotFundamentals(FUNDAMENTALS), prices)


def _closes(brief: EarningsBrief, folder: str = "stocks") -> Closes:
    """The closes `history_request` asks for, from a folder of ../shared/fundamentals; the
    S&P 500 always from stocks/ (raw/ has none)."""
    from writer.data.snapshot import SnapshotSource

    symbols, start, end = chart.history_request(brief)
    company = SnapshotSource(FUNDAMENTALS / folder).history(symbols[:1], start, end)
    index = SnapshotSource(FUNDAMENTALS / "stocks").history(symbols[1:], start, end)
    return {**company, **index}


@pytest.fixture(scope="module")
def mpl() -> None:
    pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def brief() -> Callable[[str, str], EarningsBrief]:
    if not (FUNDAMENTALS / "coverage.csv").is_file():
        pytest.skip(f"fundamentals not found at {FUNDAMENTALS} (../shared/fundamentals)")
    return _brief


@pytest.fixture(scope="module")
def nvda(brief: Callable[[str, str], EarningsBrief]) -> EarningsBrief:
    """NVIDIA's fiscal Q2 2026, reported Aug 27 2025 after the close."""
    return brief("NVDA", "FY2026-Q2")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_module_is_a_charting() -> None:
    """What `writer.draft.illustrate` calls of a genre's chart is all there."""
    typed: Charting[EarningsBrief] = chart
    for name in ("history_request", "markdown_image", "chart_bytes"):
        assert callable(getattr(typed, name)), name


def test_history_request_is_the_company_and_the_index_over_12_months(
    nvda: EarningsBrief,
) -> None:
    assert chart.history_request(nvda) == (
        ["NVDA", "^GSPC"],
        dt.date(2024, 8, 27) - dt.timedelta(days=chart.MARGIN_DAYS),
        dt.date(2025, 8, 27),
    )


def test_both_lines_are_rebased_to_100_at_the_years_last_close(nvda: EarningsBrief) -> None:
    """At Dec 31, 2024 both lines are 100; at the price date each is 100 plus the brief's
    year-to-date change; the left edge is the 12-month base."""
    lines = chart.rebased(nvda, _closes(nvda))
    base = pd.Timestamp("2024-12-31")
    for symbol, key in (("NVDA", "NVDA"), ("^GSPC", "SPX")):
        line = lines[symbol]
        assert line.index[0] == pd.Timestamp("2024-08-27")
        assert line.index[-1] == pd.Timestamp("2025-08-27")
        assert line.loc[base] == pytest.approx(100.0, abs=1e-12)
        ytd = nvda.get(ids.period(key, "ytd", "change_pct"))
        assert ytd is not None
        assert line.iloc[-1] - 100 == pytest.approx(float(ytd.value), abs=1e-9)


def test_png_and_svg_are_valid_and_deterministic(mpl: None, nvda: EarningsBrief) -> None:
    closes = _closes(nvda)
    png, svg_bytes = chart.chart_bytes(nvda, closes)
    assert len(png) > 10_000
    assert _png_size(png) == (chart_common.WIDTH_PX, chart_common.HEIGHT_PX) == (1200, 675)
    svg = svg_bytes.decode("utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg and svg.rstrip().endswith("</svg>")
    assert "<dc:description>NVIDIA shares and the S&amp;P 500 over the 12 months" in svg
    assert chart.chart_bytes(nvda, closes) == (png, svg_bytes)
    assert b"dc:date" not in svg_bytes
    series = {symbol: frame["close"] for symbol, frame in closes.items()}
    assert chart.chart_bytes(nvda, series) == (png, svg_bytes)


@pytest.mark.parametrize(
    ("ticker", "quarter", "folder"),
    [
        ("AAPL", "FY2019-Q4", "stocks/raw"),  # a printed price from raw closes, a fiscal year
        ("AAPL", "FY2023-Q3", "stocks"),  # a raw-close brief drawn from adjusted closes
        ("SNOW", "FY2024-Q2", "stocks"),  # a loss-making company, closes as printed
        ("TSLA", "FY2024-Q2", "stocks"),
    ],
)
def test_other_quarters_draw(
    mpl: None, brief: Callable[[str, str], EarningsBrief], ticker: str, quarter: str, folder: str
) -> None:
    b = brief(ticker, quarter)
    png, svg = chart.chart_bytes(b, _closes(b, folder))
    assert _png_size(png) == (1200, 675)
    assert chart.alt_text(b).encode().replace(b"&", b"&amp;") in svg


def test_alt_text_of_the_example_quarter(nvda: EarningsBrief) -> None:
    assert chart.alt_text(nvda) == (
        "NVIDIA shares and the S&P 500 over the 12 months to Aug 27, 2025, both rebased to "
        "their closes of Dec 31, 2024, with the report of Aug 27, 2025 marked. NVIDIA closed "
        "at $181.36 on Aug 27, 2025: +35.25% since the start of the year and +41.59% over 12 "
        "months. The S&P 500 moved +10.20% since the start of the year and +15.21% over 12 "
        "months."
    )


@pytest.mark.parametrize(
    ("ticker", "quarter"), [("NVDA", "FY2026-Q2"), ("AAPL", "FY2019-Q4"), ("SNOW", "FY2024-Q2")]
)
def test_the_alt_texts_figures_are_the_briefs(
    brief: Callable[[str, str], EarningsBrief], ticker: str, quarter: str
) -> None:
    """Every figure in the alt text is a fact's display, in the order close, the company's
    YTD and 12 months, the index's YTD and 12 months (each sentence names whose figures it
    gives); every date is a close of the brief or its report day."""
    b = brief(ticker, quarter)
    alt = chart.alt_text(b)
    wanted = [
        ids.session(ticker, "close", b.report.price_date),
        ids.period(ticker, "ytd", "change_pct"),
        ids.period(ticker, "12m", "change_pct"),
        ids.period("SPX", "ytd", "change_pct"),
        ids.period("SPX", "12m", "change_pct"),
    ]
    displays = []
    for fact_id in wanted:
        fact = b.get(fact_id)
        assert fact is not None, fact_id
        displays.append(fact.display)
    assert FIGURE.findall(alt) == displays
    days = {f.on for f in b.facts if f.on is not None} | {b.report.date}
    said = {dt.datetime.strptime(d, "%b %d, %Y").date() for d in DATE.findall(alt)}
    assert said and said <= days
    image = chart.markdown_image(b, "x y.png")
    assert image.startswith(f"![{alt}]") and image.endswith("(<x y.png>)")


def test_every_figure_printed_on_the_chart_is_a_brief_display(
    mpl: None, nvda: EarningsBrief
) -> None:
    import matplotlib
    from matplotlib.text import Text

    lines = chart.rebased(nvda, _closes(nvda))
    with matplotlib.rc_context(chart_common.RC):
        fig = chart._figure(nvda, lines)
        fig.canvas.draw()
    printed = [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]
    figures = [n for text in printed for n in FIGURE.findall(text)]
    displays = {f.display for f in nvda.facts}
    assert figures and set(figures) <= displays
    assert "+35.25%" in figures and "+10.20%" in figures
    assert any("FY2026-Q2 results, Aug 27 (after the close)" in t for t in printed)
    assert any("Start of the year (Dec 31, 2024 close)" in t for t in printed)


def test_closes_that_are_not_the_briefs_are_refused(nvda: EarningsBrief) -> None:
    closes = _closes(nvda)
    index = {**closes, "^GSPC": closes["^GSPC"] * 1.0001}
    with pytest.raises(ChartDataMismatch, match=r"\^GSPC"):
        chart.rebased(nvda, index)
    # another company's closes under NVIDIA's symbol move differently
    tesla = _closes(nvda)
    from writer.data.snapshot import SnapshotSource

    _symbols, start, end = chart.history_request(nvda)
    tesla["NVDA"] = SnapshotSource(FUNDAMENTALS / "stocks").history(["TSLA"], start, end)["TSLA"]
    with pytest.raises(ChartDataMismatch, match="NVDA"):
        chart.rebased(nvda, tesla)
    with pytest.raises(ChartDataMismatch, match="no closes for NVDA"):
        chart.rebased(nvda, {"^GSPC": closes["^GSPC"]})
    short = {**closes, "NVDA": closes["NVDA"].iloc[:-3]}
    with pytest.raises(ChartDataMismatch, match="do not reach"):
        chart.rebased(nvda, short)


def test_an_index_brief_is_refused(rut: WeeklyIndexBrief) -> None:
    with pytest.raises(TypeError, match="earnings brief"):
        chart.history_request(rut)
