"""Find every figure in an article, with its exact source text, line and column.

Extraction is purely lexical and knows nothing about the brief: it turns Markdown into
sentences (headings, list items, table rows and paragraphs are blocks; sentences never cross
blocks), and each sentence into `Figure`s (numbers with their unit, sign, hedge and range
role) and `Mention`s (words the binder needs: weekdays and dates, period phrases, metric
words, direction words).  Markup is masked with spaces rather than removed, so every offset
in the masked text is an offset in the original and line/column come out exact.

Digits inside names ("Russell 2000", "S&P 500", "52-week", "Q3", "fiscal 2025") are masked
as context, never reported as figures.

This module masks the text, cuts it into sentences and runs the readers over each; each
reader is its own module:

    document       Document, Sentence, Figure: what extraction produces
    blocks         Markdown blocks and table rows, with their headers
    datewords      month and weekday words, written dates
    figures        numbers with unit, sign, range role and hedge
    streak_counts  counts in streak phrases ("three straight sessions")
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from operator import attrgetter
from typing import Final

from factcheck._rx import ascii_shape, lower_same_length, trie
from factcheck.blocks import Block, read_blocks
from factcheck.datewords import dates_in
from factcheck.document import Document, Figure, Sentence
from factcheck.errors import CheckError, TooLarge
from factcheck.figures import figures_in, read_hedges
from factcheck.fractions import fraction_percents_in
from factcheck.frontmatter import parse_front_matter, shown_fields, split_front_matter
from factcheck.grammar import (
    DIGIT_INDEX_NAMES,
    DIGIT_INDEX_NAMES_HYPHENATED,
    FISCAL_WORD,
    FY_PREFIX,
    MASKED_DIGIT_NAMES,
    NAME_COUNT_NOUNS,
    NAME_UNITS,
    NUMBERED_OUTSIDE_NAMES,
    OUTSIDE,
    STREAK_AFTER_COUNT,
    alternation,
)
from factcheck.patterns import Scan
from factcheck.scan import html_spans, md_links
from factcheck.streak_counts import streaks_in, worded_percents_in
from factcheck.worded_numbers import worded_numbers_in

#: What other modules take from here: the reader and its limits.
__all__ = [
    "MAX_ARTICLE_CHARS",
    "MAX_FIGURES",
    "MAX_SENTENCE",
    "NAME_DIGITS_RE",
    "parse",
]

#: One blank or a hyphen: "Nasdaq 100", "Nasdaq-100".
_ONE_BLANK_OR_HYPHEN: Final = r"[\s-]"
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
    rf"\b(?:{alternation((*DIGIT_INDEX_NAMES, *MASKED_DIGIT_NAMES))}|"
    rf"{alternation(DIGIT_INDEX_NAMES_HYPHENATED, space=_ONE_BLANK_OR_HYPHEN)}|"
    rf"{alternation(NUMBERED_OUTSIDE_NAMES)}\s+\d+|"
    rf"{'|'.join(_OUTSIDE_DIGIT_NAMES)}|"
    # a line break between the digits and the word is one in wrapped prose, not at a row of
    # a plain-text table ("... 44,175.61" over "Week    +2.43%")
    r"\d+(?:-|[ \t]|\n(?![a-z]+(?:[ \t]{2}|\t|[ \t]?[-+\d(])))"
    rf"{alternation(NAME_UNITS)}"
    rf"(?![\s-]*(?:{trie(STREAK_AFTER_COUNT)}))|"
    rf"q[1-4]|h[12]|{alternation(FY_PREFIX)}\s?\d{{2,4}}|"
    rf"{alternation(FISCAL_WORD)}\s+(?:year\s+)?\d{{4}}|(?:19|20)\d\d(?=s\b)|"
    rf"\d+-{alternation(NAME_COUNT_NOUNS)}s?\b)\b",
    re.ASCII,
)

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


def _mask_markup(body: str) -> str:
    """Replace Markdown markup with spaces (newlines kept, so offsets and lines stay aligned).

    The spans to blank are collected first and the text rebuilt from slices: most of an
    article is prose that is copied as is."""
    spans: list[tuple[int, int]] = []
    # links and HTML by hand: a regex would read to the closer from every opener
    for start, end in html_spans(body):
        spans.extend(_markup_of_tag(body, start, end))
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
#: An HTML attribute whose value a reader is shown: an image's `alt` text (shown in its place
#: when it does not load, and read aloud) and any element's `title` (its tooltip).
_SHOWN_ATTRIBUTE_RE: Final = re.compile(r"""\b(?:alt|title)\s*=\s*(["'])([^"'\n]*)\1""", re.I)


def _markup_of_tag(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of an HTML tag or comment body[start:end] to blank: all of it, but the values
    of the attributes a reader is shown (`<img alt="...">`), whose figures are read as text."""
    tag = body[start:end]
    if tag.startswith("<!--") or ("alt" not in tag and "title" not in tag and "ALT" not in tag):
        return [(start, end)]
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SHOWN_ATTRIBUTE_RE.finditer(body, start, end):
        out.append((pos, m.start(2)))
        pos = m.end(2)
    out.append((pos, end))
    return out


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


#: What the checker reads at most: far beyond any article (a long recap is ~10 KB and ~200
#: figures), so that no input, however hostile, makes a check run for minutes.
MAX_ARTICLE_CHARS: Final = 1 << 20  # 1 MiB of text
MAX_FIGURES: Final = 50_000


def _head(text: str, body_start: int, shown: list[tuple[int, int]]) -> str:
    """The front matter blanked (newlines kept), but for the values of the fields readers
    see (`shown`)."""
    out: list[str] = []
    pos = 0
    for a, b in (*shown, (body_start, body_start)):
        out.append(_NOT_NEWLINE_RE.sub(" ", text[pos:a]))
        out.append(text[a:b])
        pos = b
    return "".join(out)


def parse(text: str, *, anchor: dt.date | None = None) -> Document:
    """Split an article into sentences and find every figure and date in each.

    Raises `TooLarge` past `MAX_ARTICLE_CHARS` characters or `MAX_FIGURES` figures."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise TooLarge(
            f"the article is {len(text):,} characters; the checker reads at most "
            f"{MAX_ARTICLE_CHARS:,} (split it, or check the parts)"
        )
    front_text, body_start = split_front_matter(text)
    front: dict[str, str] = {}
    if front_text is not None:
        try:
            front = parse_front_matter(front_text, toml=text.startswith("+++"))
        except CheckError:
            front = {}  # the CLI reports bad front matter; checking the text goes on
    line_starts = [0] + [m.end() for m in _NEWLINE_RE.finditer(text)]
    shown = shown_fields(text[:body_start], text[body_start:])
    head = _head(text, body_start, shown)
    masked = ascii_shape(head + _mask_markup(text[body_start:]))
    masked, lower = _mask_name_digits(masked, lower_same_length(masked))
    # the fields a site renders as the headline or the summary are read as headings
    blocks: list[Block] = [("heading", a, b, (), (), ()) for a, b in shown]
    blocks += read_blocks(masked, body_start, text)
    sentences = _Sentences(masked, lower, anchor).read(blocks)
    return Document(text, masked, lower, body_start, sentences, front, line_starts)


def _written_as_figure(fig: Figure) -> bool:
    """Is a number written as a figure (decimals, a thousands separator, or a unit)?"""
    return fig.decimals > 0 or "," in fig.text or fig.kind != "number"


class _Sentences:
    """The body's blocks cut into sentences, each filled with its figures and dates, and a
    count of the figures found so far (past `MAX_FIGURES` the article is refused)."""

    def __init__(self, masked: str, lower: str, anchor: dt.date | None) -> None:
        self.masked = masked
        self.lower = lower
        self.anchor = anchor
        self.seen = 0
        #: a table header line's cell spans -> the dates written in it, read once
        self.header_dates: dict[tuple[tuple[int, int], ...], tuple[Figure, ...]] = {}

    def read(self, blocks: list[Block]) -> list[Sentence]:
        sentences: list[Sentence] = []
        for block_no, (kind, b_start, b_end, header, cells, header_cells) in enumerate(blocks):
            one = kind in ("table", "header", "compact")
            spans = [(b_start, b_end)] if one else _split_sentences(self.masked, b_start, b_end)
            if any(b - a > MAX_SENTENCE for a, b in spans):
                spans = _bounded(self.masked, spans)
            dated = self.dates_over(header_cells)
            for s_start, s_end in spans:
                sent = Sentence(
                    s_start,
                    s_end,
                    self.masked[s_start:s_end],
                    block_no,
                    kind,
                    header=header,
                    cells=cells,
                    header_cells=header_cells,
                    header_dates=dated,
                )
                sentences.append(sent)
                if kind == "compact":
                    self.fill_compact(sent)
                elif kind == "header":
                    self.fill_header(sent)
                else:
                    self.fill(sent)
        return sentences

    def dates_over(self, header_cells: tuple[tuple[int, int], ...]) -> tuple[Figure, ...]:
        """The dates written in a table row's header line ("| Index | Aug 4 | Aug 5 |")."""
        if not header_cells:
            return ()
        dated = self.header_dates.get(header_cells)
        if dated is None:
            h_start, h_end = header_cells[0][0], header_cells[-1][1]
            dated = self.header_dates[header_cells] = tuple(
                dates_in(self.masked[h_start:h_end], h_start, self.anchor)
            )
        return dated

    def fill_compact(self, sent: Sentence) -> None:
        """A compact table row: each cell after the label is one figure."""
        sent.block_kind, sent.compact = "table", True
        sent.figures = [f for a, b in sent.cells[1:] for f in figures_in(self.masked[a:b], a, [])]
        self.seen += len(sent.figures)

    def fill_header(self, sent: Sentence) -> None:
        """A table header's figures: a header is shown to readers like any row, so a figure
        written there ("| Index | 2,281.42 |") is a claim.  Column names' numbers are not:
        a header's dates ("Close 11/24") are the columns' (`dates_over`), and a bare whole
        number is a year or a name's ("2024 Close", "52-wk high"); what is kept is written
        as a figure is, with decimals, a thousands separator or a unit."""
        self.fill(sent)
        sent.dates = []
        sent.figures = [f for f in sent.figures if f.kind != "count" and _written_as_figure(f)]

    def fill(self, sent: Sentence) -> None:
        """A sentence's dates, figures and streak counts, in order of position."""
        chunk = sent.text
        low = self.lower[sent.start : sent.end]
        streaks = streaks_in(chunk, low, sent.start)
        worded = worded_percents_in(chunk, low, sent.start)
        fractions = fraction_percents_in(chunk, low, sent.start)
        fractions += worded_numbers_in(chunk, low, sent.start)
        if fractions:  # "half a percent", "three-quarters of one percent", "2½%"
            spans = [(f.start, f.end) for f in fractions]
            worded = [f for f in worded if not any(a <= f.start < b for a, b in spans)]
            worded = sorted(worded + fractions, key=_START)
        if worded:  # "rose nine percent": hedged as figures in digits are
            read_hedges(chunk, sent.start, worded)
            streaks = sorted(streaks + worded, key=_START)
        if _DIGIT_RE.search(chunk) is None:  # no digits: no dates, no figures
            sent.figures = streaks
            return
        sent.dates = dates_in(chunk, sent.start, self.anchor)
        figures = figures_in(chunk, sent.start, sent.dates)  # in order of position
        if streaks:
            taken = [(f.start, f.end) for f in streaks]
            figures = [f for f in figures if not any(a <= f.start < b for a, b in taken)]
            figures = sorted(figures + streaks, key=_START)
        sent.figures = figures
        self.seen += len(figures) + len(sent.dates)
        if self.seen > MAX_FIGURES:
            raise TooLarge(
                f"the article holds more than {MAX_FIGURES:,} figures, far more than "
                "any article; it is not checked (split it, or check the parts)"
            )
