"""The LLM audit log: every call to a model, kept in SQLite at `data_home()/audit.sqlite`.

Why: an article that went out is only as trustworthy as what we can show about how it was
made.  Each call records the exact request messages, the response text, the model, token
counts, latency, which attempt of the repair loop it was, the checker's verdict on it and
the error if the call failed, so a bad article (or a bill) can be traced back to its calls.

Each operation opens and closes its own connection: calls may come from several threads
(the throughput benchmark drafts concurrently) and SQLite connections must not be shared
across threads.  WAL mode lets readers (`writer logs`) run while a draft is being written.
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from writer.errors import BadInput

if TYPE_CHECKING:
    from rich.console import Console

#: Stored as `PRAGMA user_version`; bump it (and migrate) when the table changes.
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS llm_calls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    run_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    week TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    retry INTEGER NOT NULL DEFAULT 0,
    purpose TEXT NOT NULL,
    model TEXT NOT NULL,
    request_json TEXT NOT NULL,
    response_text TEXT,
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    latency_ms REAL NOT NULL,
    verdict TEXT,
    error TEXT
);
CREATE INDEX IF NOT EXISTS llm_calls_run ON llm_calls (run_id);
"""


#: Audit logs whose schema this process has set up (once per file and process).
_READY: set[str] = set()
_SETUP = threading.Lock()
#: This process's open connection to each log file: (pid, inode, connection, its lock).
_OPEN: dict[str, tuple[int, int, sqlite3.Connection, threading.Lock]] = {}
_OPENING = threading.Lock()
_RETIRED: list[sqlite3.Connection] = []


@contextmanager
def _open_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """The process's connection to `path` (opened, and the schema set up, on first use or
    when the file changed), held by the calling thread for the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = str(path.resolve())
    with _OPENING:
        try:
            inode = path.stat().st_ino
        except FileNotFoundError:
            inode = -1
        held = _OPEN.get(key)
        if held is not None and (held[0] != os.getpid() or held[1] != inode):
            del _OPEN[key]
            if held[0] == os.getpid():  # a parent process's is never touched
                _RETIRED.append(held[2])  # another thread may still be using it: closed at exit
            held = None
        if held is None:
            if inode == -1:
                _READY.discard(key)  # removed since: set it up again
            conn = sqlite3.connect(path, timeout=30, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            if key not in _READY:  # once per file and process: each is a write
                _set_up(conn, key)
            held = _OPEN[key] = (os.getpid(), path.stat().st_ino, conn, threading.Lock())
    with held[3]:
        yield held[2]


def _forget(conn: sqlite3.Connection) -> None:
    with _OPENING:
        for key, held in list(_OPEN.items()):
            if held[2] is conn:
                del _OPEN[key]
                conn.close()


@atexit.register
def _close_all() -> None:
    """Close what this process opened (a forked worker's are its own)."""
    with _OPENING:
        for key, held in list(_OPEN.items()):
            if held[0] == os.getpid():
                held[2].close()
            del _OPEN[key]
        for conn in _RETIRED:
            conn.close()
        _RETIRED.clear()


def _set_up(conn: sqlite3.Connection, key: str) -> None:
    """WAL mode and the schema, by one thread of the process at a time: switching the
    journal mode does not wait on SQLite's busy timeout, so threads racing to set it up
    (a batch's first calls) got "database is locked".  Another process doing the same is
    waited out for a few seconds."""
    with _SETUP:
        if key in _READY:
            return
        for wait in (0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 0.0):
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.executescript(_SCHEMA)
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or not wait:
                    raise
                time.sleep(wait)
        _READY.add(key)


@dataclass(frozen=True)
class CallRecord:
    """One model call as stored; `verdict` is filled in once the checker has judged it."""

    id: int
    created_at: str
    run_id: str
    subject: str
    week: str
    attempt: int
    retry: int
    purpose: str
    model: str
    messages: list[dict[str, Any]]
    response_text: str | None
    prompt_tokens: int | None
    completion_tokens: int | None
    latency_ms: float
    verdict: str | None
    error: str | None


class AuditLog:
    """Append-only log of LLM calls.  Cheap to construct; the file is created on first write."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A transaction on this process's one connection to the file, one thread at a time.

        Why one connection, kept open: opening and closing one per call made every close
        the last one, and SQLite checkpoints and deletes the WAL when the last connection
        closes (about 1.5 ms per call, two calls per draft).  Writers take turns anyway.
        The file is checked (inode) on every use: a log removed or replaced since is opened
        and set up again rather than written into an unlinked file."""
        try:
            with _open_lock(self.path) as conn:
                try:
                    with conn:
                        yield conn
                except sqlite3.Error:
                    _forget(conn)  # a connection that failed is not reused
                    raise
        except (sqlite3.Error, OSError) as exc:
            raise BadInput(
                f"cannot use the audit log {self.path} ({exc}); set WRITER_HOME "
                "to a writable folder"
            ) from None

    def ensure(self) -> None:
        """Create the log now, so an unwritable WRITER_HOME fails before a paid call."""
        with self._connect():
            pass

    def record(
        self,
        *,
        run_id: str,
        subject: str,
        week: str,
        attempt: int,
        purpose: str,
        model: str,
        messages: Sequence[dict[str, Any]],
        response_text: str | None,
        retry: int = 0,
        prompt_tokens: int | None,
        completion_tokens: int | None,
        latency_ms: float,
        error: str | None = None,
        verdict: str | None = None,
    ) -> int:
        """Store one call (successful or not) and return its id for `set_verdict`."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
        with self._connect() as conn:
            cursor = conn.execute(
                "INSERT INTO llm_calls (created_at, run_id, subject, week, attempt, retry, "
                "purpose, model, request_json, response_text, prompt_tokens, "
                "completion_tokens, latency_ms, verdict, error) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    now,
                    run_id,
                    subject,
                    week,
                    attempt,
                    retry,
                    purpose,
                    model,
                    json.dumps(list(messages), ensure_ascii=False),
                    response_text,
                    prompt_tokens,
                    completion_tokens,
                    round(latency_ms, 1),
                    verdict,
                    error,
                ),
            )
            row_id = cursor.lastrowid
        if row_id is None:  # pragma: no cover - sqlite always sets it after an INSERT
            raise RuntimeError("sqlite did not return a row id")
        return row_id

    def set_verdict(self, call_id: int, verdict: str) -> None:
        """The checker judges a draft after the call returned; attach its verdict to the call."""
        with self._connect() as conn:
            conn.execute("UPDATE llm_calls SET verdict = ? WHERE id = ?", (verdict, call_id))

    def recent(self, limit: int = 20) -> list[CallRecord]:
        """The newest `limit` calls, newest first.  An absent log is an empty list."""
        if not self.path.exists():
            return []
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT * FROM llm_calls ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        return [_to_record(row) for row in rows]

    def get(self, call_id: int) -> CallRecord | None:
        if not self.path.exists():
            return None
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM llm_calls WHERE id = ?", (call_id,)).fetchone()
        return None if row is None else _to_record(row)

    def count(self) -> int:
        if not self.path.exists():
            return 0
        with self._connect() as conn:
            (n,) = conn.execute("SELECT COUNT(*) FROM llm_calls").fetchone()
        return int(n)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _int(value: object) -> int | None:
    try:
        return None if value is None else int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _messages(value: object) -> list[dict[str, str]]:
    """The stored request's messages; a row damaged by hand or by another tool shows what
    is wrong with it instead of stopping `writer logs`."""
    try:
        loaded = json.loads(str(value))
    except ValueError:
        return [{"role": "?", "content": "(the stored request is not JSON)"}]
    if not isinstance(loaded, list) or not all(isinstance(m, dict) for m in loaded):
        return [{"role": "?", "content": "(the stored request is not a list of messages)"}]
    return loaded


def _to_record(row: sqlite3.Row) -> CallRecord:
    latency = row["latency_ms"]
    try:
        latency_ms = float(latency)
    except (TypeError, ValueError):
        latency_ms = 0.0
    return CallRecord(
        id=_int(row["id"]) or 0,
        created_at=_text(row["created_at"]),
        run_id=_text(row["run_id"]),
        subject=_text(row["subject"]),
        week=_text(row["week"]),
        attempt=_int(row["attempt"]) or 0,
        retry=_int(row["retry"]) or 0,
        purpose=_text(row["purpose"]),
        model=_text(row["model"]),
        messages=_messages(row["request_json"]),
        response_text=None if row["response_text"] is None else _text(row["response_text"]),
        prompt_tokens=_int(row["prompt_tokens"]),
        completion_tokens=_int(row["completion_tokens"]),
        latency_ms=latency_ms,
        verdict=None if row["verdict"] is None else _text(row["verdict"]),
        error=None if row["error"] is None else _text(row["error"]),
    )


def default_log() -> AuditLog:
    """The log under `data_home()` (moved with `WRITER_HOME`)."""
    from writer.places import data_home

    return AuditLog(data_home() / "audit.sqlite")


def print_calls(records: Sequence[CallRecord], console: Console | None = None) -> None:
    """`writer logs`: one row per call, newest first."""
    from rich.table import Table

    from writer.render import make_console

    console = console or make_console()
    if not records:
        console.print("no LLM calls logged yet")
        return
    table = Table(title=f"last {len(records)} LLM calls")
    for column in (
        "id",
        "when (UTC)",
        "article",
        "attempt",
        "retry",
        "purpose",
        "model",
        "tokens in/out",
        "ms",
        "verdict",
        "error",
    ):
        numeric = column in ("id", "attempt", "retry", "tokens in/out", "ms")
        table.add_column(column, justify="right" if numeric else "left")
    for r in records:
        tokens = f"{r.prompt_tokens}/{r.completion_tokens}" if r.prompt_tokens is not None else ""
        table.add_row(
            str(r.id),
            r.created_at[:19].replace("T", " "),
            f"{r.subject} {r.week}",
            str(r.attempt),
            str(r.retry),
            r.purpose,
            r.model,
            tokens,
            f"{r.latency_ms:.0f}",
            r.verdict or "",
            _shown(r.error or ""),
        )
    console.print(table)


def _shown(text: str) -> str:
    """What the terminal may be given: a model's reply or an error can hold escape sequences
    (and an older row a secret); neither reaches the screen."""
    from writer.redact import printable, redact

    return printable(redact(text))


def print_call(record: CallRecord, console: Console | None = None) -> None:
    """`writer logs --show ID`: the full request and response of one call, for an audit."""
    from rich.rule import Rule

    from writer.render import make_console

    console = console or make_console()
    rule = min(console.width, 80)  # a pipe's width is unlimited: a rule there is 80 wide
    tokens = (
        f"{record.prompt_tokens} prompt / {record.completion_tokens} completion tokens"
        if record.prompt_tokens is not None
        else "no token counts"
    )
    console.print(
        f"call {record.id}  {record.created_at}  {record.subject} {record.week}  "
        f"attempt {record.attempt} retry {record.retry} ({record.purpose})  "
        f"model {record.model}  {record.latency_ms:.0f} ms  {tokens}  "
        f"verdict {record.verdict or '-'}",
        markup=False,
        highlight=False,
    )
    if record.error:
        console.print(f"error: {_shown(record.error)}", markup=False, highlight=False)
    for message in record.messages:
        console.print(Rule(str(message.get("role", "?"))), width=rule)
        console.print(_shown(str(message.get("content", ""))), markup=False, highlight=False)
    console.print(Rule("response"), width=rule)
    console.print(
        _shown(record.response_text) if record.response_text is not None else "(none)",
        markup=False,
        highlight=False,
    )
