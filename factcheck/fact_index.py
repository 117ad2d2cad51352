"""The brief's facts indexed for matching: each fact with the period tokens it answers to
(`fact_tokens`) and what matching reads of it copied into plain fields (`IndexedFact`), grouped
by the kind of figure that can cite it, by index and by period token (`FactIndex`).  Built
once per brief; `factcheck.match` scores a figure against the candidates it hands out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from factcheck.bind import Binding
from factcheck.brief import Fact, IndexBrief
from factcheck.diagnose import Bases
from factcheck.document import Figure
from factcheck.numfmt import Unit, round_half_even, round_half_up

_EXTREMES: Final = frozenset({"high", "low", "close_high", "close_low"})


@dataclass(slots=True)  # not frozen: built ~170 times per brief, and frozen init is slow
class IndexedFact:
    """A fact with what matching reads of it for every candidate figure copied into plain
    fields (reading a pydantic model's attribute costs a dict lookup each time)."""

    fact: Fact
    tokens: frozenset[str]
    metric: str  # the fact's metric, with levels split by kind (see `metric_of`)
    entity: str
    versus: str | None
    value: Decimal
    signed: bool
    #: decimals -> the values an exact figure may be written as (the magnitude for signed
    #: facts), half-up and half-even: numfmt.rounds_to, filled in lazily
    rounded: dict[int, frozenset[Decimal]]
    #: decimals -> does the value round (half-up) to zero there, filled in lazily
    zero: dict[int, bool]

    def exact(self, decimals: int) -> frozenset[Decimal]:
        cached = self.rounded.get(decimals)
        if cached is None:
            target = abs(self.value) if self.signed else self.value
            cached = frozenset((round_half_up(target, decimals), round_half_even(target, decimals)))
            self.rounded[decimals] = cached
        return cached

    def rounds_to_zero(self, decimals: int) -> bool:
        cached = self.zero.get(decimals)
        if cached is None:
            cached = self.zero[decimals] = round_half_up(self.value, decimals) == 0
        return cached


def indexed(fact: Fact, tokens: frozenset[str]) -> IndexedFact:
    return IndexedFact(
        fact, tokens, metric_of(fact), fact.entity, fact.versus, fact.value, fact.signed, {}, {}
    )


def metric_of(fact: Fact) -> str:
    """`level_high` / `level_low` / `level_round` for levels, else the fact's metric."""
    if fact.metric != "level":
        return fact.metric
    if fact.period.startswith("round"):
        return "level_round"
    return "level_high" if "high" in fact.period else "level_low"


def fact_tokens(
    fact: Fact, brief: IndexBrief, last_by_entity: dict[str, dt.date]
) -> frozenset[str]:
    """Period tokens a fact answers to (see `factcheck.bind`)."""
    tokens: set[str] = set()
    period = fact.period
    if len(period) == 10 and period[4] == "-":
        day = dt.date.fromisoformat(period)
        tokens.add(f"d:{period}")
        if brief.week.start <= day <= brief.week.end:
            tokens.add("anyday")
        if day == brief.week.previous_session:
            tokens.add("prev")
        elif day < brief.week.start:
            tokens.add("ytd")
        if day == last_by_entity.get(fact.entity) and fact.metric == "close":
            tokens.add("week")
    elif period in ("week", "52w", "ytd", "50d", "200d"):
        tokens.add(period)
        if fact.metric in _EXTREMES and fact.on is not None:
            tokens.add(f"d:{fact.on.isoformat()}")
            tokens.add(f"mon:{fact.on.month}")
    elif period in ("weekly", "daily", "weekly_prev"):
        tokens.add({"weekly": "week", "daily": "daily", "weekly_prev": "prev"}[period])
    elif period == "prev_week":
        tokens.add("prev")
    elif period in ("mtd", "qtd"):
        tokens.add(period)
    else:  # levels
        tokens.add("level")
        if period.startswith("prev_week"):
            tokens.add("prev")
        if fact.on is not None:
            tokens.add(f"d:{fact.on.isoformat()}")
            tokens.add(f"mon:{fact.on.month}")
    return frozenset(tokens)


class FactIndex:
    """The brief's facts grouped by the kind of figure that can cite them."""

    def __init__(
        self, brief: IndexBrief, bases: Bases, days: frozenset[dt.date] = frozenset()
    ) -> None:
        """`bases`: the likely wrong bases of a change (`factcheck.genres.Genre.bases`);
        `days`: dates the brief vouches for besides its sessions (`Genre.days`)."""
        self.brief = brief
        self.bases = bases
        last: dict[str, dt.date] = {}
        for f in brief.facts:
            if f.metric == "close" and f.on is not None and brief.week.start <= f.on:
                last[f.entity] = max(last.get(f.entity, f.on), f.on)
        self.groups: dict[str, list[IndexedFact]] = {
            "percent": [],
            "points": [],
            "level": [],
            "signed_points": [],
            "percentage_points": [],
            "count": [],
        }
        #: the genre's days (`Genre.days`), apart: no other week's for `dates.wrong_week`
        self.vouched = days
        self.dates: set[dt.date] = set(brief.week.sessions) | {brief.week.previous_session} | days
        #: each entity's last close of the week (what tells a level from a change)
        self.last_close: dict[str, Decimal] = {}
        self.last_close_fact: dict[str, Fact] = {}
        for f in brief.facts:
            if f.metric == "close" and f.on is not None and f.on == last.get(f.entity):
                self.last_close[f.entity] = f.value
                self.last_close_fact[f.entity] = f
        #: entities that trade on another exchange's calendar than the subject's
        self.other_calendar: frozenset[str] = frozenset(
            e.key for e in brief.peers if e.calendar != brief.subject.calendar
        )
        for f in brief.facts:
            item = indexed(f, fact_tokens(f, brief, last))
            if f.on is not None:
                self.dates.add(f.on)
            if len(f.period) == 10 and f.period[4] == "-":
                self.dates.add(dt.date.fromisoformat(f.period))
            if f.unit is Unit.PERCENT:
                self.groups["percent"].append(item)
            elif f.unit is Unit.POINTS:
                self.groups["points"].append(item)
                self.groups["signed_points" if f.signed else "level"].append(item)
            elif f.unit is Unit.PERCENTAGE_POINTS:
                self.groups["percentage_points"].append(item)
            elif f.unit is Unit.COUNT:
                self.groups["count"].append(item)

        self.by_entity: dict[str, dict[str, list[IndexedFact]]] = {}
        for name, items in self.groups.items():
            grouped: dict[str, list[IndexedFact]] = {}
            for item in items:
                grouped.setdefault(item.entity, []).append(item)
            self.by_entity[name] = grouped
        #: (group, entity or "*", period token) -> facts: most figures have a period bound,
        #: so candidates come from one short list instead of the whole brief.  Filled on
        #: first use: an article asks for a few dozen of the brief's ~600 combinations.
        self.by_token: dict[tuple[str, str, str], list[IndexedFact]] = {}

    def narrowed(
        self, fig: Figure, b: Binding, entity: str | None, periods: frozenset[str]
    ) -> list[IndexedFact]:
        """`pool` cut down by one of the required period tokens (a superset of the matches)."""
        name = self.group(fig, b)
        if name is None:
            return []
        if not periods or (b.metrics is not None and "level_round" in b.metrics):
            return self.pool(fig, b, entity)
        token = next(iter(periods))
        key = (name, entity or "*", token)
        hit = self.by_token.get(key)
        if hit is None:
            pool = self.groups[name] if entity is None else self.by_entity[name].get(entity, [])
            hit = self.by_token[key] = [item for item in pool if token in item.tokens]
        return hit

    def group(self, fig: Figure, b: Binding) -> str | None:
        """Which facts a figure of this kind can cite."""
        if fig.kind in ("percent", "points", "percentage_points"):
            return fig.kind
        if fig.kind == "number":
            if b.metrics is not None and "change_pts" in b.metrics:
                return "signed_points"
            return "level"
        return None

    def pool(self, fig: Figure, b: Binding, entity: str | None = None) -> list[IndexedFact]:
        name = self.group(fig, b)
        if name is None:
            return []
        if entity is not None:
            return self.by_entity[name].get(entity, [])
        return self.groups[name]
