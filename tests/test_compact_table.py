"""Tables pasted with their cells run together or one space apart (factcheck.compact_table).

Every table here is built from the brief's own figures (Russell 2000 and its peers, week of
Aug 4-8 2025), then one cell is changed to check that a wrong cell is caught in its column.
"""

from __future__ import annotations

import pytest

from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.compact_table import compact_tables, header_cells, row_of
from factcheck.report import Status


def test_a_run_together_row_is_cut_where_numbers_must_end() -> None:
    line = "Russell 20002,230.162,513.142,479.38-1.34%11.17%"
    row = row_of(line)
    assert row is not None
    assert line[slice(*row.label)] == "Russell 2000"
    assert [line[a:b] for a, b in row.cells] == [
        "2,230.16",
        "2,513.14",
        "2,479.38",
        "-1.34%",
        "11.17%",
    ]


@pytest.mark.parametrize(
    "line",
    ["The index rose 2.38% to 2,218.42 on Friday.", "Q3 2025 results", "| RUT | 2,218.42 |"],
)
def test_prose_and_pipe_tables_are_not_compact_rows(line: str) -> None:
    assert row_of(line) is None


def test_a_run_together_header_is_cut_into_titles() -> None:
    line = "Market/Index2024 ClosePrior WeekWeekly ChangeYTD Change"
    cells = header_cells(line, 5)
    assert cells is not None
    assert [line[a:b] for a, b in cells] == [
        "Market/Index",
        "2024 Close",
        "Prior Week",
        "Weekly Change",
        "YTD Change",
    ]
    dated = "Index Closing Price 8/8/2025 Change for Week Ending 8/8/2025"
    got = header_cells(dated, 3)
    assert got is not None
    assert [dated[a:b] for a, b in got] == [
        "",
        "Index Closing Price 8/8/2025",
        "Change for Week Ending 8/8/2025",
    ]


def test_one_row_alone_is_no_table() -> None:
    assert compact_tables(["Name CloseChange", "Dow46,121.28-0.37%"]) == {}


def _table(rut: WeeklyIndexBrief, joiner: str, russell_close: str | None = None) -> str:
    def show(fact_id: str) -> str:
        fact = rut.get(fact_id)
        assert fact is not None
        return fact.display

    rows = []
    for key, label in (("SPX", "S&P 500"), ("COMP", "Nasdaq"), ("RUT", "Russell 2000")):
        close = show(f"{key}.close.2025-08-08")
        if key == "RUT" and russell_close is not None:
            close = russell_close
        rows.append(
            label
            + joiner
            + joiner.join((close, show(f"{key}.week.change_pct"), show(f"{key}.ytd.change_pct")))
        )
    header = joiner.join(("Index", "Close", "Weekly Change", "YTD Change"))
    if not joiner:
        header = "IndexCloseWeekly ChangeYTD Change"
    return "The week in small caps.\n\n" + header + "\n" + "\n".join(rows) + "\n"


@pytest.mark.parametrize("joiner", ["", " "])
def test_every_cell_verified_and_a_wrong_close_caught(rut: WeeklyIndexBrief, joiner: str) -> None:
    report = check_text(_table(rut, joiner), rut, strict=False)
    figures = [c for c in report.claims if c.kind in ("number", "percent")]
    assert len(figures) == 9
    assert all(c.status is Status.VERIFIED for c in figures), [
        (c.text, c.message) for c in figures if c.status is not Status.VERIFIED
    ]
    wrong = check_text(_table(rut, joiner, "2,281.42"), rut, strict=False)
    got = {c.text.strip(): c for c in wrong.claims}
    assert got["2,281.42"].status in (Status.MISMATCH, Status.MISATTRIBUTED)
    assert got["2,281.42"].expected == "2,218.42"
