"""What every genre's chart shares: the picture's size and style, the brief's display texts,
holding the closes to the brief, the axis scale, and drawing to PNG and SVG bytes.

One place for these because the rules they carry are the same for every chart (see
`writer.genres.weekly_index.chart` for why): only the brief speaks in figures (a fact's
`display`, words from its `label`), tick labels by `factcheck.numfmt.format_number`, closes
checked against the brief before anything is drawn (`ChartDataMismatch`), and the output
deterministic (fixed size and dpi, fonts as paths, a fixed `svg.hashsalt`, no date in the
metadata).  matplotlib is imported only inside the drawing functions, so importing this
module does not import it, and its absence is `ChartUnavailable`.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import pandas as pd

from factcheck.brief import Brief, Entity, Fact
from factcheck.numfmt import format_number
from writer.errors import ChartUnavailable, DataUnavailable

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Output size: 1200 x 675 px (16:9, the size article pages and social cards use) at 120 dpi
#: for the PNG; the SVG has the same geometry.
WIDTH_IN: Final = 10.0
HEIGHT_IN: Final = 5.625
DPI: Final = 120
WIDTH_PX: Final = round(WIDTH_IN * DPI)
HEIGHT_PX: Final = round(HEIGHT_IN * DPI)

#: Fixed salt for the ids matplotlib puts in an SVG (clip paths, glyphs): without it they are
#: random and two renders of one brief differ.
SVG_HASHSALT: Final = "writer-chart"

#: One drawing at a time per process: `rc_context` sets and restores matplotlib's global
#: style, so two threads drawing at once (a batch's --jobs) restored it under each other.
DRAWING: Final = threading.Lock()

#: matplotlib style for every chart (typed `Any`: matplotlib's stubs want literal keys).
RC: Final[Any] = {
    "svg.hashsalt": SVG_HASHSALT,
    "svg.fonttype": "path",  # glyphs as outlines: the same picture without the font
    "font.family": "DejaVu Sans",  # bundled with matplotlib: no dependence on system fonts
    "font.size": 9.0,
    "axes.titlesize": 10.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e3e3e3",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8.0,
}

SUBJECT_COLOR: Final = "#1f3b73"
REFERENCE_COLOR: Final = "#777777"


class ChartDataMismatch(DataUnavailable):
    """The closes given are not the ones the brief was built from (a close differs or is
    missing): the chart would contradict its article, so none is drawn (exit 3)."""


# --- text: only the brief's display strings -------------------------------------------------


def fact(brief: Brief, fact_id: str) -> Fact | None:
    return brief.get(fact_id)


def required(brief: Brief, fact_id: str) -> Fact:
    found = brief.get(fact_id)
    if found is None:
        raise ValueError(f"the brief has no {fact_id}: a {brief.kind} brief always does")
    return found


def words(fact: Fact, entity: Entity) -> str:
    """The fact's label without its entity's name: "50-day moving average"."""
    prefix = f"{entity.name} "
    return fact.label[len(prefix) :] if fact.label.startswith(prefix) else fact.label


def day_text(day: dt.date, year: bool) -> str:
    return f"{day:%b %-d, %Y}" if year else f"{day:%b %-d}"


# --- data -----------------------------------------------------------------------------------


def close_series(data: pd.Series | pd.DataFrame) -> pd.Series:
    """A Series of closes by session (a bars frame's `close` column, or closes as given),
    indexed by tz-naive session dates, ascending."""
    series = data["close"] if isinstance(data, pd.DataFrame) else data
    index = pd.DatetimeIndex(series.index)
    if index.tz is not None:
        index = index.tz_localize(None)
    out = pd.Series(series.to_numpy(dtype="float64"), index=index.normalize())
    result: pd.Series = out.dropna().sort_index()
    return result


def checked_closes(
    brief: Brief,
    closes: Mapping[str, pd.Series | pd.DataFrame],
    entities: Iterable[Entity],
    since: dt.date,
    until: dt.date,
) -> dict[str, pd.Series]:
    """Each entity's closes to `until`, after holding them to the brief: every close fact of
    the entity on a session from `since` to `until` must be in the series with the same value
    (the brief's values are the exact Decimals of these floats, so the comparison is
    exact)."""
    out: dict[str, pd.Series] = {}
    for entity in entities:
        if entity.yahoo not in closes:
            raise ChartDataMismatch(
                f"no closes for {entity.yahoo} to chart the {brief.subject.key} brief; pass "
                "every symbol of history_request(brief)"
            )
        series = close_series(closes[entity.yahoo])
        by_day = dict(zip((ts.date() for ts in series.index), series.tolist(), strict=True))
        for each in brief.facts:
            if each.entity != entity.key or each.metric != "close" or each.on is None:
                continue
            if each.on < since or each.on > until:
                continue
            got = by_day.get(each.on)
            if got is None or Decimal(got) != each.value:
                shown = "no close" if got is None else f"close {got!r}"
                raise ChartDataMismatch(
                    f"the closes of {entity.yahoo} are not the ones the brief was built from: "
                    f"{shown} on {each.on}, the brief's is {each.display}; pass the data the "
                    "brief came from"
                )
        out[entity.yahoo] = series.loc[: pd.Timestamp(until)]
    return out


# --- drawing --------------------------------------------------------------------------------


def need_matplotlib() -> None:
    """Import matplotlib here, not at module level: the chart is an optional extra."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ChartUnavailable(
            "the chart needs matplotlib, which is not installed: install writer[chart] "
            "(pip install 'writer[chart]')"
        ) from None


def axis_text(value: float, places: int) -> str:
    """An axis tick as the article writes figures (`2,250`), by the one formatter."""
    return format_number(Decimal(repr(float(value))), places)


def spread(targets: list[float], gap: float) -> list[float]:
    """Label heights at least `gap` apart, as close to `targets` as a simple sweep gets
    (labels of values close together would otherwise print over each other)."""
    order = sorted(range(len(targets)), key=lambda i: targets[i])
    placed = [targets[i] for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    shift = (sum(placed) - sum(targets[i] for i in order)) / len(placed) if placed else 0.0
    placed = [p - shift for p in placed]  # recentre the group on its targets
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    out = [0.0] * len(targets)
    for k, i in enumerate(order):
        out[i] = placed[k]
    return out


def format_y(ax: Axes) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
    places = 0 if all(float(t).is_integer() for t in ticks) else 2
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: axis_text(v, places)))


def new_figure() -> Figure:
    """An empty figure of the chart's size on an Agg canvas (no pyplot: no global backend,
    nothing left open)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def draw(figure: Callable[[], Figure], title: str, alt: str) -> tuple[bytes, bytes]:
    """(PNG, SVG) bytes of the figure `figure()` builds, inside the chart's style.  The alt
    text goes into both files' metadata (SVG `<title>` and description, PNG text chunks);
    the SVG's date and creator are left out, so the bytes depend on the figure alone (and
    the matplotlib version)."""
    need_matplotlib()
    import matplotlib

    # worker processes still draw at once; threads of one process take turns (`DRAWING`)
    with DRAWING, matplotlib.rc_context(RC):
        fig = figure()
        png, svg = io.BytesIO(), io.BytesIO()
        meta = {"Title": title, "Description": alt}
        fig.savefig(png, format="png", dpi=DPI, metadata={**meta, "Software": None})
        fig.savefig(svg, format="svg", metadata={**meta, "Date": None, "Creator": None})
    return png.getvalue(), svg.getvalue()
