"""The earnings snapshot's prompts for the LLM drafter: Jinja templates shipped as package data
in `writer.genres.earnings.prompts`, rendered with what every genre's prompts share
(`writer.genres.prompting_common`).

A snapshot is a short wire story in a fixed order: the headline, the quarter's net income
(or loss), GAAP diluted EPS against the year-ago quarter's, adjusted EPS and the analysts'
estimate (only when the brief has an estimate block), revenue and its change on the year-ago
quarter, then the share's close and its moves since the start of the year and over 12 months
against the S&P 500.  The figures reach the model as each fact's `display` text, and money
also as the words a story writes it in (`written`: "$12.34 billion", "41 cents per share",
"a loss of 7 cents per share"), each rounded from the fact's value by `factcheck.numfmt`.
Without an estimate block the prompt gives no estimate figure and forbids beat/miss words:
the data cannot support them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Final

from factcheck import ids
from factcheck.brief import Brief, EarningsBrief, Fact, FiscalQuarter
from factcheck.numfmt import Unit
from writer.genres import prompting_common as common
from writer.genres.earnings import words
from writer.genres.earnings.disclaimer import DISCLAIMER as HOUSE_DISCLAIMER
from writer.genres.earnings.words import earnings, headline, quarter_words, vendor_name
from writer.genres.prompting_common import (
    COMPACT,
    FULL,
    NO_DATA,
    FactGroup,
    estimate_tokens,
    messages_tokens,
)

PACKAGE: Final = "writer.genres.earnings.prompts"
TEMPLATES: Final = ("system.j2", "user.j2", "revise.j2")
MIN_WORDS: Final = 150
MAX_WORDS: Final = 250
#: The house disclaimer without its italics, as the model is asked to write it.
DISCLAIMER: Final = HOUSE_DISCLAIMER.strip("*")
#: Tokens a reply needs: a 250-word snapshot with its figures, and some room.
REPLY_TOKENS: Final = 600

__all__ = [
    "COMPACT",
    "FULL",
    "NO_DATA",
    "REPLY_TOKENS",
    "FactGroup",
    "compile_templates",
    "estimate_tokens",
    "first_messages",
    "headline",
    "messages_tokens",
    "prompt_groups",
    "revise_message",
    "revision_messages",
    "system_message",
    "user_message",
    "written",
]

#: A quarter's metrics in the order a snapshot tells them, with the words a line names them by.
METRICS: Final = {
    "net_income": "net income attributable to the company",
    "net_income_incl_nci": "net income including noncontrolling interests",
    "eps_diluted": "GAAP diluted EPS",
    "eps_basic": "GAAP basic EPS",
    "revenue": "revenue",
    "operating_income": "operating income",
    "gross_profit": "gross profit",
}
#: What a snapshot cannot do without: the rest goes at `COMPACT`.
_SPINE: Final = frozenset({"net_income", "eps_diluted", "revenue"})
_PER_SHARE: Final = frozenset({"eps_diluted", "eps_basic", "eps_estimate", "eps_adjusted"})
_ESTIMATE: Final = {
    "eps_estimate": "analysts' EPS estimate",
    "eps_adjusted": "adjusted EPS (the vendor's non-GAAP figure, not GAAP EPS)",
    "eps_surprise_pct": "adjusted EPS against the estimate (the surprise)",
}
_ORDINALS: Final = {1: "first", 2: "second", 3: "third", 4: "fourth"}
_MILLION: Final = Decimal(10) ** 6


_templates = common.Templates(PACKAGE)
#: A shipped template's raw text (read from the installed package, not the repo).
template_source = _templates.source
#: Compile every shipped template now: a batch does it before it forks its workers.
compile_templates = _templates.compile
#: Render one template; a variable the template needs but the context lacks raises.
render = _templates.render


# --- words ----------------------------------------------------------------------------------


def written(fact: Fact) -> str | None:
    """How a snapshot writes a money figure, when that differs from its display: billions
    to two decimals ("$12.34 billion"), millions to one ("$567.8 million"), per-share
    amounts with "per share" and in cents under a dollar ("41 cents per share"), a negative
    amount as "a loss of ..." (`writer.genres.earnings.words`, rounded by `factcheck.numfmt`);
    None for a figure written as displayed (a close, a percent, an amount under a million)."""
    if fact.unit is not Unit.CURRENCY or fact.metric == "close":
        return None
    if fact.metric in _PER_SHARE:
        return words.per_share(fact.value)
    if abs(fact.value) < _MILLION:
        return None
    return words.money(fact.value)


def _day(day: dt.date) -> str:
    return f"{day:%A}, {_date(day)}"


def _date(day: dt.date) -> str:
    return f"{day:%b} {day.day}, {day.year}"


def _span(quarter: FiscalQuarter) -> str:
    return f"{quarter.label}, {_date(quarter.start)} to {_date(quarter.end)}"


def _timing(snap: EarningsBrief) -> str:
    return {"amc": " after the market closed", "bmo": " before the market opened"}.get(
        snap.report.timing or "", ""
    )


# --- the figures ----------------------------------------------------------------------------


def _line_label(fact: Fact, snap: EarningsBrief) -> str:
    """What a figure is, in words (no fact id, no raw value a model could copy)."""
    if fact.metric in _ESTIMATE:
        return _ESTIMATE[fact.metric]
    base = fact.metric.removesuffix("_yoy")
    if fact.metric.endswith("_yoy") and base in METRICS:
        return f"{METRICS[base]}, change on the year-ago quarter"
    if fact.metric in METRICS:
        name = METRICS[fact.metric]
        if fact.id.endswith(".restated"):
            return f"{name}, as the quarter's own filing restates it (the base of its change)"
        if "derived as full year" in fact.label:
            return f"{name} (derived as the full year less nine months)"
        return name
    if fact.on == snap.report.price_date and fact.metric == "close":
        return f"{fact.label} (the last close before publication)"
    return fact.label


def line(fact: Fact, snap: EarningsBrief) -> str:
    """A figure as the model sees it: its display text, the words to write it in when they
    differ, then what it is."""
    words = written(fact)
    say = f' (write "{words}")' if words is not None else ""
    return f"{fact.display}{say}: {_line_label(fact, snap)}"


def prompt_groups(brief: Brief, *, detail: int = FULL) -> list[FactGroup]:
    """The figures a snapshot cites, grouped the way it tells them: the quarter, the year-ago
    quarter, the changes on it, the previous quarter, the share against the S&P 500, the
    estimate (only when the brief has one).  `FULL` offers every fact of the brief;
    `COMPACT` the story's spine (net income, GAAP diluted EPS and revenue with their year-ago
    figures and changes, the last close and the share's and the index's moves, the
    estimate); `NO_DATA` nothing."""
    if detail <= NO_DATA:
        return []
    snap = earnings(brief)
    full = detail >= FULL
    key = snap.subject.key
    groups: list[FactGroup] = []

    def keep(metric: str) -> bool:
        return full or metric.removesuffix("_yoy") in _SPINE

    def quarter_facts(q: FiscalQuarter, restated: bool = False) -> tuple[Fact, ...]:
        out = []
        for metric in METRICS:
            fid = ids.quarter(key, metric, q.label)
            got = snap.get(ids.restated(key, metric, q.label) if restated else fid)
            if got is not None and keep(metric):
                out.append(got)
        return tuple(out)

    def add(title: str, facts: Sequence[Fact]) -> None:
        if facts:
            groups.append(FactGroup(title, tuple(facts)))

    q, ago = snap.quarter, snap.year_ago
    add(f"The quarter: {quarter_words(q)} ({_span(q)})", quarter_facts(q))
    add(
        f"The year-ago quarter: {quarter_words(ago)} ({_span(ago)})",
        (*quarter_facts(ago), *quarter_facts(ago, restated=True)),
    )
    changes = [snap.get(ids.year_on_year(key, m, q.label)) for m in METRICS if keep(m)]
    add(f"Changes on the year-ago quarter ({q.label} against {ago.label})", _present(changes))
    if full and snap.previous is not None:
        prev = snap.previous
        add(f"The previous quarter: {quarter_words(prev)} ({_span(prev)})", quarter_facts(prev))
    add(
        f"The share and the S&P 500, to the close of {_day(snap.report.price_date)}",
        _share_facts(snap, full),
    )
    if snap.estimate is not None:
        estimate = [snap.get(ids.quarter(key, m, q.label)) for m in _ESTIMATE]
        add(f"The estimate ({snap.estimate.vendor}, vendor data)", _present(estimate))
    return groups


def _present(facts: Sequence[Fact | None]) -> tuple[Fact, ...]:
    return tuple(f for f in facts if f is not None)


def _share_facts(snap: EarningsBrief, full: bool) -> tuple[Fact, ...]:
    """Each entity's closes (newest first: the price date's, the year's base, the 12
    months' base), then its year-to-date and 12-month changes; `COMPACT` keeps the subject's
    last close and both entities' changes."""
    out: list[Fact] = []
    for entity in snap.entities:
        closes = sorted(
            (f for f in snap.facts if f.entity == entity.key and f.metric == "close"),
            key=lambda f: f.on or dt.date.min,
            reverse=True,
        )
        if not full:
            closes = closes[:1] if entity.key == snap.subject.key else []
        out += closes
        out += _present([snap.get(ids.period(entity.key, p, "change_pct")) for p in ("ytd", "12m")])
    return tuple(out)


# --- messages -------------------------------------------------------------------------------


def _words(snap: EarningsBrief) -> dict[str, Any]:
    q = snap.quarter
    return {
        "company": snap.subject.name,
        "ticker": snap.subject.key,
        "headline": headline(snap),
        "quarter_words": quarter_words(q),
        "quarter_label": q.label,
        "quarter_end": _day(q.end),
        "report_day": _day(snap.report.date),
        "timing": _timing(snap),
        "price_day": _day(snap.report.price_date),
        "has_estimate": snap.estimate is not None,
        "vendor": vendor_name(snap),
    }


def system_message(brief: Brief) -> str:
    snap = earnings(brief)
    return render(
        "system.j2",
        **_words(snap),
        min_words=MIN_WORDS,
        max_words=MAX_WORDS,
        disclaimer=DISCLAIMER,
    )


def user_message(brief: Brief, *, detail: int = FULL) -> str:
    """The quarter's data for the model: each figure's display text (and the words to write
    money in) and what it is, grouped, without fact ids, then the instruction to write the
    story from it (after the data, so the list is not taken for the answer)."""
    snap = earnings(brief)
    groups = [
        (g.title, [line(f, snap) for f in g.facts]) for g in prompt_groups(snap, detail=detail)
    ]
    return render("user.j2", **_words(snap), groups=groups)


_conversation: common.Conversation[Brief] = common.Conversation(
    PACKAGE, system_message, user_message, narrow=earnings
)
#: Quote every finding (sentence, what was written, what the data says) for a rewrite.
revise_message = _conversation.revise_message
#: The first request: the system message and the data with the instruction.
first_messages = _conversation.first_messages
#: The original request, the last draft as the model's turn, then the findings (only the last
#: draft is kept, so the conversation does not grow with every attempt).
revision_messages = _conversation.revision_messages
