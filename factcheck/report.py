"""What the checker says about an article: one `Claim` per extracted figure, with a verdict.

This is an interface (the JSON output of `writer check --format json` and the findings fed
back to the LLM), documented in the README; change it only compatibly.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final

from pydantic import BaseModel, ConfigDict


class Status(StrEnum):
    VERIFIED = "verified"
    MISMATCH = "mismatch"  # contradicted by the fact it talks about
    MISATTRIBUTED = "misattributed"  # true of another day / entity / metric
    UNSUPPORTED = "unsupported"  # no fact can settle it
    CONTRADICTED = "contradicted"  # a qualitative claim the data refutes
    WRONG_WEEK = "wrong_week"  # the article is about another week than the brief
    UNREADABLE = "unreadable"  # the file could not be read or placed (one of several checked)
    NO_DATA = "no_data"  # the market data its brief needs is unavailable
    NOT_AN_ARTICLE = "not_an_article"  # a form finding: not what a reader could be shown


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Claim(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    line: int  # 1-based, in the file as given (front matter included)
    col: int  # 1-based
    text: str  # exact source text of the figure or phrase
    sentence: str  # the sentence it stands in
    value: str | None  # the parsed value as written ("2218.42", "-0.5"), None for words
    kind: str  # number | percent | points | percentage_points | currency | date | count | phrase
    status: Status
    severity: Severity
    fact_id: str | None = None  # the fact that verified or contradicts it
    expected: str | None = None  # how the article should write it
    message: str = ""
    #: the code of the rule that made the claim (`factcheck.rules`: "F001", "P003" ...)
    rule: str | None = None


class CheckReport(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str  # file name or "-"
    brief_id: str  # e.g. "RUT 2025-08-04..2025-08-10"
    claims: tuple[Claim, ...]
    strict: bool
    #: what the figures were checked against: "market data", or the article's own brief when
    #: no market data could be had (then nothing vouches for the brief itself)
    checked_against: str = "market data"

    @property
    def errors(self) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        return not self.errors


# What every output format reads of a report (`factcheck.render`, `factcheck.codescan`).
_CONTROL_RE: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with control characters shown as escapes (`\\x1b`): an article or a model's
    reply must not drive the terminal it is printed on (colours, cursor moves, titles)."""
    return _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def findings(report: CheckReport) -> list[Claim]:
    """Claims worth showing: everything that is not verified."""
    return [c for c in report.claims if c.status is not Status.VERIFIED]


def end_col(claim: Claim) -> int:
    """The column just after the claim's text on its line (1-based, exclusive), as SARIF and
    GitHub's `endColumn` want it; the claim's own column when it has no text."""
    return claim.col + len(claim.text.split("\n", 1)[0])
