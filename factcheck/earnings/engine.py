"""The earnings engine: an earnings snapshot checked against its `EarningsBrief` (a
`check.Engine`, named by the earnings genre's row).

Sentence by sentence, in order: quarter labels (`quarters`), then each figure, bound
(`binding`) and judged (`judge`), then the worded claims (`phrases`).  A figure whose
sentence names no metric takes the one the sentence before in its paragraph was about.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Final

from factcheck.brief import Brief, EarningsBrief, Entity
from factcheck.claim_builder import ClaimBuilder
from factcheck.document import Figure
from factcheck.earnings.binding import Bound, Mention, bind
from factcheck.earnings.facts import EarningsFacts
from factcheck.earnings.judge import judge
from factcheck.earnings.phrases import phrase_findings
from factcheck.earnings.quarters import judge_label, labels_in
from factcheck.earnings.words import COUNT_AFTER_RE, cues_in
from factcheck.extract import parse
from factcheck.grammar import ResultMetric, ResultPeriod, alternation
from factcheck.report import CheckReport
from factcheck.rules import FISCAL_QUARTER

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


def check_earnings(
    text: str, brief: Brief, genre: Genre, *, source: str, strict: bool
) -> CheckReport:
    """Check every money figure, change, share price, quarter label and result word of an
    earnings story against its brief."""
    assert isinstance(brief, EarningsBrief), brief.kind
    facts = EarningsFacts(brief)
    doc = parse(text, anchor=genre.anchor(brief))
    out = ClaimBuilder(doc, strict)
    inherited: ResultMetric | None = None
    block = -1
    for sent in doc.sentences:
        if sent.block != block:
            inherited, block = None, sent.block
        base = sent.start
        lower = doc.lower[sent.start : sent.end]
        original = doc.text[sent.start : sent.end].lower()
        cues = cues_in(lower)
        periods = frozenset(c.meaning.period for c in cues if c.meaning.period is not None)
        labels = labels_in(original)
        for label in labels:
            status, expected, message = judge_label(label, brief, periods)
            value = original[label.start : label.end]
            out.add(
                base + label.start,
                base + label.end,
                sent,
                "quarter",
                value,
                status,
                None,
                expected,
                message,
                FISCAL_QUARTER,
            )
        spans = [(x.start, x.end) for x in labels]
        figs = [f for f in sent.figures if _is_figure(f, original, base, spans)]
        mentions = _mentions(original, brief.entities)
        window = 0
        before: Bound | None = None
        for i, fig in enumerate(figs):
            start, end = fig.start - base, fig.end - base
            nxt = figs[i + 1].start - base if i + 1 < len(figs) else len(lower)
            b = bind(
                fig,
                start,
                end,
                lower,
                cues,
                window,
                nxt,
                mentions,
                brief.subject.key,
                inherited,
                before,
            )
            verdict = judge(fig, b, facts)
            out.add(
                fig.start,
                fig.end,
                sent,
                fig.kind,
                fig.written,
                verdict.status,
                verdict.fact.id if verdict.fact else None,
                verdict.expected,
                verdict.message,
                verdict.rule,
            )
            window, before = end, b
        metrics = [c.meaning.metric for c in cues if c.meaning.metric is not None]
        if metrics:
            inherited = metrics[-1]
        figure_spans = [(f.start - base, f.end - base) for f in figs]
        for finding in phrase_findings(lower, base, cues, figure_spans, facts, genre.phrase_rules):
            out.finding(finding, sent)
    claims = [c for _, c in sorted(out.claims, key=_FIRST)]
    return CheckReport.model_construct(
        source=source, brief_id=genre.describe(brief), claims=tuple(claims), strict=strict
    )


__all__ = ["ResultPeriod", "check_earnings"]
