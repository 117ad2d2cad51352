"""The weekly recap's prompts for the LLM drafter: Jinja templates shipped as package data in
`writer.genres.weekly_index.prompts`.

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

from jinja2 import Environment, StrictUndefined, Template

from factcheck.brief import Fact, IndexBrief
from factcheck.report import Claim
from writer.genres.weekly_index.offline import DISCLAIMER as OFFLINE_DISCLAIMER

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
    return (
        resources.files("writer.genres.weekly_index.prompts")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )


@cache
def _template(name: str) -> Template:
    """A shipped template, compiled once per process: compiling costs more than rendering
    (30 ms against 2 ms), and a batch renders four per article."""
    return _environment().from_string(template_source(name))


def compile_templates() -> None:
    """Compile every shipped template now: a batch does it once before it forks its worker
    processes, so that no worker compiles them on its first request."""
    for entry in resources.files("writer.genres.weekly_index.prompts").iterdir():
        if entry.name.endswith(".j2"):
            _template(entry.name)


def render(name: str, **context: Any) -> str:
    """Render one template; a variable the template needs but `context` lacks raises."""
    return _template(name).render(**context).strip() + "\n"


def _day(day: dt.date) -> str:
    return f"{day:%A}, {day:%b} {day.day}"


def fact_groups(brief: IndexBrief) -> list[FactGroup]:
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


#: What the article uses of its subject and of each peer (metric, period kind): every figure
#: the offline drafter cites, and what a writer needs for the same story.  Everything else
#: of the brief (the peers' opens and lows, the month to date, each day's spreads) stays out
#: of the prompt, which must fit small models' contexts; the checker still knows it all.
_SUBJECT_DAY = frozenset({"open", "high", "low", "close", "change_pct", "change_pts"})
_PEER_DAY = frozenset({"high", "close", "change_pct"})
_SUBJECT_PERIODS = frozenset({"week", "52w", "ytd", "50d", "200d"})
_PEER_PERIODS = {"week": {"change_pct", "change_pts"}, "ytd": {"change_pct"},
                 "52w": {"high", "from_high_pct"}}  # fmt: skip


def _wanted(fact: Fact, brief: IndexBrief) -> bool:
    is_day = len(fact.period) == 10 and fact.period[4] == "-"
    if is_day and dt.date.fromisoformat(fact.period) < brief.week.start:
        # before the week: the bases a writer cites (the previous week's last close, the last
        # close of the year before), not the first close of the year (the wrong YTD base)
        day = dt.date.fromisoformat(fact.period)
        base = day == brief.week.previous_session or day.year < brief.week.last_session.year
        return fact.entity == brief.subject.key and fact.metric == "close" and base
    if fact.entity == brief.subject.key:
        if fact.versus is not None:
            return fact.period == "week"
        if is_day:
            return fact.metric in _SUBJECT_DAY
        return fact.period in _SUBJECT_PERIODS or fact.metric in ("streak", "level")
    if is_day:
        return fact.metric in _PEER_DAY
    return fact.metric in _PEER_PERIODS.get(fact.period, set())


def prompt_groups(brief: IndexBrief, *, context: bool = True) -> list[FactGroup]:
    """`fact_groups` cut to what the article uses (see `_wanted`); without `context`, the
    peers' sessions and the levels go too (the smallest prompt that still tells the week)."""
    out = []
    for group in fact_groups(brief):
        facts = tuple(f for f in group.facts if _wanted(f, brief))
        if not context:
            peer_day = [f for f in facts if f.entity != brief.subject.key and f.on is not None]
            facts = tuple(f for f in facts if f.metric != "level" and f not in peer_day)
        if facts:
            out.append(FactGroup(group.title, facts))
    return out


def estimate_tokens(text: str) -> int:
    """Tokens `text` costs: tiktoken's count when it is installed, else an estimate of 2.5
    characters a token.  Figures cost many tokens (Qwen2.5 splits every digit): a 7,464-
    character RUT prompt was 2,705 tokens to Qwen2.5-1.5B, which this puts at 2,986."""
    encoding = _tiktoken()
    if encoding is not None:
        return len(encoding.encode(text))
    return len(text) * 2 // 5 + 1


@cache
def _tiktoken() -> Any:
    """tiktoken's encoding, looked for once per process (a failed import is a search of the
    whole path, and a batch estimates a few requests per article)."""
    try:
        import tiktoken

        return tiktoken.get_encoding("cl100k_base")
    except Exception:  # not installed, or its tables cannot be fetched offline
        return None


def system_message(brief: IndexBrief) -> str:
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


def _short_label(fact: Fact, brief: IndexBrief, day: dt.date | None) -> str:
    """The label without what the group heading says: its index's name, and its session in
    a session's group."""
    names = {e.key: e.name for e in brief.entities}
    name = names.get(fact.entity, "")
    label = fact.label.removeprefix(f"{name} ") if name else fact.label
    if day is not None and fact.period == day.isoformat():
        label = label.replace(f" {day:%a %b} {day.day}", "", 1)
    return label


#: How much of the week's data a request carries, largest first: all of it; without the
#: peers' sessions and the levels; none (a revision only: its findings give the right figure
#: for every sentence to change, and the draft holds the rest).
FULL, COMPACT, NO_DATA = 2, 1, 0


def user_message(brief: IndexBrief, *, detail: int = FULL) -> str:
    """The week's data for the model: each figure's display text and what it is, grouped by
    index and session, without fact ids (plumbing a model may copy into the article)."""
    week = brief.week
    days = {_day(d): d for d in week.sessions}
    groups = []
    for group in prompt_groups(brief, context=detail == FULL) if detail > NO_DATA else ():
        day = days.get(group.title.rsplit(": ", 1)[-1])
        lines = [f"{f.display}: {_short_label(f, brief, day)}" for f in group.facts]
        groups.append((group.title, lines))
    return render(
        "user.j2",
        subject=brief.subject,
        week_start=week.sessions[0].isoformat(),
        week_end=week.last_session.isoformat(),
        session_count=len(week.sessions),
        session_days=[_day(d) for d in week.sessions],
        previous_session=_day(week.previous_session),
        groups=groups,
    )


def revise_message(
    brief: IndexBrief, findings: Sequence[Claim], attempt: int, max_attempts: int
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


def first_messages(brief: IndexBrief, *, detail: int = FULL) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": system_message(brief)},
        {"role": "user", "content": user_message(brief, detail=detail)},
    ]


def revision_messages(
    brief: IndexBrief,
    draft: str,
    findings: Sequence[Claim],
    attempt: int,
    max_attempts: int,
    *,
    detail: int = FULL,
) -> list[dict[str, str]]:
    """The original request, the last draft as the model's turn, then the findings.  Only
    the last draft is kept so the conversation does not grow with every attempt."""
    return [
        *first_messages(brief, detail=detail),
        {"role": "assistant", "content": draft},
        {"role": "user", "content": revise_message(brief, findings, attempt, max_attempts)},
    ]


#: Tokens a reply needs: a 700-word article with its figures, and some room.
REPLY_TOKENS = 1200


def messages_tokens(messages: Sequence[dict[str, str]]) -> int:
    """`estimate_tokens` over a chat, with a few tokens per message for the roles."""
    return sum(estimate_tokens(m["content"]) + 4 for m in messages)
