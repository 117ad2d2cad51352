"""`writer draft ... --batch`: the provider's Batch API as the drafting engine.

The real `openai` client uploads each round's JSONL, creates the batch, polls it and
downloads its files from `tests/batch_api_server.py` over real HTTP; the server answers each
request line with the offline draft of the brief it asks about (a correct article), or with
what a test scripts.  Every answer is checked by the same strict checker as without
`--batch`, and the drafts the checker rejects are revised in a second batch.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from writer.cli import app
from writer.draft.spend import PRICES
from writer.genres.weekly_index.offline import draft_offline

from .batch_api_server import BatchServer, Failure, serve
from .llm_server import Reply

runner = CliRunner()
_ASKED = re.compile(r"\(([A-Z0-9]+)\) for the week of (\d{4}-\d{2}-\d{2})")
ARGS = ["RUT", "SPX", "--weeks", "2025-07-21..2025-08-08", "--batch", "--no-chart"]


def draft(*args: str, data_dir: Path, out: Path) -> Any:
    return runner.invoke(app, ["draft", *args, "--data-dir", str(data_dir), "--out", str(out)])


def asked(body: dict[str, Any]) -> tuple[str, str]:
    first_user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    found = _ASKED.search(first_user)
    assert found is not None
    return found.group(1), found.group(2)


class Articles:
    """The correct article for each (symbol, first session) a request asks about."""

    def __init__(self, data_dir: Path) -> None:
        from writer.pipeline import open_source, weekly_brief

        self.source = open_source(data_dir)
        self.brief = weekly_brief
        self.cache: dict[tuple[str, str], str] = {}

    def __call__(self, key: tuple[str, str]) -> str:
        if key not in self.cache:
            day = dt.date.fromisoformat(key[1])
            self.cache[key] = draft_offline(self.brief(key[0], day, self.source))
        return self.cache[key]


@pytest.fixture
def articles(data_dir: Path) -> Articles:
    return Articles(data_dir)


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch, articles: Articles) -> Iterator[BatchServer]:
    def respond(body: dict[str, Any]) -> Reply:
        return Reply(text=articles(asked(body)))

    with serve(responder=respond, polls_to_complete=2) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        monkeypatch.setenv("WRITER_MODEL", "gpt-4o-mini")
        monkeypatch.setenv("WRITER_BATCH_POLL_S", "0.01")
        monkeypatch.setenv("COLUMNS", "200")
        yield server


def created(server: BatchServer) -> list[dict[str, Any]]:
    """The input lines of every batch created, batch by batch."""
    out = []
    for call in server.calls("POST", "/v1/batches"):
        assert call.body is not None
        out.append(server.file_lines(call.body["input_file_id"]))
    return out


def test_a_batch_run_drafts_every_article_in_one_provider_batch_at_half_price(
    provider: BatchServer, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "articles"
    result = draft(*ARGS, data_dir=data_dir, out=out)
    assert result.exit_code == 0, result.stderr
    published = sorted(out.glob("*.md"))
    assert len(published) == 6 and sorted(result.stdout.split()) == [str(p) for p in published]
    batches = created(provider)
    assert len(batches) == 1 and len(batches[0]) == 6  # one round: every first draft
    ids = [line["custom_id"] for line in batches[0]]
    assert sorted(ids) == sorted(f"{p.name.removesuffix('.md')}#1" for p in published)
    assert all(line["url"] == "/v1/chat/completions" for line in batches[0])
    assert {line["body"]["model"] for line in batches[0]} == {"gpt-4o-mini"}
    for path in published:  # each published article is checked like any other
        assert "verdict: verified" in path.read_text(encoding="utf-8")
        check = json.loads(path.with_suffix(".check.json").read_text(encoding="utf-8"))
        assert check["ok"] is True
    # the journal keeps the batch, its input and its results for a re-run
    journal = out / ".batches"
    entries = [json.loads(p.read_text()) for p in journal.glob("*.json")]
    assert len(entries) == 1 and entries[0]["status"] == "completed"
    assert sorted(entries[0]["results"]) == sorted(ids)
    assert (journal / f"{entries[0]['batch_id']}.input.jsonl").is_file()
    # the cost is half the list price of the tokens the provider reported
    usage = [line["response"]["body"]["usage"] for line in provider.file_lines(
        provider.batches[entries[0]["batch_id"]].output_file_id)]  # fmt: skip
    inp, outp = PRICES["gpt-4o-mini"]
    list_price = sum(
        inp * u["prompt_tokens"] + outp * u["completion_tokens"] for u in usage
    ) / Decimal(1_000_000)
    total = next(line for line in result.stderr.splitlines() if line.startswith("│ total"))
    assert f"${(list_price / 2).quantize(Decimal('0.0001'))}" in total
    again = draft(*ARGS, data_dir=data_dir, out=out)
    assert again.exit_code == 0 and again.stdout == ""
    assert len(created(provider)) == 1  # nothing left to send


def test_a_rejected_draft_is_revised_in_a_second_batch(
    provider: BatchServer, articles: Articles, data_dir: Path, tmp_path: Path
) -> None:
    wrong: dict[str, str] = {}

    def respond(body: dict[str, Any]) -> Reply:
        key = asked(body)
        text = articles(key)
        if key[0] == "RUT" and len(body["messages"]) == 2:  # RUT's first drafts: a wrong close
            close = re.search(r"session at ([\d,]+\.\d\d)", text)
            assert close is not None
            wrong[key[1]] = close.group(1)
            return Reply(text=text.replace(close.group(1), "1,234.56", 1))
        return Reply(text=text)

    provider.responder = respond
    out = tmp_path / "articles"
    result = draft(*ARGS, data_dir=data_dir, out=out)
    assert result.exit_code == 0, result.stderr
    batches = created(provider)
    assert [len(b) for b in batches] == [6, 3]  # round 2: only the three RUT revisions
    for line in batches[1]:
        assert line["custom_id"].startswith("rut-") and line["custom_id"].endswith("#2")
        messages = line["body"]["messages"]
        assert messages[2]["role"] == "assistant" and "1,234.56" in messages[2]["content"]
        assert "1,234.56" in messages[3]["content"]  # the finding quoted
    for path in out.glob("rut-*.md"):
        text = path.read_text(encoding="utf-8")
        assert "attempts: 2" in text and "1,234.56" not in text
    for path in out.glob("spx-*.md"):
        assert "attempts: 1" in path.read_text(encoding="utf-8")


def test_a_run_out_of_time_leaves_the_batch_and_the_next_run_collects_it(
    provider: BatchServer, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "articles"
    provider.polls_to_complete = 50
    monkeypatch.setenv("WRITER_BATCH_WAIT_S", "0.05")
    waited = draft(*ARGS, data_dir=data_dir, out=out)
    assert waited.exit_code == 4, waited.stderr
    assert "is still running after 0.05 s" in waited.stderr
    assert "run the same command again to collect it" in waited.stderr
    assert list(out.glob("*.md")) == []
    assert len(created(provider)) == 1
    (batch,) = provider.batches.values()
    assert batch.status == "in_progress"  # left running at the provider, not cancelled
    # the provider finishes it in its own time (the next poll); the next run pays nothing new
    batch.polls_to_complete = batch.steps + 1
    monkeypatch.setenv("WRITER_BATCH_WAIT_S", "30")
    collected = draft(*ARGS, data_dir=data_dir, out=out)
    assert collected.exit_code == 0, collected.stderr
    assert len(created(provider)) == 1  # the same batch, collected
    assert "collecting 6 requests from earlier batches" in collected.stderr
    assert len(list(out.glob("*.md"))) == 6


def test_failed_lines_are_sent_again_and_a_refused_request_fails_its_article(
    provider: BatchServer, articles: Articles, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "articles"
    first_ids = {"spx-2025-07-25#1": Failure("batch_expired", "the window ended")}
    provider.line_errors = dict(first_ids)

    def respond(body: dict[str, Any]) -> Reply:
        key = asked(body)
        if key == ("SPX", "2025-08-04"):
            return Reply(status=400)  # a request the provider refuses: not sent again
        if key == ("RUT", "2025-07-21") and not respond.seen:  # type: ignore[attr-defined]
            respond.seen = True  # type: ignore[attr-defined]
            return Reply(status=500)  # a server error on one line: sent again
        return Reply(text=articles(key))

    respond.seen = False  # type: ignore[attr-defined]
    provider.responder = respond
    result = draft(*ARGS, data_dir=data_dir, out=out)
    assert result.exit_code == 4, result.stderr
    batches = created(provider)
    assert len(batches[0]) == 6
    assert sorted(line["custom_id"] for line in batches[1]) == [
        "rut-2025-07-25#2",
        "spx-2025-07-25#2",
    ]  # the expired line and the 5xx line, once more; never the refused one
    assert sorted(p.name for p in out.glob("*.md")) == [
        "rut-2025-07-25.md",
        "rut-2025-08-01.md",
        "rut-2025-08-08.md",
        "spx-2025-07-25.md",
        "spx-2025-08-01.md",
    ]
    assert "spx-2025-08-08: failed" in result.stderr and "HTTP 400 in batch" in result.stderr


def test_a_batch_the_provider_fails_ends_each_article_with_its_reason(
    provider: BatchServer, data_dir: Path, tmp_path: Path
) -> None:
    provider.fail_batches = Failure("invalid_request", "model not available for batch")
    result = draft(*ARGS, data_dir=data_dir, out=tmp_path / "articles")
    assert result.exit_code == 4, result.stderr
    assert result.stderr.count("failed (invalid_request: model not available for batch") == 6
    assert len(created(provider)) == 1  # a refused batch is not sent again


def test_batch_needs_an_endpoint(data_dir: Path, tmp_path: Path) -> None:
    result = draft(*ARGS, "--offline", data_dir=data_dir, out=tmp_path / "articles")
    assert result.exit_code == 2
    assert "--batch sends the drafts to a model's Batch API" in result.stderr


def test_a_budget_stops_the_next_round_and_keeps_the_rejected_drafts(
    provider: BatchServer, articles: Articles, data_dir: Path, tmp_path: Path
) -> None:
    def respond(body: dict[str, Any]) -> Reply:
        text = articles(asked(body))
        if asked(body)[0] == "RUT":  # every RUT draft has a wrong close: it needs a revision
            close = re.search(r"session at ([\d,]+\.\d\d)", text)
            assert close is not None
            return Reply(text=text.replace(close.group(1), "1,234.56", 1))
        return Reply(text=text)

    provider.responder = respond
    out = tmp_path / "articles"
    # the first round (6 drafts of about 1,000 prompt tokens each) spends the budget
    result = draft(*ARGS, "--budget-tokens", "3000", data_dir=data_dir, out=out)
    assert result.exit_code == 4, result.stderr
    assert [len(b) for b in created(provider)] == [6]  # no second round was sent
    assert len(list(out.glob("spx-*.md"))) == 3
    assert len(list(out.glob("rut-*.rejected.md"))) == 3  # the drafts paid for are kept
    assert result.stderr.count("the token budget is spent") == 3


def test_an_article_whose_thread_dies_is_not_a_success(
    provider: BatchServer, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import writer.draft.batch as batch

    real = batch.run_draft

    def breaks_on_spx(options: Any, **kwargs: Any) -> Any:
        if options.symbol == "SPX":
            raise RuntimeError("a bug")  # not a WriterError: nothing expected it
        return real(options, **kwargs)

    monkeypatch.setattr(batch, "run_draft", breaks_on_spx)
    result = draft(*ARGS, data_dir=data_dir, out=tmp_path / "articles")
    assert result.exit_code == 1, result.stderr
    assert result.stderr.count("failed (unexpected RuntimeError: a bug)") == 3
    assert len(list((tmp_path / "articles").glob("rut-*.md"))) == 3
