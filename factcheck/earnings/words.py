"""The words of an earnings story, as cues with their meaning, found in one pass per sentence.

Every phrase comes from a row of `factcheck.grammar` (metric words with the sign of result
they state, basis words, period phrases, the words that make a figure a base, direction
words); one alternation of all of them is compiled once, and a phrase that is a row of
several tables carries every meaning ("lost": a loss, and a downward move).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from factcheck.grammar import (
    COUNT_NOUNS,
    DIRECTION,
    EARNINGS_BASE_WORDS,
    EARNINGS_BASES,
    EARNINGS_METRICS,
    EARNINGS_PERIODS,
    ESTIMATE_VERDICTS,
    OUTLOOK_NOUNS,
    PAST_RESULT_LEADS,
    RESULT_NEGATIONS,
    SEGMENT_REVENUE,
    SEGMENT_WORDS,
    SHARE_MOVE_VERBS,
    ResultBasis,
    ResultMetric,
    ResultPeriod,
    alternation,
)


@dataclass(frozen=True, slots=True)
class Meaning:
    """What one phrase says, from every table it is a row of."""

    metric: ResultMetric | None = None
    sign: int = 0  # the result's sign the metric word states: -1 loss, +1 profit
    basis: ResultBasis | None = None
    period: ResultPeriod | None = None
    base: bool = False  # "from", "compared with": the figure after it is a base
    direction: int = 0  # +1 up / -1 down (`grammar.DIRECTION`)


@dataclass(frozen=True, slots=True)
class Cue:
    """A phrase found in a sentence: offsets in the sentence, the phrase, its meaning."""

    start: int
    end: int
    word: str
    meaning: Meaning


def _meanings() -> dict[str, Meaning]:
    out: dict[str, dict[str, object]] = {}

    def put(word: str, **fields: object) -> None:
        out.setdefault(word, {}).update(fields)

    for word, metric, sign in EARNINGS_METRICS:
        put(word, metric=metric, sign=sign)
    for word, basis in EARNINGS_BASES:
        put(word, basis=basis)
    for word, period in EARNINGS_PERIODS:
        put(word, period=period)
    for word in EARNINGS_BASE_WORDS:
        put(word, base=True)
    for word, direction in DIRECTION:
        put(word, direction=direction)
    return {w: Meaning(**fields) for w, fields in out.items()}  # type: ignore[arg-type]


MEANINGS: Final = _meanings()
_CUE_RE: Final = re.compile(rf"(?<![\w-]){alternation(MEANINGS)}(?![\w-])")
_SPACES_RE: Final = re.compile(r"\s+")


#: A segment's revenue ("data center revenue", "sales of the iPhone", "revenue from
#: services"): a line no earnings brief holds.
_SEGMENT_RE: Final = re.compile(
    rf"(?<![\w-])(?:{alternation(SEGMENT_WORDS)}\s+{alternation(SEGMENT_REVENUE)}|"
    rf"{alternation(SEGMENT_REVENUE)}\s+(?:of|from|to|in)\s+(?:its\s+)?{alternation(SEGMENT_WORDS)})"
    r"(?![\w-])"
)
_SEGMENT: Final = Meaning(metric=ResultMetric.OUTSIDE)


def cues_in(lower: str) -> list[Cue]:
    """Every cue of a sentence's lower-cased text, left to right, longest phrase first; a
    segment's revenue is one cue of a line outside the brief."""
    segments = [Cue(m.start(), m.end(), "segment", _SEGMENT) for m in _SEGMENT_RE.finditer(lower)]
    out: list[Cue] = []
    for m in _CUE_RE.finditer(lower):
        if any(c.start < m.end() and m.start() < c.end for c in segments):
            continue
        word = _SPACES_RE.sub(" ", m.group(0))
        meaning = MEANINGS.get(word)
        if meaning is not None:
            out.append(Cue(m.start(), m.end(), word, meaning))
    if segments:
        out = sorted((*out, *segments), key=lambda c: c.start)
    return _share_moves(out)


def _share_moves(cues: list[Cue]) -> list[Cue]:
    """ "Shares lost 3%": a result verb after the share's name is its move, not a loss."""
    out: list[Cue] = []
    last_metric: ResultMetric | None = None
    for cue in cues:
        if cue.word in SHARE_MOVE_VERBS and last_metric is ResultMetric.PRICE:
            cue = Cue(
                cue.start,
                cue.end,
                cue.word,
                Meaning(metric=ResultMetric.PRICE, direction=cue.meaning.direction),
            )
        if cue.meaning.metric is not None:
            last_metric = cue.meaning.metric
        out.append(cue)
    return out


#: A verdict on the estimate, with an estimate word within five words after it ("topped
#: Wall Street expectations", "missed the consensus estimate").
_ESTIMATE_NOUNS: Final = tuple(w for w, b in EARNINGS_BASES if b is ResultBasis.ESTIMATE)
VERDICT_RE: Final = re.compile(
    rf"(?<![\w-])(?P<verdict>{alternation(w for w, _ in ESTIMATE_VERDICTS)})"
    rf"(?:\s+[\w'’.&-]+){{0,5}}?\s+(?P<noun>{alternation(_ESTIMATE_NOUNS)})(?![\w-])"
)
VERDICTS: Final = {w: v for w, v in ESTIMATE_VERDICTS}

#: A count before its noun ("10 analysts", "12 months"): no money figure.
COUNT_AFTER_RE: Final = re.compile(rf"\s+(?:{alternation(COUNT_NOUNS)})(?![\w-])")

#: A denial within the three words before a result word ("does not turn a GAAP profit").
NEGATED_RE: Final = re.compile(
    rf"(?:(?<![\w-]){alternation(RESULT_NEGATIONS)}|n't)(?:\s+[\w-]+){{0,3}}\s+$"
)
#: A result word set before the quarter: "after two quarters of losses", "reversing a loss"
#: (`PAST_RESULT_LEADS`, then at most four words within the clause).
PAST_RESULT_RE: Final = re.compile(
    rf"(?<![\w-]){alternation(PAST_RESULT_LEADS)}(?:\s+[\w-]+){{0,4}}\s+$"
)
#: The outlook right before a beat/miss word: "forecast tops estimates" (`OUTLOOK_NOUNS`).
OUTLOOK_BEFORE_RE: Final = re.compile(rf"(?<![\w-]){alternation(OUTLOOK_NOUNS)}\s+$")
