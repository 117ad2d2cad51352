"""Tables as structure: a header cell names an index, a metric, a period or a session, in
either orientation (indices heading the columns or the rows; a header row, or a header
column: the first cell of each row).

Every table is built from the brief's own figures (S&P 500, Nasdaq and Dow, week of Aug 4-8
2025); a wrong table exchanges two indices' values in one row, and both cells must be
errors while every other cell stays verified.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from factcheck.bind import Binder
from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.extract import parse
from factcheck.genres import genre_of
from factcheck.grammar import Column, header_words
from factcheck.report import Claim, Severity, Status

KEYS = ("SPX", "COMP", "DJI")
NAMES = ("S&P 500", "Nasdaq", "Dow")
DAYS = ("2025-08-04", "2025-08-05", "2025-08-06", "2025-08-07", "2025-08-08")


@pytest.fixture(scope="module")
def spx(brief: Callable[[str, str], WeeklyIndexBrief]) -> WeeklyIndexBrief:
    return brief("SPX", "2025-08-08")


def _show(b: WeeklyIndexBrief, fact_id: str) -> str:
    fact = b.get(fact_id)
    assert fact is not None, fact_id
    return fact.display


def _pipe(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "# The week\n\nStocks rose for the week.\n\n" + "\n".join(lines) + "\n"


def _aligned(header: list[str], rows: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return f"{cells[0]:<12}" + "".join(f"{c:>18}" for c in cells[1:])

    body = "\n".join(line(r) for r in [header, *rows])
    return "# The week\n\nStocks rose for the week.\n\n" + body + "\n"


def _cells(text: str, claims: tuple[Claim, ...]) -> dict[tuple[int, int], Claim]:
    """The figures' claims by (table row, column), both from 0: row 0 is the first line
    under the header; column 0 the row titles."""
    lines = text.split("\n")
    top = next(i for i, line in enumerate(lines) if line and line[0] in "| ") + 1
    if lines[top].startswith("|---"):
        top += 1
    out: dict[tuple[int, int], Claim] = {}
    for c in claims:
        if c.kind not in ("number", "percent", "points"):
            continue
        row = lines[c.line - 1]
        if row.startswith("|"):
            column = row[: c.col - 1].count("|") - 1
        else:
            column = len(re.findall(r"\s{2,}", row[: c.col - 1]))  # aligned: 2+ spaces apart
        out[(c.line - 1 - top, column)] = c
    return out


def _assert_swap_caught(
    text: str, b: WeeklyIndexBrief, size: tuple[int, int], swapped: set[tuple[int, int]]
) -> None:
    cells = _cells(text, check_text(text, b).claims)
    assert len(cells) == size[0] * size[1], sorted(cells)
    for at, c in cells.items():
        if at in swapped:
            assert c.status in (Status.MISMATCH, Status.MISATTRIBUTED), (at, c.text, c.message)
            assert c.severity is Severity.ERROR
        else:
            assert c.status is Status.VERIFIED, (at, c.text, c.message)


def _transposed(b: WeeklyIndexBrief, swap: int | None) -> tuple[list[str], list[list[str]]]:
    """Indices as columns, one row per metric (the row's first cell is its header)."""
    rows = [
        ["Close", *(_show(b, f"{k}.close.2025-08-08") for k in KEYS)],
        ["Day", *(_show(b, f"{k}.change_pct.2025-08-08") for k in KEYS)],
        ["Week", *(_show(b, f"{k}.week.change_pct") for k in KEYS)],
        ["Week (pts)", *(_show(b, f"{k}.week.change_pts") for k in KEYS)],
        ["YTD", *(_show(b, f"{k}.ytd.change_pct") for k in KEYS)],
        ["52-wk high", *(_show(b, f"{k}.52w.high") for k in KEYS)],
    ]
    if swap is not None:
        rows[swap][1], rows[swap][2] = rows[swap][2], rows[swap][1]
    return ["", *NAMES], rows


@pytest.mark.parametrize("layout", [_pipe, _aligned], ids=["pipe", "aligned"])
def test_indices_as_columns_verify_and_a_swapped_cell_is_caught(
    spx: WeeklyIndexBrief, layout: Callable[[list[str], list[list[str]]], str]
) -> None:
    header, rows = _transposed(spx, None)
    _assert_swap_caught(layout(header, rows), spx, (len(rows), 3), set())
    for swap in range(len(rows)):
        header, rows = _transposed(spx, swap)
        _assert_swap_caught(layout(header, rows), spx, (len(rows), 3), {(swap, 1), (swap, 2)})


def _by_session(
    b: WeeklyIndexBrief, metric: str, swap: tuple[int, int, int] | None
) -> tuple[list[str], list[list[str]]]:
    """A header column of dates, indices as columns: each cell that index on that day."""
    rows = []
    for day in DAYS:
        label = f"{dt.date.fromisoformat(day):%a %b} {int(day[-2:])}"
        rows.append([label, *(_show(b, f"{k}.{metric}.{day}") for k in KEYS)])
    if swap is not None:
        row, i, j = swap
        rows[row][i], rows[row][j] = rows[row][j], rows[row][i]
    return ["Date", "SPX", "COMP", "DJI"], rows


@pytest.mark.parametrize("metric", ["close", "change_pct", "change_pts"])
def test_dates_as_rows_and_indices_as_columns(spx: WeeklyIndexBrief, metric: str) -> None:
    header, rows = _by_session(spx, metric, None)
    _assert_swap_caught(_pipe(header, rows), spx, (len(DAYS), 3), set())
    for swap in ((1, 1, 2), (2, 1, 3), (4, 2, 3)):
        header, rows = _by_session(spx, metric, swap)
        caught = {(swap[0], swap[1]), (swap[0], swap[2])}
        _assert_swap_caught(_pipe(header, rows), spx, (len(DAYS), 3), caught)


def test_sessions_as_columns_and_indices_as_rows(spx: WeeklyIndexBrief) -> None:
    weekdays = [f"{dt.date.fromisoformat(d):%A}" for d in DAYS]

    def table(swap: bool) -> str:
        rows = [
            [name, *(_show(spx, f"{k}.close.{d}") for d in DAYS)]
            for k, name in zip(KEYS, NAMES, strict=True)
        ]
        if swap:  # Wednesday's S&P 500 and Dow closes exchanged
            rows[0][3], rows[2][3] = rows[2][3], rows[0][3]
        return _pipe(["Index", *weekdays], rows)

    _assert_swap_caught(table(False), spx, (3, len(DAYS)), set())
    _assert_swap_caught(table(True), spx, (3, len(DAYS)), {(0, 3), (2, 3)})


def test_the_usual_orientation_still_binds_by_row(spx: WeeklyIndexBrief) -> None:
    def table(swap: bool) -> str:
        rows = [
            [
                name,
                _show(spx, f"{k}.close.2025-08-08"),
                _show(spx, f"{k}.week.change_pct"),
                _show(spx, f"{k}.ytd.change_pct"),
            ]
            for k, name in zip(KEYS, NAMES, strict=True)
        ]
        if swap:  # the S&P 500's and the Nasdaq's weekly changes exchanged
            rows[0][2], rows[1][2] = rows[1][2], rows[0][2]
        return _pipe(["Index", "Close", "Wk %", "YTD %"], rows)

    _assert_swap_caught(table(False), spx, (3, 3), set())
    _assert_swap_caught(table(True), spx, (3, 3), {(0, 2), (1, 2)})


def test_header_cells_read_as_the_text_is_read(spx: WeeklyIndexBrief) -> None:
    titles = ["S&P 500 (SPX)", "Nasdaq close", "vs S&P 500", "Wed Aug 6", "Wk %", "Dow weight"]
    text = "| " + " | ".join(titles) + " |\n|---|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 | 6 |\n"
    doc = parse(text, anchor=spx.week.last_session)
    row = doc.sentences[-1]
    assert len(row.header_cells) == len(titles) == len(row.cells)
    binder = Binder(spx, genre_of(spx).outside)
    read = [binder.header_cell(doc, span, row.header_dates) for span in row.header_cells]
    assert [c.entity for c in read] == ["SPX", "COMP", None, None, None, None]
    assert read[1].words == Column("close", None)
    assert read[3].day == "2025-08-06"
    assert read[4].words == Column("change", "week")
    assert header_words("S&P 500") == Column(None, None)


def test_a_blank_corner_cell_keeps_the_columns_in_place() -> None:
    doc = parse("| | S&P 500 | Nasdaq |\n|---|---|---|\n| Close | 6,389.45 | 21,450.02 |\n")
    row = doc.sentences[-1]
    assert row.header == ("", "s&p ###", "nasdaq")
    assert [doc.text[a:b].strip() for a, b in row.cells] == ["Close", "6,389.45", "21,450.02"]


def test_row_titles_name_the_metric_under_a_generic_value_column(spx: WeeklyIndexBrief) -> None:
    def table(swap: bool) -> str:
        rows = [
            ["Close", _show(spx, "SPX.close.2025-08-08")],
            ["Weekly change", _show(spx, "SPX.week.change_pct")],
            ["YTD", _show(spx, "SPX.ytd.change_pct")],
            ["Week high", _show(spx, "SPX.week.high")],
            ["Week low", _show(spx, "SPX.week.low")],
            ["52-week high", _show(spx, "SPX.52w.high")],
        ]
        if swap:  # the week's high and low exchanged
            rows[3][1], rows[4][1] = rows[4][1], rows[3][1]
        return _pipe(["Metric", "Value"], rows)

    _assert_swap_caught(table(False), spx, (6, 1), set())
    _assert_swap_caught(table(True), spx, (6, 1), {(3, 1), (4, 1)})


def test_the_corner_cell_names_the_index_of_a_table_by_session(spx: WeeklyIndexBrief) -> None:
    def table(close: str | None) -> str:
        rows = [
            [
                f"{dt.date.fromisoformat(d):%a %b} {int(d[-2:])}",
                _show(spx, f"COMP.close.{d}"),
                _show(spx, f"COMP.change_pct.{d}"),
            ]
            for d in DAYS
        ]
        if close is not None:  # Wednesday's Nasdaq close replaced by the S&P 500's
            rows[2][1] = close
        return _pipe(["Nasdaq", "Close", "Change"], rows)

    _assert_swap_caught(table(None), spx, (len(DAYS), 2), set())
    _assert_swap_caught(table(_show(spx, "SPX.close.2025-08-06")), spx, (len(DAYS), 2), {(2, 1)})
