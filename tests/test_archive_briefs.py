"""The fast brief path (`writer.series` windows of one conversion per symbol, trusted facts)
gives the very briefs of the reference path (`weekly_brief_by_slicing`: pandas slices per
figure, every row and fact validated): every fact, value, display, label and note, and the
same error with the same message where a week cannot be briefed.  Issue 12 made briefs fast
for archive gates; these tests are what allows it to touch numbers at all."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.brief import WeeklyIndexBrief
from tests import frame_oracle
from tests.conftest import SYNTHETIC
from tests.frame_oracle import weekly_brief_by_slicing
from writer import series
from writer.data.snapshot import SnapshotSource
from writer.errors import WriterError
from writer.pipeline import weekly_brief

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
SYMBOLS = ("RUT", "SPX", "COMP", "DJI", "HSI", "ASX200", "IWM")

Build = Callable[..., WeeklyIndexBrief]


def outcome(build: Build, symbol: str, day: dt.date, source: SnapshotSource) -> object:
    """The brief, or the error's type and message."""
    try:
        return build(symbol, day, source, now=NOW)
    except WriterError as exc:
        return (type(exc).__name__, exc.exit_code, str(exc))


def assert_same(fast: object, slow: object, where: str) -> None:
    if not isinstance(slow, WeeklyIndexBrief):
        assert fast == slow, where
        return
    assert isinstance(fast, WeeklyIndexBrief), (where, fast)
    if fast != slow:  # name the first differing fact, not two walls of text
        ours = {f.id: f for f in fast.facts}
        for fact in slow.facts:
            assert ours.get(fact.id) == fact, (where, fact.id)
        assert fast.provenance == slow.provenance, where
    assert fast == slow, where
    assert fast.model_dump() == slow.model_dump(), where
    assert fast.model_dump_json() == slow.model_dump_json(), where
    assert [f.model_fields_set for f in fast.facts] == [f.model_fields_set for f in slow.facts]
    # the trusted facts are what validation would have made of the same JSON
    assert WeeklyIndexBrief.model_validate_json(fast.model_dump_json()) == fast, where


def weeks(first: dt.date, last: dt.date, offset: int, every: int) -> list[dt.date]:
    """Every `every`th week from `first` (starting at `offset`), on a rotating weekday, plus
    the first weeks (too little history: notes, refusals) and every week at a year's turn
    (year to date, first session of the year, January's month to date)."""
    out = []
    day, i = first, 0
    while day <= last + dt.timedelta(days=7):
        edge = i < 6 or day.month in (1, 12) or day >= last - dt.timedelta(days=7)
        if edge or i % every == offset:
            out.append(day + dt.timedelta(days=i % 5))
        day += dt.timedelta(days=7)
        i += 1
    return out


def data_range(source: SnapshotSource, symbol: str) -> tuple[dt.date, dt.date]:
    from writer import symbols

    yahoo = symbols.resolve(symbol).yahoo
    index = source.history([yahoo], dt.date(1990, 1, 1), dt.date(2100, 1, 1))[yahoo].index
    return index[0].date(), index[-1].date()


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_fast_briefs_equal_sliced_ones_on_real_data(shared_data: Path, symbol: str) -> None:
    """Over two and a half years of each index (a third of the weeks, and all the edges),
    with peers dropped for lack of data (COMP's Nasdaq 100), unscheduled closures (HSI),
    data too short for 52 weeks (ASX200) and a stock (IWM)."""
    fast_source, slow_source = SnapshotSource(shared_data), SnapshotSource(shared_data)
    first, last = data_range(slow_source, symbol)
    days = weeks(first - dt.timedelta(days=first.weekday()), last, SYMBOLS.index(symbol) % 3, 3)
    briefs = 0
    for day in days:
        slow = outcome(weekly_brief_by_slicing, symbol, day, slow_source)
        assert_same(outcome(weekly_brief, symbol, day, fast_source), slow, f"{symbol} {day}")
        briefs += isinstance(slow, WeeklyIndexBrief)
    assert briefs > 30


def test_fast_briefs_equal_sliced_ones_on_synthetic_data(synthetic: Path) -> None:
    fast_source, slow_source = SnapshotSource(synthetic), SnapshotSource(synthetic)
    for symbol in ("RUT", "SPX", "HSI", "ASX200"):
        first, last = data_range(slow_source, symbol)
        for day in weeks(first, last, 1, 17):
            slow = outcome(weekly_brief_by_slicing, symbol, day, slow_source)
            assert_same(outcome(weekly_brief, symbol, day, fast_source), slow, f"{symbol} {day}")


def test_given_peers_are_kept_and_briefed_alike(shared_data: Path) -> None:
    """`writer check` passes every index an article names as a peer."""
    from writer import symbols

    peers = tuple(symbols.resolve(k) for k in ("DJI", "HSI", "NDX", "ASX200"))
    fast_source, slow_source = SnapshotSource(shared_data), SnapshotSource(shared_data)
    for day in (dt.date(2024, 7, 5), dt.date(2025, 1, 3), dt.date(2025, 8, 8)):
        slow = weekly_brief_by_slicing("RUT", day, slow_source, now=NOW, peers=peers)
        assert_same(weekly_brief("RUT", day, fast_source, now=NOW, peers=peers), slow, str(day))


def test_a_source_fetched_by_range_is_windowed_per_call(shared_data: Path) -> None:
    """A source that is not a plain snapshot (here a subclass, as a Yahoo cache would be) gets
    no series book: each call converts what `history` returned, with the same result."""

    class Fetched(SnapshotSource):
        pass

    fetched = Fetched(shared_data)
    assert series.book_for(fetched) is None
    for day in (dt.date(2024, 3, 8), dt.date(2025, 8, 8)):
        slow = weekly_brief_by_slicing("HSI", day, SnapshotSource(shared_data), now=NOW)
        assert_same(weekly_brief("HSI", day, fetched, now=NOW), slow, str(day))


def test_each_series_is_converted_once_per_source(
    shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    real = series.PriceSeries.__init__

    def counting(self: series.PriceSeries, frame: pd.DataFrame) -> None:
        made.append(len(frame))
        real(self, frame)

    monkeypatch.setattr(series.PriceSeries, "__init__", counting)
    source = SnapshotSource(shared_data)
    for i in range(40):
        weekly_brief("RUT", dt.date(2024, 9, 6) + dt.timedelta(weeks=i), source, now=NOW)
    assert len(made) == 3  # RUT, SPX, COMP: whole series, once each


# ---- data that cannot be right: the same refusal, by position ------------------------------

HEADER = "date,open,high,low,close,volume"


def edited(tmp_path: Path, edit: Callable[[list[str]], list[str]]) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(SYNTHETIC, folder)
    path = folder / "RUT.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER
    path.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    return folder


def set_cells(*changes: tuple[str, str, str]) -> Callable[[list[str]], list[str]]:
    def edit(lines: list[str]) -> list[str]:
        for day, column, value in changes:
            i = next(i for i, line in enumerate(lines) if line.startswith(day + ","))
            cells = lines[i].split(",")
            cells[HEADER.split(",").index(column)] = value
            lines[i] = ",".join(cells)
        return lines

    return edit


def drop(day: str) -> Callable[[list[str]], list[str]]:
    return lambda lines: [line for line in lines if not line.startswith(day + ",")]


@pytest.mark.parametrize(
    "edit",
    [
        set_cells(("2025-08-07", "close", "-5")),
        set_cells(("2025-08-07", "close", "inf")),
        set_cells(("2025-08-07", "close", "")),
        set_cells(("2025-08-05", "high", "1000")),
        # two bad rows: the first one in the window is named, as row-by-row validation does
        set_cells(("2025-03-03", "open", "1"), ("2025-08-05", "close", "99999")),
        set_cells(("2023-01-05", "close", "0")),  # before the window: harmless
        drop("2025-08-01"),  # no session before the week
        lambda lines: [*lines, "2025-08-01,,,,,0"],  # a holiday NaN row (and out of order)
    ],
    ids=["negative", "inf", "nan", "high<low", "first-of-two", "outside", "no-friday", "nan-row"],
)
def test_bad_data_is_refused_alike(tmp_path: Path, edit: Callable[[list[str]], list[str]]) -> None:
    folder = edited(tmp_path, edit)
    for day in (dt.date(2025, 8, 8), dt.date(2025, 8, 15), dt.date(2025, 3, 7)):
        slow = outcome(weekly_brief_by_slicing, "RUT", day, SnapshotSource(folder))
        assert_same(outcome(weekly_brief, "RUT", day, SnapshotSource(folder)), slow, str(day))


def test_a_missing_snapshot_is_refused_alike(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(SYNTHETIC, folder)
    (folder / "GSPC.csv").unlink()  # a peer: left out with a note
    (folder / "HSI.csv").unlink()  # the subject: refused
    for symbol in ("RUT", "HSI"):
        slow = outcome(weekly_brief_by_slicing, symbol, dt.date(2025, 8, 8), SnapshotSource(folder))
        fast = outcome(weekly_brief, symbol, dt.date(2025, 8, 8), SnapshotSource(folder))
        assert_same(fast, slow, symbol)


# ---- the pieces: list arithmetic that must agree with pandas and numpy ---------------------


@pytest.mark.parametrize(
    "day",
    [dt.date(2024, 2, 29), dt.date(2025, 3, 1), dt.date(2024, 12, 31), dt.date(2025, 1, 1)],
)
def test_one_year_before_is_pandas_date_offset(day: dt.date) -> None:
    assert series.one_year_before(day) == (pd.Timestamp(day) - pd.DateOffset(years=1)).date()


@given(st.lists(st.sampled_from([1.0, 2.0, 2.5, 3.0, 1e-300, 5e-324]), max_size=12))
def test_streak_on_lists_is_the_numpy_one(closes: list[float]) -> None:
    count = frame_oracle.streak(pd.Series(closes, dtype="float64"))
    assert series._run(closes) == count


def test_warm_briefs_builds_what_workers_share_and_changes_nothing(
    shared_data: Path, tmp_path: Path
) -> None:
    from writer.pipeline import warm_briefs

    source = SnapshotSource(shared_data)
    warm_briefs(source, ["RUT", "HSI", "NOT-A-TICKER", "NDX"])  # NDX has no snapshot: skipped
    book = series.book_for(source)
    assert book is not None
    assert {"^RUT", "^GSPC", "^IXIC", "^HSI", "^AXJO"} <= set(book._series)
    assert "^NDX" not in book._series
    warm_briefs(SnapshotSource(tmp_path), ["RUT"])  # an empty folder: nothing to warm, no error
    slow = weekly_brief_by_slicing("HSI", dt.date(2024, 3, 8), SnapshotSource(shared_data), NOW)
    assert_same(weekly_brief("HSI", dt.date(2024, 3, 8), source, now=NOW), slow, "HSI")


def test_a_remembered_week_is_still_refused_before_it_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo of `scheduled_week` answers only for a `now` at or after one it was given at."""
    import writer.pipeline
    from writer.calendar import scheduled_week
    from writer.errors import NoSessions
    from writer.pipeline import _scheduled_week

    monkeypatch.setattr(writer.pipeline, "_WEEKS", {})

    friday_after_close = dt.datetime(2025, 8, 8, 21, 0, tzinfo=dt.UTC)
    week = _scheduled_week("XNYS", dt.date(2025, 8, 6), friday_after_close)
    assert week == scheduled_week("XNYS", dt.date(2025, 8, 4), friday_after_close)
    later = friday_after_close + dt.timedelta(days=30)
    assert _scheduled_week("XNYS", dt.date(2025, 8, 8), later) is week
    with pytest.raises(NoSessions, match="not finished yet"):
        _scheduled_week("XNYS", dt.date(2025, 8, 4), dt.datetime(2025, 8, 6, 16, tzinfo=dt.UTC))
