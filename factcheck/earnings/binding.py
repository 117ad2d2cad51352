"""A figure of an earnings story -> what it is: entity, metric, basis, period, and the sign
and direction its words give it.

Small named steps over the sentence's cues (`factcheck.earnings.words`), each reading one
thing:

- the figure's kind picks the family of metrics it can be: a per-share amount (cents, "per
  share") is EPS; a dollar amount with a scale ("$21.45 billion") a line of the income
  statement; a plain dollar figure under a thousand the share price or EPS, as its word
  says; a percent a change;
- the metric is the nearest metric word before the figure that fits that family, or a word
  right after it ("$85.78 billion in revenue"), or the previous sentence's (inherited);
- the basis (adjusted, estimate, basic, including noncontrolling interests) is the nearest
  basis word since the figure before, or right after it;
- the period is the year-ago or previous quarter when a period phrase follows the figure,
  when the figure is the base of a comparison ("up from $81.8 billion"), or when the
  sentence opens with the period ("A year ago, ..."); else the quarter.  A share's move
  needs its span ("since the start of the year", "over the past 12 months");
- the sign is the result's the nearest metric word states ("a loss of", "net loss") or a
  written minus; a change's direction is its sign or the direction word beside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from factcheck.document import Figure
from factcheck.earnings.words import Cue
from factcheck.grammar import (
    AMOUNT_VERBS,
    MILESTONE_PERIODS,
    PER_SHARE,
    REPORTED_PARTICIPLES,
    RESULT_BOUNDS,
    ResultBasis,
    ResultMetric,
    ResultPeriod,
    alternation,
)

#: Below this a dollar figure without a scale is a price or a per-share amount ("$1073.81",
#: a share price); from it up, an amount written out ("$85,777,000,000").
_SMALL: Final = 100_000
#: How far after a figure a period phrase or a tight metric word may stand.
_AFTER: Final = 48
#: How far after a figure the entity it is of may be named ("a 6.3% rise for the S&P 500").
_NAME_AFTER: Final = 32
_QUARTERS: Final = (ResultPeriod.YEAR_AGO, ResultPeriod.PREVIOUS)
#: a period phrase right before a figure ("last year's $24.2 billion") is that figure's
_FIGURE_NEXT: Final = re.compile(r"\s*(?:a\s+)?[-+(]?(?:us)?\$?\d")
#: a period phrase then a "when" clause: the clause is set in that period
_WHEN: Final = re.compile(r",?\s+when\b")
_DIGIT: Final = re.compile(r"[-+$]?\d")
#: an aside between commas, then the verb that gives the figure right after it: ", the fees
#: that make up most of its sales, was $466.9 million" (the verb's words, not the lexicon's)
_ASIDE_RE: Final = re.compile(
    rf",[^,;]{{3,80}}(?P<close>,)\s*(?:{alternation(AMOUNT_VERBS)})\s+(?:a\s+)?[-+(]?$"
)
_MILESTONE_RE: Final = re.compile(rf"\s+{alternation(MILESTONE_PERIODS)}(?![\w-])")
#: How far before a figure its base word may stand ("compared with a loss of $200.9 million").
_BASE_REACH: Final = 30
#: Words that may stand between a figure and the metric word after it ("$85.78 billion in
#: revenue", "$1.1B of sales"): function words, not the lexicon's.
_LINKS: Final = frozenset({"", "in", "of", "in quarterly", "of quarterly", "in total"})
_PER_SHARE_RE: Final = re.compile(alternation(PER_SHARE))

_AMOUNT_METRICS: Final = frozenset(
    {
        ResultMetric.REVENUE,
        ResultMetric.NET_INCOME,
        ResultMetric.OPERATING_INCOME,
        ResultMetric.GROSS_PROFIT,
    }
)
_SIGNED: Final = frozenset(
    {
        ResultMetric.NET_INCOME,
        ResultMetric.EPS,
        ResultMetric.OPERATING_INCOME,
        ResultMetric.GROSS_PROFIT,
    }
)


@dataclass(slots=True)
class Bound:
    """What a figure is, as its words say."""

    entity: str
    metric: ResultMetric | None
    #: the metric was said in the figure's sentence (False: inherited from the one before)
    stated: bool
    basis: ResultBasis | None
    period: ResultPeriod | None  # None: the brief's quarter
    #: -1 written as a loss (a word or a minus), +1 as a profit, 0 not said; None: not said
    #: and not to be judged (a base after "against", whose sign the words leave open)
    sign: int | None
    direction: int  # a change's written direction: +1, -1, 0 not said
    base: bool  # the base of a comparison ("up from $81.8 billion")
    #: where the word that gives the sign stands (offsets in the sentence); None: a minus
    #: sign, parentheses or no word
    sign_word: tuple[int, int] | None = None
    ahead: bool = False  # the sentence speaks of the outlook ("expects", "the current quarter")
    estimated: bool = False  # the sentence speaks of the estimate (EPS may be the adjusted)


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named in a sentence (offsets in the sentence)."""

    start: int
    end: int
    key: str


def family(fig: Figure, after: str) -> str:
    """ "per_share", "amount", "small" (a price or EPS: the word says), "percent", "number"."""
    if fig.kind == "percent":
        return "percent"
    if fig.kind != "currency":
        return "number"
    if fig.scale == "cents" or "share" in fig.text.lower() or _PER_SHARE_RE.match(after.lstrip()):
        return "per_share"
    if (fig.scale is not None and fig.scale != "cents") or fig.magnitude >= _SMALL:
        return "amount"
    return "small"


def _fits_family(metric: ResultMetric, fam: str) -> ResultMetric | None:
    """The metric a word of `metric` gives a figure of family `fam`, or None if it cannot."""
    if metric is ResultMetric.OUTSIDE or fam == "percent":
        return metric
    if fam == "per_share":
        return ResultMetric.EPS if metric in (ResultMetric.EPS, ResultMetric.NET_INCOME) else None
    if fam == "amount":
        return metric if metric in _AMOUNT_METRICS else None
    if fam == "small":
        if metric in (ResultMetric.EPS, ResultMetric.NET_INCOME):
            return ResultMetric.EPS
        return ResultMetric.PRICE if metric is ResultMetric.PRICE else None
    return ResultMetric.PRICE if metric is ResultMetric.PRICE else None


@dataclass(frozen=True, slots=True)
class Sentence:
    """What binding reads of a figure's sentence: its lower-cased text, cues, the entities
    named, its figures' spans (offsets in the sentence), the period phrase it opens with ("A
    year ago, ..."), whether it speaks of the outlook, and whether it speaks of the estimate."""

    lower: str
    cues: Sequence[Cue]
    mentions: Sequence[Mention]
    spans: Sequence[tuple[int, int]]
    lead: ResultPeriod | None
    ahead: bool
    estimated: bool


def lead_period(cues: Sequence[Cue], first: int) -> ResultPeriod | None:
    """The period phrase before the sentence's first figure, not the end of a base ("A year
    earlier, ..." yes; "rose from a year earlier to $X" no)."""
    for i, cue in enumerate(cues):
        if cue.start >= first:
            break
        after_base = i > 0 and cues[i - 1].meaning.base
        if cue.meaning.period in _QUARTERS and not after_base:
            return cue.meaning.period
    return None


def bind(
    fig: Figure,
    at: int,
    sent: Sentence,
    subject: str,
    inherited: ResultMetric | None,
    before_fig: Bound | None,
    column: ResultPeriod | None = None,
) -> Bound:
    """Bind the `at`-th figure of its sentence; `before_fig` is the binding of the one before,
    `column` the period a table column's header gives."""
    start, end = sent.spans[at]
    window_start = sent.spans[at - 1][1] if at else 0
    next_start = sent.spans[at + 1][0] if at + 1 < len(sent.spans) else len(sent.lower)
    lower, cues = sent.lower, sent.cues
    fam = family(fig, lower[end : end + 12])
    before = [c for c in cues if c.end <= start]
    window = [c for c in before if c.start >= window_start]
    after = [
        c
        for c in cues
        if c.start >= end and c.end <= min(_aside_end(lower, end, next_start), end + _AFTER)
    ]
    entity = _entity(sent, at, subject)
    base = _is_base(window, start)
    # "..., or 51 cents per share": the figure after ", or" is the same result, restated
    same = before_fig is not None and lower[window_start:start].strip(" ,") == "or"
    metric, stated = _metric(fam, _past_aside(before, lower, start), after, lower, end)
    # a table row's label gives every cell its basis; in prose, the words since the last figure
    basis = _basis(fam, window if column is None else before, after, lower, end)
    named = [c for c in window if c.meaning.metric is not None and not c.meaning.sign]
    if base and before_fig is not None and before_fig.metric is not None and not named:
        # "up from $19.88 billion", "against a loss of $207.7 million a year before": the
        # base of the figure before, on its metric and basis
        metric = _fits_family(before_fig.metric, fam) or metric
        basis = basis or before_fig.basis
        stated = stated or before_fig.stated
    changes = fam != "percent" or _says_a_change(window, after)
    if metric is None and inherited is not None and changes:
        metric = _fits_family(inherited, fam)
        stated = False
    if entity != subject:
        metric, stated = ResultMetric.PRICE, True  # "the S&P 500 has lost 0.1%": its move
    if metric is None and fam == "percent" and basis is ResultBasis.ESTIMATE:
        metric, stated = ResultMetric.EPS, True  # "an earnings surprise of 2.65%"
    if same and before_fig is not None:
        period: ResultPeriod | None = before_fig.period
        basis = basis or before_fig.basis
        base = before_fig.base
    else:
        period = _period(
            start, end, fam, metric, window, after, before, base, sent.lead, column, lower
        )
    sign_cue = _sign_cue(fig, metric, before)
    sign: int | None = -1 if fig.sign < 0 else (sign_cue.meaning.sign if sign_cue else 0)
    if base and fig.sign >= 0 and not any(c.meaning.sign for c in window):
        sign = None  # "against $39.1 million a year before": the words leave the sign open
    if (
        same
        and before_fig is not None
        and fig.sign >= 0
        and not any(c.meaning.sign for c in window)
    ):
        sign = before_fig.sign
    direction = fig.sign or _direction(window, after)
    word = (sign_cue.start, sign_cue.end) if sign_cue is not None and fig.sign >= 0 else None
    return Bound(
        entity,
        metric,
        stated,
        basis,
        period,
        sign,
        direction,
        base,
        word,
        sent.ahead,
        sent.estimated,
    )


def _says_a_change(window: Sequence[Cue], after: Sequence[Cue]) -> bool:
    """A percent takes the sentence before's metric only when its words say it is a change:
    a direction word, or the period it is over ("They have fallen 0.9% since the start of
    the year")."""
    return any(c.meaning.direction or c.meaning.period is not None for c in (*window, *after))


def _entity(sent: Sentence, at: int, subject: str) -> str:
    """The entity named last before the figure with no other figure between, or named right
    after it ("a 6.3% rise for the S&P 500"), or the one named before the figures it is
    coordinated with, else the subject."""
    start, end = sent.spans[at]
    since = sent.spans[at - 1][1] if at else 0
    named = [m for m in sent.mentions if since <= m.start and m.end <= start]
    if named and ", and" not in sent.lower[named[-1].end : start]:
        return named[-1].key
    upto = sent.spans[at + 1][0] if at + 1 < len(sent.spans) else len(sent.lower)
    for m in sent.mentions:
        if end <= m.start < min(upto, end + _NAME_AFTER) and not any(
            mark in sent.lower[end : m.start] for mark in ",;:"
        ):
            return m.key
    # a figure coordinated with the one before keeps its name: "The S&P 500 moved 10.2% since
    # the start of the year and 15.2% over 12 months"
    earlier = [m for m in sent.mentions if m.end <= since]
    if earlier and not any(mark in sent.lower[earlier[-1].end : start] for mark in (";", ", and")):
        return earlier[-1].key
    return subject


def milestone(lower: str, end: int) -> bool:
    """The figure ending at `end` describes a period: "a $100 billion quarter"."""
    return _MILESTONE_RE.match(lower, end) is not None


def _metric(
    fam: str, before: Sequence[Cue], after: Sequence[Cue], lower: str, end: int
) -> tuple[ResultMetric | None, bool]:
    if fam == "amount" and milestone(lower, end):
        return ResultMetric.REVENUE, True  # "its first $100 billion quarter": its revenue
    for cue in after:  # "$85.78 billion in revenue": a metric word right after the figure
        if cue.meaning.metric is None or (fam == "per_share" and cue.word in PER_SHARE):
            continue  # "25 cents a share": the unit, which the family already read
        if " ".join(lower[end : cue.start].split()) in _LINKS:
            fitted = _fits_family(cue.meaning.metric, fam)
            if fitted is not None:
                return fitted, True
        break
    for cue in reversed(before):
        if cue.meaning.metric is None:
            continue
        fitted = _fits_family(cue.meaning.metric, fam)
        if fitted is not None:
            return fitted, True
    if fam == "per_share":
        return ResultMetric.EPS, True  # the unit says it
    return None, False


def _basis(
    fam: str, window: Sequence[Cue], after: Sequence[Cue], lower: str, end: int
) -> ResultBasis | None:
    for cue in reversed(window):
        if cue.meaning.basis is not None and cue.meaning.basis is not ResultBasis.GAAP:
            return cue.meaning.basis
        if cue.meaning.basis is ResultBasis.GAAP:
            return None
    for cue in after[:1]:  # "$3.05 billion reported for the second quarter of 2018"
        if fam == "amount" and cue.word in REPORTED_PARTICIPLES and cue.start - end <= 1:
            return ResultBasis.FIRST_REPORT  # (per share, the split-restated value is fair)
    for cue in after:  # "$1.40 per share excluding items", "the $1.01 analysts expected"
        if cue.meaning.basis in (ResultBasis.ADJUSTED, ResultBasis.INCL_NCI):
            return cue.meaning.basis  # ", on the same adjusted basis" too
        if cue.meaning.basis in (ResultBasis.FIRST_REPORT, ResultBasis.RESTATED):
            return cue.meaning.basis  # "$2.48 as first reported"
        if any(mark in lower[end : cue.start] for mark in ",;"):
            continue  # an estimate word of another clause: "$85.78 billion, also surpassing"
        if cue.meaning.basis is ResultBasis.ESTIMATE:
            return cue.meaning.basis
    return None


def _is_base(window: Sequence[Cue], start: int) -> bool:
    """The figure is a base when the last base word before it is not the start of a period
    phrase ("from a year earlier") and no direction word follows it."""
    for i in range(len(window) - 1, -1, -1):
        cue = window[i]
        if cue.meaning.base and start - cue.end > _BASE_REACH:
            return False  # "more than doubled to $6.82 billion": too far to be its base
        if cue.meaning.base and _bounds_a_result(window, i):
            return False  # "revenue above $100 billion": a bound on the quarter's result
        if cue.meaning.base:
            nxt = window[i + 1] if i + 1 < len(window) else None
            return not (
                nxt is not None and nxt.meaning.period is not None and nxt.start - cue.end < 3
            )
        if cue.meaning.direction and cue.meaning.metric is None and cue.meaning.period is None:
            return False
    return False


def _past_aside(before: list[Cue], lower: str, start: int) -> list[Cue]:
    """The cues before a figure without an aside between its result word and its verb:
    "Product revenue, the fees that make up most of its sales, was $466.9 million" is the
    product revenue's figure, not the sales'."""
    m = _ASIDE_RE.search(lower[:start])
    if m is None:
        return before
    opened, closed = m.start(), m.start("close")
    head = [c for c in before if c.end <= opened]
    if not head or head[-1].meaning.metric is None or opened - head[-1].end > 1:
        return before
    return [c for c in before if not opened <= c.start < closed]


def _bounds_a_result(window: Sequence[Cue], i: int) -> bool:
    """The `i`-th cue is a bound word ("above") right after a result word ("revenue")."""
    prev = window[i - 1] if i else None
    return (
        window[i].word in RESULT_BOUNDS
        and prev is not None
        and prev.meaning.metric is not None
        and window[i].start - prev.end <= 1
    )


def _aside_end(lower: str, end: int, next_start: int) -> int:
    """Where the words after a figure stop being its own: at the next figure, unless that
    figure stands in parentheses opened after this one ("the $157.9 million loss (24 cents a
    share) a year ago"), an aside the words after it apply to as well."""
    opened = lower.rfind("(", end, next_start)
    if opened < 0 or ")" in lower[end:next_start]:
        return next_start
    closed = lower.find(")", next_start)
    return len(lower) if closed < 0 else max(next_start, _next_figure_end(lower, closed))


def _next_figure_end(lower: str, closed: int) -> int:
    """The end of the words after an aside up to the next figure (or the sentence's end)."""
    m = _DIGIT.search(lower, closed)
    return m.start() if m else len(lower)


def _period(
    start: int,
    end: int,
    fam: str,
    metric: ResultMetric | None,
    window: Sequence[Cue],
    after: Sequence[Cue],
    before: Sequence[Cue],
    base: bool,
    lead: ResultPeriod | None,
    column: ResultPeriod | None,
    lower: str = "",
) -> ResultPeriod | None:
    spans = (ResultPeriod.YTD, ResultPeriod.TWELVE_MONTHS)
    if metric is ResultMetric.PRICE:
        for cue in (*after, *reversed(before)):
            if cue.meaning.period in spans:
                return cue.meaning.period
        return None
    if column is not None:
        return column
    for i, cue in enumerate(after):
        if cue.meaning.period in _QUARTERS:
            if _FIGURE_NEXT.match(lower, cue.end):
                break  # "below last year's $24.2 billion": the next figure's period
            return cue.meaning.period
        if cue.word in PER_SHARE or (cue.meaning.metric is not None and cue.start - end <= 2):
            continue  # "the $157.9 million loss (24 cents a share) a year ago": its own words
        nxt = after[i + 1] if i + 1 < len(after) else None
        if cue.meaning.base and nxt is not None and nxt.meaning.period in _QUARTERS:
            continue  # "down 11.5% from the previous quarter"
        if cue.meaning.metric is not None or cue.meaning.base:
            break  # the next clause's
    if window and window[-1].meaning.period in _QUARTERS and start - window[-1].end <= 2:
        return window[-1].meaning.period  # "last year's $24.2 billion"
    for cue in reversed(window):  # "from a year earlier, when Apple booked $81.43 billion"
        if cue.meaning.period in _QUARTERS and _WHEN.match(lower, cue.end):
            return cue.meaning.period
        if cue.meaning.period is not None or cue.meaning.metric is not None:
            break
    for i in range(len(window) - 1):  # "compares to year-ago revenues of $94.93 billion"
        cue, nxt = window[i], window[i + 1]
        adjective = nxt.meaning.metric is not None and nxt.start - cue.end <= 1
        if cue.meaning.period in _QUARTERS and adjective:
            return cue.meaning.period
    if base:
        return ResultPeriod.YEAR_AGO if fam != "percent" else None
    return lead


def _sign_cue(fig: Figure, metric: ResultMetric | None, before: Sequence[Cue]) -> Cue | None:
    """The result word that gives the figure its sign: the nearest metric word before it, if
    it states one ("a loss of", "net loss"); None when it states none ("net income")."""
    if metric not in _SIGNED:
        return None
    for cue in reversed(before):
        m = cue.meaning.metric
        if m is None:
            continue
        if m in (ResultMetric.REVENUE, ResultMetric.PRICE, ResultMetric.OUTSIDE):
            return None
        if cue.meaning.sign:
            return cue
        if m is metric:
            return None
    return None


def _direction(window: Sequence[Cue], after: Sequence[Cue]) -> int:
    for cue in reversed(window):
        if cue.meaning.direction:
            return cue.meaning.direction
    for cue in after[:1]:
        if cue.meaning.direction:
            return cue.meaning.direction
    return 0
