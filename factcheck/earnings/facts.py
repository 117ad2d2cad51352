"""An earnings brief's facts by what they are: the fact a bound figure is held to, and the
other values a wrong figure may be (a diagnosis names the one it equals).

Ids are built by `factcheck.ids`, the functions the brief builder names its facts with;
values a brief holds no fact for (a change measured against the previous quarter) are
computed here from the brief's own facts, so a diagnosis never invents data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from factcheck import ids
from factcheck.brief import EarningsBrief, Fact, FiscalQuarter
from factcheck.grammar import ResultBasis, ResultMetric, ResultPeriod

#: Brief metrics of a dollar amount, and of a per-share amount.
AMOUNTS: Final = (
    "revenue",
    "net_income",
    "net_income_incl_nci",
    "operating_income",
    "gross_profit",
)
PER_SHARE: Final = ("eps_diluted", "eps_basic", "eps_adjusted", "eps_estimate")

_NAMES: Final = {
    "revenue": "revenue",
    "net_income": "net income",
    "net_income_incl_nci": "net income including noncontrolling interests",
    "operating_income": "operating income",
    "gross_profit": "gross profit",
    "eps_diluted": "GAAP diluted EPS",
    "eps_basic": "basic EPS",
    "eps_adjusted": "adjusted EPS",
    "eps_estimate": "the analysts' EPS estimate",
}


def metric_name(metric: str) -> str:
    """How a message names a brief metric ("adjusted EPS")."""
    return _NAMES.get(metric, metric)


def brief_metric(metric: ResultMetric, basis: ResultBasis | None) -> str | None:
    """The brief's metric of a bound figure: what the words say, on the basis they give."""
    if metric is ResultMetric.EPS:
        return {
            ResultBasis.ADJUSTED: "eps_adjusted",
            ResultBasis.ESTIMATE: "eps_estimate",
            ResultBasis.BASIC: "eps_basic",
        }.get(basis or ResultBasis.GAAP, "eps_diluted")  # first report, restated: diluted
    if metric is ResultMetric.NET_INCOME and basis is ResultBasis.INCL_NCI:
        return "net_income_incl_nci"
    if basis in (ResultBasis.FIRST_REPORT, ResultBasis.RESTATED):
        basis = None  # the year-ago figure's filing: `judge` reads it
    if basis is ResultBasis.ESTIMATE or basis is ResultBasis.ADJUSTED:
        return None  # no estimate or adjusted figure but EPS
    if metric is ResultMetric.PRICE:
        return None
    return metric.value


@dataclass(frozen=True)
class Candidate:
    """A value a wrong figure may be: a fact, or one computed from facts, and what it is."""

    value: Decimal
    what: str  # "the FY2023-Q3 figure, the year-ago quarter"
    fact: Fact | None


class EarningsFacts:
    """The facts of one earnings brief, looked up by metric and period."""

    def __init__(self, brief: EarningsBrief) -> None:
        self.brief = brief
        self.subject = brief.subject.key
        self.label = brief.quarter.label
        self.spx = brief.peers[0].key if brief.peers else None

    def quarter_of(self, period: ResultPeriod | None) -> FiscalQuarter | None:
        if period is ResultPeriod.YEAR_AGO:
            return self.brief.year_ago
        if period is ResultPeriod.PREVIOUS:
            return self.brief.previous
        return self.brief.quarter

    def value(self, metric: str, quarter: FiscalQuarter | None) -> Fact | None:
        if quarter is None:
            return None
        return self.brief.get(ids.quarter(self.subject, metric, quarter.label))

    def year_ago(self, metric: str) -> tuple[Fact | None, Fact | None]:
        """The year-ago value as first reported, and as restated (None when not restated)."""
        label = self.brief.year_ago.label
        return (
            self.brief.get(ids.quarter(self.subject, metric, label)),
            self.brief.get(ids.restated(self.subject, metric, label)),
        )

    def yoy(self, metric: str) -> Fact | None:
        return self.brief.get(ids.year_on_year(self.subject, metric, self.label))

    def close(self, entity: str, which: ResultPeriod | None) -> Fact | None:
        """A close of `entity`: at the price date, or the base of its YTD / 12-month move."""
        day = self._close_day(which)
        return None if day is None else self.brief.get(ids.session(entity, "close", day))

    def _close_days(self, entity: str) -> list[dt.date]:
        """The days the brief holds a close of `entity` for, in order."""
        return sorted(
            f.on
            for f in self.brief.facts
            if f.entity == entity and f.metric == "close" and f.on is not None
        )

    def _close_day(self, which: ResultPeriod | None) -> dt.date | None:
        price_date = self.brief.report.price_date
        if which is None:
            return price_date
        days = self._close_days(self.subject)
        if which is ResultPeriod.YTD:  # the last close of the previous year
            ends = [d for d in days if d.year == price_date.year - 1]
            return ends[-1] if ends else None
        if which is ResultPeriod.TWELVE_MONTHS:  # the last close a year before or earlier
            a_year = _a_year_before(price_date)
            before = [d for d in days if d <= a_year]
            return before[-1] if before else None
        return None

    def year_first_close(self, entity: str) -> Fact | None:
        """The close of the price year's first session, if the brief holds it: the base a
        year-to-date move is most often wrongly measured from."""
        base = self._close_day(ResultPeriod.YTD)
        price_date = self.brief.report.price_date
        if base is None:
            return None
        days = [d for d in self._close_days(entity) if base < d <= price_date]
        return self.brief.get(ids.session(entity, "close", days[0])) if days else None

    def move(self, entity: str, which: ResultPeriod) -> Fact | None:
        return self.brief.get(ids.period(entity, which.value, "change_pct"))

    def surprise(self) -> Fact | None:
        return self.brief.get(ids.quarter(self.subject, "eps_surprise_pct", self.label))

    # --- what a wrong figure may be ----------------------------------------------------------

    def others(self, metric: str, quarter: FiscalQuarter | None) -> list[Candidate]:
        """Every other reported value a figure bound to `metric` of `quarter` may be: the same
        metric of another quarter, restated, or another line of the same quarter."""
        out: list[Candidate] = []
        b = self.brief
        quarters = [(b.quarter, "the quarter's")]
        quarters.append((b.year_ago, "the year-ago quarter's"))
        if b.previous is not None:
            quarters.append((b.previous, "the previous quarter's"))
        family = PER_SHARE if metric in PER_SHARE else AMOUNTS
        for q, which in quarters:
            for m in family:
                if (m, q) == (metric, quarter):
                    continue
                fact = self.value(m, q)
                if fact is not None:
                    what = (
                        f"{which} {metric_name(m)} ({q.label})"
                        if m != metric
                        else f"the {q.label} figure, {which[:-2]}"
                    )
                    out.append(Candidate(fact.value, what, fact))
            restated = b.get(ids.restated(self.subject, metric, q.label))
            first = self.value(metric, q)
            if restated is not None and metric in PER_SHARE and q != quarter:
                out.append(
                    Candidate(
                        restated.value,
                        f"the {q.label} figure, {which[:-2]}, as restated for a split",
                        restated,
                    )
                )
            elif restated is not None:
                if metric in PER_SHARE and first is not None:
                    # per share, the restated value is the right one: the first report is
                    # on the share count before a split
                    out.append(
                        Candidate(
                            first.value,
                            f"the {q.label} figure as first reported, on the share count "
                            "before a split",
                            first,
                        )
                    )
                else:
                    out.append(
                        Candidate(
                            restated.value,
                            f"the {q.label} figure as restated in the {b.quarter.label} filing, "
                            "not as first reported",
                            restated,
                        )
                    )
        return out

    def change_bases(self, metric: str) -> list[Candidate]:
        """Year-on-year changes measured wrongly: against the previous quarter, against the
        year-ago figure as first reported when it was restated, adjusted over GAAP."""
        out: list[Candidate] = []
        now = self.value(metric, self.brief.quarter)
        if now is None:
            return out
        prev = self.value(metric, self.brief.previous)
        if prev is not None and prev.value > 0:
            out.append(
                Candidate(
                    percent_change(now.value, prev.value),
                    f"the change from the previous quarter ({self.brief.previous.label})"
                    if self.brief.previous
                    else "the change from the previous quarter",
                    None,
                )
            )
        first, restated = self.year_ago(metric)
        if restated is not None and first is not None and first.value > 0:
            out.append(
                Candidate(
                    percent_change(now.value, first.value),
                    "the change from the year-ago figure as first reported, not as restated",
                    None,
                )
            )
        adjusted = self.value("eps_adjusted", self.brief.quarter)
        base = restated or first
        if metric == "eps_diluted" and adjusted is not None and base is not None and base.value > 0:
            out.append(
                Candidate(
                    percent_change(adjusted.value, base.value),
                    "adjusted EPS measured against the year-ago GAAP EPS",
                    None,
                )
            )
        return out

    def sequential(self, metric: str) -> Decimal | None:
        """The change from the previous quarter, computed from the two reported values."""
        now = self.value(metric, self.brief.quarter)
        prev = self.value(metric, self.brief.previous)
        if now is None or prev is None or prev.value <= 0:
            return None
        return percent_change(now.value, prev.value)


def _a_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # Feb 29
        return day.replace(year=day.year - 1, day=28)


def percent_change(now: Decimal, base: Decimal) -> Decimal:
    return (now - base) / abs(base) * 100
