"""`writer draft RUT SPX HSI --weeks A..B --jobs N`: a newsroom's week in one command.

Why one command and not a process per article: each `writer draft` process pays about 2
CPU-seconds of imports and builds its own briefs; twenty of them side by side ran 106x
slower than ideal.  Here the market data is read once, each (symbol, week) brief is built
once, and the articles are drafted by `--jobs` threads (the LLM call is the slow part and
is I/O).  A draft also costs CPU (the prompt, the strict check, three files), and threads
share one interpreter lock, so a large batch is split over `--workers` processes, each with
its share of the threads, all under one budget, while one more process reads the data and
builds the briefs (`_draft_in_processes` says why).

Resumable: an article already published is skipped (unless `--force`), a rejected or failed
one is drafted again, so re-running the same command after a failure or a budget stop does
only what is left.  The exit code is the worst outcome of the run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import multiprocessing
import os
import pickle
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from factcheck.brief import Brief
from factcheck.errors import CheckError
from writer import output, symbols
from writer.calendar import (
    finished_sessions,
    last_finished_session,
    last_finished_week,
    parse_date,
    weeks_between,
)
from writer.draft import illustrate
from writer.draft.command import DraftOptions, OutputPaths, Reporter, Via, run_draft
from writer.draft.spend import BudgetReached, Meter, Usage
from writer.errors import BadInput, DataUnavailable, OutOfSpace, Terminated, WriterError
from writer.render import make_console

if TYPE_CHECKING:
    from pathlib import Path

    from writer.data import PriceSource

#: Threads drafting at once by default: enough to hide an API's latency, few enough to stay
#: under a typical account's rate limit (429s are retried with backoff anyway).
DEFAULT_JOBS = 4
MAX_JOBS = 64
MAX_WORKERS = 16
#: A batch with workers costs about 0.3 s of CPU more than one without (a brief process,
#: each brief pickled across, each worker's connections): worth it from this many on.
ARTICLES_PER_WORKER = 16
#: Articles one `--batch` run drafts at most (each waits on its round in a thread).
MAX_BATCH_ARTICLES = 10_000

_RANGE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class DateSpec:
    """Which articles: the week of a date, every trading week of a range, or the last
    finished week; with `daily`, the session of a date, every session of a range, or the
    last finished session (a daily wrap each)."""

    first: dt.date | None = None
    last: dt.date | None = None
    latest: bool = False
    daily: bool = False

    @classmethod
    def parse(
        cls,
        week: str | None,
        weeks: str | None,
        date: str | None = None,
        dates: str | None = None,
    ) -> DateSpec:
        given = [
            (n, v)
            for n, v in (("--week", week), ("--weeks", weeks), ("--date", date), ("--dates", dates))
            if v is not None
        ]
        if len(given) != 1:
            raise BadInput(
                "give one of --week DATE|last, --weeks FIRST..LAST (weekly recaps), "
                "--date DATE|last or --dates FIRST..LAST (daily wraps)"
                + (f"; not {' and '.join(n for n, _ in given)}" if given else "")
            )
        name, text = given[0]
        daily = name.startswith("--date")
        if name in ("--week", "--date"):
            if text == "last":
                return cls(latest=True, daily=daily)
            day = parse_date(text)
            return cls(day, day, daily=daily)
        m = _RANGE_RE.match(text.strip())
        if m is None:
            raise BadInput(f"bad {name} {text!r}: use FIRST..LAST, e.g. 2025-06-06..2025-08-08")
        first, last = parse_date(m.group(1)), parse_date(m.group(2))
        if last < first:
            raise BadInput(f"{name} {text}: the last date is before the first")
        return cls(first, last, daily=daily)

    def last_sessions(self, calendar: str, now: dt.datetime) -> tuple[dt.date, ...]:
        """A date in each week: its last scheduled session (or the date, for one week); with
        `daily`, each session (closed by `now`, an unscheduled closure left out)."""
        if self.latest:
            if self.daily:
                return (last_finished_session(calendar, now),)
            return (last_finished_week(calendar, now),)
        assert self.first is not None and self.last is not None
        if self.first == self.last:
            return (self.first,)
        if self.daily:
            return finished_sessions(calendar, self.first, self.last, now)
        return weeks_between(calendar, self.first, self.last)

    @property
    def genre(self) -> str:
        """The genre drafted (`writer.genres`)."""
        return "daily_wrap" if self.daily else "weekly_index"


_QUARTER_RANGE_RE = re.compile(r"^(FY\d{4}-Q[1-4])\.\.(FY\d{4}-Q[1-4])$", re.IGNORECASE)
#: Quarters one `--quarters` range may span (ten years): a typo's range is not a batch.
MAX_QUARTERS = 40


@dataclass(frozen=True)
class QuarterSpec:
    """Which earnings snapshots: one fiscal quarter, every quarter of a range, or each
    company's latest (a snapshot each)."""

    labels: tuple[str, ...] = ()
    latest: bool = False
    genre: str = "earnings"
    daily: bool = False

    @classmethod
    def parse(cls, quarter: str | None, quarters: str | None) -> QuarterSpec:
        from writer.genres.earnings.brief import parse_quarter

        if (quarter is None) == (quarters is None):
            raise BadInput("give one of --quarter FY2024-Q3|latest or --quarters FIRST..LAST")
        if quarter is not None:
            if quarter.strip().lower() == "latest":
                return cls(latest=True)
            year, q = parse_quarter(quarter)
            return cls((f"FY{year}-Q{q}",))
        assert quarters is not None
        m = _QUARTER_RANGE_RE.match(quarters.strip())
        if m is None:
            raise BadInput(
                f"bad --quarters {quarters!r}: use FIRST..LAST, e.g. FY2024-Q1..FY2024-Q4"
            )
        first, last = parse_quarter(m.group(1)), parse_quarter(m.group(2))
        if last < first:
            raise BadInput(f"--quarters {quarters}: the last quarter is before the first")
        labels = []
        year, q = first
        while (year, q) <= last:
            labels.append(f"FY{year}-Q{q}")
            year, q = (year, q + 1) if q < 4 else (year + 1, 1)
        if len(labels) > MAX_QUARTERS:
            raise BadInput(
                f"--quarters {quarters} spans {len(labels)} quarters; at most {MAX_QUARTERS}"
            )
        return cls(tuple(labels))

    @property
    def single(self) -> bool:
        return not self.latest and len(self.labels) == 1


Spec = DateSpec | QuarterSpec


@dataclass
class ArticleRun:
    """One article of the batch and how it ended."""

    symbol: str
    week: dt.date
    #: an earnings snapshot's fiscal quarter ("FY2024-Q3" or "latest"), else None
    quarter: str | None = None
    stem: str = ""
    verdict: str = "pending"  # published | skipped | rejected | failed | not started
    attempts: int | None = None
    exit_code: int = 0
    message: str = ""
    seconds: float = 0.0
    usage: Usage = field(default_factory=Usage)
    #: the process that drafted it (a batch's worker processes are forked from the command's)
    pid: int = 0

    @property
    def name(self) -> str:
        """What the article is before its brief names it: "RUT 2025-08-08", "AAPL FY2024-Q3"."""
        return f"{self.symbol} {self.quarter or self.week}"


def plan(names: Sequence[str], spec: Spec, now: dt.datetime) -> list[ArticleRun]:
    """One run per article asked for, in the order asked: (symbol, a date in the week), or
    (ticker, fiscal quarter) for earnings snapshots."""
    if isinstance(spec, QuarterSpec):
        wanted = ("latest",) if spec.latest else spec.labels
        return [ArticleRun(name.upper(), dt.date.min, q) for name in names for q in wanted]
    out: list[tuple[str, dt.date]] = []
    for name in names:
        entity = symbols.resolve(name)  # UnknownSymbol (exit 2) before any work
        for day in spec.last_sessions(entity.calendar, now):
            out.append((name, day))
    if not out:
        raise BadInput(f"no trading {'session' if spec.daily else 'week'} in the range asked for")
    return [ArticleRun(symbol, day) for symbol, day in out]


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
    #: None: opened from `template.data_dir` by the process that builds the briefs
    source: PriceSource | None
    now: dt.datetime
    client_factory: Callable[..., object] | None
    #: set once an article could not be written for want of space: no article starts after
    #: it (an event the forked workers share, made before they fork)
    full: Any = field(default_factory=lambda: _shared_event())

    def with_data(self, *, prefetched: bool = False) -> _Batch:
        """This batch with its market data open: the source the caller gave, or the one
        `--data-dir` names; `prefetched` (before processes fork to build briefs from it):
        what every brief will read, read once (`writer.pipeline.prefetch`)."""
        from writer.pipeline import open_source, prefetch

        source = self.source or open_source(self.template.data_dir)
        if prefetched and self.template.genre != "earnings":
            prefetch(source, [(r.symbol, r.week) for r in self.runs])
        return dataclasses.replace(self, source=source)


def _shared_event() -> Any:
    """An event every process forked after it sees (a thread event where nothing forks)."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork").Event()
    return threading.Event()


#: Why an article was not started once the disk filled up.
_NOT_STARTED_FULL = (
    "an earlier article found no space left in the output folder; free some and run the "
    "same command again"
)


def run_batch(
    names: Sequence[str],
    spec: Spec,
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

    Why processes as well as threads: a draft costs about 25 ms of CPU besides its wait for
    the model (the prompt, the reply's parsing, the strict check, three files written), and
    threads share one interpreter lock, so 20 threads against a 0.5 s endpoint were bound
    by one CPU.  With workers, a brief process builds every brief once and sends each to the
    worker that drafts it (`_draft_in_processes`); every call counts against one shared
    budget (`Meter.share`), and each finished article comes back to this process, which
    prints and tallies them."""
    if not 1 <= jobs <= MAX_JOBS:
        raise BadInput(f"--jobs must be 1 to {MAX_JOBS}, not {jobs}")
    moment = now or dt.datetime.now(dt.UTC)
    meter = meter or Meter()
    console = console or make_console(stderr=True, quiet=template.quiet)
    runs = plan(names, spec, moment)
    count = 1 if provider_batch else worker_count(workers, jobs, len(runs))
    batch = _Batch(runs, template, meter, source, moment, client_factory)
    if count == 1:  # with worker processes, the data is read by a process of its own
        batch = batch.with_data()
    lock = threading.Lock()
    done = [0]

    def finished(i: int, run: ArticleRun) -> None:
        runs[i] = run
        if run.verdict == "skipped":
            return
        with lock:
            done[0] += 1
            console.print(
                f"[{done[0]}/{len(runs)}] {run.stem or run.name}: "
                f"{run.verdict}" + (f" ({run.message})" if run.verdict != "published" else ""),
                markup=False,
                highlight=False,
            )

    try:
        if provider_batch:

            def say(message: str) -> None:
                console.print(message, markup=False, highlight=False)

            _draft_in_provider_batches(batch, finished, say)
        elif count == 1:
            _draft_share(batch, _briefs_to_draft(batch, range(len(runs)), finished), jobs, finished)
        else:
            _draft_in_processes(batch, count, jobs, finished)
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (`Terminated`)
        with lock:
            for run in runs:
                if run.verdict == "pending":
                    run.verdict = "interrupted"
        with contextlib.suppress(Exception):
            meter.load_shared()
        # the workers were stopped mid-article: finish or undo what they left staged, so
        # the folder holds whole articles only (as the next run would, now)
        with contextlib.suppress(OSError):
            output.recover_all(template.out_dir)
        with contextlib.suppress(OSError, WriterError, CheckError):
            _published_unreported(runs, template.out_dir, moment)
        how = "SIGTERM" if isinstance(exc, Terminated) else "Ctrl-C"
        raise BatchInterrupted(list(runs), how) from None
    meter.load_shared()
    return runs, max(r.exit_code for r in runs)


def _published_unreported(runs: list[ArticleRun], out_dir: Path, since: dt.datetime) -> None:
    """After a stop: each article this batch published (written since `since`) whose report
    never reached the command, because its worker was stopped between publishing it and
    saying so, is marked published, found by its front matter's ticker and week.  The folder,
    not the messages, says what was done."""
    from factcheck.frontmatter import article_target

    waiting = {
        (r.symbol.upper(), r.week): r for r in runs if r.verdict in ("pending", "interrupted")
    }
    if not waiting:
        return
    cutoff = since.timestamp()
    for path in sorted(out_dir.glob("*.md")):
        if path.name.endswith(".rejected.md") or path.stat().st_mtime < cutoff:
            continue
        with path.open(encoding="utf-8") as handle:
            ticker, week = article_target(handle.read(4096))
        run = waiting.pop((ticker.upper(), week), None) if ticker and week else None
        if run is not None:
            run.verdict, run.stem, run.message = "published", path.stem, str(path)


class BatchInterrupted(Exception):
    """A batch stopped by Ctrl-C or SIGTERM: every article's row as it stood (those not
    finished say "interrupted"), so the command can say what was done and how to go on."""

    def __init__(self, runs: list[ArticleRun], how: str) -> None:
        super().__init__(how)
        self.runs = runs
        self.how = how
        #: the shell's code for a process ended by the signal: 130 Ctrl-C, 143 SIGTERM
        self.exit_code = 143 if how == "SIGTERM" else 130

    def line(self) -> str:
        """The one line that says what was done and how to resume."""
        published = sum(r.verdict == "published" for r in self.runs)
        ended = sum(r.verdict not in ("pending", "interrupted") for r in self.runs)
        return (
            f"stopped by {self.how} after {ended} of {len(self.runs)} articles "
            f"({published} published, kept); run the same command again to draft the rest"
        )


def _draft_article(
    batch: _Batch,
    i: int,
    brief: Brief,
    client_factory: Callable[..., object] | None,
    finished: Finished,
    via: Via | None = None,
    chart: illustrate.Chart | None = None,
) -> None:
    """Draft one article of the batch (its repair loop, checks and files) and report it."""
    run = batch.runs[i]
    run.pid = os.getpid()
    if batch.full.is_set():  # nothing more is paid for: it could not be saved either
        _ended(run, "not started", 2, _NOT_STARTED_FULL)
        finished(i, run)
        return
    started = time.perf_counter()
    options = dataclasses.replace(
        batch.template, symbol=run.symbol, week=run.week, quarter=run.quarter, quiet=True
    )
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
            chart=chart,
        )
        run.attempts = result.attempts
        _ended(run, "published", 0, str(result.article))
    except BudgetReached as exc:
        _ended(run, "not started" if run.usage.calls == 0 else "failed", 4, str(exc))
    except (WriterError, CheckError) as exc:
        if isinstance(exc, OutOfSpace):
            batch.full.set()
        verdict = "rejected" if exc.exit_code == 1 else "failed"
        _ended(run, verdict, exc.exit_code, str(exc))
    except Exception as exc:  # a bug: this article fails with what it was, the others go on
        _ended(run, "failed", 1, f"unexpected {type(exc).__name__}: {exc}")
    run.seconds = time.perf_counter() - started
    finished(i, run)


class Turns:
    """One draft's CPU work at a time in a process: its threads take turns, and a thread
    lets the next one go while it waits on the model.

    Why: a draft needs about 25 ms of CPU after its reply (the strict check, three files,
    the next prompt).  When a wave of replies came back at once, the interpreter lock
    shared the CPU among all of them, so every thread finished at the end of the wave and
    the next wave went out together, each 0.15-0.3 s late, wave after wave.  Taking turns,
    the first reply's next request leaves after 25 ms, the next after 50, and the waves stay
    spread out instead of queueing again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def __enter__(self) -> None:
        self._lock.acquire()

    def __exit__(self, *exc: object) -> None:
        self._lock.release()

    @contextlib.contextmanager
    def away(self) -> Iterator[None]:
        """The turn given up for a wait on the model (a request, a backoff), then retaken."""
        self._lock.release()
        try:
            yield
        finally:
            self._lock.acquire()


#: An article ready to draft: its index in the run, its brief, and its chart when the
#: process that built the brief also read the chart's closes (None: drawn from the source).
ToDraft = tuple[int, Brief, illustrate.Chart | None]


def _earnings_brief(batch: _Batch, run: ArticleRun) -> Brief:
    from writer.pipeline import earnings_data

    assert run.quarter is not None
    data = earnings_data(batch.template.fundamentals_dir, batch.template.data_dir)
    return data.brief(
        run.symbol, run.quarter, now=batch.now, report_date=batch.template.report_date
    )


def _briefs_to_draft(
    batch: _Batch, indices: Iterable[int], finished: Finished
) -> Iterator[ToDraft]:
    """Each article's brief, built once, in order; an article whose brief cannot be had, or
    that is already published (without `--force`), is reported here and not drafted."""
    from writer.pipeline import draft_brief

    assert batch.source is not None
    for i in indices:
        run = batch.runs[i]
        try:
            if run.quarter is not None:
                brief = _earnings_brief(batch, run)
            else:
                brief = draft_brief(
                    batch.template.genre, run.symbol, run.week, batch.source, now=batch.now
                )
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
        yield i, brief, None


def _draft_share(
    batch: _Batch,
    articles: Iterable[ToDraft],
    jobs: int,
    finished: Finished,
    inherited: tuple[Any] | None = None,
) -> None:
    """Draft each article as soon as it comes (its brief built, here or in the brief
    process), `jobs` at a time, through one HTTP client: the one this process `inherited`
    (a worker), else one made here while the first briefs are built."""

    # turns only pay when drafts wait on a model: the offline drafter's I/O (its files'
    # fsyncs) would otherwise hold up the other threads (360 articles with --workers 1:
    # 10.0 s with turns, 8.9 s without)
    turns = Turns()
    model = batch.client_factory is not None or _calls_llm(batch.template, None)
    pacing: contextlib.AbstractContextManager[object] = turns if model else contextlib.nullcontext()
    via = Via(while_waiting=turns.away) if model else None

    def draft_one(i: int, brief: Brief, chart: illustrate.Chart | None) -> None:
        shared = client.result()
        given = batch.client_factory or (shared and (lambda _settings: shared))
        with pacing:
            _draft_article(batch, i, brief, given, finished, via, chart)

    with (
        ThreadPoolExecutor(max_workers=1) as maker,
        ThreadPoolExecutor(max_workers=min(jobs, max(1, len(batch.runs)))) as pool,
    ):
        # the HTTP client (importing openai, loading CA certificates) is made while the
        # briefs are built, and each article is drafted as soon as its brief is ready; its
        # own thread, so that `jobs` drafts run at once, never one more
        client: Future[Any]
        if inherited is None:
            client = maker.submit(_shared_client, batch.template, batch.client_factory)
        else:
            client = Future()
            client.set_result(inherited[0])
        try:
            drafting = []
            subjects: dict[str, Brief] = {}
            for n, (i, brief, chart) in enumerate(articles, 1):
                drafting.append(pool.submit(draft_one, i, brief, chart))
                subjects.setdefault(brief.subject.key, brief)
                if n == jobs:  # the first requests are out: the checker is built meanwhile
                    _warm_checker(subjects.values())
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
        for i, brief, _chart in _briefs_to_draft(batch, range(len(batch.runs)), finished):
            via = Via(rounds.requester(batch.runs[i].stem), batchapi.BATCH_PRICE)

            def one(i: int = i, brief: Brief = brief, via: Via = via) -> None:
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
    """Draft in `count` forked worker processes while one more process builds the briefs.

    Why this shape: a batch's two slow imports are the data side's (pandas and the market
    data, about 0.45 s) and the HTTP client's (openai, about 0.45 s).  One after the other
    in one process they held the first request back by both; here a brief process is
    forked first, reads the data once and builds every brief (and its chart's closes) in
    order, while this process loads the HTTP client.  The workers are forked from this
    process then, so they share its loaded client and never import the data side; each
    drafts every `count`-th article as its brief arrives through a pipe, with its share of
    the `jobs` threads, and sends each finished article back through another.  A worker
    that dies leaves its unfinished articles failed (a re-run drafts them); a brief process
    that dies leaves failed the articles it did not send; Ctrl-C stops all.

    Without an HTTP client to load (offline, or clients the caller injects) there is nothing
    to overlap the data with: the data is read here and each worker builds its own briefs,
    which spares pickling each one across (about 1.2 ms a brief, there and back)."""
    if not _calls_llm(batch.template, batch.client_factory):
        _fork_workers(batch.with_data(prefetched=True), count, jobs, finished, None, None, None)
        return
    context = multiprocessing.get_context("fork")
    charted = illustrate.wanted(batch.template.chart)  # ChartUnavailable before any work
    inboxes = [context.Pipe(duplex=False) for _ in range(count)]
    data_read, data_read_sender = context.Pipe(duplex=False)
    briefer = context.Process(
        target=_brief_process,
        args=(batch, charted, inboxes, data_read_sender, os.getpid()),
        name="writer-briefs",
    )
    briefer.start()
    data_read_sender.close()
    for _, sender in inboxes:
        sender.close()
    try:
        _draft_with_briefer(batch, count, jobs, finished, inboxes, data_read, briefer)
    finally:
        briefer.terminate()
        briefer.join()


def _draft_with_briefer(
    batch: _Batch,
    count: int,
    jobs: int,
    finished: Finished,
    inboxes: list[tuple[Any, Any]],
    data_read: Any,
    briefer: Any,
) -> None:
    """The rest of `_draft_in_processes` once the brief process runs: load the HTTP client,
    wait until the data is read (or raise why it cannot be), fork the workers, collect."""
    from writer.genres import GENRES

    client = None
    if _calls_llm(batch.template, batch.client_factory):
        from writer.auditlog import default_log

        # the log set up once here, not raced by the workers; the HTTP client (0.4 s of
        # imports, its CA certificates, what its first use imports) made once: no
        # connection is open yet, so each worker's copy opens its own
        default_log().ensure()
        client = _shared_client(batch.template, batch.client_factory)
    for genre in GENRES.values():
        genre.prompting().compile_templates()
    batch.meter.share()
    try:
        unreadable = data_read.recv()  # None once the data is read
    except EOFError:
        briefer.join()
        unreadable = DataUnavailable(
            f"the process reading the market data ended with code {briefer.exitcode}; run "
            "the command again"
        )
    finally:
        data_read.close()
    if unreadable is not None:
        if client is not None:
            client.close()
        raise unreadable
    _fork_workers(batch, count, jobs, finished, client, inboxes, briefer)


def _fork_workers(
    batch: _Batch,
    count: int,
    jobs: int,
    finished: Finished,
    client: Any,
    inboxes: list[tuple[Any, Any]] | None,
    briefer: Any,
) -> None:
    """Fork the `count` workers (each with its share of the `jobs` threads and, unless its
    briefs come through `inboxes`, building its own) and report what each sends back."""
    from multiprocessing.connection import Connection, wait

    runs = batch.runs
    context = multiprocessing.get_context("fork")
    threads = -(-jobs // count)
    readers: dict[Connection, tuple[Any, set[int]]] = {}
    try:
        for w in range(count):
            share = range(w, len(runs), count)
            receiver, sender = context.Pipe(duplex=False)
            worker = context.Process(
                target=_worker,
                args=(batch, inboxes, w, count, threads, sender, client, os.getpid()),
                name=f"writer-draft-{w}",
            )
            worker.start()
            sender.close()
            if inboxes is not None:
                inboxes[w][0].close()
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
                        _ended(runs[i], "failed", 1, _lost(worker, briefer))
                        finished(i, runs[i])
                    continue
                left.discard(i)
                finished(i, run)
    finally:
        for worker, _left in readers.values():
            worker.terminate()
        for worker, _left in readers.values():
            worker.join()
        # a stop (Ctrl-C, SIGTERM) can come between a worker publishing an article and this
        # process reading that it did: what the pipes still hold is reported, so the summary
        # and the list of published paths say everything the folder holds
        for receiver in readers:
            _drain(receiver, finished)
        if client is not None:
            client.close()


def _drain(receiver: Any, finished: Finished) -> None:
    """Report every finished article a stopped worker left in its pipe, then close it.  A
    message cut short by the stop (the worker killed mid-send) ends the reading."""
    try:
        while receiver.poll():
            i, run = receiver.recv()
            finished(i, run)
    except (EOFError, OSError, pickle.UnpicklingError):
        pass
    finally:
        receiver.close()


def _lost(worker: Any, briefer: Any) -> str:
    """Why an article a worker never finished failed: the worker died, or (the worker ended
    well) its brief never came."""
    if worker.exitcode == 0 and briefer is not None:
        briefer.join()
        return (
            f"the process building the briefs ended with code {briefer.exitcode} before "
            "sending its brief; run the command again to draft what is left"
        )
    return (
        f"its worker process ended with code {worker.exitcode} before drafting it; run the "
        "command again to draft what is left"
    )


def _brief_process(
    batch: _Batch, charted: bool, inboxes: list[tuple[Any, Any]], data_read: Any, command: int
) -> None:
    """The brief process: read the data once, say so through `data_read` (or send why it cannot
    be read: the command's error), then build each article's brief (and its chart's closes)
    in order and send it to the worker that drafts it, article i to worker i % workers.  An
    article already published or without a brief goes too, finished, for its worker to
    report.  A worker that has died is skipped: its articles are failed by the command."""
    _as_a_child(command)
    for receiver, _sender in inboxes:  # only the workers read: a dead one's pipe breaks
        receiver.close()
    senders: list[Any] = [sender for _receiver, sender in inboxes]

    def send(i: int, message: tuple[object, ...]) -> None:
        sender = senders[i % len(senders)]
        if sender is None:
            return
        try:
            sender.send(message)
        except OSError:  # that worker died
            senders[i % len(senders)] = None

    try:
        try:
            batch = batch.with_data(prefetched=True)
        except (WriterError, CheckError) as exc:
            data_read.send(exc)
            return
        data_read.send(None)
        data_read.close()

        def report(i: int, run: ArticleRun) -> None:
            send(i, (i, run, None, None))

        source = batch.source
        assert source is not None  # opened above
        for i, brief, _chart in _briefs_to_draft(batch, range(len(batch.runs)), report):
            run = batch.runs[i]
            try:
                chart = illustrate.Chart.of(brief, source, run.stem) if charted else None
            except (WriterError, CheckError) as exc:  # as drawing it in the worker would
                _ended(run, "failed", exc.exit_code, str(exc))
                report(i, run)
                continue
            send(i, (i, run, brief, chart))
    finally:
        for sender in senders:
            if sender is not None:
                sender.close()
        data_read.close()


def _as_a_child(command: int) -> None:
    """Set up a forked worker or brief process of the `command` process.

    It leaves Ctrl-C to the command, which stops every child (no traceback from each).  And
    it ends when the command does, however the command ends: a batch killed by a cron
    job's timeout or `kill -9` must not leave workers drafting, and paying for, articles no
    one waits for (Linux's parent-death signal; the batch forks only on Linux)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the command's handler is the command's
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pipes break when the command ends
        pass
    if os.getppid() != command:  # it ended before the signal was set up
        os._exit(1)


#: prctl(2) option: the signal this process gets when its parent ends
_PR_SET_PDEATHSIG = 1


def _received(batch: _Batch, inbox: Any, finished: Finished) -> Iterator[ToDraft]:
    """A worker's articles as the brief process sends them, until it closes the pipe; one
    it finished itself (already published, no brief) is reported, not drafted."""
    while True:
        try:
            i, run, brief, chart = inbox.recv()
        except EOFError:
            return
        batch.runs[i] = run
        if brief is None:
            finished(i, run)
        else:
            yield i, brief, chart


def _warm_checker(briefs: Iterable[Brief]) -> None:
    """The checker's patterns (about 0.1 s of regular expressions compiled on import) and
    each subject's entity pattern, built while the first requests are out: the time a
    draft's first check would otherwise spend on them, after its reply is back."""
    from factcheck.check import check_text

    for brief in briefs:
        check_text(f"# {brief.subject.name}", brief, strict=True)


def _worker(
    batch: _Batch,
    inboxes: list[tuple[Any, Any]] | None,
    w: int,
    count: int,
    threads: int,
    sender: Any,
    client: Any,
    command: int,
) -> None:
    """Worker `w` of `count`: draft the articles that arrive in its inbox (or, without
    `inboxes`, build the briefs of articles w, w + count, ... itself) with the HTTP
    `client` it inherited, and send each finished (index, article) back."""
    _as_a_child(command)
    lock = threading.Lock()

    def send(i: int, run: ArticleRun) -> None:
        with lock:
            sender.send((i, run))

    try:
        if inboxes is None:
            articles = _briefs_to_draft(batch, range(w, len(batch.runs), count), send)
            _draft_share(batch, articles, threads, send, (client,))
            return
        for k, (receiver, _sender) in enumerate(inboxes):  # a dead worker's pipe must break
            if k != w:
                receiver.close()
        inbox = inboxes[w][0]
        try:
            _draft_share(batch, _received(batch, inbox, send), threads, send, (client,))
        finally:
            inbox.close()
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
            run.stem or run.name,
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
