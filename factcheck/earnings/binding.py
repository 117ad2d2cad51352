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
from factcheck.grammar import PER_SHARE, ResultBasis, ResultMetric, ResultPeriod, alternation

#: Below this a dollar figure without a scale is a price or a per-share amount ("$1073.81",
#: a share price); from it up, an amount written out ("$85,777,000,000").
_SMALL: Final = 100_000
#: How far after a figure a period phrase or a tight metric word may stand.
_AFTER: Final = 48
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


def bind(
    fig: Figure,
    start: int,
    end: int,
    lower: str,
    cues: Sequence[Cue],
    window_start: int,
    next_start: int,
    mentions: Sequence[Mention],
    subject: str,
    inherited: ResultMetric | None,
    before_fig: Bound | None,
) -> Bound:
    """Bind one figure at [start, end) of its sentence (`lower`: the sentence, lower-cased).
    `window_start` is where the figure before it ends (0 for the first), `next_start` where
    the next begins (the sentence's length for the last); `before_fig` is that figure's
    binding."""
    fam = family(fig, lower[end : end + 12])
    before = [c for c in cues if c.end <= start]
    window = [c for c in before if c.start >= window_start]
    after = [c for c in cues if c.start >= end and c.end <= min(next_start, end + _AFTER)]
    entity = _entity(mentions, start, subject)
    base = _is_base(window)
    metric, stated = _metric(fam, before, after, lower, end)
    basis = _basis(window, after, lower, end)
    named = [c for c in window if c.meaning.metric is not None and not c.meaning.sign]
    if base and before_fig is not None and before_fig.metric is not None and not named:
        # "up from $19.88 billion", "against a loss of $207.7 million a year before": the
        # base of the figure before, on its metric and basis
        metric = _fits_family(before_fig.metric, fam) or metric
        basis = basis or before_fig.basis
        stated = stated or before_fig.stated
    if metric is None and inherited is not None:
        metric = _fits_family(inherited, fam)
        stated = False
    if entity != subject:
        metric, stated = ResultMetric.PRICE, True  # "the S&P 500 has lost 0.1%": its move
    period = _period(fam, metric, window, after, before, base, window_start)
    sign: int | None = _sign(fig, metric, before)
    if base and fig.sign >= 0 and not any(c.meaning.sign for c in window):
        sign = None  # "against $39.1 million a year before": the words leave the sign open
    direction = fig.sign or _direction(window, after)
    return Bound(entity, metric, stated, basis, period, sign, direction, base)


def _entity(mentions: Sequence[Mention], start: int, subject: str) -> str:
    named = [m for m in mentions if m.end <= start]
    return named[-1].key if named else subject


def _metric(
    fam: str, before: Sequence[Cue], after: Sequence[Cue], lower: str, end: int
) -> tuple[ResultMetric | None, bool]:
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


def _basis(window: Sequence[Cue], after: Sequence[Cue], lower: str, end: int) -> ResultBasis | None:
    for cue in reversed(window):
        if cue.meaning.basis is not None and cue.meaning.basis is not ResultBasis.GAAP:
            return cue.meaning.basis
        if cue.meaning.basis is ResultBasis.GAAP:
            return None
    for cue in after:  # "$1.40 per share excluding items", "the $1.01 analysts expected"
        if any(mark in lower[end : cue.start] for mark in ",;"):
            return None  # another clause's: "$85.78 billion, also surpassing forecasts"
        if cue.meaning.basis in (ResultBasis.ADJUSTED, ResultBasis.INCL_NCI, ResultBasis.ESTIMATE):
            return cue.meaning.basis
    return None


def _is_base(window: Sequence[Cue]) -> bool:
    """The figure is a base when the last base word before it is not the start of a period
    phrase ("from a year earlier") and no direction word follows it."""
    for i in range(len(window) - 1, -1, -1):
        cue = window[i]
        if cue.meaning.base:
            nxt = window[i + 1] if i + 1 < len(window) else None
            return not (
                nxt is not None and nxt.meaning.period is not None and nxt.start - cue.end < 3
            )
        if cue.meaning.direction and cue.meaning.metric is None and cue.meaning.period is None:
            return False
    return False


def _period(
    fam: str,
    metric: ResultMetric | None,
    window: Sequence[Cue],
    after: Sequence[Cue],
    before: Sequence[Cue],
    base: bool,
    window_start: int,
) -> ResultPeriod | None:
    spans = (ResultPeriod.YTD, ResultPeriod.TWELVE_MONTHS)
    quarters = (ResultPeriod.YEAR_AGO, ResultPeriod.PREVIOUS)
    if metric is ResultMetric.PRICE:
        for cue in (*after, *reversed(before)):
            if cue.meaning.period in spans:
                return cue.meaning.period
        return None
    for cue in after:
        if cue.meaning.period in quarters:
            return cue.meaning.period
        if cue.meaning.metric is not None or cue.meaning.base:
            break  # the next clause's
    if base:
        return ResultPeriod.YEAR_AGO if fam != "percent" else None
    if window_start == 0:  # "A year ago, it earned ..."
        for i, cue in enumerate(window):
            after_base = i > 0 and window[i - 1].meaning.base
            if cue.meaning.period in quarters and not after_base:
                return cue.meaning.period
    return None


def _sign(fig: Figure, metric: ResultMetric | None, before: Sequence[Cue]) -> int:
    if fig.sign < 0:
        return -1
    if metric not in _SIGNED:
        return 0
    for cue in reversed(before):
        m = cue.meaning.metric
        if m is None:
            continue
        if m in (ResultMetric.REVENUE, ResultMetric.PRICE):
            return 0
        if cue.meaning.sign:
            return cue.meaning.sign
        if m is metric:
            return 0
    return 0


def _direction(window: Sequence[Cue], after: Sequence[Cue]) -> int:
    for cue in reversed(window):
        if cue.meaning.direction:
            return cue.meaning.direction
    for cue in after[:1]:
        if cue.meaning.direction:
            return cue.meaning.direction
    return 0
