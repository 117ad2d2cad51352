"""writer/genres/daily_wrap/chart.py: the daily wrap's chart (a month of closes and the
session's range), its alt text the checker verifies, determinism, closes held to the brief,
and the optional matplotlib dependency."""

from __future__ import annotations

import datetime as dt
import re
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from factcheck import ids
from factcheck.brief import DailyWrapBrief
from factcheck.check import check_text
from factcheck.report import Severity, Status
from writer.errors import ChartUnavailable, WriterError
from writer.genres import chart_common
from writer.genres.chart_common import ChartDataMismatch
from writer.genres.daily_wrap import chart
from writer.pipeline import open_source, session_brief, weekly_brief

ROOT = Path(__file__).resolve().parents[1]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DAY = dt.date(2025, 8, 5)


@pytest.fixture(scope="module")
def mpl() -> None:
    pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def tuesday(shared_data: Path) -> DailyWrapBrief:
    """Russell 2000, Tuesday Aug 5 2025 (the GENRE.md example week's second session)."""
    return session_brief("RUT", DAY, open_source(shared_data))


def _closes(brief: DailyWrapBrief, data_dir: Path) -> dict[str, pd.DataFrame]:
    return open_source(data_dir).history(*chart.history_request(brief))


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _sessions(data_dir: Path, symbol: str) -> Iterator[dt.date]:
    """Every session of the symbol's data."""
    dates = pd.read_csv(data_dir / f"{symbol}.csv", usecols=["date"])["date"]
    yield from (dt.date.fromisoformat(d) for d in dates)


# --- what it asks for and what it draws -----------------------------------------------------


def test_history_request_is_the_subjects_month_to_the_session(tuesday: DailyWrapBrief) -> None:
    symbols, start, end = chart.history_request(tuesday)
    assert symbols == ["^RUT"]
    assert end == DAY and start == DAY - dt.timedelta(days=chart.HISTORY_DAYS)


def test_month_closes_end_at_the_session_close(tuesday: DailyWrapBrief, data_dir: Path) -> None:
    shown = chart.month_closes(tuesday, _closes(tuesday, data_dir))
    assert len(shown) == chart.CONTEXT_SESSIONS
    assert shown.index[-1].date() == DAY
    assert shown.index.is_monotonic_increasing
    close = tuesday.get(ids.session("RUT", "close", DAY))
    previous = tuesday.get(ids.session("RUT", "close", tuesday.session.previous))
    assert close is not None and previous is not None
    assert shown.iloc[-1] == float(close.value)
    assert shown.iloc[-2] == float(previous.value)
    assert (shown.index[-1] - shown.index[0]).days < chart.HISTORY_DAYS


def test_a_weekly_brief_is_not_a_daily_wraps(data_dir: Path) -> None:
    weekly = weekly_brief("RUT", dt.date(2025, 8, 8), open_source(data_dir))
    with pytest.raises(TypeError, match="daily wrap brief"):
        chart.history_request(weekly)
    with pytest.raises(TypeError, match="daily wrap brief"):
        chart.alt_text(weekly)


# --- files ----------------------------------------------------------------------------------


def test_png_and_svg_are_valid_at_the_configured_size(
    mpl: None, tuesday: DailyWrapBrief, data_dir: Path
) -> None:
    png, svg_bytes = chart.chart_bytes(tuesday, _closes(tuesday, data_dir))
    assert len(png) > 10_000
    assert _png_size(png) == (chart_common.WIDTH_PX, chart_common.HEIGHT_PX) == (1200, 675)
    svg = svg_bytes.decode("utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg and svg.rstrip().endswith("</svg>")
    assert f'width="{chart_common.WIDTH_IN * 72:g}pt"' in svg
    assert "<dc:description>Russell 2000 daily closes over the past month" in svg


def test_same_inputs_give_byte_identical_files(
    mpl: None, tuesday: DailyWrapBrief, data_dir: Path
) -> None:
    closes = _closes(tuesday, data_dir)
    one = chart.chart_bytes(tuesday, closes)
    two = chart.chart_bytes(tuesday, closes)
    assert one == two
    assert b"dc:date" not in one[1] and str(dt.date.today().year).encode() + b"-" not in one[1]
    # bars frames or bare close series: the same chart
    series = {symbol: frame["close"] for symbol, frame in closes.items()}
    assert chart.chart_bytes(tuesday, series) == one
    # and another session is another picture
    other = session_brief("RUT", dt.date(2025, 8, 4), open_source(data_dir))
    assert chart.chart_bytes(other, _closes(other, data_dir))[0] != one[0]


def test_a_fresh_process_draws_the_same_svg(
    mpl: None, tuesday: DailyWrapBrief, data_dir: Path
) -> None:
    here = chart.chart_bytes(tuesday, _closes(tuesday, data_dir))[1]
    code = (
        "import datetime as dt, sys\n"
        "from pathlib import Path\n"
        "from writer.genres.daily_wrap.chart import chart_bytes, history_request\n"
        "from writer.pipeline import open_source, session_brief\n"
        "src = open_source(Path(sys.argv[1]))\n"
        "b = session_brief('RUT', dt.date(2025, 8, 5), src)\n"
        "sys.stdout.buffer.write(chart_bytes(b, src.history(*history_request(b)))[1])\n"
    )
    there = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)],
        check=True,
        cwd=ROOT,
        capture_output=True,
        env={"PYTHONHASHSEED": "12345", "PATH": "", "PYTHONPATH": str(ROOT)},
    ).stdout
    assert there == here


# --- closes held to the brief ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2025-08-05", r"\^RUT .* 2025-08-05, the brief's is 2,225\.67"),  # the session
        ("2025-08-04", r"\^RUT .* 2025-08-04, the brief's is 2,212\.30"),  # the day's base
        ("2025-08-01", r"\^RUT .* 2025-08-01, the brief's is 2,166\.78"),  # the week's base
    ],
)
def test_closes_that_are_not_the_briefs_are_refused(
    tuesday: DailyWrapBrief, data_dir: Path, day: str, message: str
) -> None:
    closes = _closes(tuesday, data_dir)
    frame = closes["^RUT"].copy()
    frame.loc[pd.Timestamp(day), "close"] = 2214.0
    with pytest.raises(ChartDataMismatch, match=message) as exc:
        chart.chart_bytes(tuesday, {**closes, "^RUT": frame})
    assert exc.value.exit_code == 3


def test_missing_closes_are_refused(tuesday: DailyWrapBrief, data_dir: Path) -> None:
    with pytest.raises(ChartDataMismatch, match=r"no closes for \^RUT"):
        chart.chart_bytes(tuesday, {})
    closes = _closes(tuesday, data_dir)
    short = {"^RUT": closes["^RUT"].drop(pd.Timestamp("2025-08-04"))}
    with pytest.raises(ChartDataMismatch, match=r"no close on 2025-08-04"):
        chart.month_closes(tuesday, short)


# --- only the brief speaks in figures -------------------------------------------------------

_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_DATE = re.compile(rf"(?:{_DAY}\s+)?{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?")


@pytest.mark.parametrize(("symbol", "day"), [("RUT", "2025-08-05"), ("HSI", "2025-01-02")])
def test_every_figure_printed_on_the_chart_is_a_brief_display(
    mpl: None, data_dir: Path, symbol: str, day: str
) -> None:
    """Titles and annotations: take out every display text of the brief, the entity names
    and the dates; no digit may be left.  Tick labels are the axis scale (`2,250`)."""
    import matplotlib
    from matplotlib.text import Text

    b = session_brief(symbol, dt.date.fromisoformat(day), open_source(data_dir))
    shown = chart.month_closes(b, _closes(b, data_dir))
    with matplotlib.rc_context(chart_common.RC):
        fig = chart._figure(b, shown)
        fig.canvas.draw()
    ticks = {
        label.get_text()
        for ax in fig.axes
        for label in (*ax.get_xticklabels(), *ax.get_yticklabels())
    }
    displays = sorted({f.display for f in b.facts}, key=len, reverse=True)
    names = sorted({e.name for e in b.entities}, key=len, reverse=True)
    printed = [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]
    printed = [t for t in printed if t not in ticks]
    for metric in ("close", "change_pct", "open", "high", "low"):
        found = b.get(ids.session(b.subject.key, metric, b.session.date))
        assert found is not None and any(found.display in t for t in printed), metric
    previous = b.get(ids.session(b.subject.key, "close", b.session.previous))
    assert previous is not None and any(previous.display in t for t in printed)
    for text in printed:
        rest = text
        for piece in names:
            rest = rest.replace(piece, " ")
        rest = _DATE.sub(" ", rest)
        for piece in displays:
            rest = rest.replace(piece, " ")
        assert not re.search(r"\d", rest), f"a figure not from the brief in {text!r}"
    for ax in fig.axes:
        for label in ax.get_yticklabels():
            assert re.fullmatch(r"[\d,]+(?:\.\d\d)?|", label.get_text()), label.get_text()


# --- alt text -------------------------------------------------------------------------------


def test_alt_text_of_the_example_session(tuesday: DailyWrapBrief) -> None:
    assert chart.alt_text(tuesday) == (
        "Russell 2000 daily closes over the past month to Tuesday, Aug 5, 2025, and that "
        "session's intraday range. The Russell 2000 closed at 2,225.67 on Tuesday, Aug 5, "
        "2025, +0.60% from its Aug 4 close of 2,212.30. On Tuesday, Aug 5, 2025 it opened at "
        "2,218.44 and traded between 2,200.73 and 2,228.48."
    )


@pytest.mark.parametrize("symbol", ["RUT", "GSPC", "HSI", "AXJO"])
def test_checker_verifies_every_figure_of_the_alt_text(data_dir: Path, symbol: str) -> None:
    """Every session of the real data (Mondays whose base is a Friday, sessions after a
    holiday, the first session of a year): every claim the checker reads in the alt text is
    verified in strict mode, and it reads every figure put in."""
    source = open_source(data_dir)
    sessions = list(_sessions(data_dir, symbol))
    checked, skipped = 0, []
    for day in sessions:
        try:
            b = session_brief(symbol, day, source)
        except WriterError:  # a session the data cannot give a brief for is no chart either
            skipped.append(day)
            continue
        text = chart.alt_text(b)
        report = check_text(text, b, strict=True)
        wrong = [c for c in report.claims if c.status is not Status.VERIFIED]
        assert not wrong, f"{symbol} {day}: {text}\n{[(c.text, c.message) for c in wrong]}"
        assert all(c.severity is Severity.INFO for c in report.claims)
        read = {c.text.lstrip("+-") for c in report.claims}
        figures = re.findall(r"[+-]?\d[\d,]*\.\d+%?", text)
        assert len(figures) >= 3 and {f.lstrip("+-") for f in figures} <= read, (day, text)
        checked += 1
    # only the data's first week, which has no close before it to be the base, is skipped
    assert all(day < sessions[0] + dt.timedelta(days=7) for day in skipped)
    assert checked == len(sessions) - len(skipped) >= 300


def test_markdown_image_and_its_figures_in_an_article(tuesday: DailyWrapBrief) -> None:
    line = chart.markdown_image(tuesday, "rut-2025-08-05.png")
    assert line == f"![{chart.alt_text(tuesday)}](rut-2025-08-05.png)"
    report = check_text(f"# Small caps edge higher\n\n{line}\n", tuesday, strict=True)
    assert report.ok and len(report.claims) >= 7
    assert all(c.status is Status.VERIFIED for c in report.claims)
    assert chart.markdown_image(tuesday, "my chart.png").endswith("](<my chart.png>)")


# --- matplotlib is optional -----------------------------------------------------------------


def test_missing_matplotlib_is_a_clear_error(
    tuesday: DailyWrapBrief, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    closes = _closes(tuesday, data_dir)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now fails
    with pytest.raises(ChartUnavailable, match=r"install writer\[chart\]") as exc:
        chart.chart_bytes(tuesday, closes)
    assert exc.value.exit_code == 2
    assert chart.alt_text(tuesday).startswith("Russell 2000")  # text needs no matplotlib


def test_importing_the_module_does_not_import_matplotlib() -> None:
    code = "import sys, writer.genres.daily_wrap.chart; print('matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True, text=True
    )
    assert out.stdout.strip() == "False"
