"""Which level a change is measured from ("8.18% below the 2,442.03 close"), and which of the
mentions listed before a run of figures goes with each ("the S&P 500 and the Nasdaq rose
0.78% and 0.98%, respectively")."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Final

from factcheck.bind.model import Mention
from factcheck.bind.patterns import _CLAUSE_BREAK_RE, _SPACES_RE
from factcheck.document import Document, Figure, Sentence
from factcheck.grammar import (
    GAP_LABELS,
    GAP_LEVEL_NOUNS,
    GAP_OVER,
    GAP_PATTERN,
    GAP_SIDES,
    GAP_THAT_NOUNS,
    UP,
    alternation,
)

#: What may stand between a direction word and its figure for the two to be one phrase
#: ("lost +2.38%", "fell by a +0.5%", "gained some -1.2%").
_RIGHT_BEFORE_RE: Final = re.compile(r"\s*(?:(?:by|an?|some|about|roughly|nearly)\s+)?", re.ASCII)


#: A change measured from a level: "shy of the record close of", "under that", "below its
#: 52-week intraday high of" (the level is the next figure), or "below it" (the one before).
_GAP_WORDS: Final = rf"(?P<rel>{GAP_PATTERN})"
_GAP_SIDE: Final = {w: side for w, side in GAP_SIDES}
_GAP_TO_NEXT_RE: Final = re.compile(
    rf"\s*(?:{_GAP_WORDS}\s+(?:(?:its|the|that|this|a|their)\s+)?"
    r"(?:(?!(?:to|at|on|in|for|and|or|from|by|with)\s)[\w'’-]+\s+){0,4}?"
    # "rebounded 9.1 per cent from its intraday low of 7,169.2": "from" needs a level noun
    r"|(?P<from>from)\s+(?:its|the|that|a)\s+(?:[\w'’-]+\s+){0,3}?"
    rf"{alternation(GAP_LEVEL_NOUNS)}\s+)(?:of\s+|at\s+)?",
    re.ASCII,
)
_GAP_TO_PREVIOUS_RE: Final = re.compile(
    rf"\s*(?:{_GAP_WORDS}|(?P<over>{alternation(GAP_OVER)}))(?:\s+(?:it|that\s+"
    rf"{alternation(GAP_THAT_NOUNS)})\b|\s*(?=$|[),;.]))",
    re.ASCII,
)
#: "**From the May 17 record close (40,003.59)**: -3.01%": a label that states the level.
_GAP_LABEL_RE: Final = re.compile(
    rf"\b{alternation(GAP_LABELS)}\s+(?:the|its)\b[^:\n]{{0,50}}$", re.ASCII
)
_GAP_LABEL_END_RE: Final = re.compile(r"\s*\)?\s*\**\s*[:=]\s*\**\s*", re.ASCII)


#: How many figures back "below it" looks for the level it means.
_GAP_LOOKBACK: Final = 6


def _side(rel: str) -> int:
    return _GAP_SIDE[_SPACES_RE.sub(" ", rel)]


def _gap_to(
    doc: Document, figures: list[Figure], idx: int, start: int, end: int
) -> tuple[Figure, int] | None:
    """The level a percent or points figure is a distance from, and the side the close is on
    (-1 below, +1 above, 0 as the figure's sign or direction says)."""
    fig = figures[idx]
    nxt = figures[idx + 1] if idx + 1 < len(figures) else None
    if nxt is not None and nxt.kind == "number" and nxt.start - fig.end < 60:
        m = _GAP_TO_NEXT_RE.fullmatch(doc.lower, fig.end, nxt.start)
        if m is not None:
            return nxt, 0 if m.group("from") else _side(m.group("rel"))
    prev = next(
        (
            figures[i]
            for i in range(idx - 1, max(-1, idx - 1 - _GAP_LOOKBACK), -1)
            if figures[i].kind == "number"
        ),
        None,
    )
    if prev is None:
        return None
    m = _GAP_TO_PREVIOUS_RE.match(doc.lower, fig.end, min(end, fig.end + 40))
    if m is not None:
        return prev, UP if m.group("rel") is None else _side(m.group("rel"))
    if (
        figures[idx - 1] is prev
        and _GAP_LABEL_END_RE.fullmatch(doc.lower, prev.end, fig.start)
        and _GAP_LABEL_RE.search(doc.lower, max(start, prev.start - 60), prev.start)
    ):
        return prev, 0  # "From the Feb 14 record high (8,615.20): -9.58%"
    return None


_LIST_JOIN_RE: Final = re.compile(r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?", re.ASCII)


def _respectively(
    doc: Document, sent: Sentence, mentions: list[Mention], fig: Figure, at: int
) -> Mention | None:
    """ "the 50-day and 200-day averages, at 2,185.03 and 2,177.54 respectively": the i-th
    figure before "respectively" goes with the i-th of the mentions listed before them."""
    if doc.lower.find("respectively", sent.start, sent.end) < 0:
        return _paired(doc, sent, mentions, at) if at >= 0 else None
    tail = doc.lower.find("respectively", fig.end, sent.end)
    if tail < 0:
        return None
    group = [f for f in sent.figures if f.end <= tail and f.kind == fig.kind]
    # the list right before "respectively": figures joined by "and" or commas only
    for i in range(len(group) - 1, 0, -1):
        if not _LIST_JOIN_RE.fullmatch(doc.lower[group[i - 1].end : group[i].start]):
            group = group[i:]
            break
    first = group[0].start if group else fig.start
    listed = [m for m in mentions if m.end <= first]
    if len(group) < 2 or len(listed) < len(group):
        return None
    listed = listed[-len(group) :]
    if len({m.kind for m in listed}) != 1:
        return None
    place = next((i for i, f in enumerate(group) if f is fig), None)
    return listed[place] if place is not None else None


#: The longest list of figures paired with a list of mentions.
_MAX_PAIRED: Final = 8


def _paired(doc: Document, sent: Sentence, mentions: list[Mention], at: int) -> Mention | None:
    """ "finished Thursday and Friday flat, up 0.54 and 2.57 points": a list of figures right
    after a list of as many mentions of one kind pairs them in order, "respectively" unsaid."""
    figures = sent.figures
    lo = hi = at
    while lo > 0 and at - lo <= _MAX_PAIRED and _joined(doc, figures[lo - 1], figures[lo]):
        lo -= 1
    while (
        hi + 1 < len(figures)
        and hi - at <= _MAX_PAIRED
        and _joined(doc, figures[hi], figures[hi + 1])
    ):
        hi += 1
    n = hi - lo + 1
    if n < 2 or n > _MAX_PAIRED:
        return None  # "1,1,1,...": a run of figures, not a list to pair
    first = figures[lo].start
    listed = [m for m in mentions if m.end <= first]
    if len(listed) < n:
        return None
    listed = listed[-n:]
    if len({m.kind for m in listed}) != 1 or len({m.value for m in listed}) != n:
        return None
    for a, b in pairwise(listed):
        if not _LIST_JOIN_RE.fullmatch(doc.lower, a.end, b.start):
            return None
    if _CLAUSE_BREAK_RE.search(doc.lower, listed[-1].end, first):
        return None
    return listed[at - lo]


def _joined(doc: Document, left: Figure, right: Figure) -> bool:
    return left.kind == right.kind and bool(
        _LIST_JOIN_RE.fullmatch(doc.lower, left.end, right.start)
    )
