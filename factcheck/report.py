"""What the checker says about an article: one `Claim` per extracted figure, with a verdict.

This is an interface (the JSON output of `writer check --format json` and the findings fed
back to the LLM), documented in the README; change it only compatibly.
"""

from __future__ import annotations

from enum import StrEnum

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
