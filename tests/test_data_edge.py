"""Issue 22, items 4 and 5: data that cannot be right is refused at the edge, and without
market data the gate gives no verdict.

Every case runs the installed `writer` in a process of its own, on real Yahoo rows copied
from ../shared/marketdata into a temporary folder (or a real SQLite price cache filled from
them), with the network shut: the proxies point at a closed local port, so a Yahoo request
fails at once.  Each refused case says one `writer:` line naming the symbol and the row, and
exits 3; with the flag that allows it, the run goes on and says so loudly on stderr.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

WRITER = str(Path(sys.executable).with_name("writer"))
WEEK = "2025-08-08"
#: a proxy on a port nothing listens on: every request fails at once
NO_NETWORK = "http://127.0.0.1:9"

Edit = Callable[[list[str]], list[str]]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = os.environ.copy()  # WRITER_CACHE_DIR / WRITER_HOME in tmp (conftest)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env[name] = NO_NETWORK
    for name in ("no_proxy", "NO_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(name, None)
    return subprocess.run(
        [WRITER, *args], capture_output=True, text=True, env=env, cwd=cwd, check=False, timeout=120
    )


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.stderr.startswith("writer: ") and done.stderr.count("\n") == 1, done.stderr
    return done.stderr


def snapshot(shared: Path, folder: Path, edit: Edit) -> Path:
    """RUT.csv of the real data with `edit` applied to its rows, and its peers as they are."""
    folder.mkdir()
    for peer in ("GSPC.csv", "IXIC.csv"):
        shutil.copy(shared / peer, folder / peer)
    header, *rows = (shared / "RUT.csv").read_text(encoding="utf-8").splitlines()
    (folder / "RUT.csv").write_text("\n".join([header, *edit(rows)]) + "\n", encoding="utf-8")
    return folder


def _at(rows: list[str], day: str) -> int:
    return next(i for i, row in enumerate(rows) if row.startswith(day + ","))


def drop(day: str) -> Edit:
    def edit(rows: list[str]) -> list[str]:
        del rows[_at(rows, day)]
        return rows

    return edit


def dates_as(fmt: str) -> Edit:
    def edit(rows: list[str]) -> list[str]:
        return [dt.date.fromisoformat(r[:10]).strftime(fmt) + r[10:] for r in rows]

    return edit


def copy_row(day: str, to: str) -> Edit:
    """A stray row: `day`'s prices again, dated `to`."""

    def edit(rows: list[str]) -> list[str]:
        i = _at(rows, day)
        rows.insert(i + 1, to + rows[i][10:])
        return rows

    return edit


def scaled_from(day: str, factor: float) -> Edit:
    """Every price from `day` on divided by `factor` (a scale break, an unadjusted split)."""

    def edit(rows: list[str]) -> list[str]:
        for i in range(_at(rows, day), len(rows)):
            cells = rows[i].split(",")
            cells[1:5] = [repr(float(c) / factor) for c in cells[1:5]]
            rows[i] = ",".join(cells)
        return rows

    return edit


def draft(folder: Path, out: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return run(
        "draft", "RUT", "--week", WEEK, "--offline", "--quiet", "--data-dir", str(folder),
        "--out", str(out), *flags,
    )  # fmt: skip


def brief(*flags: str) -> subprocess.CompletedProcess[str]:
    return run("brief", "RUT", "--week", WEEK, "--format", "json", *flags)


def refused(done: subprocess.CompletedProcess[str], out: Path | None = None) -> str:
    assert done.returncode == 3, (done.returncode, done.stderr)
    if out is not None:
        assert not out.exists() or not any(out.iterdir()), "nothing is written about bad data"
    return one_line(done)


# --- dates: one explicit format -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "first"),
    [("%d/%m/%Y", "03/07/2023"), ("%Y%m%d", "20230703"), ("%G-W%V-%u", "2023-W27-1")],
    ids=["day-first", "basic-iso", "iso-week"],
)
def test_dates_are_read_as_yyyy_mm_dd_only(
    shared_data: Path, tmp_path: Path, fmt: str, first: str
) -> None:
    """Before: DD/MM/YYYY was refused, but 20230703 crashed with pandas' OutOfBoundsDatetime
    traceback (numpy read it as the year 20230703) and 2023-W27-1 with numpy's ValueError."""
    folder = snapshot(shared_data, tmp_path / "data", dates_as(fmt))
    err = refused(draft(folder, tmp_path / "out"), tmp_path / "out")
    assert f"RUT.csv, line 2: date {first!r} is not written YYYY-MM-DD" in err
    assert "write every date as YYYY-MM-DD" in err
