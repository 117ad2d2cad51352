"""A table cell's figure is what its headers say: the header row's cell above it and its
row's first cell give its index, metric, period and session, in either orientation."""

from __future__ import annotations

from factcheck.bind.binder import Binder
from factcheck.bind.model import _NO_HEADER, Binding
from factcheck.document import Document, Figure, Sentence
from factcheck.grammar import Column, completed


def apply_column(binder: Binder, doc: Document, sent: Sentence, fig: Figure, b: Binding) -> None:
    """A table cell's figure is what its headers say: the header row's cell over it and the
    row's first cell (a header column) may each name an index, a metric and a period
    (`grammar.header_words`), or a session (`Binder.header_cell`), so indices may head the
    rows or the columns (or the corner cell: the table's one index), and sessions the rows
    or the columns.  Where both say one thing,
    the header row's cell wins, but for the metric a row title names (a table of "Metric |
    Value"); a session the row names wins over a "day" or "week" column."""
    at = next((i for i, (a, end) in enumerate(sent.cells) if a <= fig.start < end), -1)
    if at < 0 or at >= len(sent.header) or at >= len(sent.header_cells):
        return
    head = binder.header_cell(doc, sent.header_cells[at], sent.header_dates)
    row = binder.header_cell(doc, sent.cells[0], sent.dates) if at > 0 else _NO_HEADER
    entity = head.entity
    if entity is None and row.entity is None and at > 0:
        # the corner over the row titles names the table's index ("| Nasdaq | Close |
        # Change |" over a row per session)
        entity = binder.header_cell(doc, sent.header_cells[0], sent.header_dates).entity
    # (a spread in percentage points keeps the subject `bind` gives it)
    if entity is not None and row.entity in (None, entity) and fig.kind != "percentage_points":
        b.entity, b.entity_inherited, b.entity_guessed = entity, False, False
        b.from_heading = False
    day = head.day
    if day is not None and any(t.startswith("d:") for t in b.periods):
        day = None  # the row names its own session
    # a row title's metric is the row's ("| 52-week high | 6,427.02 |" under "Value"),
    # unless the title is an index's name
    said = row if row.words.metric is not None and row.entity is None else head
    metric = said.words.metric or row.words.metric
    column = completed(Column(metric, head.words.period or row.words.period))
    if column is None:
        if entity is None and day is None:
            return  # the headers say nothing of this cell
        # a table of indices by session (or of sessions by index): the level, or the change
        # a sign or a percent makes it
        if fig.kind == "percent":
            column = Column("change", None)
        elif fig.kind == "number" and not fig.sign and binder.is_level(fig):
            column = Column("close", None)
        else:
            column = Column("change", None)
    metric = column.metric
    if metric == "change":
        b.metrics = frozenset({"change_pct" if fig.kind == "percent" else "change_pts"})
    elif metric == "from_high":
        b.metrics = frozenset({"from_high_pct", "from_close_high_pct"})
    elif metric in ("high", "low") and fig.kind == "percent":
        b.metrics = frozenset({f"from_{metric}_pct", f"from_close_{metric}_pct"})
    elif metric is not None and fig.kind != "percent":
        b.metrics = frozenset({metric})
    period = column.period
    year_end = binder.year_base
    if (
        period is None
        and metric == "close"
        and year_end is not None
        and f"{int(year_end[:4])}" in said.text
    ):
        b.periods = frozenset({f"d:{year_end}"})  # "2024 Close": that year's last close
        return
    if day is not None and period in (None, "day"):
        b.periods = frozenset({f"d:{day}"})  # "| Index | Aug 4 | Aug 5 |"
        if day not in binder.known_days:
            b.unknown_date = day
        return
    if period is None and metric == "close":
        period = "week"  # "Close" in a weekly table: the week's last close
    if period is None or (b.periods and period in ("day", "week")):
        return  # the row names its own session ("| Mon, Apr 7 | 5,062.25 |")
    if period == "day":
        b.periods = frozenset({f"d:{binder.brief.week.last_session.isoformat()}"})
    else:
        b.periods = frozenset({period})
