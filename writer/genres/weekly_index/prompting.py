"""The weekly recap's prompts for the LLM drafter: Jinja templates shipped as package data in
`writer.genres.weekly_index.prompts`, rendered with what every genre's prompts share
(`writer.genres.prompting_common`).  The figures reach the model only as each fact's
`display` text (formatted by `factcheck.numfmt`), the same text the checker expects back.
"""

from __future__ import annotations

import datetime as dt

from factcheck.brief import Fact, IndexBrief
from writer.genres import prompting_common as common
from writer.genres.prompting_common import (
    COMPACT,
    FULL,
    NO_DATA,
    FactGroup,
    estimate_tokens,
    fact_line,
    messages_tokens,
)
from writer.genres.prompting_common import day_name as _day
from writer.genres.weekly_index.offline import DISCLAIMER as OFFLINE_DISCLAIMER

PACKAGE = "writer.genres.weekly_index.prompts"
TEMPLATES = ("system.j2", "user.j2", "revise.j2")
MIN_WORDS = 400
MAX_WORDS = 700
#: The offline drafter's disclaimer, without its italics, so both drafters say the same.
DISCLAIMER = OFFLINE_DISCLAIMER.strip("*")
#: The compiled templates, once per process (shared by every genre, keyed by its package).
_template = common.template
_SESSION_METRICS = {"open", "high", "low", "close", "change_pts", "change_pct"}
__all__ = [
    "COMPACT",
    "FULL",
    "NO_DATA",
    "REPLY_TOKENS",
    "FactGroup",
    "compile_templates",
    "estimate_tokens",
    "first_messages",
    "messages_tokens",
    "revise_message",
    "revision_messages",
    "system_message",
    "user_message",
]


_templates = common.Templates(PACKAGE)
#: A shipped template's raw text (read from the installed package, not the repo).
template_source = _templates.source
#: Compile every shipped template now: a batch does it before it forks its workers.
compile_templates = _templates.compile
#: Render one template; a variable the template needs but the context lacks raises.
render = _templates.render


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


def user_message(brief: IndexBrief, *, detail: int = FULL) -> str:
    """The week's data for the model: each figure's display text and what it is, grouped by
    index and session, without fact ids (plumbing a model may copy into the article)."""
    week = brief.week
    days = {_day(d): d for d in week.sessions}
    groups = []
    for group in prompt_groups(brief, context=detail == FULL) if detail > NO_DATA else ():
        day = days.get(group.title.rsplit(": ", 1)[-1])
        lines = [fact_line(f, brief, day) for f in group.facts]
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


_conversation: common.Conversation[IndexBrief] = common.Conversation(
    PACKAGE, system_message, user_message
)
#: Quote every finding (sentence, what was written, what the data says) for a rewrite.
revise_message = _conversation.revise_message
#: The first request: the system message and the data with the instruction.
first_messages = _conversation.first_messages
#: The original request, the last draft as the model's turn, then the findings (only the last
#: draft is kept, so the conversation does not grow with every attempt).
revision_messages = _conversation.revision_messages


#: Tokens a reply needs: a 700-word article with its figures, and some room.
REPLY_TOKENS = 1200
