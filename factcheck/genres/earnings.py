"""The earnings snapshot (one company's quarter): what only this genre needs of the checker.

Its brief is an `EarningsBrief`: the quarter's reported results, the year-ago and previous
quarters', the year-on-year changes, the share's price and moves against the S&P 500 and an
optional estimate block.  It has its own engine (`factcheck.earnings`): an earnings story
has no week, and its figures are money, per-share amounts and changes of a fiscal quarter.
Its phrase judges are the estimate verdict, profit/loss words and a result's direction; its
lede gives the quarter's result and names the quarter.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from factcheck import ids
from factcheck.brief import Brief, EarningsBrief
from factcheck.earnings import check_earnings
from factcheck.earnings.phrases import PHRASE_RULES
from factcheck.form import FormRules, Page, Problem
from factcheck.genres import weekly_index
from factcheck.genres.genre import Genre
from factcheck.report import CheckReport, Status
from factcheck.rules import FISCAL_QUARTER

#: The metrics a lede may give the quarter's result with.
RESULT_METRICS: Final = (
    "net_income",
    "net_income_incl_nci",
    "eps_diluted",
    "eps_basic",
    "eps_adjusted",
)


def _earnings(brief: Brief) -> EarningsBrief:
    assert isinstance(brief, EarningsBrief), brief.kind
    return brief


def describe(brief: Brief) -> str:
    """What a report says it was checked against: "AAPL FY2024-Q3"."""
    return f"{brief.subject.key} {_earnings(brief).quarter.label}"


def anchor(brief: Brief) -> dt.date:
    """Relative dates ("on Thursday") are read from the report date."""
    return _earnings(brief).report.date


def lede(page: Page, brief: Brief, report: CheckReport, rules: FormRules) -> list[Problem]:
    """The company, the quarter's net income (or loss) or EPS, and the quarter named in the
    headline or the lede."""
    label = _earnings(brief).quarter.label
    results = frozenset(ids.quarter(brief.subject.key, m, label) for m in RESULT_METRICS)
    problems = weekly_index.lede_gives(
        page, brief, report, ((results, "the quarter's net income or loss, or its EPS"),)
    )
    if not page.paragraphs:
        return problems
    n, _ = page.paragraphs[0]
    end = page.paragraphs[1][0] if len(page.paragraphs) > 1 else page.first_line + len(page.lines)
    named = any(
        c.rule == FISCAL_QUARTER.code and c.status is Status.VERIFIED and c.line < end
        for c in report.claims
    )
    if named:
        return problems
    unnamed = f"the headline or lede must name the quarter, {label}"
    if problems:  # one finding for the lede, with both reasons
        first = problems[0]
        return [Problem(first.line, first.text, f"{first.reason}; {unnamed}")]
    return [Problem(n, page.paragraphs[0][1][:80], unnamed)]


GENRE: Final[Genre] = Genre(
    kind="earnings",
    name="earnings snapshot",
    brief_type=EarningsBrief,
    describe=describe,
    anchor=anchor,
    outside=(),
    phrase_rules=frozenset(rule.code for rule in PHRASE_RULES),
    form_rules=(
        (
            "result_lede",
            lede,
            "open with the quarter's net income or loss and its EPS, naming the fiscal quarter",
        ),
    ),
    bases=lambda brief, fact: None,
    engine=check_earnings,
)
