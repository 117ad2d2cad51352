"""Usage errors and unusable cached data as real processes: one `writer: ` line on stderr and
the documented exit code (2 usage, 3 data unusable), never a parser box or a traceback."""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

WRITER = Path(sys.executable).with_name("writer")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(WRITER), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def one_line(done: subprocess.CompletedProcess[str], code: int) -> str:
    assert done.returncode == code, (done.returncode, done.stderr)
    assert done.stderr.startswith("writer: ") and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    return done.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("draft",), "Missing argument 'symbol'. (see `writer draft --help`)"),
        (("logs", "--limit", "0"), "greater than or equal to 1 (see `writer logs --help`)"),
        (("nosuch",), "No such command 'nosuch'"),
    ],
)
def test_a_usage_error_is_one_line_and_exit_2(args: tuple[str, ...], says: str) -> None:
    assert says in one_line(run(*args), 2)


def test_help_still_exits_0() -> None:
    done = run("draft", "--help")
    assert done.returncode == 0 and "Usage" in done.stdout, done.stderr


def test_a_text_price_in_the_cache_is_exit_3_naming_the_row(data_dir: Path, tmp_path: Path) -> None:
    """A cache covering every symbol's whole snapshot (so nothing is fetched), one close of
    the week made text."""
    cache = tmp_path / "cache"
    cache.mkdir()
    db = sqlite3.connect(cache / "prices.sqlite")
    db.executescript(
        "CREATE TABLE bars (symbol TEXT NOT NULL, date TEXT NOT NULL, open REAL NOT NULL,"
        " high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL,"
        " PRIMARY KEY (symbol, date));"
        "CREATE TABLE coverage (symbol TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL,"
        " source TEXT NOT NULL, fetched_at TEXT NOT NULL);"
    )
    for path in data_dir.glob("*.csv"):
        symbol = path.stem if path.stem == "IWM" else "^" + path.stem
        with path.open() as f:
            rows = [
                (symbol, r["date"], *(r[k] for k in ("open", "high", "low", "close", "volume")))
                for r in csv.DictReader(f)
            ]
        db.executemany("INSERT INTO bars VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        db.execute(
            "INSERT INTO coverage VALUES (?, '2000-01-01', '2025-12-31', 'test', 'now')", (symbol,)
        )
    db.execute("UPDATE bars SET close = 'abc' WHERE symbol = '^RUT' AND date = '2025-08-06'")
    db.commit()
    db.close()
    done = run(
        "draft",
        "RUT",
        "--week",
        "2025-08-08",
        "--offline",
        "--out",
        str(tmp_path / "o"),
        env={"WRITER_CACHE_DIR": str(cache), "WRITER_DATA_DIR": ""},
    )
    assert "^RUT: 2025-08-06 close='abc'" in one_line(done, 3)


@pytest.mark.parametrize("kind", ["link", "file"])
def test_a_staging_name_taken_by_something_else_is_one_line_and_left_alone(
    data_dir: Path, tmp_path: Path, kind: str
) -> None:
    """`.rut-2025-08-08.staging` is writer's own folder: a symbolic link there (to a folder
    with files in it) or a file is refused in one line, exit 2, and nothing it points at is
    emptied or removed."""
    out = tmp_path / "articles"
    out.mkdir()
    elsewhere = tmp_path / "precious"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine\n")
    stage = out / ".rut-2025-08-08.staging"
    if kind == "link":
        stage.symlink_to(elsewhere, target_is_directory=True)
    else:
        stage.write_text("not a folder\n")
    done = run(
        "draft", "RUT", "--week", "2025-08-08", "--offline", "--no-chart", "--quiet",
        "--data-dir", str(data_dir), "--out", str(out),
    )  # fmt: skip
    says = one_line(done, 2)
    assert ".rut-2025-08-08.staging is " in says and "move it away" in says
    assert (elsewhere / "keep.txt").read_text() == "mine\n"
    assert stage.is_symlink() if kind == "link" else stage.read_text() == "not a folder\n"


@pytest.mark.parametrize(("sig", "code", "how"), [(15, 143, "SIGTERM"), (2, 130, "Ctrl-C")])
def test_a_batch_stopped_by_a_signal_says_what_it_did_and_resumes(
    data_dir: Path, tmp_path: Path, sig: int, code: int, how: str
) -> None:
    """SIGTERM (a cron job's timeout) or Ctrl-C mid-batch: the summary table of what was
    done, one line saying how to go on, the signal's exit code; the articles published are
    kept whole, and the same command again drafts only the rest."""
    import signal
    import time

    out = tmp_path / "articles"
    args = [
        str(WRITER), "draft", "RUT", "SPX", "COMP",
        "--weeks", "2024-01-05..2025-06-27", "--offline", "--no-chart",
        "--data-dir", str(data_dir), "--out", str(out),
    ]  # fmt: skip
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and len(list(out.glob("*.md"))) < 3:
        time.sleep(0.05)
    proc.send_signal(signal.Signals(sig))
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == code, stderr[-2000:]
    last = stderr.rstrip("\n").splitlines()[-1]
    assert last.startswith(f"writer: stopped by {how} after "), stderr[-2000:]
    assert "run the same command again to draft the rest" in last
    assert "articles" in stderr and "interrupted" in stderr and "Traceback" not in stderr
    published = [Path(p) for p in stdout.split()]
    assert published and all(p.is_file() for p in published)
    # every article on disk is in the list, those a stopped worker never reported too
    assert {p.name for p in published} == {p.name for p in out.glob("*.md")}
    assert not list(out.glob(".*.staging"))
    done = {p.name for p in out.glob("*.md")}
    again = subprocess.run([*args, "--quiet"], capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    redrafted = {Path(p).name for p in again.stdout.split()}
    assert redrafted and not redrafted & done  # only the rest
