"""`writer check FILE...`: which brief each article needs, build each brief once, check, render.

The index and week an article is checked for come from, in order: its YAML front matter
(`ticker`, `week`), a sidecar brief (`FILE.brief.json` or `FILE-without-suffix.brief.json`,
the one `brief_sha256` pins when the front matter has it), the `--ticker` / `--week` options,
or the text itself (the indices it names, its dateline).  The figures are always checked
against market data when any can be had: a sidecar brief is compared with the brief the data
gives and every difference is an error (`audited`).  Without market data there is no
verdict (exit 3, as for an article without a sidecar): the sidecar is used alone only with
`--trust-sidecar`, and the report says so.  Everything that can go wrong with the input
(unreadable file, bad YAML, no way to tell the week) is raised as `MalformedInput` naming the
file, before any brief is built.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import multiprocessing
import os
import stat
import sys
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO, TypeVar

from pydantic import ValidationError

from factcheck.brief import Brief, DailyWrapBrief, EarningsBrief, Entity, IndexBrief, differences
from factcheck.check import check_text
from factcheck.errors import CheckError, MalformedInput
from factcheck.extract import MAX_ARTICLE_CHARS
from factcheck.frontmatter import article_target, read_front_matter
from factcheck.genres import UnknownGenre, load_brief
from factcheck.locate import infer_session, infer_week, speaks_of_week
from factcheck.render import renderer
from factcheck.report import CheckReport, Claim, Severity, Status
from factcheck.rules import BRIEF_DIFFERS, NO_DATA, NOTHING_CHECKED, UNREADABLE
from writer import symbols
from writer.errors import BadData, DataUnavailable, WriterError

if TYPE_CHECKING:
    from writer.data import PriceSource  # imports pandas; only the pipeline needs it

A = TypeVar("A")
R = TypeVar("R")

#: From this many files on, articles are checked in worker processes (one per CPU, at most
#: `MAX_JOBS`); below it the start-up cost of the workers is not worth it.
PARALLEL_MIN_FILES = 64
MAX_JOBS = 8

#: (symbol, Monday of the week, peers, the session of a daily wrap or None): one brief
Key = tuple[str, dt.date, tuple[str, ...], dt.date | None]
Work = tuple[str, str | None, Brief, bool]  # name, text (None: read it again)
#: symbol, week, peers, (index, name, text or None)


class Earnings:
    """How a run checks earnings snapshots: the `--quarter` given, and the fundamentals and
    prices each company's quarter is built from, opened on first use and each brief built
    once per run."""

    def __init__(self, quarter: str | None, folder: Path | None, data_dir: Path | None) -> None:
        self.quarter = quarter
        self.folder = folder
        self.data_dir = data_dir
        self._briefs: dict[tuple[str, str, dt.date | None], Brief] = {}

    def _build(self, ticker: str, quarter: str, reported: dt.date | None) -> Brief:
        from writer.pipeline import earnings_data

        key = (ticker.upper(), quarter, reported)
        if key not in self._briefs:
            data = earnings_data(self.folder, self.data_dir)
            self._briefs[key] = data.brief(ticker, quarter, report_date=reported)
        return self._briefs[key]

    def brief_for(self, art: Article, trust: bool) -> tuple[Brief, tuple[list[Claim], str] | None]:
        """The brief an earnings article is checked against, and the audit of its sidecar."""
        attached = art.brief
        if isinstance(attached, EarningsBrief):
            given = attached.report.date if attached.report.dated_by == "user" else None

            def rebuild() -> Brief:
                assert isinstance(attached, EarningsBrief)
                return self._build(attached.subject.key, attached.quarter.label, given)

            brief, audit = audited(art, attached, rebuild, trust)
            return brief, audit
        assert art.ticker is not None and art.quarter is not None
        try:
            return self._build(art.ticker, art.quarter, art.reported), None
        except WriterError as exc:
            raise _about(art.name, exc) from None


class Group(NamedTuple):
    """The articles of one brief, checked in a worker that builds it."""

    symbol: str
    week: dt.date
    peers: tuple[str, ...]
    as_of: dt.date | None  # the session of a daily wrap
    items: list[tuple[int, str, str | None]]  # (article index, name, text or None)


# What forked workers work on: set just before a pool starts, inherited through fork (the
# briefs and the price source are never pickled).
_WORK: list[Work] = []
_GROUPS: list[Group] = []
_SOURCE: list[PriceSource] = []
_STRICT: list[bool] = []


#: Whether the form rules run too (`writer check --form`); set per run, read by workers.
_FORM: list[bool] = [False]


def check_one(name: str, text: str | None, brief: Brief, strict: bool) -> CheckReport:
    """One article's report: every figure, and its form when `--form` asked for it.  A text
    of None is read again from the file (an archive's texts are not all held at once); a
    file gone or changed unreadable since it was placed is a finding of its own."""
    if text is None:
        try:
            text = read_article(name)
        except (CheckError, WriterError) as exc:
            return file_failure(name, exc, strict)
    report = nothing_checked(check_text(text, brief, source=name, strict=strict))
    if not _FORM[0]:
        return report
    from factcheck.form import FormRules, with_form
    from factcheck.genres import form_findings

    # the article's own chart (`rut-2025-08-08.png` beside `rut-2025-08-08.md`) is no link
    chart = Path(name).with_suffix(".png").name
    return with_form(report, form_findings(text, brief, report, FormRules(images=(chart,))))


def _jobs(files: int) -> int:
    jobs = min(os.cpu_count() or 1, MAX_JOBS)
    if (
        jobs < 2
        or files < PARALLEL_MIN_FILES
        or ("fork" not in multiprocessing.get_all_start_methods())
    ):
        return 1
    return jobs


def _check_slice(bounds: tuple[int, int]) -> list[CheckReport]:
    return [
        check_one(name, text, brief, strict)
        for name, text, brief, strict in _WORK[bounds[0] : bounds[1]]
    ]


def _in_flight(
    pool: ProcessPoolExecutor, fn: Callable[[A], R], items: Iterable[A], window: int
) -> Iterator[R]:
    """`pool.map(fn, items)` with at most `window` tasks submitted ahead of the one being
    consumed: `map` submits everything at once, and results that come back faster than
    they are written (a JSON report is larger than its text summary) would pile up in
    memory; here a worker waits instead."""
    ahead: deque[Future[R]] = deque()
    todo = iter(items)
    for item in islice(todo, window):
        ahead.append(pool.submit(fn, item))
    while ahead:
        result = ahead.popleft().result()
        for item in islice(todo, 1):
            ahead.append(pool.submit(fn, item))
        yield result


def check_all(work: list[Work]) -> Iterator[CheckReport]:
    """check_text over every article, in order, each report as it is done; in forked workers
    when there are many."""
    jobs = _jobs(len(work))
    if jobs == 1:
        for n, t, b, s in work:
            yield check_one(n, t, b, s)
        return
    global _WORK
    _WORK = work
    step = max(1, len(work) // (jobs * 4))
    slices = [(i, min(i + step, len(work))) for i in range(0, len(work), step)]
    try:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            for part in _in_flight(pool, _check_slice, slices, jobs * 2):
                yield from part
    finally:
        _WORK = []


def _build_and_check(group_no: int) -> list[tuple[int, CheckReport]] | tuple[int, str]:
    """One brief built and all its articles checked, in a worker; errors come back as
    (exit code, message) because domain exceptions do not all survive pickling."""
    from writer.pipeline import index_brief

    symbol, week, peers, as_of, items = _GROUPS[group_no]
    try:
        brief = index_brief(
            symbol, week, _SOURCE[0], peers=peer_entities(symbol, peers), as_of=as_of
        )
    except (WriterError, CheckError) as exc:
        return exc.exit_code, f"{items[0][1]}: {exc}"
    return [(i, check_one(name, text, brief, _STRICT[0])) for i, name, text in items]


def build_and_check_all(
    groups: list[Group], source: PriceSource, strict: bool, jobs: int
) -> Iterator[tuple[int, CheckReport | WriterError]]:
    """Many distinct briefs: each worker builds the briefs of its groups (each brief once
    overall) and checks their articles.  Each article's report, or the error that kept its
    brief from being built, by article index, group by group as the workers finish them."""
    from writer.pipeline import warm_briefs

    global _GROUPS, _SOURCE, _STRICT
    _GROUPS, _SOURCE, _STRICT = groups, [source], [strict]
    # calendars and converted series built once here, shared by the forked workers
    warm_briefs(source, [t for g in groups for t in (g.symbol, *g.peers)])
    try:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            results = _in_flight(pool, _build_and_check, range(len(groups)), jobs * 2)
            for group, result in zip(groups, results, strict=True):
                if isinstance(result, tuple):
                    for i, name, _ in group.items:
                        error = WriterError(result[1].replace(group.items[0][1], name, 1))
                        error.exit_code = result[0]
                        yield i, error
                    continue
                yield from result
    finally:
        _GROUPS, _SOURCE, _STRICT = [], [], []


@dataclass(frozen=True)
class Article:
    name: str
    text: str | None  # None: dropped after placing, read again to check
    ticker: str | None
    week: dt.date | None
    brief: Brief | None  # from a sidecar
    named: tuple[str, ...] = ()  # every known index the article names (brief peers)
    #: the session a daily wrap reports (`session_of`): checked as of its close
    as_of: dt.date | None = None
    #: an earnings snapshot's fiscal quarter ("FY2024-Q3"), and a report date it was given
    quarter: str | None = None
    reported: dt.date | None = None
    #: the sidecar brief to check it against, read when it is checked (an archive's briefs
    #: are never all parsed at once), with its sha256 (each distinct sidecar audited once)
    sidecar: Path | None = None
    sidecar_sha: str | None = None

    def without_text(self) -> Article:
        """This article with its text dropped (None: `check_one` reads the file again)."""
        return dataclasses.replace(self, text=None)

    @property
    def earnings(self) -> bool:
        """Is it an earnings snapshot (checked against a company's quarter, not a week)?"""
        return self.quarter is not None or isinstance(self.brief, EarningsBrief)

    @property
    def from_data(self) -> bool:
        """Is it checked against a brief built from its front matter or text alone (no
        sidecar, not an earnings snapshot)?"""
        return self.brief is None and self.sidecar is None and not self.earnings

    def key(self) -> Key:
        assert self.ticker is not None and self.week is not None
        monday = self.week - dt.timedelta(days=self.week.weekday())
        return (self.ticker.upper(), monday, self.named, self.as_of)


def peer_entities(ticker: str, named: tuple[str, ...]) -> tuple[Entity, ...]:
    """The subject's default peers and every other index the article names: each index an
    article quotes is checked against its own data (one the data source lacks is left out of
    the brief with a note, and its figures stay unsupported)."""
    subject = symbols.resolve(ticker)
    out = {p.key: p for p in symbols.peers_of(subject)}
    for key in named:
        if key != subject.key:
            out.setdefault(key, symbols.resolve(key))
    return tuple(out.values())


def as_written(text: str) -> str:
    """The article as editors see it: a UTF-8 byte order mark is not text (it would hide the
    front matter), and Windows line ends are line ends (lines and columns are unchanged)."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def read_article(name: str, stdin_text: str | None = None) -> str:
    return as_written(_read(name, stdin_text))


def _read(name: str, stdin_text: str | None) -> str:
    if name == "-":
        return stdin_text if stdin_text is not None else sys.stdin.read()
    path = Path(name)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            # a FIFO or /dev/zero would block or never end: only files are articles
            raise MalformedInput(f"{name}: not a regular file; check a saved article")
        if info.st_size > MAX_ARTICLE_CHARS * 4:  # UTF-8: at most 4 bytes per character
            raise MalformedInput(
                f"{name}: {info.st_size:,} bytes, larger than any article (the checker reads "
                f"at most {MAX_ARTICLE_CHARS:,} characters); split it"
            )
        with path.open(encoding="utf-8") as handle:
            text = handle.read(MAX_ARTICLE_CHARS + 1)
        if len(text) > MAX_ARTICLE_CHARS:
            raise MalformedInput(
                f"{name}: more than {MAX_ARTICLE_CHARS:,} characters, larger than any "
                "article; split it"
            )
        return text
    except FileNotFoundError:
        raise MalformedInput(f"{name}: no such file") from None
    except IsADirectoryError:
        raise MalformedInput(f"{name}: is a directory, not an article") from None
    except UnicodeDecodeError:
        raise MalformedInput(f"{name}: not UTF-8 text") from None
    except OSError as exc:
        raise MalformedInput(f"{name}: cannot read ({exc.strerror})") from None


def load_sidecar(path: Path) -> Brief:
    """The brief saved beside an article, parsed as its kind's model (`factcheck.genres`)."""
    try:
        brief = load_brief(path.read_text(encoding="utf-8"))
    except UnknownGenre as exc:
        raise MalformedInput(f"{path}: {exc}; check it with a writer that knows it") from None
    except (ValidationError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise MalformedInput(f"{path}: not a brief ({first})") from None
    except OSError as exc:
        raise MalformedInput(f"{path}: cannot read ({exc.strerror})") from None
    return brief


def sidecars(name: str) -> list[Path]:
    """`rut-2025-08-08.md.brief.json`, then `rut-2025-08-08.brief.json` (what draft writes)."""
    if name == "-":
        return []
    path = Path(name)
    return list(dict.fromkeys([Path(f"{name}.brief.json"), path.with_suffix(".brief.json")]))


def prepare(
    name: str,
    text: str,
    ticker: str | None,
    week: dt.date | None,
    date: dt.date | None = None,
    quarter: str | None = None,
) -> Article:
    """Decide which data an article is checked against (see the module docstring)."""
    try:
        fm_ticker, fm_week = article_target(text)
    except CheckError as exc:
        raise MalformedInput(f"{name}: {exc}") from None
    found = [p for p in sidecars(name) if p.is_file()]
    meta = read_front_matter(text)
    if quarter is not None or meta.get("quarter"):
        return _earnings_article(name, text, fm_ticker or ticker, quarter, meta, found)
    if fm_ticker and fm_week:
        # a daily wrap (`--date`, front matter `date:`, its lede) is checked as of its
        # session, against a brief built for that close: never the week's pinned brief
        as_of = date or session_of(text, fm_ticker, fm_week)
        if as_of is not None:
            return Article(name, text, fm_ticker, fm_week, None, as_of=as_of)
        # `writer draft` saves the brief beside the article and its sha256 in the front
        # matter: that exact brief needs no market data (and cannot drift from it).
        pinned = read_front_matter(text).get("brief_sha256")
        for path in found:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:
                raise MalformedInput(
                    f"{name}: cannot read its brief {path} ({exc.strerror or exc}); fix its "
                    "permissions or remove it"
                ) from None
            if pinned and digest == pinned:
                return Article(
                    name, text, fm_ticker, fm_week, None, sidecar=path, sidecar_sha=digest
                )
        return Article(name, text, fm_ticker, fm_week, None)
    if found:
        return Article(name, text, None, None, None, sidecar=found[0])
    named = tuple(e.key for e in symbols.named_in(text))
    use_ticker = fm_ticker or ticker or (named[0] if named else None)
    use_week = fm_week or week or date or infer_week(text)
    if use_ticker is None or use_week is None:
        missing = " and no ".join(
            x for x, v in (("index", use_ticker), ("date with its year", use_week)) if v is None
        )
        sidecar = "" if name == "-" else f" a sidecar {Path(name).name}.brief.json,"
        raise MalformedInput(
            f"{name}: the article names no {missing} to check against: name them in the "
            f"text, add front matter (ticker:, week:),{sidecar} or pass --ticker and --week"
        )
    as_of = date or session_of(text, use_ticker, use_week)
    return Article(name, text, use_ticker, use_week, None, named, as_of)


def _earnings_article(
    name: str,
    text: str,
    ticker: str | None,
    quarter: str | None,
    meta: dict[str, str],
    found: list[Path],
) -> Article:
    """An earnings snapshot, placed by its front matter (`ticker`, `quarter`, a `reported`
    date it was given) or `--ticker` / `--quarter`; its pinned sidecar brief when it has
    one (still audited against the data)."""
    from writer.genres.earnings.brief import parse_quarter

    label = quarter or meta.get("quarter", "")
    if ticker is None:
        raise MalformedInput(
            f"{name}: an earnings snapshot needs its company: front matter ticker: or --ticker"
        )
    try:
        year, q = parse_quarter(label, "--quarter" if quarter else "front matter quarter:")
    except WriterError as exc:
        raise MalformedInput(f"{name}: {exc}") from None
    reported = None
    if meta.get("reported"):
        try:
            reported = dt.date.fromisoformat(meta["reported"].strip()[:10])
        except ValueError:
            raise MalformedInput(
                f"{name}: front matter reported {meta['reported']!r} is not a date (YYYY-MM-DD)"
            ) from None
    pinned = meta.get("brief_sha256")
    for path in found:
        with contextlib.suppress(OSError):
            if pinned and hashlib.sha256(path.read_bytes()).hexdigest() == pinned:
                attached = load_sidecar(path)
                return Article(name, text, ticker, None, attached, quarter=f"FY{year}-Q{q}")
    return Article(name, text, ticker, None, None, quarter=f"FY{year}-Q{q}", reported=reported)


def session_of(text: str, ticker: str, week: dt.date) -> dt.date | None:
    """The session a daily wrap of `week` reports, from its front matter `date:` (first) or its
    lede (`factcheck.locate.infer_session`), when it is a session of that week before its last;
    None for a recap of the whole week (and for anything that cannot be placed: the whole
    week is then checked, as before)."""
    from writer.calendar import scheduled_week

    try:
        calendar = symbols.resolve(ticker).calendar
        sessions = scheduled_week(calendar, week, dt.datetime.now(dt.UTC)).sessions
    except (WriterError, ValueError):
        return None
    if not sessions:
        return None
    stated = read_front_matter(text).get("date", "")[:10]
    with contextlib.suppress(ValueError):  # no date, or one that is not ISO: the lede
        day = dt.date.fromisoformat(stated)
        if day in sessions and day != sessions[-1]:
            return day  # the front matter says which session: the lede cannot overrule it
    if speaks_of_week(text):
        return None
    candidates: list[dt.date] = []
    hint = infer_session(text)
    if hint is not None and hint.weekday is not None:
        candidates += [s for s in sessions if s.weekday() == hint.weekday]
    elif hint is not None and hint.year_end and sessions[0].year != sessions[-1].year:
        candidates.append(max(s for s in sessions if s.year == sessions[0].year))
    return next((d for d in candidates if d in sessions and d != sessions[-1]), None)


#: What a report says when only the article's own brief could be had (`--trust-sidecar`).
OWN_BRIEF_ONLY = (
    "the article's own brief only, trusted by --trust-sidecar: no market data being available"
)


def audited(
    art: Article, attached: Brief, rebuild: Callable[[], Brief], trust: bool
) -> tuple[Brief, tuple[list[Claim], str]]:
    """The brief to check an article against when it came with one (`attached`): the brief
    the market data gives (`rebuild`), with an error for every figure on which the attached
    brief disagrees (see `factcheck.brief.differences`).  When the data cannot be had there
    is no verdict (`DataUnavailable`, exit 3), unless `trust` (`--trust-sidecar`): then the
    attached brief is used alone, and the report says so.  Data that cannot be right
    (`BadData`) is refused either way: it is there, and wrong."""
    try:
        data = rebuild()
    except BadData as exc:
        raise _about(art.name, exc) from None
    except DataUnavailable as exc:
        if trust:
            return attached, ([], OWN_BRIEF_ONLY)
        raise _about(
            art.name,
            DataUnavailable(
                f"no market data to check it against ({exc}); pass --trust-sidecar to check "
                "it against the brief beside it alone"
            ),
        ) from None
    except WriterError as exc:
        raise _about(art.name, exc) from None
    claims = [
        Claim(
            line=1,
            col=1,
            text=fact_id,
            sentence="",
            value=said,
            kind="brief",
            status=Status.MISMATCH,
            severity=Severity.ERROR,
            fact_id=fact_id,
            expected=actual,
            message=f"the brief attached to the article says {said}, the market data says "
            f"{actual}: the article was checked against the market data",
            rule=BRIEF_DIFFERS.code,
        )
        for fact_id, said, actual in differences(attached, data)
    ]
    return data, (claims, "market data")


def _about(name: str, exc: WriterError) -> WriterError:
    """The same error (same exit code) with the file it concerns in front."""
    error = WriterError(f"{name}: {exc}")
    error.exit_code = exc.exit_code
    return error


def nothing_checked(report: CheckReport) -> CheckReport:
    """`report`, with a finding when the checker read nothing it could check in the article
    (no figure, no worded claim; dates alone settle nothing): `0 claims` is not a pass.  An
    error in strict mode, else a warning.  A report that already fails (an article about
    another week) needs no second finding."""
    if any(c.kind != "date" or c.severity is Severity.ERROR for c in report.claims):
        return report
    claim = _file_claim(
        Status.UNSUPPORTED,
        Severity.ERROR if report.strict else Severity.WARNING,
        "nothing in it could be checked: no figure or claim the checker reads "
        "(an empty body, or figures in a form it does not read); a gate cannot pass it",
        NOTHING_CHECKED.code,
    )
    return report.model_copy(update={"claims": (claim, *report.claims)})


def _file_claim(status: Status, severity: Severity, message: str, rule: str) -> Claim:
    """A finding about a whole file (line 1, no figure), for the reports of the run."""
    return Claim(
        line=1,
        col=1,
        text="",
        sentence="",
        value=None,
        kind="file",
        status=status,
        severity=severity,
        message=message,
        rule=rule,
    )


def file_failure(name: str, exc: WriterError | CheckError, strict: bool) -> CheckReport:
    """The verdict on a file that could not be checked: one error finding with the reason and
    the fix, so the other files of the run are still checked and reported."""
    status = Status.NO_DATA if exc.exit_code == 3 else Status.UNREADABLE
    message = str(exc).removeprefix(f"{name}: ")
    rule = (NO_DATA if status is Status.NO_DATA else UNREADABLE).code
    claim = _file_claim(status, Severity.ERROR, message, rule)
    return CheckReport(source=name, brief_id="-", claims=(claim,), strict=strict)


def run_check(
    names: list[str],
    *,
    ticker: str | None,
    week: dt.date | None,
    data_dir: Path | None,
    allow_unsupported: bool,
    fmt: str,
    stdin_text: str | None = None,
    form: bool = False,
    out: TextIO | None = None,
    date: dt.date | None = None,
    trust_sidecar: bool = False,
    quarter: str | None = None,
    fundamentals_dir: Path | None = None,
) -> tuple[str, int]:
    """Check every file; returns what was not written to `out` (all of the output when `out`
    is None) and the exit code.

    Every file gets a verdict: with several files, one that cannot be read or placed (or
    whose market data is missing) is a finding of its own and the others are still checked;
    the exit code is the worst outcome (1 wrong figures, 2 unreadable input, 3 no data).  A
    single file that cannot be checked is one line on stderr, as any other command's error.
    An article with a sidecar brief and no market data is "no data" too, unless
    `trust_sidecar`: then it is checked against its sidecar alone, and its report says so.

    Reports are rendered and written in the order of `names` as soon as every report before
    them is done, and then dropped: an archive's output is never held whole (only what the
    format's footer needs: counts)."""
    _FORM[0] = form
    buffer: list[str] = []
    write = out.write if out is not None else buffer.append
    try:
        code = _run_check(
            names,
            ticker,
            week,
            data_dir,
            not allow_unsupported,
            fmt,
            stdin_text,
            write,
            date,
            trust_sidecar,
            Earnings(quarter, fundamentals_dir, data_dir),
        )
    finally:
        _FORM[0] = False
    return "".join(buffer), code


#: Reports held back to keep the output in file order; past this many, the held ones are
#: written at once (lowest index first) and order gives way to flat memory: an archive whose
#: files cycle through hundreds of weeks finishes brief by brief, not file by file.
MAX_HELD_REPORTS = 256


class _InOrder:
    """Reports arrive in any order; each is rendered once every one before it has been, or
    when `MAX_HELD_REPORTS` are waiting (then the output is in the order of checking)."""

    def __init__(self, count: int, fmt: str, write: Callable[[str], object]) -> None:
        self.renderer = renderer(fmt)
        self.pending: dict[int, CheckReport] = {}
        self.written: set[int] = set()
        self.next = 0
        self.count = count
        self.write = write
        self.failed = False
        self.started = False

    def _out(self, report: CheckReport) -> None:
        if not self.started:
            self.write(self.renderer.header())
            self.started = True
        self.write(self.renderer.report(report))

    def add(self, i: int, report: CheckReport) -> None:
        if not report.ok:
            self.failed = True
        self.pending[i] = report
        while self.next in self.pending or self.next in self.written:
            if self.next in self.pending:
                self._out(self.pending.pop(self.next))
            self.next += 1
        if len(self.pending) > MAX_HELD_REPORTS:
            for held in sorted(self.pending):
                self._out(self.pending.pop(held))
                self.written.add(held)

    def close(self) -> None:
        done = self.next + len({w for w in self.written if w >= self.next})
        assert done == self.count and not self.pending, "every file has a verdict"
        if not self.started:
            self.write(self.renderer.header())
        self.write(self.renderer.footer())


#: Articles checked per round of the serial path: their briefs and texts are held for the
#: round, then dropped, so an archive of any length is checked in flat memory.
CHECK_CHUNK = 512
#: Data briefs kept for articles still to come (an archive lists weeks in any order).
MAX_DATA_BRIEFS = 64


class _Briefs:
    """The brief each article of a run is checked against, each built once: data briefs by
    index, week, peers and session (the last `MAX_DATA_BRIEFS`), each distinct sidecar
    audited once (by its sha256), earnings briefs by company and quarter (`Earnings`)."""

    def __init__(self, source: PriceSource | None, earnings: Earnings, trust: bool) -> None:
        self.source = source
        self.earnings = earnings
        self.trust = trust
        self.data: OrderedDict[Key, Brief] = OrderedDict()
        #: sidecar sha256 -> the data brief's key and the audit's findings
        self.audited: dict[str, tuple[Key, tuple[list[Claim], str]]] = {}

    def data_brief(self, key: Key, build: Callable[[], Brief]) -> Brief:
        brief = self.data.get(key)
        if brief is None:
            brief = self.data[key] = build()
            while len(self.data) > MAX_DATA_BRIEFS:
                self.data.popitem(last=False)
        else:
            self.data.move_to_end(key)
        return brief

    def for_article(self, art: Article) -> tuple[Brief, tuple[list[Claim], str] | None]:
        if art.sidecar is not None:
            return self._sidecar(art, art.sidecar)
        if art.earnings:
            return self.earnings.brief_for(art, self.trust)
        if art.brief is not None:
            return self._attached(art, art.brief)
        from writer.pipeline import index_brief

        assert art.ticker is not None and art.week is not None and self.source is not None
        source, ticker, week = self.source, art.ticker, art.week
        try:
            brief = self.data_brief(
                art.key(),
                lambda: index_brief(
                    ticker, week, source, peers=peer_entities(ticker, art.named), as_of=art.as_of
                ),
            )
        except WriterError as exc:
            raise _about(art.name, exc) from None
        return brief, None

    def _sidecar(self, art: Article, path: Path) -> tuple[Brief, tuple[list[Claim], str] | None]:
        seen = self.audited.get(art.sidecar_sha or "")
        if seen is not None and seen[0] in self.data:
            key, audit = seen
            self.data.move_to_end(key)
            return self.data[key], audit
        attached = load_sidecar(path)
        if isinstance(attached, EarningsBrief):
            return self.earnings.brief_for(dataclasses.replace(art, brief=attached), self.trust)
        return self._attached(art, attached)

    def _attached(self, art: Article, attached: Brief) -> tuple[Brief, tuple[list[Claim], str]]:
        assert isinstance(attached, IndexBrief) and self.source is not None
        source = self.source
        as_of = attached.session.date if isinstance(attached, DailyWrapBrief) else None
        key = _key_of(attached, as_of)
        brief, audit = audited(
            art,
            attached,
            lambda: self.data_brief(key, lambda: index_brief_of(attached, source, as_of)),
            self.trust,
        )
        if art.sidecar_sha is not None and brief is not attached:
            self.audited[art.sidecar_sha] = (key, audit)
        return brief, audit


def _by_brief(articles: dict[int, Article], files: int) -> list[int]:
    """The order to check articles in: a few files in their own order; an archive grouped by
    the brief each needs (index, week, session, from the front matter), groups in the order
    files first need them, so each data brief and each sidecar is read once while its
    articles are checked (the output is in file order while at most `MAX_HELD_REPORTS` wait,
    then in this order)."""
    if files < PARALLEL_MIN_FILES:
        return list(articles)
    groups: dict[Key | int, list[int]] = {}
    for i, art in articles.items():
        placed = art.ticker is not None and art.week is not None and not art.earnings
        groups.setdefault(art.key() if placed else -1, []).append(i)
    return [i for members in groups.values() for i in members]


def _key_of(brief: IndexBrief, as_of: dt.date | None) -> Key:
    last = brief.week.last_session
    monday = last - dt.timedelta(days=last.weekday())
    return (brief.subject.key, monday, tuple(p.key for p in brief.peers), as_of)


def index_brief_of(attached: IndexBrief, source: PriceSource, as_of: dt.date | None) -> Brief:
    """The brief the market data gives for the index, week, peers and session of a brief."""
    from writer.pipeline import index_brief

    return index_brief(
        attached.subject.key, attached.week.last_session, source, peers=attached.peers, as_of=as_of
    )


def _run_check(
    names: list[str],
    ticker: str | None,
    week: dt.date | None,
    data_dir: Path | None,
    strict: bool,
    fmt: str,
    stdin_text: str | None,
    write: Callable[[str], object],
    date: dt.date | None = None,
    trust_sidecar: bool = False,
    earnings: Earnings | None = None,
) -> int:
    earnings = earnings or Earnings(None, None, data_dir)
    single = len(names) == 1
    codes: list[int] = [0]
    # nothing is written before the first report: a single file that cannot be checked
    # raises with an empty output
    results = _InOrder(len(names), fmt, write)
    emit = results.add

    def fail(i: int, exc: WriterError | CheckError) -> None:
        if single:
            raise exc
        codes.append(exc.exit_code)
        emit(i, file_failure(names[i], exc, strict))

    articles: dict[int, Article] = {}
    for i, n in enumerate(names):
        try:
            art = prepare(n, read_article(n, stdin_text), ticker, week, date, earnings.quarter)
        except (CheckError, WriterError) as exc:
            fail(i, exc)
            continue
        # past a handful of files, a file's text is read again when it is checked: an
        # archive's texts are never all in memory (stdin can only be read once)
        articles[i] = art if n == "-" or len(names) < PARALLEL_MIN_FILES else art.without_text()
    keys: dict[Key, list[int]] = {}
    for i, art in articles.items():
        if art.from_data:
            keys.setdefault(art.key(), []).append(i)
    source: PriceSource | None = None
    if any(not a.earnings for a in articles.values()):
        from writer.pipeline import open_source

        source = open_source(data_dir)
    jobs = _jobs(len(articles))
    if (
        jobs > 1
        and source is not None
        and len(keys) > jobs * 4
        and all(a.from_data for a in articles.values())
    ):
        groups: list[Group] = []
        for indices in keys.values():
            first = articles[indices[0]]
            assert first.ticker is not None and first.week is not None
            groups.append(
                Group(
                    first.ticker,
                    first.week,
                    first.named,
                    first.as_of,
                    [(i, articles[i].name, articles[i].text) for i in indices],
                )
            )
        for i, outcome in build_and_check_all(groups, source, strict, jobs):
            if isinstance(outcome, CheckReport):
                emit(i, outcome)
            else:
                fail(i, outcome)
    else:
        briefs = _Briefs(source, earnings, trust_sidecar)
        work: list[Work] = []
        order: list[int] = []
        audits: dict[int, tuple[list[Claim], str]] = {}

        def flush() -> None:
            for i, r in zip(order, check_all(work), strict=True):
                audit = audits.pop(i, None)
                if audit is not None:
                    extra, against = audit
                    r = CheckReport(
                        source=r.source,
                        brief_id=r.brief_id,
                        claims=(*extra, *r.claims),
                        strict=r.strict,
                        checked_against=against,
                    )
                emit(i, r)
            work.clear()
            order.clear()

        for i in _by_brief(articles, len(names)):
            art = articles[i]
            try:
                brief, audit = briefs.for_article(art)
            except (WriterError, CheckError) as exc:
                fail(i, exc)
                continue
            if audit is not None:
                audits[i] = audit
            work.append((art.name, art.text, brief, strict))
            order.append(i)
            if len(work) >= CHECK_CHUNK:
                flush()  # nothing of an archive's files is held past its chunk
        flush()
    results.close()
    return max(1 if results.failed else 0, *codes)
