"""A chart with every article (issue 13, item 4): `<stem>.png` and `<stem>.svg`.

What the chart shows, and why it is drawn this way:

- **Left panel, the context**: the subject's daily closes over about three months to the end
  of the week (the week shaded), its 50- and 200-day moving averages as lines, and its
  52-week closing high and low as a band.  The averages are lines because a level alone
  says nothing about the trend; the band because "how far from the high" is the question a
  weekly recap answers in its bigger-picture section.
- **Right panel, the week**: the subject's closes from the previous week's last close (the
  base of the weekly change, drawn as a reference line) through each session, and each peer
  *rebased* to the subject's previous close (peer close / peer previous close x subject
  previous close), so all lines start at one point and their ends are ordered as the weekly
  changes are: who led is read off the right edge.  Sessions are evenly spaced (no weekend
  gaps) and each index is drawn on its own sessions, so a holiday in one market is a
  missing point, not an invented one.

**Only the brief speaks in figures.**  Every number printed on the chart as text (the last
close, the weekly changes, the averages, the 52-week extremes, the previous close) is a
fact's `display` text, and its words are the fact's `label`; nothing here formats a figure
of its own.  The one exception is the axis scale, the tick labels, which are not claims; they
are written by `factcheck.numfmt.format_number`, the one formatter, so they read as the
article's figures do.  The lines are drawn from the closes passed in, and those are checked
against the brief first (`ChartDataMismatch`): a chart drawn from other data than its
article's brief would contradict the article without anyone noticing.

**Alt text** (`alt_text`, `markdown_image`) is built only from the brief's display strings
and session dates, in phrasings `factcheck.check.check_text` verifies claim by claim
(`tests/test_chart.py` checks many weeks of several indices in strict mode).

**Inputs and outputs.**  `render_chart` is a pure function of the brief and the closes, apart
from writing its two files; it does not fetch anything.  `history_request(brief)` gives the
arguments of the one `PriceSource.history` call that yields those closes, so a caller holding
a source writes::

    render_chart(brief, source.history(*history_request(brief)), out_dir / stem)

Each file is written to a temp file in the target folder and renamed into place
(`os.replace`), after both have been rendered, so a failure leaves the previous files (or
none), never half a PNG.  The output is deterministic: fixed size and dpi, the font bundled
with matplotlib drawn as paths, a fixed `svg.hashsalt`, no date in the metadata; the same
brief and closes give byte-identical files with one matplotlib version.

**matplotlib is optional** (`pip install 'writer[chart]'`): it is imported inside
`render_chart`, so `import writer.genres.weekly_index.chart` and `alt_text` work without it,
and its absence is `ChartUnavailable` (exit 2) with the install command.  The Agg canvas is
used directly, never pyplot, so no global backend is chosen and no figure outlives the call.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pandas as pd

from factcheck import ids
from factcheck.brief import IndexBrief
from writer.errors import ChartUnavailable as ChartUnavailable
from writer.genres.chart_common import DPI as DPI
from writer.genres.chart_common import HEIGHT_IN as HEIGHT_IN
from writer.genres.chart_common import HEIGHT_PX as HEIGHT_PX
from writer.genres.chart_common import REFERENCE_COLOR as _REFERENCE
from writer.genres.chart_common import SUBJECT_COLOR as _SUBJECT
from writer.genres.chart_common import SVG_HASHSALT as SVG_HASHSALT
from writer.genres.chart_common import WIDTH_IN as WIDTH_IN
from writer.genres.chart_common import WIDTH_PX as WIDTH_PX
from writer.genres.chart_common import ChartDataMismatch as ChartDataMismatch
from writer.genres.chart_common import checked_closes, draw, new_figure
from writer.genres.chart_common import day_text as _day
from writer.genres.chart_common import fact as _fact
from writer.genres.chart_common import format_y as _format_y
from writer.genres.chart_common import required as _required
from writer.genres.chart_common import spread as _spread
from writer.genres.chart_common import words as _words

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Calendar days of closes in the context panel (about three months before the week's end).
CONTEXT_DAYS: Final = 91
#: Calendar days of history to ask for: the context panel plus 200 sessions before its first
#: day, so the 200-day average is a line over the whole panel (as `writer.pipeline` fetches).
HISTORY_DAYS: Final = 400

_PEERS: Final = ("#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e")
_MA: Final = {50: "#e6a100", 200: "#8c6d46"}
_BAND: Final = "#5b8db8"
_WEEK: Final = "#fff1c1"


@dataclass(frozen=True)
class ChartFiles:
    """What `render_chart` wrote, and the alt text that describes it."""

    png: Path
    svg: Path
    alt: str


def history_request(brief: IndexBrief) -> tuple[list[str], dt.date, dt.date]:
    """The arguments of `PriceSource.history` that give `render_chart` its closes: every
    entity of the brief (Yahoo symbols), from `HISTORY_DAYS` before the week to its end."""
    return (
        [e.yahoo for e in brief.entities],
        brief.week.start - dt.timedelta(days=HISTORY_DAYS),
        brief.week.end,
    )


# --- text: only the brief's display strings -------------------------------------------------


def _span(first: dt.date, last: dt.date) -> str:
    """ "Aug 4 to Aug 8, 2025" (not "Aug 4-8": the checker would read the 8 as a figure)."""
    if first == last:
        return _day(last, True)
    return f"{_day(first, first.year != last.year)} to {_day(last, True)}"


def alt_text(brief: IndexBrief) -> str:
    """One or two sentences for a reader who cannot see the chart, every figure a fact's
    `display` text and every date a session of the brief, so `check_text(strict=True)`
    verifies all of it:

    "Russell 2000 daily closes for the week of Aug 4 to Aug 8, 2025: closed the week at
    2,218.42, +2.38% from its Aug 1 close of 2,166.78; its 52-week closing low is 1,760.71
    and its 52-week closing high 2,442.03. Weekly change of the S&P 500: +2.43%; of the
    Nasdaq Composite: +3.87%."

    A clause whose facts the brief left out (52-week figures from a short history) is left
    out too.  The phrasings are the ones the checker binds without guessing (a bare "range
    X to Y" would read as the intraday range)."""
    subject, week = brief.subject, brief.week
    last = _required(brief, ids.session(subject.key, "close", week.last_session))
    change = _required(brief, ids.period(subject.key, "week", "change_pct"))
    prev_day = week.previous_session
    prev = _required(brief, ids.session(subject.key, "close", prev_day))
    what = "daily closes" if len(week.sessions) > 1 else "close"
    text = (
        f"{subject.name} {what} for the week of {_span(week.sessions[0], week.last_session)}: "
        f"closed the week at {last.display}, {change.display} from its "
        f"{_day(prev_day, prev_day.year != week.last_session.year)} close of {prev.display}"
    )
    low = _fact(brief, ids.period(subject.key, "52w", "close_low"))
    high = _fact(brief, ids.period(subject.key, "52w", "close_high"))
    if low is not None and high is not None:
        text += (
            f"; its 52-week closing low is {low.display} and its 52-week closing high "
            f"{high.display}"
        )
    text += "."
    peers = [
        (peer, fact)
        for peer in brief.peers
        if (fact := _fact(brief, ids.period(peer.key, "week", "change_pct"))) is not None
    ]
    if peers:
        parts = [f"of the {peer.name}: {fact.display}" for peer, fact in peers]
        text += " Weekly change " + "; ".join(parts) + "."
    return text


def markdown_image(brief: IndexBrief, png_name: str) -> str:
    """`![alt text](rut-2025-08-08.png)` for the article, the PNG named relative to it.

    Note for the article's own check: `factcheck.form`'s link rule matches `[...](...)`, so
    this line is added to an article after its form check (or that rule told about it);
    its figures, being the alt text's, verify."""
    alt = alt_text(brief).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    target = f"<{png_name}>" if any(c in png_name for c in " ()<>") else png_name
    return f"![{alt}]({target})"


# --- data -----------------------------------------------------------------------------------


def _checked(
    brief: IndexBrief, closes: Mapping[str, pd.Series | pd.DataFrame]
) -> dict[str, pd.Series]:
    """Each entity's closes, after holding them to the brief: every close fact of the week
    and of the previous week's last session must be in the series with the same value."""
    since = brief.week.start - dt.timedelta(days=14)
    return checked_closes(brief, closes, brief.entities, since, brief.week.end)


def _week_line(series: pd.Series, brief: IndexBrief) -> pd.Series:
    """The previous close (the last before the week) and the week's closes."""
    before = series.loc[: pd.Timestamp(brief.week.start - dt.timedelta(days=1))]
    week = series.loc[pd.Timestamp(brief.week.start) : pd.Timestamp(brief.week.end)]
    line: pd.Series = pd.concat([before.iloc[-1:], week])
    return line


def _week_lines(brief: IndexBrief, checked: Mapping[str, pd.Series]) -> dict[str, pd.Series]:
    base = float(_week_line(checked[brief.subject.yahoo], brief).iloc[0])
    out = {}
    for entity in brief.entities:
        line = _week_line(checked[entity.yahoo], brief)
        if entity is not brief.subject:
            line = line / float(line.iloc[0]) * base
        out[entity.yahoo] = line
    return out


def week_lines(
    brief: IndexBrief, closes: Mapping[str, pd.Series | pd.DataFrame]
) -> dict[str, pd.Series]:
    """What the week panel draws, by Yahoo symbol: the subject's previous close and its
    closes in the week, and each peer's the same way *rebased*, multiplied by the subject's
    previous close over the peer's, so every line starts at the subject's previous close and
    ends at that close moved by the entity's own weekly change.  Each on its own sessions.
    (Public so the rebasing is tested as numbers, not only looked at.)"""
    return _week_lines(brief, _checked(brief, closes))


# --- drawing --------------------------------------------------------------------------------


def _day_labels(days: Sequence[pd.Timestamp]) -> list[str]:
    """ "Fri / Aug 1", "Mon / 4", ...: the month only where it changes, so six sessions fit
    the narrow panel without their labels running together."""
    out = []
    for k, ts in enumerate(days):
        new_month = k == 0 or ts.month != days[k - 1].month
        out.append(f"{ts:%a}\n{ts:%b %-d}" if new_month else f"{ts:%a}\n{ts:%-d}")
    return out


def _month_ticks(days: Sequence[pd.Timestamp]) -> tuple[list[int], list[str]]:
    """A tick at the first session of each month ("Jun", "Jul"; "Jan 2025" for a new year)."""
    at, labels = [], []
    for k in range(1, len(days)):
        if days[k].month != days[k - 1].month:
            at.append(k)
            labels.append(f"{days[k]:%b %Y}" if days[k].month == 1 else f"{days[k]:%b}")
    return at, labels


def _context_panel(ax: Axes, brief: IndexBrief, series: pd.Series) -> None:
    """Sessions are evenly spaced (x is the session's position), as on the week panel: no
    weekend or holiday gaps, and no dependence on matplotlib's untyped date helpers."""
    subject, week = brief.subject, brief.week
    start = pd.Timestamp(week.last_session - dt.timedelta(days=CONTEXT_DAYS))
    shown = series.loc[start:]
    days = list(pd.DatetimeIndex(shown.index))
    xs = list(range(len(days)))
    first_of_week = next(k for k, ts in enumerate(days) if ts.date() >= week.start)
    ax.axvspan(first_of_week - 0.5, len(days) - 0.5, color=_WEEK, zorder=0, label="the week")
    low = _fact(brief, ids.period(subject.key, "52w", "close_low"))
    high = _fact(brief, ids.period(subject.key, "52w", "close_high"))
    if low is not None and high is not None:
        ax.axhspan(float(low.value), float(high.value), color=_BAND, alpha=0.07, zorder=0)
        for extreme, where in ((high, "bottom"), (low, "top")):
            # outside the band (above the high, below the low), where no close can be
            ax.axhline(float(extreme.value), color=_BAND, linewidth=0.9, linestyle="--", zorder=1)
            ax.annotate(
                f"{_words(extreme, subject)}: {extreme.display}",
                xy=(0.01, float(extreme.value)),
                xycoords=("axes fraction", "data"),
                xytext=(0, 3 if where == "bottom" else -3),
                textcoords="offset points",
                va=where,
                ha="left",
                fontsize=8,
                color=_BAND,
            )
    for n, color in _MA.items():
        average = _fact(brief, ids.moving_average(subject.key, n))
        if average is None:
            continue
        line = series.rolling(n, min_periods=n).mean().loc[start:]
        label = f"{_words(average, subject)}: {average.display}"
        if line.notna().any():  # too little history passed: the level alone, as a dot
            ax.plot(xs, line.to_numpy(), color=color, linewidth=1.2, label=label)
            label = "_nolegend_"
        ax.plot(
            [xs[-1]],
            [float(average.value)],
            marker="o",
            markersize=3.5,
            color=color,
            linestyle="none",
            label=label,
        )
    ax.plot(
        xs, shown.to_numpy(), color=_SUBJECT, linewidth=1.6, label=f"{subject.name} close", zorder=3
    )
    ax.margins(y=0.08)  # room for the band's labels, which sit outside the band
    at, labels = _month_ticks(days)
    ax.set_xticks(at, labels)
    ax.set_xlim(-0.5, len(days) + 0.5)
    first = days[0].date()
    ax.set_title(f"Daily closes since {_day(first, first.year != week.last_session.year)}")
    handles, names = ax.get_legend_handles_labels()
    order = sorted(range(len(names)), key=lambda i: names[i] == "the week")  # it last
    ax.legend(
        [handles[i] for i in order],
        [names[i] for i in order],
        loc="upper left",
        bbox_to_anchor=(0.0, -0.1),
        ncol=2,
        borderaxespad=0.0,
    )
    _format_y(ax)


def _week_panel(ax: Axes, brief: IndexBrief, closes: Mapping[str, pd.Series]) -> None:
    subject, week = brief.subject, brief.week
    lines = _week_lines(brief, closes)
    days = sorted({ts for line in lines.values() for ts in line.index})
    position = {ts: i for i, ts in enumerate(days)}
    base = float(lines[subject.yahoo].iloc[0])
    prev = _required(brief, ids.session(subject.key, "close", week.previous_session))
    # in the legend, not on the line: the week's lines cross it wherever they cross the base
    ax.axhline(
        base,
        color=_REFERENCE,
        linewidth=1.0,
        linestyle=":",
        zorder=1,
        label=f"{_words(prev, subject)}: {prev.display}",
    )
    ends: list[tuple[float, float, str, str]] = []  # (x, y, text, colour)
    for k, entity in enumerate(brief.entities):
        line = lines[entity.yahoo]
        is_subject = entity is subject
        values = line.to_numpy()
        color = _SUBJECT if is_subject else _PEERS[(k - 1) % len(_PEERS)]
        xs = [position[ts] for ts in line.index]
        ax.plot(
            xs,
            values,
            color=color,
            linewidth=2.2 if is_subject else 1.4,
            linestyle="-" if is_subject else "--",
            marker="o",
            markersize=4 if is_subject else 3,
            label=entity.name if is_subject else f"{entity.name}, rebased",
            zorder=4 if is_subject else 3,
        )
        change = _fact(brief, ids.period(entity.key, "week", "change_pct"))
        if change is not None:
            text = change.display
            if is_subject:
                close = _required(brief, ids.session(entity.key, "close", week.last_session))
                text = f"{close.display}\n{change.display}"
            ends.append((xs[-1], float(values[-1]), text, color))
    ax.set_xlim(-0.4, len(days) - 1 + 1.6)
    ax.margins(y=0.12)
    low, high = ax.get_ylim()
    gap = (high - low) * 0.075
    heights = _spread([y for _x, y, _t, _c in ends], gap)
    right = len(days) - 1
    for (x, y, text, color), height in zip(ends, heights, strict=True):
        ax.annotate(
            text,
            xy=(x, y),
            xytext=(right + 0.25, height),
            textcoords="data",
            va="center",
            ha="left",
            fontsize=8.5,
            fontweight="bold",
            color=color,
            arrowprops={"arrowstyle": "-", "color": color, "linewidth": 0.6, "shrinkB": 3},
        )
    lows = [h - gap for h in heights] + [low]
    highs = [h + gap for h in heights] + [high]
    ax.set_ylim(min(lows), max(highs))
    ax.set_xticks(range(len(days)))
    ax.set_xticklabels(_day_labels(days))
    ax.grid(axis="x", visible=False)
    ax.set_title(f"The week: peers rebased to the {_day(week.previous_session, False)} close")
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.1), ncol=1, borderaxespad=0.0)
    _format_y(ax)


def _title(brief: IndexBrief) -> str:
    week = brief.week
    return f"{brief.subject.name}, week of {_span(week.sessions[0], week.last_session)}"


def _figure(brief: IndexBrief, checked: Mapping[str, pd.Series]) -> Figure:
    """The figure on an Agg canvas (no pyplot: no global backend, nothing left open).  Call
    inside `matplotlib.rc_context(chart_common.RC)`: the style applies while drawing and
    saving."""
    subject, week = brief.subject, brief.week
    last = _required(brief, ids.session(subject.key, "close", week.last_session))
    change = _required(brief, ids.period(subject.key, "week", "change_pct"))
    fig = new_figure()
    fig.suptitle(
        f"{_title(brief)}: closed at {last.display}, {change.display} on the week",
        fontsize=12,
        fontweight="bold",
        x=0.01,
        ha="left",
    )
    context, the_week = fig.subplots(1, 2, width_ratios=[1.75, 1.0])
    _context_panel(context, brief, checked[subject.yahoo])
    _week_panel(the_week, brief, checked)
    return fig


def _draw(brief: IndexBrief, checked: Mapping[str, pd.Series], alt: str) -> tuple[bytes, bytes]:
    """(PNG, SVG) bytes, the alt text in both files' metadata (`chart_common.draw`)."""
    return draw(lambda: _figure(brief, checked), _title(brief), alt)


def _write_all(files: Mapping[Path, bytes]) -> None:
    """Each file to a temp file beside it, fsynced, then all renamed into place; on any
    failure the temp files are removed and nothing is replaced."""
    temps: dict[Path, str] = {}
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            temps[path] = tmp
            os.fchmod(fd, 0o644)  # images are served to readers; mkstemp makes them 0600
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for path, tmp in temps.items():
            os.replace(tmp, path)
    except BaseException:
        for tmp in temps.values():
            Path(tmp).unlink(missing_ok=True)
        raise


def chart_bytes(
    brief: IndexBrief, closes: Mapping[str, pd.Series | pd.DataFrame]
) -> tuple[bytes, bytes]:
    """(PNG, SVG) of the brief's week, drawn in memory: for a caller that writes them with
    the article as one set (`writer draft`).  Raises as `render_chart` does."""
    return _draw(brief, _checked(brief, closes), alt_text(brief))


def render_chart(
    brief: IndexBrief,
    closes: Mapping[str, pd.Series | pd.DataFrame],
    out_stem: Path,
) -> ChartFiles:
    """Draw the brief's week and write `<out_stem>.png` and `<out_stem>.svg`.

    `closes` is keyed by Yahoo symbol, one entry per entity of the brief: a Series of closes
    or a bars frame (its `close` column), indexed by session date, covering at least the
    week and, for the full picture, `HISTORY_DAYS` before it; `PriceSource.history(
    *history_request(brief))` returns exactly that.  Closes that disagree with the brief
    are `ChartDataMismatch`; no matplotlib is `ChartUnavailable`.  `out_stem` is the path
    without a suffix (`articles/rut-2025-08-08`)."""
    checked = _checked(brief, closes)
    alt = alt_text(brief)
    png, svg = _draw(brief, checked, alt)
    paths = ChartFiles(
        png=out_stem.with_name(out_stem.name + ".png"),
        svg=out_stem.with_name(out_stem.name + ".svg"),
        alt=alt,
    )
    _write_all({paths.png: png, paths.svg: svg})
    return paths
