"""The public entry point: `check_text(text, brief)` -> a `CheckReport` with one claim per
figure, date and checkable phrase of the article.

The pipeline is extract -> bind -> match (figures) / qualitative (phrases) / streak_judges
(streak counts) / dates -> report; this module only orchestrates it (`factcheck.reading`
walks the sentences in order, `factcheck.dates` judges dates and the article's week).  The
per-brief work (entity regex, fact index) is cached, so checking many articles against one
brief costs one setup.
"""

from __future__ import annotations

from collections import OrderedDict
from operator import itemgetter
from typing import Any, Final

from factcheck.bind import Binder, apply_column
from factcheck.brief import Brief, IndexBrief
from factcheck.dates import date_verdict, wrong_week
from factcheck.document import Document, Figure, Sentence
from factcheck.extract import parse
from factcheck.fact_index import FactIndex
from factcheck.finding import Finding
from factcheck.genres import Genre, genre_of
from factcheck.match import Verdict, judge
from factcheck.qualitative import ArticleWords, check_sentence
from factcheck.reading import read_in_order
from factcheck.report import CheckReport, Claim, Severity, Status
from factcheck.rules import Rule
from factcheck.streak_judges import check_streak

_FIRST: Final = itemgetter(0)
_CACHE: Final[OrderedDict[int, tuple[IndexBrief, Binder, FactIndex]]] = OrderedDict()


def _prepared(brief: IndexBrief, genre: Genre) -> tuple[Binder, FactIndex]:
    hit = _CACHE.get(id(brief))
    if hit is not None and hit[0] is brief:
        return hit[1], hit[2]
    binder, index = Binder(brief, genre.outside), FactIndex(brief, genre.bases, genre.days(brief))
    _CACHE[id(brief)] = (brief, binder, index)
    while len(_CACHE) > 32:
        _CACHE.popitem(last=False)
    return binder, index


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


def check_text(text: str, brief: Brief, *, source: str = "-", strict: bool = True) -> CheckReport:
    """Check every figure and checkable phrase of an article against one brief.

    `strict` makes unsupported figures errors (the default when gating drafts); without it
    they are warnings (for third-party articles that cite things the brief does not hold).
    """
    genre = genre_of(brief)
    assert isinstance(brief, IndexBrief), brief.kind
    binder, index = _prepared(brief, genre)
    doc = parse(text, anchor=genre.anchor(brief))
    out = _Builder(doc, strict)
    words = ArticleWords.of(doc, genre.phrase_rules)
    # In an article that names only its subject, a sentence that names nothing is about the
    # subject; where it names other things too, that default is a guess.
    single = binder.entities_named(doc) <= {binder.subject}
    dates: list[tuple[Figure, Status]] = []
    for sent, ctx, summary, heading in read_in_order(doc, binder):
        for fig in sent.dates:
            status, expected, message, rule = date_verdict(fig, brief, index, sent.text)
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
    wrong = wrong_week(doc, brief, dates, claims, index.vouched)
    if wrong is not None:
        claims = [wrong]
    return CheckReport.model_construct(
        source=source, brief_id=genre.describe(brief), claims=tuple(claims), strict=strict
    )
