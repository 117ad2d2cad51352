"""Prompts for the LLM drafter: Jinja templates shipped as package data in `writer.prompts`.

Why templates: the wording is data that editors tune, not code; `StrictUndefined` makes a
template that names a variable we do not pass fail loudly instead of sending the model a
prompt with a silent hole in it.  The figures reach the model only as each fact's `display`
text (formatted by `factcheck.numfmt`), the same text the checker expects back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, StrictUndefined

from factcheck.brief import Fact, WeeklyIndexBrief
from factcheck.report import Claim
from writer.draft.offline import DISCLAIMER as OFFLINE_DISCLAIMER

TEMPLATES = ("system.j2", "user.j2", "revise.j2")
MIN_WORDS = 400
MAX_WORDS = 700
#: The offline drafter's disclaimer, without its italics, so both drafters say the same.
DISCLAIMER = OFFLINE_DISCLAIMER.strip("*")
_SESSION_METRICS = {"open", "high", "low", "close", "change_pts", "change_pct"}


@dataclass(frozen=True)
class FactGroup:
    title: str
    facts: tuple[Fact, ...]


@cache
def _environment() -> Environment:
    return Environment(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def template_source(name: str) -> str:
    """The raw text of a shipped template (read from the installed package, not the repo)."""
    return resources.files("writer.prompts").joinpath(name).read_text(encoding="utf-8")


def render(name: str, **context: Any) -> str:
    """Render one template; a variable the template needs but `context` lacks raises."""
    return _environment().from_string(template_source(name)).render(**context).strip() + "\n"


def _day(day: dt.date) -> str:
    return f"{day:%A}, {day:%b} {day.day}"


def fact_groups(brief: WeeklyIndexBrief) -> list[FactGroup]:
    """The brief's facts grouped the way an article uses them: per index the week, each
    session, the longer-term context and the levels, then the comparisons between indices."""
    sessions = {d.isoformat(): d for d in brief.week.sessions}
    groups: list[FactGroup] = []
    comparisons = tuple(f for f in brief.facts if f.versus is not None)
    for entity in brief.entities:
        own = [f for f in brief.facts if f.entity == entity.key and f.versus is None]
        week = tuple(f for f in own if f.period == "week")
        levels = tuple(f for f in own if f.metric == "level")
        by_day = {
            iso: tuple(f for f in own if f.period == iso and f.metric in _SESSION_METRICS)
            for iso in sessions
        }
        used = {f.id for f in (*week, *levels)} | {f.id for fs in by_day.values() for f in fs}
        context = tuple(f for f in own if f.id not in used)
        name = f"{entity.name} ({entity.key})"
        if week:
            groups.append(FactGroup(f"{name}: the week", week))
        for iso, facts in by_day.items():
            if facts:
                groups.append(FactGroup(f"{name}: {_day(sessions[iso])}", facts))
        if context:
            groups.append(FactGroup(f"{name}: context", context))
        if levels:
            groups.append(FactGroup(f"{name}: levels to watch", levels))
    if comparisons:
        groups.append(FactGroup("Comparisons between indices", comparisons))
    return groups


def system_message(brief: WeeklyIndexBrief) -> str:
    return render(
        "system.j2",
        subject=brief.subject,
        peers=brief.peers,
        min_words=MIN_WORDS,
        max_words=MAX_WORDS,
        disclaimer=DISCLAIMER,
        last_session_day=_day(brief.week.last_session),
        week_end=f"{brief.week.last_session:%A, %b} {brief.week.last_session.day}, "
        f"{brief.week.last_session.year}",
    )


def user_message(brief: WeeklyIndexBrief) -> str:
    week = brief.week
    return render(
        "user.j2",
        subject=brief.subject,
        week_start=week.sessions[0].isoformat(),
        week_end=week.last_session.isoformat(),
        session_count=len(week.sessions),
        session_days=[_day(d) for d in week.sessions],
        previous_session=_day(week.previous_session),
        groups=fact_groups(brief),
        notes=list(brief.provenance.notes),
    )


def revise_message(
    brief: WeeklyIndexBrief, findings: Sequence[Claim], attempt: int, max_attempts: int
) -> str:
    """Quote every finding (sentence, what was written, what the data says) for a rewrite.
    When the checker names a fact but no expected text (a wrong direction), the fact's own
    display is what the data says."""
    displays = {f.id: f.display for f in brief.facts}
    return render(
        "revise.j2",
        findings=list(findings),
        attempt=attempt,
        max_attempts=max_attempts,
        displays=displays,
    )


def first_messages(brief: WeeklyIndexBrief) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": system_message(brief)},
        {"role": "user", "content": user_message(brief)},
    ]


def revision_messages(
    brief: WeeklyIndexBrief, draft: str, findings: Sequence[Claim], attempt: int, max_attempts: int
) -> list[dict[str, str]]:
    """The original request, the last draft as the model's turn, then the findings.  Only
    the last draft is kept so the conversation does not grow with every attempt."""
    return [
        *first_messages(brief),
        {"role": "assistant", "content": draft},
        {"role": "user", "content": revise_message(brief, findings, attempt, max_attempts)},
    ]
