"""The one place that formats figures and decides when a written figure matches a value.

The drafter shows the model figures formatted here, and the checker parses the article back
with the rules here, so the two can never disagree about what "2,218.42" or "+2.38%" means.

Rounding is decimal half-up (what a reader expects); half-even is accepted too when checking
third-party prose, since some tools round that way.  Hedge tolerances are named constants
below: each is documented in the README under "How figures are matched".
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final

from factcheck._rx import lead, trie
from factcheck.grammar import HEDGE_WORDS
from factcheck.grammar import Hedge as Hedge


class Unit(StrEnum):
    POINTS = "points"
    PERCENT = "percent"
    PERCENTAGE_POINTS = "percentage_points"
    CURRENCY = "currency"
    COUNT = "count"
    DATE = "date"


#: How many "last-place units" an unqualified figure may differ after rounding: none.
#: Hedged figures get exactly one unit of their last written digit (see `last_place_unit`).
HEDGE_UNITS: Final = Decimal(1)

#: "about X" holds when the value rounds to X at X's written decimals ("about 2%" for 2.38%),
#: or is within half a unit of X's last significant digit but no further than
#: `APPROXIMATE_ROUNDING_MAX` of X ("about 2,200" for 2,218.42; "about 10%" for 9.16% but
#: not 8.57%), or within `APPROXIMATE_RELATIVE` of X ("around 2,250" for 2,218.42, 1.4%
#: away).  A whole unit, as before, let "about 3,000" stand for 2,218.42 and "about 3%" for
#: 2.38%: a hedge must still say what the figure is.
APPROXIMATE_RELATIVE: Final = Decimal("0.05")
APPROXIMATE_ROUNDING_MAX: Final = Decimal("0.10")
#: ... but a figure of 100 or more (an index level, a points move) only within this fraction:
#: "about 4,880" is not a close of 4,982.77, 2.1% away, where "about 2.5%" is 2.38%.
APPROXIMATE_RELATIVE_LARGE: Final = Decimal("0.02")
APPROXIMATE_LARGE_FROM: Final = Decimal(100)

#: "nearly X" / "almost X" / "just under X" must also be at least this fraction of X, so
#: "nearly 1%" needs a value in [0.9, 1) rather than anything in [0, 1).
NEARLY_MIN_FRACTION: Final = Decimal("0.9")
#: "just over X" must be at most this multiple of X (and within one last-place unit).
JUST_OVER_MAX_FACTOR: Final = Decimal("1.1")

PERCENT_PLACES: Final = 2
POINTS_PLACES: Final = 2
PP_PLACES: Final = 2


def round_half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round_half_even(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def format_number(value: Decimal, places: int, *, signed: bool = False) -> str:
    """`2218.4199` -> `2,218.42`; with `signed`, `+2.38` / `-0.20` (zero is written unsigned)."""
    rounded = round_half_up(value, places)
    if rounded == 0:
        rounded = abs(rounded)
    text = f"{abs(rounded):,.{places}f}"
    if rounded < 0:
        return "-" + text
    if signed and rounded > 0:
        return "+" + text
    return text


def format_value(value: Decimal, unit: Unit, places: int, *, signed: bool = False) -> str:
    """The canonical display text of a figure: what the drafter writes and the checker expects."""
    number = format_number(value, places, signed=signed)
    if unit is Unit.PERCENT:
        return f"{number}%"
    if unit is Unit.PERCENTAGE_POINTS:
        return f"{number} percentage points"
    if unit is Unit.CURRENCY:
        sign = "-" if number.startswith("-") else ""
        return f"{sign}${number.lstrip('+-')}"
    if unit is Unit.POINTS and signed:
        return f"{number} points"
    return number


def last_place_unit(written: Decimal, decimals: int) -> Decimal:
    """One unit of the last significant written digit: 0.3 -> 0.1, 2 -> 1, 2,200 -> 100."""
    if decimals > 0:
        return Decimal(1).scaleb(-decimals)
    integer = abs(int(written))
    if integer == 0:
        return Decimal(1)
    zeros = 0
    while integer % 10 == 0:
        integer //= 10
        zeros += 1
    return Decimal(10) ** zeros


def rounds_to(value: Decimal, written: Decimal, decimals: int) -> bool:
    """True when `value` written with `decimals` places (half-up or half-even) gives `written`."""
    return written in (round_half_up(value, decimals), round_half_even(value, decimals))


#: The places an index close is published to, and how far a point change written to them may
#: be from the brief's: a change is the difference of two closes that each carry half a unit
#: of their source's rounding, so the wire's "993.14 points" and Yahoo's 993.15 are one figure
#: (README, "Tolerances").
CLOSE_PLACES: Final = 2
POINT_CHANGE_TOLERANCE: Final = Decimal("0.01")


#: A price level is within this factor of its index's last close (a 52-week range and a
#: year of moves stay inside it; the indices of a brief trade at scales far apart): the
#: binder and the judge tell a level from a change, and an index from a share, by it.
LEVEL_SCALE: Final = Decimal("1.35")

#: An index level written whole from this size up may be the level cut to its points
#: ("25,630" for 25,630.54), as wires and exchanges print them.
LEVEL_TRUNCATION_MIN: Final = Decimal(1000)


def truncates_to(value: Decimal, written: Decimal) -> bool:
    """Is `written` (a whole number) `value` with its decimals cut off?"""
    return value >= 0 and value.to_integral_value(rounding="ROUND_FLOOR") == written


def point_change_matches(change: Decimal, written: Decimal, decimals: int) -> bool:
    """Does a point change written to the closes' places (or more) fit the magnitude of
    `change` within the rounding of the two closes it is the difference of?"""
    if decimals < CLOSE_PLACES:
        return False  # written coarser than the closes: rounding alone decides
    return any(
        abs(shown - written) <= POINT_CHANGE_TOLERANCE
        for shown in (round_half_up(change, decimals), round_half_even(change, decimals))
    )


def written_matches(value: Decimal, written: Decimal, decimals: int, hedge: Hedge) -> bool:
    """Does a figure written as `written` (with `decimals` places, qualified by `hedge`) fit?"""
    unit = last_place_unit(written, decimals) * HEDGE_UNITS
    if hedge is Hedge.EXACT:
        return rounds_to(value, written, decimals)
    if hedge is Hedge.APPROXIMATE:
        size = abs(written)
        relative = (
            APPROXIMATE_RELATIVE_LARGE if size >= APPROXIMATE_LARGE_FROM else APPROXIMATE_RELATIVE
        )
        return rounds_to(value, written, decimals) or abs(value - written) <= max(
            min(unit / 2, size * APPROXIMATE_ROUNDING_MAX), size * relative
        )
    if hedge is Hedge.NEARLY:
        return max(written - unit, written * NEARLY_MIN_FRACTION) <= value < written
    if hedge is Hedge.JUST_OVER:
        return written < value <= min(written + unit, written * JUST_OVER_MAX_FACTOR)
    if hedge is Hedge.MORE_THAN:
        return written < value <= written + unit
    if hedge is Hedge.LESS_THAN:
        return written - unit <= value < written
    if hedge is Hedge.AT_LEAST:
        return written <= value <= written + unit
    if hedge is Hedge.ABOVE:
        return value > written  # a relation to a price level has no nearness to it
    if hedge is Hedge.BELOW:
        return value < written
    return written - unit <= value <= written  # AT_MOST


_HEDGE_RE: Final = re.compile(
    r"(?:^|(?<=[\s(]))"
    + lead([w for w, _ in HEDGE_WORDS])
    + "(?P<h>"
    + trie([w for w, _ in HEDGE_WORDS], space=" ")
    + r")\s*(?:the\s+)?[+\-−]?\s*(?:us\$|a\$|hk\$|\$)?\s*$",
    re.ASCII,
)
_HEDGE_LAST: Final = frozenset(w.split()[-1] for w, _ in HEDGE_WORDS)
_HEDGE_BY_WORD: Final = {w: h for w, h in HEDGE_WORDS}


def _words_before() -> dict[str, frozenset[str] | None]:
    """A hedge's last word -> the words that can stand right before it ("shy" and "north"
    for "of"), or None where the last word is a whole hedge ("about")."""
    out: dict[str, frozenset[str] | None] = {}
    for phrase, _ in HEDGE_WORDS:
        *head, last = phrase.split()
        if not head:
            out[last] = None
        elif out.get(last, frozenset()) is not None:
            out[last] = (out.get(last) or frozenset()) | {head[-1]}
    return out


#: "of", "to" and "than" end hedges ("shy of", "up to", "more than") but mostly follow other
#: words ("a gain of 2.4%"): the word before them settles it without the regex.
_HEDGE_BEFORE: Final = _words_before()


def parse_hedge(before: str) -> Hedge:
    """The hedge of a figure from the text right before it ("rose nearly " -> NEARLY)."""
    tail = before[-40:].lower()
    # only the last two words are looked at: rsplit stops splitting there
    words = tail.replace("$", " ").replace("+", " ").rsplit(None, 2)
    if not words or (
        words[-1].strip("(-−") not in _HEDGE_LAST
        and not (len(words) > 1 and words[-1] == "the" and words[-2] in _HEDGE_LAST)
    ):
        return Hedge.EXACT
    last = words[-1].strip("(-−")
    if last in _HEDGE_LAST:
        allowed = _HEDGE_BEFORE[last]
        # the regex needs the hedge's first words after a space or "(": "(shy of", "shy of"
        if allowed is not None and (len(words) < 2 or words[-2].rpartition("(")[2] not in allowed):
            return Hedge.EXACT
    match = _HEDGE_RE.search(tail)
    if match is None:
        return Hedge.EXACT
    return _HEDGE_BY_WORD[match.group("h").lower()]


#: Dollar amounts are written with a scale word from these sizes up, to these places:
#: "$26.42 billion", "$214.3 million" (wire style: three or four significant figures).
_MONEY_SCALES: Final = ((Decimal(10) ** 9, "billion", 2), (Decimal(10) ** 6, "million", 1))


def format_money(value: Decimal) -> str:
    """A dollar amount's magnitude as a story writes it: `26422000000` -> `$26.42 billion`,
    `-214251000` -> `$214.3 million` (the sign is the sentence's: "a loss of"), `912345` ->
    `$912,345`, without trailing zeros (`$16.6 billion`).  The scale is chosen after
    rounding, so 999.96 million is `$1 billion`."""
    size = abs(value)
    for unit, word, places in _MONEY_SCALES:
        shown = round_half_up(size / unit, places)
        if shown >= 1:
            if word == "million" and shown >= 1000:
                shown, word = round_half_up(size / _MONEY_SCALES[0][0], 2), "billion"
            return f"${_trimmed(f'{shown:,}')} {word}"
    return f"${round_half_up(size, 0):,}"


def _trimmed(number: str) -> str:
    """ "16.60" -> "16.6", "1.00" -> "1": a scaled amount is written without trailing zeros
    (the reader takes "$16.6 billion" at its written places)."""
    return number.rstrip("0").rstrip(".") if "." in number else number


def format_per_share(value: Decimal) -> str:
    """A per-share amount's magnitude: a dollar or more as `$1.08`, less in cents (`67
    cents`, `1 cent`), as AP writes EPS."""
    cents = round_half_up(abs(value) * 100, 0)
    if cents >= 100:
        return f"${round_half_up(abs(value), 2):,}"
    return "1 cent" if cents == 1 else f"{cents} cents"
