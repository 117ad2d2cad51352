"""What the worded-claim judges report (`Finding`), and what they share: which index a
claim is about (`entity_before`) and a finding on a matched phrase (`phrase_finding`).  The
judges: `factcheck.qualitative` (phrases), `factcheck.gave_back`, `factcheck.streak_judges`
(streak counts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.bind import Binding, SentenceContext
from factcheck.brief import Fact
from factcheck.report import Status
from factcheck.rules import Rule


@dataclass(slots=True)  # not frozen: frozen init is slower
class Finding:
    start: int
    end: int
    kind: str
    status: Status
    fact: Fact | None
    expected: str | None
    message: str
    value: str | None  # the count as claimed, signed (streaks); None for phrases
    rule: Rule  # the registry entry that decided it (`factcheck.rules`)


def entity_before(ctx: SentenceContext, pos: int, summary: Binding | None, subject: str) -> str:
    """The index a claim at `pos` is about: the last one named before it in the sentence,
    else the one the sentence is about (`summary`), else `subject`."""
    before = [m for m in ctx.entities if m.end <= pos]
    if before:
        return before[-1].value
    if summary is not None and summary.entity is not None:
        return summary.entity
    return subject


def phrase_finding(
    m: re.Match[str],
    base: int,
    status: Status,
    fact: Fact | None,
    expected: str | None,
    message: str,
    rule: Rule,
) -> Finding:
    """A finding on the phrase `m` matched in a sentence that starts at `base`."""
    return Finding(
        base + m.start(), base + m.end(), "phrase", status, fact, expected, message, None, rule
    )
