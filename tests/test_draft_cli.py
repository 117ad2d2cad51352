"""`writer draft` in-process against a scripted local LLM server: the repair loop, the
outputs on disk, exit codes and the exact error lines."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.render import report_from_dict
from tests.llm_server import LLMServer, Reply, closed_port
from writer.auditlog import default_log
from writer.cli import app
from writer.data.snapshot import SnapshotSource
from writer.genres.weekly_index.offline import draft_offline

runner = CliRunner()
FRONT_MATTER_KEYS = [
    "title",
    "ticker",
    "week",
    "generated_at",
    "drafter",
    "model",
    "attempts",
    "verdict",
    "brief_sha256",
]
RIGHT = "closing Friday's session at 2,218.42"
WRONG = "closing Friday's session at 2,218.24"


@pytest.fixture(scope="module")
def good(rut: WeeklyIndexBrief) -> str:
    """A correct article: the offline drafter's, which writes only the brief's displays."""
    text = draft_offline(rut)
    assert RIGHT in text
    return text


@pytest.fixture(scope="module")
def wrong(good: str) -> str:
    """The same article with Friday's close mistyped (2,218.24 for 2,218.42)."""
    return good.replace(RIGHT, WRONG)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "articles"


def draft(out: Path, *args: str) -> Result:
    from tests.conftest import SHARED_DATA

    if not (SHARED_DATA / "RUT.csv").is_file():
        pytest.skip(f"real market data not found at {SHARED_DATA} (../shared/marketdata)")
    return runner.invoke(
        app,
        [
            "draft",
            "RUT",
            "--week",
            "2025-08-08",
            "--data-dir",
            str(SHARED_DATA),
            "--out",
            str(out),
            "--no-chart",  # the chart has its own tests (test_draft_chart.py)
            *args,
        ],
    )


def read_article(path: Path) -> tuple[dict[str, object], str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def test_correct_draft_passes_on_the_first_attempt(
    server: LLMServer, out: Path, good: str, rut: WeeklyIndexBrief
) -> None:
    server.enqueue(Reply(text=good))
    result = draft(out)
    assert result.exit_code == 0, result.stderr
    article = out / "rut-2025-08-08.md"
    assert result.stdout == f"{article}\n"
    assert sorted(p.name for p in out.iterdir()) == [
        "rut-2025-08-08.brief.json",
        "rut-2025-08-08.check.json",
        "rut-2025-08-08.md",
    ]
    meta, body = read_article(article)
    assert list(meta) == FRONT_MATTER_KEYS
    brief_bytes = (out / "rut-2025-08-08.brief.json").read_bytes()
    assert meta["ticker"] == "RUT" and meta["week"] == dt.date(2025, 8, 8)
    assert meta["drafter"] == "llm" and meta["model"] == "gpt-4o-mini"
    assert meta["attempts"] == 1 and meta["verdict"] == "verified"
    assert meta["brief_sha256"] == hashlib.sha256(brief_bytes).hexdigest()
    assert meta["title"] == good.splitlines()[0][2:]
    assert dt.datetime.fromisoformat(str(meta["generated_at"])).tzinfo is not None
    assert body.strip() == good.strip()
    assert WeeklyIndexBrief.model_validate_json(brief_bytes).facts == rut.facts
    report = report_from_dict(json.loads((out / "rut-2025-08-08.check.json").read_text()))
    assert report.ok and report.strict and report.source == "rut-2025-08-08.md"
    assert len(report.claims) > 20
    again = check_text(
        article.read_text(encoding="utf-8"), rut, source="rut-2025-08-08.md", strict=True
    )
    assert again == report, "the saved report is what checking the saved file gives"
    assert len(server.requests) == 1
    (call,) = default_log().recent()
    assert call.verdict == "verified" and call.attempt == 1 and call.purpose == "draft"
    assert call.response_text == good


def test_wrong_figure_is_repaired_on_the_second_attempt(
    server: LLMServer, out: Path, good: str, wrong: str
) -> None:
    server.enqueue(Reply(text=wrong), Reply(text=good))
    result = draft(out)
    assert result.exit_code == 0, result.stderr
    assert len(server.requests) == 2
    second = server.requests[1].messages
    assert [m["role"] for m in second] == ["system", "user", "assistant", "user"]
    assert second[2]["content"].strip() == wrong.strip()
    feedback = second[3]["content"]
    assert "You wrote: 2,218.24" in feedback
    assert "The data says: 2,218.42" in feedback
    assert WRONG in feedback  # the sentence is quoted
    meta, _ = read_article(out / "rut-2025-08-08.md")
    assert meta["attempts"] == 2 and meta["verdict"] == "verified"
    newest, oldest = default_log().recent()
    assert (oldest.purpose, oldest.verdict, oldest.attempt) == ("draft", "rejected", 1)
    assert (newest.purpose, newest.verdict, newest.attempt) == ("revise", "verified", 2)
    assert "attempt 1: 1 wrong figure" in result.stderr
    assert "asking for revision 2 of 3" in result.stderr


def test_model_that_never_fixes_it_is_rejected(server: LLMServer, out: Path, wrong: str) -> None:
    """The model sends the same draft back: the loop stops at the second attempt (a third
    call would cost as much for the same text) and keeps the draft with its report."""
    server.default = Reply(text=wrong)
    result = draft(out, "--quiet")
    assert result.exit_code == 1
    rejected, report_path = (
        out / "rut-2025-08-08.rejected.md",
        (out / "rut-2025-08-08.rejected.check.json"),
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "rut-2025-08-08.brief.json",
        "rut-2025-08-08.rejected.check.json",
        "rut-2025-08-08.rejected.md",
    ]
    report = report_from_dict(json.loads(report_path.read_text()))
    (error,) = report.errors
    lines = rejected.read_text(encoding="utf-8").splitlines()
    assert error.text in lines[error.line - 1], "line numbers count the front matter"
    assert (error.fact_id, error.expected) == ("RUT.close.2025-08-08", "2,218.42")
    assert result.stderr == (
        f"writer: draft rejected after 2 attempts: 1 wrong figure (line {error.line}: "
        f"'2,218.24' {error.status}, expected 2,218.42); kept {rejected} and {report_path}\n"
    )
    meta, body = read_article(rejected)
    assert meta["verdict"] == "rejected" and meta["attempts"] == 2
    assert body.strip() == wrong.strip()
    assert len(server.requests) == 2
    assert [c.verdict for c in default_log().recent()] == ["rejected"] * 2


def test_max_attempts_caps_the_calls(server: LLMServer, out: Path, wrong: str) -> None:
    server.default = Reply(text=wrong)
    assert draft(out, "--quiet", "--max-attempts", "1").exit_code == 1
    assert len(server.requests) == 1
    result = draft(out, "--quiet", "--max-attempts", "0")
    assert result.exit_code == 2
    assert result.stderr == "writer: --max-attempts must be at least 1, not 0\n"


def test_success_after_rejection_clears_the_rejected_files(
    server: LLMServer, out: Path, good: str, wrong: str
) -> None:
    server.enqueue(Reply(text=wrong))
    assert draft(out, "--quiet", "--max-attempts", "1").exit_code == 1
    server.enqueue(Reply(text=good))
    result = draft(out)
    assert result.exit_code == 0, result.stderr
    assert not (out / "rut-2025-08-08.rejected.md").exists()
    assert "from an earlier rejected run" in result.stderr


def test_never_silently_overwrites(server: LLMServer, out: Path, good: str) -> None:
    server.default = Reply(text=good)
    assert draft(out, "--quiet").exit_code == 0
    before = (out / "rut-2025-08-08.md").read_text()
    result = draft(out, "--quiet")
    assert result.exit_code == 2
    assert result.stderr == (
        f"writer: {out / 'rut-2025-08-08.md'} already exists; pass --force to overwrite it\n"
    )
    assert (out / "rut-2025-08-08.md").read_text() == before
    assert len(server.requests) == 1, "no LLM call is made before the collision check"
    assert draft(out, "--quiet", "--force").exit_code == 0
    assert len(server.requests) == 2


def test_401_exit_4(server: LLMServer, out: Path) -> None:
    server.enqueue(Reply(status=401))
    result = draft(out, "--quiet")
    assert result.exit_code == 4
    assert result.stderr == (
        f"writer: the LLM endpoint {server.url} refused the API key "
        "(HTTP 401); set a valid OPENAI_API_KEY or pass --offline\n"
    )
    assert not out.exists() or not (out / "rut-2025-08-08.md").exists()
    (call,) = default_log().recent()
    assert call.error is not None and "HTTP 401" in call.error


def test_hung_server_exit_4(server: LLMServer, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WRITER_LLM_TIMEOUT", "0.2")
    monkeypatch.setenv("WRITER_LLM_RETRIES", "1")
    server.default = Reply(text="never", delay=10)
    result = draft(out, "--quiet")
    assert result.exit_code == 4
    assert result.stderr == (
        f"writer: the LLM endpoint {server.url} did not answer within "
        "0.2 s (not retried: it may still be working on it); raise WRITER_LLM_TIMEOUT, "
        "check OPENAI_BASE_URL or pass --offline\n"
    )
    assert len(server.requests) == 1  # the retry would queue behind the request


def test_connection_refused_exit_4(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    monkeypatch.setenv("WRITER_LLM_RETRIES", "0")
    result = draft(out, "--quiet")
    assert result.exit_code == 4
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"writer: cannot reach the LLM endpoint {url} (")
    assert line.endswith(
        "after 0 retries); check OPENAI_BASE_URL and the network, or pass --offline"
    )


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ('{"headline": "RUT up"}', "headline: the article does not start with a `# ` headline"),
        ("60 words", "length: 60 words; an article has 200 to 1200"),
        ("fact list", "fact_id: a fact id from the data, not text for readers"),
        ("holes", "hole: a placeholder or template hole"),
        ("instructions", "echo: a line of the prompt's instructions, copied back"),
    ],
)
def test_a_non_article_is_rejected_by_the_form_check(
    server: LLMServer, out: Path, good: str, rut: WeeklyIndexBrief, reply: str, reason: str
) -> None:
    """Right figures do not make an article: the model sends the same reply back, so the
    loop stops at the second attempt, rejects it with exit 1 and keeps it with the reasons."""
    from writer.genres.weekly_index import prompting

    texts = {
        "60 words": " ".join(good.split()[:60]),
        # what a 1.5B model sent back when the prompt listed every fact with its id
        "fact list": "## Russell 2000 (RUT): the week\n"
        + "\n".join(f"- {f.display} | {f.label} | `{f.id}`" for f in rut.facts),
        "holes": good.replace("Russell 2000", "{{subject}}", 2),
        "instructions": good.replace(
            "\n\n", "\n\n" + prompting.system_message(rut).splitlines()[2] + "\n\n", 1
        ),
    }
    server.default = Reply(text=texts.get(reply, reply))
    result = draft(out, "--quiet")
    assert result.exit_code == 1, result.stderr
    assert "draft rejected after 2 attempts" in result.stderr
    report = json.loads((out / "rut-2025-08-08.rejected.check.json").read_text())
    form = [c for c in report["claims"] if c["kind"] == "form"]
    assert any(c["message"].startswith(reason) for c in form), [c["message"] for c in form]
    assert all(c["status"] == "not_an_article" and c["severity"] == "error" for c in form)
    assert (out / "rut-2025-08-08.rejected.md").exists()
    assert not (out / "rut-2025-08-08.md").exists()


def test_progress_names_form_findings_apart_from_wrong_figures(
    server: LLMServer, out: Path, good: str
) -> None:
    """A draft with right figures and no headline has no wrong figure: progress says what
    it has, and that the loop stopped because the model sent the same text back."""
    server.default = Reply(text=good.split("\n", 1)[1])  # the `# ` headline line dropped
    result = draft(out)
    assert result.exit_code == 1
    assert "attempt 1: 0 wrong figures" not in result.stderr
    assert "attempt 1: 1 form finding" in result.stderr, result.stderr
    assert "attempt 2 is attempt 1 sent back unchanged: stopping" in result.stderr
    assert "draft rejected after 2 attempts: 0 wrong figures" not in result.stderr
    assert "draft rejected after 2 attempts: 1 form finding (line " in result.stderr


def test_model_flag_and_env(
    server: LLMServer, out: Path, good: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.default = Reply(text=good)
    monkeypatch.setenv("WRITER_MODEL", "llama3.1:8b")
    assert draft(out, "--quiet").exit_code == 0
    assert draft(out, "--quiet", "--force", "--model", "qwen2.5").exit_code == 0
    assert [r.body["model"] for r in server.requests] == ["llama3.1:8b", "qwen2.5"]
    meta, _ = read_article(out / "rut-2025-08-08.md")
    assert meta["model"] == "qwen2.5"


def test_offline_flag_makes_no_call(server: LLMServer, out: Path, good: str) -> None:
    result = draft(out, "--offline", "--quiet")
    assert result.exit_code == 0, result.stderr
    assert server.requests == []
    meta, body = read_article(out / "rut-2025-08-08.md")
    assert (meta["drafter"], meta["model"], meta["attempts"], meta["verdict"]) == (
        "offline",
        None,
        1,
        "verified",
    )
    assert body.strip() == good.strip()
    report = json.loads((out / "rut-2025-08-08.check.json").read_text())
    assert report["strict"] is True


def test_no_endpoint_configured_drafts_offline(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    result = draft(out)
    assert result.exit_code == 0, result.stderr
    assert "no OPENAI_API_KEY or OPENAI_BASE_URL set: drafting offline" in result.stderr
    meta, _ = read_article(out / "rut-2025-08-08.md")
    assert meta["drafter"] == "offline"


def test_help_documents_the_options() -> None:
    result = runner.invoke(app, ["draft", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in (
        "--week",
        "--out",
        "--model",
        "--offline",
        "--max-attempts",
        "--data-dir",
        "--force",
        "--quiet",
        "gpt-4o-mini",
    ):
        assert option in result.stdout, option
    assert runner.invoke(app, ["logs", "--help"]).exit_code == 0


def test_audit_log_holds_every_call(server: LLMServer, out: Path, good: str, wrong: str) -> None:
    """One row per HTTP request, in order, with the exact messages the server received."""
    server.enqueue(
        Reply(text=wrong),
        Reply(status=429, headers={"retry-after-ms": "5"}),
        Reply(text=""),
        Reply(text=good),
    )
    result = draft(out, "--quiet")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    calls = list(reversed(default_log().recent(50)))
    assert len(calls) == len(server.requests) == 4
    for call, request in zip(calls, server.requests, strict=True):
        assert call.messages == request.messages
        assert call.model == request.body["model"] == "gpt-4o-mini"
        assert call.latency_ms > 0
    assert [(c.attempt, c.retry, c.purpose, c.verdict) for c in calls] == [
        (1, 0, "draft", "rejected"),
        (2, 0, "revise", None),
        (2, 1, "revise", "not an article"),
        (2, 0, "revise", "verified"),
    ]
    assert [c.response_text for c in calls] == [wrong, None, "", good]
    assert calls[1].error == "HTTP 429; retrying in 0.01 s"
    assert len({c.run_id for c in calls}) == 1
    assert (calls[0].subject, calls[0].week) == ("RUT", "2025-08-08")


def test_run_draft_with_an_injected_client(
    server: LLMServer, out: Path, good: str, tmp_path: Path
) -> None:
    """The Python entry point: a caller's client is used and left open for reuse; the
    client `run_draft` builds itself is closed when the draft is done."""
    from tests.conftest import SHARED_DATA
    from writer.auditlog import AuditLog
    from writer.draft.command import DraftOptions, run_draft
    from writer.draft.llm import LLMSettings, get_client

    server.default = Reply(text=good)
    shared = get_client(LLMSettings.from_env())
    audit = AuditLog(tmp_path / "own.sqlite")
    options = DraftOptions(symbol="RUT", week=dt.date(2025, 8, 6), out_dir=out, quiet=True)
    result = run_draft(
        options,
        source=SnapshotSource(SHARED_DATA),
        client_factory=lambda _settings: shared,
        audit=audit,
    )
    assert (result.article, result.attempts, result.drafter) == (
        out / "rut-2025-08-08.md",
        1,
        "llm",
    )
    assert not shared.is_closed()
    assert audit.count() == 1 and default_log().count() == 0
    shared.close()


def test_writer_check_accepts_the_article_and_refuses_the_rejected_one(
    server: LLMServer, out: Path, good: str, wrong: str
) -> None:
    """`writer check` finds the brief from the front matter keys `ticker` and `week`."""
    from tests.conftest import SHARED_DATA

    server.enqueue(Reply(text=wrong))
    assert draft(out, "--quiet", "--max-attempts", "1").exit_code == 1
    rejected = runner.invoke(
        app, ["check", str(out / "rut-2025-08-08.rejected.md"), "--data-dir", str(SHARED_DATA)]
    )
    assert rejected.exit_code == 1
    server.enqueue(Reply(text=good))
    assert draft(out, "--quiet").exit_code == 0
    accepted = runner.invoke(
        app,
        [
            "check",
            str(out / "rut-2025-08-08.md"),
            "--data-dir",
            str(SHARED_DATA),
            "--format",
            "json",
        ],
    )
    assert accepted.exit_code == 0, accepted.stdout
    saved = json.loads((out / "rut-2025-08-08.check.json").read_text())
    assert saved["claims"] == json.loads(accepted.stdout)[0]["claims"]


def test_unusable_out_or_home_is_exit_2_before_any_call(
    server: LLMServer, tmp_path: Path, good: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.default = Reply(text=good)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = draft(blocker / "articles", "--quiet")
    assert result.exit_code == 2
    assert result.stderr == (
        f"writer: cannot write to {blocker / 'articles'} (Not a directory); pick another --out\n"
    )
    assert server.requests == []
    monkeypatch.setenv("WRITER_HOME", str(blocker))
    result = draft(tmp_path / "articles", "--quiet")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"writer: cannot use the audit log {blocker / 'audit.sqlite'}")
    assert result.stderr.endswith("; set WRITER_HOME to a writable folder\n")
    assert server.requests == []


def test_offline_draft_does_not_import_openai(out: Path) -> None:
    """A cold `writer draft --offline` skips the SDK import (about 0.3 s)."""
    import subprocess
    import sys

    from tests.conftest import SYNTHETIC

    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom writer.cli import app\n"
        f"r = CliRunner().invoke(app, ['draft', 'RUT', '--week', '2025-08-08', '--offline', "
        f"'--quiet', '--data-dir', {str(SYNTHETIC)!r}, '--out', {str(out)!r}])\n"
        "assert r.exit_code == 0, r.stderr\nprint('openai' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "False\n"


def test_writer_check_uses_the_pinned_brief_without_market_data(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The article names its brief by sha256; with no market data there is no verdict (exit
    3), unless --trust-sidecar: then that sidecar is used alone, and the report says that
    nothing vouched for it."""
    assert draft(out, "--offline", "--quiet").exit_code == 0
    empty = tmp_path / "no-data"
    empty.mkdir()
    monkeypatch.setenv("WRITER_DATA_DIR", str(empty))  # any market data lookup would fail
    article = str(out / "rut-2025-08-08.md")
    refused = runner.invoke(app, ["check", article])
    assert refused.exit_code == 3
    assert refused.stderr.startswith(f"writer: {article}: no market data to check it against")
    result = runner.invoke(app, ["check", article, "--trust-sidecar"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith(
        "0 errors, 0 warnings (brief RUT 2025-08-04..2025-08-10, checked against the "
        "article's own brief only, trusted by --trust-sidecar: no market data being "
        "available)\n"
    )
    as_json = runner.invoke(app, ["check", article, "--format", "json", "--trust-sidecar"])
    assert json.loads(as_json.stdout)[0]["checked_against"].startswith("the article's own")
    brief_path = out / "rut-2025-08-08.brief.json"
    brief_path.write_text(brief_path.read_text().replace("2218.419921875", "2218.5"))
    tampered = runner.invoke(app, ["check", article])
    assert tampered.exit_code == 3  # sha256 differs: the brief is rebuilt from market data
    assert tampered.stderr.startswith(f"writer: {article}: no snapshot for ^RUT in {empty}")


def test_an_edited_sidecar_with_its_hash_updated_fails_against_market_data(out: Path) -> None:
    """The gate verifies, it does not trust: a sidecar brief whose 50-day average was edited
    (and the front matter's brief_sha256 updated to match) is an error naming the fact."""
    from tests.conftest import SHARED_DATA

    assert draft(out, "--offline", "--quiet").exit_code == 0
    article = out / "rut-2025-08-08.md"
    brief_path = out / "rut-2025-08-08.brief.json"
    brief = json.loads(brief_path.read_text(encoding="utf-8"))
    ma50 = next(f for f in brief["facts"] if f["id"] == "RUT.ma50")
    true_display = ma50["display"]
    ma50["value"] = str(Decimal(ma50["value"]) + 100)
    ma50["display"] = f"{Decimal(ma50['value']):,.2f}"
    edited = json.dumps(brief).encode()
    brief_path.write_bytes(edited)
    text = article.read_text(encoding="utf-8")
    pinned = re.search(r"brief_sha256: (\w+)", text)
    assert pinned is not None
    article.write_text(text.replace(pinned.group(1), hashlib.sha256(edited).hexdigest()))
    result = runner.invoke(
        app, ["check", str(article), "--data-dir", str(SHARED_DATA), "--format", "json"]
    )
    assert result.exit_code == 1, result.stdout
    report = json.loads(result.stdout)[0]
    assert report["checked_against"] == "market data"
    wrong = [c for c in report["claims"] if c["severity"] == "error"]
    assert [c["fact_id"] for c in wrong] == ["RUT.ma50"]
    assert wrong[0]["value"] == ma50["display"] and wrong[0]["expected"] == true_display


def test_a_small_context_gets_a_prompt_and_a_reply_that_fit(
    server: LLMServer, out: Path, good: str
) -> None:
    """A 4,096-token model (the context of the small models tried) gets a request it can
    hold with room for the article; a context that cannot is exit 2 before any call."""
    from writer.genres.weekly_index import prompting

    server.default = Reply(text=good)
    result = draft(out, "--quiet", "--context-tokens", "4096")
    assert result.exit_code == 0, result.stderr
    (request,) = server.requests
    prompt = prompting.messages_tokens(request.messages)
    assert prompt + request.body["max_tokens"] <= 4096
    assert request.body["max_tokens"] >= prompting.REPLY_TOKENS
    tight = draft(out, "--quiet", "--force", "--context-tokens", "2048")
    assert tight.exit_code == 2
    assert "beyond the model's 2,048-token context" in tight.stderr
    assert len(server.requests) == 1  # nothing was sent


def test_a_worse_revision_never_replaces_a_better_draft(
    server: LLMServer, out: Path, good: str, wrong: str
) -> None:
    """Attempt 1 has one wrong figure, attempt 2 three: the loop stops there and keeps
    attempt 1 as the rejected draft, not the worse one."""
    worse = wrong.replace("2,212.30", "2,212.03").replace("2,221.29", "2,222.19")
    assert worse != wrong
    server.enqueue(Reply(text=wrong), Reply(text=worse), Reply(text=good))
    result = draft(out, "--quiet")
    assert result.exit_code == 1
    assert len(server.requests) == 2  # stopped early: no third attempt
    kept = (out / "rut-2025-08-08.rejected.md").read_text(encoding="utf-8")
    assert WRONG in kept and "2,212.03" not in kept
    report = json.loads((out / "rut-2025-08-08.rejected.check.json").read_text())
    assert sum(c["severity"] == "error" for c in report["claims"]) == 1


def test_a_model_failing_after_checked_drafts_keeps_them(
    server: LLMServer, out: Path, wrong: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WRITER_LLM_RETRIES", "0")
    server.enqueue(Reply(text=wrong), Reply(status=500, text="boom"))
    result = draft(out, "--quiet")
    assert result.exit_code == 4
    (line,) = result.stderr.splitlines()
    assert line.endswith(
        f"kept {out / 'rut-2025-08-08.rejected.md'} and "
        f"{out / 'rut-2025-08-08.rejected.check.json'}"
    )
    assert WRONG in (out / "rut-2025-08-08.rejected.md").read_text(encoding="utf-8")


def test_a_revision_sheds_the_data_to_fit_a_short_context(
    server: LLMServer, out: Path, good: str, wrong: str
) -> None:
    """A real 135M model at 4,096 tokens: the revision (data, draft and findings) did not
    fit.  It drops the data it need not repeat (the findings give the right figures, the
    draft the rest) and is sent, within the context."""
    from writer.genres.weekly_index import prompting

    server.enqueue(Reply(text=wrong), Reply(text=good))
    result = draft(out, "--quiet", "--context-tokens", "3600")
    assert result.exit_code == 0, result.stderr
    first, revision = server.requests
    assert "The data: each line" in first.messages[1]["content"]
    assert "The data: each line" not in revision.messages[1]["content"]
    assert "The data says: 2,218.42" in revision.messages[-1]["content"]
    assert prompting.messages_tokens(revision.messages) + revision.body["max_tokens"] <= 3600


def test_a_revision_that_outgrows_the_context_keeps_the_checked_draft(
    server: LLMServer, out: Path, wrong: str
) -> None:
    """The first request fits a 3,300-token context; the revision of a long draft cannot,
    even without the data and with fewer findings: exit 4, and the paid-for draft is kept."""
    padding = "\n\nMarket breadth and sector rotation were discussed at length by desks. " * 60
    server.default = Reply(text=wrong + padding)
    result = draft(out, "--quiet", "--context-tokens", "3300")
    assert result.exit_code == 4, result.stderr
    (line,) = result.stderr.splitlines()
    assert "revision 2 does not fit" in line and "kept" in line
    assert len(server.requests) == 1
    assert WRONG in (out / "rut-2025-08-08.rejected.md").read_text(encoding="utf-8")
