"""The command line: parse arguments, call the pipeline, turn domain errors into exit codes.

Exit codes (a contract): 0 ok; 1 wrong figures / draft rejected; 2 usage or bad input;
3 market data unavailable; 4 LLM unavailable or failing.
"""

from __future__ import annotations

import datetime as dt
import signal
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from factcheck.errors import CheckError
from writer.cliflags import Command
from writer.errors import Terminated, WriterError

if TYPE_CHECKING:  # the CLI imports its commands' modules only when they run
    from writer.draft.batch import Spec
    from writer.draft.command import DraftOptions
    from writer.draft.spend import Meter

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Help as written: rich markup would take `writer[chart]` for a style tag and print
    # `writer`, and the rich panels label every flag `<bool>` as if it took a value.  The
    # plain help shows flags as flags and wraps the docstrings' paragraphs as paragraphs.
    rich_markup_mode=None,
    help="Weekly market recaps whose every figure is checked against the data.",
)

F = TypeVar("F", bound=Callable[..., Any])

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="folder of SYMBOL.csv snapshots instead of Yahoo (also WRITER_DATA_DIR)",
        file_okay=False,
    ),
]

FundamentalsDir = Annotated[
    Path | None,
    typer.Option(
        "--fundamentals-dir",
        help="earnings: a folder laid out as ../shared/fundamentals (facts.csv, estimates.csv, "
        "stocks/) instead of the SEC (also WRITER_FUNDAMENTALS_DIR)",
        file_okay=False,
    ),
]
ReportDate = Annotated[
    str | None,
    typer.Option(
        "--report-date",
        help="earnings: the day the quarter was reported, YYYY-MM-DD, for a quarter no "
        "earnings calendar dates (default: the calendar's, else the filing date)",
    ),
]

AllowGaps = Annotated[
    bool,
    typer.Option(
        "--allow-gaps",
        help="go on when the data has a row on a day the exchange was shut, or no row for "
        "a session it scheduled (each said on stderr); without it, exit 3",
    ),
]
MaxMove = Annotated[
    float | None,
    typer.Option(
        "--max-move",
        metavar="PCT",
        help="the largest daily move of an index's close, in percent, taken as real "
        "(default 25); a larger one is refused as data that cannot be right, exit 3",
    ),
]


def data_checks(allow_gaps: bool, max_move: float | None) -> AbstractContextManager[None]:
    """The calendar and move checks of market data for this command (`--allow-gaps`,
    `--max-move`), in force until it returns."""
    import math
    from contextlib import nullcontext

    if max_move is not None and not (math.isfinite(max_move) and max_move > 0):
        raise fail(f"--max-move must be more than 0 (a percent, e.g. 40), not {max_move:g}", 2)
    if not allow_gaps and max_move is None:
        return nullcontext()  # the defaults: nothing to import (pandas) before workers fork
    from writer.data import validate

    bound = validate.DEFAULT_CHECKS.max_move if max_move is None else max_move
    return validate.using(validate.DataChecks(allow_gaps=allow_gaps, max_move=bound))


def _check_formats(incomplete: str) -> list[str]:
    """Shell completion for `writer check --format`."""
    from factcheck.render import FORMATS

    return [f for f in FORMATS if f.startswith(incomplete)]


def _print_version(value: bool) -> None:
    if value:
        from importlib import metadata

        try:
            version = metadata.version("writer")
        except metadata.PackageNotFoundError:  # run from a checkout that is not installed
            version = "unknown (not installed)"
        typer.echo(f"writer {version}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="print the version and exit"
        ),
    ] = False,
) -> None:
    """Weekly market recaps whose every figure is checked against the data."""


def fail(message: str, code: int) -> typer.Exit:
    """One line on stderr, with secrets and control characters taken out."""
    from writer.redact import printable, redact

    typer.echo(f"writer: {printable(redact(message))}", err=True)
    return typer.Exit(code)


def domain_errors(func: F) -> F:
    """Expected failures become one line on stderr and their exit code; never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (WriterError, CheckError) as exc:
            raise fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None

    return wrapper  # type: ignore[return-value]


@app.command(cls=Command)
@domain_errors
def brief(
    symbol: Annotated[
        str,
        typer.Argument(help="RUT, SPX, COMP, NDX, DJI, ASX200, HSI, N225, FTSE or a stock ticker"),
    ],
    week: Annotated[
        str | None, typer.Option("--week", help="any date in the trading week, YYYY-MM-DD")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="a session, YYYY-MM-DD: the brief of its daily wrap"),
    ] = None,
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            help="a company's fiscal quarter, FY2024-Q3 or 'latest': its earnings brief",
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    data_dir: DataDir = None,
    fundamentals_dir: FundamentalsDir = None,
    report_date: ReportDate = None,
    allow_gaps: AllowGaps = False,
    max_move: MaxMove = None,
) -> None:
    """Print every figure of the week (with --date, of a session and its week to date; with
    --quarter, of a company's quarter): the brief the drafter and the checker work from."""
    from factcheck.brief import Brief
    from writer.calendar import parse_date
    from writer.pipeline import draft_brief, open_source
    from writer.render import print_brief_table

    if fmt not in ("table", "json"):
        raise fail(f"--format must be table or json, not {fmt!r}", 2)
    if sum(v is not None for v in (week, date, quarter)) != 1:
        raise fail(
            "give --week DATE (a weekly recap's brief), --date DATE (a daily wrap's) or "
            "--quarter FY2024-Q3 (an earnings snapshot's)",
            2,
        )
    result: Brief
    if quarter is not None:
        from writer.pipeline import earnings_brief, earnings_prices, fundamentals_source

        fundamentals = fundamentals_source(fundamentals_dir)
        result = earnings_brief(
            symbol,
            quarter,
            fundamentals,
            earnings_prices(fundamentals, data_dir),
            report_date=parse_date(report_date) if report_date else None,
        )
    else:
        kind, day = ("weekly_index", week) if date is None else ("daily_wrap", date)
        assert day is not None
        with data_checks(allow_gaps, max_move):
            result = draft_brief(kind, symbol, parse_date(day), open_source(data_dir))
    if fmt == "json":
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
    else:
        print_brief_table(result)


@app.command(cls=Command)
@domain_errors
def fetch(
    symbols: Annotated[list[str], typer.Argument(help="symbols to fetch")],
    start: Annotated[str, typer.Option("--start", help="first date, YYYY-MM-DD")],
    end: Annotated[str, typer.Option("--end", help="last date, YYYY-MM-DD")],
    to_dir: Annotated[
        Path | None,
        typer.Option("--to-dir", file_okay=False, help="also write SYMBOL.csv snapshots here"),
    ] = None,
    data_dir: DataDir = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="overwrite existing snapshots instead of merging by date"),
    ] = False,
) -> None:
    """Warm the price cache (one batched request) and optionally export snapshot CSVs
    (merged with what the folder already holds)."""
    from writer.calendar import parse_date
    from writer.pipeline import fetch_to_cache

    first, last = parse_date(start), parse_date(end)
    if last < first:
        raise fail(f"--end {last} is before --start {first}", 2)
    for line in fetch_to_cache(symbols, first, last, data_dir, to_dir, replace):
        typer.echo(line)


@app.command(cls=Command)
@domain_errors
def draft(
    symbol: Annotated[
        list[str], typer.Argument(help="indices or tickers, e.g. RUT, or RUT SPX HSI ASX200")
    ],
    week: Annotated[
        str | None,
        typer.Option(
            "--week",
            help="any date in the trading week, YYYY-MM-DD, or 'last' (the last finished week "
            "of each symbol's exchange)",
        ),
    ] = None,
    weeks: Annotated[
        str | None,
        typer.Option("--weeks", help="FIRST..LAST: every trading week in the range"),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="a daily wrap of the session on this date, YYYY-MM-DD, or 'last' (the last "
            "finished session of each symbol's exchange)",
        ),
    ] = None,
    dates: Annotated[
        str | None,
        typer.Option("--dates", help="FIRST..LAST: a daily wrap of every session in the range"),
    ] = None,
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            help="an earnings snapshot of this fiscal quarter of a company, FY2024-Q3, or "
            "'latest' (its last reported quarter)",
        ),
    ] = None,
    quarters: Annotated[
        str | None,
        typer.Option(
            "--quarters",
            help="FIRST..LAST: an earnings snapshot of every fiscal quarter in the range",
        ),
    ] = None,
    fundamentals_dir: FundamentalsDir = None,
    report_date: ReportDate = None,
    out: Annotated[
        Path, typer.Option("--out", file_okay=False, help="folder for the article and its sidecars")
    ] = Path("articles"),
    model: Annotated[
        str | None,
        typer.Option("--model", help="chat model (default WRITER_MODEL, else gpt-4o-mini)"),
    ] = None,
    offline: Annotated[
        bool,
        typer.Option(
            "--offline",
            help="deterministic drafter, no LLM (also when no OPENAI_API_KEY "
            "or OPENAI_BASE_URL is set)",
        ),
    ] = False,
    max_attempts: Annotated[
        int, typer.Option("--max-attempts", help="drafts the checker may reject before giving up")
    ] = 3,
    data_dir: DataDir = None,
    force: Annotated[bool, typer.Option("--force", help="overwrite existing outputs")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress on stderr")] = False,
    context_tokens: Annotated[
        int | None,
        typer.Option(
            "--context-tokens",
            help="the model's context size in tokens: the prompt is cut to fit it "
            "(also WRITER_CONTEXT_TOKENS)",
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="articles drafted at once in a batch")
    ] = 4,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            help="processes a batch drafts in, sharing the --jobs (default: one per CPU "
            "from 16 articles each; 1: threads only)",
        ),
    ] = None,
    provider_batch: Annotated[
        bool,
        typer.Option(
            "--batch",
            help="send the drafts (and each round of revisions) as the provider's Batch API "
            "jobs: half the price, answers within 24 h; run again to collect what is pending",
        ),
    ] = False,
    chart: Annotated[
        bool | None,
        typer.Option(
            "--chart/--no-chart",
            help="a PNG and SVG chart with each article, linked with checked alt text "
            "(default: when matplotlib is installed, pip install 'writer[chart]')",
        ),
    ] = None,
    budget_tokens: Annotated[
        int | None,
        typer.Option("--budget-tokens", help="start no new LLM call once the run used this many"),
    ] = None,
    budget_usd: Annotated[
        str | None,
        typer.Option("--budget-usd", help="start no new LLM call once the run cost this many US$"),
    ] = None,
    allow_gaps: AllowGaps = False,
    max_move: MaxMove = None,
) -> None:
    """Draft weekly recaps (--week), daily wraps (--date) or earnings snapshots
    (--quarter), check every figure (strict), repair, write them with sidecars.

    One symbol and one --week, --date or --quarter: that article (its path on stdout).
    Several symbols, --weeks, --dates, --quarters or 'last'/'latest': a batch in one
    process, published ones skipped unless --force, a table at the end, the exit code the
    worst outcome."""
    from writer.calendar import parse_date
    from writer.draft.batch import DateSpec, QuarterSpec
    from writer.draft.command import DraftOptions, run_draft

    spec: Spec
    if quarter is not None or quarters is not None:
        if any(v is not None for v in (week, weeks, date, dates)):
            raise fail("give --quarter/--quarters (earnings) or a week or date, not both", 2)
        spec = QuarterSpec.parse(quarter, quarters)
    else:
        if fundamentals_dir is not None or report_date is not None:
            raise fail("--fundamentals-dir and --report-date go with --quarter or --quarters", 2)
        spec = DateSpec.parse(week, weeks, date, dates)
    meter = _meter(budget_tokens, budget_usd)
    options = DraftOptions(
        symbol=symbol[0],
        week=(spec.first if isinstance(spec, DateSpec) else None) or dt.date.min,
        out_dir=out,
        model=model,
        offline=offline,
        max_attempts=max_attempts,
        data_dir=data_dir,
        force=force,
        quiet=quiet,
        context_tokens=context_tokens,
        chart=chart,
        genre=spec.genre,
        quarter=spec.labels[0] if isinstance(spec, QuarterSpec) and spec.single else None,
        fundamentals_dir=fundamentals_dir,
        report_date=parse_date(report_date) if report_date is not None else None,
    )
    single = spec.single if isinstance(spec, QuarterSpec) else spec.first == spec.last
    with data_checks(allow_gaps, max_move):
        if len(symbol) == 1 and not spec.latest and single and not provider_batch:
            result = run_draft(options, meter=meter)
            typer.echo(str(result.article))
            return
        _draft_batch(symbol, spec, options, jobs, workers, meter, provider_batch)


def _meter(budget_tokens: int | None, budget_usd: str | None) -> Meter:
    from decimal import Decimal, InvalidOperation

    from writer.draft.spend import Meter

    usd = None
    if budget_usd is not None:
        try:
            usd = Decimal(budget_usd)
        except InvalidOperation:
            raise fail(f"bad --budget-usd {budget_usd!r}: give US$, e.g. 5 or 0.50", 2) from None
        if not usd.is_finite() or usd <= 0:
            raise fail(f"--budget-usd must be more than 0, not {budget_usd}", 2)
    if budget_tokens is not None and budget_tokens <= 0:
        raise fail(f"--budget-tokens must be more than 0, not {budget_tokens}", 2)
    return Meter(budget_tokens=budget_tokens, budget_usd=usd)


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM during a batch: stop as Ctrl-C stops it, with the summary of what was done."""
    raise Terminated()


def _draft_batch(
    names: list[str],
    spec: Spec,
    options: DraftOptions,
    jobs: int,
    workers: int | None,
    meter: Meter,
    provider_batch: bool = False,
) -> None:
    from writer.draft.batch import BatchInterrupted, run_batch, summary_table
    from writer.render import make_console

    if meter.budget_usd is not None and not options.offline:
        from writer.draft.settings import LLMSettings, llm_configured

        model = LLMSettings.from_env(options.model, options.context_tokens).model
        if llm_configured() and model not in meter.prices:
            raise fail(
                f"--budget-usd needs a price for model {model!r}: add it to the file "
                "WRITER_PRICES names, or use --budget-tokens",
                2,
            )
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        runs, code = run_batch(
            names,
            spec,
            options,
            jobs=jobs,
            workers=workers,
            meter=meter,
            provider_batch=provider_batch,
        )
    except BatchInterrupted as stop:
        # what was done, then one line: the published articles are kept, and the same
        # command drafts the rest (each published article is skipped)
        for run in stop.runs:
            if run.verdict == "published":
                typer.echo(run.message)
        if not options.quiet:
            make_console(stderr=True).print(summary_table(stop.runs, meter))
        raise fail(stop.line(), stop.exit_code) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    for run in runs:
        if run.verdict == "published":
            typer.echo(run.message)
    if not options.quiet:
        make_console(stderr=True).print(summary_table(runs, meter))
    raise typer.Exit(code)


@app.command(cls=Command)
@domain_errors
def logs(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="how many calls")] = 20,
    show: Annotated[
        int | None, typer.Option("--show", help="print one call's full request and response")
    ] = None,
) -> None:
    """List the latest LLM calls from the audit log (WRITER_HOME/audit.sqlite)."""
    from writer.auditlog import default_log, print_call, print_calls

    log = default_log()
    if show is None:
        print_calls(log.recent(limit))
        return
    record = log.get(show)
    if record is None:
        raise fail(f"no call {show} in {log.path}; `writer logs` lists the ids", 2)
    print_call(record)


@app.command(cls=Command)
@domain_errors
def check(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="articles (Markdown or text), or folders: the Markdown files under them "
            "(not *.rejected.md); - reads stdin"
        ),
    ] = None,
    ticker: Annotated[
        str | None,
        typer.Option(
            "--ticker", help="symbol, when the article has no front matter or sidecar brief"
        ),
    ] = None,
    week: Annotated[
        str | None, typer.Option("--week", help="any date in the week, YYYY-MM-DD")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="the session a daily wrap reports, YYYY-MM-DD: every figure as of its close "
            "(without it, a daily wrap is placed by front matter date: or its lede)",
        ),
    ] = None,
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            help="an earnings snapshot's fiscal quarter, FY2024-Q3, with --ticker (without "
            "it, a snapshot is placed by front matter ticker: and quarter:)",
        ),
    ] = None,
    fundamentals_dir: FundamentalsDir = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="text, json, jsonl (one report per line), github (annotations), sarif "
            "(code scanning) or rdjson (reviewdog)",
            autocompletion=_check_formats,
        ),
    ] = "text",
    allow_unsupported: Annotated[
        bool,
        typer.Option(
            "--allow-unsupported", help="figures no fact can settle are warnings, not errors"
        ),
    ] = False,
    data_dir: DataDir = None,
    trust_sidecar: Annotated[
        bool,
        typer.Option(
            "--trust-sidecar",
            help="when no market data can be had, check an article against the brief beside "
            "it alone (the report says so); without it, no data is exit 3",
        ),
    ] = False,
    allow_gaps: AllowGaps = False,
    max_move: MaxMove = None,
    form: Annotated[
        bool,
        typer.Option(
            "--form",
            help="also check the form: headline, prose, sections, length, no fact ids, "
            "template holes, links or chat, the lede's weekly change and close",
        ),
    ] = False,
    schema: Annotated[
        bool,
        typer.Option("--schema", help="print the JSON Schema of the json/jsonl reports and exit"),
    ] = False,
    list_rules: Annotated[
        bool,
        typer.Option(
            "--list-rules",
            help="print the checker's rules (code, name, what each checks) and exit; "
            "--format json or markdown for the full docs",
        ),
    ] = False,
) -> None:
    """Check every figure of articles against the market data (an earnings snapshot's against
    the company's filings); exit 1 on any wrong figure."""
    from factcheck.render import FORMATS, report_schema
    from writer.calendar import parse_date
    from writer.check_command import run_check

    if schema:
        sys.stdout.write(report_schema())
        raise typer.Exit(0)
    if list_rules:
        from factcheck.rules import listing

        if fmt not in ("text", "json", "markdown"):
            raise fail(f"--list-rules prints text, json or markdown, not {fmt!r}", 2)
        sys.stdout.write(listing(fmt))
        raise typer.Exit(0)
    if not files:
        raise fail("no articles given: name the files to check, or - to read stdin", 2)
    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}", 2)
    from writer.check_files import expand

    with data_checks(allow_gaps, max_move):
        output, code = run_check(
            expand(files),
            ticker=ticker,
            week=parse_date(week) if week else None,
            date=parse_date(date) if date else None,
            data_dir=data_dir,
            allow_unsupported=allow_unsupported,
            fmt=fmt,
            form=form,
            out=sys.stdout,
            trust_sidecar=trust_sidecar,
            quarter=quarter,
            fundamentals_dir=fundamentals_dir,
        )
    sys.stdout.write(output)
    raise typer.Exit(code)


def main() -> None:
    """The `writer` command.

    Ends with `os._exit` once the command has returned and its output is flushed, when no
    thread or child process is left: the interpreter's own teardown frees every object of
    the run one by one, 0.3 s after a 100-article batch (more than its summary table took),
    with nothing left to close (files are closed, pools shut down, workers reaped, each
    SQLite connection closed where it was used).  Anything still running gets the normal
    exit."""
    code = _run()
    import multiprocessing
    import os
    import threading

    if threading.active_count() > 1 or multiprocessing.active_children():
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a reader that went away, a stream closed
        pass
    os._exit(code)


def _run() -> int:
    """Run the command; a usage error (a missing argument, a value out of range) is one
    `writer:` line and exit 2 like every other bad input, not the parser's multi-line box."""
    from typer.exceptions import TyperException

    try:
        return exit_code(app(standalone_mode=False))
    except SystemExit as done:
        return exit_code(done.code)
    except TyperException as exc:  # the parser's usage errors (exit 2)
        ctx = getattr(exc, "ctx", None)
        where = getattr(ctx, "command_path", None) or "writer"
        fail(f"{' '.join(exc.format_message().split())} (see `{where} --help`)", exc.exit_code)
        return exc.exit_code
    except typer.Abort:
        fail("interrupted", 130)
        return 130


def exit_code(code: object) -> int:
    """What `sys.exit(code)` would exit with: None is 0, a number itself, any other value is
    printed to stderr and is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


if __name__ == "__main__":
    main()
