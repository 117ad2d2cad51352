"""`writer draft RUT SPX HSI --weeks A..B --jobs N`: a newsroom's week in one command.

Why one command and not a process per article: each `writer draft` process pays about 2
CPU-seconds of imports and builds its own briefs; twenty of them side by side ran 106x
slower than ideal.  Here the market data is read once, each (symbol, week) brief is built
once, and the articles are drafted by `--jobs` threads (the LLM call is the slow part and
is I/O).  A draft also costs CPU (the prompt, the strict check, three files), and threads
share one interpreter lock, so a large batch is split over `--workers` processes forked
after the data is read, each with its share of the threads, all under one budget.

Resumable: an article already published is skipped (unless `--force`), a rejected or failed
one is drafted again, so re-running the same command after a failure or a budget stop does
only what is left.  The exit code is the worst outcome of the run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from factcheck.brief import WeeklyIndexBrief
from factcheck.errors import CheckError
from writer import symbols
from writer.calendar import last_finished_week, weeks_between
from writer.draft.command import DraftOptions, OutputPaths, Reporter, Via, run_draft
from writer.draft.spend import BudgetReached, Meter, Usage
from writer.errors import BadInput, WriterError
from writer.render import make_console

if TYPE_CHECKING:
    from writer.data import PriceSource

#: Threads drafting at once by default: enough to hide an API's latency, few enough to stay
#: under a typical account's rate limit (429s are retried with backoff anyway).
DEFAULT_JOBS = 4
MAX_JOBS = 64
MAX_WORKERS = 16
#: A worker process costs about 0.6 s of CPU to start (the HTTP client's import, its
#: connection pool): worth it from about this many articles on.
ARTICLES_PER_WORKER = 16
#: Articles one `--batch` run drafts at most (each waits on its round in a thread).
MAX_BATCH_ARTICLES = 10_000

_RANGE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class WeekSpec:
    """Which weeks: one date's week, every trading week of a range, or the last finished."""

    first: dt.date | None = None
    last: dt.date | None = None
    latest: bool = False

    @classmethod
    def parse(cls, week: str | None, weeks: str | None) -> WeekSpec:
        from writer.pipeline import parse_date

        if (week is None) == (weeks is None):
            raise BadInput("give --week DATE (or --week last) or --weeks FIRST..LAST")
        if week is not None:
            if week == "last":
                return cls(latest=True)
            day = parse_date(week)
            return cls(day, day)
        assert weeks is not None
        m = _RANGE_RE.match(weeks.strip())
        if m is None:
            raise BadInput(f"bad --weeks {weeks!r}: use FIRST..LAST, e.g. 2025-06-06..2025-08-08")
        first, last = parse_date(m.group(1)), parse_date(m.group(2))
        if last < first:
            raise BadInput(f"--weeks {weeks}: the last date is before the first")
        return cls(first, last)

    def last_sessions(self, calendar: str, now: dt.datetime) -> tuple[dt.date, ...]:
        """A date in each week: its last scheduled session (or the date, for one week)."""
        if self.latest:
            return (last_finished_week(calendar, now),)
        assert self.first is not None and self.last is not None
        if self.first == self.last:
            return (self.first,)
        return weeks_between(calendar, self.first, self.last)


@dataclass
class ArticleRun:
    """One article of the batch and how it ended."""

    symbol: str
    week: dt.date
    stem: str = ""
    verdict: str = "pending"  # published | skipped | rejected | failed | not started
    attempts: int | None = None
    exit_code: int = 0
    message: str = ""
    seconds: float = 0.0
    usage: Usage = field(default_factory=Usage)
    #: the process that drafted it (a batch's worker processes are forked from the command's)
    pid: int = 0


def plan(names: Sequence[str], spec: WeekSpec, now: dt.datetime) -> list[tuple[str, dt.date]]:
    """(symbol, a date in the week) for every article asked for, in the order asked."""
    out: list[tuple[str, dt.date]] = []
    for name in names:
        entity = symbols.resolve(name)  # UnknownSymbol (exit 2) before any work
        for day in spec.last_sessions(entity.calendar, now):
            out.append((name, day))
    if not out:
        raise BadInput("no trading week in the range asked for")
    return out


def worker_count(requested: int | None, jobs: int, articles: int) -> int:
    """How many processes draft: `--workers` when given, else one per CPU as long as each
    gets `ARTICLES_PER_WORKER` articles and one of the `jobs` threads.  Always 1 where
    processes cannot be forked (Windows, macOS), and never more than the threads."""
    if requested is not None and not 1 <= requested <= MAX_WORKERS:
        raise BadInput(f"--workers must be 1 to {MAX_WORKERS}, not {requested}")
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if requested is not None:
        return max(1, min(requested, jobs, articles))
    by_load = articles // ARTICLES_PER_WORKER
    return max(1, min(os.cpu_count() or 1, jobs, by_load, MAX_WORKERS))


Finished = Callable[[int, ArticleRun], None]


@dataclass(frozen=True)
class _Batch:
    """What every drafting thread and worker process of one run shares."""

    runs: list[ArticleRun]
    template: DraftOptions
    meter: Meter
    source: PriceSource
    now: dt.datetime
    client_factory: Callable[..., object] | None


def run_batch(
    names: Sequence[str],
    spec: WeekSpec,
    template: DraftOptions,
    *,
    jobs: int = DEFAULT_JOBS,
    workers: int | None = None,
    provider_batch: bool = False,
    meter: Meter | None = None,
    source: PriceSource | None = None,
    now: dt.datetime | None = None,
    console: Console | None = None,
    client_factory: Callable[..., object] | None = None,
) -> tuple[list[ArticleRun], int]:
    """Draft every article, `jobs` at a time in `workers` processes; (one row per article,
    the worst exit code).

    Why processes as well as threads: a draft costs about 35 ms of CPU besides its wait for
    the model (the prompt, the reply's parsing, the strict check, three files written), and
    threads share one interpreter lock, so 20 threads against a 0.5 s endpoint were bound
    by one CPU.  Worker processes are forked after the data is read once (and the calendars
    and series built once), each builds its share of the briefs and drafts them with its
    share of the threads; every call counts against one shared budget (`Meter.share`), and
    each finished article comes back to this process, which prints and tallies them."""
    from writer.pipeline import open_source

    if not 1 <= jobs <= MAX_JOBS:
        raise BadInput(f"--jobs must be 1 to {MAX_JOBS}, not {jobs}")
    moment = now or dt.datetime.now(dt.UTC)
    meter = meter or Meter()
    console = console or make_console(stderr=True, quiet=template.quiet)
    source = source or open_source(template.data_dir)
    runs = [ArticleRun(symbol, day) for symbol, day in plan(names, spec, moment)]
    batch = _Batch(runs, template, meter, source, moment, client_factory)
    lock = threading.Lock()
    done = [0]

    def finished(i: int, run: ArticleRun) -> None:
        runs[i] = run
        if run.verdict == "skipped":
            return
        with lock:
            done[0] += 1
            console.print(
                f"[{done[0]}/{len(runs)}] {run.stem or f'{run.symbol} {run.week}'}: "
                f"{run.verdict}" + (f" ({run.message})" if run.verdict != "published" else ""),
                markup=False,
                highlight=False,
            )

    count = worker_count(workers, jobs, len(runs))
    if provider_batch:

        def say(message: str) -> None:
            console.print(message, markup=False, highlight=False)

        _draft_in_provider_batches(batch, finished, say)
    elif count == 1:
        _draft_share(batch, range(len(runs)), jobs, finished)
    else:
        _draft_in_processes(batch, count, jobs, finished)
    meter.load_shared()
    return runs, max(r.exit_code for r in runs)


def _draft_article(
    batch: _Batch,
    i: int,
    brief: WeeklyIndexBrief,
    client_factory: Callable[..., object] | None,
    finished: Finished,
    via: Via | None = None,
) -> None:
    """Draft one article of the batch (its repair loop, checks and files) and report it."""
    run = batch.runs[i]
    run.pid = os.getpid()
    started = time.perf_counter()
    options = dataclasses.replace(batch.template, symbol=run.symbol, week=run.week, quiet=True)
    try:
        result = run_draft(
            options,
            brief=brief,
            source=batch.source,
            reporter=Reporter(True),
            meter=batch.meter,
            usage=run.usage,
            now=batch.now,
            client_factory=client_factory,
            via=via,
        )
        run.attempts = result.attempts
        _ended(run, "published", 0, str(result.article))
    except BudgetReached as exc:
        _ended(run, "not started" if run.usage.calls == 0 else "failed", 4, str(exc))
    except (WriterError, CheckError) as exc:
        verdict = "rejected" if exc.exit_code == 1 else "failed"
        _ended(run, verdict, exc.exit_code, str(exc))
    except Exception as exc:  # a bug: this article fails with what it was, the others go on
        _ended(run, "failed", 1, f"unexpected {type(exc).__name__}: {exc}")
    run.seconds = time.perf_counter() - started
    finished(i, run)


def _briefs_to_draft(
    batch: _Batch, indices: Iterable[int], finished: Finished
) -> Iterator[tuple[int, WeeklyIndexBrief]]:
    """Each article's brief, built once, in order; an article whose brief cannot be had, or
    that is already published (without `--force`), is reported here and not drafted."""
    from writer.pipeline import weekly_brief

    for i in indices:
        run = batch.runs[i]
        try:
            brief = weekly_brief(run.symbol, run.week, batch.source, now=batch.now)
        except (WriterError, CheckError) as exc:
            _ended(run, "failed", exc.exit_code, str(exc))
            finished(i, run)
            continue
        paths = OutputPaths.of(brief, batch.template.out_dir)
        run.stem = paths.stem
        if not batch.template.force and paths.article.exists():
            _ended(run, "skipped", 0, "already published (--force drafts it again)")
            finished(i, run)
            continue
        yield i, brief


def _draft_share(batch: _Batch, indices: Iterable[int], jobs: int, finished: Finished) -> None:
    """Build the briefs of `indices` one after another and draft each, `jobs` at a time, as
    soon as its brief is ready."""

    def draft_one(i: int, brief: WeeklyIndexBrief) -> None:
        shared = client.result()
        given = batch.client_factory or (shared and (lambda _settings: shared))
        _draft_article(batch, i, brief, given, finished)

    wanted = list(indices)
    with (
        ThreadPoolExecutor(max_workers=1) as maker,
        ThreadPoolExecutor(max_workers=min(jobs, max(1, len(wanted)))) as pool,
    ):
        # the HTTP client (importing openai, loading CA certificates) is made while the
        # briefs are built, and each article is drafted as soon as its brief is ready; its
        # own thread, so that `jobs` drafts run at once, never one more
        client = maker.submit(_shared_client, batch.template, batch.client_factory)
        try:
            drafting = []
            subjects: dict[str, WeeklyIndexBrief] = {}
            for i, brief in _briefs_to_draft(batch, wanted, finished):
                drafting.append(pool.submit(draft_one, i, brief))
                subjects.setdefault(brief.subject.key, brief)
            _warm_checker(subjects.values())
            for future in drafting:
                future.result()
        finally:
            shared = client.result()
            if shared is not None:
                shared.close()


def _draft_in_provider_batches(
    batch: _Batch, finished: Finished, say: Callable[[str], None]
) -> None:
    """`--batch`: every article's repair loop in a thread of its own, its requests sent in
    rounds of provider batches (`writer.draft.batchapi`), from this process."""
    from writer.draft import batchapi, llm
    from writer.draft.settings import LLMSettings

    template = batch.template
    if len(batch.runs) > MAX_BATCH_ARTICLES:
        raise BadInput(
            f"--batch takes at most {MAX_BATCH_ARTICLES:,} articles per run, not "
            f"{len(batch.runs):,}; split the weeks over several runs"
        )
    if not _calls_llm(template, batch.client_factory):
        raise BadInput(
            "--batch sends the drafts to a model's Batch API: set OPENAI_API_KEY (and "
            "OPENAI_BASE_URL for another provider), or drop --batch or --offline"
        )
    settings = LLMSettings.from_env(template.model, template.context_tokens)
    timing = batchapi.BatchSettings.from_env()
    client = llm.get_batch_client(settings)
    rounds = batchapi.BatchRounds(
        client, batchapi.Journal(template.out_dir / ".batches"), timing, say
    )
    threads: list[threading.Thread] = []
    try:
        for i, brief in _briefs_to_draft(batch, range(len(batch.runs)), finished):
            via = Via(rounds.requester(batch.runs[i].stem), batchapi.BATCH_PRICE)

            def one(i: int = i, brief: WeeklyIndexBrief = brief, via: Via = via) -> None:
                try:
                    _draft_article(batch, i, brief, lambda _settings: client, finished, via)
                finally:
                    rounds.leave()

            rounds.enter()
            thread = threading.Thread(target=one, name=f"writer-batch-{i}", daemon=True)
            thread.start()
            threads.append(thread)
        try:
            rounds.run()
        except KeyboardInterrupt:
            if rounds.submitted:
                say(
                    f"batch {', '.join(rounds.submitted)} keeps running at the provider; run "
                    "the same command again to collect it"
                )
            raise
        for thread in threads:
            thread.join()
    finally:
        client.close()


def _draft_in_processes(batch: _Batch, count: int, jobs: int, finished: Finished) -> None:
    """Fork `count` workers, each drafting every `count`-th article with its share of the
    `jobs` threads and sending each finished article back through a pipe.  A worker that
    dies leaves its unfinished articles failed (a re-run drafts them); Ctrl-C stops all."""
    from multiprocessing.connection import Connection, wait

    from writer.pipeline import prefetch

    runs = batch.runs
    prefetch(batch.source, [(r.symbol, r.week) for r in runs])
    if _calls_llm(batch.template, batch.client_factory):
        from writer.auditlog import default_log

        # the log set up once here, not raced by the workers; the HTTP client's code (0.4 s
        # of imports, and what its first use imports) loaded once, so that each worker
        # starts drafting as soon as it starts
        default_log().ensure()
        _shared_client(batch.template, batch.client_factory).close()
    _warm_up(batch)
    batch.meter.share()
    context = multiprocessing.get_context("fork")
    threads = -(-jobs // count)
    readers: dict[Connection, tuple[Any, set[int]]] = {}
    try:
        for w in range(count):
            share = range(w, len(runs), count)
            receiver, sender = context.Pipe(duplex=False)
            worker = context.Process(
                target=_worker, args=(batch, share, threads, sender), name=f"writer-draft-{w}"
            )
            worker.start()
            sender.close()
            readers[receiver] = (worker, set(share))
        while readers:
            for ready in wait(list(readers)):
                assert isinstance(ready, Connection)
                worker, left = readers[ready]
                try:
                    i, run = ready.recv()
                except EOFError:
                    ready.close()
                    worker.join()
                    del readers[ready]
                    for i in sorted(left):
                        _ended(
                            runs[i],
                            "failed",
                            1,
                            f"its worker process ended with code {worker.exitcode} before "
                            "drafting it; run the command again to draft what is left",
                        )
                        finished(i, runs[i])
                    continue
                left.discard(i)
                finished(i, run)
    finally:
        for worker, _left in readers.values():
            worker.terminate()
        for worker, _left in readers.values():
            worker.join()


def _warm_up(batch: _Batch) -> None:
    """Build once, before the workers fork, what each worker's first request would otherwise
    build: the prompt templates (compiled on first use).  The checker's patterns are left
    to `_warm_checker`: nothing is checked before the first replies come back."""
    from writer.draft import prompting
    from writer.pipeline import weekly_brief

    for run in batch.runs:
        try:
            brief = weekly_brief(run.symbol, run.week, batch.source, now=batch.now)
        except (WriterError, CheckError):
            continue
        prompting.first_messages(brief)
        return


def _warm_checker(briefs: Iterable[WeeklyIndexBrief]) -> None:
    """The checker's patterns (about 0.1 s of regular expressions compiled on import) and
    each subject's entity pattern, built while the first requests are out: the time a
    draft's first check would otherwise spend on them, after its reply is back."""
    from factcheck.check import check_text

    for brief in briefs:
        check_text(f"# {brief.subject.name}", brief, strict=True)


def _worker(batch: _Batch, share: range, threads: int, sender: Any) -> None:
    """One worker process: draft its share and send each finished (index, article) back."""
    lock = threading.Lock()

    def send(i: int, run: ArticleRun) -> None:
        with lock:
            sender.send((i, run))

    try:
        _draft_share(batch, share, threads, send)
    finally:
        sender.close()


def _shared_client(template: DraftOptions, given: Callable[..., object] | None) -> Any:
    """One HTTP client for every article of the batch: building one loads the system's CA
    certificates (about 0.1 s) and opens a new connection pool.  None when drafting offline
    or when the caller injects its own clients."""
    from writer.draft.settings import LLMSettings

    if not _calls_llm(template, given):
        return None
    from writer.draft import llm

    client = llm.get_client(LLMSettings.from_env(template.model, template.context_tokens))
    client.chat.completions  # noqa: B018  (its first use imports the resource's modules)
    return client


def _calls_llm(template: DraftOptions, given: Callable[..., object] | None) -> bool:
    """Whether the batch drafts through writer's own HTTP client (not offline, an endpoint
    configured, no client injected by the caller)."""
    from writer.draft.settings import llm_configured

    return given is None and not template.offline and llm_configured()


def _ended(run: ArticleRun, verdict: str, code: int, message: str) -> None:
    run.verdict, run.exit_code, run.message = verdict, code, message


def summary_table(runs: Sequence[ArticleRun], meter: Meter) -> Table:
    """One row per article and a total: what a run did and what it cost."""
    table = Table(title=f"{len(runs)} articles")
    for column, justify in (
        ("article", "left"),
        ("verdict", "left"),
        ("attempts", "right"),
        ("calls", "right"),
        ("tokens", "right"),
        ("cost", "right"),
        ("seconds", "right"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for run in runs:
        table.add_row(
            run.stem or f"{run.symbol} {run.week}",
            run.verdict,
            "" if run.attempts is None else str(run.attempts),
            str(run.usage.calls),
            f"{run.usage.tokens:,}",
            _usd(run.usage),
            f"{run.seconds:.1f}",
        )
    total = meter.total
    table.add_row("total", "", "", str(total.calls), f"{total.tokens:,}", _usd(total), "")
    return table


def _usd(usage: Usage) -> str:
    if usage.calls == 0:
        return "-"
    if usage.cost_usd is None:
        return "no price"
    return f"${usage.cost_usd.quantize(Decimal('0.0001'))}"
