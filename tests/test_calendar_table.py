"""The session table is the exchange calendar's own answers, and its disk copy is used only
when it is the right one.

The table replaces the `exchange_calendars` object in every question writer asks (sessions
in a range, a session's close, the first and last session), so it is held here to the
library's answers for every exchange writer knows, and its stored copy is checked for the
ways a cache goes wrong: another library version, too old, corrupt, or not writable.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from writer import calendar
from writer.calendar import TABLE_MAX_AGE, SessionTable, _calendar, build_table, table_path
from writer.symbols import _INDICES

CODES = sorted({entity.calendar for _names, entity, _peers in _INDICES})


@pytest.fixture(autouse=True)
def fresh_tables() -> Iterator[None]:
    """Each test starts with no table in memory (the conftest gives it its own cache dir)."""
    _calendar.cache_clear()
    yield
    _calendar.cache_clear()


def _library(code: str) -> object:
    import exchange_calendars as xcals

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return xcals.get_calendar(code, start="2000-01-01")


@pytest.mark.parametrize("code", CODES)
def test_the_table_is_the_library_calendar(code: str) -> None:
    import pandas as pd

    from writer.calendar import UNSCHEDULED_CLOSURES

    cal = _library(code)
    table = _calendar(code)
    library = {ts.date() for ts in cal.sessions}  # type: ignore[attr-defined]
    # the library's sessions, and the days shut without notice that some of its releases
    # (4.13.3 on) drop as ad-hoc holidays: the exchange scheduled them
    shut = {d for d in UNSCHEDULED_CLOSURES.get(code, {}) if min(library) < d < max(library)}
    assert table.sessions == tuple(sorted(library | shut))
    assert table.first_session == cal.first_session.date()  # type: ignore[attr-defined]
    assert table.last_session == cal.last_session.date()  # type: ignore[attr-defined]
    for day in table.sessions[:: max(1, len(table.sessions) // 300)] + table.sessions[-5:]:
        if day not in library:
            continue
        expected = cal.session_close(pd.Timestamp(day)).to_pydatetime()  # type: ignore[attr-defined]
        assert table.close_of(day) == expected
        assert table.close_of(day).tzinfo is not None
    # ranges that start and end on sessions, on weekends, before the first, after the last
    first = table.first_session
    for start, days in ((first, 10), (dt.date(2024, 12, 21), 16), (dt.date(2025, 4, 12), 9)):
        end = start + dt.timedelta(days=days)
        found = cal.sessions_in_range(max(start, first), end)  # type: ignore[attr-defined]
        assert table.in_range(start, end) == tuple(ts.date() for ts in found)
    assert table.in_range(first - dt.timedelta(days=30), first - dt.timedelta(days=1)) == ()
    assert table.in_range(table.last_session + dt.timedelta(days=1), dt.date(2999, 1, 1)) == ()


def test_an_early_close_is_the_early_close() -> None:
    # the NYSE closed at 1 p.m. New York time on the day after Thanksgiving 2024
    assert _calendar("XNYS").close_of(dt.date(2024, 11, 29)) == dt.datetime(
        2024, 11, 29, 18, 0, tzinfo=dt.UTC
    )
    with pytest.raises(KeyError):
        _calendar("XNYS").close_of(dt.date(2024, 11, 28))  # Thanksgiving: no session


def test_the_table_is_stored_and_read_back_without_the_library() -> None:
    path = table_path("XNYS")
    assert not path.exists()
    built = _calendar("XNYS")
    assert path.is_file()
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["built"] == dt.date.today().isoformat()
    # a new process answers from the stored table and never imports exchange_calendars
    probe = (
        "import sys, datetime as dt\n"
        "from writer.calendar import scheduled_week, _calendar\n"
        "now = dt.datetime(2025, 9, 1, tzinfo=dt.UTC)\n"
        "week = scheduled_week('XNYS', dt.date(2025, 8, 8), now)\n"
        "print(','.join(d.isoformat() for d in week.sessions))\n"
        "print(len(_calendar('XNYS').sessions))\n"
        "print('exchange_calendars' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=os.environ.copy(), capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    sessions, count, imported = out.stdout.split()
    assert sessions == "2025-08-04,2025-08-05,2025-08-06,2025-08-07,2025-08-08"
    assert int(count) == len(built.sessions)
    assert imported == "False"


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda d: d | {"exchange_calendars": "0.0.1"}, id="another-version"),
        pytest.param(
            lambda d: (
                d | {"built": (dt.date.today() - TABLE_MAX_AGE - dt.timedelta(days=1)).isoformat()}
            ),
            id="too-old",
        ),
        pytest.param(lambda d: d | {"closes": d["closes"][:-1]}, id="cut-short"),
        pytest.param(lambda d: d | {"format": 0}, id="another-format"),
        pytest.param(lambda d: d | {"code": "XHKG"}, id="another-exchange"),
    ],
)
def test_a_stored_table_that_is_not_the_right_one_is_rebuilt(spoil: object) -> None:
    path = table_path("XNYS")
    right = _calendar("XNYS")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["first"] -= 7  # a spoiled table would also answer differently
    path.write_text(json.dumps(spoil(data)), encoding="utf-8")  # type: ignore[operator]
    _calendar.cache_clear()
    assert _calendar("XNYS") == right
    rewritten = json.loads(path.read_text(encoding="utf-8"))
    assert rewritten["first"] == right.first_session.toordinal()
    assert rewritten["built"] == dt.date.today().isoformat()


def test_a_corrupt_stored_table_is_rebuilt() -> None:
    path = table_path("XHKG")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00{not json")
    assert _calendar("XHKG").sessions[0] == dt.date(2000, 1, 3)
    assert json.loads(path.read_text(encoding="utf-8"))["code"] == "XHKG"


def test_a_cache_that_cannot_be_written_is_only_slower(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("WRITER_CACHE_DIR", str(blocker))
    week = calendar.scheduled_week(
        "XNYS", dt.date(2025, 8, 8), dt.datetime(2025, 9, 1, tzinfo=dt.UTC)
    )
    assert week.sessions[-1] == dt.date(2025, 8, 8)
    assert blocker.read_text(encoding="utf-8") == "not a directory"


def test_round_trip_keeps_every_session_and_close() -> None:
    table = build_table("XNYS")
    text = table.to_json(dt.date(2026, 1, 5), "9.9")
    again = SessionTable.from_json(text, "XNYS", "9.9", dt.date(2026, 1, 5))
    assert again == table
    assert SessionTable.from_json(text, "XNYS", "9.9", dt.date(2026, 3, 1)) is None  # too old
