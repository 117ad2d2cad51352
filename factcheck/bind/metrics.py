"""Which metric a figure is, from the words around it: a percent's distance phrase or label,
a points figure's span or base, a range's level words, and otherwise the metric word nearest
it (`Binder.context` found them)."""

from __future__ import annotations

import re

from factcheck._rx import has_any
from factcheck.bind.model import Binding, SentenceContext
from factcheck.bind.patterns import (
    _BASE_CLOSE_RE,
    _CLOSE_AT_RE,
    _CLOSES,
    _DISTANCE_LABEL_RE,
    _FIGURE_BETWEEN_RE,
    _METRIC_GAP_RE,
    _MONTH_NAMES,
    _NO_FACT,
    _RANGE_WORD_RE,
    _SHARE_OF_RE,
    _SPAN_RE,
    _TO_END_RE,
    FOLLOW_DIR_RE,
)
from factcheck.document import Document, Figure, Sentence
from factcheck.grammar import LEVELISH, MA_METRICS


def percent_metric(
    doc: Document,
    sent: Sentence,
    ctx: SentenceContext,
    fig: Figure,
    b: Binding,
    tail: str,
    dist: re.Match[str] | None,
) -> frozenset[str]:
    """A percent: a distance from a high, low, record or average ("10.06% below its 52-week
    high", "Distance from 52-week high: -2.88%"), a share of something, or a change."""
    if dist is not None:
        kind = dist.group("kind").lower()
        what = dist.group("what").lower()
        closing = "clos" in what
        if kind.startswith(("record", "all-time")) or "record" in what:
            # a record close is the 52-week closing high when it is recent; an
            # older one is beyond the data, which a misfit cannot rule out
            b.beyond_data = True
            return frozenset({"from_close_high_pct"})
        if "week" in what and "#" not in what:
            return _NO_FACT  # "within 0.5% of its weekly high": no such fact
        if any(c.isdigit() or c == "#" for c in what):
            b.beyond_data = True  # "below the 2,442.03 close it reached on Nov. 25"
        if kind == "close":
            return frozenset({"from_close_high_pct", "from_close_low_pct"})
        if "average" in kind or kind == "ma" or kind.endswith("day"):
            return frozenset({"vs_ma_pct"})
        if has_any(what, _MONTH_NAMES):
            b.beyond_data = True  # "from the February top": that month's extreme
        if kind in ("high", "peak", "top"):
            return frozenset(
                {"from_close_high_pct"} if closing else {"from_high_pct", "from_close_high_pct"}
            )
        return frozenset(
            {"from_close_low_pct"} if closing else {"from_low_pct", "from_close_low_pct"}
        )
    head = doc.lower[max(sent.start, fig.start - 60) : fig.start]
    label = _DISTANCE_LABEL_RE.search(head)
    if label is not None:  # "Distance from 52-week high: -2.88%"
        kind = label.group("kind")
        if kind == "high":
            return frozenset({"from_high_pct", "from_close_high_pct"})
        return frozenset({"from_low_pct", "from_close_low_pct"})
    if _SHARE_OF_RE.match(tail):
        return _NO_FACT
    if FOLLOW_DIR_RE.match(tail) and any(
        m[2] is MA_METRICS and m[1] <= fig.start for m in ctx.metrics
    ):
        return frozenset({"vs_ma_pct"})  # "50-day MA: 21,470.76 (index 11.59% above)"
    return frozenset({"change_pct"})


def points_metric(ctx: SentenceContext, fig: Figure, lo: int, tail: str) -> frozenset[str] | None:
    """A points figure that is a change or a range's width whatever metric word precedes it;
    None when the words decide."""
    if _SPAN_RE.match(tail):
        return frozenset({"range_pts"})  # "a 646.30-point range": no such fact
    if _BASE_CLOSE_RE.match(tail):
        return frozenset({"change_pts"})  # "271.32 points below last week's close"
    near = [m for m in ctx.metrics if lo <= m[0] and m[1] <= fig.start]
    if not near or any(d[0] >= lo and d[1] <= fig.start for d in ctx.directions):
        return frozenset({"change_pts"})
    return None


def range_metric(
    doc: Document, sent: Sentence, ctx: SentenceContext, fig: Figure, b: Binding
) -> frozenset[str] | None:
    """One end of a range ("between 2,177.10 and 2,243.16"): a level, or a low or a high;
    None when the words decide."""
    window = doc.lower[sent.start : fig.start]
    levelish = [m for m in ctx.metrics if m[1] <= fig.start and m[2] is LEVELISH]
    if levelish and fig.start - levelish[-1][1] < 30:
        return LEVELISH
    if _RANGE_WORD_RE.search(window) or "52w" in b.periods or "week" in b.periods:
        return frozenset({"low"}) if fig.range_role == "low" else frozenset({"high"})
    return None


def worded_metric(
    doc: Document, sent: Sentence, ctx: SentenceContext, fig: Figure, lo: int
) -> frozenset[str] | None:
    """The metric word that governs the figure: the nearest before it in its stretch, or one
    attached after it ("the 22,500 level", "2,218.42 (its intraday high)")."""
    before = [m for m in ctx.metrics if m[1] <= fig.start and m[0] >= lo - 1]
    if not before:
        before = [m for m in ctx.metrics if m[1] <= fig.start and fig.start - m[1] < 25]
    after = [
        m
        for m in ctx.metrics
        if m[0] >= fig.end
        and m[0] - fig.end < 22
        and _METRIC_GAP_RE.fullmatch(doc.masked[fig.end : m[0]])
    ]
    if not before and not after:
        after = [
            m
            for m in ctx.metrics
            if m[2] is LEVELISH
            and m[0] >= fig.end
            and m[0] - fig.end < 40
            and not _FIGURE_BETWEEN_RE.search(doc.masked[fig.end : m[0]])
        ]
    nxt = next((f.start for f in sent.figures if f.start >= fig.end), sent.end + 99)
    attached = [
        m
        for m in after
        if (
            "(" in doc.masked[fig.end : m[0]]
            or (m[2] is LEVELISH and not doc.masked[fig.end : m[0]].strip())
        )
        and not (before and nxt - m[1] < 20)
    ]  # "the 22,500 level", "2,218.42 (its intraday high)"; not "MA: 1,955.65 (close
    # about 2.8% above it)", where "close" begins a clause about the next figure
    chosen = (
        attached[0][2] if attached else before[-1][2] if before else after[0][2] if after else None
    )
    if (
        chosen is not None
        and before
        and chosen is before[-1][2]
        and "close_high" not in chosen
        and ("high" in chosen or "low" in chosen)
        and any(m[2] == _CLOSES and before[-1][0] - m[1] < 25 for m in before[:-1])
    ):
        # "to close at its weekly high of 2,328.06": a close word governs the extreme, so
        # the figure is the close, and the highest (lowest) close as well
        chosen = chosen | _CLOSES
    if (
        fig.kind in ("number", "points")
        and chosen is not None
        and "close" not in chosen
        and _CLOSE_AT_RE.search(doc.lower, max(sent.start, fig.start - 60), fig.start)
    ):
        # "ending the week with a whimper at 24,858.82": a finish is the close, whatever
        # extreme was named earlier in the sentence
        chosen = _CLOSES
    if fig.kind in ("number", "points") and chosen is None:
        pre = doc.masked[max(lo, fig.start - 30) : fig.start]
        if _TO_END_RE.search(pre) and any(
            d[1] <= fig.start and d[0] >= fig.start - 90 for d in ctx.directions
        ):
            return frozenset({"close", "close_high", "close_low", "high", "low"})
    return chosen
