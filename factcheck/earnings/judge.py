"""A bound figure of an earnings story against the brief: verified, wrong (with what it
should say and, when it is exactly another value of the brief, which one), or unsupported.

A money figure matches at its written decimals and scale ("$85.78 billion", "$85.8
billion" and "$85,777 million" all verify 85,777,000,000; half-up or half-even; hedges
through `numfmt.written_matches`); its sign is judged apart, by the words ("a loss of").
A wrong figure is diagnosed in order: the right value at the wrong scale (a factor of
1,000 or 100), then another value of the brief (another quarter, restated, another line,
adjusted for GAAP), then a plain mismatch.  A change is held to its year-on-year fact, and
a wrong one that a wrong base explains is named with the base.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from factcheck.brief import Fact
from factcheck.document import Figure
from factcheck.earnings.binding import Bound
from factcheck.earnings.facts import (
    PER_SHARE,
    Candidate,
    EarningsFacts,
    brief_metric,
    metric_name,
)
from factcheck.grammar import (
    MONEY_SCALE_LETTERS,
    MONEY_SCALES,
    Hedge,
    ResultBasis,
    ResultMetric,
    ResultPeriod,
)
from factcheck.numfmt import Unit, format_number, format_value, written_matches
from factcheck.report import Status
from factcheck.rules import (
    CHANGE_BASE,
    FIGURE_ATTRIBUTION,
    FIGURE_DIRECTION,
    FIGURE_UNSETTLED,
    FIGURE_VALUE,
    MONEY_SCALE,
    RESULT_SIGN,
    Rule,
)

_EXPONENTS: Final = {**dict(MONEY_SCALES), **dict(MONEY_SCALE_LETTERS), "cents": 0}
_SCALE_WORDS: Final = {9: "billion", 6: "million", 12: "trillion", 3: "thousand"}


@dataclass(frozen=True, slots=True)
class Verdict:
    status: Status
    fact: Fact | None
    expected: str | None
    message: str
    rule: Rule
    #: the verdict is on the word that gave the figure its sign ("a profit of"), whose size
    #: is right: the span of that word in the sentence
    on_word: tuple[int, int] | None = None


def _exponent(fig: Figure) -> int:
    return _EXPONENTS.get(fig.scale or "", 0)


def fits(value: Decimal, fig: Figure, factor: Decimal = Decimal(1)) -> bool:
    """Does the figure's magnitude, at its written scale and decimals, give |value| x factor?"""
    shown = abs(value) * factor / Decimal(10) ** _exponent(fig)
    return written_matches(shown, fig.magnitude, fig.decimals, fig.hedge)


def as_written(value: Decimal, fig: Figure) -> str:
    """`value` written as the figure is: its scale and decimals ("$85.78 billion", "74
    cents", "-$0.08")."""
    if fig.scale == "cents":
        return f"{format_number(abs(value) * 100, max(fig.decimals - 2, 0))} cents"
    exp = _exponent(fig)
    number = format_number(abs(value) / Decimal(10) ** exp, fig.decimals)
    scale = f" {_SCALE_WORDS[exp]}" if exp in _SCALE_WORDS else ""
    return f"{'-' if value < 0 else ''}${number}{scale}"


def _at_scale(value: Decimal, exp: int, decimals: int) -> str | None:
    """ "$26.42 billion": `value` at the scale word of `exp`, None when there is none."""
    if exp not in _SCALE_WORDS:
        return None
    number = format_number(abs(value) / Decimal(10) ** exp, decimals)
    return f"{'-' if value < 0 else ''}${number} {_SCALE_WORDS[exp]}"


def _verified(fact: Fact, what: str) -> Verdict:
    return Verdict(Status.VERIFIED, fact, None, f"{what} is {fact.display}", FIGURE_VALUE)


def _unsupported(message: str) -> Verdict:
    return Verdict(Status.UNSUPPORTED, None, None, message, FIGURE_UNSETTLED)


def judge(fig: Figure, b: Bound, facts: EarningsFacts) -> Verdict:
    """The verdict on one bound figure (a metric inherited from the sentence before in the
    paragraph binds as its own would: "They have climbed 35.3%" is the shares')."""
    if b.metric is ResultMetric.OUTSIDE:
        return _unsupported("a figure no earnings brief holds (a segment, a margin, a dividend)")
    if b.ahead:
        return _unsupported("the outlook: no figure of the brief")
    if b.entity != facts.subject or b.metric is ResultMetric.PRICE:
        return _price(fig, b, facts)
    if b.metric is None:
        return _guess(fig, facts)
    if fig.kind == "percent":
        return _change(fig, b, facts)
    if fig.kind != "currency":
        return _unsupported("a number that is no money figure of the brief")
    return _amount(fig, b, facts)


def _price(fig: Figure, b: Bound, facts: EarningsFacts) -> Verdict:
    if b.entity not in (facts.subject, facts.spx):
        return _unsupported(f"{b.entity}: not in the brief")
    if fig.kind == "percent":
        if b.period not in (ResultPeriod.YTD, ResultPeriod.TWELVE_MONTHS):
            return _unsupported(
                "the brief holds a share's move since the start of the year and over 12 months only"
            )
        fact = facts.move(b.entity, b.period)
        if fact is None:
            return _unsupported(f"no {b.period.value} move of {b.entity} in the brief")
        if not fits(fact.value, fig):
            return _wrong_span(fig, b, fact, facts)
        if b.direction and (b.direction > 0) != (fact.value > 0) and fact.value != 0:
            return Verdict(
                Status.MISMATCH,
                fact,
                fact.display,
                f"direction: {fact.label} is {fact.display}",
                FIGURE_DIRECTION,
            )
        return _verified(fact, fact.label)
    if fig.kind not in ("currency", "number", "points") or (
        fig.kind != "currency" and b.entity == facts.subject
    ):
        return _unsupported("not a price: a share price is written in dollars")
    fact = facts.close(b.entity, b.period)
    if fact is None:
        return _unsupported("no such close in the brief")
    if fits(fact.value, fig):
        return _verified(fact, fact.label)
    return Verdict(
        Status.MISMATCH, fact, fact.display, f"{fact.label} is {fact.display}", FIGURE_VALUE
    )


def _wrong_span(fig: Figure, b: Bound, fact: Fact, facts: EarningsFacts) -> Verdict:
    """A share's move that misfits its span: the other span's move when it is that one."""
    twelve = b.period is ResultPeriod.TWELVE_MONTHS
    other = facts.move(b.entity, ResultPeriod.YTD if twelve else ResultPeriod.TWELVE_MONTHS)
    if other is not None and fits(other.value, fig):
        what = "year-to-date" if twelve else "12-month"
        return Verdict(
            Status.MISATTRIBUTED,
            fact,
            fact.display,
            f"that is the {what} change ({other.display}); {fact.label} is {fact.display}",
            FIGURE_ATTRIBUTION,
        )
    opening = _from_first_session(fig, b, fact, facts) if not twelve else None
    if opening is not None:
        return opening
    return Verdict(
        Status.MISMATCH, fact, fact.display, f"{fact.label} is {fact.display}", FIGURE_VALUE
    )


def _from_first_session(fig: Figure, b: Bound, fact: Fact, facts: EarningsFacts) -> Verdict | None:
    """A year-to-date move that is the move from the year's first session: named as such."""
    first = facts.year_first_close(b.entity)
    now = facts.close(b.entity, None)
    base = facts.close(b.entity, ResultPeriod.YTD)
    if first is None or now is None or base is None or first.value <= 0:
        return None
    if first.on is None or now.on is None or base.on is None or first.on >= now.on:
        return None  # the price date is the year's first session: no other base
    move = (now.value / first.value - 1) * 100
    if not fits(move, fig):
        return None
    return Verdict(
        Status.MISMATCH,
        fact,
        fact.display,
        f"that is the move from the year's first session ({first.on:%b %d, %Y}: "
        f"{format_value(move, Unit.PERCENT, 2, signed=True)}), not from the last close of the "
        f"year before ({base.on:%b %d, %Y}); {fact.label} is {fact.display}",
        CHANGE_BASE,
    )


def _guess(fig: Figure, facts: EarningsFacts) -> Verdict:
    """No metric word: verified only when the figure is exactly one of the quarter's values."""
    if fig.kind == "currency":
        hits = [
            f
            for m in ("revenue", "net_income", "eps_diluted", "operating_income", "gross_profit")
            if (f := facts.value(m, facts.brief.quarter)) is not None and fits(f.value, fig)
        ]
        if len(hits) == 1:
            return _verified(hits[0], hits[0].label)
    return _unsupported("the words do not say which figure this is")


def _change(fig: Figure, b: Bound, facts: EarningsFacts) -> Verdict:
    assert b.metric is not None
    if b.basis is ResultBasis.ESTIMATE:
        if b.metric not in (ResultMetric.EPS, ResultMetric.NET_INCOME) or b.period is not None:
            return _unsupported("the brief holds the surprise of the quarter's EPS only")
        fact = facts.surprise()
        if fact is None:
            return _unsupported("no estimate in the brief: a surprise cannot be checked")
        if fits(fact.value, fig):
            return _verified(fact, fact.label)
        return Verdict(
            Status.MISMATCH, fact, fact.display, f"{fact.label} is {fact.display}", FIGURE_VALUE
        )
    metric = brief_metric(b.metric, b.basis)
    if metric is None:
        return _unsupported(f"no {b.basis} change in the brief")
    if b.period is ResultPeriod.PREVIOUS:
        seq = facts.sequential(metric)
        if seq is None:
            return _unsupported("no previous quarter to measure from")
        shown = format_value(seq, Unit.PERCENT, 2, signed=True)
        what = f"{metric_name(metric)}'s change from the previous quarter"
        if fits(seq, fig):
            return Verdict(Status.VERIFIED, None, None, f"{what} is {shown}", FIGURE_VALUE)
        return Verdict(Status.MISMATCH, None, shown, f"{what} is {shown}", FIGURE_VALUE)
    fact = facts.yoy(metric)
    if fact is None:
        return _unsupported(
            f"no year-on-year change of {metric_name(metric)} in the brief (a change from a "
            "loss has no percent change)"
        )
    if fits(fact.value, fig):
        if b.direction and fact.value != 0 and (b.direction > 0) != (fact.value > 0):
            return Verdict(
                Status.MISMATCH,
                fact,
                fact.display,
                f"direction: {fact.label} is {fact.display}",
                FIGURE_DIRECTION,
            )
        return _verified(fact, fact.label)
    for cand in facts.change_bases(metric):
        if fits(cand.value, fig):
            return Verdict(
                Status.MISMATCH,
                fact,
                fact.display,
                f"that is {cand.what} ({format_value(cand.value, Unit.PERCENT, 2, signed=True)}); "
                f"the year-on-year change ({fact.label}) is {fact.display}",
                CHANGE_BASE,
            )
    return Verdict(
        Status.MISMATCH, fact, fact.display, f"{fact.label} is {fact.display}", FIGURE_VALUE
    )


def _amount(fig: Figure, b: Bound, facts: EarningsFacts) -> Verdict:
    assert b.metric is not None
    metric = brief_metric(b.metric, b.basis)
    if metric is None:
        return _unsupported(
            f"no {b.basis or ''} {b.metric.value} figure in the brief".replace("  ", " ")
        )
    quarter = facts.quarter_of(b.period)
    if b.period is ResultPeriod.YEAR_AGO:
        # the year-ago figure as first reported; per share, on the quarter's share count
        # (restated for a split in the quarter's own filing)
        first, restated = facts.year_ago(metric)
        if b.basis is ResultBasis.FIRST_REPORT or restated is None:
            target, other = first, None
        elif b.basis is ResultBasis.RESTATED or metric in PER_SHARE:
            target, other = restated, None  # per share: on the quarter's share count
        else:
            target, other = first, restated  # an amount: as first reported, or restated
    else:
        target, other = facts.value(metric, quarter), None
    targets = [f for f in (target, other) if f is not None]
    if metric == "eps_diluted" and b.basis is None and b.estimated and b.period is not None:
        return _unsupported("per-share earnings set against an estimate, of another quarter")
    if metric == "eps_diluted" and b.basis is None and b.estimated and b.period is None:
        # "earnings of $1.09 per share, beating the consensus of $0.92": the figure set
        # against the estimate may be the adjusted one the estimate is of
        adjusted = facts.value("eps_adjusted", quarter)
        targets += [adjusted] if adjusted is not None else []
    if not targets:
        if b.basis is ResultBasis.ESTIMATE and facts.brief.estimate is None:
            return _unsupported("no analysts' estimate in the brief")
        return _unsupported(f"no {metric_name(metric)} of that quarter in the brief")
    for fact in targets:
        if fits(fact.value, fig):
            return _signed(fig, b, fact)
    fact = targets[0]
    expected = as_written(fact.value, fig)
    for factor, shift, why in (
        (Decimal(1000), -3, "a factor of 1,000 off (million for billion, or thousand for million)"),
        (
            Decimal("0.001"),
            3,
            "a factor of 1,000 off (billion for million, or million for thousand)",
        ),
        (Decimal(100), 0, "a factor of 100 off (dollars for cents)"),
        (Decimal("0.01"), 0, "a factor of 100 off (cents for dollars)"),
    ):
        if fig.hedge in (Hedge.ABOVE, Hedge.BELOW):
            break  # a bound ("topped $110 billion") fits some scale whatever it says
        if fits(fact.value, fig, factor):
            right = _at_scale(fact.value, _exponent(fig) + shift, fig.decimals) if shift else None
            return Verdict(
                Status.MISMATCH,
                fact,
                right or fact.display,
                f"{why}: {fact.label} is {fact.display}",
                MONEY_SCALE,
            )
    for cand in facts.others(metric, quarter):
        if fits(cand.value, fig):
            return _misattributed(fact, expected, cand)
    return Verdict(Status.MISMATCH, fact, expected, f"{fact.label} is {fact.display}", FIGURE_VALUE)


def _misattributed(fact: Fact, expected: str, cand: Candidate) -> Verdict:
    return Verdict(
        Status.MISATTRIBUTED,
        fact,
        expected,
        f"that is {cand.what}; {fact.label} is {fact.display}",
        FIGURE_ATTRIBUTION,
    )


def _signed(fig: Figure, b: Bound, fact: Fact) -> Verdict:
    """The size is right: the sign the words give must be the value's.  A wrong sign word
    ("a profit of $222.8 million" for a loss) is the word's error, the figure being right; a
    figure with no sign word carries it ("net income of $214.3 million" for a loss)."""
    if b.sign is None:
        return _verified(fact, fact.label)
    if fact.value < 0 and b.sign >= 0:
        expected, what = f"a loss of {as_written(-fact.value, fig)}", "a loss written as a profit"
    elif fact.value > 0 and b.sign < 0:
        expected, what = as_written(fact.value, fig), "a profit written as a loss"
    else:
        return _verified(fact, fact.label)
    message = f"sign: {what}; {fact.label} is {fact.display}"
    return Verdict(Status.MISMATCH, fact, expected, message, RESULT_SIGN, b.sign_word)
