"""Find every figure in an article, with its exact source text, line and column.

Extraction is purely lexical and knows nothing about the brief: it turns Markdown into
sentences (headings, list items, table rows and paragraphs are blocks; sentences never cross
blocks), and each sentence into `Figure`s (numbers with their unit, sign, hedge and range
role) and `Mention`s (words the binder needs: weekdays and dates, period phrases, metric
words, direction words).  Markup is masked with spaces rather than removed, so every offset
in the masked text is an offset in the original and line/column come out exact.

Digits inside names ("Russell 2000", "S&P 500", "52-week", "Q3", "fiscal 2025") are masked
as context, never reported as figures.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from operator import attrgetter
from typing import Final

from factcheck._rx import ascii_shape, lower_same_length, trie
from factcheck.compact_table import compact_tables
from factcheck.errors import CheckError, TooLarge
from factcheck.frontmatter import parse_front_matter, split_front_matter
from factcheck.grammar import GAP_PATTERN, OUTSIDE, STREAK_AFTER_COUNT, STREAK_HINTS
from factcheck.numfmt import Hedge, parse_hedge
from factcheck.patterns import Scan
from factcheck.scan import html_spans, md_links

MONTHS: Final[dict[str, int]] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
#: Weekday names by `date.weekday()`, as findings write them (not locale-dependent `%A`).
WEEKDAY_NAMES: Final = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
WEEKDAYS: Final[dict[str, int]] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
NUMBER_WORDS: Final[dict[str, int]] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}

_MONTH: Final = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY: Final = (
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)"
)
#: `Monday, Aug 4`, `Aug. 4, 2025`, `August 4`, `4 August 2025`, `2025-08-08`, `8/8/2025`.
DATE_RE: Final = Scan(
    rf"\b(?:{_WEEKDAY}\.?,?\s+)?(?:{_MONTH}\s+(?P<day>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d)(?![-\d]))?(?![\d,]*\d)"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.replace('?P<mon>', '?P<mon2>')}"
    rf"(?:,?\s+(?P<year2>(?:19|20)\d\d))?"
    rf"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d)"
    # "8/8/2025", "11/16/24": month first as US newsletters write it, day first when the
    # first number cannot be a month; a fraction ("1/2") has no year and is not a date
    rf"|(?P<sm>\d{{1,2}})/(?P<sd>\d{{1,2}})/(?P<sy>(?:19|20)\d\d|\d\d)(?![\d/]))\b",
    re.ASCII,
)
WEEKDAY_RE: Final = Scan(
    r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?P<poss>'s|’s)?\b",
    re.ASCII,
)

#: Names and phrases whose digits are context, not figures.  Masked before number search.
#: Matched against the lower-cased text: `(?i)` makes the scan a third slower.
_OUTSIDE_DIGIT_NAMES: Final = sorted(
    {
        re.escape(n.lower()).replace(r"\ ", r"[\s-]+")
        for n in OUTSIDE
        if any(c.isdigit() for c in n)
    },
    key=len,
    reverse=True,
)
NAME_DIGITS_RE: Final = Scan(
    r"\b(?:russell\s+(?:1000|2000|3000)|s&p(?:/asx)?\s+(?:500|400|600|100|200|300)|"
    r"asx\s*200|nasdaq(?:[\s-]100)|ftse\s+(?:100|250)|nikkei\s+225|euro\s*stoxx\s+50|"
    r"dax\s+40|cac\s+40|hang\s+seng\s+(?:tech|china\s+enterprises|composite)\s+\d+|"
    rf"{'|'.join(_OUTSIDE_DIGIT_NAMES)}|"
    # a line break between the digits and the word is one in wrapped prose, not at a row of
    # a plain-text table ("... 44,175.61" over "Week    +2.43%")
    r"\d+(?:-|[ \t]|\n(?![a-z]+(?:[ \t]{2}|\t|[ \t]?[-+\d(])))"
    r"(?:week|day|session|month|year|weeks|days|yr|yrs|wk|wks|mo)"
    rf"(?![\s-]*(?:{trie(STREAK_AFTER_COUNT)}))|"
    r"q[1-4]|h[12]|fy\s?\d{2,4}|fiscal\s+(?:year\s+)?\d{4}|(?:19|20)\d\d(?=s\b)|"
    r"\d+-(?:stock|member|company|share|year|month)s?\b)\b",
    re.ASCII,
)
#: A bare 19xx/20xx integer without a thousands separator is a year ("its 2024 close"):
#: index levels are written with separators ("2,218"), so this never hides a level.

_NUM: Final = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SIGN: Final = r"[+\-−–]"
_CURRENCY: Final = r"(?:US\$|A\$|HK\$|C\$|NZ\$|S\$|\$|€|£|¥)"
_SCALE: Final = r"(?:\s*(?:trillion|billion|million|thousand|bn|mn|tn|[mbk])\b)"
_UNIT: Final = (
    r"(?:\s*%|\s+per\s*cent\b|\s+percent(?:age\s+points?)?\b|\s+pct\b|\s+pp\b|"
    r"\s+basis\s+points?\b|\s+bps?\b|\s+points?\b|\s+pts?\b|\s+per\s+share\b|"
    r"-points?\b|-percent\b|-per-cent\b)"
)
#: One figure: optional sign and currency, number, scale and unit.
FIGURE_RE: Final = Scan(
    rf"(?P<sign>{_SIGN})?(?P<cur>{_CURRENCY})?(?P<sign2>{_SIGN})?(?P<num>{_NUM})(?![\d])"
    rf"(?P<scale>{_SCALE})?(?P<unit>{_UNIT})?(?P<unit2>\s+per\s+share\b)?",
    re.ASCII,
)
#: What may stand between the two figures of a range (with spaces around): `-`, en/em dash,
#: `to`, `and` (after `between`), `through`.
_RANGE_SEPS: Final = frozenset({"-", "–", "—", "to", "and", "through"})
_ASCII_SPACE: Final = " \t\n\r\f\v"  # what `\s` is to an ASCII-mode pattern
STREAK_RE: Final = re.compile(
    r"(?i)\b(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}|"
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\d{1,2}(?:st|nd|rd|th))[\s-]+(?:straight|consecutive|successive|in\s+a\s+row)?[\s-]*"
    r"(?P<what>(?:weekly|daily|session|week|day|trading[\s-]day)s?)?\b[\s-]*"
    r"(?P<kind>winning|losing|gains?|loss(?:es)?|advances?|declines?|rises?|falls?|"
    r"up|down|higher|lower|streak|sessions?|days?|weeks?)?",
    re.ASCII,
)
#: What makes a count a streak's ("three straight sessions", "a 2-day skid"), besides
#: "first" with a kind: the grammar's ORDER and RUN words.
STREAK_HINT_RE: Final = Scan(rf"(?i){trie(STREAK_HINTS)}", re.ASCII)


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


_START: Final = attrgetter("start")
_NEWLINE_RE: Final = re.compile("\n")
_DIGIT_RE: Final = re.compile(r"\d", re.ASCII)
#: Emphasis and code marks.  Every branch starts with the mark itself (the lone `*` checks
#: its neighbours after it), so the scan jumps from mark to mark instead of trying every
#: position of the article.
_EMPH_RE: Final = re.compile(r"\*\*|__|\*(?<![\w*]\*)(?=\S)|\*(?<=\S\*)(?![\w*])|`|~~")
#: A list marker ("-", "*", "+", "1.") at the start of a line: after a newline, found by
#: jumping from newline to newline; the first line is tried on its own.
_LIST_MARKER_RE: Final = re.compile(r"\n[ \t>]*((?:[-*+]|\d{1,3}[.)]))[ \t]+")
_FIRST_LIST_MARKER_RE: Final = re.compile(r"[ \t>]*((?:[-*+]|\d{1,3}[.)]))[ \t]+")
_LIST_RE: Final = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+")
_HEADING_RE: Final = re.compile(r"^\s{0,3}#{1,6}\s+")
_TABLE_RULE_RE: Final = re.compile(r"[\s|:\-]+")
_ABBREV: Final = frozenset(
    {
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mr",
        "mrs",
        "ms",
        "dr",
        "inc",
        "corp",
        "co",
        "ltd",
        "vs",
        "approx",
        "e.g",
        "i.e",
        "st",
        "no",
        "u.s",
        "est",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "jr",
        "sr",
        "etc",
        "u.k",
    }
)
_BOUNDARY_RE: Final = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(*]*[A-Z0-9$])", re.ASCII)


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _mask_markup(body: str) -> str:
    """Replace Markdown markup with spaces (newlines kept, so offsets and lines stay aligned).

    The spans to blank are collected first and the text rebuilt from slices: most of an
    article is prose that is copied as is."""
    spans: list[tuple[int, int]] = []
    # links and HTML by hand: a regex would read to the closer from every opener
    spans.extend(html_spans(body))
    for start, text_start, text_end, end in md_links(body):
        spans.append((start, text_start))  # "![" or "["
        spans.append((text_end, end))  # "](url)"
    for m in _EMPH_RE.finditer(body):
        spans.append(m.span())
    first = _FIRST_LIST_MARKER_RE.match(body)
    for m in itertools.chain((first,) if first else (), _LIST_MARKER_RE.finditer(body)):
        spans.append(m.span(1))  # "1." of a numbered list is not a figure
    if not spans:
        return body
    spans.sort()
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        start = max(start, pos)  # spans may overlap (emphasis inside an HTML comment)
        if end <= start:
            continue
        pieces.append(body[pos:start])
        blank = body[start:end]
        pieces.append(_NOT_NEWLINE_RE.sub(" ", blank) if "\n" in blank else " " * (end - start))
        pos = end
    pieces.append(body[pos:])
    return "".join(pieces)


_NOT_NEWLINE_RE: Final = re.compile(r"[^\n]")


def _mask_name_digits(text: str, lower: str) -> tuple[str, str]:
    """Digits inside names become `#` so the figure search skips them but words survive.

    `lower` is `text` lower-cased (same length), which the names are looked up in; both come
    back masked.  Only the matched spans are rebuilt (matches never overlap); the rest of
    the article is copied in slices rather than character by character."""
    spans = [m.span() for m in NAME_DIGITS_RE.finditer(lower)]
    return _hash_digits(text, spans), _hash_digits(lower, spans)


def _hash_digits(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        pieces.append(text[pos:start])
        pieces.append("".join("#" if c.isdigit() else c for c in text[start:end]))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        dot = m.start()
        word_start = dot
        while word_start > start and (
            text[word_start - 1].isalpha() or text[word_start - 1] == "."
        ):
            word_start -= 1
        word = text[word_start:dot].lower()
        if text[dot] == "." and (word in _ABBREV or (len(word) == 1 and word.isalpha())):
            continue
        spans.append((pos, m.start() + 1))
        pos = m.end()
    if pos < end:
        spans.append((pos, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


#: The longest span read as one sentence.  Binding looks at every figure and mention of a
#: sentence for each figure in it; real sentences stay far below this, and cutting longer
#: runs (a 60 MB reply with no full stop, a table row of digits) keeps the work linear.
MAX_SENTENCE: Final = 1200
_CUT_RE: Final = re.compile(r"[,;:)]\s|\s", re.ASCII)


def _bounded(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` with every span longer than `MAX_SENTENCE` cut into pieces, each ending at
    the last clause break (else space) before the limit, or at the limit itself."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while b - a > MAX_SENTENCE:
            limit = a + MAX_SENTENCE
            cut = limit
            for m in _CUT_RE.finditer(text, limit - MAX_SENTENCE // 4, limit):
                cut = m.end()
            out.append((a, cut))
            a = cut
        if a < b:
            out.append((a, b))
    return out


#: A block of the body: (kind, start, end, header, cells, header cells), the last three for
#: tables: a row's header titles, its cell spans, and the spans of its header line's cells.
Block = tuple[
    str, int, int, tuple[str, ...], tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]
]


def _blocks(masked: str, body_start: int, original: str | None = None) -> list[Block]:
    """(kind, start, end, header, cells, header cells) for each Markdown block of the body.
    Structure (list markers, headings, tables) is read from the original text, since masking
    blanks list markers."""
    source = masked if original is None else original
    out: list[Block] = []
    para: list[int] = []  # [start, end] of the open paragraph or list item
    kind = "para"
    header: tuple[str, ...] = ()
    header_spans: tuple[tuple[int, int], ...] = ()
    in_fence = False
    pos = body_start

    def close() -> None:
        nonlocal para
        if para:
            out.append((kind, para[0], para[1], (), (), ()))
            para = []

    lines = source[body_start:].split("\n")
    aligned = _aligned_tables(lines)
    compact = compact_tables(lines)
    header_cols: list[tuple[int, int]] = []
    for line_no, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            close()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if line_no in compact and line_no not in aligned:
            close()
            what, spans = compact[line_no]
            spanned = tuple((start + a, start + b) for a, b in spans)
            if what == "header":
                header = tuple(masked[a:b].strip().lower() for a, b in spanned)
                header_spans = spanned
                out.append(("header", start, end, (), spanned, ()))
            else:
                if line_no - 1 not in compact:
                    header, header_spans = (), ()  # rows with no header line above them
                out.append(("compact", start, end, header, spanned, header_spans))
            continue
        if not stripped:
            close()
            header, header_spans = (), ()
            continue
        if stripped.startswith("|") or (stripped.count("|") >= 2 and not para):
            close()
            if _TABLE_RULE_RE.fullmatch(stripped):
                continue
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
            while cells and not line[cells[-1][0] - start : cells[-1][1] - start].strip():
                cells.pop()
            names = tuple(masked[a:b].strip().lower() for a, b in cells)
            if not header:
                header, header_spans = names, tuple(cells)
                out.append(("header", start, end, (), header_spans, ()))
            else:
                out.append(("table", start, end, header, tuple(cells), header_spans))
            continue
        if line_no in aligned:
            close()
            columns = aligned[line_no]
            if not header and columns:
                # the rows' titles stand left of the first title: the header's corner is
                # blank ("          S&P 500    Nasdaq" over "Close    6,389.45 ...")
                titles = []
                below = line_no + 1
                while below in aligned:
                    titles.append(aligned[below][0][1])
                    below += 1
                if titles and max(titles) < columns[0][0]:
                    columns = [(0, max(titles)), *columns]
            cells = [(start + a, start + b) for a, b in columns]
            if not header:
                header = tuple(masked[a:b].strip().lower() for a, b in cells)
                header_cols, header_spans = columns, tuple(cells)
                out.append(("header", start, end, (), header_spans, ()))
            else:
                under = _under(columns, header_cols, start)
                out.append(("table", start, end, header, under, header_spans))
            continue
        if _HEADING_RE.match(line):
            close()
            out.append(("heading", start, end, (), (), ()))
            continue
        if _LIST_RE.match(line):
            close()
            kind = "list"
            para = [start, end]
            continue
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ")
        if not para:
            kind = "para"
            para = [start, end]
        else:
            para[1] = end
    close()
    return out


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


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex only admits digits
        return Decimal(0)


@lru_cache(maxsize=128)  # a handful of unit spellings, once per figure
def _kind(unit: str) -> str:
    u = unit.strip().lower()
    if not u:
        return "number"
    if u == "%" or u in ("percent", "per cent", "pct") or u.startswith("per cent"):
        return "percent"
    if u.startswith("percentage") or u == "pp":
        return "percentage_points"
    if u.startswith("basis") or u in ("bp", "bps"):
        return "basis_points"
    u = u.lstrip("-").replace("-", " ")
    if u == "percent" or u == "per cent":
        return "percent"
    if u.startswith(("point", "pt")):
        return "points"
    if u.startswith("per"):
        return "currency"
    return "number"


def _year_for(month: int, day: int, anchor: dt.date | None) -> int:
    """The year a date written without one means: the latest one not more than two weeks
    after the article's week (a recap looks back: "its high of Dec. 4" in June is last
    December's)."""
    if anchor is None:
        return dt.date.today().year
    for year in (anchor.year + 1, anchor.year, anchor.year - 1):
        try:
            if dt.date(year, month, day) <= anchor + dt.timedelta(days=14):
                return year
        except ValueError:
            continue
    return anchor.year


def date_parts(m: re.Match[str]) -> tuple[int | None, int, int]:
    """(year or None when not written, month, day) of a `DATE_RE` match: the one reading of
    its three shapes, for the checker and for `locate`.  The date may not exist."""
    iso, sm = m.group("iso", "sm")
    if iso:
        return int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    if sm:
        first, second, year_text = int(sm), int(m.group("sd")), m.group("sy")
        month, day = (first, second) if first <= 12 else (second, first)
        return int(year_text) + (2000 if len(year_text) == 2 else 0), month, day
    mon, mon2, day_text, day2, year1, year2 = m.group("mon", "mon2", "day", "day2", "year", "year2")
    year_text = year1 or year2
    month = MONTHS[(mon or mon2).lower().rstrip(".")]
    return (int(year_text) if year_text else None), month, int(day_text or day2)


def _dates(text: str, offset: int, anchor: dt.date | None) -> list[Figure]:
    out: list[Figure] = []
    for m in DATE_RE.finditer(text):
        wd = m.group("wd")
        weekday = WEEKDAYS[wd.lower()] if wd else None
        try:
            year, month, day = date_parts(m)
            date = dt.date(year if year else _year_for(month, day, anchor), month, day)
        except (ValueError, KeyError):
            continue
        out.append(
            Figure(
                offset + m.start(),
                offset + m.end(),
                m.group(0),
                "date",
                Decimal(date.toordinal()),
                0,
                0,
                date=date,
                weekday=weekday,
            )
        )
    return out


#: How far before its first digit a figure can start: a sign, "US$", a sign and a ".".
_FIGURE_LEAD: Final = 6


def _figure_matches(text: str) -> list[re.Match[str]]:
    """`FIGURE_RE.finditer(text)`, found faster: no figure starts more than `_FIGURE_LEAD`
    characters before a digit, so each search starts just before the next digit (a fast
    single-class scan) instead of trying every position of the sentence."""
    out: list[re.Match[str]] = []
    pos = 0
    while True:
        digit = _DIGIT_RE.search(text, pos)
        if digit is None:
            return out
        m = FIGURE_RE.regex.search(text, max(pos, digit.start() - _FIGURE_LEAD))
        if m is None:
            return out
        out.append(m)
        pos = m.end()


_ORDINAL_RE: Final = re.compile(r"(?:st|nd|rd|th)\b", re.ASCII)


def _figures(text: str, offset: int, dates: list[Figure]) -> list[Figure]:
    """Numbers in a sentence's masked text (dates already found are skipped)."""
    blocked = [(d.start - offset, d.end - offset) for d in dates]
    out: list[Figure] = []
    for m in _figure_matches(text):
        sign1, cur, sign2, num, scale, unit1, unit2 = m.group(
            "sign", "cur", "sign2", "num", "scale", "unit", "unit2"
        )
        a = m.start("num")
        if blocked and any(s <= a < e for s, e in blocked):
            continue
        if a > 0:
            before = text[a - 1]
            if before.isalpha() or before in "#_/" or (num[0] == "." and before.isdigit()):
                continue  # part of a word or a masked name ("Q3", "ASX200")
        cur_start = m.start("cur") if cur else a
        sign_text = sign1 or sign2 or ""
        start = (
            m.start("sign") if sign1 else cur_start if cur else (m.start("sign2") if sign2 else a)
        )
        if sign_text == "–" or (sign_text == "-" and start > 0 and text[start - 1].isalnum()):
            sign_text, start = "", cur_start  # a hyphen or dash joining things, not a minus
        kind = "currency" if cur else _kind(unit1 or unit2 or "")
        decimals = len(num) - num.index(".") - 1 if "." in num else 0
        if kind == "number" and _ORDINAL_RE.match(text, m.end("num")):
            continue  # "its 5th weekly record", "for the 1st time": a rank, not a figure
        if (
            kind == "number"
            and not scale
            and decimals == 0
            and not sign_text
            and len(num) == 4
            and num[:2] in ("19", "20")
        ):
            continue  # a year
        value = _decimal(num)
        end = (
            m.end("unit2")
            if unit2
            else m.end("unit")
            if unit1
            else (m.end("scale") if scale else m.end("num"))
        )
        sign = -1 if sign_text in ("-", "−") else 1 if sign_text == "+" else 0
        if kind == "basis_points":
            value, decimals, kind = value / 100, decimals + 2, "percentage_points"
        out.append(
            Figure(
                offset + start,
                offset + end,
                text[start:end],
                kind,
                value,
                decimals,
                sign,
                scale=scale.strip() if scale and scale.strip() else None,
            )
        )
    if len(out) > 1:
        _mark_ranges(text, offset, out)
        _share_units(text, offset, out)
    for fig in out:
        at = fig.start - offset
        before = text[max(0, at - 40) : at]
        fig.hedge = parse_hedge(before)
        if fig.hedge is not Hedge.EXACT and _GAP_BEFORE_RE.search(before):
            # "8.18% below the 2,442.03 close": "below" is the percent's, the level is exact
            fig.hedge = Hedge.EXACT
        elif (
            fig.kind == "number"
            and fig.hedge in (Hedge.MORE_THAN, Hedge.LESS_THAN)
            and _LEVEL_RELATION_RE.search(before)
        ):
            # "dipped below 4,900": a relation to a price, not "a little more/less than"
            fig.hedge = Hedge.ABOVE if fig.hedge is Hedge.MORE_THAN else Hedge.BELOW
    return out


_GAP_BEFORE_RE: Final = re.compile(
    rf"(?i)\d\s*(?:%|per\s*cent|percent|points?|pts)\s+(?:{GAP_PATTERN}|over)\s+"
    r"(?:the\s+|its\s+|that\s+)?$",
    re.ASCII,
)
_LEVEL_RELATION_RE: Final = Scan(
    r"(?i)\b(?:above|below|over|under|beneath)\s+(?:the\s+)?$", re.ASCII
)


_BETWEEN_RE: Final = Scan(r"(?i)\b(?:between|from)\s+(?:a\s+low\s+of\s+)?$", re.ASCII)
#: "the range of 2,200 to 2,250", "a zone from 4,900 through 5,000": a range, not a move.
_RANGE_LEAD_RE: Final = Scan(
    r"(?i)\b(?:(?:range|ranged|zone|area|band|region)(?:\s+(?:is|was|of|from|"
    r"runs\s+from|ran\s+from|now\s+runs\s+from))?|of)\s+$",
    re.ASCII,
)
_NON_DIGIT_RE: Final = re.compile(r"\D", re.ASCII)


def _mark_ranges(text: str, offset: int, figs: list[Figure]) -> None:
    for left, right in itertools.pairwise(figs):
        word = text[left.end - offset : right.start - offset].strip(_ASCII_SPACE)
        if word not in _RANGE_SEPS:
            continue
        if word in ("and", "to", "through"):
            prefix = text[: left.start - offset]
            if word == "and" and not _BETWEEN_RE.search(prefix):
                continue
            if word in ("to", "through") and not (
                _BETWEEN_RE.search(prefix) or _RANGE_LEAD_RE.search(prefix)
            ):
                continue
        if left.kind == "number" and right.kind in ("percent", "points", "number"):
            left.kind = right.kind if right.kind != "points" else left.kind
        if left.kind != right.kind:
            continue
        left.range_role, right.range_role = "low", "high"


_LIST_JOINS: Final = frozenset({"and", ",", ", and", "or", ", or"})
#: How much larger than the next member a list's member may be.
_LIST_SCALE: Final = 30
#: What introduces a level, not a list of changes ("its average of 199.16 and 6.83% above").
_LEVEL_INTRO_RE: Final = re.compile(
    r"(?i)(?:\b(?:of|at|to|near|around|from|than|is|was)|[:=(])\s*$", re.ASCII
)


def _share_units(text: str, offset: int, figs: list[Figure]) -> None:
    """ "up 0.54 and 2.57 points": a unit written once after a list is every member's.  A
    figure far larger than the one after it, or one a level word introduces ("its average
    of 199.16 and 6.83% above ..."), is a level, not a member of the list."""
    for i in range(len(figs) - 2, -1, -1):
        left, right = figs[i], figs[i + 1]
        if (
            left.kind == "number"
            and right.kind in ("points", "percent")
            and left.range_role is None
            and right.range_role is None
            and left.magnitude <= right.magnitude * _LIST_SCALE
            and not _LEVEL_INTRO_RE.search(
                text, max(0, left.start - offset - 12), left.start - offset
            )
            and text[left.end - offset : right.start - offset].strip(_ASCII_SPACE) in _LIST_JOINS
        ):
            left.kind = right.kind


def _streaks(text: str, low: str, offset: int) -> list[Figure]:
    """Counts written as words or digits in streak phrases ("three straight sessions");
    `low` is `text` lower-cased."""
    out: list[Figure] = []
    if not (STREAK_HINT_RE.may_match_lowered(low) or "first" in low):
        return out  # a count is a streak's only with a hint word, or "first" (below)
    for m in STREAK_RE.finditer(text):
        tail = text[m.end() : m.end() + 25]
        phrase = text[m.start() : m.end()] + tail
        first = (
            m.group("n").lower() == "first"
            and m.group("kind") is not None
            and (m.group("what") or "").lower().startswith(("week", "daily", "session", "day"))
        )
        if not (first or STREAK_HINT_RE.search(phrase)):
            continue
        if not (m.group("what") or m.group("kind")):
            continue
        n_text = m.group("n").lower()
        n = NUMBER_WORDS.get(n_text)
        if n is None:
            n = int(_NON_DIGIT_RE.sub("", n_text))
        out.append(
            Figure(offset + m.start(), offset + m.end("n"), m.group("n"), "count", Decimal(n), 0, 0)
        )
    return out


#: What the checker reads at most: far beyond any article (a long recap is ~10 KB and ~200
#: figures), so that no input, however hostile, makes a check run for minutes.
MAX_ARTICLE_CHARS: Final = 1 << 20  # 1 MiB of text
MAX_FIGURES: Final = 50_000


def parse(text: str, *, anchor: dt.date | None = None) -> Document:
    """Split an article into sentences and find every figure and date in each.

    Raises `TooLarge` past `MAX_ARTICLE_CHARS` characters or `MAX_FIGURES` figures."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise TooLarge(
            f"the article is {len(text):,} characters; the checker reads at most "
            f"{MAX_ARTICLE_CHARS:,} (split it, or check the parts)"
        )
    seen = 0
    front_text, body_start = split_front_matter(text)
    front: dict[str, str] = {}
    if front_text is not None:
        try:
            front = parse_front_matter(front_text, toml=text.startswith("+++"))
        except CheckError:
            front = {}  # the CLI reports bad front matter; checking the text goes on
    line_starts = [0] + [m.end() for m in _NEWLINE_RE.finditer(text)]
    head = "".join("\n" if ch == "\n" else " " for ch in text[:body_start])
    masked = ascii_shape(head + _mask_markup(text[body_start:]))
    masked, lower = _mask_name_digits(masked, lower_same_length(masked))
    sentences: list[Sentence] = []
    header_dates: dict[tuple[tuple[int, int], ...], tuple[Figure, ...]] = {}
    for block_no, (kind, b_start, b_end, header, cells, header_cells) in enumerate(
        _blocks(masked, body_start, text)
    ):
        one = kind in ("table", "header", "compact")
        spans = [(b_start, b_end)] if one else _split_sentences(masked, b_start, b_end)
        if any(b - a > MAX_SENTENCE for a, b in spans):
            spans = _bounded(masked, spans)
        dated: tuple[Figure, ...] = ()
        if header_cells:
            dated = header_dates.get(header_cells, ())
            if header_cells not in header_dates:
                h_start, h_end = header_cells[0][0], header_cells[-1][1]
                dated = header_dates[header_cells] = tuple(
                    _dates(masked[h_start:h_end], h_start, anchor)
                )
        for s_start, s_end in spans:
            chunk = masked[s_start:s_end]
            sent = Sentence(
                s_start,
                s_end,
                chunk,
                block_no,
                kind,
                header=header,
                cells=cells,
                header_cells=header_cells,
                header_dates=dated,
            )
            if kind == "header":  # column names ("Close 11/24", "52-wk high") are no figures
                sentences.append(sent)
                continue
            if kind == "compact":  # each cell after the label is one figure
                sent.block_kind, sent.compact = "table", True
                sent.figures = [f for a, b in cells[1:] for f in _figures(masked[a:b], a, [])]
                sentences.append(sent)
                seen += len(sent.figures)
                continue
            streaks = _streaks(chunk, lower[s_start:s_end], s_start)
            if _DIGIT_RE.search(chunk) is None:  # no digits: no dates, no figures
                sent.figures = streaks
                sentences.append(sent)
                continue
            sent.dates = _dates(chunk, s_start, anchor)
            figures = _figures(chunk, s_start, sent.dates)  # in order of position
            if streaks:
                taken = [(f.start, f.end) for f in streaks]
                figures = [f for f in figures if not any(a <= f.start < b for a, b in taken)]
                figures = sorted(figures + streaks, key=_START)
            sent.figures = figures
            sentences.append(sent)
            seen += len(figures) + len(sent.dates)
            if seen > MAX_FIGURES:
                raise TooLarge(
                    f"the article holds more than {MAX_FIGURES:,} figures, far more than "
                    "any article; it is not checked (split it, or check the parts)"
                )
    return Document(text, masked, lower, body_start, sentences, front, line_starts)
