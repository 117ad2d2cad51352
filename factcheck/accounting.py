"""Every number a reader sees ends as a claim or as a named non-figure (rule F012).

The figure reader skips what it takes for no figure: a year, a rank, digits that are part of a
name or a word, a table's column names, a time of day.  Anything else it skips is a number
it failed to read, and a wrong figure in a form no reader anticipated would pass in silence
there.  So after reading, every run of digits left in the text (names' digits are masked
already) is accounted for: inside a figure or a date the checker judged, or of a kind named
in `NON_FIGURES` with the reason a reader can look up (docs/checking.md); what remains is
reported `unsupported`, so it fails a strict check and warns a lenient one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from factcheck.document import Document, Sentence

#: Why a number is no figure, by kind; the order in which `non_figure` tries them.
NON_FIGURES: Final = {
    "column": "a table's column name",
    "glued": "part of a name or a word (digits against letters: Q3, HK50, Life360)",
    "rank": "a rank (5th, 21st)",
    "year": "a year (since 2021, 2025/26, 2021-2022)",
    "time": "a time of day (13:50, 4 p.m.)",
    "date": "part of a date written with slashes or dashes (10/31, 2/23/2024)",
}
_DIGITS_RE: Final = re.compile(r"\d+(?:[.,]\d+)*", re.ASCII)
#: Letters before digits that are a currency's, not a name's: "$US79.78", "A$1.2 billion".
_CURRENCY_LETTERS_RE: Final = re.compile(r"\$[A-Z]{1,3}$|[A-Z]{1,3}\$$", re.ASCII)
_RANK_RE: Final = re.compile(r"(?:st|nd|rd|th)\b", re.ASCII | re.IGNORECASE)
_YEAR_RE: Final = re.compile(r"(?:19|20)\d\d", re.ASCII)
_TIME_AFTER_RE: Final = re.compile(
    r":\d\d|\s*(?:[ap]\.?m\b\.?|ET\b|GMT\b|HKT\b|AEST\b)", re.ASCII | re.IGNORECASE
)


def unaccounted(doc: Document) -> Iterator[tuple[int, int]]:
    """(start, end) of each number in the body that is neither in a judged figure or date nor
    a named non-figure.  Digits the block reader left in no sentence at all are numbers too:
    whatever the masking keeps is text a reader sees, so a block the reader missed cannot
    hide a figure."""
    masked = doc.masked
    pos = doc.body_start
    for sent in doc.sentences:
        if sent.start > pos:
            yield from ((m.start(), m.end()) for m in _DIGITS_RE.finditer(masked, pos, sent.start))
        pos = max(pos, sent.end)
    yield from ((m.start(), m.end()) for m in _DIGITS_RE.finditer(masked, pos))
    for sent in doc.sentences:
        if not any(c.isdigit() for c in sent.text):
            continue
        taken = [(f.start, f.end) for f in sent.figures] + [(d.start, d.end) for d in sent.dates]
        for m in _DIGITS_RE.finditer(masked, sent.start, sent.end):
            a, b = m.span()
            if any(x <= a < y or x < b <= y for x, y in taken):
                continue
            if non_figure(masked, sent, a, b) is None:
                yield a, b


def non_figure(masked: str, sent: Sentence, a: int, b: int) -> str | None:
    """The `NON_FIGURES` kind of the digits masked[a:b] of `sent`, or None: a number."""
    if sent.block_kind == "header":
        return "column"
    before = masked[a - 1] if a > 0 else " "
    after = masked[b] if b < len(masked) else " "
    if _RANK_RE.match(masked, b):
        return "rank"
    if (before.isalpha() and not _CURRENCY_LETTERS_RE.search(masked, max(0, a - 4), a)) or (
        before == "_" or after.isalpha()
    ):
        return "glued"
    if b - a == 4 and _YEAR_RE.fullmatch(masked, a, b):
        return "year"
    if _TIME_AFTER_RE.match(masked, b) or (before == ":" and masked[a - 3 : a - 1].isdigit()):
        return "time"
    if (before in "/-" and masked[a - 2 : a - 1].isdigit()) or (
        after in "/" and masked[b + 1 : b + 2].isdigit()
    ):
        return "date"
    return None
