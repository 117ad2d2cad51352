"""From a symbol and a date to a brief: the one place that does the I/O around the pure core."""

from __future__ import annotations

import datetime as dt
import functools
import os
from importlib import metadata
from pathlib import Path

import pandas as pd
import platformdirs

from factcheck.brief import Entity, WeeklyIndexBrief
from writer import metrics as m
from writer import symbols
from writer.brief import build_weekly_brief
from writer.calendar import closure, previous_scheduled, scheduled_week, sessions_between
from writer.data import PriceSource, validate
from writer.data.cache import CachedSource
from writer.data.snapshot import SnapshotSource
from writer.data.yahoo import YahooSource
from writer.errors import BadInput, DataUnavailable, NoSessions, SymbolNotFound

#: Calendar days of history before the week: 52 weeks, 200 sessions and the prior year-end.
HISTORY_DAYS = 400


def cache_dir() -> Path:
    return Path(os.environ.get("WRITER_CACHE_DIR") or platformdirs.user_cache_dir("writer"))


def data_home() -> Path:
    """Where the LLM audit log lives (`WRITER_HOME` moves it)."""
    return Path(os.environ.get("WRITER_HOME") or platformdirs.user_data_dir("writer"))


def open_source(data_dir: Path | None) -> PriceSource:
    """Snapshot CSVs when a data dir is given (or `WRITER_DATA_DIR`), else cached Yahoo."""
    folder = data_dir or (Path(p) if (p := os.environ.get("WRITER_DATA_DIR")) else None)
    if folder is not None:
        return SnapshotSource(folder)
    return CachedSource(YahooSource(), cache_dir() / "prices.sqlite")


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"bad date {text!r}: use YYYY-MM-DD, e.g. 2025-08-08") from None


@functools.cache
def _versions() -> tuple[tuple[str, str], ...]:
    """Installed versions never change within a process; reading package metadata costs a
    fifth of a brief build, so it is done once."""
    out = []
    for name in ("writer", "pandas", "yfinance", "exchange-calendars", "pydantic"):
        try:
            out.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            out.append((name, "not installed"))
    return tuple(out)


def library_versions() -> dict[str, str]:
    return dict(_versions())


def _fetch(
    source: PriceSource,
    subject: Entity,
    peers: tuple[Entity, ...],
    start: dt.date,
    end: dt.date,
    notes: list[str],
) -> tuple[dict[str, pd.DataFrame], tuple[Entity, ...]]:
    """All symbols in one request; a peer that has no data is dropped with a note."""
    peers = tuple(peers)
    while True:
        try:
            return source.history([subject.yahoo, *(p.yahoo for p in peers)], start, end), peers
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


def weekly_brief(
    symbol: str,
    week_of: dt.date,
    source: PriceSource,
    now: dt.datetime | None = None,
    peers: tuple[Entity, ...] | None = None,
) -> WeeklyIndexBrief:
    now = now or dt.datetime.now(dt.UTC)
    subject = symbols.resolve(symbol)
    peer_entities = symbols.peers_of(subject) if peers is None else peers
    week = scheduled_week(subject.calendar, week_of, now)
    notes: list[str] = []
    bars, kept = _fetch(
        source,
        subject,
        peer_entities,
        week.start - dt.timedelta(days=HISTORY_DAYS),
        week.end,
        notes,
    )
    subject_week = m.week_bars(bars[subject.yahoo], week.start, week.end)
    if subject_week.empty:
        raise DataUnavailable(
            f"{source.name} has no {subject.yahoo} sessions for {week.start} .. {week.end} "
            f"although {subject.calendar} scheduled {len(week.sessions)}; refresh the data"
        )
    if m.previous_close(bars[subject.yahoo], week.start) is None:
        raise NoSessions(
            f"no {subject.yahoo} session before {week.start} in {source.name}: "
            "the weekly change needs the previous week's close; pick a later week"
        )
    for entity in (subject, *kept):
        frame = bars[entity.yahoo]
        validate.bad_row(entity.yahoo, frame, source.name)
        expected = previous_scheduled(entity.calendar, week.start)
        if expected is not None and len(frame) and frame.index[0].date() < expected:
            validate.previous_session_present(entity.yahoo, frame, expected, source.name)
            shut = [
                (d, why)
                for d in sessions_between(entity.calendar, expected, week.start)
                if (why := closure(entity.calendar, d)) is not None
            ]
            notes.extend(
                f"{entity.key}: no session on {d:%a %b %d, %Y} ({why}, an unscheduled "
                f"closure); the weekly change is from {expected:%a %b %d}"
                for d, why in shut
            )
    return build_weekly_brief(
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
