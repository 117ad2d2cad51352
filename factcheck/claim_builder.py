"""Claims built by the checker's engines: every engine reports through this one builder, so
a claim's line and column, its sentence text and its severity (strict or lenient) are made
the same way whichever genre's engine judged it.
"""

from __future__ import annotations

import bisect
from operator import itemgetter
from typing import Any, Final

from factcheck.accounting import unaccounted
from factcheck.document import Document, Sentence
from factcheck.finding import Finding
from factcheck.report import Claim, Severity, Status
from factcheck.rules import FIGURE_UNACCOUNTED, FIGURE_UNREAD, Rule
from factcheck.unread import unread_numbers

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


class ClaimBuilder:
    """The claims of one article, as its engine judges them, kept with their offsets so the
    report lists them in reading order."""

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

    def account_for_every_number(self) -> None:
        """A finding for each number of the body the figure reader cannot read (rule F011) and
        each number it skipped that is no named non-figure (rule F012): after every engine's
        own claims, so nothing a reader sees passes in silence.  The first
        `MAX_NUMBER_FINDINGS` are listed and one more finding counts the rest: a hostile
        article of a hundred thousand such numbers costs linear work and a bounded report."""
        doc = self.doc
        unread = [(a, b, m) for a, b, m in unread_numbers(doc.text) if a >= doc.body_start]
        unread_starts = [a for a, _, _ in unread]
        found: list[tuple[int, int, str, Rule]] = [(a, b, m, FIGURE_UNREAD) for a, b, m in unread]
        for start, end in unaccounted(doc):
            i = bisect.bisect_right(unread_starts, start) - 1
            if i < 0 or start >= unread[i][1]:
                found.append((start, end, UNACCOUNTED, FIGURE_UNACCOUNTED))
        if not found:
            return
        found.sort(key=_START_OF)
        starts = [s.start for s in doc.sentences]
        for start, end, message, rule in found[:MAX_NUMBER_FINDINGS]:
            self._number_finding(starts, start, end, message, rule)
        if len(found) > MAX_NUMBER_FINDINGS:
            start, end, _, rule = found[MAX_NUMBER_FINDINGS]
            more = len(found) - MAX_NUMBER_FINDINGS
            message = f"{more:,} more numbers the checker did not read, from here on (not listed)"
            self._number_finding(starts, start, end, message, rule)

    def _number_finding(
        self, starts: list[int], start: int, end: int, message: str, rule: Rule
    ) -> None:
        """One unsupported finding over doc.text[start:end], in the sentence that holds it
        (`starts`: the sentences' starts, in order)."""
        sentences = self.doc.sentences
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < sentences[i].end:
            sent = sentences[i]
        else:
            sent = Sentence(start, end, self.doc.masked[start:end], -1, "para")
        self.add(start, end, sent, "number", None, Status.UNSUPPORTED, None, None, message, rule)


#: How many numbers rules F011 and F012 list one by one in an article.
MAX_NUMBER_FINDINGS: Final = 100
_START_OF: Final = itemgetter(0)
#: What rule F012 says of a number it found unread.
UNACCOUNTED: Final = (
    "a number the checker did not read as a figure (not a year, a rank, a name's digits, a "
    "time or a column name): write it as a figure in a sentence that says what it is"
)
