"""Numbers written in words with a scale word: "two thousand one hundred points", "closed at
seven thousand four hundred", "twenty-two thousand five hundred".

Why: a level written in words has no digit, so the figure reader never saw it and a wrong one
passed in silence.  Only runs that hold a scale word ("hundred", "thousand", "million") are
read: "twenty sessions" and "three straight weeks" are counts (`factcheck.streak_counts`),
and "one of the" is no number.  Each is a figure of kind `number` (`points` when "points"
follows), exact to the unit, as "2,100" written in digits would be.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from factcheck.document import Figure
from factcheck.grammar import NUMBER_SCALE_WORDS, NUMBER_WORD_VALUES, POINT_WORDS, alternation

_VALUES: Final = dict(NUMBER_WORD_VALUES)
_SCALES: Final = dict(NUMBER_SCALE_WORDS)
_WORD: Final = rf"(?:{alternation([*_VALUES, *_SCALES])})"
#: A run of number words joined by spaces, hyphens or "and"; its last word a number word.
_RUN_RE: Final = re.compile(
    rf"(?i)(?<![\w-]){_WORD}(?:(?:[\s-]+|\s+and\s+){_WORD})*(?![\w-])"
    rf"(?P<unit>\s+(?:{alternation(POINT_WORDS)})\b)?",
    re.ASCII,
)
_SPLIT_RE: Final = re.compile(r"[\s-]+", re.ASCII)


def _value(words: list[str]) -> int | None:
    """The number the words spell, or None when they spell none ("thousand two")."""
    total = current = 0
    scaled = False
    for word in words:
        if word in _SCALES:
            scale = _SCALES[word]
            if current == 0:
                return None  # "thousand" with nothing before it
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0
            scaled = True
        else:
            current += _VALUES[word]
    return total + current if scaled else None


def worded_numbers_in(text: str, low: str, offset: int) -> list[Figure]:
    """Numbers written in words with a scale word, in `text` (`low`: it lower-cased)."""
    if not any(w in low for w in _SCALES):
        return []
    out: list[Figure] = []
    for m in _RUN_RE.finditer(text):
        words = [
            w
            for w in _SPLIT_RE.split(
                text[m.start() : m.end("unit") if m["unit"] else m.end()].lower()
            )
            if w != "and"
        ]
        if m["unit"]:
            words = words[:-1]
        value = _value(words)
        if value is None:
            continue
        kind = "points" if m["unit"] else "number"
        out.append(
            Figure(offset + m.start(), offset + m.end(), m.group(0), kind, Decimal(value), 0, 0)
        )
    return out
