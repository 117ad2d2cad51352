"""Output to a pipe or a file is at full width, as a real `writer` process writes it: rich
gives anything but a terminal 80 columns, which cut fact ids (`RUT.close.2025-08-…`) and broke
progress lines in a log file, so `grep` missed them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

WRITER = [sys.executable, "-c", "from writer.cli import main; main()"]
LONG_ERROR = "the endpoint refused the request: " + "x" * 150 + " (end of the error)"


def run(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    if home is not None:
        env["WRITER_HOME"] = str(home)
    return subprocess.run([*WRITER, *args], capture_output=True, text=True, env=env, check=False)


def test_brief_table_to_a_pipe_has_whole_fact_ids(synthetic: Path) -> None:
    done = run("brief", "RUT", "--week", "2025-08-08", "--data-dir", str(synthetic))
    assert done.returncode == 0, done.stderr
    assert "…" not in done.stdout
    rows = [line for line in done.stdout.splitlines() if "RUT.close.2025-08-08 " in line]
    assert len(rows) == 1 and rows[0].split("│")[4].strip() == "Russell 2000 close Fri Aug 8"


def test_brief_json_to_a_pipe_parses(synthetic: Path) -> None:
    done = run(
        "brief", "RUT", "--week", "2025-08-08", "--data-dir", str(synthetic), "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    assert "RUT.close.2025-08-08" in {fact["id"] for fact in json.loads(done.stdout)["facts"]}


def _logged_call(home: Path) -> int:
    from writer.auditlog import AuditLog

    return AuditLog(home / "audit.sqlite").record(
        run_id="r1", subject="RUT", week="2025-08-08", attempt=1, purpose="draft",
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Write"}],
        response_text=None, prompt_tokens=None, completion_tokens=None, latency_ms=12.0,
        error=LONG_ERROR,
    )  # fmt: skip


def test_logs_to_a_pipe_are_not_truncated(tmp_path: Path) -> None:
    _logged_call(tmp_path)
    done = run("logs", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "…" not in done.stdout
    assert any(LONG_ERROR in line for line in done.stdout.splitlines())


def test_one_call_to_a_pipe_has_its_error_on_one_line_and_short_rules(tmp_path: Path) -> None:
    call = _logged_call(tmp_path)
    done = run("logs", "--show", str(call), home=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"error: {LONG_ERROR}" in lines
    rules = [line for line in lines if "response" in line and "─" in line]
    assert len(rules) == 1 and len(rules[0]) == 80


def test_progress_lines_in_a_log_file_are_not_wrapped(synthetic: Path, tmp_path: Path) -> None:
    out = tmp_path / ("a-folder-name-long-enough-that-the-progress-line-is-past-80-columns")
    log = tmp_path / "draft.log"
    with log.open("w") as stderr:
        done = subprocess.run(
            [*WRITER, "draft", "RUT", "--week", "2025-08-08", "--offline", "--no-chart",
             "--data-dir", str(synthetic), "--out", str(out)],
            stdout=subprocess.PIPE, stderr=stderr, text=True, check=False,
            env={k: v for k, v in os.environ.items() if k != "COLUMNS"},
        )  # fmt: skip
    assert done.returncode == 0, log.read_text()
    article = out / "rut-2025-08-08.md"
    assert f"verified after 1 attempt: {article}" in log.read_text().splitlines()
