"""The daily wrap's prompts for the LLM drafter: Jinja templates shipped as package data in
`writer.genres.daily_wrap.prompts`, rendered with what every genre's prompts share
(`writer.genres.prompting_common`).

A daily wrap is the day's story: the lede gives the index, the day's move and its close;
then the session (open, high, low), the peers that day, the week so far, the month and year
to date and the 52-week context.  Its brief holds the whole week to the session's close
(every session of it, the levels, the previous week); the prompt offers only what that
story cites, so that a small model's context holds it and no earlier session's figure is
taken for the day's.  The checker still knows the whole brief.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from factcheck.brief import DailyWrapBrief, Fact, IndexBrief
from writer.genres import prompting_common as common
from writer.genres.daily_wrap.disclaimer import DISCLAIMER as HOUSE_DISCLAIMER
from writer.genres.prompting_common import (
    COMPACT,
    FULL,
    NO_DATA,
    FactGroup,
    day_name,
    estimate_tokens,
    fact_line,
    messages_tokens,
)

PACKAGE = "writer.genres.daily_wrap.prompts"
TEMPLATES = ("system.j2", "user.j2", "revise.j2")
MIN_WORDS = 150
MAX_WORDS = 500
#: The house disclaimer without its italics, as the model is asked to write it.
DISCLAIMER = HOUSE_DISCLAIMER.strip("*")
#: Tokens a reply needs: a 500-word wrap with its figures, and some room.
REPLY_TOKENS = 900

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
    "prompt_groups",
    "revise_message",
    "revision_messages",
    "system_message",
    "user_message",
]

_SESSION = ("open", "high", "low", "close", "change_pts", "change_pct")
_PEER_SESSION_FULL = frozenset(_SESSION)
_PEER_SESSION_COMPACT = frozenset({"close", "change_pts", "change_pct"})
_CHANGES = frozenset({"change_pts", "change_pct"})


def daily(brief: IndexBrief) -> DailyWrapBrief:
    """`brief` as the daily wrap's brief it must be (the genre table hands each genre its
    own kind; any other is a programming error)."""
    if not isinstance(brief, DailyWrapBrief):
        raise TypeError(f"a daily wrap's prompts need a daily wrap's brief, not {brief.kind!r}")
    return brief


_templates = common.Templates(PACKAGE)
#: A shipped template's raw text (read from the installed package, not the repo).
template_source = _templates.source
#: Compile every shipped template now: a batch does it before it forks its workers.
compile_templates = _templates.compile
#: Render one template; a variable the template needs but the context lacks raises.
render = _templates.render


def _pick(facts: Sequence[Fact], wanted: Callable[[Fact], bool]) -> tuple[Fact, ...]:
    return tuple(f for f in facts if wanted(f))


def _year_base(fact: Fact, year: int) -> bool:
    """The last close of the year before: the year to date's base (not the first close of
    the year, which is the wrong base)."""
    return fact.metric == "close" and fact.period[:4].isdigit() and int(fact.period[:4]) < year


def prompt_groups(brief: DailyWrapBrief, *, detail: int = FULL) -> list[FactGroup]:
    """The figures a daily wrap cites, grouped the way it tells them: the subject's session
    (with the close it is measured from), its week so far and streaks, its month, quarter and
    year to date, its 52-week context and the highest close of its data; each peer's session
    and running figures; the spreads between the subject and each peer.  `COMPACT` keeps the
    story's spine (no earlier session of the week, moving averages, peers' intraday figures,
    month or quarter to date, 52-week range or the data's highest close); `NO_DATA` keeps
    nothing."""
    if detail <= NO_DATA:
        return []
    full = detail >= FULL
    session = brief.session
    day, previous = session.date.isoformat(), session.previous.isoformat()
    earlier = {d.isoformat() for d in brief.week.sessions if d < session.date} - {previous}
    year = session.date.year
    groups: list[FactGroup] = []

    def add(title: str, facts: tuple[Fact, ...]) -> None:
        if facts:
            groups.append(FactGroup(title, facts))

    key = brief.subject.key
    own = _pick(brief.facts, lambda f: f.entity == key and f.versus is None)
    name = f"{brief.subject.name} ({key})"
    add(
        f"{name}: {day_name(session.date)}",
        (
            *sorted(
                _pick(own, lambda f: f.period == day and f.metric in _SESSION),
                key=lambda f: _SESSION.index(f.metric),
            ),
            *_pick(own, lambda f: f.period == previous and f.metric == "close"),
        ),
    )
    add(
        f"{name}: the week so far",
        (
            *_pick(own, lambda f: f.period == "week" and f.metric in _CHANGES),
            *_pick(own, lambda f: full and f.period == "week" and f.metric in ("high", "low")),
            *_pick(own, lambda f: full and f.period in earlier and f.metric == "close"),
            *_pick(own, lambda f: f.metric == "streak" and (full or f.period == "daily")),
        ),
    )
    add(
        f"{name}: month, quarter and year to date",
        (
            *_pick(own, lambda f: full and f.period == "mtd" and f.metric in _CHANGES),
            *_pick(own, lambda f: full and f.period == "qtd" and f.metric in _CHANGES),
            *_pick(own, lambda f: f.period == "ytd" and f.metric in _CHANGES),
            *_pick(own, lambda f: full and f.period != day and _year_base(f, year)),
        ),
    )
    context_metrics = ("high", "low", "from_high_pct", "from_low_pct")
    add(
        f"{name}: 52-week range and moving averages",
        (
            *_pick(
                own,
                lambda f: (
                    f.period == "52w"
                    and (f.metric in context_metrics if full else f.metric == "from_high_pct")
                ),
            ),
            *_pick(own, lambda f: full and f.metric in ("ma", "vs_ma_pct")),
            # the record context: the highest close of the data, which is not all-time
            *_pick(own, lambda f: full and f.period == "history" and f.metric == "close_high"),
        ),
    )
    peer_session = _PEER_SESSION_FULL if full else _PEER_SESSION_COMPACT
    for peer in brief.peers:
        theirs = [f for f in brief.facts if f.entity == peer.key and f.versus is None]
        add(
            f"{peer.name} ({peer.key}): {day_name(session.date)} and to date",
            (
                *sorted(
                    _pick(theirs, lambda f: f.period == day and f.metric in peer_session),
                    key=lambda f: _SESSION.index(f.metric),
                ),
                *_pick(theirs, lambda f: f.period == "week" and f.metric == "change_pct"),
                *_pick(theirs, lambda f: full and f.period == "mtd" and f.metric == "change_pct"),
                *_pick(theirs, lambda f: f.period == "ytd" and f.metric == "change_pct"),
                *_pick(theirs, lambda f: full and f.metric == "streak" and f.period == "daily"),
                *_pick(
                    theirs, lambda f: full and f.period == "52w" and f.metric == "from_high_pct"
                ),
            ),
        )
    add(
        "Comparisons between indices",
        _pick(
            brief.facts,
            lambda f: f.versus is not None and (f.period == day or (full and f.period == "week")),
        ),
    )
    return groups


def _session_words(brief: DailyWrapBrief) -> dict[str, Any]:
    session = brief.session
    return {
        "subject": brief.subject,
        "session_day": day_name(session.date),
        "session_weekday": f"{session.date:%A}",
        "year": session.date.year,
        "previous_day": day_name(session.previous),
    }


def _ends_week(brief: DailyWrapBrief) -> bool:
    """The week's last session: no session follows it before the week's Sunday."""
    following = brief.session.next
    return following is None or following > brief.week.end


def system_message(brief: IndexBrief) -> str:
    wrap = daily(brief)
    return render(
        "system.j2",
        **_session_words(wrap),
        peers=wrap.peers,
        min_words=MIN_WORDS,
        max_words=MAX_WORDS,
        disclaimer=DISCLAIMER,
        ends_week=_ends_week(wrap),
    )


def _lines(group: FactGroup, brief: DailyWrapBrief) -> list[str]:
    """A group's figures, each as `fact_line`: without the index's name and the session
    its heading gives; a comparison keeps its whole label (it names both indices)."""
    day = brief.session.date
    return [
        f"{f.display}: {f.label}" if f.versus is not None else fact_line(f, brief, day)
        for f in group.facts
    ]


def user_message(brief: IndexBrief, *, detail: int = FULL) -> str:
    """The session's data for the model: each figure's display text and what it is, grouped
    by index, without fact ids (plumbing a model may copy into the article), then the
    instruction to write prose from it."""
    wrap = daily(brief)
    session = wrap.session
    groups = [(g.title, _lines(g, wrap)) for g in prompt_groups(wrap, detail=detail)]
    closed = [f"{day_name(c.day)}: no session ({c.why})." for c in session.closed]
    return render(
        "user.j2",
        **_session_words(wrap),
        session_date=session.date.isoformat(),
        next_day=day_name(session.next) if session.next is not None else "",
        closed=closed,
        groups=groups,
    )


_conversation: common.Conversation[IndexBrief] = common.Conversation(
    PACKAGE, system_message, user_message, narrow=daily
)
#: Quote every finding (sentence, what was written, what the data says) for a rewrite.
revise_message = _conversation.revise_message
#: The first request: the system message and the data with the instruction.
first_messages = _conversation.first_messages
#: The original request, the last draft as the model's turn, then the findings (only the last
#: draft is kept, so the conversation does not grow with every attempt).
revision_messages = _conversation.revision_messages
