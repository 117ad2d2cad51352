"""The audit log in a real SQLite file, and `writer logs` reading it."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from typer.testing import CliRunner

from writer.auditlog import AuditLog, default_log
from writer.cli import app


def add(log: AuditLog, attempt: int = 1, error: str | None = None) -> int:
    return log.record(
        run_id="r1",
        subject="RUT",
        week="2025-08-08",
        attempt=attempt,
        purpose="draft",
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Write é"}],
        response_text=None if error else "# Title",
        prompt_tokens=None if error else 1200,
        completion_tokens=None if error else 600,
        latency_ms=512.34,
        error=error,
    )


def test_record_verdict_and_read_back(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "deep" / "audit.sqlite")
    assert log.recent() == [] and log.count() == 0
    first = add(log)
    second = add(log, attempt=2, error="the LLM endpoint timed out")
    log.set_verdict(first, "rejected")
    newest, oldest = log.recent()
    assert (newest.id, oldest.id) == (second, first)
    assert oldest.verdict == "rejected" and oldest.messages == [
        {"role": "user", "content": "Write é"}
    ]
    assert oldest.prompt_tokens == 1200 and oldest.latency_ms == 512.3
    assert newest.error == "the LLM endpoint timed out" and newest.response_text is None
    with sqlite3.connect(log.path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    conn.close()


def test_concurrent_writers(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit.sqlite")
    threads = [threading.Thread(target=lambda: [add(log) for _ in range(10)]) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert log.count() == 80


def test_default_log_lives_in_writer_home(tmp_path: Path) -> None:
    assert default_log().path == tmp_path / "home" / "audit.sqlite"


def test_logs_command_lists_calls(tmp_path: Path) -> None:
    runner = CliRunner()
    empty = runner.invoke(app, ["logs"])
    assert empty.exit_code == 0 and empty.stdout == "no LLM calls logged yet\n"
    log = default_log()
    call = add(log)
    log.set_verdict(call, "verified")
    add(log, attempt=2, error="refused")
    result = runner.invoke(app, ["logs", "--limit", "1"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "last 1 LLM calls" in result.stdout
    assert "refused" in result.stdout and "verified" not in result.stdout
    result = runner.invoke(app, ["logs"], env={"COLUMNS": "200"})
    assert "1200/600" in result.stdout and "verified" in result.stdout
    assert runner.invoke(app, ["logs", "--limit", "0"]).exit_code == 2


def test_logs_show_one_call() -> None:
    runner = CliRunner()
    call = add(default_log())
    result = runner.invoke(app, ["logs", "--show", str(call)], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert f"call {call} " in result.stdout and "attempt 1 retry 0 (draft)" in result.stdout
    assert "Write é" in result.stdout and "# Title" in result.stdout
    missing = runner.invoke(app, ["logs", "--show", "99"])
    assert missing.exit_code == 2
    assert missing.stderr == (
        f"writer: no call 99 in {default_log().path}; `writer logs` lists the ids\n"
    )


def test_threads_opening_a_new_audit_log_at_once_all_get_in(tmp_path: Path) -> None:
    """A batch's first calls come from many threads at once: each used to set up WAL mode
    and the schema itself, and some got "database is locked"."""
    log = AuditLog(tmp_path / "fresh" / "audit.sqlite")
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            log.ensure()
        except BaseException as exc:  # the test reports every failure
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert log.count() == 0
