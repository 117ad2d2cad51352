"""Weekly index brief: metrics -> typed facts.  Pure: bars in, a frozen brief out.

Fact ids are `ENTITY.metric.period` (`RUT.close.2025-08-05`, `RUT.week.change_pct`,
`RUT.52w.high`), each built by `factcheck.ids`; the full catalogue is in the README.  A figure
whose history is too short to compute honestly (a 52-week high from six months of data) is
left out and the reason is recorded in the provenance notes, never approximated.

One builder over any `writer.series.Bars`: `writer.series.Window`s, ranges of a symbol's
series converted once, with trusted facts (fast enough for an archive gate's hundreds of
weeks); the tests build the same brief from DataFrames, one pandas slice per figure and every
fact validated (`tests/frame_oracle.py`), as the reference the fast path is held equal to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import Any, Final

from factcheck import ids
from factcheck.brief import Entity, Fact, Provenance, Week, WeeklyIndexBrief
from factcheck.numfmt import PERCENT_PLACES, POINTS_PLACES, PP_PLACES, Unit, format_value
from writer import metrics as m
from writer.series import Bars

_PLACES: Final = {
    Unit.PERCENT: PERCENT_PLACES,
    Unit.POINTS: POINTS_PLACES,
    Unit.PERCENTAGE_POINTS: PP_PLACES,
    Unit.CURRENCY: 2,
}
_FACT_FIELDS: Final = frozenset(Fact.model_fields)
_new_fact: Final = Fact.__new__
_set: Final = object.__setattr__


def trusted_fact(
    fact_id: str,
    entity: str,
    metric: str,
    period: str,
    value: Decimal,
    unit: Unit,
    precision: int,
    signed: bool,
    on: dt.date | None,
    versus: str | None,
    label: str,
    derivation: str | None,
) -> Fact:
    """The `Fact` that `Fact(**fields)` validates from values this module built itself,
    already of the declared types: the same `__dict__` (the display computed by the same
    `format_value`) and the same fields set, so equality and JSON are identical, at a
    fraction of the cost (validation runs `format_value` twice per fact, and a brief has
    about 180).  Not unchecked: `WeeklyIndexBrief` validation still runs each fact's
    `_display_agrees`.  Every field is passed, so a field added to `Fact` breaks this call
    loudly instead of silently missing."""
    fact = _new_fact(Fact)
    values: dict[str, Any] = {
        "id": fact_id,
        "entity": entity,
        "metric": metric,
        "period": period,
        "value": value,
        "unit": unit,
        "precision": precision,
        "signed": signed,
        "on": on,
        "versus": versus,
        "label": label,
        "display": format_value(value, unit, precision, signed=signed),
        "derivation": derivation,
    }
    _set(fact, "__dict__", values)
    _set(fact, "__pydantic_fields_set__", set(_FACT_FIELDS))  # a copy: pydantic owns it
    _set(fact, "__pydantic_extra__", None)
    _set(fact, "__pydantic_private__", None)
    return fact


class _Facts:
    """Accumulates facts for one entity with the id, unit and precision conventions.

    `trusted` builds each fact with `trusted_fact` instead of validating it: the fast path;
    the reference path validates, so the tests compare the two constructions too."""

    def __init__(self, entity: Entity, trusted: bool = False) -> None:
        self.entity = entity
        self.trusted = trusted
        self.items: list[Fact] = []

    def add(
        self,
        metric: str,
        period: str,
        value: Decimal,
        unit: Unit,
        label: str,
        *,
        on: dt.date | None = None,
        signed: bool = False,
        versus: str | None = None,
        derivation: str | None = None,
        fact_id: str | None = None,
        places: int | None = None,
    ) -> None:
        if places is None:
            places = _PLACES.get(unit, 0)
        if self.trusted:
            self.items.append(
                trusted_fact(
                    fact_id or ids.session(self.entity.key, metric, period),
                    self.entity.key,
                    metric,
                    period,
                    value,
                    unit,
                    places,
                    signed,
                    on,
                    versus,
                    f"{self.entity.name} {label}",
                    derivation,
                )
            )
            return
        data: dict[str, Any] = dict(
            id=fact_id or ids.session(self.entity.key, metric, period),
            entity=self.entity.key,
            metric=metric,
            period=period,
            value=value,
            unit=unit,
            precision=places,
            signed=signed,
            on=on,
            versus=versus,
            label=f"{self.entity.name} {label}",
            derivation=derivation,
        )
        self.items.append(Fact(**data))

    def level(
        self,
        metric: str,
        period: str,
        value: Decimal,
        label: str,
        on: dt.date | None = None,
        **kw: Any,
    ) -> None:
        self.add(metric, period, value, Unit.POINTS, label, on=on, **kw)

    def base_close(
        self, chg: m.Change, label: str, prev: m.Extreme, days: Sequence[m.Session]
    ) -> None:
        """The close a period's change runs from ("last close of Q2 (Jun 30)"), unless the
        week's facts hold it already (the previous week's last close, a session's close)."""
        if chg.base_date != prev.date and chg.base_date not in {d.date for d in days}:
            self.level(
                "close",
                chg.base_date.isoformat(),
                chg.base,
                f"{label} ({chg.base_date:%b %-d})",
                on=chg.base_date,
            )

    def change(
        self,
        period: str,
        chg: m.Change,
        label: str,
        on: dt.date | None = None,
        id_style: str = "metric_first",
    ) -> None:
        for metric, value, unit in (
            ("change_pts", chg.points, Unit.POINTS),
            ("change_pct", chg.percent, Unit.PERCENT),
        ):
            fact_id = (
                ids.session(self.entity.key, metric, period)
                if id_style == "metric_first"
                else ids.period(self.entity.key, period, metric)
            )
            self.add(
                metric,
                period,
                value,
                unit,
                f"{label} vs {chg.base_date:%a %b %-d} close",
                on=on,
                signed=True,
                fact_id=fact_id,
            )


def _entity_facts(
    entity: Entity, bars: Bars, week: Bars, prev: m.Extreme, notes: list[str], trusted: bool
) -> tuple[list[Fact], dict[str, m.Change], list[m.Session]]:
    f = _Facts(entity, trusted)
    days = week.sessions(prev)
    last = days[-1]
    f.level(
        "close",
        prev.date.isoformat(),
        prev.value,
        f"previous week's last close ({prev.date:%a %b %-d})",
        on=prev.date,
    )
    before_prev = bars.previous_close(prev.date)
    if before_prev is not None:
        # the previous session's own move: lets the checker settle a daily streak "as of
        # Tuesday" that started in the week before (and "after Friday's 1.8% drop")
        f.change(
            prev.date.isoformat(),
            m.change(before_prev.value, before_prev.date, prev.value),
            f"change {prev.date:%a %b %-d}",
            on=prev.date,
        )
    for s in days:
        iso, when = s.date.isoformat(), f"{s.date:%a %b %-d}"
        f.level("open", iso, s.open, f"open {when}", on=s.date)
        f.level("high", iso, s.high, f"intraday high {when}", on=s.date)
        f.level("low", iso, s.low, f"intraday low {when}", on=s.date)
        f.level("close", iso, s.close, f"close {when}", on=s.date)
        f.change(iso, s.change, f"change {when}", on=s.date)
    weekly = m.change(prev.value, prev.date, last.close)
    f.change("week", weekly, "weekly change", on=last.date, id_style="period_first")
    # the week before, as background ("after last week's 1.8% drop") and as the figure a
    # writer forgot to update
    before = bars.previous_close(prev.date - dt.timedelta(days=prev.date.weekday()))
    if before is not None:
        f.change(
            "prev_week",
            m.change(before.value, before.date, prev.value),
            f"change in the week of {prev.date - dt.timedelta(days=prev.date.weekday()):%b %-d}"
            " (the previous week)",
            on=prev.date,
            id_style="period_first",
        )
    mtd = bars.month_to_date(last.date)
    if mtd is not None and last.date.month != 1:  # January's is the year-to-date change
        f.change(
            "mtd",
            mtd,
            f"month-to-date change ({last.date:%B})",
            on=last.date,
            id_style="period_first",
        )
    qtd = bars.quarter_to_date(last.date)
    quarter = (last.date.month - 1) // 3 + 1
    # not in the first quarter, where it is the year to date, nor in a quarter's first
    # month, where it is the month to date; its base close only with it
    if qtd is not None and quarter > 1 and (last.date.month - 1) % 3:
        f.base_close(qtd, f"last close of Q{quarter - 1}", prev, days)
        f.change(
            "qtd",
            qtd,
            f"quarter-to-date change (Q{quarter})",
            on=last.date,
            id_style="period_first",
        )
    for metric, ext, words in week.extremes().named():
        f.level(
            metric,
            "week",
            ext.value,
            f"weekly {words} ({ext.date:%a %b %-d})",
            on=ext.date,
            fact_id=ids.period(entity.key, "week", metric),
        )
    f.add(
        "sessions",
        "week",
        Decimal(len(days)),
        Unit.COUNT,
        "sessions in the week",
        fact_id=ids.period(entity.key, "week", "sessions"),
    )

    year = bars.trailing_52_weeks(last.date)
    if year is None:
        notes.append(
            f"{entity.key}: 52-week figures left out (data starts "
            f"{bars.first_date()}, less than a year before {last.date})"
        )
    else:
        for metric, ext, words in year.extremes().named():
            label = f"52-week {words}"
            f.level(
                metric,
                "52w",
                ext.value,
                f"{label} ({ext.date:%b %-d, %Y})",
                on=ext.date,
                fact_id=ids.period(entity.key, "52w", metric),
            )
            f.add(
                f"from_{metric}_pct",
                "52w",
                m.distance_pct(last.close, ext.value),
                Unit.PERCENT,
                f"last close vs {label}",
                signed=True,
                fact_id=ids.period(entity.key, "52w", f"from_{metric}_pct"),
            )

    # record context: the highest close and intraday high of all the data the brief was
    # built from, to the last session; the data starts on a known day, so a record it holds
    # is the highest since then, never an all-time record
    first_day = bars.first_date()
    held = bars.between(first_day, last.date).extremes()
    for metric, ext, words in (
        ("close_high", held.close_high, "highest close"),
        ("high", held.high, "highest intraday high"),
    ):
        f.level(
            metric,
            "history",
            ext.value,
            f"{words} in the data since {first_day:%b %-d, %Y} ({ext.date:%b %-d, %Y})",
            on=ext.date,
            derivation=(
                f"{words} of the sessions from {first_day} (the first the data holds) to "
                f"{last.date}: not an all-time record, which needs the full history"
            ),
            fact_id=ids.period(entity.key, "history", metric),
        )

    ytd = bars.year_to_date(last.date)
    if ytd is None:
        notes.append(
            f"{entity.key}: year-to-date left out (no close for the end of "
            f"{last.date.year - 1} in the data)"
        )
    else:
        f.base_close(ytd, f"last close of {ytd.base_date.year}", prev, days)
        f.change("ytd", ytd, "year-to-date change", on=last.date, id_style="period_first")
        for metric, (pct, week_end), words in zip(
            ("best_week_pct", "worst_week_pct"),
            _best_and_worst_weeks(bars, last.date),
            ("best", "worst"),
            strict=True,
        ):
            f.add(
                metric,
                "year",
                pct,
                Unit.PERCENT,
                f"{words} weekly change of {last.date.year} so far (the week to {week_end:%b %-d})",
                on=week_end,
                signed=True,
                derivation=(
                    f"each calendar week's last close of {last.date.year} to {last.date} against "
                    "the week before's; the week of the year's first session included"
                ),
                fact_id=ids.period(entity.key, "year", metric),
            )
        first = bars.first_session_of_year(last.date)
        if first is not None and first.date < days[0].date and first.date != prev.date:
            f.level(
                "close",
                first.date.isoformat(),
                first.value,
                f"first close of {first.date.year} ({first.date:%b %-d})",
                on=first.date,
            )

    for n in (50, 200):
        ma = bars.moving_average(last.date, n)
        if ma is None:
            notes.append(
                f"{entity.key}: {n}-day moving average left out (fewer than {n} sessions of data)"
            )
            continue
        f.level(
            "ma",
            f"{n}d",
            ma,
            f"{n}-day moving average",
            on=last.date,
            fact_id=ids.moving_average(entity.key, n),
        )
        f.add(
            "vs_ma_pct",
            f"{n}d",
            m.distance_pct(last.close, ma),
            Unit.PERCENT,
            f"last close vs {n}-day moving average",
            signed=True,
            fact_id=ids.vs_moving_average(entity.key, n),
        )

    for kind, (count, complete) in (
        ("weekly", bars.streak(last.date, weekly=True)),
        ("daily", bars.streak(last.date, weekly=False)),
        # the streak a writer says this week "snapped" or "extended"
        ("weekly_prev", bars.streak(prev.date, weekly=True)),
    ):
        if complete:
            what = "sessions" if kind == "daily" else "weeks"
            to = prev.date if kind == "weekly_prev" else last.date
            f.add(
                "streak",
                kind,
                Decimal(count),
                Unit.COUNT,
                f"consecutive {what} up (+) or down (-) to {to:%b %-d}",
                signed=True,
                on=last.date,
                fact_id=ids.streak(entity.key, kind),
            )
    changes = {"week": weekly} | {s.date.isoformat(): s.change for s in days}
    return f.items, changes, days


_FIRST_ITEM: Final = itemgetter(0)


def _best_and_worst_weeks(
    bars: Bars, as_of: dt.date
) -> tuple[tuple[Decimal, dt.date], tuple[Decimal, dt.date]]:
    """((change, week's last session) of the year's best week, ... of its worst) to `as_of`:
    each calendar week whose last session falls in `as_of`'s year, its last close against
    the last close before its Monday, as the brief's weekly change is measured (so the week
    of the first session of the year counts from the Friday before New Year)."""
    first = bars.first_session_of_year(as_of)
    assert first is not None  # the year to date is held, so its first session is
    monday = first.date - dt.timedelta(days=first.date.weekday())
    base = bars.previous_close(monday)
    weeks: dict[tuple[int, int], m.Session] = {}
    start = base if base is not None else first
    for s in bars.between(monday, as_of).sessions(start):
        weeks[s.date.isocalendar()[:2]] = s  # the week's last session so far
    changes: list[tuple[Decimal, dt.date]] = []
    close = start.value
    for s in weeks.values():
        changes.append((m.pct(s.close, close), s.date))
        close = s.close
    return max(changes, key=_FIRST_ITEM), min(changes, key=_FIRST_ITEM)


def _levels(
    entity: Entity, bars: Bars, last: m.Session, prev_week: Bars, trusted: bool
) -> list[Fact]:
    f = _Facts(entity, trusted)
    if not prev_week.empty:
        r = prev_week.extremes()
        f.level(
            "level",
            "prev_week_high",
            r.high.value,
            "prior week's intraday high",
            on=r.high.date,
            derivation=f"intraday high of the week before ({r.high.date})",
            fact_id=ids.level(entity.key, "prev_week_high"),
        )
        f.level(
            "level",
            "prev_week_low",
            r.low.value,
            "prior week's intraday low",
            on=r.low.date,
            derivation=f"intraday low of the week before ({r.low.date})",
            fact_id=ids.level(entity.key, "prev_week_low"),
        )
    highs, lows = bars.pivots(last.date, 65)
    above = [h for h in reversed(highs) if h.value > last.close][:2]
    below = [lo for lo in reversed(lows) if lo.value < last.close][:2]
    for i, ext in enumerate(above, 1):
        f.level(
            "level",
            f"swing_high_{i}",
            ext.value,
            f"recent swing high ({ext.date:%b %-d})",
            on=ext.date,
            derivation=f"swing high: highest high of the 7 sessions around {ext.date}",
            fact_id=ids.level(entity.key, f"swing_high_{i}"),
        )
    for i, ext in enumerate(below, 1):
        f.level(
            "level",
            f"swing_low_{i}",
            ext.value,
            f"recent swing low ({ext.date:%b %-d})",
            on=ext.date,
            derivation=f"swing low: lowest low of the 7 sessions around {ext.date}",
            fact_id=ids.level(entity.key, f"swing_low_{i}"),
        )
    below_round, above_round = m.round_levels(last.close)
    step = m.round_step(last.close)
    f.level(
        "level",
        "round_above",
        above_round,
        "nearest round number above the close",
        derivation=f"next multiple of {step} above the last close",
        places=0,
        fact_id=ids.level(entity.key, "round_above"),
    )
    f.level(
        "level",
        "round_below",
        below_round,
        "nearest round number below the close",
        derivation=f"multiple of {step} at or below the last close",
        places=0,
        fact_id=ids.level(entity.key, "round_below"),
    )
    return f.items


def brief_from_bars(
    subject: Entity,
    peers: tuple[Entity, ...],
    bars: Mapping[str, Bars],
    week_start: dt.date,
    week_end: dt.date,
    scheduled: tuple[dt.date, ...],
    source: str,
    fetched_at: dt.datetime,
    library_versions: dict[str, str],
    notes: tuple[str, ...] = (),
    *,
    trusted: bool = True,
    as_of: dt.date | None = None,
) -> WeeklyIndexBrief:
    """Every figure of the week for the subject and its peers (`bars` keyed by Yahoo symbol),
    from any `Bars` (`writer.series.Window`s on the fast path).

    `trusted` builds the facts without validating each (`trusted_fact`); the brief itself is
    validated either way (unique ids, the week, the provenance).  `as_of`, a session of the
    week: the brief of a daily wrap of that session, every figure as of its close (the week
    is the week to date; no later session is in it)."""
    all_notes = list(notes)
    full_week_end = week_end
    if as_of is not None:
        week_end = as_of
        scheduled = tuple(d for d in scheduled if d <= as_of)
    subject_bars = bars[subject.yahoo]
    week = subject_bars.between(week_start, week_end)
    prev = subject_bars.previous_close(week_start)
    if week.empty or prev is None:
        raise ValueError("brief_from_bars needs the week's bars and one session before it")
    facts, changes, days = _entity_facts(subject, subject_bars, week, prev, all_notes, trusted)
    happened = {s.date for s in days}
    for day in sorted(set(scheduled) - happened):
        all_notes.append(
            f"{subject.key}: no session on {day} in the data although the "
            "calendar scheduled one (unscheduled closure?)"
        )
    for day in sorted(happened - set(scheduled)):
        all_notes.append(
            f"{subject.key}: session on {day} in the data that the calendar did not schedule"
        )
    prev_week = subject_bars.between(
        week_start - dt.timedelta(days=7), week_start - dt.timedelta(days=1)
    )
    facts += _levels(subject, subject_bars, days[-1], prev_week, trusted)
    kept_peers = []
    for peer in peers:
        peer_bars = bars.get(peer.yahoo)
        peer_week = None if peer_bars is None else peer_bars.between(week_start, week_end)
        peer_prev = None if peer_bars is None else peer_bars.previous_close(week_start)
        if peer_bars is None or peer_week is None or peer_week.empty or peer_prev is None:
            all_notes.append(f"{peer.key}: left out (no data for the week)")
            continue
        kept_peers.append(peer)
        peer_facts, peer_changes, _ = _entity_facts(
            peer, peer_bars, peer_week, peer_prev, all_notes, trusted
        )
        facts += peer_facts
        f = _Facts(subject, trusted)
        for period, chg in changes.items():
            other = peer_changes.get(period)
            if other is None:
                continue
            when = "the week" if period == "week" else f"{dt.date.fromisoformat(period):%a %b %-d}"
            f.add(
                "spread_pp",
                period,
                chg.percent - other.percent,
                Unit.PERCENTAGE_POINTS,
                f"minus {peer.name}, percent change on {when}",
                signed=True,
                versus=peer.key,
                fact_id=ids.spread(subject.key, peer.key, period),
            )
        facts += f.items
    return WeeklyIndexBrief(
        subject=subject,
        peers=tuple(kept_peers),
        week=Week(
            start=week_start,
            end=full_week_end,
            sessions=tuple(s.date for s in days),
            previous_session=prev.date,
            scheduled_sessions=scheduled,
            as_of=as_of,
        ),
        facts=tuple(facts),
        provenance=Provenance(
            source=source,
            fetched_at=fetched_at,
            data_start=min(b.first_date() for b in bars.values() if not b.empty),
            data_end=max(b.last_date() for b in bars.values() if not b.empty),
            library_versions=library_versions,
            notes=tuple(all_notes),
        ),
    )
