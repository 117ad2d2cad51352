"""`writer draft TICKER --quarter` with a model, against a scripted local OpenAI-compatible
server over real HTTP: the snapshot's prompts go out, a wrong figure comes back as a finding,
the repaired draft is published with its front matter; a model that never fixes it leaves a
rejected draft and its report (exit 1).  Real figures: NVIDIA's fiscal Q2 2026 revenue was
$46,743 million (10-Q filed 2025-08-27)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from tests.llm_server import LLMServer, Reply
from writer.cli import app
from writer.data.fundamentals import SnapshotFundamentals
from writer.data.snapshot import SnapshotSource
from writer.genres.earnings.brief import build_brief
from writer.genres.earnings.offline import draft_offline

FUNDAMENTALS = Path(__file__).resolve().parents[2] / "shared" / "fundamentals"
pytestmark = pytest.mark.skipif(
    not (FUNDAMENTALS / "facts.csv").is_file(), reason="../shared/fundamentals not present"
)
runner = CliRunner()
RIGHT = "Revenue was $46.74 billion"
WRONG = "Revenue was $44.06 billion"  # the previous quarter's


@pytest.fixture
def good() -> str:
    prices = [
        SnapshotSource(FUNDAMENTALS / "stocks" / "raw"),
        SnapshotSource(FUNDAMENTALS / "stocks"),
    ]
    brief = build_brief("NVDA", "FY2026-Q2", SnapshotFundamentals(FUNDAMENTALS), prices)
    text = draft_offline(brief)
    assert RIGHT in text
    return text


def draft(out: Path, *args: str) -> Result:
    return runner.invoke(
        app,
        ["draft", "NVDA", "--quarter", "FY2026-Q2", "--fundamentals-dir", str(FUNDAMENTALS),
         "--out", str(out), "--no-chart", *args],
    )  # fmt: skip


def test_a_previous_quarters_revenue_is_sent_back_and_the_repair_published(
    server: LLMServer, tmp_path: Path, good: str
) -> None:
    server.enqueue(Reply(text=good.replace(RIGHT, WRONG)))
    server.enqueue(Reply(text=good))
    out = tmp_path / "articles"
    result = draft(out)
    assert result.exit_code == 0, result.output
    first, second = server.requests
    system, user = (m["content"] for m in first.messages)
    assert "Earnings Snapshot" in system + user  # the snapshot's prompts, not a recap's
    assert "$46.74 billion" in user
    revision = second.last_user
    assert "44.06" in revision and "46.74" in revision
    article = out / "nvda-fy2026-q2-earnings.md"
    head, body = article.read_text(encoding="utf-8")[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head)
    assert (meta["ticker"], meta["quarter"], meta["attempts"]) == ("NVDA", "FY2026-Q2", 2)
    assert body.strip() == good.strip()
    assert (out / "nvda-fy2026-q2-earnings.brief.json").is_file()
    # and the gate passes what was published, placed by its front matter
    checked = runner.invoke(app, ["check", str(article), "--fundamentals-dir", str(FUNDAMENTALS)])
    assert checked.exit_code == 0, checked.output


def test_a_model_that_never_fixes_it_leaves_the_rejected_snapshot(
    server: LLMServer, tmp_path: Path, good: str
) -> None:
    for _ in range(2):
        server.enqueue(Reply(text=good.replace(RIGHT, WRONG)))
    out = tmp_path / "articles"
    result = draft(out, "--max-attempts", "2")
    assert result.exit_code == 1
    assert "draft rejected after 2 attempts" in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "nvda-fy2026-q2-earnings.brief.json",
        "nvda-fy2026-q2-earnings.rejected.check.json",
        "nvda-fy2026-q2-earnings.rejected.md",
    ]
    assert len(server.requests) == 2
