"""The worded claims of an earnings story, judged against the brief: beat/miss words
against the estimate block (P009), profit/loss words against the result's sign (P010) and
rose/fell words against a metric's change from the year-ago quarter (P011).

Each judge reads the sentence's cues (`factcheck.earnings.words`); a word that introduces a
figure ("a loss of $214.3 million") is the figure's to judge (`F008`), not a phrase's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final

from factcheck.brief import Fact
from factcheck.earnings.facts import EarningsFacts, metric_name
from factcheck.earnings.words import (
    NEGATED_RE,
    OUTLOOK_BEFORE_RE,
    PAST_RESULT_RE,
    VERDICT_RE,
    VERDICTS,
    Cue,
)
from factcheck.finding import Finding
from factcheck.grammar import WAYS, ResultBasis, ResultMetric, ResultPeriod
from factcheck.report import Status
from factcheck.rules import ESTIMATE_VERDICT, METRIC_DIRECTION, RESULT_WORD, Rule

#: How far after a metric word its direction word may stand ("revenue for the quarter rose").
_DIRECTION_REACH: Final = 32
#: How far after a result word its period phrase may stand ("a loss a year earlier").
_PERIOD_REACH: Final = 40
_VERDICT_WORDS: Final = {+1: "beat", -1: "missed", 0: "matched"}
_LEVEL_WORDS: Final = frozenset(w for w, _ in WAYS)
#: The rules of this module's judges: a genre runs those its row names (`Genre.phrase_rules`).
PHRASE_RULES: Final = (ESTIMATE_VERDICT, RESULT_WORD, METRIC_DIRECTION)


def _finding(
    base: int, start: int, end: int, status: Status, fact: Fact | None, message: str, rule: Rule
) -> Finding:
    return Finding(base + start, base + end, "phrase", status, fact, None, message, None, rule)


def phrase_findings(
    lower: str,
    base: int,
    cues: Sequence[Cue],
    figure_spans: Sequence[tuple[int, int]],
    facts: EarningsFacts,
    rules: frozenset[str],
) -> Iterator[Finding]:
    """Every judged phrase of one sentence (`lower`: its lower-cased text; `base`: its offset
    in the article; `figure_spans`: its figures, offsets in the sentence)."""
    if ESTIMATE_VERDICT.code in rules:
        yield from _verdicts(lower, base, cues, facts)
    if RESULT_WORD.code in rules:
        yield from _result_words(lower, base, cues, figure_spans, facts)
    if METRIC_DIRECTION.code in rules:
        verdicts = [(m.start(), m.end()) for m in VERDICT_RE.finditer(lower)]
        yield from _directions(base, cues, figure_spans, verdicts, facts)


def _verdicts(
    lower: str, base: int, cues: Sequence[Cue], facts: EarningsFacts
) -> Iterator[Finding]:
    for m in VERDICT_RE.finditer(lower):
        if OUTLOOK_BEFORE_RE.search(lower, max(0, m.start() - 24), m.start()):
            continue  # "forecast tops estimates": the outlook's verdict, not the quarter's
        said = VERDICTS[" ".join(m["verdict"].split())]
        metrics = [c.meaning.metric for c in cues if c.end <= m.start() and c.meaning.metric]
        about_revenue = bool(metrics) and metrics[-1] is ResultMetric.REVENUE
        if facts.brief.estimate is None:
            yield _finding(
                base,
                m.start(),
                m.end(),
                # the data cannot settle it either way: an error in a draft (strict), a
                # warning in another's article (`--allow-unsupported`), whose estimate may be
                # a vendor's the data does not hold
                Status.UNSUPPORTED,
                None,
                "the data holds no analysts' estimate: a beat or a miss cannot be said",
                ESTIMATE_VERDICT,
            )
            continue
        if about_revenue:
            yield _finding(
                base,
                m.start(),
                m.end(),
                Status.UNSUPPORTED,
                None,
                "the data holds no revenue estimate",
                ESTIMATE_VERDICT,
            )
            continue
        actual = facts.value("eps_adjusted", facts.brief.quarter)
        estimate = facts.value("eps_estimate", facts.brief.quarter)
        if actual is None or estimate is None:
            yield _finding(
                base,
                m.start(),
                m.end(),
                Status.UNSUPPORTED,
                None,
                "no adjusted EPS or estimate in the brief",
                ESTIMATE_VERDICT,
            )
            continue
        real = (actual.value > estimate.value) - (actual.value < estimate.value)
        message = (
            f"adjusted EPS {actual.display} against the estimate {estimate.display}: "
            f"{_VERDICT_WORDS[real]}"
        )
        status = Status.VERIFIED if real == said else Status.CONTRADICTED
        yield _finding(base, m.start(), m.end(), status, actual, message, ESTIMATE_VERDICT)


def _introduces_figure(cue: Cue, cues: Sequence[Cue], spans: Sequence[tuple[int, int]]) -> bool:
    """Does a figure follow the word before the next metric word (its figure, judged there)?"""
    nxt = min((c.start for c in cues if c.start >= cue.end and c.meaning.metric), default=10**9)
    return any(cue.end <= s < nxt for s, _ in spans)


def _period_after(cue: Cue, cues: Sequence[Cue]) -> ResultPeriod | None:
    for c in cues:
        if c.start >= cue.end and c.start - cue.end <= _PERIOD_REACH:
            if c.meaning.period in (ResultPeriod.YEAR_AGO, ResultPeriod.PREVIOUS):
                return c.meaning.period
            if c.meaning.metric is not None:
                return None
    return None


def _estimated(cue: Cue, cues: Sequence[Cue]) -> bool:
    return any(c.end <= cue.start and c.meaning.basis is ResultBasis.ESTIMATE for c in cues)


def _adjusted(cue: Cue, cues: Sequence[Cue]) -> bool:
    """An adjusted-basis word stands right before the result word ("adjusted profit")."""
    prev = [c for c in cues if c.end <= cue.start]
    return (
        bool(prev)
        and prev[-1].meaning.basis is ResultBasis.ADJUSTED
        and cue.start - prev[-1].end <= 1
    )


def _result_words(
    lower: str,
    base: int,
    cues: Sequence[Cue],
    spans: Sequence[tuple[int, int]],
    facts: EarningsFacts,
) -> Iterator[Finding]:
    for cue in cues:
        m = cue.meaning
        if not m.sign or m.metric not in (ResultMetric.NET_INCOME, ResultMetric.EPS):
            continue
        if _introduces_figure(cue, cues, spans) or _estimated(cue, cues):
            continue
        if NEGATED_RE.search(lower, max(0, cue.start - 40), cue.start):
            continue  # "does not turn a GAAP profit": no claim of one
        if PAST_RESULT_RE.search(lower, max(0, cue.start - 48), cue.start):
            continue  # "after two quarters of losses": a claim on quarters before
        metric = "net_income" if m.metric is ResultMetric.NET_INCOME else "eps_diluted"
        if _adjusted(cue, cues):
            metric = "eps_adjusted"  # "Adjusted Profit Tops View": the adjusted result's sign
        quarter = facts.quarter_of(_period_after(cue, cues))
        fact = facts.value(metric, quarter)
        if fact is None or fact.value == 0:
            continue
        right = (fact.value > 0) == (m.sign > 0)
        said = "a profit" if m.sign > 0 else "a loss"
        message = f"{said}: {metric_name(metric)} of {fact.period} is {fact.display}"
        status = Status.VERIFIED if right else Status.CONTRADICTED
        yield _finding(base, cue.start, cue.end, status, fact, message, RESULT_WORD)


_DIRECTED: Final = {
    ResultMetric.REVENUE: "revenue",
    ResultMetric.NET_INCOME: "net_income",
    ResultMetric.EPS: "eps_diluted",
    ResultMetric.OPERATING_INCOME: "operating_income",
    ResultMetric.GROSS_PROFIT: "gross_profit",
}


def _directions(
    base: int,
    cues: Sequence[Cue],
    spans: Sequence[tuple[int, int]],
    verdicts: Sequence[tuple[int, int]],
    facts: EarningsFacts,
) -> Iterator[Finding]:
    for i, cue in enumerate(cues):
        metric = _DIRECTED.get(cue.meaning.metric) if cue.meaning.metric else None
        if metric is None or cue.meaning.sign < 0 or _estimated(cue, cues):
            continue
        word = _direction_after(i, cues)
        if word is None or any(cue.end <= s < word.start for s, _ in spans):
            continue
        if any(a <= word.start < b for a, b in verdicts):
            continue  # "topped expectations": a verdict on the estimate (P009)
        if any(word.end <= s <= word.end + 3 for s, _ in spans):
            continue  # "rose 4.9%": the change's own word, judged with it
        if _period_after(word, cues) is ResultPeriod.PREVIOUS:
            now, then = (
                facts.value(metric, facts.brief.quarter),
                facts.value(metric, facts.brief.previous),
            )
            against = "the previous quarter"
        else:
            first, restated = facts.year_ago(metric)
            now, then = facts.value(metric, facts.brief.quarter), restated or first
            against = "the year-ago quarter"
        if now is None or then is None or now.value == then.value:
            continue
        real = 1 if now.value > then.value else -1
        message = (
            f"{metric_name(metric)} {now.display} against {then.display} in {against}: "
            f"{'up' if real > 0 else 'down'}"
        )
        status = Status.VERIFIED if real == word.meaning.direction else Status.CONTRADICTED
        yield _finding(base, word.start, word.end, status, now, message, METRIC_DIRECTION)


def _direction_after(i: int, cues: Sequence[Cue]) -> Cue | None:
    """The verb of change after a metric word ("revenue rose"); not "up" or "lower" alone,
    which say a level ("profit held up")."""
    cue = cues[i]
    for c in cues[i + 1 :]:
        if c.start - cue.end > _DIRECTION_REACH:
            return None
        if c.meaning.metric is not None or c.meaning.base or c.meaning.period is not None:
            return None
        if c.meaning.direction and c.word not in _LEVEL_WORDS:
            return c
    return None
