"""What extraction produces: a `Document` of `Sentence`s, each with its `Figure`s.

Offsets are into the original article (masking keeps lengths), so a figure's line and
column come out exact (`Document.position`).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from factcheck.numfmt import Hedge


@dataclass(slots=True)
class Figure:
    """A number as written: `value` carries the written sign (None when unsigned)."""

    start: int
    end: int
    text: str
    kind: str  # number | percent | points | percentage_points | currency | count | date
    magnitude: Decimal
    decimals: int
    sign: int  # +1 / -1 when written with a sign, 0 otherwise
    hedge: Hedge = Hedge.EXACT
    range_role: str | None = None  # "low" | "high" for the ends of a range
    scale: str | None = None
    date: dt.date | None = None
    weekday: int | None = None
    #: the words right before it deny it ("did not close at", "is not above"): true when the
    #: figure is not the data's (`factcheck.denial`)
    negated: bool = False

    @property
    def written(self) -> str:
        """The value as written, signed when the text gave a sign ("-0.5", "2218.42")."""
        sign = "-" if self.sign < 0 else "+" if self.sign > 0 else ""
        return sign + str(self.magnitude)  # an f-string formats a Decimal three times slower


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str  # masked text of the sentence (same length as the source span)
    block: int
    block_kind: str  # heading | para | list | table
    figures: list[Figure] = field(default_factory=list)
    dates: list[Figure] = field(default_factory=list)
    header: tuple[str, ...] = ()  # table header cells (for a table row)
    cells: tuple[tuple[int, int], ...] = ()  # table cell spans (absolute)
    #: a row of a table pasted with its cells run together (`factcheck.compact_table`): its
    #: first cell is the label, each other cell one figure
    compact: bool = False
    #: a table row's header line: the spans of its cells (absolute; the i-th over the row's
    #: i-th cell) and the dates written in it ("| Index | Aug 4 | Aug 5 |")
    header_cells: tuple[tuple[int, int], ...] = ()
    header_dates: tuple[Figure, ...] = ()


@dataclass(slots=True)
class Document:
    """An article split into sentences, with the offsets needed to report line and column."""

    text: str
    masked: str
    lower: str  # masked, lower-cased, same length (word lists match against it)
    body_start: int
    sentences: list[Sentence]
    front_matter: dict[str, str]
    line_starts: list[int]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset in the original text."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1
