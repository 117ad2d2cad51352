"""Fact ids, written in one place.

A fact id (`RUT.close.2025-08-05`, `RUT.week.change_pct`, `RUT.vs.SPX.spread_pp.week`) is
the key three parties must spell the same way: the brief builder
(`writer.genres.weekly_index.brief`) names each fact it makes, the offline drafter looks
facts up by id to write its figures, and the judges (`match`, `qualitative`, `diagnose`)
look up the fact a claim is about.  An id a judge spells differently from the builder raises
nothing: the lookup finds no fact, and a claim the data settles is reported `unsupported` or
left unchecked.  So every id is built by one of these functions instead of an f-string at
each use; the catalogue of ids is in the README.

Pure and dependency-free, so `writer` (which depends on `factcheck`) and the checker share it.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeAlias

Day: TypeAlias = dt.date | str
"""A session: a `dt.date` (not a datetime), or the ISO form (`2025-08-05`) that fact periods
and binding tokens hold."""


def _iso(day: Day) -> str:
    return day.isoformat() if isinstance(day, dt.date) else day


def session(entity: str, metric: str, day: Day) -> str:
    """One session's figure, metric first: `RUT.close.2025-08-05`, `RUT.change_pct.2025-08-05`
    (`open`, `high`, `low`, `close`, `change_pts`, `change_pct`; also the closes before the week
    and of the year's ends that the brief carries as bases)."""
    return f"{entity}.{metric}.{_iso(day)}"


def period(entity: str, period: str, metric: str) -> str:
    """A figure over a named period, period first: `RUT.week.change_pct`, `RUT.week.high`,
    `RUT.week.sessions`, `RUT.52w.close_low`, `RUT.52w.from_high_pct`, `RUT.ytd.change_pts`,
    `RUT.mtd.change_pct`, `RUT.qtd.change_pct`, `RUT.prev_week.change_pct`, and the record
    context `RUT.history.close_high` / `RUT.history.high` (the highest of the data held)."""
    return f"{entity}.{period}.{metric}"


def moving_average(entity: str, days: int) -> str:
    """The `days`-session simple moving average of closes: `RUT.ma50`, `RUT.ma200`."""
    return f"{entity}.ma{days}"


def vs_moving_average(entity: str, days: int) -> str:
    """The last close's distance from that moving average, in percent: `RUT.ma50.vs_pct`."""
    return f"{moving_average(entity, days)}.vs_pct"


def streak(entity: str, kind: str) -> str:
    """A run of up (+n) or down (-n) closes: `RUT.streak.weekly`, `RUT.streak.daily`,
    `RUT.streak.weekly_prev` (the weekly streak as of the week before)."""
    return f"{entity}.streak.{kind}"


def level(entity: str, name: str) -> str:
    """A price level a writer may cite: `RUT.level.round_above`, `RUT.level.round_below`,
    `RUT.level.prev_week_high`, `RUT.level.prev_week_low`, `RUT.level.swing_high_1`, ..."""
    return f"{entity}.level.{name}"


def is_level(fact_id: str) -> bool:
    """Is `fact_id` a price level a writer may cite (`level`), not a value the index had?"""
    return ".level." in fact_id


def spread(subject: str, peer: str, period: Day) -> str:
    """The subject's percent change minus the peer's, in percentage points, over the week or
    one session: `RUT.vs.SPX.spread_pp.week`, `RUT.vs.SPX.spread_pp.2025-08-05`."""
    return f"{subject}.vs.{peer}.spread_pp.{_iso(period)}"


def quarter(entity: str, metric: str, label: str) -> str:
    """A reported figure of a fiscal quarter, as first reported: `AAPL.revenue.FY2024-Q3`,
    `AAPL.eps_diluted.FY2023-Q3` (`revenue`, `net_income`, `net_income_incl_nci`,
    `eps_diluted`, `eps_basic`, `operating_income`, `gross_profit`; the vendor's
    `eps_estimate` and `eps_adjusted`)."""
    return f"{entity}.{metric}.{label}"


def restated(entity: str, metric: str, label: str) -> str:
    """A quarter's figure as a later filing restates it (a split, a correction), when it
    differs from the first report: `NVDA.eps_diluted.FY2024-Q2.restated`."""
    return f"{quarter(entity, metric, label)}.restated"


def year_on_year(entity: str, metric: str, label: str) -> str:
    """A quarter's change on its year-ago quarter, in percent, on one basis (the year-ago
    figure as the quarter's own filing gives it): `AAPL.revenue.FY2024-Q3.yoy_pct`."""
    return f"{quarter(entity, metric, label)}.yoy_pct"
