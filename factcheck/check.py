"""The public entry point: `check_text(text, brief)` -> a `CheckReport` with one claim per
figure, date and checkable phrase of the article.

The pipeline is extract -> bind -> match (figures) / qualitative (phrases) -> report.  The
per-brief work (entity regex, fact index) is cached, so checking many articles against one
brief costs one setup.  An article about another week than the brief's yields a single
`wrong_week` finding instead of a wall of mismatches.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import Any, Final

from factcheck.bind import (
    Binder,
    Binding,
    Mention,
    SentenceContext,
    apply_column,
    heading_entity,
    is_outside,
    period_tokens,
)
from factcheck.brief import WeeklyIndexBrief
from factcheck.extract import WEEKDAY_NAMES, Document, Figure, Sentence, parse
from factcheck.match import FactIndex, Verdict, judge
from factcheck.qualitative import ArticleWords, Finding, check_sentence, check_streak
from factcheck.report import CheckReport, Claim, Severity, Status
from factcheck.rules import DATE_OUTSIDE, SESSION_DATE, WEEKDAY_DATE, WRONG_WEEK, Rule

#: More than this share of dated mentions outside the brief's week means another week.
WRONG_WEEK_SHARE: Final = 0.5

_FIRST: Final = itemgetter(0)
_CACHE: Final[OrderedDict[int, tuple[WeeklyIndexBrief, Binder, FactIndex]]] = OrderedDict()


def _prepared(brief: WeeklyIndexBrief) -> tuple[Binder, FactIndex]:
    hit = _CACHE.get(id(brief))
    if hit is not None and hit[0] is brief:
        return hit[1], hit[2]
    binder, index = Binder(brief), FactIndex(brief)
    _CACHE[id(brief)] = (brief, binder, index)
    while len(_CACHE) > 32:
        _CACHE.popitem(last=False)
    return binder, index


def brief_id(brief: WeeklyIndexBrief) -> str:
    """What a report says it was checked against: the week, or the session of a daily wrap."""
    as_of = brief.week.as_of
    if as_of is not None:
        return f"{brief.subject.key} {brief.week.start}..{brief.week.end} as of {as_of}"
    return f"{brief.subject.key} {brief.week.start}..{brief.week.end}"


_CLAIM_FIELDS: Final = frozenset(Claim.model_fields)
_new_claim: Final = Claim.__new__
_set: Final = object.__setattr__


def trusted_claim(
    line: int,
    col: int,
    text: str,
    sentence: str,
    value: str | None,
    kind: str,
    status: Status,
    severity: Severity,
    fact_id: str | None,
    expected: str | None,
    message: str,
    rule: str | None,
) -> Claim:
    """A `Claim` from values the checker built itself, already of the declared types.

    What `Claim.model_construct(...)` with every field given produces (same `__dict__`, same
    fields set, so equality and JSON are identical), at a fraction of the cost: pydantic's
    `model_construct` walks aliases and defaults per field and is slower than validating,
    and an article yields 50-100 claims.  Every field is passed, positionally, so a field
    added to `Claim` breaks this call loudly instead of silently missing.
    """
    claim = _new_claim(Claim)
    values: dict[str, Any] = {
        "line": line,
        "col": col,
        "text": text,
        "sentence": sentence,
        "value": value,
        "kind": kind,
        "status": status,
        "severity": severity,
        "fact_id": fact_id,
        "expected": expected,
        "message": message,
        "rule": rule,
    }
    _set(claim, "__dict__", values)
    _set(claim, "__pydantic_fields_set__", set(_CLAIM_FIELDS))  # a copy: pydantic owns it
    _set(claim, "__pydantic_extra__", None)
    _set(claim, "__pydantic_private__", None)
    return claim


def _severity(status: Status, strict: bool) -> Severity:
    return (_STRICT if strict else _LENIENT)[status]


#: Status -> severity, strict (unsupported is an error) and lenient (it is a warning).
_STRICT: Final = {s: Severity.INFO if s is Status.VERIFIED else Severity.ERROR for s in Status}
_LENIENT: Final = {**_STRICT, Status.UNSUPPORTED: Severity.WARNING}


def _sentence_text(doc: Document, sent: Sentence) -> str:
    return " ".join(doc.text[sent.start : sent.end].split())


class _Builder:
    def __init__(self, doc: Document, strict: bool) -> None:
        self.doc = doc
        self.strict = strict
        self.claims: list[tuple[int, Claim]] = []
        self.sentences: dict[int, str] = {}

    def sentence(self, sent: Sentence) -> str:
        text = self.sentences.get(sent.start)
        if text is None:
            text = self.sentences[sent.start] = _sentence_text(self.doc, sent)
        return text

    def add(
        self,
        start: int,
        end: int,
        sent: Sentence,
        kind: str,
        value: str | None,
        status: Status,
        fact_id: str | None,
        expected: str | None,
        message: str,
        rule: Rule,
    ) -> None:
        line, col = self.doc.position(start)
        # trusted_claim: every field is built here from typed values; validating (or even
        # model_construct-ing) 60 claims per article costs more than the whole check.
        self.claims.append(
            (
                start,
                trusted_claim(
                    line,
                    col,
                    self.doc.text[start:end],
                    self.sentence(sent),
                    value,
                    kind,
                    status,
                    _severity(status, self.strict),
                    fact_id,
                    expected,
                    message,
                    rule.code,
                ),
            )
        )

    def finding(self, f: Finding, sent: Sentence) -> None:
        self.add(
            f.start,
            f.end,
            sent,
            f.kind,
            f.value,
            f.status,
            f.fact.id if f.fact else None,
            f.expected,
            f.message,
            f.rule,
        )


_HOLIDAY_RE: Final = re.compile(
    r"(?i)\b(?:holiday|closed\s+(?:on|for)|shut|no\s+trading|"
    r"did\s+not\s+trade|market\s+closure|were\s+closed|was\s+closed)\b",
    re.ASCII,
)


def _date_verdict(
    fig: Figure, brief: WeeklyIndexBrief, index: FactIndex, sentence: str
) -> tuple[Status, str | None, str, Rule]:
    date = fig.date
    assert date is not None
    if fig.weekday is not None and fig.weekday != date.weekday():
        right = f"{WEEKDAY_NAMES[date.weekday()]}, {date:%b} {date.day}"
        return (
            Status.MISMATCH,
            right,
            (f"{date:%b} {date.day}, {date.year} was a {WEEKDAY_NAMES[date.weekday()]}"),
            WEEKDAY_DATE,
        )
    if date in index.dates:
        return Status.VERIFIED, None, "a session or a date of the brief", SESSION_DATE
    as_of = brief.week.as_of
    if as_of is not None and as_of < date <= brief.week.end:
        # a daily wrap's dateline is often the next day's, and what it says of later days
        # is an outlook: a day of the week, as a weekend day is, with no figure to settle
        return (
            Status.VERIFIED,
            None,
            f"a day after {as_of:%a %b %-d}, the session reported",
            SESSION_DATE,
        )
    if brief.week.start <= date <= brief.week.end:
        if date.weekday() >= 5:
            return (
                Status.VERIFIED,
                None,
                "a weekend day of the week (a dateline, no session)",
                SESSION_DATE,
            )
        if _HOLIDAY_RE.search(sentence):
            return Status.VERIFIED, None, "no session that day, as the article says", SESSION_DATE
        return (
            Status.MISMATCH,
            None,
            f"no {brief.subject.name} session on {date:%a %b %-d}",
            SESSION_DATE,
        )
    return (
        Status.UNSUPPORTED,
        None,
        (f"{date.isoformat()} is outside the week {brief.week.start}..{brief.week.end}"),
        DATE_OUTSIDE,
    )


def _possessive(doc: Document, m: Mention) -> bool:
    """ "Monday's": the mention qualifies something else rather than setting the topic."""
    around = doc.text[m.end - 2 : m.end + 2]
    return "'s" in around or "’s" in around


def _summary(
    doc: Document, sent: Sentence, ctx: SentenceContext, prev: Binding | None
) -> Binding | None:
    """What the next sentence inherits: the last entity and period this one mentioned."""
    # an index named goes on; a company or a commodity named in passing does not
    named = [m.value for m in ctx.entities if not is_outside(m.value)]
    entity = named[-1] if named else (prev.entity if prev else None)
    periods = [m for m in ctx.periods if m.kind in ("date", "week", "w52", "ytd", "prev", "mtd")]
    topic = periods[-1] if periods else None
    if periods:
        plain = [m for m in periods if not _possessive(doc, m)]
        lead = [m for m in plain if m.kind == "date" and m.start - sent.start <= 6]
        topic = lead[0] if lead else plain[-1] if plain else periods[-1]
    tokens = period_tokens(topic) if topic is not None else frozenset()
    if entity is None and not tokens:
        return prev
    inherited = prev.periods or prev.periods_inherited if prev is not None else frozenset()
    return Binding(
        entity=entity,
        entity_inherited=not named,
        from_heading=not named and prev is not None and prev.from_heading,
        periods=frozenset(),
        periods_inherited=tokens or inherited,
    )


#: A short line ending in a colon heads what follows ("On Friday:", "For the week:").
_LABEL_WORDS: Final = 6


def _is_label(sent: Sentence) -> bool:
    text = sent.text.strip()
    return (
        sent.block_kind == "para"
        and text.endswith(":")
        and not sent.figures
        and len(text.split()) <= _LABEL_WORDS
    )


Reading = tuple[Sentence, SentenceContext, Binding | None, SentenceContext | None]


def read_in_order(doc: Document, binder: Binder) -> Iterator[Reading]:
    """Each sentence with its context, the running summary of its block (what a sentence
    that names no index or period inherits) and the nearest heading's context."""
    summary: Binding | None = None
    heading: SentenceContext | None = None
    block = -1
    for sent in doc.sentences:
        ctx = binder.context(doc, sent)
        if sent.block_kind == "heading" or _is_label(sent):
            ctx.label = sent.block_kind != "heading"
            heading, summary = ctx, None
        elif sent.block != block:
            # a block starts from what its heading names ("### S&P 500 (SPX): the week")
            named = heading_entity(heading)
            summary = (
                Binding(entity=named, entity_inherited=True, from_heading=True) if named else None
            )
        block = sent.block
        if summary is not None and summary.entity is not None:
            binder.resolve_generic(ctx, summary.entity)
        else:
            binder.resolve_generic(ctx, heading_entity(heading))
        yield sent, ctx, summary, heading
        summary = _summary(doc, sent, ctx, summary)


def check_text(
    text: str, brief: WeeklyIndexBrief, *, source: str = "-", strict: bool = True
) -> CheckReport:
    """Check every figure and checkable phrase of an article against one brief.

    `strict` makes unsupported figures errors (the default when gating drafts); without it
    they are warnings (for third-party articles that cite things the brief does not hold).
    """
    binder, index = _prepared(brief)
    doc = parse(text, anchor=brief.week.last_session)
    out = _Builder(doc, strict)
    words = ArticleWords.of(doc)
    # In an article that names only its subject, a sentence that names nothing is about the
    # subject; where it names other things too, that default is a guess.
    single = binder.entities_named(doc) <= {binder.subject}
    dates: list[tuple[Figure, Status]] = []
    for sent, ctx, summary, heading in read_in_order(doc, binder):
        for fig in sent.dates:
            status, expected, message, rule = _date_verdict(fig, brief, index, sent.text)
            dates.append((fig, status))
            out.add(
                fig.start,
                fig.end,
                sent,
                "date",
                fig.date.isoformat() if fig.date else None,
                status,
                None,
                expected,
                message,
                rule,
            )
        for at, fig in enumerate(sent.figures):
            if fig.kind == "count":
                out.finding(check_streak(fig, doc, sent, ctx, binder, summary), sent)
                continue
            b = binder.bind(doc, sent, ctx, fig, summary, heading, at)
            if single:
                b.entity_guessed = False
            if sent.block_kind == "table":
                apply_column(binder, doc, sent, fig, b)
            verdict: Verdict = judge(index, fig, b)
            out.add(
                fig.start,
                fig.end,
                sent,
                fig.kind,
                fig.written,
                verdict.status,
                verdict.fact.id if verdict.fact else None,
                verdict.expected,
                verdict.message,
                verdict.rule,
            )
        for finding in check_sentence(doc, sent, ctx, binder, summary, words):
            out.finding(finding, sent)
    claims = [c for _, c in sorted(out.claims, key=_FIRST)]
    wrong = _wrong_week(doc, brief, dates, claims)
    if wrong is not None:
        claims = [wrong]
    return CheckReport.model_construct(
        source=source, brief_id=brief_id(brief), claims=tuple(claims), strict=strict
    )


def _largest_week(figures: list[Figure]) -> int:
    """How many of these dated figures fall in the one week most of them fall in."""
    weeks = Counter(f.date - dt.timedelta(days=f.date.weekday()) for f in figures if f.date)
    return weeks.most_common(1)[0][1] if weeks else 0


def _wrong_week(
    doc: Document,
    brief: WeeklyIndexBrief,
    dates: list[tuple[Figure, Status]],
    claims: Iterable[Claim],
) -> Claim | None:
    """One finding when the article is evidently about another week than the brief."""
    week = brief.week
    # the previous week's last session is the base of the week's changes ("Change vs Fri
    # Aug 1"): a recap may name it on every line and is still about its own week
    outside = [
        f
        for f, _ in dates
        if f.date is not None
        and not (week.start <= f.date <= week.end)
        and f.date != week.previous_session
    ]
    out_ids = {id(f) for f in outside}  # identity: comparing Figure dataclasses is costly
    foreign = [f for f, status in dates if status is not Status.VERIFIED and id(f) in out_ids]
    walk = [f for f, _ in dates if f.weekday is not None]
    walk_out = [f for f in walk if id(f) in out_ids]
    claimed_week: dt.date | None = None
    week_text = doc.front_matter.get("week")
    if week_text:
        try:
            claimed_week = dt.date.fromisoformat(week_text.strip())
        except ValueError:
            claimed_week = None
    claimed_other = claimed_week is not None and not (week.start <= claimed_week <= week.end)
    # another week means one other week: background dates (a record in February, data due
    # next Wednesday) fall in many weeks and say nothing about the article's own
    by_walk = len(walk) >= 2 and _largest_week(walk_out) > WRONG_WEEK_SHARE * len(walk)
    by_dates = len(dates) >= 2 and _largest_week(foreign) > WRONG_WEEK_SHARE * len(dates)
    by_front = by_figures = False
    if not (by_walk or by_dates) and (claimed_other or outside):
        # figures the data contradicts, not those it cannot settle: a third-party article
        # quotes much the brief does not hold, and a background date does not move its week
        figures = [c for c in claims if c.kind not in ("date", "phrase")]
        wrong = [c for c in figures if c.status in (Status.MISMATCH, Status.MISATTRIBUTED)]
        mostly_wrong = len(figures) >= 3 and len(wrong) > WRONG_WEEK_SHARE * len(figures)
        by_front = claimed_other and mostly_wrong
        by_figures = (
            mostly_wrong and len(dates) >= 2 and len(outside) > WRONG_WEEK_SHARE * len(dates)
        )
    if not (by_walk or by_dates or by_front or by_figures):
        return None
    foreign = walk_out or foreign or outside
    mondays = Counter(f.date - dt.timedelta(days=f.date.weekday()) for f in foreign if f.date)
    if mondays:
        common = mondays.most_common(1)[0][0]
        foreign = [
            f for f in foreign if f.date and f.date - dt.timedelta(days=f.date.weekday()) == common
        ]
    if foreign:
        first = foreign[0]
        line, col = doc.position(first.start)
        text = doc.text[first.start : first.end]
        monday = first.date - dt.timedelta(days=first.date.weekday()) if first.date else None
        about = f"the week of {monday:%b %-d, %Y}" if monday else text
    else:
        line, col, text = 1, 1, doc.text.split("\n", 1)[0]
        about = f"the week of {claimed_week}"
    return Claim(
        line=line,
        col=col,
        text=text,
        sentence=text,
        value=None,
        kind="date",
        status=Status.WRONG_WEEK,
        severity=Severity.ERROR,
        fact_id=None,
        expected=f"{week.start}..{week.end}",
        message=(
            f"the article is about {about}, not the brief's week "
            f"({brief.subject.key} {week.start}..{week.end}); check it against its "
            "own week's data"
        ),
        rule=WRONG_WEEK.code,
    )
