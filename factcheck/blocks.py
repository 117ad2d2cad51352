"""The Markdown blocks of an article's body: headings, paragraphs, list items, and the
rows of tables (pipe tables, whitespace-aligned plain-text tables, and tables pasted with
their cells run together, `factcheck.compact_table`), each row with its header's titles and
cell spans.  Sentences never cross blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from factcheck.compact_table import compact_tables

_LIST_RE: Final = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+")
_HEADING_RE: Final = re.compile(r"^\s{0,3}#{1,6}\s+")
_TABLE_RULE_RE: Final = re.compile(r"[\s|:\-]+")
#: A code fence as CommonMark has it: up to three spaces, three or more backticks (with no
#: backtick after them on the line: "```RUT``` is the ticker" is inline code) or tildes.
_FENCE_RE: Final = re.compile(r" {0,3}(?:(`{3,})[^`]*|(~{3,}).*)")


#: A block of the body: (kind, start, end, header, cells, header cells), the last three for
#: tables: a row's header titles, its cell spans, and the spans of its header line's cells.
Block = tuple[
    str, int, int, tuple[str, ...], tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]
]


def read_blocks(masked: str, body_start: int, original: str | None = None) -> list[Block]:
    """(kind, start, end, header, cells, header cells) for each Markdown block of the body.
    Structure (list markers, headings, tables) is read from the original text, since masking
    blanks list markers."""
    source = masked if original is None else original
    return _BlockReader(masked, source[body_start:].split("\n")).read(body_start)


class _BlockReader:
    """The body read line by line: the open paragraph or list item, the table header the
    rows below it fall under, and the blocks closed so far."""

    def __init__(self, masked: str, lines: list[str]) -> None:
        self.masked = masked
        self.lines = lines
        self.aligned = _aligned_tables(lines)
        self.compact = compact_tables(lines)
        self.out: list[Block] = []
        self.para: list[int] = []  # [start, end] of the open paragraph or list item
        self.kind = "para"
        self.header: tuple[str, ...] = ()
        self.header_spans: tuple[tuple[int, int], ...] = ()
        self.header_cols: list[tuple[int, int]] = []

    def read(self, body_start: int) -> list[Block]:
        fence = ""  # the open code fence ("```", "~~~~" ...), or none
        pos = body_start
        for line_no, line in enumerate(self.lines):
            start, end = pos, pos + len(line)
            pos = end + 1
            stripped = line.strip()
            opener = _FENCE_RE.fullmatch(line)
            if opener is not None and (
                not fence or (stripped.startswith(fence) and not stripped.strip(fence[0]))
            ):
                self.close()
                fence = "" if fence else (opener.group(1) or opener.group(2))
            elif fence:
                # code is shown to readers as written: each line is read as a line of text
                # (its figures are claims like any other), never joined with the next
                self.close()
                if stripped:
                    self.text_line(line, start, end)
                    self.close()
            elif line_no in self.compact and line_no not in self.aligned:
                self.close()
                self.compact_row(line_no, start, end)
            elif not stripped:
                self.close()
                self.header, self.header_spans = (), ()
            elif stripped.startswith("|") or (stripped.count("|") >= 2 and not self.para):
                self.close()
                if not _TABLE_RULE_RE.fullmatch(stripped):
                    self.pipe_row(line, start, end)
            elif line_no in self.aligned:
                self.close()
                self.aligned_row(line_no, start, end)
            else:
                self.text_line(line, start, end)
        self.close()
        return self.out

    def close(self) -> None:
        """Close the open paragraph or list item, if any."""
        if self.para:
            self.out.append((self.kind, self.para[0], self.para[1], (), (), ()))
            self.para = []

    def names(self, cells: Sequence[tuple[int, int]]) -> tuple[str, ...]:
        return tuple(self.masked[a:b].strip().lower() for a, b in cells)

    def compact_row(self, line_no: int, start: int, end: int) -> None:
        """A line of a table pasted with its cells run together (`compact_tables`)."""
        what, spans = self.compact[line_no]
        spanned = tuple((start + a, start + b) for a, b in spans)
        if what == "header":
            self.header = self.names(spanned)
            self.header_spans = spanned
            self.out.append(("header", start, end, (), spanned, ()))
            return
        if line_no - 1 not in self.compact:
            self.header, self.header_spans = (), ()  # rows with no header line above them
        self.out.append(("compact", start, end, self.header, spanned, self.header_spans))

    def pipe_row(self, line: str, start: int, end: int) -> None:
        """A row of a pipe table (not its `|---|` rule): the header if none is open."""
        cells: list[tuple[int, int]] = []
        cell_start = start
        for i, ch in enumerate(line + "|"):
            if ch == "|":
                # empty cells count ("| | S&P 500 | Nasdaq |": the corner over the row
                # titles): a row's i-th cell is under the header's i-th; only the
                # margin before a leading pipe is no cell
                if cell_start > start or line[:i].strip():
                    cells.append((cell_start, start + i))
                cell_start = start + i + 1
        width = len(cells)
        while cells and not line[cells[-1][0] - start : cells[-1][1] - start].strip():
            cells.pop()
        if not self.header:
            # a header row of empty titles ("| | |") is still the header: the row under it
            # is data, not titles
            self.header = self.names(cells) or ("",) * max(width, 1)
            self.header_spans = tuple(cells)
            self.out.append(("header", start, end, (), self.header_spans, ()))
        else:
            self.out.append(("table", start, end, self.header, tuple(cells), self.header_spans))

    def aligned_row(self, line_no: int, start: int, end: int) -> None:
        """A row of a whitespace-aligned table: the header if none is open."""
        columns = self.aligned[line_no]
        if not self.header and columns:
            # the rows' titles stand left of the first title: the header's corner is
            # blank ("          S&P 500    Nasdaq" over "Close    6,389.45 ...")
            titles = []
            below = line_no + 1
            while below in self.aligned:
                titles.append(self.aligned[below][0][1])
                below += 1
            if titles and max(titles) < columns[0][0]:
                columns = [(0, max(titles)), *columns]
        cells = [(start + a, start + b) for a, b in columns]
        if not self.header:
            self.header = self.names(cells)
            self.header_cols, self.header_spans = columns, tuple(cells)
            self.out.append(("header", start, end, (), self.header_spans, ()))
        else:
            under = _under(columns, self.header_cols, start)
            self.out.append(("table", start, end, self.header, under, self.header_spans))

    def text_line(self, line: str, start: int, end: int) -> None:
        """A heading, the first line of a list item, or a line of a paragraph."""
        if _HEADING_RE.match(line):
            self.close()
            self.out.append(("heading", start, end, (), (), ()))
        elif _LIST_RE.match(line):
            self.close()
            self.kind = "list"
            self.para = [start, end]
        elif not self.para:
            self.kind = "para"
            self.para = [start, end]
        else:
            self.para[1] = end


_COLUMN_GAP_RE: Final = re.compile(r"\S+(?: \S+)*")
_NUMERIC_CELL_RE: Final = re.compile(r"[(+\-−–$]*\d")
#: A plain-text table: at least this many consecutive lines of this many space-aligned cells.
_ALIGNED_MIN_LINES: Final = 3
_ALIGNED_MIN_CELLS: Final = 3


def _columns(line: str) -> list[tuple[int, int]]:
    """Cell spans of a line whose cells are separated by two or more spaces (or a tab)."""
    return [m.span() for m in _COLUMN_GAP_RE.finditer(line.replace("\t", "  "))]


def _aligned_tables(lines: list[str]) -> dict[int, list[tuple[int, int]]]:
    """Line number -> cell spans, for lines of whitespace-aligned tables (broker notes and
    newsletters paste them as plain text): runs of lines with three or more cells that hold
    figures, under a header line of words."""
    out: dict[int, list[tuple[int, int]]] = {}
    run: list[int] = []
    cells_of: dict[int, list[str]] = {}

    def flush() -> None:
        rows = [
            i for i in run if sum(_NUMERIC_CELL_RE.match(c) is not None for c in cells_of[i]) >= 2
        ]
        if len(run) >= _ALIGNED_MIN_LINES and len(rows) >= _ALIGNED_MIN_LINES - 1:
            for i in run:
                out[i] = _columns(lines[i])
        run.clear()

    for i, line in enumerate(lines):
        stripped = line.strip()
        cells = _columns(line)
        plain = not stripped.startswith(("|", "#", "-", "*", ">", "```")) and "|" not in line
        if plain and len(cells) >= _ALIGNED_MIN_CELLS and "  " in stripped:
            run.append(i)
            cells_of[i] = [line[a:b] for a, b in cells]
        else:
            flush()
    flush()
    return out


def _under(
    row: list[tuple[int, int]], header: list[tuple[int, int]], start: int
) -> tuple[tuple[int, int], ...]:
    """A plain-text row's cells, one per header column: each cell goes under the header cell
    it overlaps most, else the one whose right edge is nearest (figures align right)."""
    out = [(start, start)] * len(header)
    for a, b in row:
        best = max(range(len(header)), key=lambda i: min(b, header[i][1]) - max(a, header[i][0]))
        if min(b, header[best][1]) - max(a, header[best][0]) <= 0:
            best = min(range(len(header)), key=lambda i: abs(header[i][1] - b))
        if out[best] == (start, start):
            out[best] = (start + a, start + b)
    return tuple(out)
