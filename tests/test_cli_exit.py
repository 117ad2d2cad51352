"""The `writer` process ends with `os._exit` after a command (skipping the interpreter's
teardown): its exit codes, its whole output and a reader that goes away early must be what
a normal exit gives.  Run as real processes, since that is the only place it shows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from writer.cli import exit_code

WRITER = [sys.executable, "-c", "from writer.cli import main; main()"]


def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [*WRITER, *args], capture_output=True, text=True, env=os.environ.copy(), **kwargs
    )


def test_exit_codes_are_the_commands(data_dir: Path, tmp_path: Path) -> None:
    assert run("--version").returncode == 0
    missing = run("check", str(tmp_path / "nope.md"))
    assert missing.returncode == 2 and "nope.md" in missing.stderr
    out = tmp_path / "out"
    drafted = run(
        "draft", "RUT", "--week", "2025-08-08", "--offline", "--no-chart", "--quiet",
        "--data-dir", str(data_dir), "--out", str(out),
    )  # fmt: skip
    assert drafted.returncode == 0, drafted.stderr
    article = Path(drafted.stdout.strip())
    assert run("check", str(article), "--data-dir", str(data_dir)).returncode == 0
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("2,218.42", "2,281.42", 1), encoding="utf-8")
    wrong = run("check", str(article), "--data-dir", str(data_dir))
    assert wrong.returncode == 1 and "2,281.42" in wrong.stdout


def test_the_whole_output_reaches_a_pipe() -> None:
    schema = run("check", "--schema")
    assert schema.returncode == 0
    parsed = json.loads(schema.stdout)  # every byte arrived: it parses
    packaged = Path(__file__).resolve().parents[1] / "factcheck" / "report.schema.json"
    assert parsed == json.loads(packaged.read_text(encoding="utf-8"))


def test_a_reader_that_goes_away_is_no_traceback(data_dir: Path) -> None:
    # the brief's JSON (about 85 KB) is more than a pipe holds: the write meets a closed pipe
    brief = ["brief", "RUT", "--week", "2025-08-08", "--format", "json", "--data-dir"]
    with subprocess.Popen(
        [*WRITER, *brief, str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ.copy(),
    ) as pipe:
        assert pipe.stdout is not None and pipe.stderr is not None
        pipe.stdout.read(10)
        pipe.stdout.close()  # like `| head -c 10`
        err = pipe.stderr.read().decode()
        pipe.wait(timeout=30)
    assert "Traceback" not in err


@pytest.mark.parametrize(("code", "expected"), [(None, 0), (0, 0), (3, 3), ("bad", 1)])
def test_exit_code_is_what_sys_exit_gives(code: object, expected: int) -> None:
    assert exit_code(code) == expected
