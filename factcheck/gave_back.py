"""The "gave back all of Monday's gains" / "recovered all of the week's losses" judge: the
session whose move is named must have moved that way, and the close of the day the sentence
names must be back at (or past) the close before that session.
"""

from __future__ import annotations

import datetime as dt
import re

from factcheck import ids
from factcheck.bind import Binder, Binding, SentenceContext
from factcheck.brief import Fact, IndexBrief
from factcheck.datewords import WEEKDAYS
from factcheck.document import Sentence
from factcheck.finding import Finding, entity_before, phrase_finding
from factcheck.report import Status
from factcheck.rules import GAVE_BACK


def _session_before(brief: IndexBrief, day: dt.date) -> dt.date:
    earlier = [d for d in brief.week.sessions if d < day]
    return earlier[-1] if earlier else brief.week.previous_session


def gave_back(
    m: re.Match[str],
    sent: Sentence,
    ctx: SentenceContext,
    binder: Binder,
    summary: Binding | None,
) -> list[Finding]:
    """ "gave back all of Monday's gains" on the day the sentence names: that session's move
    had the direction named, and the day's close is back at (or past) the close before it."""
    brief = binder.brief
    base = sent.start
    entity = entity_before(ctx, base + m.start(), summary, brief.subject.key)
    whose = m.group("whose").lower().replace("’", "'").removesuffix("'s")
    gains = m.group("what").lower().startswith(("gain", "advance", "rally", "rise"))
    day = _day_given_back(m, base, ctx, summary)
    if day is None:
        return []
    ref = _session_given_back(brief, binder.by_weekday, whose, day)
    if ref is None:
        message = f"no session on {whose.title()} this week"
        return [_gave_back_finding(m, base, Status.CONTRADICTED, None, message)]
    if ref >= day:
        message = (
            f"{ref:%A} is not before {day:%A}: there were no gains of "
            f"{ref:%A}'s to give back by then"
        )
        return [_gave_back_finding(m, base, Status.CONTRADICTED, None, message)]
    ref_change = brief.get(ids.session(entity, "change_pct", ref))
    if ref_change is not None and (ref_change.value > 0) != gains:
        message = (
            f"{ref:%A} had no {'gains' if gains else 'losses'}"
            f": {ref_change.label} is {ref_change.display}"
        )
        return [_gave_back_finding(m, base, Status.CONTRADICTED, ref_change, message)]
    return [_closes_given_back(m, base, brief, entity, ref, day, gains)]


def _day_given_back(
    m: re.Match[str], base: int, ctx: SentenceContext, summary: Binding | None
) -> dt.date | None:
    """The session the move was given back on: the last date the sentence names outside the
    words of whose move it was ("Monday's"), else the day the sentence inherits."""
    others = [
        x
        for x in ctx.periods
        if x.kind == "date" and not (base + m.start("whose") <= x.start < base + m.end("whose"))
    ]
    day_text = others[-1].value if others else None
    if day_text is None and summary is not None:
        tokens = [t for t in (summary.periods or summary.periods_inherited) if t.startswith("d:")]
        day_text = tokens[0][2:] if tokens else None
    if day_text is None or not day_text[:1].isdigit():
        return None
    return dt.date.fromisoformat(day_text)


def _session_given_back(
    brief: IndexBrief, by_weekday: dict[int, dt.date], whose: str, day: dt.date
) -> dt.date | None:
    """The session whose move was given back: the weekday named (None if the week has no
    session that day), the week's first for "the week's", else the session before `day`."""
    if whose in WEEKDAYS:
        return by_weekday.get(WEEKDAYS[whose])
    if whose.startswith("the week"):
        return brief.week.sessions[0]
    return _session_before(brief, day)


def _closes_given_back(
    m: re.Match[str],
    base: int,
    brief: IndexBrief,
    entity: str,
    ref: dt.date,
    day: dt.date,
    gains: bool,
) -> Finding:
    """The close of `day` against the close before `ref`: at or below it after giving back
    all of the gains, at or above it after recovering all of the losses."""
    base_day = _session_before(brief, ref)
    close = brief.get(ids.session(entity, "close", day))
    base_close = brief.get(ids.session(entity, "close", base_day))
    if close is None or base_close is None:
        message = "the closes this claim compares are not in the brief"
        return _gave_back_finding(m, base, Status.UNSUPPORTED, None, message)
    ok = close.value <= base_close.value if gains else close.value >= base_close.value
    what = "gains" if gains else "losses"
    message = f"{close.label} ({close.display}) vs {base_close.label} ({base_close.display})"
    if not ok:
        message = (
            f"did not give back all of the {what}: " + message
            if gains
            else (f"did not recover all of the {what}: " + message)
        )
    status = Status.VERIFIED if ok else Status.CONTRADICTED
    return _gave_back_finding(m, base, status, close, message)


def _gave_back_finding(
    m: re.Match[str], base: int, status: Status, fact: Fact | None, message: str
) -> Finding:
    return phrase_finding(m, base, status, fact, None, message, GAVE_BACK)
