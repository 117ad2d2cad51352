"""Percentages written as fractions: "half a percent", "a quarter of a percent", "one and a
half per cent", "½%", "2½%".

Why a reader of their own: the figure reader reads digits, and a fraction written in words or
as one vulgar-fraction character has none, so "edged up half a percent" (for a 0.17% move)
passed with one claim fewer and nothing said.  Each is a `percent` figure with the places its
value needs (half: 1, a quarter: 2), so it rounds as the same figure in digits would; its
hedge ("about half a percent") is read by the caller, as for figures in digits.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Final

from factcheck._rx import VULGAR_FRACTIONS
from factcheck.document import Figure
from factcheck.grammar import FRACTION_WORDS, PERCENT_WORDS, alternation
from factcheck.streak_counts import NUMBER_WORDS

_CARDINALS: Final = tuple(w for w in NUMBER_WORDS if w[-2:] not in ("st", "nd", "rd", "th"))
_FRACTION_WORD: Final = dict(FRACTION_WORDS)


def _character_value(c: str) -> Decimal:
    """ "½" -> 0.5, "⅛" -> 0.125, "⅓" -> 0.33 (a third to the places a writer would give)."""
    exact = Decimal(str(unicodedata.numeric(c)))
    thousandths = exact.quantize(Decimal("0.001"))
    return thousandths.normalize() if thousandths == exact else exact.quantize(Decimal("0.01"))


_FRACTION_CHARACTER: Final = {c: _character_value(c) for c in sorted(VULGAR_FRACTIONS)}
_SPACES: Final = r"[\s-]+"
_PERCENT: Final = rf"(?:{alternation(PERCENT_WORDS)})\b"
#: "half a percent", "a quarter of a per cent", "one and a half percent", "three-quarters of
#: one percent"
_WORDED_RE: Final = re.compile(
    rf"(?i)(?<![\w-])(?:(?P<whole>{alternation(_CARDINALS)})\s+and\s+)?"
    rf"(?P<frac>{alternation(_FRACTION_WORD, space=_SPACES)})"
    rf"(?:\s+of)?(?:\s+(?:a|an|one))?\s+{_PERCENT}",
    re.ASCII,
)
#: "½%", "2½%", "¼ percent"
_CHARACTER_RE: Final = re.compile(
    rf"(?<![\d.,])(?P<whole>\d{{1,3}})?(?P<frac>[{''.join(_FRACTION_CHARACTER)}])"
    rf"(?:\s*%|\s+{_PERCENT})",
    re.IGNORECASE,
)


def _figure(offset: int, m: re.Match[str], whole: int, part: Decimal) -> Figure:
    value = Decimal(whole) + part
    places = max(0, -int(value.normalize().as_tuple().exponent))
    return Figure(offset + m.start(), offset + m.end(), m.group(0), "percent", value, places, 0)


def fraction_percents_in(text: str, low: str, offset: int) -> list[Figure]:
    """Percentages written as fractions in `text` (`low` is it lower-cased), in order."""
    out: list[Figure] = []
    if any(w in low for w in PERCENT_WORDS) and any(w.split()[-1] in low for w in _FRACTION_WORD):
        for m in _WORDED_RE.finditer(text):
            whole = NUMBER_WORDS[m["whole"].lower()] if m["whole"] else 0
            frac = " ".join(m["frac"].lower().replace("-", " ").split())
            out.append(_figure(offset, m, whole, _FRACTION_WORD[frac]))
    if any(c in text for c in _FRACTION_CHARACTER):
        for m in _CHARACTER_RE.finditer(text):
            whole = int(m["whole"]) if m["whole"] else 0
            out.append(_figure(offset, m, whole, _FRACTION_CHARACTER[m["frac"]]))
    out.sort(key=lambda f: f.start)
    return out
