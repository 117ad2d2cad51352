"""A daily wrap is checked as of the session it reports, not the week's last session.

Russell 2000, week of Aug 4-8 2025: as of Tuesday Aug 5 the index was -0.20% on the year
and +2.72% on the week so far; as of Friday Aug 8, -0.53% and +2.38%.  A Tuesday wrap that
says "-0.20% this year" is right and one that says "-0.53%" is not, whether the session comes
from `--date`, the front matter's `date:` or the lede's "on Tuesday".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from writer.cli import app

runner = CliRunner()

TUESDAY_WRAP = (
    "Small caps rise again\n\n"
    "Small-cap stocks closed higher on Tuesday. The Russell 2000 rose 0.60% to 2,225.67, "
    "which leaves it {ytd} for the year to date.\n"
)


def check(path: Path, data_dir: Path, *extra: str) -> Any:
    return runner.invoke(
        app,
        ["check", str(path), "--ticker", "RUT", "--data-dir", str(data_dir), *extra],
    )


@pytest.mark.parametrize(
    ("ytd", "how", "ok"),
    [
        ("down 0.20%", ("--date", "2025-08-05"), True),
        ("down 0.53%", ("--date", "2025-08-05"), False),  # Friday's figure in Tuesday's wrap
        ("down 0.20%", ("--week", "2025-08-08"), True),  # "on Tuesday" in the lede
        ("down 0.53%", ("--week", "2025-08-08"), False),
    ],
)
def test_a_tuesday_wrap_is_checked_as_of_tuesday(
    data_dir: Path, tmp_path: Path, ytd: str, how: tuple[str, str], ok: bool
) -> None:
    path = tmp_path / "wrap.md"
    path.write_text(TUESDAY_WRAP.format(ytd=ytd), encoding="utf-8")
    result = check(path, data_dir, *how)
    assert result.exit_code == (0 if ok else 1), result.output
    assert "as of 2025-08-05" in result.stdout


def test_front_matter_date_places_the_session(data_dir: Path, tmp_path: Path) -> None:
    text = TUESDAY_WRAP.format(ytd="down 0.20%").replace("on Tuesday", "today")
    path = tmp_path / "wrap.md"
    path.write_text("---\ndate: 2025-08-05\n---\n" + text, encoding="utf-8")
    assert check(path, data_dir).exit_code == 0
    path.write_text(text, encoding="utf-8")  # no date, no weekday: the whole week
    result = check(path, data_dir, "--week", "2025-08-08")
    assert result.exit_code == 1, result.output
    assert "as of" not in result.stdout


WEEK_SO_FAR = (
    "# Small caps extend gains\n\n"
    "The Russell 2000 rose 0.60% to 2,225.67, leaving it up {wtd} for the week so far.\n"
)


@pytest.mark.parametrize(
    ("front", "extra", "wtd", "ok"),
    [
        ("date: 2025-08-05\n", (), "2.72%", True),  # the week to Tuesday's close
        ("date: 2025-08-05\n", (), "2.38%", False),  # Friday's weekly change
        ("", ("--date", "2025-08-05"), "2.72%", True),
        ("", ("--date", "2025-08-05"), "2.27%", False),
    ],
)
def test_a_wrap_with_ticker_and_week_in_its_front_matter_is_checked_as_of_its_date(
    data_dir: Path, tmp_path: Path, front: str, extra: tuple[str, ...], wtd: str, ok: bool
) -> None:
    """Front matter naming the ticker and the week took the weekly path and dropped both the
    front matter's `date:` and `--date` (and "the week so far" in the lede reads as a recap
    of the week): a correct Tuesday wrap failed against Friday's figures."""
    path = tmp_path / "wrap.md"
    head = f"---\nticker: RUT\nweek: 2025-08-08\n{front}---\n"
    path.write_text(head + WEEK_SO_FAR.format(wtd=wtd), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--data-dir", str(data_dir), *extra])
    assert result.exit_code == (0 if ok else 1), result.output
    assert "as of 2025-08-05" in result.stdout


def test_a_date_that_is_not_a_session_is_bad_input(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "wrap.md"
    path.write_text(TUESDAY_WRAP.format(ytd="down 0.20%"), encoding="utf-8")
    result = check(path, data_dir, "--date", "2025-08-09")
    assert result.exit_code == 2
    assert "Sat Aug 9, 2025 is not a XNYS session" in result.output


def test_a_later_dateline_in_a_wrap_is_not_an_error(data_dir: Path, tmp_path: Path) -> None:
    """Published the next morning: the page's date line is after the session reported."""
    path = tmp_path / "wrap.md"
    text = "Wednesday, August 6, 2025\n\n" + TUESDAY_WRAP.format(ytd="down 0.20%")
    path.write_text(text, encoding="utf-8")
    result = check(path, data_dir, "--week", "2025-08-08")
    assert result.exit_code == 0, result.output


def test_the_year_end_session_of_a_week_that_spans_two_years(
    data_dir: Path, tmp_path: Path
) -> None:
    """Week of Dec 30 2024 - Jan 3 2025: a year-end wrap is as of Tue Dec 31."""
    from writer.pipeline import open_source, weekly_brief

    brief = weekly_brief("RUT", dt.date(2024, 12, 31), open_source(data_dir))
    assert brief.week.sessions[-1] == dt.date(2025, 1, 3)
    path = tmp_path / "wrap.md"
    path.write_text("Small caps ended the last trading day of 2024 lower.\n", encoding="utf-8")
    result = check(path, data_dir, "--week", "2024-12-31")
    assert "as of 2024-12-31" in result.stdout, result.output
