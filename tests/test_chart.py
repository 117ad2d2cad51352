"""writer/chart.py: the chart files, their determinism and atomic writes, the alt text the
checker verifies, the rebasing of peers, and the optional matplotlib dependency."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

from factcheck import ids
from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.report import Severity, Status
from writer.errors import WriterError
from writer.genres import chart_common
from writer.genres.weekly_index import chart
from writer.genres.weekly_index.chart import (
    ChartDataMismatch,
    ChartUnavailable,
    alt_text,
    history_request,
    markdown_image,
    render_chart,
    week_lines,
)
from writer.pipeline import open_source, weekly_brief

ROOT = Path(__file__).resolve().parents[1]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def mpl() -> None:
    pytest.importorskip("matplotlib")


def _closes(brief: WeeklyIndexBrief, data_dir: Path) -> dict[str, pd.DataFrame]:
    """What the caller passes: one `history` call with `history_request`'s arguments."""
    return open_source(data_dir).history(*history_request(brief))


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which the PNG format puts first."""
    assert data[:8] == PNG_MAGIC
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _weeks(data_dir: Path, symbol: str, every: int) -> Iterator[dt.date]:
    """Every `every`-th Friday from the second week of the symbol's data to its end."""
    dates = pd.read_csv(data_dir / f"{symbol}.csv", usecols=["date"])["date"]
    first, last = dt.date.fromisoformat(dates.iloc[0]), dt.date.fromisoformat(dates.iloc[-1])
    day = first + dt.timedelta(days=(4 - first.weekday()) % 7 + 7)
    while day <= last:
        yield day
        day += dt.timedelta(days=7 * every)


# --- files ----------------------------------------------------------------------------------


def test_png_and_svg_written_at_the_configured_size(
    mpl: None, rut: WeeklyIndexBrief, data_dir: Path, tmp_path: Path
) -> None:
    files = render_chart(rut, _closes(rut, data_dir), tmp_path / "rut-2025-08-08")
    assert files.png == tmp_path / "rut-2025-08-08.png"
    assert files.svg == tmp_path / "rut-2025-08-08.svg"
    png = files.png.read_bytes()
    assert len(png) > 10_000
    assert _png_size(png) == (chart.WIDTH_PX, chart.HEIGHT_PX) == (1200, 675)
    import matplotlib.image

    pixels = matplotlib.image.imread(files.png)
    assert pixels.shape[:2] == (chart.HEIGHT_PX, chart.WIDTH_PX)
    svg = files.svg.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg and svg.rstrip().endswith("</svg>")
    assert f'width="{chart.WIDTH_IN * 72:g}pt"' in svg
    # the alt text travels with the file (screen readers read an inline SVG's description)
    assert "<dc:description>Russell 2000 daily closes" in svg
    assert files.alt == alt_text(rut)


def test_same_brief_gives_byte_identical_files(
    mpl: None, rut: WeeklyIndexBrief, data_dir: Path, tmp_path: Path
) -> None:
    closes = _closes(rut, data_dir)
    one = render_chart(rut, closes, tmp_path / "a" / "rut-2025-08-08")
    two = render_chart(rut, closes, tmp_path / "b" / "rut-2025-08-08")
    svg = one.svg.read_bytes()
    assert svg == two.svg.read_bytes()
    assert one.png.read_bytes() == two.png.read_bytes()
    assert b"dc:date" not in svg and str(dt.date.today().year).encode() + b"-" not in svg
    # bars frames or bare close series: the same chart
    series = {symbol: frame["close"] for symbol, frame in closes.items()}
    three = render_chart(rut, series, tmp_path / "c" / "rut-2025-08-08")
    assert three.svg.read_bytes() == svg


def test_a_fresh_process_renders_the_same_svg(
    mpl: None, rut: WeeklyIndexBrief, data_dir: Path, tmp_path: Path
) -> None:
    """Salted ids and no clock: not only two renders in one process agree (matplotlib's
    caches could hide a random id), but a new interpreter too."""
    here = render_chart(rut, _closes(rut, data_dir), tmp_path / "here").svg.read_bytes()
    code = (
        "import datetime as dt, sys\n"
        "from pathlib import Path\n"
        "from writer.genres.weekly_index.chart import history_request, render_chart\n"
        "from writer.pipeline import open_source, weekly_brief\n"
        "src = open_source(Path(sys.argv[1]))\n"
        "b = weekly_brief('RUT', dt.date(2025, 8, 8), src)\n"
        "render_chart(b, src.history(*history_request(b)), Path(sys.argv[2]))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-c", code, str(data_dir), str(tmp_path / "there")],
        check=True,
        cwd=ROOT,
        env=env,
    )
    assert (tmp_path / "there.svg").read_bytes() == here


def test_atomic_write_leaves_no_temp_files(
    mpl: None, rut: WeeklyIndexBrief, data_dir: Path, tmp_path: Path
) -> None:
    closes = _closes(rut, data_dir)
    render_chart(rut, closes, tmp_path / "rut-2025-08-08")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "rut-2025-08-08.png",
        "rut-2025-08-08.svg",
    ]
    assert (tmp_path / "rut-2025-08-08.png").stat().st_mode & 0o777 == 0o644


def test_a_failed_write_replaces_nothing_and_cleans_up(
    mpl: None,
    rut: WeeklyIndexBrief,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "rut-2025-08-08.png").write_bytes(b"old png")
    (tmp_path / "rut-2025-08-08.svg").write_bytes(b"old svg")
    calls: list[int] = []
    real_fsync = os.fsync

    def disk_full(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the second file: the first is written, not yet in place
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(chart.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        render_chart(rut, _closes(rut, data_dir), tmp_path / "rut-2025-08-08")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "rut-2025-08-08.png",
        "rut-2025-08-08.svg",
    ]
    assert (tmp_path / "rut-2025-08-08.png").read_bytes() == b"old png"
    assert (tmp_path / "rut-2025-08-08.svg").read_bytes() == b"old svg"


# --- what is drawn --------------------------------------------------------------------------


@pytest.mark.parametrize(("symbol", "day"), [("RUT", "2025-08-08"), ("HSI", "2023-09-01")])
def test_peers_are_rebased_to_the_subjects_previous_close(
    built_brief: Callable[[str, str], WeeklyIndexBrief], data_dir: Path, symbol: str, day: str
) -> None:
    """Every line starts at the subject's previous close and ends where the entity's own
    weekly change takes it: the right edge orders the indices as the weekly changes do.
    (HSI that week: Hong Kong shut by a typhoon on Friday, New York open; each line keeps
    its own sessions.)"""
    b = built_brief(symbol, day)
    lines = week_lines(b, _closes(b, data_dir))
    prev = b.get(ids.session(b.subject.key, "close", b.week.previous_session))
    assert prev is not None
    assert set(lines) == {e.yahoo for e in b.entities} and len(lines) >= 2
    for entity in b.entities:
        line = lines[entity.yahoo]
        assert line.iloc[0] == pytest.approx(float(prev.value), rel=1e-12)
        change = b.get(ids.period(entity.key, "week", "change_pct"))
        assert change is not None
        moved = (line.iloc[-1] / line.iloc[0] - 1) * 100
        assert moved == pytest.approx(float(change.value), abs=1e-9)
        sessions = [ts.date() for ts in line.index[1:]]
        assert all(b.week.start <= d <= b.week.end for d in sessions)
    subject = lines[b.subject.yahoo]
    assert [ts.date() for ts in subject.index[1:]] == list(b.week.sessions)


_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_DATE = re.compile(rf"{_MONTH} \d{{4}}|(?:{_DAY}\s+)?{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?")


@pytest.mark.parametrize(("symbol", "day"), [("RUT", "2025-08-08"), ("AXJO", "2025-02-21")])
def test_every_figure_printed_on_the_chart_is_a_brief_display(
    mpl: None,
    built_brief: Callable[[str, str], WeeklyIndexBrief],
    data_dir: Path,
    symbol: str,
    day: str,
) -> None:
    """Titles, legend, annotations: take out every display text of the brief, the entity
    names, the metric names with digits ("52-week", "50-day") and the dates; no digit may be
    left.  Tick labels are the axis scale, written by the one formatter (`2,250`)."""
    import matplotlib
    from matplotlib.text import Text

    b = built_brief(symbol, day)
    checked = chart._checked(b, _closes(b, data_dir))
    with matplotlib.rc_context(chart_common.RC):
        fig = chart._figure(b, checked)
        fig.canvas.draw()
    ticks = {
        label.get_text()
        for ax in fig.axes
        for label in (*ax.get_xticklabels(), *ax.get_yticklabels())
    }
    last = b.get(ids.session(b.subject.key, "close", b.week.last_session))
    assert last is not None
    displays = sorted({f.display for f in b.facts}, key=len, reverse=True)
    names = sorted({e.name for e in b.entities}, key=len, reverse=True)
    printed = [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]
    printed = [t for t in printed if t not in ticks]
    assert any(last.display in t for t in printed)
    for text in printed:
        rest = text
        for piece in (*names, "52-week", "50-day", "200-day"):  # names before figures
            rest = rest.replace(piece, " ")
        rest = _DATE.sub(" ", rest)
        for piece in displays:
            rest = rest.replace(piece, " ")
        assert not re.search(r"\d", rest), f"a figure not from the brief in {text!r}"
    for ax in fig.axes:
        for label in ax.get_yticklabels():
            assert re.fullmatch(r"[\d,]+(?:\.\d\d)?|", label.get_text()), label.get_text()


def test_label_spreading_keeps_labels_apart() -> None:
    heights = chart._spread([10.0, 10.1, 9.95, 30.0], gap=1.0)
    ordered = sorted(heights)
    assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(ordered))
    assert heights[3] == pytest.approx(30.0, abs=1.0)  # a label with room stays put
    assert sorted(range(4), key=lambda i: heights[i])[:3] == [2, 0, 1]  # order is kept


def test_closes_that_are_not_the_briefs_are_refused(
    rut: WeeklyIndexBrief, data_dir: Path, tmp_path: Path
) -> None:
    closes = _closes(rut, data_dir)
    edited = dict(closes)
    frame = closes["^RUT"].copy()
    frame.loc[pd.Timestamp("2025-08-08"), "close"] = 2214.0
    edited["^RUT"] = frame
    with pytest.raises(ChartDataMismatch, match=r"\^RUT .* 2025-08-08, the brief's is 2,218\.42"):
        render_chart(rut, edited, tmp_path / "rut")
    without_peer = {k: v for k, v in closes.items() if k != "^IXIC"}
    with pytest.raises(ChartDataMismatch, match=r"no closes for \^IXIC") as exc:
        render_chart(rut, without_peer, tmp_path / "rut")
    assert exc.value.exit_code == 3
    assert list(tmp_path.iterdir()) == []


# --- alt text -------------------------------------------------------------------------------


def test_alt_text_of_the_example_week(rut: WeeklyIndexBrief) -> None:
    assert alt_text(rut) == (
        "Russell 2000 daily closes for the week of Aug 4 to Aug 8, 2025: closed the week at "
        "2,218.42, +2.38% from its Aug 1 close of 2,166.78; its 52-week closing low is "
        "1,760.71 and its 52-week closing high 2,442.03. Weekly change of the S&P 500: "
        "+2.43%; of the Nasdaq Composite: +3.87%."
    )


@pytest.mark.parametrize("symbol", ["RUT", "GSPC", "HSI", "AXJO"])
def test_checker_verifies_every_figure_of_the_alt_text(data_dir: Path, symbol: str) -> None:
    """Every 8th week of the real data (short histories without 52-week figures, holiday
    weeks, weeks across a year end and a month end among them): every claim the checker
    reads in the alt text is verified, in strict mode, and it reads every figure put in."""
    source = open_source(data_dir)
    checked = 0
    for day in _weeks(data_dir, symbol, every=8):
        try:
            b = weekly_brief(symbol, day, source)
        except WriterError:  # a week the data cannot give a brief for is no chart either
            continue
        text = alt_text(b)
        report = check_text(text, b, strict=True)
        wrong = [c for c in report.claims if c.status is not Status.VERIFIED]
        assert not wrong, f"{symbol} {day}: {text}\n{[(c.text, c.message) for c in wrong]}"
        assert all(c.severity is Severity.INFO for c in report.claims)
        read = {c.text.lstrip("+-") for c in report.claims}
        figures = re.findall(r"[+-]?\d[\d,]*\.\d+%?", text)
        assert figures and {f.lstrip("+-") for f in figures} <= read, (symbol, day, text)
        checked += 1
    assert checked >= 8


def test_markdown_image_and_its_figures_in_an_article(rut: WeeklyIndexBrief) -> None:
    line = markdown_image(rut, "rut-2025-08-08.png")
    assert line == f"![{alt_text(rut)}](rut-2025-08-08.png)"
    report = check_text(f"# Small caps rally\n\n{line}\n", rut, strict=True)
    assert report.ok and len(report.claims) >= 8
    assert all(c.status is Status.VERIFIED for c in report.claims)
    assert markdown_image(rut, "my chart.png").endswith("](<my chart.png>)")


# --- matplotlib is optional -----------------------------------------------------------------


def test_missing_matplotlib_is_a_clear_error(
    rut: WeeklyIndexBrief, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    closes = _closes(rut, data_dir)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now fails
    with pytest.raises(ChartUnavailable, match=r"install writer\[chart\]") as exc:
        render_chart(rut, closes, tmp_path / "rut-2025-08-08")
    assert isinstance(exc.value, WriterError) and exc.value.exit_code == 2
    assert "\n" not in str(exc.value)
    assert list(tmp_path.iterdir()) == []


def test_module_imports_and_alt_text_work_without_matplotlib(data_dir: Path) -> None:
    code = (
        "import sys\n"
        "sys.modules['matplotlib'] = None\n"
        "import datetime as dt\n"
        "from pathlib import Path\n"
        "import writer.genres.weekly_index.chart as chart\n"
        "from writer.pipeline import open_source, weekly_brief\n"
        "src = open_source(Path(sys.argv[1]))\n"
        "b = weekly_brief('RUT', dt.date(2025, 8, 8), src)\n"
        "print(chart.alt_text(b)[:12])\n"
        "try:\n"
        "    chart.render_chart(b, src.history(*chart.history_request(b)), Path(sys.argv[2]))\n"
        "except chart.ChartUnavailable as exc:\n"
        "    print(exc.exit_code, exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(data_dir), "/nonexistent/rut"],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert out[0] == "Russell 2000"
    assert out[1].startswith("2 the chart needs matplotlib") and "install writer[chart]" in out[1]


def test_importing_the_module_does_not_import_matplotlib() -> None:
    code = "import sys, writer.genres.weekly_index.chart; print('matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True, text=True
    )
    assert out.stdout.strip() == "False"


def test_charts_drawn_by_threads_at_once_are_the_chart_drawn_alone(
    mpl: None, rut: WeeklyIndexBrief, data_dir: Path
) -> None:
    """A batch's --jobs threads draw charts at once; matplotlib's style is global state
    (`rc_context` sets and restores it), so drawings at once must not mix styles."""
    from concurrent.futures import ThreadPoolExecutor

    from writer.genres.weekly_index.chart import chart_bytes

    closes = _closes(rut, data_dir)
    alone = chart_bytes(rut, closes)
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda _i: chart_bytes(rut, closes), range(8)))
    assert all(pair == alone for pair in together)
    import matplotlib

    assert matplotlib.rcParams["font.size"] == matplotlib.rcParamsDefault["font.size"]
