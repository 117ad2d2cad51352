"""Record claims: "closed at a record", "hit an all-time high", with no figure.

The brief's data starts on a known day (2023-07 at the earliest, the brief's history window
at most), so no record it holds is all-time: a record claim for a session whose close (for a
high, whose close and intraday high) is below an earlier one the brief holds is
`contradicted`, the most common false claim of the kind, and one at or above them all is
`unsupported`; none is ever verified.  The scan's words are rows of `factcheck.grammar`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Final

from factcheck import ids
from factcheck.bind import is_outside
from factcheck.brief import Fact, IndexBrief
from factcheck.finding import Finding, phrase_finding
from factcheck.grammar import (
    RECORD_DENIALS,
    RECORD_FINISH_VERBS,
    RECORD_LEADS,
    RECORD_NOUNS,
    RECORD_REACH_VERBS,
    RECORD_RISE_VERBS,
    RECORD_TAIL_WORDS,
    RECORD_WORDS,
    alternation,
)
from factcheck.patterns import Scan
from factcheck.report import Status
from factcheck.rules import RECORD_CLAIM

#: "closed at a record", "hit an all-time high", "rose 1% to a fresh record close": a record
#: claimed for a session, with no figure after it ("a record close of 8,114.7" is the figure
#: check's).
RECORD: Final = Scan(
    rf"\b(?:(?P<fin>{alternation(RECORD_FINISH_VERBS)})\s+at|{alternation(RECORD_REACH_VERBS)}|"
    rf"{alternation(RECORD_RISE_VERBS)}\s+(?:[^.;,a-z]{{0,24}}?\s)?to)\s+"
    rf"(?:{alternation(RECORD_LEADS)}\s+){{0,2}}(?:{alternation(RECORD_WORDS)})"
    rf"(?:[\s-]+(?P<what>{alternation(RECORD_NOUNS)}))?\b(?!\s*(?:of|at)\b|\s*[#\d])",
    re.ASCII,
)
#: What a bare "record" may be followed by and still be the index's ("closed at a record on
#: Tuesday", "... record."), not some other record ("set a record volume").
_RECORD_TAIL_RE: Final = re.compile(
    rf"\s*(?:$|[^\w\s]|{alternation(RECORD_TAIL_WORDS)}\b)", re.ASCII
)
#: A denial or hedge in the claim's clause before it ("narrowly missed a record").
_RECORD_DENIAL_RE: Final = re.compile(
    rf"(?:^|[^\w'’]){alternation(RECORD_DENIALS)}(?![\w'’])[^.;:]*$", re.ASCII
)


def record_claim(
    m: re.Match[str], text: str, base: int, brief: IndexBrief, entity: str, day: str | None
) -> list[Finding]:
    """ "closed at a record" (`m`, a `RECORD` match in the sentence `text` that starts at
    `base`), about `entity` on `day` (an ISO session the sentence names, or None): no close
    (for a high, no close and no intraday high) the brief holds from before the session is
    above the session's, else `contradicted`; never verified."""
    if _RECORD_DENIAL_RE.search(text, max(0, m.start() - 32), m.start()):
        return []
    what = (m.group("what") or "").lower()
    if not what and not _RECORD_TAIL_RE.match(text, m.end()):
        return []  # "set a record volume": some other record
    if is_outside(entity):
        return []
    closing = m.group("fin") is not None or "clos" in what
    sessions = brief.week.sessions
    if day is not None:
        days = [d for d in sessions if d.isoformat() == day]
        if not days:
            return []  # a record of another day: background the brief does not hold
    elif brief.week.as_of is not None:
        days = [sessions[-1]]  # a daily wrap's session
    else:
        days = list(sessions)  # some session of the week
    settled = [s for d in days if (s := _record_on(brief, entity, d, closing)) is not None]
    if not settled or len(settled) < len(days):
        return []
    unbeaten = [own for own, higher in settled if higher is None]
    if not unbeaten:  # every session it may be about closed below an earlier close
        own, higher = settled[-1]
        assert higher is not None
        message = (
            f"not a record: {own.label} is {own.display}, below {higher.label} ({higher.display})"
        )
        return [phrase_finding(m, base, Status.CONTRADICTED, higher, None, message, RECORD_CLAIM)]
    own = unbeaten[-1]
    what_close = "close" if closing else "close and intraday high"
    held = brief.get(ids.period(entity, "history", "close_high"))
    since = (
        held.label.removeprefix(f"{_name(brief, entity)} ")
        if held is not None
        else "the closes the brief holds"
    )
    message = (
        f"{own.label} ({own.display}) tops every earlier {what_close} the brief holds "
        f"({since}); an all-time record needs the full history, which the data lacks"
    )
    return [phrase_finding(m, base, Status.UNSUPPORTED, None, None, message, RECORD_CLAIM)]


def _name(brief: IndexBrief, entity: str) -> str:
    return next((e.name for e in brief.entities if e.key == entity), entity)


def _record_on(
    brief: IndexBrief, entity: str, day: dt.date, closing: bool
) -> tuple[Fact, Fact | None] | None:
    """The session's close and the highest close the brief holds from before it that is
    above it (None when none is; for a high, when also no earlier intraday high is above the
    session's); None when the brief has no close for the session."""
    own = brief.get(ids.session(entity, "close", day))
    if own is None:
        return None
    higher = _highest_before(brief, entity, day, ("close", "close_high"), own.value)
    if higher is not None and not closing:
        peak = brief.get(ids.session(entity, "high", day))
        if peak is not None and _highest_before(brief, entity, day, ("high",), peak.value) is None:
            higher = None  # a record intraday high, if not a record close
    return own, higher


def _highest_before(
    brief: IndexBrief, entity: str, day: dt.date, metrics: tuple[str, ...], above: Decimal
) -> Fact | None:
    """The highest fact of `metrics` the brief holds for `entity` dated before `day` and
    above `above`, or None."""
    found = [
        f
        for f in brief.facts
        if f.entity == entity
        and f.metric in metrics
        and f.on is not None
        and f.on < day
        and f.value > above
    ]
    return max(found, key=lambda f: f.value) if found else None
