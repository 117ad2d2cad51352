"""`writer draft` for a newsroom's week: many symbols and weeks in one process, resumable,
within a budget, and the worst outcome as the exit code.  LLM calls go over real HTTP to the
scripted local server, which answers each request with a correct article for the brief it
asks about (the offline draft of that brief)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.brief import WeeklyIndexBrief
from writer.calendar import last_finished_week, weeks_between
from writer.cli import app
from writer.draft.spend import PRICES, Meter, Usage, calls_per_article, cost
from writer.genres.weekly_index.offline import draft_offline

from .llm_server import LLMServer, Reply, serve

runner = CliRunner()
_ASKED = re.compile(r"\(([A-Z0-9]+)\) for the week of (\d{4}-\d{2}-\d{2})")


def draft(*args: str, data_dir: Path) -> Any:
    return runner.invoke(app, ["draft", *args, "--data-dir", str(data_dir)])


def mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_weeks_of_a_range_and_the_last_finished_week() -> None:
    # Jul 4 2025 was a holiday: that week ends on Thursday Jul 3
    assert weeks_between("XNYS", dt.date(2025, 6, 30), dt.date(2025, 7, 18)) == (
        dt.date(2025, 7, 3),
        dt.date(2025, 7, 11),
        dt.date(2025, 7, 18),
    )
    friday_noon = dt.datetime(2025, 8, 8, 12, tzinfo=dt.UTC)  # before the close
    saturday = dt.datetime(2025, 8, 9, 9, tzinfo=dt.UTC)
    assert last_finished_week("XNYS", friday_noon) == dt.date(2025, 8, 1)
    assert last_finished_week("XNYS", saturday) == dt.date(2025, 8, 8)


def test_the_worst_case_call_count_is_decided_in_one_place() -> None:
    assert calls_per_article(3, 2) == 27  # the README states it
    assert calls_per_article(1, 0) == 1
    usage = Usage()
    meter = Meter()
    for _ in range(calls_per_article(1, 0)):
        meter.start_call(usage, calls_per_article(1, 0))
    with pytest.raises(Exception, match="made its 1 calls"):
        meter.start_call(usage, calls_per_article(1, 0))
    assert cost("gpt-4o-mini", 1_000_000, 0, PRICES) == PRICES["gpt-4o-mini"][0]
    assert cost("some-local-model", 10, 10, PRICES) is None


def test_an_offline_batch_writes_every_article_and_a_second_run_nothing(
    data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "articles"
    args = ["RUT", "SPX", "HSI", "--weeks", "2025-07-18..2025-08-08", "--offline"]
    first = draft(*args, "--out", str(out), data_dir=data_dir)
    assert first.exit_code == 0, first.stderr
    stems = {p.name.removesuffix(".md") for p in out.glob("*.md")}
    assert len(stems) == 3 * 4
    for stem in stems:
        for suffix in (".brief.json", ".check.json"):
            assert (out / f"{stem}{suffix}").is_file()
    assert sorted(first.stdout.split()) == sorted(str(out / f"{s}.md") for s in stems)
    assert "12 articles" in first.stderr and first.stderr.count("published") >= 12
    before = mtimes(out)
    again = draft(*args, "--out", str(out), data_dir=data_dir)
    assert again.exit_code == 0
    assert again.stdout == ""  # nothing published
    assert mtimes(out) == before  # nothing written
    assert again.stderr.count("skipped") >= 12
    forced = draft(*args, "--out", str(out), "--force", data_dir=data_dir)
    assert forced.exit_code == 0 and len(forced.stdout.split()) == 12


def test_the_exit_code_is_the_worst_outcome(data_dir: Path, tmp_path: Path) -> None:
    """The ASX 200's data starts on Jul 1 2024: its first weeks of the range have no data
    (exit 3); the others are still drafted."""
    out = tmp_path / "articles"
    result = draft(
        "RUT", "ASX200", "--weeks", "2024-06-21..2024-07-19", "--offline", "--out", str(out),
        data_dir=data_dir,
    )  # fmt: skip
    assert result.exit_code == 3, result.stderr
    assert "ASX200 2024-06-21: failed (" in result.stderr
    assert len(list(out.glob("rut-*.md"))) == 5 and list(out.glob("asx200-*.md"))
    unknown = draft("RUT", "NOPE!", "--week", "2025-08-08", "--offline", data_dir=data_dir)
    assert unknown.exit_code == 2


@pytest.fixture
def model(
    monkeypatch: pytest.MonkeyPatch, rut: WeeklyIndexBrief, data_dir: Path
) -> Iterator[LLMServer]:
    """A server answering each request with the offline draft of the brief it names."""
    from writer.pipeline import open_source, weekly_brief

    source = open_source(data_dir)
    cache: dict[tuple[str, str], str] = {}

    def respond(body: dict[str, Any]) -> Reply:
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        asked = _ASKED.search(user)
        if asked is None:
            return Reply(status=400)
        key = (asked.group(1), asked.group(2))
        if key not in cache:
            cache[key] = draft_offline(weekly_brief(key[0], dt.date.fromisoformat(key[1]), source))
        return Reply(text=cache[key])

    with serve(responder=respond) as running:
        monkeypatch.setenv("OPENAI_BASE_URL", running.url)
        monkeypatch.setenv("WRITER_LLM_TIMEOUT", "10")
        yield running


def test_a_budget_that_runs_out_stops_cleanly_and_the_rerun_does_the_rest(
    model: LLMServer, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "articles"
    args = ["RUT", "SPX", "--weeks", "2025-07-11..2025-08-08", "--out", str(out), "--jobs", "1"]
    # each scripted call reports 1,000 prompt tokens and one completion token per word
    stopped = draft(*args, "--budget-tokens", "3000", data_dir=data_dir)
    assert stopped.exit_code == 4, stopped.stderr
    published = stopped.stdout.split()
    calls = len(model.requests)
    assert 1 <= len(published) == calls < 10  # one call per article, none after the budget
    assert "the token budget is spent" in stopped.stderr
    assert stopped.stderr.count("not started") >= 10 - calls
    assert all(Path(p).is_file() for p in published)
    resumed = draft(*args, data_dir=data_dir)
    assert resumed.exit_code == 0, resumed.stderr
    assert len(model.requests) == 10  # only what was left
    assert len(resumed.stdout.split()) == 10 - calls
    assert len(list(out.glob("*.md"))) == 10


def test_a_batch_reports_tokens_and_cost_per_article(
    model: LLMServer, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WRITER_MODEL", "gpt-4o-mini")
    monkeypatch.setenv("COLUMNS", "200")
    out = tmp_path / "articles"
    result = draft("RUT", "SPX", "--week", "2025-08-08", "--out", str(out), data_dir=data_dir)
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stderr.splitlines() if "-2025-08-08" in line and "│" in line]
    assert len(rows) == 2
    words = {len(r.body["messages"][0]["content"]) for r in model.requests}
    assert words  # the server saw the requests; each row shows its tokens and a $ cost
    for row in rows:
        cells = [c.strip() for c in row.split("│")[1:-1]]
        assert cells[1] == "published" and cells[3] == "1"
        assert int(cells[4].replace(",", "")) > 1000 and cells[5].startswith("$0.000")
    priceless = draft(
        "RUT", "SPX", "--week", "2025-08-08", "--out", str(out), "--force", "--model",
        "local-7b", "--budget-usd", "1", data_dir=data_dir,
    )  # fmt: skip
    assert priceless.exit_code == 2
    assert "--budget-usd needs a price for model 'local-7b'" in priceless.stderr


def test_how_many_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    from writer.draft.batch import ARTICLES_PER_WORKER, worker_count
    from writer.errors import BadInput

    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert worker_count(None, 20, 100) == 100 // ARTICLES_PER_WORKER  # each worth its start
    assert worker_count(None, 20, 1000) == 8  # one per CPU
    assert worker_count(None, 2, 1000) == 2  # never more processes than threads
    assert worker_count(None, 20, ARTICLES_PER_WORKER - 1) == 1  # a small batch: threads only
    assert worker_count(3, 20, 10) == 3 and worker_count(3, 2, 10) == 2
    for bad in (0, 17):
        with pytest.raises(BadInput, match="--workers must be 1 to 16"):
            worker_count(bad, 20, 100)


def test_a_shared_meter_counts_every_process_against_one_budget() -> None:
    import multiprocessing

    from writer.draft.spend import BudgetReached

    meter = Meter(budget_tokens=5000, prices={"m": (PRICES["gpt-4o"][0], PRICES["gpt-4o"][1])})
    meter.share()

    def spend() -> None:
        usage = Usage()
        meter.start_call(usage, 10)
        meter.charge(usage, "m", 1500, 500)

    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=spend) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert [w.exitcode for w in workers] == [0, 0]
    meter.load_shared()
    assert (meter.total.calls, meter.total.tokens) == (2, 4000)
    exact = 2 * cost("m", 1500, 500, meter.prices)  # type: ignore[operator]
    assert meter.total.cost_usd == exact  # decimal text: no float on the way
    here = Usage()
    meter.start_call(here, 10)  # 4,000 of 5,000: still allowed
    meter.charge(here, "m", 1000, 0)
    with pytest.raises(BudgetReached, match="5,000 of 5,000"):
        meter.start_call(Usage(), 10)


def test_a_batch_in_two_worker_processes_drafts_each_article_once(
    model: LLMServer, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from writer.draft.batch import DateSpec, run_batch
    from writer.draft.command import DraftOptions
    from writer.pipeline import open_source

    out = tmp_path / "articles"
    template = DraftOptions(symbol="RUT", week=dt.date(2025, 8, 8), out_dir=out, chart=False)
    spec = DateSpec.parse(None, "2025-07-07..2025-08-08")
    meter = Meter()
    runs, code = run_batch(
        ["RUT", "SPX"], spec, template, jobs=4, workers=2, meter=meter,
        source=open_source(data_dir),
    )  # fmt: skip
    assert code == 0
    assert [r.verdict for r in runs] == ["published"] * 10
    pids = {r.pid for r in runs}
    assert len(pids) == 2 and os.getpid() not in pids  # two forked workers drafted them
    asked = sorted(_ASKED.search(r.last_user).groups() for r in model.requests)  # type: ignore[union-attr]
    assert len(asked) == 10 and len(set(asked)) == 10  # every article once
    assert {p.name for p in out.glob("*.md")} == {f"{r.stem}.md" for r in runs}
    # the run's total is what the workers counted, and the rows add up to it
    assert meter.total.calls == 10 == sum(r.usage.calls for r in runs)
    assert meter.total.tokens == sum(r.usage.tokens for r in runs) > 10 * 1000


def test_a_budget_is_one_budget_across_worker_processes(
    model: LLMServer, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "articles"
    args = ["RUT", "SPX", "--weeks", "2025-07-11..2025-08-08", "--out", str(out)]
    # two workers with one thread each; every call costs just over 1,000 tokens, so one
    # budget of 3,000 allows 3 calls plus at most the one started in the other process
    # meanwhile; two budgets would allow 3 each
    stopped = draft(*args, "--jobs", "2", "--workers", "2", "--budget-tokens", "3000",
                    data_dir=data_dir)  # fmt: skip
    assert stopped.exit_code == 4, stopped.stderr
    assert 3 <= len(model.requests) <= 4
    assert len(stopped.stdout.split()) == len(model.requests)
    assert "the token budget is spent" in stopped.stderr


def test_a_worker_that_dies_leaves_its_articles_failed_and_the_rest_published(
    model: LLMServer, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import writer.draft.batch as batch

    real = batch.run_draft

    def dies_on_spx(options: Any, **kwargs: Any) -> Any:
        if options.symbol == "SPX":
            os._exit(9)  # a worker killed mid-run (out of memory, a crash in a library)
        return real(options, **kwargs)

    monkeypatch.setattr(batch, "run_draft", dies_on_spx)
    out = tmp_path / "articles"
    # 2 symbols x 5 weeks in 2 workers of one thread each: worker 0 drafts articles 0, 2, 4
    # (RUT) then 6 (SPX), worker 1 drafts 1, 3 (RUT) then 5 (SPX): each dies on its first SPX
    args = ["RUT", "SPX", "--weeks", "2025-07-07..2025-08-08", "--out", str(out)]
    result = draft(*args, "--workers", "2", "--jobs", "2", data_dir=data_dir)
    assert result.exit_code == 1, result.stderr
    assert result.stderr.count("its worker process ended with code 9") == 5
    assert list(out.glob("spx-*.md")) == [] and len(list(out.glob("rut-*.md"))) == 5
    assert sorted(result.stdout.split()) == sorted(str(p) for p in out.glob("rut-*.md"))
    monkeypatch.setattr(batch, "run_draft", real)
    done = draft(*args, data_dir=data_dir)
    assert done.exit_code == 0, done.stderr  # the re-run drafts what is left
    assert done.stdout.count("spx-") == 5 and "rut-" not in done.stdout
    assert len(list(out.glob("spx-*.md"))) == 5


def test_a_fetching_source_is_asked_once_before_the_workers_build_their_briefs(
    data_dir: Path, tmp_path: Path
) -> None:
    """With Yahoo behind the SQLite cache, `prefetch` asks for every ticker of the run over
    the whole span in one request, and the briefs the workers build read the cache."""
    from writer.data.cache import CachedSource
    from writer.data.snapshot import SnapshotSource
    from writer.pipeline import prefetch, weekly_brief

    asked: list[tuple[tuple[str, ...], dt.date, dt.date]] = []

    class Counted(SnapshotSource):  # the real snapshot reader, its requests counted
        def history(self, symbols: Any, start: dt.date, end: dt.date) -> Any:
            asked.append((tuple(symbols), start, end))
            return super().history(symbols, start, end)

    source = CachedSource(Counted(data_dir), tmp_path / "prices.sqlite")
    now = dt.datetime(2025, 9, 1, tzinfo=dt.UTC)
    pairs = [("RUT", dt.date(2025, 7, 11)), ("HSI", dt.date(2025, 8, 8))]
    prefetch(source, pairs)
    assert len(asked) == 1  # one request, every ticker and peer
    assert {"^RUT", "^GSPC", "^IXIC", "^HSI"} <= set(asked[0][0])
    for symbol, day in pairs:
        weekly_brief(symbol, day, source, now=now)
    assert len(asked) == 1  # the briefs were built from the cache
