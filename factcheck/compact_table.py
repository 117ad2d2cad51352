"""Tables pasted as plain text with their cells run together or one space apart.

Market sites and newsletters paste summary tables whose cell borders are lost on the way:

    Market/Index2024 ClosePrior WeekAs of 10/31Weekly ChangeYTD Change
    Russell 20002,230.162,513.142,479.38-1.34%11.17%

    Index* Closing Price 2/23/2024 Percentage Change for Week Ending 2/23/2024 ...
    Dow 39131.53 +0.92% +3.83%

Read as prose, "20002,230.16" is one number and every figure of the row is about whatever
the sentence search guesses.  A row is a label (an index's name, digits and all) followed by
nothing but figures; figures are cut where a written number must end (a thousands group of
three digits, at most two decimals, a sign or a `%` starting the next).  The header line
above the rows is cut where a title must end (a lower-case letter, digit or bracket followed
by a capital: "ClosePrior", "Index2024"), or after each date ("... Ending 2/23/2024"), or
after each word a title ends with ("Weekly Change YTD Change"), into as many titles as the
rows have cells.  What cannot be cut into that many is no header: the
row's figures are still read one by one.  Pure: lines in, cell spans out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from factcheck.grammar import (
    COLUMN_TITLE_ENDS,
    DIGIT_INDEX_NAMES,
    DIGIT_INDEX_NAMES_HYPHENATED,
    LABEL_DIGIT_NAMES,
    alternation,
)

_BLANKS: Final = r"[ \t]+"
_ONE_BLANK_OR_HYPHEN: Final = r"[ \t-]"
#: A label: an index name with its digits ("Russell 2000", "S&P 500"), else words (bounded:
#: every line of an article is tried, and a hostile one must cost no more than its length).
_LABEL_RE: Final = re.compile(
    r"[ \t]*(?:[-*•][ \t]+)?(?P<label>"
    rf"(?:{alternation((*DIGIT_INDEX_NAMES, *LABEL_DIGIT_NAMES), space=_BLANKS)}|"
    rf"{alternation(DIGIT_INDEX_NAMES_HYPHENATED, space=_ONE_BLANK_OR_HYPHEN)})"
    r"|[a-z][a-z&/.*'’() -]{0,40}?)[ \t]{0,4}(?=[+\-−$\d])",
    re.IGNORECASE,
)
#: One figure cell: a number that ends where a written number must (see the docstring).
_CELL_RE: Final = re.compile(
    r"[ \t]*(?P<cell>[+\-−]?\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?%?)"
)
_DATE_END_RE: Final = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?")
_TITLE_BREAK_RE: Final = re.compile(r"(?<=[a-z0-9)%])(?=[A-Z])|(?<=[a-z])(?=\d)")
#: The word a column title ends with ("Weekly Change", "Closing Price", "Change (%)").
_TITLE_END_RE: Final = re.compile(rf"(?i)\b{alternation(COLUMN_TITLE_ENDS)}\b(?:\s*\(%\))?")
#: At least this many rows make a table.
MIN_ROWS: Final = 2
#: At least this many figures in a row.
MIN_CELLS: Final = 2


@dataclass(frozen=True, slots=True)
class CompactRow:
    """A row's label span and figure spans, relative to its line."""

    label: tuple[int, int]
    cells: tuple[tuple[int, int], ...]


def row_of(line: str) -> CompactRow | None:
    """The row a line is, or None: a label and nothing after it but two or more figures."""
    if "|" in line:
        return None
    m = _LABEL_RE.match(line)
    if m is None:
        return None
    cells: list[tuple[int, int]] = []
    pos = m.end()
    while pos < len(line):
        c = _CELL_RE.match(line, pos)
        if c is None or c.end() == pos:
            break
        cells.append(c.span("cell"))
        pos = c.end()
    if line[pos:].strip() or len(cells) < MIN_CELLS:
        return None
    return CompactRow(m.span("label"), tuple(cells))


def header_cells(line: str, count: int) -> tuple[tuple[int, int], ...] | None:
    """`count` title spans of a header line (the label column's title first when the line
    has one for it), or None when it cannot be cut into that many."""
    text = line.rstrip()
    if not text.strip() or row_of(text) is not None:
        return None
    cuts = [m.start() for m in _TITLE_BREAK_RE.finditer(text)]
    dates = [m.end() for m in _DATE_END_RE.finditer(text)][:-1]
    ends = [m.end() for m in _TITLE_END_RE.finditer(text)][:-1]
    for points in (cuts, dates, ends):
        bounds = [len(text) - len(text.lstrip())] + [p for p in points if 0 < p < len(text)]
        spans = [(a, b) for a, b in zip(bounds, [*bounds[1:], len(text)], strict=True) if a < b]
        spans = [_strip(text, a, b) for a, b in spans if text[a:b].strip()]
        if len(spans) == count:
            return tuple(spans)
        if len(spans) == count - 1:  # no title over the labels: "Dow" needs none
            return ((spans[0][0], spans[0][0]), *spans)
    return None


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def compact_tables(
    lines: list[str],
) -> dict[int, tuple[str, tuple[tuple[int, int], ...]]]:
    """Line number -> ("header" | "row", cell spans in the line) for each compact table: two
    or more consecutive rows with the same number of figures, and the header line right
    above them when it can be cut into titles (a row's label is its first cell)."""
    out: dict[int, tuple[str, tuple[tuple[int, int], ...]]] = {}
    i = 0
    while i < len(lines):
        first = row_of(lines[i])
        if first is None:
            i += 1
            continue
        j = i
        rows: list[tuple[int, CompactRow]] = []
        while j < len(lines) and (row := row_of(lines[j])) is not None:
            rows.append((j, row))
            j += 1
        if len(rows) >= MIN_ROWS:
            widths = [len(r.cells) for _, r in rows]
            width = max(set(widths), key=widths.count)
            if i > 0:
                head = header_cells(lines[i - 1], width + 1)
                if head is not None:
                    out[i - 1] = ("header", head)
            for n, row in rows:
                out[n] = ("row", (row.label, *row.cells))
        i = j
    return out
