"""Claims without a figure that the data still settles.

"finished higher", "in positive territory", "its weekly high", "gave back all of Tuesday's
gains", "lagged the S&P 500", "third straight weekly gain", "hit a 52-week high": each is
found by one precompiled pattern and decided by comparing facts of the brief, never by
judging prose.  A phrase whose entity or period cannot be pinned down is left alone rather
than guessed at; a phrase whose fact is missing from the brief is `unsupported`.

The phrase kinds are rows (`PHRASE_KINDS`: a scan, a judge, a rule).  Streak counts ("third
straight weekly gain") are judged in `factcheck.streak_judges`; both report `Finding`s
(`factcheck.finding`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from factcheck import ids
from factcheck.bind import Binder, Binding, Mention, SentenceContext, is_outside
from factcheck.brief import Fact, IndexBrief
from factcheck.document import Document, Sentence
from factcheck.finding import Finding, entity_before, phrase_finding
from factcheck.gave_back import gave_back
from factcheck.grammar import (
    DIRECTION,
    DOWN,
    EVERY_SESSION_MOVES,
    EVERY_SPANS,
    EXTREME_HIGH_LOW,
    EXTREME_HIGHEST_LOWEST,
    EXTREME_NOUNS,
    FINISH_CLAIM_SIGNS,
    FINISH_CLAIM_VERBS,
    FLAT,
    GAVE_BACK_LOST,
    GAVE_BACK_PRIOR,
    GAVE_BACK_SESSION,
    GIVE_BACK_VERBS,
    GIVEN_BACK,
    MOVED_AUXILIARIES,
    MOVED_FILLERS,
    MOVED_STATE_WEEKS,
    MOVED_STATES,
    MOVED_VERBS,
    MOVED_WEEKS,
    OPEN_VERBS,
    PERIOD_PHRASES,
    POSTED_MOVES,
    POSTED_PERIODS,
    POSTED_WEEKS,
    REACH_VERBS,
    RELATIVE_VERBS,
    RESULT_VERBS,
    SEQUENCE_WORDS,
    SIGN_ADJECTIVES,
    SIGNS,
    STREAK_BREAK_PAST,
    STREAK_WORDS,
    TERRITORY_SPANS,
    THE_WEEK,
    UP,
    WEEK,
    WEEK_EXTREME_KINDS,
    WEEK_EXTREME_KINDS2,
    WEEK_EXTREME_PERIODS,
    WEEK_MOVE_NOT_AFTER,
    WEEK_MOVE_NOUNS,
    WEEK_MOVE_VERBS,
    WEEK_WITH_NOUNS,
    WEEKDAY_NAMES,
    WEEKLY,
    Form,
    PeriodKind,
    StreakRole,
    alternation,
    forms,
)
from factcheck.patterns import Scan
from factcheck.record_claims import RECORD, record_claim
from factcheck.report import Status
from factcheck.rules import (
    COMPARE_ENTITIES,
    DIRECTION_OVER_PERIOD,
    EVERY_SESSION,
    EXTREME_ON_DAY,
    GAVE_BACK,
    RECORD_CLAIM,
    TICKER_NAME,
    W52_EXTREME,
    WEEK_RANK,
    WEEK_START,
    Rule,
)
from factcheck.week_rank import WEEK_RANK_SCAN, week_rank_claim

FLAT_PCT: Final = Decimal("0.1")
"""|change| below this (percent) counts as "flat" / "unchanged" / "little changed"."""

FINISH: Final = Scan(
    rf"\b{alternation(FINISH_CLAIM_VERBS)}\b"
    r"(?P<mid>[^.;:\d#]{0,30}?)"
    rf"\b(?P<dir>{alternation(w for w, _ in FINISH_CLAIM_SIGNS)})\b"
    r"(?!\s*(?:by\s+|at\s+|\()?\s*[+\-−]?[\d#$])",
    re.ASCII,
)
#: "back in positive territory for 2024": the sign of the period's change, no verb needed.
TERRITORY: Final = Scan(
    rf"\b(?:in|into)\s+(?P<dir>{alternation(w for w, _ in SIGN_ADJECTIVES)})\s+territory\s+"
    rf"(?:(?:for|on|in|so\s+far\s+in)\s+)?(?P<what>{alternation(TERRITORY_SPANS)}|"
    r"(?:19|20)\d\d)\b",
    re.ASCII,
)
POSTED: Final = Scan(
    rf"(?:\b{alternation(RESULT_VERBS)}\s+"
    r"(?:a|an|its)\s+(?:\w+\s+){0,2}?"
    rf"(?P<period>{alternation(POSTED_PERIODS)})\s+(?P<dir>{alternation(POSTED_MOVES)})\b"
    r"|(?<!after\s)(?<!after\sa\s)(?<!following\sa\s)"
    rf"\b(?P<dir2>{alternation(w for w, _ in POSTED_WEEKS)})\s+{WEEK}\b)",
    re.ASCII,
)
#: "a modest weekly pullback", "ended a volatile week with a net loss": the week's direction
#: worded as a noun, with no figure; not a week before ("after a weekly loss").
#: "The Russell 2000 lost ground this week", "small caps fell on Tuesday": a direction over a
#: period with no figure (a move with a figure is the figure check's: "fell 2% this week").
MOVED: Final = Scan(
    rf"\b(?P<dir>{alternation(MOVED_VERBS)})\s+(?:{alternation(MOVED_FILLERS)}\s+)?"
    rf"(?P<period>{alternation(MOVED_WEEKS)}|on\s+{alternation(w.lower() for w in WEEKDAY_NAMES)})"
    r"\b(?![^.;]{0,12}?[+\-−]?[\d#$])",
    re.ASCII,
)
#: ... in other tenses and with a copula: "has fallen this week", "has been climbing all
#: week", "was higher on the week", "is down for the week".
MOVED_STATE: Final = Scan(
    rf"\b(?:{alternation(MOVED_AUXILIARIES)})\s+(?P<dir>{alternation(w for w, _ in MOVED_STATES)})"
    rf"\s+(?:{alternation(MOVED_FILLERS)}\s+)?(?P<period>{alternation(MOVED_STATE_WEEKS)}|on\s+"
    rf"{alternation(w.lower() for w in WEEKDAY_NAMES)})\b(?![^.;]{{0,12}}?[+\-−]?[\d#$])",
    re.ASCII,
)
WEEK_MOVE: Final = Scan(
    "".join(rf"(?<!{re.escape(w)}\s)" for w in (*SEQUENCE_WORDS, *STREAK_BREAK_PAST))
    + "".join(rf"(?<!{re.escape(w)}\s)" for w in WEEK_MOVE_NOT_AFTER)
    + rf"\b(?:an?|its)\s+(?:[a-z-]+\s+){{0,2}}?{WEEKLY}\s+"
    rf"(?P<dir>{alternation(WEEK_MOVE_NOUNS)})\b"
    rf"|\b{alternation(WEEK_MOVE_VERBS)}\s+(?:a|the)\s+"
    rf"(?:[a-z-]+\s+){{0,3}}?{WEEK}\s+with\s+(?:a|an)\s+(?:(?:net|small|modest|slight|marginal|"
    rf"big|sharp|steep|solid)\s+)?(?P<dir2>{alternation(WEEK_WITH_NOUNS)})\b",
    re.ASCII,
)
WEEK_EXTREME: Final = Scan(
    rf"(?:\b(?:its|the|a|fresh|new)\s+(?:new\s+)?{alternation(WEEK_EXTREME_PERIODS)}\s+"
    rf"(?P<which>{alternation(WEEK_EXTREME_KINDS)}\s+)?(?P<hl>{alternation(EXTREME_HIGH_LOW)})\b|"
    rf"\b(?P<hl2>{alternation(EXTREME_HIGHEST_LOWEST)})\s+"
    rf"(?P<which2>{alternation(WEEK_EXTREME_KINDS2)}\s+)?(?:{alternation(EXTREME_NOUNS)}\s+)?"
    rf"(?:of|for)\s+{alternation(THE_WEEK)}\b)",
    re.ASCII,
)
GAVE_BACK_SCAN: Final = Scan(
    rf"\b(?P<verb>{alternation(GIVE_BACK_VERBS)})\s+"
    rf"all\s+(?:of\s+)?(?P<whose>[a-z]+(?:'s|’s)|{alternation(THE_WEEK)}(?:'s|’s)|its|the\s+"
    rf"{alternation(GAVE_BACK_PRIOR)}\s+{alternation(GAVE_BACK_SESSION)}(?:'s|’s)|"
    rf"the(?=\s+{alternation(GAVE_BACK_LOST)}))\s+"
    rf"(?P<what>{alternation(GIVEN_BACK)})\b",
    re.ASCII,
)
RELATIVE: Final = Scan(
    rf"\b(?P<verb>(?P<neg>{alternation(w for w, d in RELATIVE_VERBS if d == DOWN)})|"
    rf"(?P<pos>{alternation(w for w, d in RELATIVE_VERBS if d == UP)}))\b",
    re.ASCII,
)
W52: Final = Scan(
    rf"\b(?:{alternation(REACH_VERBS)}|was|were|is|at|a)\s+"
    r"(?:a\s+|an\s+|its\s+|their\s+|the\s+)?(?:new\s+|fresh\s+)?"
    rf"##\s*-?\s*{WEEK}\s+(?P<which>{alternation(WEEK_EXTREME_KINDS)}\s+)?"
    rf"(?P<hl>{alternation(EXTREME_HIGH_LOW)})\b(?!\s*of\b)",
    re.ASCII,
)
#: "closed higher for three straight sessions", "... in a row": a streak, not one period's
#: direction ("for the week" is a period).
_STREAK_TAIL_RE: Final = re.compile(
    r"\s+(?:for|in)\s+(?:a\s+|the\s+)?(?:[\w-]+[\s-]+)?"
    rf"{alternation(s.word.split()[-1] for s in STREAK_WORDS if s.role is StreakRole.ORDER)}\b"
    r"|\s+(?:for|in)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)[\s-]+"
    r"(?:sessions?|days?|weeks?)\b",
    re.ASCII,
)
EVERY_SESSION_SCAN: Final = Scan(
    rf"\b(?P<dir>{alternation(w for w, _ in EVERY_SESSION_MOVES)})\s+(?:in\s+|on\s+)?"
    r"(?:all\s+(?:(?:of\s+the\s+)?(?:two|three|four|five|\d)\s+)?"
    rf"{alternation(f'{s}s' for s in EVERY_SPANS)}"
    rf"|every\s+(?:single\s+)?{alternation(EVERY_SPANS)})",
    re.ASCII,
)
WEEK_START_SCAN: Final = Scan(
    rf"\b{alternation(forms(OPEN_VERBS, Form.PAST))}\s+{alternation(THE_WEEK)}\b", re.ASCII
)
TICKER: Final = Scan(r"\((?P<ticker>[a-z0-9^]{2,8})\)", re.ASCII)


#: What the words these scans capture mean: +1 up, -1 down, 0 flat.
_SIGN_OF: Final[dict[str, int]] = {
    **dict(DIRECTION),
    **dict(SIGNS),
    **dict(EVERY_SESSION_MOVES),
}


def _change(brief: IndexBrief, entity: str, period: str) -> Fact | None:
    if period in ("week", "ytd"):
        return brief.get(ids.period(entity, period, "change_pct"))
    return brief.get(ids.session(entity, "change_pct", period))


def _period_near(
    ctx: SentenceContext,
    start: int,
    end: int,
    summary: Binding | None,
    kinds: tuple[str, ...] = ("date", "week", "ytd"),
    lower: str | None = None,
) -> str | None:
    """`week`, `ytd` or an ISO session date: the mention nearest the phrase, else inherited.
    A mention in another clause ("finish lower, ... despite a bounce on Friday") is not the
    phrase's period."""
    best: Mention | None = None
    best_dist = 10**9
    for m in ctx.periods:
        if m.kind not in kinds:
            continue
        if lower is not None and (
            (m.start >= end and _OTHER_CLAUSE.search(lower, end, m.start))
            or (m.end <= start and _CLAUSE_BEFORE.search(lower, m.end, start))
        ):
            continue
        dist = start - m.end if m.end <= start else m.start - end if m.start >= end else 0
        if dist < best_dist:
            best, best_dist = m, dist
    if best is not None:
        return best.value
    if summary is not None:
        for token in sorted(summary.periods or summary.periods_inherited):
            if token.startswith("d:"):
                return token[2:]
            if token in ("week", "ytd"):
                return token
    return None


def _territory_period(what: str, year: int) -> str | None:
    """The period of "in positive territory for <what>": the week, or this year's to date."""
    if "week" in what:
        return "week"
    if what[:1].isdigit():
        return "ytd" if int(what) == year else None
    return "ytd"


def _sign_word(value: Decimal) -> str:
    return "higher" if value > 0 else "lower" if value < 0 else "unchanged"


# Compiled once: `re.sub(pattern_string, ...)` per sentence pays a cache lookup each call.
_SPACES_RE: Final = re.compile(r"\s+", re.ASCII)
_WEEK_WORD_RE: Final = re.compile(rf"\b{WEEK}", re.ASCII)
#: What opens another clause between a phrase and a period mention after it ("finish lower,
#: despite a bounce on Friday").
_OTHER_CLAUSE: Final = Scan(
    r"(?:\b(?:despite|after|but|while|whereas|though|although|even\s+as)\b|;)",
    re.ASCII,
)
#: ... and between a period mention and a phrase after it.
_CLAUSE_BEFORE: Final = Scan(r"(?:;|\b(?:but|while|whereas)\b)", re.ASCII)
_CLAUSE_STOP_RE: Final = re.compile(r"[.;:]|\bwhile\b|\bbut\b|\bwhereas\b", re.ASCII)


def _settle(
    out: list[Finding],
    brief: IndexBrief,
    ctx: SentenceContext,
    summary: Binding | None,
    m: re.Match[str],
    base: int,
    period: str,
    word: str,
) -> None:
    """A direction claimed for the entity named before the match, over `period`."""
    entity = entity_before(ctx, base + m.start(), summary, brief.subject.key)
    _settle_direction(out, brief, entity, period, word, base + m.start(), base + m.end())


@dataclass(slots=True)
class PhraseReading:
    """One sentence as the phrase judges read it, and what they have found in it so far."""

    doc: Document
    sent: Sentence
    ctx: SentenceContext
    binder: Binder
    summary: Binding | None
    text: str  # the sentence, lower-cased
    base: int  # where it starts in the document
    out: list[Finding]
    #: spans of the finish claims ("ended the week higher"): the words of a claim judged
    finished: list[tuple[int, int]]


PhraseJudge = Callable[[PhraseReading, "re.Match[str]"], None]


@dataclass(frozen=True, slots=True)
class PhraseKind:
    """A kind of worded claim: the scan that finds its phrasings, the judge that settles
    one match, and the registry rule it reports under (`factcheck.rules`)."""

    scan: Scan
    judge: PhraseJudge
    rule: Rule


def _unsupported(r: PhraseReading, m: re.Match[str], message: str, rule: Rule) -> None:
    """A worded claim no fact of the brief can settle: `message` says what is missing."""
    r.out.append(phrase_finding(m, r.base, Status.UNSUPPORTED, None, None, message, rule))


def _judge_finish(r: PhraseReading, m: re.Match[str]) -> None:
    """ "finished the week higher", "ended in the red": a direction over the period named."""
    brief = r.binder.brief
    r.finished.append(m.span())
    if _STREAK_TAIL_RE.match(r.text, m.end()):
        return  # "closed higher for three straight sessions" is a streak claim
    word = _SPACES_RE.sub(" ", m.group("dir").lower())
    mid = m.group("mid").lower()
    period = (
        "week"
        if _WEEK_WORD_RE.search(mid)
        else _period_near(r.ctx, r.base + m.start(), r.base + m.end(), r.summary, lower=r.doc.lower)
    )
    if period is None:
        return
    _settle(r.out, brief, r.ctx, r.summary, m, r.base, period, word)


def _judge_territory(r: PhraseReading, m: re.Match[str]) -> None:
    """ "back in positive territory for 2024": the sign of the period's change."""
    brief = r.binder.brief
    if any(a < m.end() and m.start() < b for a, b in r.finished):
        return  # "ended in positive territory for the year": the finish claim's
    period = _territory_period(m.group("what"), brief.week.last_session.year)
    if period is not None:
        _settle(r.out, brief, r.ctx, r.summary, m, r.base, period, f"in {m.group('dir')} territory")


def _judge_posted(r: PhraseReading, m: re.Match[str]) -> None:
    """ "posted a weekly gain", "a losing week": the week's (or a day's) direction."""
    brief = r.binder.brief
    word = (m.group("dir") or m.group("dir2") or "").lower()
    period = (
        "week"
        if PERIOD_PHRASES[(m.group("period") or WEEKLY).lower()] == PeriodKind.WEEK
        or m.group("dir2")
        else _period_near(r.ctx, r.base + m.start(), r.base + m.end(), r.summary)
    )
    if period is None:
        return
    _settle(r.out, brief, r.ctx, r.summary, m, r.base, period, word)


def _judge_week_move(r: PhraseReading, m: re.Match[str]) -> None:
    """ "a modest weekly pullback": the week's direction worded as a noun."""
    brief = r.binder.brief
    if any(a < m.end() and m.start() < b for a, b in r.finished) or any(
        f.start < r.base + m.end() and r.base + m.start() < f.end for f in r.out
    ):
        return  # the words of a claim already judged ("posted a weekly advance")
    noun = (m.group("dir") or m.group("dir2") or "").lower()
    _settle(
        r.out,
        brief,
        r.ctx,
        r.summary,
        m,
        r.base,
        "week",
        noun,
    )


def _judge_moved(r: PhraseReading, m: re.Match[str]) -> None:
    """ "lost ground this week", "fell on Tuesday": the direction of the period's change, for
    an index the sentence names before the verb (a sentence about "stocks" or a sector names
    none the brief holds)."""
    start, end = r.base + m.start(), r.base + m.end()
    if any(a < m.end() and m.start() < b for a, b in r.finished) or any(
        f.start < end and start < f.end for f in r.out
    ):
        return  # the words of a claim already judged
    named = [e for e in r.ctx.entities if e.end <= start]
    if not named or is_outside(named[-1].value):
        return
    period: str | None = "week"
    if not m.group("period").startswith(
        ("this", "on the", "over", "for", "during", "all", "since")
    ):
        period = _period_near(r.ctx, start, end, None, kinds=("date",), lower=r.doc.lower)
    if period is None or period.startswith("missing"):
        return
    _settle_direction(
        r.out, r.binder.brief, named[-1].value, period, m.group("dir").lower(), start, end
    )


def _judge_week_extreme(r: PhraseReading, m: re.Match[str]) -> None:
    """ "hit its weekly high on Thursday": the week's extreme on the day named."""
    brief = r.binder.brief
    subject = r.binder.subject
    hl = (m.group("hl") or m.group("hl2") or "").lower()
    which = (m.group("which") or m.group("which2") or "").strip().lower()
    day = _period_near(r.ctx, r.base + m.start(), r.base + m.end(), r.summary, ("date",))
    if day is None or not day[:1].isdigit():
        return
    entity = entity_before(r.ctx, r.base + m.start(), r.summary, subject)
    facts = _extreme_facts(brief, entity, "week", which, hl.startswith("high"))
    if not facts:
        _unsupported(r, m, "no weekly high/low for this index", EXTREME_ON_DAY)
        return
    if any(f.on is not None and f.on.isoformat() == day for f in facts):
        r.out.append(
            phrase_finding(
                m, r.base, Status.VERIFIED, facts[0], None, facts[0].label, EXTREME_ON_DAY
            )
        )
    else:
        f = facts[0]
        when = f"{f.on:%A}" if f.on else "another day"
        r.out.append(
            phrase_finding(
                m,
                r.base,
                Status.CONTRADICTED,
                f,
                when,
                f"the {f.label.removeprefix(brief.subject.name + ' ')} was on {when} "
                f"({f.display}), not {dt.date.fromisoformat(day):%A}",
                EXTREME_ON_DAY,
            )
        )


def _judge_every_session(r: PhraseReading, m: re.Match[str]) -> None:
    """ "rose in every session": every daily change of the week has that sign."""
    brief = r.binder.brief
    subject = r.binder.subject
    entity = entity_before(r.ctx, r.base + m.start(), r.summary, subject)
    up = _SIGN_OF[_SPACES_RE.sub(" ", m.group("dir"))] == UP
    changes = [
        change
        for d in brief.week.sessions
        if (change := brief.get(ids.session(entity, "change_pct", d))) is not None
    ]
    wrong = [f for f in changes if (f.value > 0) != up]
    if not changes:
        _unsupported(r, m, "no daily changes for this index", EVERY_SESSION)
    elif wrong:
        r.out.append(
            phrase_finding(
                m,
                r.base,
                Status.CONTRADICTED,
                wrong[0],
                wrong[0].display,
                f"not every session: {wrong[0].label} is {wrong[0].display}",
                EVERY_SESSION,
            )
        )
    else:
        r.out.append(
            phrase_finding(
                m,
                r.base,
                Status.VERIFIED,
                changes[0],
                None,
                "every session's change agrees",
                EVERY_SESSION,
            )
        )


def _judge_week_start(r: PhraseReading, m: re.Match[str]) -> None:
    """ "On Tuesday the week opened ...": the week's first session."""
    brief = r.binder.brief
    lead = [p for p in r.ctx.periods if p.kind == "date" and p.start - r.base <= 6]
    first = brief.week.sessions[0].isoformat()
    if lead and lead[0].value != first and lead[0].value[:1].isdigit():
        r.out.append(
            phrase_finding(
                m,
                r.base,
                Status.CONTRADICTED,
                None,
                f"{brief.week.sessions[0]:%A}",
                f"the week opened on {brief.week.sessions[0]:%A}, not "
                f"{dt.date.fromisoformat(lead[0].value):%A}",
                WEEK_START,
            )
        )


def _judge_ticker(r: PhraseReading, m: re.Match[str]) -> None:
    """ "the Nasdaq Composite (SPX)": a ticker that names another index."""
    named = entity_before(r.ctx, r.base + m.start(), None, "")
    said = r.binder.entity_of.get(m.group("ticker"))
    if named and said and named != said:
        r.out.append(
            phrase_finding(
                m,
                r.base,
                Status.MISATTRIBUTED,
                None,
                f"({named})",
                f"the name before says {named}, the ticker says {said}",
                TICKER_NAME,
            )
        )


def _judge_gave_back(r: PhraseReading, m: re.Match[str]) -> None:
    """ "gave back all of Monday's gains": the closes it compares."""
    r.out.extend(gave_back(m, r.sent, r.ctx, r.binder, r.summary))


def _judge_relative(r: PhraseReading, m: re.Match[str]) -> None:
    """ "outpaced the S&P 500": two indices' changes over the period."""
    r.out.extend(_relative(m, r.text, r.sent, r.ctx, r.binder, r.summary))


def _judge_w52(r: PhraseReading, m: re.Match[str]) -> None:
    """ "hit a 52-week high": set on a session of the week."""
    brief = r.binder.brief
    subject = r.binder.subject
    entity = entity_before(r.ctx, r.base + m.start(), r.summary, subject)
    which = (m.group("which") or "").strip().lower()
    hl = m.group("hl").lower()
    facts = _extreme_facts(brief, entity, "52w", which, hl == "high")
    if not facts:
        _unsupported(r, m, "the brief has no 52-week range here", W52_EXTREME)
        return
    sessions = set(brief.week.sessions)
    start, end = r.base + m.start(), r.base + m.end()
    day = _period_near(r.ctx, start, end, r.summary, ("date",), lower=r.doc.lower)
    named = dt.date.fromisoformat(day) if day is not None and day[:1].isdigit() else None
    if named in sessions and not any(f.on == named for f in facts):
        # "set a 52-week closing high on Friday": on that session, not another of the week
        f = next((f for f in facts if f.on in sessions), facts[0])
        when = f"{f.on:%A, %b %-d}" if f.on is not None else "another day"
        message = f"the 52-week {hl} was set on {when}, not {named:%A}: {f.display}"
        r.out.append(phrase_finding(m, r.base, Status.CONTRADICTED, f, when, message, W52_EXTREME))
    elif (held := next((f for f in facts if f.on in sessions), None)) is not None:
        r.out.append(
            phrase_finding(m, r.base, Status.VERIFIED, held, None, held.label, W52_EXTREME)
        )
    else:
        f = facts[0]
        label = f.label.removeprefix(brief.subject.name + " ")
        message = f"no 52-week {hl} this week: the {label} is {f.display}"
        r.out.append(phrase_finding(m, r.base, Status.CONTRADICTED, f, None, message, W52_EXTREME))


def _judge_record(r: PhraseReading, m: re.Match[str]) -> None:
    """ "closed at a record": `factcheck.record_claims`."""
    start, end = r.base + m.start(), r.base + m.end()
    day = _period_near(r.ctx, start, end, r.summary, ("date",), lower=r.doc.lower)
    entity = entity_before(r.ctx, start, r.summary, r.binder.subject)
    r.out.extend(record_claim(m, r.text, r.base, r.binder.brief, entity, day))


def _judge_week_rank(r: PhraseReading, m: re.Match[str]) -> None:
    """ "its best week of the year": `factcheck.week_rank`."""
    entity = entity_before(r.ctx, r.base + m.start(), r.summary, r.binder.subject)
    r.out.extend(week_rank_claim(m, r.text, r.base, r.binder.brief, entity))


#: Every kind of worded claim, in the order they are judged (a later kind skips the words
#: of a claim an earlier one judged).
PHRASE_KINDS: Final[tuple[PhraseKind, ...]] = (
    PhraseKind(FINISH, _judge_finish, DIRECTION_OVER_PERIOD),
    PhraseKind(TERRITORY, _judge_territory, DIRECTION_OVER_PERIOD),
    PhraseKind(POSTED, _judge_posted, DIRECTION_OVER_PERIOD),
    PhraseKind(WEEK_MOVE, _judge_week_move, DIRECTION_OVER_PERIOD),
    PhraseKind(MOVED, _judge_moved, DIRECTION_OVER_PERIOD),
    PhraseKind(MOVED_STATE, _judge_moved, DIRECTION_OVER_PERIOD),
    PhraseKind(WEEK_EXTREME, _judge_week_extreme, EXTREME_ON_DAY),
    PhraseKind(EVERY_SESSION_SCAN, _judge_every_session, EVERY_SESSION),
    PhraseKind(WEEK_START_SCAN, _judge_week_start, WEEK_START),
    PhraseKind(TICKER, _judge_ticker, TICKER_NAME),
    PhraseKind(GAVE_BACK_SCAN, _judge_gave_back, GAVE_BACK),
    PhraseKind(RELATIVE, _judge_relative, COMPARE_ENTITIES),
    PhraseKind(W52, _judge_w52, W52_EXTREME),
    PhraseKind(RECORD, _judge_record, RECORD_CLAIM),
    PhraseKind(WEEK_RANK_SCAN, _judge_week_rank, WEEK_RANK),
)


@dataclass(slots=True)
class ArticleWords:
    """Which phrase kinds can match anywhere in one article (their scan's prefilter passes on
    the whole text), one flag per `PHRASE_KINDS` row.

    A kind that cannot is skipped for every sentence with one test of a flag, which costs
    less than asking its prefilter again sentence by sentence."""

    live: tuple[bool, ...]

    @classmethod
    def of(cls, doc: Document, enabled: frozenset[str]) -> ArticleWords:
        """`enabled`: the rule codes of the phrase kinds the article's genre runs."""
        low = doc.lower
        return cls(
            tuple(kind.rule.code in enabled and kind.scan.may_match(low) for kind in PHRASE_KINDS)
        )


def check_sentence(
    doc: Document,
    sent: Sentence,
    ctx: SentenceContext,
    binder: Binder,
    summary: Binding | None,
    words: ArticleWords,
) -> list[Finding]:
    """Every qualitative claim of one sentence, decided against the brief."""
    text = doc.lower[sent.start : sent.end]
    r = PhraseReading(doc, sent, ctx, binder, summary, text, sent.start, [], [])
    for kind, live in zip(PHRASE_KINDS, words.live, strict=True):
        if live:
            for m in kind.scan.finditer(text):
                kind.judge(r, m)
    return r.out


def _extreme_facts(
    brief: IndexBrief, entity: str, period: str, which: str, high: bool
) -> list[Fact]:
    """The facts a "weekly high" or a "52-week closing low" can mean: the closing or the
    intraday extreme when the phrase says which ("closing", "intraday"), else either."""
    hl = "high" if high else "low"
    keys = [f"close_{hl}"] if which.startswith("clos") else [hl] if which else [hl, f"close_{hl}"]
    return [f for k in keys if (f := brief.get(ids.period(entity, period, k))) is not None]


def _settle_direction(
    out: list[Finding],
    brief: IndexBrief,
    entity: str,
    period: str,
    word: str,
    start: int,
    end: int,
) -> None:
    fact = _change(brief, entity, period)
    if fact is None:
        out.append(
            Finding(
                start,
                end,
                "phrase",
                Status.UNSUPPORTED,
                None,
                None,
                f"no change for {entity} {period} in the brief",
                None,
                DIRECTION_OVER_PERIOD,
            )
        )
        return
    value = fact.value
    sign = _SIGN_OF.get(word)
    if sign == FLAT:
        ok = abs(value) < FLAT_PCT
    elif sign == UP:
        ok = value > 0
    elif sign == DOWN:
        ok = value < 0
    else:
        return
    status = Status.VERIFIED if ok else Status.CONTRADICTED
    out.append(
        Finding(
            start,
            end,
            "phrase",
            status,
            fact,
            _sign_word(value),
            f"{fact.label} is {fact.display}" if not ok else fact.label,
            None,
            DIRECTION_OVER_PERIOD,
        )
    )


def _relative(
    m: re.Match[str],
    text: str,
    sent: Sentence,
    ctx: SentenceContext,
    binder: Binder,
    summary: Binding | None,
) -> list[Finding]:
    brief = binder.brief
    base = sent.start
    clause_end = sent.end
    tail = text[m.end() :]
    stop = _CLAUSE_STOP_RE.search(tail)
    if stop is not None:
        clause_end = base + m.end() + stop.start()
    a = entity_before(ctx, base + m.start(), summary, brief.subject.key)
    targets = [
        x.value for x in ctx.entities if base + m.end() <= x.start < clause_end and x.value != a
    ]
    if not targets:
        return []
    period = _period_near(ctx, base + m.start(), clause_end, summary) or "week"
    mine = _change(brief, a, period)
    out = []
    worse = m.group("neg") is not None
    for b_key in dict.fromkeys(targets):
        theirs = _change(brief, b_key, period)
        if mine is None or theirs is None:
            out.append(
                phrase_finding(
                    m,
                    base,
                    Status.UNSUPPORTED,
                    None,
                    None,
                    f"no {period} change for {a} or {b_key}",
                    COMPARE_ENTITIES,
                )
            )
            continue
        ok = mine.value < theirs.value if worse else mine.value > theirs.value
        message = f"{mine.label} {mine.display} vs {theirs.label} {theirs.display}"
        out.append(
            phrase_finding(
                m,
                base,
                Status.VERIFIED if ok else Status.CONTRADICTED,
                mine,
                None if ok else ("outperformed" if worse else "lagged"),
                message,
                COMPARE_ENTITIES,
            )
        )
    return out
