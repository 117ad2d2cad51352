"""The week ranked in its year (rule P013): "its best week of the year", "the biggest weekly
gain of 2025", "its worst week so far this year", with no figure.

A false superlative is among the claims published recaps get wrong, and one no figure check
sees.  The brief holds the calendar year's best and worst weekly change so far
(`E.year.best_week_pct`, `E.year.worst_week_pct`: each week's last close against the week
before's), so the claim is settled by the week's own change being that one.  A span the brief
holds no ranking for ("since March", "in months", another year) is left alone.  The scan's
words are rows of `factcheck.grammar`.
"""

from __future__ import annotations

import re
from typing import Final

from factcheck import ids
from factcheck.brief import IndexBrief
from factcheck.finding import Finding, phrase_finding
from factcheck.grammar import (
    WEEK_RANK_BEST,
    WEEK_RANK_GAINS,
    WEEK_RANK_LOSSES,
    WEEK_RANK_NOUNS,
    WEEK_RANK_SPANS,
    WEEK_RANK_WORST,
    alternation,
)
from factcheck.patterns import Scan
from factcheck.report import Status
from factcheck.rules import WEEK_RANK

#: "its best week of the year", "the biggest weekly gain of 2025", "its worst week so far
#: this year" (the determiner may be left out, as headlines do: "posts best week of the year").
WEEK_RANK_SCAN: Final = Scan(
    rf"\b(?:(?:its|their|the|a)\s+)?(?:(?P<best>{alternation(WEEK_RANK_BEST)})|"
    rf"(?P<worst>{alternation(WEEK_RANK_WORST)}))\s+(?:(?P<gain>{alternation(WEEK_RANK_GAINS)})|"
    rf"(?P<loss>{alternation(WEEK_RANK_LOSSES)})|{alternation(WEEK_RANK_NOUNS)})\s+"
    rf"(?:since\b(?P<since>)|(?:{alternation(WEEK_RANK_SPANS)})\s*(?P<year>(?:19|20)\d\d)?\b)",
    re.ASCII,
)


def week_rank_claim(
    m: re.Match[str], text: str, base: int, brief: IndexBrief, entity: str
) -> list[Finding]:
    """The finding for `m` (a `WEEK_RANK_SCAN` match in the sentence `text`, lower case, that
    starts at `base`) about `entity`: the week's change against the year's best (worst) week
    so far.  "since <a day>" and another year than the brief's are spans it holds no ranking
    for; "of", "in" and "for" count only with a year after them."""
    year = m.group("year")
    span = text[m.start() : m.end()]
    if m.group("since") is not None or (
        year is not None and int(year) != brief.week.last_session.year
    ):
        return []
    if year is None and not span.rstrip().endswith(("year", "this year")):
        return []  # "its best week in months", "its best week of gains"
    worst = m.group("worst") is not None or (
        m.group("loss") is not None and m.group("best") is not None
    )
    end_name = "worst" if worst else "best"
    ranked = brief.get(ids.period(entity, "year", f"{end_name}_week_pct"))
    week = brief.get(ids.period(entity, "week", "change_pct"))
    if ranked is None or week is None:
        message = f"no ranking of {entity}'s weeks this year in the brief"
        return [phrase_finding(m, base, Status.UNSUPPORTED, None, None, message, WEEK_RANK)]
    if round(week.value, 2) == round(ranked.value, 2):
        return [phrase_finding(m, base, Status.VERIFIED, ranked, None, ranked.label, WEEK_RANK)]
    on = f" to {ranked.on:%b %-d}" if ranked.on is not None else ""
    message = (
        f"not the {end_name} week of {brief.week.last_session.year} so far: that was the "
        f"week{on} ({ranked.display}); this week's change is {week.display}"
    )
    return [phrase_finding(m, base, Status.CONTRADICTED, ranked, None, message, WEEK_RANK)]
