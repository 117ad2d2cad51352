"""The brief: every figure an article may cite, as typed facts.

It lives on the checker's side because `writer check` must be able to read a saved brief
with nothing but pydantic installed, and because the drafter and the checker must share one
definition of what a fact is and how it is written.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from factcheck.numfmt import Unit, format_value

Period = str
"""A session date (`2025-08-05`), or `week`, `52w`, `ytd`, `qtd`, `mtd`, `history`, `50d`,
`200d`, `weekly`, a level name."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Entity(_Strict):
    """An index or stock an article can talk about, with every name a writer may use for it."""

    key: str = Field(description="short symbol used in fact ids, e.g. RUT")
    yahoo: str = Field(description="Yahoo Finance symbol, e.g. ^RUT")
    name: str = Field(description="display name, e.g. Russell 2000")
    aliases: tuple[str, ...] = Field(default=(), description="other names and phrases")
    calendar: str = Field(description="exchange calendar code, e.g. XNYS")
    currency: str = "USD"


class Fact(_Strict):
    """One figure.  `display` is how it is written; it is validated against `value`."""

    id: str
    entity: str
    metric: str
    period: Period
    value: Decimal
    unit: Unit
    precision: int = Field(ge=0, le=6)
    signed: bool = False
    on: dt.date | None = Field(default=None, description="the session the figure belongs to")
    versus: str | None = Field(default=None, description="the other entity of a comparison")
    label: str
    display: str
    derivation: str | None = Field(default=None, description="how a level was derived")

    @model_validator(mode="before")
    @classmethod
    def _fill_display(cls, data: Any) -> Any:
        if isinstance(data, dict) and "display" not in data:
            unit = Unit(data["unit"])
            data = {
                **data,
                "display": format_value(
                    Decimal(str(data["value"])),
                    unit,
                    int(data["precision"]),
                    signed=bool(data.get("signed", False)),
                ),
            }
        return data

    @model_validator(mode="after")
    def _display_agrees(self) -> Fact:
        expected = format_value(self.value, self.unit, self.precision, signed=self.signed)
        if self.display != expected:
            raise ValueError(f"display {self.display!r} of {self.id} should be {expected!r}")
        return self


class Week(_Strict):
    """The sessions that happened (taken from the data, not only the calendar)."""

    start: dt.date = Field(description="Monday of the week")
    end: dt.date = Field(description="Sunday of the week")
    sessions: tuple[dt.date, ...]
    previous_session: dt.date = Field(description="last session of the previous week")
    scheduled_sessions: tuple[dt.date, ...] = Field(
        description="sessions the exchange calendar expected; differs on unscheduled closures"
    )
    as_of: dt.date | None = Field(
        default=None,
        description=(
            "the session a daily wrap is checked as of: the week's sessions end there, and "
            "the week, month, quarter and year to date, streaks and 52-week figures are as "
            "of its close; None for a whole-week recap"
        ),
    )

    @property
    def last_session(self) -> dt.date:
        return self.sessions[-1]


class Provenance(_Strict):
    source: str
    fetched_at: dt.datetime
    data_start: dt.date
    data_end: dt.date
    library_versions: dict[str, str]
    notes: tuple[str, ...] = ()


class Brief(_Strict):
    """What every kind of brief has: the entity it is about, the others it may name, its
    facts (unique ids) and where the data came from.

    The checker's shared parts (reading, figure judging, reports) need only this; what a
    genre adds (a trading week, a fiscal quarter) is a field of its own kind, read by the
    genre's parts.  `kind` names the brief kind; `factcheck.genres` maps it to its genre."""

    kind: str
    subject: Entity
    peers: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    provenance: Provenance
    _by_id: dict[str, Fact] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _ids_unique(self) -> Self:
        by_id = {f.id: f for f in self.facts}
        if len(by_id) != len(self.facts):
            ids = [f.id for f in self.facts]
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"duplicate fact ids: {dupes[:5]}")
        self._by_id = by_id
        return self

    @property
    def entities(self) -> tuple[Entity, ...]:
        return (self.subject, *self.peers)

    def get(self, fact_id: str) -> Fact | None:
        return self._by_id.get(fact_id)


class IndexBrief(Brief):
    """What the briefs of an index's trading have: a week of sessions (the whole week, or the
    week to a session's close).  The checker's shared parts read an index brief through this
    type; each genre's brief is one of its kinds."""

    week: Week


class WeeklyIndexBrief(IndexBrief):
    """The brief of an index's trading week (a weekly recap): every figure as of the week's
    last close.  (The checker also reads a session of a week this way when no daily wrap's
    brief is at hand: `week.as_of` set, every figure as of that session's close.)"""

    kind: Literal["weekly_index"] = "weekly_index"


class Closed(_Strict):
    """A weekday the exchange did not trade, and why: a holiday or an unscheduled closure."""

    day: dt.date
    why: str


class Session(_Strict):
    """The session a daily wrap reports, and the sessions either side of it."""

    date: dt.date
    previous: dt.date = Field(description="the session before: the day's change is from its close")
    next: dt.date | None = Field(
        default=None, description="the next scheduled session; None past the calendar's reach"
    )
    closed: tuple[Closed, ...] = Field(
        default=(), description="weekdays without a session between `previous` and `next`"
    )


class DailyWrapBrief(IndexBrief):
    """The brief of one session (a daily wrap): the day's open, high, low and close and its
    move, the week, month and year to date, streaks and 52-week figures as of that close (the
    same facts the checker holds a session's articles to), and the sessions around it.  A
    Friday's wrap holds the whole week."""

    kind: Literal["daily_wrap"] = "daily_wrap"
    session: Session

    @model_validator(mode="after")
    def _session_ends_week(self) -> Self:
        if self.week.last_session != self.session.date or self.week.as_of != self.session.date:
            raise ValueError(
                f"the week of a daily wrap must end at its session {self.session.date} "
                f"(sessions to {self.week.last_session}, as of {self.week.as_of})"
            )
        return self


class FiscalQuarter(_Strict):
    """A company's fiscal quarter, named by the fiscal year it falls in (the calendar year in
    which that fiscal year ends: NVDA's FY2026 Q2 ended 2025-07-27), with its own dates."""

    fiscal_year: int = Field(ge=1990, le=2100)
    quarter: int = Field(ge=1, le=4)
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        """`FY2024-Q3`: the form `--quarter` takes and fact ids carry."""
        return f"FY{self.fiscal_year}-Q{self.quarter}"

    @property
    def calendar_quarter(self) -> tuple[int, int]:
        """(year, quarter) of the calendar quarter its end falls in: Apple's fiscal Q3 of
        2024, ended 2024-06-29, is the calendar second quarter ("the June quarter")."""
        return self.end.year, (self.end.month - 1) // 3 + 1

    @model_validator(mode="after")
    def _a_quarter_long(self) -> Self:
        if not 80 <= (self.end - self.start).days <= 100:
            raise ValueError(f"{self.label} runs {self.start}..{self.end}: not a quarter")
        return self


class Filing(_Strict):
    """The SEC filing that first reported a quarter (its figures are the brief's)."""

    form: str = Field(description="10-Q, 10-K or 10-K/A")
    accession: str
    filed: dt.date


class Report(_Strict):
    """When the results were published, and the share price the article is written at."""

    date: dt.date = Field(description="the day the company reported (New York date)")
    timing: Literal["bmo", "amc"] | None = Field(
        default=None, description="before the open / after the close; None when not known"
    )
    price_date: dt.date = Field(
        description="the last close before publication: the report date after the close (or "
        "when the timing is not known, as AP publishes after the close), else the session before"
    )
    dated_by: Literal["vendor", "filing", "user"] = Field(
        default="vendor",
        description="where the report date came from: a vendor's earnings calendar, the SEC "
        "filing date (the release is on or before it), or the user (`--report-date`)",
    )


class Estimate(_Strict):
    """Where the optional estimate block came from: vendor data, never the company's.  Only
    an estimate licenses beat/miss words; without one they are errors."""

    vendor: str
    as_of: str = Field(description="when the vendor's file was saved")
    split_factor: Decimal = Field(
        default=Decimal(1),
        description="the vendor's values times this are on the share count at report time",
    )


class EarningsBrief(Brief):
    """The brief of one company's quarterly results (an earnings snapshot): each reported
    metric of the quarter, of the year-ago quarter and of the quarter before, as first
    reported, with the year-on-year change; the share's move to the last close before
    publication, since the start of the year and over 12 months, against the S&P 500 (the
    peer); the estimate block when vendor data is at hand."""

    kind: Literal["earnings"] = "earnings"
    quarter: FiscalQuarter
    year_ago: FiscalQuarter
    previous: FiscalQuarter | None = Field(default=None, description="the quarter before")
    filing: Filing
    report: Report
    estimate: Estimate | None = None

    @model_validator(mode="after")
    def _quarters_in_order(self) -> Self:
        q, y = self.quarter, self.year_ago
        if (y.fiscal_year, y.quarter) != (q.fiscal_year - 1, q.quarter):
            raise ValueError(f"the year-ago quarter of {q.label} is not {y.label}")
        if self.report.date < q.end or self.report.price_date > self.report.date:
            raise ValueError(
                f"{q.label} ended {q.end}: reported {self.report.date}, priced "
                f"{self.report.price_date}"
            )
        return self


def placed(brief: Brief) -> str:
    """What a brief is of, in a few words: "RUT 2025-08-04..2025-08-10" (an index's week),
    "AAPL FY2024-Q3 reported 2024-08-01" (a company's quarter)."""
    if isinstance(brief, EarningsBrief):
        return f"{brief.subject.key} {brief.quarter.label} reported {brief.report.date}"
    if isinstance(brief, IndexBrief):
        return f"{brief.subject.key} {brief.week.start}..{brief.week.end}"
    return brief.subject.key


def _same_place(a: Brief, b: Brief) -> bool:
    if isinstance(a, IndexBrief) and isinstance(b, IndexBrief):
        return (a.subject.key, a.week.sessions) == (b.subject.key, b.week.sessions)
    return placed(a) == placed(b)


def differences(attached: Brief, data: Brief) -> list[tuple[str, str, str]]:
    """(fact id, as attached, as the data gives it) for every figure on which a brief that
    came with an article and the brief built from market data disagree.

    A CI gate must not take the author's word for the data: an edited sidecar with its hash
    updated is as well-formed as a genuine one, so only a comparison with the data tells them
    apart.  Figures are compared as displayed (the precision an article can cite); a fact on
    one side only is a difference too ("-" stands for the missing side)."""
    out: list[tuple[str, str, str]] = []
    if not _same_place(attached, data):
        what = "brief.quarter" if isinstance(data, EarningsBrief) else "brief.week"
        out.append((what, placed(attached), placed(data)))
    for fact in attached.facts:
        other = data.get(fact.id)
        if other is None:
            out.append((fact.id, fact.display, "-"))
        elif other.display != fact.display or other.on != fact.on:
            out.append((fact.id, fact.display, other.display))
    out.extend((f.id, "-", f.display) for f in data.facts if attached.get(f.id) is None)
    return out
