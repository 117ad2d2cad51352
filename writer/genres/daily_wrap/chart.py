"""The daily wrap's chart: one session of an index, `<stem>.png` and `<stem>.svg`.

What the chart shows, and why:

- **Left panel, the month**: the subject's daily closes over the last `CONTEXT_SESSIONS`
  sessions (about a month) to the session, the session's close marked and labelled with its
  close and the day's change: where the day left the index against its recent path.
- **Right panel, the day**: the session's intraday range as a bar from its low to its high,
  its open as a tick on the left and its close as a tick on the right (the usual OHLC
  reading), against a dotted reference line at the previous session's close, the base of the
  day's change: a close above the line is an up day, and the bar shows how far the day
  swung on the way.

The rules are the weekly chart's (`writer.genres.weekly_index.chart`, with the shared parts
in `writer.genres.chart_common`): every figure printed as text is a fact's `display`, its
words the fact's `label`; tick labels by `factcheck.numfmt.format_number`; the closes passed
in are held to the brief first (`ChartDataMismatch`); fixed size and dpi, fonts as paths, a
fixed `svg.hashsalt`, no date in the metadata, so the same brief and closes give the same
bytes; matplotlib imported only when drawing (`ChartUnavailable` without it), on an Agg
canvas, never pyplot.  The right panel is drawn from the brief's own open, high, low and
close facts, so it cannot disagree with the article; the left from the closes, checked.

**Alt text** (`alt_text`, `markdown_image`) is built only from the brief's display strings
and session dates, in sentences `factcheck.check.check_text(strict=True)` verifies claim by
claim (`tests/test_daily_chart.py` checks every session of several indices).  No date before
the brief's week is named (the checker holds dates to the brief's sessions), so the month
is "the past month", not a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

import pandas as pd

from factcheck import ids
from factcheck.brief import DailyWrapBrief, Entity, Fact, IndexBrief
from writer.genres.chart_common import (
    REFERENCE_COLOR,
    SUBJECT_COLOR,
    checked_closes,
    day_text,
    draw,
    fact,
    format_y,
    new_figure,
    required,
    spread,
    words,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Sessions of closes in the month panel, the session last (about a calendar month).
CONTEXT_SESSIONS: Final = 22
#: Calendar days of history to ask for before the session: `CONTEXT_SESSIONS` sessions with
#: room for weekends and a run of holidays (Lunar New Year, Golden Week).
HISTORY_DAYS: Final = 45

_UP: Final = "#1b9e77"
_DOWN: Final = "#d95f02"
_FLAT: Final = "#777777"


def _daily(brief: IndexBrief) -> DailyWrapBrief:
    if not isinstance(brief, DailyWrapBrief):
        raise TypeError(f"the daily wrap's chart needs a daily wrap brief, not {brief.kind}")
    return brief


def history_request(brief: IndexBrief) -> tuple[list[str], dt.date, dt.date]:
    """The arguments of `PriceSource.history` that give `chart_bytes` its closes: the
    subject's (Yahoo symbol), from `HISTORY_DAYS` before the session to the session."""
    day = _daily(brief).session.date
    return [brief.subject.yahoo], day - dt.timedelta(days=HISTORY_DAYS), day


# --- text: only the brief's display strings -------------------------------------------------


def _long_day(day: dt.date) -> str:
    """ "Tuesday, Aug 5, 2025": a session date as the checker reads it."""
    return f"{day:%A}, {day_text(day, True)}"


def _session_words(found: Fact, entity: Entity, day: dt.date) -> str:
    """The fact's label without its entity's name and the session's date ("intraday high"),
    the panel's title saying which day."""
    text = words(found, entity)
    suffix = f" {day:%a} {day:%b} {day.day}"
    return text[: -len(suffix)] if text.endswith(suffix) else text


class _Day:
    """The session's facts the chart prints: close, change and previous close always (a
    daily wrap brief has them), open, high and low when the data gave them."""

    def __init__(self, brief: DailyWrapBrief) -> None:
        key, session = brief.subject.key, brief.session
        self.close = required(brief, ids.session(key, "close", session.date))
        self.change = required(brief, ids.session(key, "change_pct", session.date))
        self.previous = required(brief, ids.session(key, "close", session.previous))
        self.open = fact(brief, ids.session(key, "open", session.date))
        self.high = fact(brief, ids.session(key, "high", session.date))
        self.low = fact(brief, ids.session(key, "low", session.date))


def alt_text(brief: IndexBrief) -> str:
    """Two or three sentences for a reader who cannot see the chart, every figure a fact's
    `display` and every date a session of the brief:

    "Russell 2000 daily closes over the past month to Tuesday, Aug 5, 2025, and that
    session's intraday range. The Russell 2000 closed at 2,225.67 on Tuesday, Aug 5, 2025,
    +0.60% from its Aug 4 close of 2,212.30. On Tuesday, Aug 5, 2025 it opened at 2,218.44
    and traded between 2,200.73 and 2,228.48."

    The last sentence (or its opening clause) is left out when the brief has no range (or no
    open) for the session."""
    daily = _daily(brief)
    subject, session = daily.subject, daily.session
    day = _Day(daily)
    when = _long_day(session.date)
    prev = day_text(session.previous, session.previous.year != session.date.year)
    text = (
        f"{subject.name} daily closes over the past month to {when}, and that session's "
        f"intraday range. The {subject.name} closed at {day.close.display} on {when}, "
        f"{day.change.display} from its {prev} close of {day.previous.display}."
    )
    if day.low is not None and day.high is not None:
        between = f"traded between {day.low.display} and {day.high.display}"
        # the day named again: the sentence before ends on the previous session's close,
        # and the checker reads a sentence without a day as about the last day named
        if day.open is not None:
            text += f" On {when} it opened at {day.open.display} and {between}."
        else:
            text += f" On {when} it {between}."
    return text


def markdown_image(brief: IndexBrief, png_name: str) -> str:
    """`![alt text](rut-2025-08-05.png)` for the article, the PNG named relative to it (as
    the weekly chart's: see its note on the form check's link rule)."""
    alt = alt_text(brief).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    target = f"<{png_name}>" if any(c in png_name for c in " ()<>") else png_name
    return f"![{alt}]({target})"


# --- data -----------------------------------------------------------------------------------


def _checked(brief: DailyWrapBrief, closes: Mapping[str, pd.Series | pd.DataFrame]) -> pd.Series:
    """The subject's closes to the session, after holding every close fact of the brief in
    the requested span (the session's, the previous session's, the week's) to them."""
    day = brief.session.date
    since = day - dt.timedelta(days=HISTORY_DAYS)
    return checked_closes(brief, closes, (brief.subject,), since, day)[brief.subject.yahoo]


def month_closes(brief: IndexBrief, closes: Mapping[str, pd.Series | pd.DataFrame]) -> pd.Series:
    """What the month panel draws: the subject's last `CONTEXT_SESSIONS` closes to the
    session, checked against the brief.  (Public so it is tested as numbers.)"""
    return _checked(_daily(brief), closes).iloc[-CONTEXT_SESSIONS:]


# --- drawing --------------------------------------------------------------------------------


def _tone(change: Fact) -> str:
    return _UP if change.value > 0 else _DOWN if change.value < 0 else _FLAT


def _date_ticks(days: Sequence[pd.Timestamp]) -> tuple[list[int], list[str]]:
    """A tick every fifth session counted back from the session ("Aug 5", "Jul 29", ...)."""
    at = list(range(len(days) - 1, -1, -5))[::-1]
    return at, [f"{days[k]:%b %-d}" for k in at]


def _month_panel(ax: Axes, brief: DailyWrapBrief, shown: pd.Series) -> None:
    """Sessions evenly spaced (x is the session's position): no weekend or holiday gaps."""
    day = _Day(brief)
    days = list(pd.DatetimeIndex(shown.index))
    xs = list(range(len(days)))
    ax.plot(xs, shown.to_numpy(), color=SUBJECT_COLOR, linewidth=1.6, zorder=3)
    color = _tone(day.change)
    ax.plot([xs[-1]], [float(day.close.value)], marker="o", markersize=6, color=color, zorder=4)
    ax.annotate(
        f"{day.close.display}\n{day.change.display}",
        xy=(xs[-1], float(day.close.value)),
        xytext=(-8, 0),
        textcoords="offset points",
        ha="right",
        va="center",
        fontsize=8.5,
        fontweight="bold",
        color=color,
    )
    ax.margins(x=0.03, y=0.1)
    at, labels = _date_ticks(days)
    ax.set_xticks(at, labels)
    ax.set_title("Daily closes over the past month")
    format_y(ax)


def _day_panel(ax: Axes, brief: DailyWrapBrief) -> None:
    subject, session = brief.subject, brief.session
    day = _Day(brief)
    color = _tone(day.change)
    base = float(day.previous.value)
    # stopped short of the labels' column, so the line does not strike through its label
    ax.hlines([base], -0.6, 0.38, color=REFERENCE_COLOR, linewidth=1.0, linestyle=":", zorder=1)
    marks: list[tuple[Fact, float]] = []  # (fact, x of its mark)
    if day.low is not None and day.high is not None:
        low, high = float(day.low.value), float(day.high.value)
        ax.bar([0.0], [high - low], bottom=[low], width=0.18, color=color, alpha=0.35, zorder=2)
        ax.vlines([0.0], low, high, color=color, linewidth=1.4, zorder=3)
        marks += [(day.high, 0.09), (day.low, 0.09)]
    if day.open is not None:
        ax.hlines([float(day.open.value)], -0.22, 0.0, color=color, linewidth=2.2, zorder=4)
        marks.append((day.open, -0.22))
    ax.hlines([float(day.close.value)], 0.0, 0.22, color=color, linewidth=2.2, zorder=4)
    marks.append((day.close, 0.22))
    ax.set_xlim(-0.6, 1.25)
    values = [float(f.value) for f, _x in marks] + [base]
    top, bottom = max(values), min(values)
    pad = max(top - bottom, abs(base) * 1e-4) * 0.12
    ax.set_ylim(bottom - pad, top + pad)
    gap = (top - bottom + 2 * pad) * 0.075
    labelled = [*marks, (day.previous, -0.6)]
    heights = spread([float(f.value) for f, _x in labelled], gap)
    for (each, x), height in zip(labelled, heights, strict=True):
        is_base = each is day.previous
        ax.annotate(
            f"{_session_words(each, subject, session.date)}: {each.display}",
            xy=(x, float(each.value)),
            xytext=(0.42, height),
            textcoords="data",
            va="center",
            ha="left",
            fontsize=8,
            fontweight="normal" if is_base else "bold",
            color=REFERENCE_COLOR if is_base else color,
            arrowprops={"arrowstyle": "-", "color": "#bbbbbb", "linewidth": 0.6, "shrinkB": 2},
        )
    low_y, high_y = ax.get_ylim()
    ax.set_ylim(min(low_y, min(heights) - gap), max(high_y, max(heights) + gap))
    ax.set_xticks([])
    ax.grid(axis="x", visible=False)
    ax.set_title(f"The session's range, {day_text(session.date, False)}")
    format_y(ax)


def _title(brief: DailyWrapBrief) -> str:
    return f"{brief.subject.name}, {_long_day(brief.session.date)}"


def _figure(brief: DailyWrapBrief, shown: pd.Series) -> Figure:
    """The figure; call inside `matplotlib.rc_context(chart_common.RC)` (`draw` does)."""
    day = _Day(brief)
    fig = new_figure()
    fig.suptitle(
        f"{_title(brief)}: closed at {day.close.display}, {day.change.display} on the day",
        fontsize=12,
        fontweight="bold",
        x=0.01,
        ha="left",
    )
    month, the_day = fig.subplots(1, 2, width_ratios=[1.75, 1.0])
    _month_panel(month, brief, shown)
    _day_panel(the_day, brief)
    return fig


def chart_bytes(
    brief: IndexBrief, closes: Mapping[str, pd.Series | pd.DataFrame]
) -> tuple[bytes, bytes]:
    """(PNG, SVG) of the brief's session, drawn in memory.  `closes` is keyed by Yahoo
    symbol (`PriceSource.history(*history_request(brief))` gives it): closes that disagree
    with the brief are `ChartDataMismatch`, no matplotlib is `ChartUnavailable`."""
    daily = _daily(brief)
    shown = _checked(daily, closes).iloc[-CONTEXT_SESSIONS:]
    return draw(lambda: _figure(daily, shown), _title(daily), alt_text(daily))
