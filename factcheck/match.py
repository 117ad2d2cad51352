"""Verdicts for figures: score the brief's facts against what a figure was bound to.

The facts consistent with every bound attribute (entity, period, metric, unit) are the
candidates.  If one of them fits the written value (numfmt tolerances, hedge included, sign
agreeing with the sign or direction word) the figure is verified.  Inherited attributes are a
guess about context, so a fit that needs one of them dropped still verifies.  Otherwise a fit
with a fact that differs in exactly one explicit attribute is `misattributed` (it names the
fact); a figure whose attributes pick out candidates that it does not fit is a `mismatch`
(the closest candidate's value is the expected text); with no candidate it is `unsupported`.

The candidates come from `factcheck.fact_index`, built once per brief.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from factcheck import ids
from factcheck.bind import Binding, is_outside
from factcheck.brief import Fact
from factcheck.diagnose import wrong_base
from factcheck.document import Figure
from factcheck.fact_index import FactIndex, IndexedFact
from factcheck.numfmt import (
    LEVEL_SCALE,
    LEVEL_TRUNCATION_MIN,
    Hedge,
    Unit,
    format_value,
    point_change_matches,
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

# Enum members read once per figure and candidate: module constants are static in the
# compiled build, where `Hedge.EXACT` is a class attribute lookup each time.
_EXACT: Final = Hedge.EXACT
_VERIFIED: Final = Status.VERIFIED

#: Written decimals for which exact matches are precomputed (more fall back to numfmt).
_PRECOMPUTED_PLACES: Final = 6


@dataclass(slots=True)  # not frozen: one per figure, and frozen init is slower
class Verdict:
    status: Status
    fact: Fact | None
    expected: str | None
    message: str
    rule: Rule  # the registry entry that decided it (`factcheck.rules`)


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
_SPAN_TOKENS: Final = frozenset({"week", "ytd", "qtd", "mtd", "52w", "prev"})
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
        # "closed above 2,300", "closed at about 3,000": a relation or a bounded hedge the
        # data settles; a bare round number may be a level to watch
        and fig.hedge not in (Hedge.ABOVE, Hedge.BELOW, Hedge.APPROXIMATE)
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
    found = index.bases(index.brief, target)
    why = None if found is None else wrong_base(*found, fig, target, _sign(fig, b))
    if why is None:
        return None
    return Verdict(Status.MISMATCH, target, expected_text(target, fig), why, CHANGE_BASE)


def _judge(index: FactIndex, fig: Figure, b: Binding) -> Verdict:
    """The rules of the module docstring, in order: a figure about something outside the
    brief, or of a kind no fact has, is unsupported; a fact that fits verifies (those
    consistent with every bound attribute first, then, only when none fits, those
    consistent with the explicit ones); a fit true of another day or index than the one
    inherited from context is unsupported; a fit in size but not sign is a wrong direction;
    a fit with a fact differing in exactly one attribute is misattributed; else the closest
    candidate makes it a mismatch, and with no candidate it is unsupported."""
    unsettled = _outside_the_brief(index, fig, b)
    if unsettled is not None:
        return unsettled
    periods = b.periods or b.periods_inherited
    full = _consistent(index.narrowed(fig, b, b.entity, periods), b)
    found = _fit(index, fig, b, full)
    if found.verdict is not None:
        return found.verdict
    if found.conflict is not None:
        return _fits_another_context(fig, b, full, found.conflict)
    if found.sign_wrong is not None:
        return _wrong_direction(fig, b, found.sign_wrong)
    misattributed = _misattributed(index, fig, b, full or found.explicit)
    if misattributed is not None:
        return misattributed
    return _closest_misfit(fig, b, full, found.explicit)


def _outside_the_brief(index: FactIndex, fig: Figure, b: Binding) -> Verdict | None:
    """Unsupported when the figure is about something the brief does not cover, or is of a
    kind (with the metric bound) that no fact of the brief has."""
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
    return None


@dataclass(slots=True)
class _Fit:
    """What scoring the candidates found: the verdict when one fits, else the first that
    fits in size but not sign, the first that fits but is true of another context than the
    inherited one, and the candidates of the explicit attributes alone."""

    verdict: Verdict | None
    sign_wrong: IndexedFact | None
    conflict: IndexedFact | None
    explicit: list[IndexedFact]


def _fit(index: FactIndex, fig: Figure, b: Binding, full: list[IndexedFact]) -> _Fit:
    """Pass 0 scores `full` (consistent with every bound attribute); pass 1, only when
    nothing fits and something was inherited, the facts consistent with the explicit
    attributes alone."""
    sign_wrong: IndexedFact | None = None
    for item in full:
        mag, sign = fits(item, fig, b)
        if mag and sign:
            return _Fit(_verified(item), None, None, full)
        if mag and sign_wrong is None:
            sign_wrong = item
    # a session inherited from the sentence before ("On Tuesday, ... It closed at ...") says
    # which day; an inherited "week", or a day on another exchange's calendar ("overnight
    # on Wall Street"), does not
    inherited_day: set[str] = set()
    if (
        not b.periods
        and (b.metrics is None or "level_round" not in b.metrics)
        and b.entity not in index.other_calendar
    ):
        inherited_day = _day_tokens(b.periods_inherited) - {"week"}
    explicit = _explicit_only(index, fig, b)
    if explicit is None:
        return _Fit(None, sign_wrong, None, full)
    conflict: IndexedFact | None = None
    for item in explicit:
        mag, sign = fits(item, fig, b)
        if mag and sign:
            if _another_context(item, b, inherited_day):
                # true of another session / entity than the context named
                conflict = conflict or item
                continue
            return _Fit(_verified(item), None, None, explicit)
        if mag and sign_wrong is None:
            sign_wrong = item
    return _Fit(None, sign_wrong, conflict, explicit)


def _verified(item: IndexedFact) -> Verdict:
    return Verdict(_VERIFIED, item.fact, item.fact.display, item.fact.label, FIGURE_VALUE)


def _explicit_only(index: FactIndex, fig: Figure, b: Binding) -> list[IndexedFact] | None:
    """The candidates with the inherited attributes dropped (None when nothing was
    inherited: then there is no second pass)."""
    if b.entity_inherited:
        return [
            i
            for i in index.narrowed(fig, b, None, b.periods)
            if _entity_ok(i, b, True) and _period_ok(i, b, True) and _metric_ok(i, b)
        ]
    if b.periods_inherited and not b.periods:
        return [
            i for i in index.pool(fig, b, b.entity) if _entity_ok(i, b, True) and _metric_ok(i, b)
        ]
    return None


def _another_context(item: IndexedFact, b: Binding, inherited_day: set[str]) -> bool:
    """Whether a fact that fits is of another session than the inherited day, or of another
    index than the inherited one."""
    return bool(
        (
            inherited_day
            and (days := _day_tokens(item.tokens))
            and not days & inherited_day
            and (item.fact.period[:1].isdigit() or item.fact.period == "week")
        )
        or (b.entity_inherited and item.fact.entity != b.entity)
    )


def _fits_another_context(
    fig: Figure, b: Binding, full: list[IndexedFact], conflict: IndexedFact
) -> Verdict:
    """True of another session (or index) than the one the sentence before was about: what
    the figure is about was inherited, so this is a likely slip, not a stated one."""
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


def _wrong_direction(fig: Figure, b: Binding, sign_wrong: IndexedFact) -> Verdict:
    """The figure is right and its direction is not: expect the signed display."""
    f = sign_wrong.fact
    word = f" ({b.direction_from!r})" if b.direction_from and not fig.sign else ""
    return Verdict(
        Status.MISMATCH,
        f,
        f.display if not fig.sign else expected_text(f, fig),
        f"wrong direction{word}: {f.label} is {f.display}",
        FIGURE_DIRECTION,
    )


def _misattributed(
    index: FactIndex, fig: Figure, b: Binding, candidates: list[IndexedFact]
) -> Verdict | None:
    """A fit with a fact of the brief that differs from the binding in exactly one attribute
    (the first such), reported against the closest of the `candidates`.  A bound ("above
    2,400") fits every larger figure of the brief, so only its own fact settles it."""
    if fig.hedge in (Hedge.ABOVE, Hedge.BELOW):
        return None
    others = []
    for item in index.pool(fig, b):
        mag, sign = fits(item, fig, b)
        if mag and sign:
            diff = _differences(item, b)
            if len(diff) == 1:
                others.append((item, diff[0]))
    if not others:
        return None
    item, what = others[0]
    target = _closest(candidates, fig, b).fact if candidates else None
    claimed = f"; {target.label} is {expected_text(target, fig)}" if target else ""
    return Verdict(
        Status.MISATTRIBUTED,
        target or item.fact,
        expected_text(target, fig) if target else None,
        f"wrong {what}: {fig.text.strip()} is the {item.fact.label} ({item.fact.display}){claimed}",
        FIGURE_ATTRIBUTION,
    )


def _closest_misfit(
    fig: Figure, b: Binding, full: list[IndexedFact], explicit: list[IndexedFact]
) -> Verdict:
    """No fit: a mismatch against the closest candidate, unsupported without one (or when
    the only candidates are another index's than the inherited one)."""
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
