"""Market data that cannot be right is refused at the source edge: one line naming the symbol
and the row, exit 3, no brief and no article.  What is real and odd (holiday NaN rows, an
unscheduled closure) is handled.  Each case edits a copy of the synthetic snapshot."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SYNTHETIC
from writer.cli import app

runner = CliRunner()
WEEK = "2025-08-08"
HEADER = "date,open,high,low,close,volume"

Edit = Callable[[list[str]], list[str]]


def _row(lines: list[str], day: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(day + ","))


def _set(day: str, **prices: str) -> Edit:
    """Replace some prices of one row."""

    def edit(lines: list[str]) -> list[str]:
        i = _row(lines, day)
        cells = lines[i].split(",")
        for name, value in prices.items():
            cells[HEADER.split(",").index(name)] = value
        lines[i] = ",".join(cells)
        return lines

    return edit


def _duplicate(day: str, close: str | None) -> Edit:
    def edit(lines: list[str]) -> list[str]:
        i = _row(lines, day)
        copy = lines[i].split(",")
        if close is not None:
            copy[4] = close
        lines.insert(i + 1, ",".join(copy))
        return lines

    return edit


def _drop(day: str) -> Edit:
    def edit(lines: list[str]) -> list[str]:
        del lines[_row(lines, day)]
        return lines

    return edit


def snapshot(tmp_path: Path, edit: Edit) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(SYNTHETIC, folder)
    path = folder / "RUT.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER
    path.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    return folder


def draft(folder: Path, out: Path) -> tuple[int, str]:
    result = runner.invoke(
        app,
        [
            "draft",
            "RUT",
            "--week",
            WEEK,
            "--offline",
            "--quiet",
            "--data-dir",
            str(folder),
            "--out",
            str(out),
        ],
    )
    return result.exit_code, result.stderr


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (_duplicate("2025-08-06", "9999"), "2 different rows for 2025-08-06"),
        (_drop("2025-08-01"), "no row for Fri Aug 01, 2025, the session before the week"),
        (_set("2025-08-07", close="-5"), "on 2025-08-07 has a price of -5"),
        (_set("2025-08-07", close="0"), "on 2025-08-07 has a price of 0"),
        (_set("2025-08-07", close="inf"), "on 2025-08-07 has an infinite price"),
        (_set("2025-08-07", close=""), "on 2025-08-07 has no close"),
        (_set("2025-08-05", high="1000"), "on 2025-08-05 has a high (1,000.00) below the low"),
        (_set("2025-08-05", close="99999"), "on 2025-08-05 has a close (99,999.00) outside"),
        (_set("2025-03-03", open="1"), "on 2025-03-03 has an open (1.00) outside"),  # history
    ],
    ids=[
        "dup",
        "missing-friday",
        "negative",
        "zero",
        "inf",
        "nan",
        "high<low",
        "close>high",
        "history",
    ],
)
def test_data_that_cannot_be_right_is_refused(tmp_path: Path, edit: Edit, says: str) -> None:
    folder = snapshot(tmp_path, edit)
    out = tmp_path / "out"
    code, err = draft(folder, out)
    assert code == 3, err
    assert err.startswith("writer: ") and err.count("\n") == 1, err
    assert says in err and "^RUT" in err and "re-fetch" in err
    assert not out.exists() or not any(out.iterdir())  # nothing written about garbage


def test_a_repeated_identical_row_and_a_holiday_nan_row_are_harmless(tmp_path: Path) -> None:
    def edit(lines: list[str]) -> list[str]:
        lines = _duplicate("2025-08-06", None)(lines)
        lines.insert(_row(lines, "2025-07-07"), "2025-07-04,,,,,0")  # Yahoo's holiday row
        return lines

    code, err = draft(snapshot(tmp_path, edit), tmp_path / "out")
    assert code == 0, err


def test_an_unscheduled_closure_before_the_week_is_noted_not_refused(shared_data: Path) -> None:
    """Hong Kong shut for Typhoon Saola on Fri Sep 1, 2023, a day its calendar scheduled."""
    result = runner.invoke(
        app,
        [
            "brief",
            "HSI",
            "--week",
            "2023-09-07",
            "--data-dir",
            str(shared_data),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "Typhoon Saola, an unscheduled closure" in result.stdout
    assert "the weekly change is from Thu Aug 31" in result.stdout
