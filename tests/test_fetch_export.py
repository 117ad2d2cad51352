"""`writer fetch --to-dir` never loses data: it merges with the snapshot already there."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import SYNTHETIC
from writer.cli import app

runner = CliRunner()
WEEK_ARGS = ("fetch", "RUT", "--start", "2025-08-01", "--end", "2025-08-08")


def _rows(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[1:]


def fetch(source: Path, target: Path, *extra: str) -> str:
    result = runner.invoke(
        app,
        [*WEEK_ARGS, "--data-dir", str(source), "--to-dir", str(target), *extra],
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_fetching_a_week_into_the_folder_it_came_from_keeps_every_row(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    shutil.copytree(SYNTHETIC, folder)
    before = _rows(folder / "RUT.csv")
    said = fetch(folder, folder)
    assert "(0 new, 0 changed" in said
    assert _rows(folder / "RUT.csv") == before  # not cut to the 6 fetched sessions


def test_new_rows_are_added_and_changed_rows_reported(tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.mkdir()
    full = _rows(SYNTHETIC / "RUT.csv")
    header = (SYNTHETIC / "RUT.csv").read_text(encoding="utf-8").splitlines()[0]
    kept = [r for r in full if r < "2025-08-05"]  # the target lacks Aug 5 onwards
    at = next(i for i, r in enumerate(kept) if r.startswith("2025-08-01"))
    cells = kept[at].split(",")
    cells[4] = str(float(cells[4]) + 1)  # and holds a different close for Aug 1
    kept[at] = ",".join(cells)
    (target / "RUT.csv").write_text("\n".join([header, *kept]) + "\n", encoding="utf-8")
    said = fetch(SYNTHETIC, target)
    assert "(4 new, 1 changed" in said  # Aug 5-8 added; Aug 1 revised to the source's value
    merged = _rows(target / "RUT.csv")
    assert len(merged) == len(kept) + 4
    source_aug1 = next(r for r in full if r.startswith("2025-08-01"))
    assert next(r for r in merged if r.startswith("2025-08-01")).split(",")[4] == _as_written(
        source_aug1.split(",")[4]
    )


def _as_written(text: str) -> str:
    return repr(float(text))


def test_replace_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    shutil.copytree(SYNTHETIC, folder)
    fetch(SYNTHETIC, folder, "--replace")
    assert len(_rows(folder / "RUT.csv")) == 6


def test_a_file_that_is_not_a_snapshot_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "t"
    target.mkdir()
    (target / "RUT.csv").write_text("my notes, not prices\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [*WEEK_ARGS, "--data-dir", str(SYNTHETIC), "--to-dir", str(target)],
    )
    assert result.exit_code == 2
    assert "--replace" in result.stderr and result.stderr.count("\n") == 1
    assert (target / "RUT.csv").read_text(encoding="utf-8") == "my notes, not prices\n"
