"""Verdicts for figures: score the brief's facts against what a figure was bound to.

The facts consistent with every bound attribute (entity, period, metric, unit) are the
candidates.  If one of them fits the written value (numfmt tolerances, hedge included, sign
agreeing with the sign or direction word) the figure is verified.  Inherited attributes are a
guess about context, so a fit that needs one of them dropped still verifies.  Otherwise a fit
with a fact that differs in exactly one explicit attribute is `misattributed` (it names the
fact); a figure whose attributes pick out candidates that it does not fit is a `mismatch`
(the closest candidate's value is the expected text); with no candidate it is `unsupported`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from factcheck import ids
from factcheck.bind import Binding, is_outside
from factcheck.brief import Fact, WeeklyIndexBrief
from factcheck.diagnose import wrong_base
from factcheck.document import Figure
from factcheck.numfmt import (
    LEVEL_SCALE,
    LEVEL_TRUNCATION_MIN,
    Hedge,
    Unit,
    format_value,
    point_change_matches,
    round_half_even,
    round_half_up,
    truncates_to,
    written_matches,
)
from factcheck.report import Status
from factcheck.rules import (
    CHANGE_BASE,
    DISTANCE_FROM_LEVEL,
    FIGURE_ATTRIBUTION,
    FIGURE_DIRECTION,
    FIGURE_UNSETTLED,
    FIGURE_VALUE,
    OUTSIDE_BRIEF,
    Rule,
)

_EXTREMES: Final = frozenset({"high", "low", "close_high", "close_low"})


# Enum members read once per figure and candidate: module constants are static in the
# compiled build, where `Hedge.EXACT` is a class attribute lookup each time.
_EXACT: Final = Hedge.EXACT
_VERIFIED: Final = Status.VERIFIED

#: Written decimals for which exact matches are precomputed (more fall back to numfmt).
_PRECOMPUTED_PLACES: Final = 6


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


@dataclass(slots=True)  # not frozen: one per figure, and frozen init is slower
class Verdict:
    status: Status
    fact: Fact | None
    expected: str | None
    message: str
    rule: Rule  # the registry entry that decided it (`factcheck.rules`)


def fact_tokens(
    fact: Fact, brief: WeeklyIndexBrief, last_by_entity: dict[str, dt.date]
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
    elif period == "mtd":
        tokens.add("mtd")
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

    def __init__(self, brief: WeeklyIndexBrief) -> None:
        self.brief = brief
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
        self.dates: set[dt.date] = set(brief.week.sessions) | {brief.week.previous_session}
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


def _sign(fig: Figure, b: Binding) -> int:
    return fig.sign or b.direction


def fits(item: IndexedFact, fig: Figure, b: Binding) -> tuple[bool, bool]:
    """(the magnitude fits, the sign agrees) for a figure against one fact."""
    exact = fig.hedge is _EXACT and fig.decimals <= _PRECOMPUTED_PLACES
    if item.signed:
        if exact:
            mag = fig.magnitude in item.exact(fig.decimals)
            if not mag and item.metric == "change_pts":
                # the difference of two closes, each rounded by its source
                mag = point_change_matches(abs(item.value), fig.magnitude, fig.decimals)
        else:
            mag = written_matches(abs(item.value), fig.magnitude, fig.decimals, fig.hedge)
        sign = _sign(fig, b)
        if sign == 0 or item.rounds_to_zero(max(fig.decimals, 0)):
            return mag, True
        return mag, (item.value > 0) == (sign > 0)
    if exact:
        if fig.magnitude in item.exact(fig.decimals):
            return True, True
        # "to settle at 25,630" for 25,630.54: a level written whole is often cut, not
        # rounded; a point off either way is still wrong
        whole = fig.decimals == 0 and fig.magnitude >= LEVEL_TRUNCATION_MIN
        said_close = b.metrics is not None and b.metrics <= _CLOSE_WORDS
        cut = whole and said_close and item.metric == "close"
        return cut and truncates_to(item.value, fig.magnitude), True
    return written_matches(item.value, fig.magnitude, fig.decimals, fig.hedge), True


def _entity_ok(item: IndexedFact, b: Binding, explicit_only: bool) -> bool:
    if b.entity is None or (explicit_only and b.entity_inherited):
        return True
    if item.fact.entity != b.entity:
        return False
    return not (b.versus and item.fact.versus is not None and item.fact.versus not in b.versus)


def _period_ok(item: IndexedFact, b: Binding, explicit_only: bool) -> bool:
    if item.fact.metric == "level" and b.metrics is not None and "level_round" in b.metrics:
        return True  # support/resistance levels hold whatever day the sentence is about
    periods = b.periods if (b.periods or explicit_only) else b.periods_inherited
    return periods <= item.tokens


def _metric_ok(item: IndexedFact, b: Binding) -> bool:
    return b.metrics is None or item.metric in b.metrics


def _consistent(items: list[IndexedFact], b: Binding) -> list[IndexedFact]:
    """The items with `_entity_ok(i, b, False) and _period_ok(i, b, False) and
    _metric_ok(i, b)`, with the three tests inlined: this runs for every figure over every
    candidate, and the calls cost more than the comparisons."""
    entity, versus, metrics = b.entity, b.versus, b.metrics
    any_level = metrics is not None and "level_round" in metrics
    periods = b.periods or b.periods_inherited
    out = []
    for item in items:
        if entity is not None and (
            item.entity != entity
            or (versus and item.versus is not None and item.versus not in versus)
        ):
            continue
        if not (any_level and item.fact.metric == "level") and not periods <= item.tokens:
            continue
        if metrics is not None and item.metric not in metrics:
            continue
        out.append(item)
    return out


def _differences(item: IndexedFact, b: Binding) -> list[str]:
    out = []
    other_entity = b.entity is not None and not b.entity_inherited and item.fact.entity != b.entity
    other_peer = (
        bool(b.versus) and item.fact.versus is not None and (item.fact.versus not in b.versus)
    )
    if other_entity or other_peer:
        out.append("entity")
    if b.periods and not b.periods <= item.tokens:
        out.append("period")
    if b.metrics is not None and item.metric not in b.metrics:
        out.append("metric")
    return out


def expected_text(fact: Fact, fig: Figure) -> str:
    """The fact written the way the article wrote the figure (sign style and unit word)."""
    if fact.unit is Unit.COUNT:
        return format_value(
            abs(fact.value) if not fig.sign else fact.value, fact.unit, 0, signed=bool(fig.sign)
        )
    signed = fig.sign != 0 and fact.signed
    value = fact.value if signed else abs(fact.value) if fact.signed else fact.value
    text = format_value(value, fact.unit, fact.precision, signed=signed)
    if fact.unit is Unit.POINTS and fig.kind == "points" and not text.endswith("points"):
        text += " points"
    if fact.unit is Unit.POINTS and fig.kind != "points" and text.endswith(" points"):
        text = text[: -len(" points")]
    return text


#: Which candidate a figure is most likely about when several fit its words: the plain
#: figure ("closed the week at" is the last close) before an extreme or a level that
#: happens to share its period.
_METRIC_RANK: Final = {
    "close_high": 1,
    "close_low": 1,
    "from_close_high_pct": 1,
    "from_close_low_pct": 1,
    "level_high": 2,
    "level_low": 2,
    "level_round": 2,
}


def _closest(items: list[IndexedFact], fig: Figure, b: Binding) -> IndexedFact:
    sign = _sign(fig, b) or 1

    def key(item: IndexedFact) -> tuple[int, Decimal]:
        value = item.fact.value
        written = fig.magnitude * sign if item.fact.signed else fig.magnitude
        return _METRIC_RANK.get(item.metric, 0), abs(value - written)

    return min(items, key=key)


def _day_tokens(tokens: frozenset[str]) -> set[str]:
    return {t for t in tokens if t.startswith("d:") or t == "week"}


_ERRORS: Final = frozenset({Status.MISMATCH, Status.MISATTRIBUTED})
_CLOSE_EXTREMES: Final = frozenset({"close_high", "close_low"})


def judge(index: FactIndex, fig: Figure, b: Binding) -> Verdict:
    """The verdict for one figure (see the module docstring for the order of the rules).

    An error needs to know what the figure is about.  A misfit whose binding is a guess (see
    `_guess`) is only `unsupported`; a misfit that a known wrong base explains says so."""
    _points_are_a_change(index, fig, b)
    _entity_by_scale(index, fig, b)
    _levels_are_not_changes(index, fig, b)
    if (
        fig.kind == "number"
        and b.metrics is None
        and fig.hedge is _EXACT
        and not any(
            close / _SCALE_FACTOR**3 <= fig.magnitude <= close * _SCALE_FACTOR**3
            for close in index.last_close.values()
        )
    ):
        # "1, 1, 1": no metric word and no index trades anywhere near it; what a misfit
        # would conclude (see `_guess`), without scoring every level of the brief
        return _NOT_SAID
    verdict = _judge(index, fig, b)
    if (
        verdict.status is _VERIFIED
        and b.direction_adjacent
        and fig.sign
        and b.direction
        and fig.sign != b.direction
        and verdict.fact is not None
    ):
        # "lost +2.38%": the figure is right and the word beside it says the opposite; a
        # reader takes the word, so the sentence is wrong either way
        return Verdict(
            Status.MISMATCH,
            verdict.fact,
            verdict.fact.display,
            f"wrong direction ({b.direction_from!r} beside a {'+' if fig.sign > 0 else '-'} "
            f"sign): {verdict.fact.label} is {verdict.fact.display}",
            FIGURE_DIRECTION,
        )
    if verdict.status is not _VERIFIED and b.gap_to is not None:
        gap = _gap_verdict(index, fig, b, verdict)
        if gap is not None:
            return gap
    if verdict.status not in _ERRORS:
        return verdict
    diagnosed = _diagnosed(index, fig, b)
    if diagnosed is not None and not b.entity_guessed:
        return diagnosed
    if b.metrics is not None and b.metrics <= _CLOSE_EXTREMES:
        # "a run to a record close of 8,757.20": a close that is also an extreme is a close
        again = _judge(index, fig, b.with_metrics(b.metrics | {"close"}))
        if again.status is Status.VERIFIED:
            return again
    reason = _guess(fig, b, verdict)
    if reason is not None:
        return Verdict(
            Status.UNSUPPORTED,
            verdict.fact,
            verdict.expected,
            f"{reason}; {verdict.message}",
            FIGURE_UNSETTLED,
        )
    return verdict


def _gap_verdict(index: FactIndex, fig: Figure, b: Binding, verdict: Verdict) -> Verdict | None:
    """ "8.18% below the 2,442.03 close it reached on Nov. 25": a distance from a level the
    article states is the close (the week's last, or a session the sentence names) measured
    against that level.  When it fits, the figure is verified; when it does not, it is wrong
    if the brief holds the level, and nothing settles it if the brief does not."""
    level = b.gap_to
    if level is None or b.entity is None or is_outside(b.entity) or level.magnitude <= 0:
        return None
    closes = [index.last_close_fact.get(b.entity)]
    closes += [
        index.brief.get(ids.session(b.entity, "close", t[2:]))
        for t in b.periods
        if t.startswith("d:")
    ]
    known = [
        item.fact.value
        for item in index.by_entity["level"].get(b.entity, [])
        if written_matches(item.fact.value, level.magnitude, level.decimals, _EXACT)
    ]
    for close in closes:
        if close is None:
            continue
        for base in (level.magnitude, *known):
            pct = fig.kind == "percent"
            gap = (close.value / base - 1) * 100 if pct else close.value - base
            side = b.gap_side or fig.sign or b.direction
            if side and (gap > 0) - (gap < 0) != side:
                continue
            if written_matches(abs(gap), fig.magnitude, fig.decimals, fig.hedge):
                where = "above" if gap > 0 else "below"
                return Verdict(
                    _VERIFIED,
                    close,
                    close.display,
                    f"{close.label} ({close.display}) is {fig.text.strip()} {where} "
                    f"{level.text.strip()}",
                    DISTANCE_FROM_LEVEL,
                )
    close = closes[0]
    if known and close is not None and not b.entity_guessed:
        side = b.gap_side or fig.sign or b.direction
        where = "above" if side > 0 else "below" if side < 0 else "from"
        return Verdict(
            Status.MISMATCH,
            close,
            None,
            f"{close.label} is {close.display}, which is not {fig.text.strip()} {where} "
            f"{level.text.strip()}",
            DISTANCE_FROM_LEVEL,
        )
    if verdict.status not in _ERRORS:
        return None
    return Verdict(
        Status.UNSUPPORTED,
        verdict.fact,
        verdict.expected,
        f"measured from {level.text.strip()}, a level the brief does not hold; {verdict.message}",
        DISTANCE_FROM_LEVEL,
    )


_NOT_SAID: Final = Verdict(
    Status.UNSUPPORTED,
    None,
    None,
    "the article does not say what figure this is, and no index in the brief trades near it",
    FIGURE_UNSETTLED,
)


def _points_are_a_change(index: FactIndex, fig: Figure, b: Binding) -> None:
    """ "finished the week 43.6 points higher": a figure in points far below any level of
    its index is a change, whatever level word ("finished", "closed") the sentence has."""
    if fig.kind != "points" or b.metrics is None or "change_pts" in b.metrics:
        return
    if b.entity is None or is_outside(b.entity):
        return
    close = index.last_close.get(b.entity)
    if close is not None and fig.magnitude < close / 2:
        b.metrics = frozenset({"change_pts"})


#: What "closed at", "settled at" bind a figure to: a close written whole may be cut.
_CLOSE_WORDS: Final = frozenset({"close", "close_high", "close_low"})
#: Periods that are spans, not sessions: named for a figure, they say which it is.
_SPAN_TOKENS: Final = frozenset({"week", "ytd", "mtd", "52w", "prev"})
_CLOSE_LEVELS: Final = frozenset({"close", "close_high", "close_low"})


def _levels_are_not_changes(index: FactIndex, fig: Figure, b: Binding) -> None:
    """ "rose 0.78% to 19,075.26 points": a figure at its own index's scale is the level the
    move ended at, whatever change word bound it; no index moves by three quarters of its
    level in the periods a brief holds."""
    if fig.kind not in ("number", "points") or b.metrics is None or b.metrics != _CHANGE_PTS:
        return
    if b.entity is None or is_outside(b.entity) or fig.hedge is not _EXACT:
        return
    close = index.last_close.get(b.entity)
    if close is not None and close / _SCALE_FACTOR <= fig.magnitude <= close * _SCALE_FACTOR:
        b.metrics = _CLOSE_LEVELS


_CHANGE_PTS: Final = frozenset({"change_pts"})


_SCALE_FACTOR: Final = LEVEL_SCALE


def _entity_by_scale(index: FactIndex, fig: Figure, b: Binding) -> None:
    """ "Resistance: 16,000 and 16,092.02" in a story on the S&P 500 and the Nasdaq: when
    the index a price level was bound to is not stated and its prices are nowhere near the
    figure, the one index whose prices are is what the figure is about."""
    if fig.kind != "number" or not (b.entity_guessed or b.entity_inherited):
        return
    if b.metrics is not None and "change_pts" in b.metrics:
        return
    if fig.magnitude <= 0:
        return
    near = [
        e
        for e, close in index.last_close.items()
        if close / _SCALE_FACTOR <= fig.magnitude <= close * _SCALE_FACTOR
    ]
    if len(near) == 1 and near[0] != b.entity:
        # only that index trades near the figure: as good as named
        b.entity, b.entity_guessed, b.entity_inherited = near[0], False, False
    elif len(near) == 1:
        b.entity_guessed = False


def _guess(fig: Figure, b: Binding, verdict: Verdict) -> str | None:
    """Why a figure the data does not fit may be about something else than it was bound to
    (None when the binding is stated enough for an error)."""
    if b.entity_guessed:
        return "the article does not say which index this is"
    if b.metrics is None and fig.kind == "number":
        return "the article does not say what figure this is"
    if b.metrics is not None and "none" in b.metrics:
        return "the brief holds no such figure"
    if "none" in b.periods:
        return "the brief holds no figure for the span it names"
    if b.beyond_data:
        return "it may lie beyond the 52 weeks the brief holds"
    if b.unknown_date is not None:
        return f"it is about {b.unknown_date}, a day the brief holds no figures for"
    if b.metrics is not None and "level_round" in b.metrics:
        return "a level the brief does not list"
    if (
        fig.kind == "number"
        and fig.decimals == 0
        and fig.magnitude >= 1000
        and fig.magnitude % 100 == 0
    ):
        return "a round number, which the data does not settle"
    if (
        verdict.status is Status.MISATTRIBUTED
        and verdict.message.startswith("wrong period")
        and b.sessions_named >= 2
        and not (b.periods and b.periods <= _SPAN_TOKENS)
    ):
        # which of the sessions named is the figure's; a span named for the figure itself
        # ("up 1.26% year to date") is not in doubt
        return "the sentence names several sessions"
    return None


def _diagnosed(index: FactIndex, fig: Figure, b: Binding) -> Verdict | None:
    """A wrong weekly or year-to-date change that a known wrong base explains."""
    if b.entity is None or is_outside(b.entity):
        return None
    periods = b.periods or b.periods_inherited
    period = "week" if "week" in periods else "ytd" if "ytd" in periods else None
    if period is None:
        return None
    if fig.kind == "percent":
        metric = "change_pct"
    elif fig.kind == "points" or (b.metrics is not None and "change_pts" in b.metrics):
        metric = "change_pts"
    else:
        return None
    target = index.brief.get(f"{b.entity}.{period}.{metric}")
    if target is None:
        return None
    why = wrong_base(index.brief, fig, target, _sign(fig, b))
    if why is None:
        return None
    return Verdict(Status.MISMATCH, target, expected_text(target, fig), why, CHANGE_BASE)


def _judge(index: FactIndex, fig: Figure, b: Binding) -> Verdict:
    if is_outside(b.entity):
        assert b.entity is not None
        return Verdict(
            Status.UNSUPPORTED,
            None,
            None,
            f"about {b.entity[1:]}, which the brief does not cover",
            OUTSIDE_BRIEF,
        )
    if index.group(fig, b) is None:
        return Verdict(
            Status.UNSUPPORTED,
            None,
            None,
            f"no {fig.kind.replace('_', ' ')} figure in the brief can settle this",
            FIGURE_UNSETTLED,
        )
    periods = b.periods or b.periods_inherited
    full = _consistent(index.narrowed(fig, b, b.entity, periods), b)
    sign_wrong: IndexedFact | None = None
    inherited_day: set[str] = set()  # only pass 1 needs it: computed there
    conflict: IndexedFact | None = None
    explicit = full
    for pass_no in (0, 1):
        if pass_no == 1:
            if (
                not b.periods
                and (b.metrics is None or "level_round" not in b.metrics)
                and b.entity not in index.other_calendar
            ):
                # a session inherited from the sentence before ("On Tuesday, ... It closed
                # at ...") says which day; an inherited "week", or a day on another
                # exchange's calendar ("overnight on Wall Street"), does not
                inherited_day = _day_tokens(b.periods_inherited) - {"week"}
            # only when nothing fits: drop the inherited attributes (computed lazily)
            if b.entity_inherited:
                explicit = [
                    i
                    for i in index.narrowed(fig, b, None, b.periods)
                    if _entity_ok(i, b, True) and _period_ok(i, b, True) and _metric_ok(i, b)
                ]
            elif b.periods_inherited and not b.periods:
                explicit = [
                    i
                    for i in index.pool(fig, b, b.entity)
                    if _entity_ok(i, b, True) and _metric_ok(i, b)
                ]
            else:
                break
        group = full if pass_no == 0 else explicit
        for item in group:
            mag, sign = fits(item, fig, b)
            if mag and sign:
                if pass_no == 1 and (
                    (
                        inherited_day
                        and (days := _day_tokens(item.tokens))
                        and not days & inherited_day
                        and (item.fact.period[:1].isdigit() or item.fact.period == "week")
                    )
                    or (b.entity_inherited and item.fact.entity != b.entity)
                ):
                    # true of another session / entity than the context named
                    conflict = conflict or item
                    continue
                return Verdict(
                    _VERIFIED, item.fact, item.fact.display, item.fact.label, FIGURE_VALUE
                )
            if mag and sign_wrong is None:
                sign_wrong = item
    if conflict is not None:
        # true of another session (or index) than the one the sentence before was about:
        # what the figure is about was inherited, so this is a likely slip, not a stated one
        target = _closest(full, fig, b).fact if full else None
        what = "index" if conflict.fact.entity != b.entity else "day"
        return Verdict(
            Status.UNSUPPORTED,
            target or conflict.fact,
            expected_text(target, fig) if target else None,
            f"the sentence names no {what}, and {fig.text.strip()} is the "
            f"{conflict.fact.label} ({conflict.fact.display}), not of the {what} the text "
            "before was about",
            FIGURE_UNSETTLED,
        )
    if sign_wrong is not None:
        f = sign_wrong.fact
        word = f" ({b.direction_from!r})" if b.direction_from and not fig.sign else ""
        # the figure is right and its direction is not: expect the signed display
        return Verdict(
            Status.MISMATCH,
            f,
            f.display if not fig.sign else expected_text(f, fig),
            f"wrong direction{word}: {f.label} is {f.display}",
            FIGURE_DIRECTION,
        )
    others = []
    for item in index.pool(fig, b):
        mag, sign = fits(item, fig, b)
        if mag and sign:
            diff = _differences(item, b)
            if len(diff) == 1:
                others.append((item, diff[0]))
    if others:
        item, what = others[0]
        target = _closest(full or explicit, fig, b).fact if (full or explicit) else None
        claimed = f"; {target.label} is {expected_text(target, fig)}" if target else ""
        return Verdict(
            Status.MISATTRIBUTED,
            target or item.fact,
            expected_text(target, fig) if target else None,
            f"wrong {what}: {fig.text.strip()} is the {item.fact.label} "
            f"({item.fact.display}){claimed}",
            FIGURE_ATTRIBUTION,
        )
    candidates = full or explicit
    if candidates:
        item = _closest(candidates, fig, b)
        if not full and b.entity_inherited and item.fact.entity != b.entity:
            # the figure's index was inherited and has no such fact: another index's fact
            # cannot make it wrong
            return Verdict(
                Status.UNSUPPORTED,
                item.fact,
                expected_text(item.fact, fig),
                f"no such figure for {b.entity} in the brief; {item.fact.label} is "
                f"{item.fact.display}",
                FIGURE_UNSETTLED,
            )
        return Verdict(
            Status.MISMATCH,
            item.fact,
            expected_text(item.fact, fig),
            f"{item.fact.label} is {item.fact.display}",
            FIGURE_VALUE,
        )
    return Verdict(
        Status.UNSUPPORTED,
        None,
        None,
        "no fact in the brief matches what this figure is said to be",
        FIGURE_UNSETTLED,
    )
