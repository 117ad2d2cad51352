"""Streak counts: numbers written as words or digits in streak phrases ("three straight
sessions", "a 2-day skid", "its first weekly gain"), found as `Figure`s of kind `count`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from factcheck._rx import trie
from factcheck.document import Figure
from factcheck.grammar import (
    PERCENT_WORDS,
    STREAK_HINTS,
    STREAK_KIND_UNITS,
    STREAK_KINDS,
    STREAK_UNITS,
    STREAK_WORDS,
    StreakRole,
    alternation,
)
from factcheck.patterns import Scan

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
#: How the ordinal rows of `NUMBER_WORDS` end ("first", "second", "third", "fourth").
_ORDINAL_ENDS: Final = ("st", "nd", "rd", "th")
#: A space or a hyphen between a unit's words ("trading-day").
_SPACE_OR_HYPHEN: Final = r"[\s-]"
_ORDER: Final = tuple(s.word for s in STREAK_WORDS if s.role is StreakRole.ORDER)
STREAK_RE: Final = re.compile(
    r"(?i)\b(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}|"
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    rf"\d{{1,2}}(?:st|nd|rd|th))[\s-]+{alternation(_ORDER)}?[\s-]*"
    rf"(?P<what>{alternation(STREAK_UNITS, space=_SPACE_OR_HYPHEN)}s?)?\b[\s-]*"
    rf"(?P<kind>{alternation(STREAK_KINDS)}|{alternation(STREAK_KIND_UNITS)}s?)?",
    re.ASCII,
)
#: What makes a count a streak's ("three straight sessions", "a 2-day skid"), besides
#: "first" with a kind: the grammar's ORDER and RUN words.
STREAK_HINT_RE: Final = Scan(rf"(?i){trie(STREAK_HINTS)}", re.ASCII)
_NON_DIGIT_RE: Final = re.compile(r"\D", re.ASCII)


#: A percentage written in words ("rose nine percent", "about two per cent"): a figure as
#: its digits would be, so a wrong one is never skipped in silence.
_CARDINALS: Final = tuple(w for w in NUMBER_WORDS if w[-2:] not in _ORDINAL_ENDS)
WORDED_PERCENT_RE: Final = re.compile(
    rf"(?i)(?<![\w-])(?P<n>{alternation(_CARDINALS)})"
    rf"\s+(?:{alternation(PERCENT_WORDS)})\b",
    re.ASCII,
)


def worded_percents_in(text: str, low: str, offset: int) -> list[Figure]:
    """Percentages written in words, as figures of kind `percent` (their hedges are read
    by the caller, as for figures in digits); `low` is `text` lower-cased."""
    if not any(w in low for w in PERCENT_WORDS):
        return []
    return [
        Figure(
            offset + m.start(),
            offset + m.end(),
            m.group(0),
            "percent",
            Decimal(NUMBER_WORDS[m.group("n").lower()]),
            0,
            0,
        )
        for m in WORDED_PERCENT_RE.finditer(text)
    ]


def streaks_in(text: str, low: str, offset: int) -> list[Figure]:
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
