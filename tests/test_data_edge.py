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
import hashlib
import json
import os
import re
import shutil
import sqlite3
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


# --- sessions against the exchange calendar -------------------------------------------------


def test_a_row_on_a_weekend_is_refused(shared_data: Path, tmp_path: Path) -> None:
    """Before: exit 0 and an article of the week to "Saturday's session"."""
    folder = snapshot(shared_data, tmp_path / "data", copy_row("2025-08-08", "2025-08-09"))
    err = refused(draft(folder, tmp_path / "out"), tmp_path / "out")
    assert "^RUT has a row for Sat Aug 09, 2025, a day XNYS did not trade" in err
    assert str(folder / "RUT.csv") in err and "--allow-gaps" in err


def test_a_missing_session_inside_the_week_is_refused(shared_data: Path, tmp_path: Path) -> None:
    """Before: exit 0, Thursday's change printed against Tuesday's close, the gap only a
    note inside the brief."""
    folder = snapshot(shared_data, tmp_path / "data", drop("2025-08-06"))
    err = refused(draft(folder, tmp_path / "out"), tmp_path / "out")
    assert "^RUT has no row for Wed Aug 06, 2025, a session XNYS scheduled" in err
    assert "--allow-gaps" in err


def test_a_missing_last_session_of_the_week_is_refused(shared_data: Path, tmp_path: Path) -> None:
    """Before: exit 0 and rut-2025-08-07.md, a week that ended on Thursday."""
    folder = snapshot(shared_data, tmp_path / "data", drop("2025-08-08"))
    err = refused(draft(folder, tmp_path / "out"), tmp_path / "out")
    assert "^RUT has no row for Fri Aug 08, 2025, a session XNYS scheduled" in err


def test_a_missing_session_in_the_52_week_window_is_refused(
    shared_data: Path, tmp_path: Path
) -> None:
    """Before: exit 0, the 52-week intraday high 2,449.86 instead of 2,466.49 (Nov 25, 2024,
    the row dropped)."""
    folder = snapshot(shared_data, tmp_path / "data", drop("2024-11-25"))
    err = refused(draft(folder, tmp_path / "out"), tmp_path / "out")
    assert "^RUT has no row for Mon Nov 25, 2024, a session XNYS scheduled" in err


def test_allow_gaps_goes_on_and_says_so_on_stderr(shared_data: Path, tmp_path: Path) -> None:
    folder = snapshot(shared_data, tmp_path / "data", drop("2025-08-06"))
    done = run("brief", "RUT", "--week", WEEK, "--data-dir", str(folder), "--allow-gaps")
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("writer: warning: ")
    assert "^RUT has no row for Wed Aug 06, 2025, a session XNYS scheduled" in done.stderr
    assert "kept by --allow-gaps" in done.stderr
    weekend = snapshot(shared_data, tmp_path / "weekend", copy_row("2025-08-08", "2025-08-09"))
    done = run("brief", "RUT", "--week", WEEK, "--data-dir", str(weekend), "--allow-gaps")
    assert done.returncode == 0, done.stderr
    assert "a row for Sat Aug 09, 2025, a day XNYS did not trade" in done.stderr


def test_a_known_unscheduled_closure_is_no_gap_an_unknown_one_is(
    shared_data: Path, tmp_path: Path
) -> None:
    """The real data: Hong Kong shut for Typhoon Saola (Fri Sep 1, 2023) and a black
    rainstorm (Fri Sep 8, 2023), days its calendar scheduled; the weeks around them are still
    briefed, quietly.  The Monday between them, a session Hong Kong held, is a gap."""
    for day in ("2023-09-07", "2023-09-15", "2024-08-30"):
        done = run("brief", "HSI", "--week", day, "--data-dir", str(shared_data))
        assert done.returncode == 0, (day, done.stderr)
        assert done.stderr == ""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("GSPC.csv", "AXJO.csv"):
        shutil.copy(shared_data / name, folder / name)
    rows = (shared_data / "HSI.csv").read_text(encoding="utf-8").splitlines()
    (folder / "HSI.csv").write_text(
        "\n".join(r for r in rows if not r.startswith("2023-09-04,")) + "\n", encoding="utf-8"
    )
    done = run("brief", "HSI", "--week", "2023-09-07", "--data-dir", str(folder))
    assert "^HSI has no row for Mon Sep 04, 2023, a session XHKG scheduled" in refused(done)


# --- moves beyond a bound -------------------------------------------------------------------


def test_a_scale_break_is_refused(shared_data: Path, tmp_path: Path) -> None:
    """Before: exit 0 and "The Russell 2000 (RUT) sank 89.76%" over the week."""
    folder = snapshot(shared_data, tmp_path / "data", scaled_from("2025-08-04", 10))
    err = refused(draft(folder, tmp_path / "out"), tmp_path / "out")
    assert "^RUT closed at 221.23 on Mon Aug 04, 2025, -89.79% from 2,166.78 on Fri Aug 01" in err
    assert "more than the 25% an index moves in a day" in err
    assert "--max-move" in err


def test_max_move_lets_a_real_move_through(shared_data: Path, tmp_path: Path) -> None:
    folder = snapshot(shared_data, tmp_path / "data", scaled_from("2025-08-04", 10))
    done = run("brief", "RUT", "--week", WEEK, "--data-dir", str(folder), "--max-move", "95")
    assert done.returncode == 0, done.stderr
    done = run("brief", "RUT", "--week", WEEK, "--data-dir", str(folder), "--max-move", "0")
    assert done.returncode == 2
    assert one_line(done).startswith("writer: --max-move must be more than 0")


# --- the price cache, checked the same way --------------------------------------------------


def _cache(shared: Path, cache_dir: Path) -> Path:
    """The real SQLite price cache, filled from the real rows (as `writer fetch` would from
    Yahoo), covering the year before the week."""
    from writer.data.cache import CachedSource
    from writer.data.snapshot import SnapshotSource

    path = cache_dir / "prices.sqlite"
    CachedSource(SnapshotSource(shared), path).history(
        ["^RUT", "^GSPC", "^IXIC"], dt.date(2024, 6, 1), dt.date(2025, 8, 31)
    )
    return path


def test_a_bar_deleted_from_the_cache_is_refused(shared_data: Path) -> None:
    """Before: exit 0, the missing Wednesday taken for a holiday."""
    path = _cache(shared_data, Path(os.environ["WRITER_CACHE_DIR"]))
    assert brief().returncode == 0  # the cache alone serves the week: no network needed
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM bars WHERE symbol = '^RUT' AND date = '2025-08-06'")
    db.close()
    err = refused(brief())
    assert f"the price cache {path}" in err
    assert "^RUT has no row for Wed Aug 06, 2025, a session XNYS scheduled" in err
    assert "delete it" in err and "--allow-gaps" in err


def test_a_weekend_bar_in_the_cache_is_refused(shared_data: Path) -> None:
    path = _cache(shared_data, Path(os.environ["WRITER_CACHE_DIR"]))
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO bars SELECT symbol, '2025-08-09', open, high, low, close, volume "
            "FROM bars WHERE symbol = '^RUT' AND date = '2025-08-08'"
        )
    db.close()
    err = refused(brief())
    assert "^RUT has a row for Sat Aug 09, 2025, a day XNYS did not trade" in err


# --- no data, no verdict --------------------------------------------------------------------


def _tampered(shared: Path, out: Path) -> Path:
    """An article and its sidecar brief edited to the same wrong close, the hash re-pinned."""
    done = draft(shared, out)
    assert done.returncode == 0, done.stderr
    article = out / f"rut-{WEEK}.md"
    sidecar = out / f"rut-{WEEK}.brief.json"
    text = article.read_text(encoding="utf-8")
    assert "closing Friday's session at 2,218.42" in text
    body = sidecar.read_text(encoding="utf-8")
    sidecar.write_text(
        body.replace("2218.419921875", "2281.419921875").replace("2,218.42", "2,281.42"),
        encoding="utf-8",
    )
    digest = hashlib.sha256(sidecar.read_bytes()).hexdigest()
    text = re.sub(r"(?m)^brief_sha256: .*$", f"brief_sha256: {digest}", text)
    article.write_text(text.replace("2,218.42", "2,281.42"), encoding="utf-8")
    return article


def test_without_market_data_the_gate_gives_no_verdict(shared_data: Path, tmp_path: Path) -> None:
    """Before: exit 0, "checked against the article's own brief only"."""
    article = _tampered(shared_data, tmp_path / "out")
    done = run("check", str(article))  # no --data-dir: Yahoo, unreachable
    err = refused(done)
    assert done.stdout == ""
    assert err.startswith(f"writer: {article}: no market data to check it against")
    assert "cannot reach Yahoo Finance" in err or "Yahoo Finance" in err
    assert "--data-dir" in err and "--trust-sidecar" in err
    as_json = run("check", str(article), "--format", "json")
    assert as_json.returncode == 3 and as_json.stdout == ""
    # with the data, the wrong close is caught
    checked = run("check", str(article), "--data-dir", str(shared_data))
    assert checked.returncode == 1, checked.stderr


def test_trust_sidecar_is_an_explicit_opt_in_said_in_the_report(
    shared_data: Path, tmp_path: Path
) -> None:
    article = _tampered(shared_data, tmp_path / "out")
    done = run("check", str(article), "--trust-sidecar")
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith(
        "checked against the article's own brief only, trusted by --trust-sidecar: no market "
        "data being available)"
    )
    report = json.loads(run("check", str(article), "--trust-sidecar", "--format", "json").stdout)
    assert "trusted by --trust-sidecar" in report[0]["checked_against"]


def test_trust_sidecar_never_trusts_past_data_that_cannot_be_right(
    shared_data: Path, tmp_path: Path
) -> None:
    """The data is there and has a hole: refused, the sidecar is not a way around it."""
    article = _tampered(shared_data, tmp_path / "out")
    folder = snapshot(shared_data, tmp_path / "data", drop("2025-08-06"))
    done = run("check", str(article), "--trust-sidecar", "--data-dir", str(folder))
    err = refused(done)
    assert err.startswith(f"writer: {article}: {folder / 'RUT.csv'}: ^RUT has no row for Wed")


def test_several_files_without_market_data_each_get_no_data(
    shared_data: Path, tmp_path: Path
) -> None:
    article = _tampered(shared_data, tmp_path / "out")
    other = tmp_path / "out" / "copy.md"
    other.write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copy(article.with_suffix(".brief.json"), other.with_suffix(".brief.json"))
    done = run("check", str(article), str(other), "--format", "json")
    assert done.returncode == 3, done.stderr
    reports = json.loads(done.stdout)
    assert [r["claims"][0]["status"] for r in reports] == ["no_data", "no_data"]
    assert all("--trust-sidecar" in r["claims"][0]["message"] for r in reports)


@pytest.mark.parametrize("command", ["brief", "draft", "check"])
def test_the_flags_are_in_the_help(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0, done.stderr
    help_text = " ".join(done.stdout.split())
    assert "--allow-gaps" in help_text and "--max-move PCT" in help_text
    assert ("--trust-sidecar" in help_text) == (command == "check")
