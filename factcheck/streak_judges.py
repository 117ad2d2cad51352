"""Streak counts judged against the brief: "third straight weekly gain" against the
brief's streak facts as of the week's end (or the week before, for a streak that ended), "a
second straight gain on Tuesday" counted from the week's daily changes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from factcheck import ids
from factcheck._rx import trie
from factcheck.bind import Binder, Binding, SentenceContext
from factcheck.brief import IndexBrief
from factcheck.document import Document, Figure, Sentence
from factcheck.finding import Finding, entity_before
from factcheck.grammar import (
    SEQUENCE_WORDS,
    STREAK_DAILY,
    STREAK_DAY_UNITS,
    STREAK_DOWN,
    STREAK_ENDERS,
    STREAK_UP,
    WEEK,
    alternation,
)
from factcheck.patterns import Scan
from factcheck.report import Status
from factcheck.rules import STREAK_CURRENT, STREAK_ON_DAY, Rule

#: A space or a hyphen between a unit's words ("trading-day").
_SPACE_OR_HYPHEN: Final = r"[\s-]"
_STREAK_UP: Final = Scan(rf"\b(?:{trie(STREAK_UP)})\b", re.ASCII)
_STREAK_DOWN: Final = Scan(rf"\b(?:{trie(STREAK_DOWN)})\b", re.ASCII)
_STREAK_WEEK: Final = re.compile(rf"\b{WEEK}(?:ly|s)?\b", re.ASCII)
_STREAK_DAY: Final = re.compile(
    rf"\b(?:{alternation(STREAK_DAILY)}|"
    rf"{alternation(STREAK_DAY_UNITS, space=_SPACE_OR_HYPHEN)}s?)\b",
    re.ASCII,
)


def _first_direction(text: str, reverse: bool = False) -> int:
    """+1 / -1 for the direction word nearest the start of `text` (of its end if reversed)."""
    if reverse:
        text = text[::-1]
        ups = [m.end() for m in _STREAK_UP.finditer(text)]
        downs = [m.end() for m in _STREAK_DOWN.finditer(text)]
        up, down = max(ups, default=-1), max(downs, default=-1)
        return 0 if up == down == -1 else (1 if up > down else -1)
    up_m, down_m = _STREAK_UP.search(text), _STREAK_DOWN.search(text)
    if up_m is None and down_m is None:
        return 0
    if down_m is None or (up_m is not None and up_m.start() < down_m.start()):
        return 1
    return -1


def check_streak(
    fig: Figure,
    doc: Document,
    sent: Sentence,
    ctx: SentenceContext,
    binder: Binder,
    summary: Binding | None,
) -> Finding:
    """A count in a streak phrase ("third straight weekly gain") against the streak facts."""
    brief = binder.brief
    tail = doc.lower[fig.end : min(sent.end, fig.end + 45)]
    head = doc.lower[max(sent.start, fig.start - 45) : fig.start]
    weekly = bool(_STREAK_WEEK.search(tail[:30])) and not _STREAK_DAY.search(tail[:12])
    direction = _first_direction(tail) or _first_direction(head[::-1], reverse=True)
    entity = entity_before(ctx, fig.start, summary, brief.subject.key)
    kind = "weekly" if weekly else "daily"
    n = int(fig.magnitude)
    if _STREAK_PAST_RE.search(doc.lower[sent.start : fig.start]):
        return _unsettled(
            fig, n, "a streak of earlier in the week, which the brief does not date", STREAK_ON_DAY
        )
    days = [
        dt.date.fromisoformat(p.value)
        for p in ctx.periods
        if p.kind == "date"
        and p.value[:1].isdigit()
        and not _AFTER_RE.search(doc.lower[max(sent.start, p.start - 24) : p.start])
    ]
    if not days and summary is not None:
        # "That made three straight gains." after a day's walk: as of that day, when true
        # of it (the day is inherited, so a misfit falls back to the week's last session)
        inherited = [
            dt.date.fromisoformat(t[2:])
            for t in summary.periods or summary.periods_inherited
            if t.startswith("d:") and t[2:3].isdigit()
        ]
        if not weekly and inherited and max(inherited) in brief.week.sessions:
            found = _streak_on(fig, brief, entity, max(inherited), n, direction)
            if found.status is not Status.MISMATCH:
                return found
            latest = _current_streak(fig, brief, entity, kind, n, direction)
            if latest.status is Status.MISMATCH:  # false of both days: which one is meant?
                return _unsettled(
                    fig, n, f"the sentence names no day; {found.message}", STREAK_ON_DAY
                )
            return latest
    ended = _STREAK_ENDED_RE.search(head) is not None
    if ended and not weekly:
        # "ending a five-day winning streak" on Friday: the run up to Thursday
        day = max(days) if days else brief.week.last_session
        before = [d for d in (brief.week.previous_session, *brief.week.sessions) if d < day]
        if not before:
            return _unsettled(
                fig, n, "the streak it ended began before the brief's data", STREAK_ON_DAY
            )
        return _streak_on(fig, brief, entity, before[-1], n, direction)
    start = _run_start(doc, sent, ctx, fig)
    if not weekly and start is not None and start in brief.week.sessions:
        forward = _streak_from(fig, brief, entity, start, n, direction)
        if forward is not None:
            return forward
    if (
        not weekly
        and days
        and max(days) in brief.week.sessions
        and max(days) != brief.week.last_session
    ):
        return _streak_on(fig, brief, entity, max(days), n, direction)
    if ended:
        kind = "weekly_prev"  # "snapped a two-week losing streak": the weeks before this one
    return _current_streak(fig, brief, entity, kind, n, direction)


def _current_streak(
    fig: Figure, brief: IndexBrief, entity: str, kind: str, n: int, direction: int
) -> Finding:
    """A streak claimed as of the week's end (`kind` daily or weekly) or of the week before
    (`weekly_prev`), against the brief's streak fact."""
    weekly = kind != "daily"
    fact = brief.get(ids.streak(entity, kind))
    if fact is None:
        return Finding(
            fig.start,
            fig.end,
            "count",
            Status.UNSUPPORTED,
            None,
            None,
            f"no {kind} streak for {entity} in the brief (history too short)",
            str(n),
            STREAK_CURRENT,
        )
    actual = int(fact.value)
    claimed = n * (direction or (1 if actual >= 0 else -1))
    what = "weeks" if weekly else "sessions"
    if claimed == actual:
        return Finding(
            fig.start,
            fig.end,
            "count",
            Status.VERIFIED,
            fact,
            fact.display,
            fact.label,
            str(claimed),
            STREAK_CURRENT,
        )
    side = "up" if actual > 0 else "down" if actual < 0 else "flat"
    return Finding(
        fig.start,
        fig.end,
        "count",
        Status.MISMATCH,
        fact,
        str(abs(actual)),
        f"the streak is {abs(actual)} {what} {side} ({fact.display})",
        str(claimed),
        STREAK_CURRENT,
    )


#: Before a streak count: the streak ended ("ending a", "snapped its", "broke a", "after a").
_STREAK_ENDED_RE: Final = re.compile(
    rf"\b(?:{alternation(STREAK_ENDERS)}|{alternation(SEQUENCE_WORDS)}|from|"
    r"stretch(?:ed)?\s+out\s+of|out\s+of)\s+(?:a|an|its|the|their|that)?\s*$",
    re.ASCII,
)


#: "Earlier in the week the benchmark had climbed for four consecutive sessions".
_STREAK_PAST_RE: Final = re.compile(
    rf"\bearlier\s+(?:in\s+)?(?:the|this)\s+{WEEK}\b|\bhad\s+", re.ASCII
)
#: A day after which the streak came ("Four Straight Up Days After a Shaky Monday").
#: Before a day a run starts from: "rallied from a close of 24,733.45 on", "since".
_RUN_FROM_RE: Final = re.compile(r"\b(?:from|since)\b(?:[^.;]|(?<=\d)\.(?=\d))*$", re.ASCII)
_AFTER_RE: Final = re.compile(
    r"\b(?:after|since|following|before)\s+(?:a\s+|an\s+|the\s+)?[a-z]*\s*$"
)


def _unsettled(fig: Figure, n: int, why: str, rule: Rule) -> Finding:
    return Finding(fig.start, fig.end, "count", Status.UNSUPPORTED, None, None, why, str(n), rule)


def _run_start(doc: Document, sent: Sentence, ctx: SentenceContext, fig: Figure) -> dt.date | None:
    """The day a run named before the count starts from ("rallied from a close of 24,733.45
    on Monday, gaining ground for four consecutive days"), or None."""
    for p in reversed(ctx.periods):
        if p.kind in ("date", "basedate") and p.value[:1].isdigit() and p.end <= fig.start:
            if _RUN_FROM_RE.search(doc.lower[max(sent.start, p.start - 40) : p.start]):
                return dt.date.fromisoformat(p.value)
            return None
    return None


def _streak_from(
    fig: Figure, brief: IndexBrief, entity: str, start: dt.date, n: int, direction: int
) -> Finding | None:
    """A run of `n` sessions counted forward from a named day, the day itself counted or
    not, as writers do either: verified when the week's daily changes hold one (None: they
    do not, and the count is judged as of the day, as before)."""
    sessions = brief.week.sessions
    i = sessions.index(start)
    for first in (i, i + 1):
        run = sessions[first : first + n]
        moves = [brief.get(ids.session(entity, "change_pct", d)) for d in run]
        if len(run) < n or any(m is None for m in moves):
            continue
        signs = {(m.value > 0) - (m.value < 0) for m in moves if m is not None}
        if len(signs) == 1 and (want := signs.pop()) != 0 and direction in (0, want):
            return Finding(
                fig.start,
                fig.end,
                "count",
                Status.VERIFIED,
                moves[-1],
                str(n),
                f"{n} sessions {'up' if want > 0 else 'down'} from {run[0]:%a %b %-d} to "
                f"{run[-1]:%a %b %-d}",
                str(n * want),
                STREAK_ON_DAY,
            )
    return None


def _streak_as_of(brief: IndexBrief, entity: str, day: dt.date) -> tuple[int, bool]:
    """Consecutive up (+) / down (-) sessions ending on `day`, from the brief's daily changes,
    and whether the run is known to be complete (it did not reach the start of the data)."""
    sessions = [d for d in (brief.week.previous_session, *brief.week.sessions) if d <= day]
    sign = count = 0
    for d in reversed(sessions):
        f = brief.get(ids.session(entity, "change_pct", d))
        if f is None:
            return count * sign, False
        s = (f.value > 0) - (f.value < 0)
        if sign == 0:
            if s == 0:
                return 0, True
            sign = s
        if s != sign:
            return count * sign, True
        count += 1
    return count * sign, False


def _streak_on(
    fig: Figure, brief: IndexBrief, entity: str, day: dt.date, n: int, direction: int
) -> Finding:
    """A daily streak claimed as of a session before the last ("a second straight gain on
    Tuesday"): counted from the week's daily changes."""
    actual, complete = _streak_as_of(brief, entity, day)
    claimed = n * (direction or (1 if actual >= 0 else -1))
    fact = brief.get(ids.session(entity, "change_pct", day))
    side = "up" if actual > 0 else "down" if actual < 0 else "flat"
    message = f"{abs(actual)} sessions {side} as of {day:%a %b %-d}"
    if claimed == actual and complete:
        return Finding(
            fig.start,
            fig.end,
            "count",
            Status.VERIFIED,
            fact,
            str(abs(actual)),
            message,
            str(claimed),
            STREAK_ON_DAY,
        )
    if not complete and (claimed > 0) == (actual > 0) and abs(claimed) >= abs(actual):
        return Finding(
            fig.start,
            fig.end,
            "count",
            Status.UNSUPPORTED,
            fact,
            None,
            f"at least {message}; the brief does not reach further back",
            str(claimed),
            STREAK_ON_DAY,
        )
    return Finding(
        fig.start,
        fig.end,
        "count",
        Status.MISMATCH,
        fact,
        str(abs(actual)),
        f"the streak is {message}",
        str(claimed),
        STREAK_ON_DAY,
    )
