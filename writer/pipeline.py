"""From a symbol and a date to a brief: the one place that does the I/O around the pure core."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from factcheck.brief import DailyWrapBrief, EarningsBrief, Entity, IndexBrief, WeeklyIndexBrief
from writer import series, symbols
from writer.calendar import (
    ScheduledWeek,
    _calendar,
    closure,
    previous_scheduled,
    require_closed,
    scheduled_week,
    sessions_between,
)
from writer.data import PriceSource, validate
from writer.data.cache import CachedSource
from writer.data.fundamentals import FundamentalsSource
from writer.data.snapshot import SnapshotSource
from writer.data.yahoo import YahooSource
from writer.errors import BadInput, DataUnavailable, NoSessions, SymbolNotFound, WriterError
from writer.genres.weekly_index.brief import brief_from_bars
from writer.places import cache_dir
from writer.series import Bars
from writer.versions import library_versions

if TYPE_CHECKING:
    import pandas as pd

T = TypeVar("T")

#: Calendar days of history before the week: 52 weeks, 200 sessions and the prior year-end.
HISTORY_DAYS = 400


def open_source(data_dir: Path | None) -> PriceSource:
    """Snapshot CSVs when a data dir is given (or `WRITER_DATA_DIR`), else cached Yahoo."""
    folder = data_dir or (Path(p) if (p := os.environ.get("WRITER_DATA_DIR")) else None)
    if folder is not None:
        return SnapshotSource(folder)
    return CachedSource(YahooSource(), cache_dir() / "prices.sqlite")


def _fetch(
    history: Callable[[list[str], dt.date, dt.date], Mapping[str, T]],
    subject: Entity,
    peers: tuple[Entity, ...],
    start: dt.date,
    end: dt.date,
    notes: list[str],
) -> tuple[dict[str, T], tuple[Entity, ...]]:
    """All symbols in one request; a peer that has no data is dropped with a note.

    `history` is a source's `history` (frames) or a series book's `windows` (windows)."""
    peers = tuple(peers)
    while True:
        try:
            return dict(history([subject.yahoo, *(p.yahoo for p in peers)], start, end)), peers
        except SymbolNotFound as exc:
            if exc.symbol == subject.yahoo:
                if symbols.is_known(subject.key):
                    raise
                raise symbols.unknown(subject.key) from exc
            dropped = [p for p in peers if p.yahoo == exc.symbol]
            if not dropped:
                raise
            notes.append(f"{dropped[0].key}: left out as a peer ({exc})")
            peers = tuple(p for p in peers if p.yahoo != exc.symbol)


#: "at any time": the week as scheduled, whether or not its last session has closed
_END_OF_TIME = dt.datetime.max.replace(tzinfo=dt.UTC)

#: (calendar, Monday) -> the week as `scheduled_week` gave it, and the `now` it was asked at.
_WEEKS: dict[tuple[str, dt.date], tuple[ScheduledWeek, dt.datetime]] = {}


def _scheduled_week(calendar: str, day: dt.date, now: dt.datetime) -> ScheduledWeek:
    """`scheduled_week`, remembered: an archive gate asks for the same week of one calendar
    once per index and peer.  Exact: the week depends on `day` only through its Monday, and
    on `now` only through "not finished yet", so a week it gave at some `now` it gives at any
    later one; an earlier `now` (or any refusal) is asked again.  The keys are bounded by the
    calendars' weeks since 2000."""
    key = (calendar, day - dt.timedelta(days=day.weekday()))
    hit = _WEEKS.get(key)
    if hit is not None and now >= hit[1]:
        return hit[0]
    week = scheduled_week(calendar, day, now)
    _WEEKS[key] = (week, now)
    return week


#: The calendars' other questions are pure functions of the calendar and the dates.
_previous_scheduled = functools.cache(previous_scheduled)
_sessions_between = functools.cache(sessions_between)


def warm_briefs(source: PriceSource, tickers: Iterable[str]) -> None:
    """Build in this process what the briefs of `tickers` (and of their default peers) need
    and never changes: the exchange calendars and, for a snapshot source, each symbol's
    converted series.  Called before worker processes fork, so that they share one copy
    instead of each building its own (the calendars alone take about 0.5 s of CPU per
    process).  Never raises and changes no brief: a ticker or snapshot that cannot be had is
    skipped here and reported by the brief that needs it."""
    book = series.book_for(source)
    for entity in _with_peers(tickers):
        try:
            _calendar(entity.calendar)  # the cached builder `scheduled_week` uses
            if book is not None:
                book.series(entity.yahoo, *series.EVER)
        except Exception:  # only a head start: the brief that needs it raises the real error
            continue


def _with_peers(names: Iterable[str]) -> list[Entity]:
    """Each named symbol and its default peers, once each (names that resolve to nothing
    are left to the brief that needs them to report)."""
    entities: dict[str, Entity] = {}
    for name in names:
        try:
            subject = symbols.resolve(name)
        except WriterError:
            continue
        for entity in (subject, *symbols.peers_of(subject)):
            entities.setdefault(entity.key, entity)
    return list(entities.values())


def prefetch(source: PriceSource, wanted: Iterable[tuple[str, dt.date]]) -> None:
    """Get once what the briefs of (symbol, a day of the week) pairs will read, before worker
    processes fork to build them: a snapshot source's series converted (`warm_briefs`), and
    a fetching source (Yahoo through the SQLite cache) asked in one request for every ticker
    over the whole span, so that the workers read the cache instead of each fetching the
    same peers.  Never raises: a brief that cannot be had reports its own error."""
    pairs = list(wanted)
    names = [name for name, _day in pairs]
    warm_briefs(source, names)
    if series.book_for(source) is not None or not pairs:
        return
    days = [day for _name, day in pairs]
    start = min(days) - dt.timedelta(days=HISTORY_DAYS + 7)
    end = max(days) + dt.timedelta(days=7)
    try:
        source.history([e.yahoo for e in _with_peers(names)], start, end)
    except Exception:  # only a head start: each brief fetches what it still needs
        return


def weekly_brief(
    symbol: str,
    week_of: dt.date,
    source: PriceSource,
    now: dt.datetime | None = None,
    peers: tuple[Entity, ...] | None = None,
    as_of: dt.date | None = None,
    *,
    reference: Callable[[pd.DataFrame], Bars] | None = None,
) -> WeeklyIndexBrief:
    """Every figure of the trading week containing `week_of` for `symbol` and its peers
    (`peers`: instead of the default ones), from `source`.

    Built from `writer.series` windows: for a snapshot source each symbol's whole series is
    converted once per source and each week is a range of it, so the briefs of hundreds of
    weeks (an archive gate) cost one conversion plus each week's own figures; a source
    fetched by range converts what it returns.  The brief is the one `weekly_brief_by_slicing`
    builds with pandas, fact for fact (`tests/test_archive_briefs.py`).

    `reference` (the tests' oracle, `tests/frame_oracle.py`): read the fetched frames through
    it instead, one pandas slice per figure, and validate every fact.

    `as_of`, a session of that week: the brief of a daily wrap of that session (see
    `writer.genres.weekly_index.brief.brief_from_bars`); the week's last session gives the
    whole week."""
    return _weekly_brief(symbol, week_of, source, now, peers, as_of, reference)


def session_brief(
    symbol: str,
    day: dt.date,
    source: PriceSource,
    now: dt.datetime | None = None,
    peers: tuple[Entity, ...] | None = None,
    *,
    reference: Callable[[pd.DataFrame], Bars] | None = None,
) -> DailyWrapBrief:
    """The brief of a daily wrap of the session `day` for `symbol` and its peers: the
    figures of its week to date as of that close (`weekly_brief` with `as_of`, a Friday's
    holding the whole week), the session before it and the next one the calendar schedules,
    and the weekdays between without a session."""
    from writer.genres.daily_wrap.brief import closed_weekdays, daily_brief, previous_session

    week_to_date = _weekly_brief(symbol, day, source, now, peers, day, reference, whole=False)
    calendar = week_to_date.subject.calendar
    ahead = _sessions_between(calendar, day + dt.timedelta(days=1), day + dt.timedelta(days=14))
    held = [d for d in ahead if closure(calendar, d) is None]
    following = held[0] if held else None
    previous = previous_session(week_to_date.week, day)
    scheduled = _sessions_between(calendar, previous, following or day + dt.timedelta(days=7))
    closed = closed_weekdays(previous, day, following, scheduled, lambda d: closure(calendar, d))
    return daily_brief(week_to_date, following, closed)


def draft_brief(
    kind: str, symbol: str, day: dt.date, source: PriceSource, now: dt.datetime | None = None
) -> IndexBrief:
    """The brief `writer draft` writes an article of genre `kind` from: the week containing
    `day` (a weekly recap) or the session `day` (a daily wrap)."""
    if kind == "daily_wrap":
        return session_brief(symbol, day, source, now)
    if kind == "weekly_index":
        return weekly_brief(symbol, day, source, now)
    raise ValueError(f"writer drafts no genre {kind!r}")


def index_brief(
    symbol: str,
    week_of: dt.date,
    source: PriceSource,
    peers: tuple[Entity, ...] | None = None,
    as_of: dt.date | None = None,
) -> IndexBrief:
    """The brief an article about `symbol` is checked against: the daily wrap's of the
    session `as_of`, or the week's (`writer check` places an article by its front matter,
    options and lede; see `writer.check_command`)."""
    if as_of is not None:
        return session_brief(symbol, as_of, source, peers=peers)
    return weekly_brief(symbol, week_of, source, peers=peers)


def _weekly_brief(
    symbol: str,
    week_of: dt.date,
    source: PriceSource,
    now: dt.datetime | None,
    peers: tuple[Entity, ...] | None,
    as_of: dt.date | None,
    reference: Callable[[pd.DataFrame], Bars] | None,
    *,
    whole: bool = True,
) -> WeeklyIndexBrief:
    now = now or dt.datetime.now(dt.UTC)
    subject = symbols.resolve(symbol)
    peer_entities = symbols.peers_of(subject) if peers is None else peers
    if whole:
        week = _scheduled_week(subject.calendar, week_of, now)
    else:  # a daily wrap: its session must have closed, not the whole week
        week = _scheduled_week(subject.calendar, week_of, _END_OF_TIME)
        if as_of is not None and as_of in week.sessions:
            require_closed(subject.calendar, as_of, now)
    if as_of is not None and as_of not in week.sessions:
        raise NoSessions(
            f"{as_of:%a %b %-d, %Y} is not a {subject.calendar} session ({subject.name}); "
            "pass the date of the session the article reports"
        )
    if whole and as_of is not None and as_of == week.sessions[-1]:
        as_of = None  # the week's last session: the whole week (a daily wrap keeps its day)
    notes: list[str] = []
    start = week.start - dt.timedelta(days=HISTORY_DAYS)
    book = None if reference is not None else series.book_for(source)
    bars: dict[str, Bars]
    if book is not None:
        windows, kept = _fetch(book.windows, subject, peer_entities, start, week.end, notes)
        bars = dict(windows)
    else:
        frames, kept = _fetch(source.history, subject, peer_entities, start, week.end, notes)
        wrap = reference or series.whole
        bars = {sym: wrap(frame) for sym, frame in frames.items()}
    subject_bars = bars[subject.yahoo]
    if subject_bars.between(week.start, week.end).empty:
        raise DataUnavailable(
            f"{source.name} has no {subject.yahoo} sessions for {week.start} .. {week.end} "
            f"although {subject.calendar} scheduled {len(week.sessions)}; refresh the data"
        )
    if subject_bars.previous_close(week.start) is None:
        raise NoSessions(
            f"no {subject.yahoo} session before {week.start} in {source.name}: "
            "the weekly change needs the previous week's close; pick a later week"
        )
    for entity in (subject, *kept):
        entity_bars = bars[entity.yahoo]
        entity_bars.check_rows(entity.yahoo, source.name)
        expected = _previous_scheduled(entity.calendar, week.start)
        if expected is not None and not entity_bars.empty and entity_bars.first_date() < expected:
            entity_bars.check_previous_session(entity.yahoo, expected, source.name)
            shut = [
                (d, why)
                for d in _sessions_between(entity.calendar, expected, week.start)
                if (why := closure(entity.calendar, d)) is not None
            ]
            notes.extend(
                f"{entity.key}: no session on {d:%a %b %d, %Y} ({why}, an unscheduled "
                f"closure); the weekly change is from {expected:%a %b %d}"
                for d, why in shut
            )
        validate.span(
            entity.yahoo,
            entity.calendar,
            *entity_bars.dates_and_closes(),
            week.end if whole or as_of is None else as_of,
            validate.origin_of(source, entity.yahoo),
            index=symbols.is_known(entity.key),
            data_end=validate.data_end_of(source, entity.yahoo),
        )
    return brief_from_bars(
        subject,
        kept,
        bars,
        week.start,
        week.end,
        week.sessions,
        source.name,
        now,
        library_versions(),
        tuple(notes),
        trusted=reference is None,
        as_of=as_of,
    )


def fetch_to_cache(
    names: list[str],
    start: dt.date,
    end: dt.date,
    data_dir: Path | None,
    to_dir: Path | None,
    replace: bool = False,
) -> list[str]:
    """`writer fetch`: one request for all symbols; returns one summary line per symbol.

    A snapshot already in `to_dir` is merged with by date (see `merge_snapshot`), never cut
    down to the fetched range, unless `replace`."""
    from writer.data.snapshot import merge_snapshot, read_snapshot
    from writer.output import write_atomic

    entities = [symbols.resolve(n) for n in names]
    bars = open_source(data_dir).history([e.yahoo for e in entities], start, end)
    lines = []
    for entity in entities:
        frame = bars[entity.yahoo]
        line = f"{entity.yahoo}: {len(frame)} sessions {start} .. {end}"
        if to_dir is not None:
            from writer.data import snapshot_filename

            path = to_dir / snapshot_filename(entity.yahoo)
            if path.is_file() and not replace:
                frame, added, changed = merge_snapshot(read_snapshot(path), frame)
                line += f" ({added} new, {changed} changed, {len(frame)} rows in all)"
            body = frame.reset_index()
            body["date"] = body["date"].dt.strftime("%Y-%m-%d")
            write_atomic(path, body.to_csv(index=False, float_format="%.17g"))
            line += f" -> {path}"
        lines.append(line)
    return lines


def fundamentals_source(folder: Path | None) -> FundamentalsSource:
    """Company results: a snapshot folder when given (or `WRITER_FUNDAMENTALS_DIR`), else
    the SEC's company facts through the cached live source (`writer.data.sec`)."""
    folder = folder or (Path(p) if (p := os.environ.get("WRITER_FUNDAMENTALS_DIR")) else None)
    from writer.data.open_fundamentals import open_fundamentals

    return open_fundamentals(folder, None)


def earnings_prices(fundamentals: FundamentalsSource, data_dir: Path | None) -> list[PriceSource]:
    """Where an earnings snapshot's closes come from, in order: a fundamentals snapshot's
    own `stocks/raw` (closes as printed at the time, split-adjusted as of their save) and
    `stocks/` (adjusted), then `--data-dir`; live, cached Yahoo."""
    out: list[PriceSource] = []
    stocks = getattr(fundamentals, "stocks", None)
    if isinstance(stocks, Path) and stocks.is_dir():
        if (stocks / "raw").is_dir():
            out.append(SnapshotSource(stocks / "raw"))
        out.append(SnapshotSource(stocks))
    if data_dir is not None or not out:
        out.append(open_source(data_dir))
    return out


def latest_quarter(fundamentals: FundamentalsSource, ticker: str) -> str:
    """The last fiscal quarter the source has results for, with its year-ago quarter."""
    rows = fundamentals.reported(ticker)
    quarters = {(r.fiscal_year, r.fiscal_period) for r in rows if r.fiscal_period[0] == "Q"}
    usable = sorted((y, p) for y, p in quarters if (y - 1, p) in quarters)
    if not usable:
        raise BadInput(f"{ticker} has no quarter with a year-ago quarter in {fundamentals.name}")
    year, period = usable[-1]
    return f"FY{year}-{period}"


@dataclass(frozen=True)
class EarningsData:
    """Where earnings briefs come from in one run: company results and the closes, in the
    order `earnings_prices` gives; a draft, a batch and the gate all open them this way."""

    fundamentals: FundamentalsSource
    prices: tuple[PriceSource, ...]

    def brief(
        self,
        symbol: str,
        quarter: str,
        *,
        now: dt.datetime | None = None,
        report_date: dt.date | None = None,
    ) -> EarningsBrief:
        return earnings_brief(
            symbol, quarter, self.fundamentals, self.prices, now, report_date=report_date
        )


def earnings_data(fundamentals_dir: Path | None, data_dir: Path | None) -> EarningsData:
    """The results and prices a run's earnings briefs read.  A snapshot folder (given or
    `WRITER_FUNDAMENTALS_DIR`) is opened once per process, each file read once however many
    quarters are built; the live SEC source is opened each time (it caches in SQLite, and
    its identity comes from the environment)."""
    folder = fundamentals_dir or (
        Path(p) if (p := os.environ.get("WRITER_FUNDAMENTALS_DIR")) else None
    )
    if folder is None:
        return _open_earnings_data(None, data_dir)
    return _snapshot_earnings_data(folder, data_dir)


def _open_earnings_data(folder: Path | None, data_dir: Path | None) -> EarningsData:
    fundamentals = fundamentals_source(folder)
    return EarningsData(fundamentals, tuple(earnings_prices(fundamentals, data_dir)))


_snapshot_earnings_data = functools.cache(_open_earnings_data)


def earnings_brief(
    symbol: str,
    quarter: str,
    fundamentals: FundamentalsSource,
    prices: Sequence[PriceSource],
    now: dt.datetime | None = None,
    report_date: dt.date | None = None,
) -> EarningsBrief:
    """The brief of `symbol`'s fiscal `quarter` ("FY2024-Q3" or "latest")."""
    from writer.genres.earnings.brief import build_brief

    label = latest_quarter(fundamentals, symbol) if quarter == "latest" else quarter
    return build_brief(symbol, label, fundamentals, prices, now, report_date=report_date)
