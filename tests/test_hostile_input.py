"""Hostile and careless input: each case is one `writer: ` line with its documented exit code
(2 input, 3 data, 4 LLM), no traceback, no secret and no escape sequence in any output."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.llm_server import LLMServer, Reply, closed_port, serve
from writer.cli import app

runner = CliRunner()
WEEK = ("--week", "2025-08-08")


def one_line(result: Result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.stderr, result.exception)
    assert result.stderr.startswith("writer: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    return result.stderr


def draft(data_dir: Path, out: Path, *args: str) -> Result:
    return runner.invoke(
        app, ["draft", "RUT", *WEEK, "--data-dir", str(data_dir), "--out", str(out), *args]
    )


@pytest.mark.parametrize(
    ("week", "says"),
    [
        ("0001-01-05", "before the XNYS calendar starts"),
        ("1990-01-05", "before the XNYS calendar starts"),
        ("9999-01-05", "beyond the XNYS calendar"),
        ("9999-12-31", "beyond the XNYS calendar"),  # its week's Sunday is past date.max
    ],
)
def test_weeks_far_outside_the_calendar(
    data_dir: Path, tmp_path: Path, week: str, says: str
) -> None:
    result = runner.invoke(
        app,
        [
            "draft",
            "RUT",
            "--week",
            week,
            "--offline",
            "--data-dir",
            str(data_dir),
            "--out",
            str(tmp_path),
        ],
    )
    assert says in one_line(result, 2)
    article = tmp_path / "far.md"
    article.write_text(
        f"---\nticker: RUT\nweek: {week}\n---\nThe Russell 2000 closed at 2,000.00.\n"
    )
    checked = runner.invoke(app, ["check", str(article), "--data-dir", str(data_dir)])
    assert says in one_line(checked, 2)


def test_front_matter_nested_thousands_deep(data_dir: Path, tmp_path: Path) -> None:
    article = tmp_path / "deep.md"
    article.write_text(
        "---\na: " + "[" * 5000 + "]" * 5000 + "\nticker: RUT\nweek: 2025-08-08\n---\n"
        "The Russell 2000 rose 2.38% this week.\n"
    )
    result = runner.invoke(app, ["check", str(article), "--data-dir", str(data_dir)])
    assert "nested too deeply" in one_line(result, 2)


def test_a_million_digit_number_is_just_a_wrong_figure(data_dir: Path, tmp_path: Path) -> None:
    article = tmp_path / "big.md"
    article.write_text("The Russell 2000 rose " + "9" * 1_000_001 + "% in the week to Aug 8, 2025.")
    result = runner.invoke(app, ["check", str(article), "--data-dir", str(data_dir)])
    assert result.exit_code in (1, 2) and "Traceback" not in result.stderr
    assert result.stderr == "" or result.stderr.count("\n") == 1


def test_a_corrupt_price_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "prices.sqlite").write_text("not a database")
    monkeypatch.setenv("WRITER_CACHE_DIR", str(cache))
    result = runner.invoke(app, ["draft", "RUT", *WEEK, "--offline", "--out", str(tmp_path / "o")])
    assert "delete it (it only keeps downloads)" in one_line(result, 3)


def test_a_corrupt_audit_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "audit.sqlite").write_text("not a database")
    monkeypatch.setenv("WRITER_HOME", str(home))
    assert "cannot use the audit log" in one_line(runner.invoke(app, ["logs"]), 2)


def test_an_unwritable_price_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("WRITER_CACHE_DIR", str(blocker / "cache"))  # under a file: no folder
    result = runner.invoke(app, ["draft", "RUT", *WEEK, "--offline", "--out", str(tmp_path / "o")])
    assert "WRITER_CACHE_DIR" in one_line(result, 3)


def test_a_damaged_row_in_the_audit_log_is_shown_not_fatal(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{closed_port()}/v1")
    monkeypatch.setenv("WRITER_LLM_RETRIES", "0")
    one_line(draft(data_dir, tmp_path / "o"), 4)
    db = Path(os.environ["WRITER_HOME"]) / "audit.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE llm_calls SET request_json = '{not json', latency_ms = 'abc', "
            "prompt_tokens = 'x', created_at = 5"
        )
    listing = runner.invoke(app, ["logs"])
    shown = runner.invoke(app, ["logs", "--show", "1"])
    assert listing.exit_code == 0 and shown.exit_code == 0, (listing.stderr, shown.stderr)
    assert "the stored request is not JSON" in shown.stdout


@pytest.mark.parametrize("value", ["inf", "nan", "1e9", "-1", "soon"])
def test_an_unusable_llm_timeout(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{closed_port()}/v1")
    monkeypatch.setenv("WRITER_LLM_TIMEOUT", value)
    assert "WRITER_LLM_TIMEOUT" in one_line(draft(data_dir, tmp_path / "o"), 2)


# --- no secret in any output -----------------------------------------------------------------

PASSWORD = "pw-Tr0ub4dor-3"
KEY = "qk-correct-horse-battery"


@pytest.fixture
def secret_endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"http://svc:{PASSWORD}@127.0.0.1:{closed_port()}/v1?api-key={KEY}"
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    monkeypatch.setenv("WRITER_LLM_RETRIES", "1")
    yield url


def _audit_bytes(home: Path) -> bytes:
    db = home / "audit.sqlite"
    assert db.is_file()
    with sqlite3.connect(db) as conn:  # every stored text, as the log holds it
        rows = conn.execute("SELECT * FROM llm_calls").fetchall()
    return repr(rows).encode() + db.read_bytes()


def test_credentials_in_the_base_url_are_never_shown_or_stored(
    data_dir: Path, tmp_path: Path, secret_endpoint: str
) -> None:
    result = draft(data_dir, tmp_path / "o")
    line = one_line(result, 4)
    assert "***" in line
    logs = runner.invoke(app, ["logs"])
    shown = runner.invoke(app, ["logs", "--show", "1"])
    for text in (result.stdout, result.stderr, logs.stdout, shown.stdout):
        assert PASSWORD not in text and KEY not in text
    import os

    stored = _audit_bytes(Path(os.environ["WRITER_HOME"]))
    assert PASSWORD.encode() not in stored and KEY.encode() not in stored


# --- no escape sequence reaches the terminal ---------------------------------------------------

ESC = "\x1b]0;pwned\x07\x1b[31m"


def test_escape_sequences_in_an_article_are_shown_escaped(data_dir: Path, tmp_path: Path) -> None:
    article = tmp_path / "esc.md"
    article.write_text(f"The Russell 2000 {ESC}rose 9.99% in the week to Aug 8, 2025.\n")
    result = runner.invoke(app, ["check", str(article), "--data-dir", str(data_dir)])
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b]0;pwned\\x07" in result.stdout
    github = runner.invoke(
        app, ["check", str(article), "--data-dir", str(data_dir), "--format", "github"]
    )
    assert "\x1b" not in github.stdout


def test_escape_sequences_in_a_reply_are_not_replayed_by_writer_logs(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serve(Reply(text=f"{ESC}not an article")) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        monkeypatch.setenv("WRITER_LLM_RETRIES", "0")
        one_line(draft(data_dir, tmp_path / "o", "--quiet"), 1)  # rejected: not an article
    shown = runner.invoke(app, ["logs", "--show", "1"])
    assert shown.exit_code == 0, shown.stderr
    assert "\x1b" not in shown.stdout and "\\x1b" in shown.stdout


# --- a server that trickles its answer --------------------------------------------------------


def test_a_trickling_server_cannot_hold_a_draft_past_the_timeout(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each byte comes well inside the per-read timeout; the whole answer would take hours.
    The request's deadline ends it (the test finishing at all is the point)."""
    server: LLMServer
    with serve(Reply(text="The Russell 2000 rose. " * 100, trickle=0.2)) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        monkeypatch.setenv("WRITER_LLM_TIMEOUT", "1")
        monkeypatch.setenv("WRITER_LLM_RETRIES", "0")
        line = one_line(draft(data_dir, tmp_path / "o"), 4)
    assert "did not answer within 1 s" in line


def test_a_huge_reply_is_cut_off_at_the_cap_not_checked(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from writer.draft.llm import MAX_REPLY_BYTES

    with serve(Reply(text="The Russell 2000 rose 2.38%. " * (MAX_REPLY_BYTES // 20))) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        monkeypatch.setenv("WRITER_LLM_RETRIES", "0")
        line = one_line(draft(data_dir, tmp_path / "o"), 4)
    assert "sent more than any article needs" in line
    assert server.requests[0].body["max_tokens"] == 4096  # the reply was bounded up front too
