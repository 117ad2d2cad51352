"""The earnings engine: an earnings snapshot checked against its `EarningsBrief` (a
`check.Engine`, named by the earnings genre's row).

Sentence by sentence, in order: quarter labels (`quarters`), then each figure, bound
(`binding`) and judged (`judge`), then the worded claims (`phrases`).  A figure whose
sentence names no metric takes the one the sentence before in its paragraph was about.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Final

from factcheck.brief import Brief, EarningsBrief, Entity
from factcheck.claim_builder import ClaimBuilder
from factcheck.document import Figure
from factcheck.document import Sentence as Read
from factcheck.earnings.binding import Bound, Mention, Sentence, bind, lead_period, milestone
from factcheck.earnings.dates import brief_days, judge_date, judge_weekdays
from factcheck.earnings.facts import EarningsFacts
from factcheck.earnings.judge import Verdict, judge
from factcheck.earnings.phrases import phrase_findings
from factcheck.earnings.quarters import Label, judge_label, labels_in, names
from factcheck.earnings.words import COUNT_AFTER_RE, VERDICT_RE, Cue, cues_in
from factcheck.extract import parse
from factcheck.grammar import (
    CROSSING_VERBS,
    Hedge,
    ResultBasis,
    ResultMetric,
    ResultPeriod,
    alternation,
)
from factcheck.report import CheckReport, Status
from factcheck.rules import FIGURE_VALUE, FISCAL_QUARTER

#: A crossing verb right before a figure: "topped $100 billion" (`CROSSING_VERBS`)
_CROSSED_RE: Final = re.compile(rf"(?<![\w-])(?:{alternation(CROSSING_VERBS)})\s+$")

if TYPE_CHECKING:
    from factcheck.genres.genre import Genre

_FIRST: Final = itemgetter(0)


@lru_cache(maxsize=32)
def _names_re(entities: tuple[Entity, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every name of the brief's entities (lower case), and name -> key."""
    keys: dict[str, str] = {}
    for e in entities:
        for name in (e.name, e.key, *e.aliases):
            if name:
                keys.setdefault(" ".join(name.lower().split()), e.key)
    return re.compile(rf"(?<![\w&-]){alternation(keys)}(?![\w-])"), keys


def _mentions(lower: str, entities: tuple[Entity, ...]) -> list[Mention]:
    pattern, keys = _names_re(entities)
    return [
        Mention(m.start(), m.end(), keys[" ".join(m.group(0).split())])
        for m in pattern.finditer(lower)
    ]


def _is_figure(fig: Figure, lower: str, base: int, labels: list[tuple[int, int]]) -> bool:
    """Dates, digits of a quarter label ("3Q") and counts ("10 analysts") are no figures."""
    if fig.kind in ("date", "count"):
        return False
    start, end = fig.start - base, fig.end - base
    if any(a < end and start < b for a, b in labels):
        return False
    if fig.kind == "number" and lower[end : end + 1] == "-" and lower[end + 1 : end + 2].isalpha():
        return False  # a name with digits: "10-Q", "8-K"
    return not (fig.kind == "number" and COUNT_AFTER_RE.match(lower, end))


def _column(sent: Read, text: str, fig: Figure, brief: EarningsBrief) -> ResultPeriod | None:
    """The period a table column's header gives its figures: "Q3 2019", "Year ago"."""
    for i, (a, b) in enumerate(sent.cells):
        if a <= fig.start < b and i < len(sent.header_cells):
            start, end = sent.header_cells[i]
            header = text[start:end].lower()  # as written: the reader masks a label's digits
            for cue in cues_in(header):
                if cue.meaning.period in (ResultPeriod.YEAR_AGO, ResultPeriod.PREVIOUS):
                    return cue.meaning.period
            for label in labels_in(header):
                if names(label, brief.quarter):
                    return None
                if names(label, brief.year_ago):
                    return ResultPeriod.YEAR_AGO
                if brief.previous is not None and names(label, brief.previous):
                    return ResultPeriod.PREVIOUS
    return None


def _labels(
    out: ClaimBuilder,
    sent: Read,
    original: str,
    cues: list[Cue],
    brief: EarningsBrief,
    labels: list[Label],
    bound: list[tuple[tuple[int, int], Bound]],
) -> None:
    """Judge the sentence's quarter labels (no figures); `bound` holds its figures' spans (in
    the sentence) and bindings: a label right before a figure of the quarter is that figure's."""
    periods = frozenset(c.meaning.period for c in cues if c.meaning.period is not None)
    table = sent.block_kind in ("table", "header")
    compared = any(c.meaning.base for c in cues)
    estimated = any(c.meaning.basis is ResultBasis.ESTIMATE for c in cues)
    for label in labels:
        current = not table and _labels_a_result(label, cues, bound)
        status, expected, message = judge_label(
            label,
            brief,
            periods,
            table=table,
            compared=compared and not current,
            estimated=estimated,
            current=current,
        )
        value = original[label.start : label.end]
        out.add(
            sent.start + label.start,
            sent.start + label.end,
            sent,
            "quarter",
            value,
            status,
            None,
            expected,
            message,
            FISCAL_QUARTER,
        )


def _dates(
    out: ClaimBuilder,
    sent: Read,
    text: str,
    lower: str,
    brief: EarningsBrief,
    days: dict[dt.date, str],
) -> None:
    """Judge the sentence's dates and bare weekdays (`text` as written, `lower` its masked
    lower-cased reading; `days` the brief's)."""
    dated = [(d.start - sent.start, d.end - sent.start) for d in sent.dates]
    verdicts = [judge_date(d, brief, days, lower, d.start - sent.start) for d in sent.dates]
    verdicts += judge_weekdays(text, brief, dated)
    for v in verdicts:
        out.add(
            sent.start + v.start,
            sent.start + v.end,
            sent,
            "date",
            v.value,
            v.status,
            None,
            v.expected,
            v.message,
            v.rule,
        )


#: How far before a label a base word makes it the base's ("compared with the third quarter").
_LABEL_LEAD: Final = 8


def _labels_a_result(
    label: Label, cues: list[Cue], bound: list[tuple[tuple[int, int], Bound]]
) -> bool:
    """The label stands before the sentence's next figure with no period or base word between,
    and that figure is the quarter's own: "Revenue for the fiscal 2023 third quarter, which
    ended Oct. 30, fell 17%" names the quarter whose change it gives."""
    after = [(span, b) for span, b in bound if span[0] >= label.end]
    if not after:
        return False
    (start, _), b = after[0]
    between = [c for c in cues if label.end <= c.start and c.end <= start]
    if any(c.meaning.period is not None or c.meaning.base for c in between):
        return False
    lead = [c for c in cues if c.end <= label.start and label.start - c.end <= _LABEL_LEAD]
    if any(c.meaning.base or c.meaning.period is not None for c in lead):
        return False  # "Compared with the third quarter of 2022, revenue fell": the base's
    return (
        b.period is None
        and not b.base
        and b.metric not in (None, ResultMetric.PRICE, ResultMetric.OUTSIDE)
    )


def _add_verdict(
    out: ClaimBuilder, sent: Read, fig: Figure, verdict: Verdict, words: set[tuple[int, int]]
) -> None:
    """The claim on a figure; a wrong sign word is a claim on the word, once, and the figure
    whose size is right is verified."""
    fact_id = verdict.fact.id if verdict.fact else None
    if verdict.on_word is None:
        out.add(
            fig.start,
            fig.end,
            sent,
            fig.kind,
            fig.written,
            verdict.status,
            fact_id,
            verdict.expected,
            verdict.message,
            verdict.rule,
        )
        return
    a, z = verdict.on_word
    if (a, z) not in words:
        words.add((a, z))
        out.add(
            sent.start + a,
            sent.start + z,
            sent,
            "phrase",
            None,
            verdict.status,
            fact_id,
            verdict.expected,
            verdict.message,
            verdict.rule,
        )
    out.add(
        fig.start,
        fig.end,
        sent,
        fig.kind,
        fig.written,
        Status.VERIFIED,
        fact_id,
        None,
        f"the size is right ({verdict.message})",
        FIGURE_VALUE,
    )


def _figures(
    out: ClaimBuilder,
    sent: Read,
    text: str,
    reading: Sentence,
    figs: list[Figure],
    facts: EarningsFacts,
    inherited: ResultMetric | None,
) -> list[Bound]:
    """Bind and judge each figure of the sentence, in order; their bindings."""
    brief = facts.brief
    before: Bound | None = None
    bound: list[Bound] = []
    words: set[tuple[int, int]] = set()
    for i, fig in enumerate(figs):
        crossed = _CROSSED_RE.search(reading.lower, 0, reading.spans[i][0])
        passed = crossed or milestone(reading.lower, reading.spans[i][1])
        if fig.kind == "currency" and fig.hedge is Hedge.EXACT and passed:
            # "revenue topped $100 billion", "its first $100 billion quarter": a lower bound
            fig.hedge = Hedge.ABOVE
        column = _column(sent, text, fig, brief) if sent.block_kind == "table" else None
        b = bind(fig, i, reading, brief.subject.key, inherited, before, column)
        _add_verdict(out, sent, fig, judge(fig, b, facts), words)
        before = b
        bound.append(b)
    return bound


def check_earnings(
    text: str, brief: Brief, genre: Genre, *, source: str, strict: bool
) -> CheckReport:
    """Check every money figure, change, share price, quarter label and result word of an
    earnings story against its brief."""
    assert isinstance(brief, EarningsBrief), brief.kind
    facts = EarningsFacts(brief)
    doc = parse(text, anchor=genre.anchor(brief))
    out = ClaimBuilder(doc, strict)
    days = brief_days(brief)
    inherited: ResultMetric | None = None
    block = -1
    for sent in doc.sentences:
        if sent.block != block:
            inherited, block = None, sent.block
        lower = doc.lower[sent.start : sent.end]
        original = doc.text[sent.start : sent.end].lower()
        cues = cues_in(lower)
        labels = labels_in(original)
        taken = [(x.start, x.end) for x in labels]
        figs = [f for f in sent.figures if _is_figure(f, original, sent.start, taken)]
        spans = [(f.start - sent.start, f.end - sent.start) for f in figs]
        ahead = any(c.meaning.period is ResultPeriod.AHEAD for c in cues)
        estimated = bool(VERDICT_RE.search(lower)) or any(
            c.meaning.basis is ResultBasis.ESTIMATE for c in cues
        )
        lead = lead_period(cues, spans[0][0]) if spans else None
        mentions = _mentions(original, brief.entities)
        reading = Sentence(lower, cues, mentions, spans, lead, ahead, estimated)
        bound = _figures(out, sent, doc.text, reading, figs, facts, inherited)
        _dates(out, sent, doc.text[sent.start : sent.end], lower, brief, days)
        _labels(out, sent, original, cues, brief, labels, list(zip(spans, bound, strict=True)))
        metrics = [c.meaning.metric for c in cues if c.meaning.metric is not None]
        if metrics:
            inherited = metrics[-1]
        if ahead:
            continue  # the outlook's words are no claims on the quarter
        rules = genre.phrase_rules
        for finding in phrase_findings(lower, sent.start, cues, spans, facts, rules):
            out.finding(finding, sent)
    out.account_for_every_number()
    claims = [c for _, c in sorted(out.claims, key=_FIRST)]
    return CheckReport.model_construct(
        source=source, brief_id=genre.describe(brief), claims=tuple(claims), strict=strict
    )


__all__ = ["check_earnings"]
