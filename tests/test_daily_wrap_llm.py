"""`writer draft --date` with a model, against a scripted local OpenAI-compatible server over
real HTTP: the daily wrap's prompts go out, a wrong figure comes back as a finding, the
repaired draft is published; a model that never fixes it leaves a rejected draft and its
report (exit 1).  Real figures: the Russell 2000 closed at 2,225.67 on Tue Aug 5 2025."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from tests.llm_server import LLMServer, Reply
from writer.cli import app
from writer.data.snapshot import SnapshotSource
from writer.genres.daily_wrap.offline import draft_offline
from writer.pipeline import session_brief

runner = CliRunner()
RIGHT = "closing at 2,225.67"
WRONG = "closing at 2,252.67"


@pytest.fixture
def good(shared_data: Path) -> str:
    text = draft_offline(session_brief("RUT", dt.date(2025, 8, 5), SnapshotSource(shared_data)))
    assert RIGHT in text
    return text


def draft(shared_data: Path, out: Path, *args: str) -> Result:
    return runner.invoke(
        app,
        ["draft", "RUT", "--date", "2025-08-05", "--data-dir", str(shared_data),
         "--out", str(out), "--no-chart", *args],
    )  # fmt: skip


def test_a_wrong_close_is_sent_back_and_the_repair_published(
    server: LLMServer, shared_data: Path, tmp_path: Path, good: str
) -> None:
    server.enqueue(Reply(text=good.replace(RIGHT, WRONG)))
    server.enqueue(Reply(text=good))
    out = tmp_path / "articles"
    result = draft(shared_data, out)
    assert result.exit_code == 0, result.output
    first, second = server.requests
    system, user = (m["content"] for m in first.messages)
    assert "Tuesday, Aug 5, 2025" in system + user  # the daily wrap's prompts, not the week's
    assert "2,225.67" in user
    revision = second.last_user
    assert "2,252.67" in revision and "2,225.67" in revision
    article = out / "rut-2025-08-05-daily.md"
    head, body = article.read_text(encoding="utf-8")[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head)
    assert meta["date"] == dt.date(2025, 8, 5) and meta["attempts"] == 2
    assert body.strip() == good.strip()


def test_a_model_that_never_fixes_it_leaves_the_rejected_wrap(
    server: LLMServer, shared_data: Path, tmp_path: Path, good: str
) -> None:
    for _ in range(2):
        server.enqueue(Reply(text=good.replace(RIGHT, WRONG)))
    out = tmp_path / "articles"
    result = draft(shared_data, out, "--max-attempts", "2")
    assert result.exit_code == 1
    assert "draft rejected after 2 attempts" in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "rut-2025-08-05-daily.brief.json",
        "rut-2025-08-05-daily.rejected.check.json",
        "rut-2025-08-05-daily.rejected.md",
    ]
    assert len(server.requests) == 2
