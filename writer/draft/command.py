"""`writer draft`: brief -> drafter -> checker (strict) -> repair loop -> files on disk.

Why here and not in `cli.py`: the CLI only parses arguments; this module owns the choice of
drafter, the collision rules for output files, the front matter and the rejected-draft
evidence, and is what tests and the benchmark call directly with an injected client.

Outputs in `--out` (default `./articles`), named `<symbol>-<last session>`:
  rut-2025-08-08.md            YAML front matter + Markdown body (only when verified)
  rut-2025-08-08.brief.json    the brief the article was written and checked against
  rut-2025-08-08.check.json    the checker's report (line numbers count the front matter)
  rut-2025-08-08.rejected.md / .rejected.check.json
                               the last draft and its report when every attempt failed
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from rich.console import Console

from factcheck.brief import Brief
from factcheck.form import FormRules
from factcheck.render import report_json
from factcheck.report import CheckReport
from writer.auditlog import AuditLog, default_log
from writer.draft import illustrate
from writer.draft.loop import (
    DEFAULT_MAX_ATTEMPTS,
    Draft,
    Drafter,
    Outcome,
    findings_text,
    repair_loop,
)
from writer.draft.spend import Meter, Usage
from writer.errors import BadInput, DraftRejected, LLMUnavailable, OutOfSpace, WriterError
from writer.output import Busy, claim, is_out_of_space, probe_writable, publish, recover
from writer.render import make_console

if TYPE_CHECKING:
    from writer.data import PriceSource  # imports pandas: only the data side needs it
    from writer.draft.llm import Requester
    from writer.draft.settings import LLMSettings


@dataclass(frozen=True)
class Via:
    """How an LLM drafter's requests go: `requester` instead of one HTTP call each
    (`--batch`: the provider's Batch API, at `price_factor` of the list price), and what the
    drafting thread does `while_waiting` on one (a batch's threads let another draft's CPU
    work run: `writer.draft.batch.Turns`)."""

    requester: Requester | None = None
    price_factor: Decimal = Decimal(1)
    while_waiting: Callable[[], AbstractContextManager[object]] | None = None


DEFAULT_OUT = Path("articles")

ClientFactory = Callable[["LLMSettings"], Any]


@dataclass(frozen=True)
class DraftOptions:
    symbol: str
    week: dt.date
    out_dir: Path = DEFAULT_OUT
    model: str | None = None
    offline: bool = False
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    data_dir: Path | None = None
    force: bool = False
    quiet: bool = False
    context_tokens: int | None = None
    #: True: a chart is required; False: none; None: drawn when matplotlib is installed
    chart: bool | None = None
    #: the genre drafted (`writer.genres`): a weekly recap of the week containing `week`, a
    #: daily wrap of the session `week`, or an earnings snapshot of the fiscal `quarter`
    genre: str = "weekly_index"
    #: an earnings snapshot's fiscal quarter ("FY2024-Q3" or "latest")
    quarter: str | None = None
    #: an earnings snapshot's results: a folder laid out as ../shared/fundamentals, else the SEC
    fundamentals_dir: Path | None = None
    #: an earnings snapshot's report date, for a quarter no calendar dates
    report_date: dt.date | None = None


@dataclass(frozen=True)
class DraftResult:
    article: Path
    brief: Path
    check: Path
    attempts: int
    drafter: str
    model: str | None
    removed: tuple[Path, ...] = field(default=())


@dataclass(frozen=True)
class OutputPaths:
    """Every file one article can produce, derived from the subject and the last session."""

    stem: str
    out_dir: Path

    @classmethod
    def of(cls, brief: Brief, out_dir: Path) -> OutputPaths:
        from writer.genres import genre_of

        return cls(genre_of(brief).file_stem(brief), out_dir)

    def _path(self, suffix: str) -> Path:
        return self.out_dir / f"{self.stem}{suffix}"

    @property
    def article(self) -> Path:
        return self._path(".md")

    @property
    def brief(self) -> Path:
        return self._path(".brief.json")

    @property
    def check(self) -> Path:
        return self._path(".check.json")

    @property
    def rejected(self) -> Path:
        return self._path(".rejected.md")

    @property
    def rejected_check(self) -> Path:
        return self._path(".rejected.check.json")

    def collisions(self) -> list[Path]:
        """Existing files this run would overwrite and must not without --force.  The files
        of an earlier rejected run (its brief and the rejected draft) are ours to replace."""
        guarded = [self.article, self.check]
        if not self.rejected.exists():
            guarded.append(self.brief)
        return [p for p in guarded if p.exists()]


class OfflineDrafter:
    """The team's deterministic drafter behind the `Drafter` protocol: no network, one try
    (it would write the same text again, so a revision cannot help)."""

    name = "offline"
    model: str | None = None
    can_revise = False

    def draft(self, brief: Brief) -> Draft:
        from writer.genres import genre_of

        return Draft(text=genre_of(brief).offline(brief))

    def revise(
        self,
        brief: Brief,
        previous: Draft,
        report: CheckReport,
        attempt: int,
        max_attempts: int,
    ) -> Draft:
        """Deterministic: the same brief gives the same text (the loop does not ask, since
        `can_revise` is False)."""
        return self.draft(brief)

    def judged(self, draft: Draft, verdict: str) -> None:
        """Nothing to record: offline drafts make no calls to audit."""

    def close(self) -> None:
        """Nothing to release."""


def strict_check(
    source: str, prompted: bool = True, chart: illustrate.Chart | None = None
) -> Callable[[str, Brief], CheckReport]:
    """The checker in strict mode, as the loop calls it: every figure, and the form (a draft
    right in every figure that is not an article, such as the prompt's fact list copied
    back, is never published; `factcheck/form.py`).  The form rules are made once per brief
    (the prompt lines they hold cost a render of both prompts)."""
    from factcheck.check import check_text
    from factcheck.form import with_form
    from factcheck.genres import form_findings

    images = (chart.png_name,) if chart is not None else ()
    made: dict[int, tuple[Brief, FormRules]] = {}

    def check(text: str, brief: Brief) -> CheckReport:
        held = made.get(id(brief))
        if held is None or held[0] is not brief:
            held = made[id(brief)] = (brief, house_form(brief, prompted, images))
        report = check_text(text, brief, source=source, strict=True)
        return with_form(report, form_findings(text, brief, report, held[1]))

    return check


def house_form(brief: Brief, prompted: bool = True, images: tuple[str, ...] = ()) -> FormRules:
    """A genre's form for drafts: the house disclaimer, length and sections, its own chart as
    the one image it may show, and, for a drafter that was prompted, the prompt's own lines
    (which must not come back)."""
    from writer.genres import genre_of

    genre = genre_of(brief)
    if not prompted:
        return FormRules(
            disclaimer=genre.disclaimer,
            images=images,
            min_words=genre.min_words,
            min_sections=genre.min_sections,
        )
    prompting = genre.prompting()
    prompt = prompting.system_message(brief) + "\n" + prompting.user_message(brief)
    return FormRules(
        disclaimer=genre.disclaimer,
        prompt_lines=tuple(prompt.splitlines()),
        images=images,
        min_words=genre.min_words,
        min_sections=genre.min_sections,
    )


def brief_json(brief: Brief) -> str:
    return brief.model_dump_json(indent=2) + "\n"


def title_of(body: str, brief: Brief) -> str:
    """The article's `# ` headline, or a plain one when the draft has none."""
    from writer.genres import genre_of

    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return genre_of(brief).title(brief)


def front_matter(
    brief: Brief,
    body: str,
    *,
    drafter: Drafter,
    attempts: int,
    verdict: str,
    brief_sha256: str,
    now: dt.datetime,
) -> str:
    """YAML front matter; `writer check` reads `ticker` and `week` (and a daily wrap's
    `date`) from it: the genre's `placing`."""
    from writer.genres import genre_of

    meta: dict[str, Any] = {
        "title": title_of(body, brief),
        **genre_of(brief).placing(brief),
        "generated_at": now.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "drafter": drafter.name,
        "model": drafter.model,
        "attempts": attempts,
        "verdict": verdict,
        "brief_sha256": brief_sha256,
    }
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{dumped}---\n\n"


def shift_lines(report: CheckReport, offset: int, source: str) -> CheckReport:
    """The loop checks the body alone; the saved report counts lines in the saved file."""
    claims = tuple(c.model_copy(update={"line": c.line + offset}) for c in report.claims)
    return report.model_copy(update={"claims": claims, "source": source})


def _summary(report: CheckReport) -> str:
    """'1 wrong figure still (line 15: ...)': the first wrong figure, else the first form
    finding, and how many more."""
    errors = report.errors
    figures = [c for c in errors if c.kind != "form"]
    first = (figures or list(errors))[0]
    expected = f", expected {first.expected}" if first.expected else ""
    return f"{findings_text(report)} (line {first.line}: {first.text!r} {first.status}{expected})"


class Reporter:
    """Progress on stderr: a spinner while waiting for a draft, one line per attempt."""

    def __init__(self, quiet: bool, console: Console | None = None) -> None:
        self.console = console or make_console(stderr=True, quiet=quiet)
        self.quiet = quiet

    def say(self, message: str) -> None:
        if not self.quiet:
            self.console.print(message, markup=False, highlight=False)

    @contextmanager
    def working(self, message: str) -> Iterator[None]:
        if self.quiet:
            yield
            return
        with self.console.status(message):
            yield


def choose_drafter(
    options: DraftOptions,
    brief: Brief,
    audit: AuditLog,
    client_factory: ClientFactory | None,
    reporter: Reporter,
    meter: Meter | None = None,
    usage: Usage | None = None,
    via: Via | None = None,
) -> Drafter:
    """--offline, or no endpoint configured: the offline drafter; else the LLM one (whose
    requests go `via` a provider batch when one is given)."""
    from writer.draft.settings import LLMSettings, llm_configured
    from writer.genres import genre_of

    if options.offline:
        return OfflineDrafter()
    if client_factory is None and not llm_configured():
        ignored = " (--model ignored)" if options.model else ""
        reporter.say(f"no OPENAI_API_KEY or OPENAI_BASE_URL set: drafting offline{ignored}")
        return OfflineDrafter()
    from writer.draft import llm  # imports openai: only when drafting with a model

    settings = LLMSettings.from_env(options.model, options.context_tokens)
    audit.ensure()
    client = (client_factory or llm.get_client)(settings)
    run = llm.RunInfo(
        run_id=uuid.uuid4().hex, subject=brief.subject.key, week=genre_of(brief).period(brief)
    )
    return llm.LLMDrafter(
        client,
        settings,
        audit,
        run,
        owns_client=client_factory is None,
        meter=meter,
        usage=usage,
        max_attempts=options.max_attempts,
        requester=via.requester if via is not None else None,
        price_factor=via.price_factor if via is not None else Decimal(1),
        while_waiting=via.while_waiting if via is not None else None,
    )


def _earnings_brief(
    options: DraftOptions, brief: Brief | None, reporter: Reporter
) -> tuple[Brief, PriceSource]:
    """An earnings snapshot's brief (unless given) and the prices its chart reads: the
    fundamentals and the closes in the order `writer.pipeline.earnings_prices` gives."""
    from writer.data.chain import FirstOf
    from writer.pipeline import earnings_data

    data = earnings_data(options.fundamentals_dir, options.data_dir)
    if brief is None:
        with reporter.working(f"building the {options.symbol} {options.quarter} brief"):
            brief = data.brief(
                options.symbol, options.quarter or "latest", report_date=options.report_date
            )
    return brief, FirstOf(data.prices)


def run_draft(
    options: DraftOptions,
    *,
    source: PriceSource | None = None,
    client_factory: ClientFactory | None = None,
    audit: AuditLog | None = None,
    reporter: Reporter | None = None,
    now: dt.datetime | None = None,
    brief: Brief | None = None,
    meter: Meter | None = None,
    usage: Usage | None = None,
    via: Via | None = None,
    chart: illustrate.Chart | None = None,
) -> DraftResult:
    """The whole command.  Raises `DraftRejected` (exit 1) with where the evidence is.

    A batch passes the `brief` it built (each once) and, when charts are drawn, the `chart`
    built with it, the run's `meter`, the article's `usage`, and with `--batch` the provider
    batch its requests go `via`.  The data side (`writer.pipeline`, pandas) is imported only
    when something is left to read from `source`: a batch's worker processes never load it."""
    reporter = reporter or Reporter(options.quiet)
    if options.max_attempts < 1:
        raise BadInput(f"--max-attempts must be at least 1, not {options.max_attempts}")
    charted = illustrate.wanted(options.chart)  # ChartUnavailable before any work
    if options.genre == "earnings":
        if brief is None or (charted and chart is None):
            brief, source = _earnings_brief(options, brief, reporter)
    elif brief is None or (charted and chart is None):
        from writer.pipeline import open_source

        source = source or open_source(options.data_dir)
    if brief is None:
        from writer.pipeline import draft_brief

        assert source is not None
        with reporter.working(f"building the {options.symbol} brief"):
            brief = draft_brief(options.genre, options.symbol, options.week, source)
    paths = OutputPaths.of(brief, options.out_dir)
    if not charted:
        chart = None
    elif chart is None and source is not None:
        chart = illustrate.Chart.of(brief, source, paths.stem)
    try:  # fail before paying for a draft that could not be saved
        probe_writable(options.out_dir, _set_size(brief, chart is not None))
    except OSError as exc:
        raise _cannot_write(options.out_dir, exc) from None
    try:
        with claim(options.out_dir, paths.stem):
            done = recover(options.out_dir, paths.stem)
            if done:
                reporter.say(f"{paths.stem}: {done}")
            if not options.force:
                for path in paths.collisions():
                    raise BadInput(f"{path} already exists; pass --force to overwrite it")
            drafter = choose_drafter(
                options, brief, audit or default_log(), client_factory, reporter, meter, usage, via
            )
            label = f"{drafter.name}" + (f" ({drafter.model})" if drafter.model else "")
            prompted = not isinstance(drafter, OfflineDrafter)
            if chart is not None:
                drafter = illustrate.IllustratedDrafter(drafter, chart.image)
            try:
                with reporter.working(f"drafting {paths.stem} with {label}"):
                    outcome = repair_loop(
                        brief,
                        drafter,
                        strict_check(paths.article.name, prompted, chart),
                        options.max_attempts,
                        reporter.say,
                    )
            finally:
                drafter.close()
            moment = now or dt.datetime.now(dt.UTC)
            return _write(outcome, brief, drafter, paths, moment, reporter, chart)
    except Busy:
        raise BadInput(
            f"another writer draft is writing {paths.stem} in {options.out_dir}; wait for it "
            "to finish"
        ) from None


#: What an article's set takes beside its brief JSON (the check report is about half the
#: brief, the article a few KiB) and with its chart (a PNG and an SVG): the free space a draft
#: needs before it pays for a model call.
_SET_BESIDE_BRIEF = 64 * 1024
_CHART_BYTES = 512 * 1024


def _set_size(brief: Brief, charted: bool) -> int:
    size = len(brief_json(brief).encode("utf-8"))
    return size + size // 2 + _SET_BESIDE_BRIEF + (_CHART_BYTES if charted else 0)


def _cannot_write(out_dir: Path, exc: OSError, tail: str = "") -> WriterError:
    """The one-line error for an output folder that cannot take the set (`tail`: what was
    kept, and where a paid reply is): a full disk is `OutOfSpace` (a batch starts nothing
    more)."""
    if is_out_of_space(exc):
        return OutOfSpace(
            f"no space left in {out_dir} ({exc.strerror or exc}); free some or pick another "
            f"--out{tail}"
        )
    return BadInput(f"cannot write to {out_dir} ({exc.strerror or exc}); pick another --out{tail}")


def _publish(
    paths: OutputPaths,
    files: Mapping[Path, str | bytes],
    remove: tuple[Path, ...] = (),
    drafter: Drafter | None = None,
) -> None:
    try:
        publish(paths.out_dir, paths.stem, {p.name: t for p, t in files.items()}, remove)
    except OSError as exc:
        paid = drafter is not None and not isinstance(drafter, OfflineDrafter)
        replies = "; the model's replies are kept in the audit log: writer logs" if paid else ""
        raise _cannot_write(paths.out_dir, exc, f" (nothing was replaced){replies}") from None


def _write(
    outcome: Outcome,
    brief: Brief,
    drafter: Drafter,
    paths: OutputPaths,
    now: dt.datetime,
    reporter: Reporter,
    chart: illustrate.Chart | None = None,
) -> DraftResult:
    brief_text = brief_json(brief)
    sha = hashlib.sha256(brief_text.encode("utf-8")).hexdigest()
    final = outcome.final
    head = front_matter(
        brief,
        final.draft.text,
        drafter=drafter,
        attempts=len(outcome.attempts),
        verdict=outcome.verdict,
        brief_sha256=sha,
        now=now,
    )
    offset = head.count("\n")
    if outcome.failure is not None or not outcome.accepted:
        report = shift_lines(final.report, offset, paths.rejected.name)
        rejected = {
            paths.rejected_check: report_json(report),
            paths.rejected: head + final.draft.text,
        }
        if not paths.article.exists():  # a published article keeps the brief it pins
            rejected[paths.brief] = brief_text
        kept = f"kept {paths.rejected} and {paths.rejected_check}"
        try:
            _publish(paths, rejected, drafter=drafter)
        except OutOfSpace:
            # the evidence matters more than its report: the rejected draft alone, if it fits
            _publish(paths, {paths.rejected: rejected[paths.rejected]}, drafter=drafter)
            kept = f"kept {paths.rejected} only (no space left for its report)"
        if outcome.failure is not None:  # the model failed after drafts were checked
            failure = LLMUnavailable(f"{outcome.failure}; {kept}")
            raise failure from None
        raise DraftRejected(
            f"draft rejected after {len(outcome.attempts)} "
            f"{'attempt' if len(outcome.attempts) == 1 else 'attempts'}: "
            f"{_summary(report)}; {kept}"
        )
    report = shift_lines(final.report, offset, paths.article.name)
    stale = tuple(p for p in (paths.rejected, paths.rejected_check) if p.exists())
    files: dict[Path, str | bytes] = {
        paths.brief: brief_text,
        paths.check: report_json(report),
        paths.article: head + final.draft.text,
    }
    if chart is not None:  # drawn from the data the brief was built from, published with it
        files.update({paths.out_dir / name: data for name, data in chart.files(brief).items()})
    _publish(paths, files, stale, drafter)
    removed = list(stale)
    for path in stale:
        reporter.say(f"removed {path} from an earlier rejected run")
    reporter.say(
        f"verified after {len(outcome.attempts)} "
        f"{'attempt' if len(outcome.attempts) == 1 else 'attempts'}: {paths.article}"
    )
    return DraftResult(
        article=paths.article,
        brief=paths.brief,
        check=paths.check,
        attempts=len(outcome.attempts),
        drafter=drafter.name,
        model=drafter.model,
        removed=tuple(removed),
    )
