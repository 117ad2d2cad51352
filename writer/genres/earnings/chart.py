"""The earnings snapshot's chart: the company's share against the S&P 500 over the 12 months
to the last close before the story, `<stem>.png` and `<stem>.svg`.

What the chart shows, and why:

- **Both lines rebased to 100 at the previous year's last close**, the base of the year to
  date change the story gives: where a line ends is 100 plus that change, so the gap between
  the share and the index at the right edge is the story's "since the start of the year
  against the S&P 500".  The months before the base are the rest of the 12 months (the
  story's other move), so the left edge is the 12-month base.
- **The report day** as a dashed vertical line, labelled with the quarter and whether the
  results came before the open or after the close (the price is the last close before the
  story: the report day's after the close, the session before's when the results came
  before the open).
- **The end labels** are the brief's year-to-date changes, as displayed.

The rules are the other genres' (`writer.genres.chart_common`): every figure printed as text
is a fact's `display`; tick labels by `factcheck.numfmt.format_number`; the closes passed in
are held to the brief before anything is drawn (`ChartDataMismatch`); fixed size and dpi,
fonts as paths, a fixed `svg.hashsalt`, no date in the metadata; matplotlib only when
drawing, on an Agg canvas.  The S&P 500's closes must equal the brief's exactly.  The
company's brief closes are the prices printed at the time (raw closes times the splits
since), which a split- and dividend-adjusted series does not reproduce; its closes are held
to the brief by their year-to-date and 12-month changes instead, within `TOLERANCE_PP`
(dividends move an adjusted series' changes by about half a point a year).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import pandas as pd

from factcheck import ids
from factcheck.brief import Brief, EarningsBrief
from factcheck.numfmt import format_value
from writer.genres.chart_common import (
    REFERENCE_COLOR,
    SUBJECT_COLOR,
    ChartDataMismatch,
    checked_closes,
    close_series,
    day_text,
    draw,
    format_y,
    new_figure,
    required,
    spread,
)
from writer.genres.earnings.words import earnings

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Calendar days of history asked for before the 12-month base close (a base on a Monday
#: after a long weekend still has a session before it in the request).
MARGIN_DAYS: Final = 10
#: How far (percentage points) the company's year-to-date and 12-month changes in the closes
#: passed in may be from the brief's: an adjusted series differs by its dividends.
TOLERANCE_PP: Final = Decimal(1)
#: The index every snapshot measures the share against (its Yahoo symbol).
INDEX_SYMBOL: Final = "^GSPC"

_REPORT_COLOR: Final = "#b03a2e"


class _Share:
    """The brief's facts the chart reads: the subject's and the index's closes on the price
    date, the year's base and the 12 months' base, and both entities' changes."""

    def __init__(self, brief: EarningsBrief) -> None:
        key = brief.subject.key
        self.index = next(p for p in brief.peers if p.yahoo == INDEX_SYMBOL)
        closes = sorted(
            (f for f in brief.facts if f.entity == key and f.metric == "close" and f.on),
            key=lambda f: f.on or dt.date.min,
        )
        self.day = brief.report.price_date
        self.close = required(brief, ids.session(key, "close", self.day))
        year = [f for f in closes if f.on is not None and f.on.year < self.day.year]
        if not year:
            raise ValueError(f"the brief of {key} has no close of the year before {self.day}")
        #: the previous year's last close: the base of the year to date, the chart's 100
        self.base: dt.date = year[-1].on or self.day
        #: the 12 months' base: the chart's left edge
        self.first: dt.date = closes[0].on or self.day
        self.ytd = required(brief, ids.period(key, "ytd", "change_pct"))
        self.twelve = required(brief, ids.period(key, "12m", "change_pct"))
        self.index_ytd = required(brief, ids.period(self.index.key, "ytd", "change_pct"))
        self.index_twelve = required(brief, ids.period(self.index.key, "12m", "change_pct"))


def history_request(brief: Brief) -> tuple[list[str], dt.date, dt.date]:
    """The arguments of `PriceSource.history` that give `chart_bytes` its closes: the
    company's and the S&P 500's, from a little before the 12-month base to the price date."""
    snap = earnings(brief)
    share = _Share(snap)
    start = share.first - dt.timedelta(days=MARGIN_DAYS)
    return [snap.subject.yahoo, INDEX_SYMBOL], start, share.day


# --- text: only the brief's display strings -------------------------------------------------


def _when(day: dt.date) -> str:
    return day_text(day, True)


def _timing(brief: EarningsBrief) -> str:
    return {"amc": "after the close", "bmo": "before the open"}.get(brief.report.timing or "", "")


def alt_text(brief: Brief) -> str:
    """Two sentences for a reader who cannot see the chart, every figure a fact's `display`
    and every date one of the brief's:

    "NVIDIA shares and the S&P 500 over the 12 months to Aug 27, 2025, both rebased to
    their closes of Dec 31, 2024, with the report of Aug 27, 2025 marked. NVIDIA closed at
    $181.36 on Aug 27, 2025, +35.25% since the start of the year against +10.20% for the
    S&P 500, and +41.59% over 12 months against +15.21%."
    """
    snap = earnings(brief)
    share = _Share(snap)
    name, index = snap.subject.name, share.index.name
    return (
        f"{name} shares and the {index} over the 12 months to {_when(share.day)}, both rebased "
        f"to their closes of {_when(share.base)}, with the report of {_when(snap.report.date)} "
        f"marked. {name} closed at {share.close.display} on {_when(share.day)}: "
        f"{share.ytd.display} since the start of the year and {share.twelve.display} over 12 "
        f"months. The {index} moved {share.index_ytd.display} since the start of the year and "
        f"{share.index_twelve.display} over 12 months."
    )


def markdown_image(brief: Brief, png_name: str) -> str:
    """`![alt text](nvda-fy2026-q2.png)` for the article, the PNG named relative to it."""
    alt = alt_text(brief).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    target = f"<{png_name}>" if any(c in png_name for c in " ()<>") else png_name
    return f"![{alt}]({target})"


# --- data -----------------------------------------------------------------------------------


def _change(series: pd.Series, since: dt.date, until: dt.date) -> Decimal:
    """Percent change from the last close on or before `since` to the last on or before
    `until`."""
    base = series.loc[: pd.Timestamp(since)]
    last = series.loc[: pd.Timestamp(until)]
    if base.empty or last.empty:
        raise ChartDataMismatch(f"no close on or before {since} to chart from")
    return (Decimal(repr(float(last.iloc[-1]))) / Decimal(repr(float(base.iloc[-1]))) - 1) * 100


def checked(brief: Brief, closes: Mapping[str, pd.Series | pd.DataFrame]) -> dict[str, pd.Series]:
    """Both entities' closes from the 12-month base to the price date, held to the brief: the
    index's closes equal the brief's; the company's changes since the year's base and the
    12 months' base are the brief's within `TOLERANCE_PP`.  (Public so it is tested as
    numbers.)"""
    snap = earnings(brief)
    share = _Share(snap)
    index = checked_closes(snap, closes, (share.index,), share.first, share.day)[INDEX_SYMBOL]
    symbol = snap.subject.yahoo
    if symbol not in closes:
        raise ChartDataMismatch(
            f"no closes for {symbol} to chart the {snap.subject.key} brief; pass every symbol "
            "of history_request(brief)"
        )
    company = close_series(closes[symbol]).loc[: pd.Timestamp(share.day)]
    if company.empty or company.index[-1].date() != share.close.on:
        raise ChartDataMismatch(f"the closes of {symbol} do not reach {share.day}")
    for fact, since in ((share.ytd, share.base), (share.twelve, share.first)):
        got = _change(company, since, share.day)
        if abs(got - fact.value) > TOLERANCE_PP:
            raise ChartDataMismatch(
                f"the closes of {symbol} are not the ones the brief was built from: they move "
                f"{format_value(got, fact.unit, 2, signed=True)} from {since} to {share.day}, "
                f"the brief's {fact.label.split(':')[0]} is {fact.display}; pass the data the "
                "brief came from"
            )
    start = pd.Timestamp(share.first)
    return {symbol: company.loc[start:], INDEX_SYMBOL: index.loc[start:]}


def rebased(brief: Brief, closes: Mapping[str, pd.Series | pd.DataFrame]) -> dict[str, pd.Series]:
    """What the chart draws: each entity's checked closes as 100 times their ratio to its
    close of the year's base (`_Share.base`)."""
    share = _Share(earnings(brief))
    out = {}
    for symbol, series in checked(brief, closes).items():
        base = float(series.loc[: pd.Timestamp(share.base)].iloc[-1])
        out[symbol] = series / base * 100.0
    return out


# --- drawing --------------------------------------------------------------------------------


def _title(brief: EarningsBrief) -> str:
    return f"{brief.subject.name} shares against the S&P 500, to {_when(brief.report.price_date)}"


class _Axis:
    """Sessions evenly spaced (x is a session's position among the company's closes): no
    weekend or holiday gaps; the index's closes placed on the same sessions."""

    def __init__(self, brief: EarningsBrief, lines: dict[str, pd.Series]) -> None:
        company = lines[brief.subject.yahoo]
        self.days = [ts.date() for ts in pd.DatetimeIndex(company.index)]
        self.company = company.to_numpy()
        index = lines[INDEX_SYMBOL]
        self.index = index.reindex(company.index).to_numpy()

    def at(self, day: dt.date) -> float:
        """The position of `day`: its session's, else just after the last session before it
        (a report before the open, on the day after the price date)."""
        before = [k for k, d in enumerate(self.days) if d <= day]
        if not before:
            return 0.0
        k = before[-1]
        return float(k) if self.days[k] == day else k + 0.5

    def quarter_ticks(self) -> tuple[list[int], list[str]]:
        """A tick at the first session of each calendar quarter ("Jan 2025")."""
        at = [
            k
            for k, d in enumerate(self.days)
            if d.month in (1, 4, 7, 10) and (k == 0 or self.days[k - 1].month != d.month)
        ]
        return at, [f"{self.days[k]:%b %Y}" for k in at]


def _end_labels(ax: Axes, brief: EarningsBrief, axis: _Axis) -> None:
    """Each line's year-to-date change as the brief displays it, beside the line's end,
    spread apart when the two ends are close."""
    share = _Share(brief)
    rows = [
        (float(axis.company[-1]), f"{brief.subject.name} {share.ytd.display}", SUBJECT_COLOR),
        (float(axis.index[-1]), f"{share.index.name} {share.index_ytd.display}", REFERENCE_COLOR),
    ]
    low, high = ax.get_ylim()
    heights = spread([y for y, _t, _c in rows], (high - low) * 0.06)
    end = len(axis.days) - 1
    for (y, text, color), height in zip(rows, heights, strict=True):
        ax.annotate(
            text,
            xy=(end, y),
            xytext=(end + len(axis.days) * 0.02, height),
            textcoords="data",
            ha="left",
            va="center",
            fontsize=8.5,
            fontweight="bold",
            color=color,
        )
    ax.set_ylim(low, high)


def _marks(ax: Axes, brief: EarningsBrief, axis: _Axis, base_day: dt.date) -> None:
    """The year's base (a dotted line) and the report day (a dashed one), each labelled."""
    top = ax.get_xaxis_transform()
    base = axis.at(base_day)
    ax.vlines([base], 0.0, 1.0, transform=top, color=REFERENCE_COLOR, linewidth=0.8,
              linestyle=":", zorder=1)  # fmt: skip
    ax.annotate(
        f"Start of the year ({_when(base_day)} close)",
        xy=(base, 1.0),
        xycoords=top,
        xytext=(3, -3),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=7.5,
        color=REFERENCE_COLOR,
    )
    report = axis.at(brief.report.date)
    ax.vlines([report], 0.0, 1.0, transform=top, color=_REPORT_COLOR, linewidth=1.0,
              linestyle="--", zorder=2)  # fmt: skip
    timing = _timing(brief)
    ax.annotate(
        f"{brief.quarter.label} results, {day_text(brief.report.date, False)}"
        + (f" ({timing})" if timing else ""),
        xy=(report, 0.0),
        xycoords=top,
        xytext=(-3, 3),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=7.5,
        color=_REPORT_COLOR,
    )


def _figure(brief: EarningsBrief, lines: dict[str, pd.Series]) -> Figure:
    """The figure; call inside `matplotlib.rc_context(chart_common.RC)` (`draw` does)."""
    share = _Share(brief)
    axis = _Axis(brief, lines)
    fig = new_figure()
    fig.suptitle(
        f"{brief.subject.name} {share.ytd.display} since the start of the year, "
        f"S&P 500 {share.index_ytd.display}",
        fontsize=12,
        fontweight="bold",
        x=0.01,
        ha="left",
    )
    ax = fig.subplots()
    xs = list(range(len(axis.days)))
    ax.plot(xs, axis.index, color=REFERENCE_COLOR, linewidth=1.3, zorder=3)
    ax.plot(xs, axis.company, color=SUBJECT_COLOR, linewidth=1.8, zorder=4)
    ax.axhline(100.0, color="#bbbbbb", linewidth=0.8, zorder=1)
    ax.set_title(f"{_title(brief)}; closes rebased to {_when(share.base)}", loc="left")
    ax.set_ylabel(f"Close, {_when(share.base)} = 100")
    ax.set_xlim(0, len(xs) * 1.16)
    at, labels = axis.quarter_ticks()
    ax.set_xticks(at, labels)
    ax.margins(y=0.08)
    format_y(ax)
    _marks(ax, brief, axis, share.base)
    _end_labels(ax, brief, axis)
    return fig


def chart_bytes(
    brief: Brief, closes: Mapping[str, pd.Series | pd.DataFrame]
) -> tuple[bytes, bytes]:
    """(PNG, SVG) of the brief's share against the S&P 500, drawn in memory.  `closes` is
    keyed by Yahoo symbol (`PriceSource.history(*history_request(brief))` gives it): closes
    that disagree with the brief are `ChartDataMismatch`, no matplotlib is
    `ChartUnavailable`."""
    snap = earnings(brief)
    lines = rebased(snap, closes)
    return draw(lambda: _figure(snap, lines), _title(snap), alt_text(snap))
