"""Figures in a sentence: numbers with their sign, currency, scale and unit, which pairs
of them are the ends of a range, a unit written once after a list, and the hedge before
each ("about", "more than", "below").  Dates are found first (`factcheck.datewords`) and
skipped here.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Final

from factcheck.document import Figure
from factcheck.grammar import (
    CENT_WORDS,
    CHANGE_UNITS_AFTER,
    DENIED_LEADS,
    DENIED_SPANS,
    DENIED_VERBS,
    GAP_PATTERN,
    LEVEL_RELATIONS,
    MONEY_SCALE_LETTERS,
    MONEY_SCALES,
    NEGATIONS,
    PER_SHARE,
    POINT_WORDS,
    PT_WORDS,
    RANGE_LOW,
    RANGE_NOUNS,
    REACH_VERBS,
    YEAR_AS_LEVEL_NOT_BEFORE,
    YEAR_AS_LEVEL_PREPOSITIONS,
    YEAR_AS_LEVEL_VERBS,
    alternation,
)
from factcheck.numfmt import Hedge, parse_hedge
from factcheck.patterns import Scan

#: A bare 19xx/20xx integer without a thousands separator is a year ("its 2024 close"):
#: index levels are written with separators ("2,218"), so this never hides a level.
#: A decimal comma before a percent sign or word ("rose 0,02%", "1,5 per cent"), as much of
#: Europe writes it: one or two digits after the comma can be no thousands.
_DECIMAL_COMMA: Final = r"\d{1,3},\d{1,2}(?=\s?%|\s+per\s?cent\b|\s+percent\b)"
_NUM: Final = rf"{_DECIMAL_COMMA}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SIGN: Final = r"[+\-−–]"
#: "$US79.78" and "$A1.2 billion" as Australian papers write them, besides "US$", "A$" ...
_CURRENCY: Final = r"(?:US\$|\$US|A\$|\$A(?=\d)|HK\$|C\$|NZ\$|S\$|\$|€|£|¥)"
#: A scale word after the number ("billion", "bn", "m"), or a capital letter against it ("$1.1B").
_SCALE: Final = (
    rf"(?:\s*(?:{alternation(w for w, _ in MONEY_SCALES)})\b|"
    rf"(?:{alternation(w for w, _ in MONEY_SCALE_LETTERS if len(w) == 1)})\b|"
    rf"\s?(?:{alternation(w for w, _ in MONEY_SCALE_LETTERS if len(w) > 1)})\b)"
)
#: Cents after a number: "74 cents" is a money figure of $0.74.
_CENTS: Final = rf"\s+(?:{alternation(CENT_WORDS)})\b"
_POINTS: Final = alternation(POINT_WORDS)
#: "per share" (not "a share": "$1.40 a share" is read by the earnings binder)
_PER_SHARE: Final = alternation(w for w in PER_SHARE if w.startswith("per"))
_UNIT: Final = (
    rf"(?:\s*%|\s+per\s*cent\b|\s+percent(?:age\s+{_POINTS})?\b|\s+pct\b|\s+pp\b|"
    rf"\s+basis\s+{_POINTS}\b|\s+bps?\b|\s+{_POINTS}\b|\s+{alternation(PT_WORDS)}\b|"
    rf"\s+{_PER_SHARE}\b|-{_POINTS}\b|-percent\b|-per-cent\b|{_CENTS})"
)
#: One figure: optional sign and currency, number, scale and unit.
FIGURE_RE: Final = Scan(
    rf"(?P<sign>{_SIGN})?(?P<cur>{_CURRENCY})?(?P<sign2>{_SIGN})?(?P<num>{_NUM})(?![\d])"
    rf"(?P<scale>{_SCALE})?(?P<unit>{_UNIT})?(?P<unit2>\s+{_PER_SHARE}\b)?",
    re.ASCII,
)
#: What may stand between the two figures of a range (with spaces around): `-`, en/em dash,
#: `to`, `and` (after `between`), `through`.
_RANGE_SEPS: Final = frozenset({"-", "–", "—", "to", "and", "through"})
_ASCII_SPACE: Final = " \t\n\r\f\v"  # what `\s` is to an ASCII-mode pattern


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
    if u in CENT_WORDS:
        return "cents"
    return "number"


_DIGIT_RE: Final = re.compile(r"\d", re.ASCII)
#: How far before its first digit a figure can start: a sign, "US$", a sign and a ".".
_FIGURE_LEAD: Final = 6


def figure_matches(text: str) -> list[re.Match[str]]:
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


#: A verb that puts an index somewhere, then (in its clause) a preposition, right before a
#: year-like number: "closed the week at 2050", "rose 1.2% to 1985"; or a reaching verb
#: right before it ("hit 2010").  Between them no clause break (a decimal point is no break).
_YEAR_LEVEL_BEFORE: Final = re.compile(
    rf"\b(?:{alternation(YEAR_AS_LEVEL_VERBS)})\b(?:(?:[^,;:()\n.]|\.(?=\d)){{0,40}}?\s)?"
    rf"(?:{alternation(YEAR_AS_LEVEL_PREPOSITIONS)})\s+$|\b(?:{alternation(REACH_VERBS)})\s+$",
    re.IGNORECASE,
)
_YEAR_AFTER: Final = re.compile(
    rf"(?:['’]s\b|s\b|\s+(?:{alternation(YEAR_AS_LEVEL_NOT_BEFORE)})\b)", re.IGNORECASE
)
#: How far back the verb of `_YEAR_LEVEL_BEFORE` may stand.
_YEAR_LEVEL_REACH: Final = 64


def _year_is_a_level(text: str, start: int, end: int) -> bool:
    """Is the year-like number at text[start:end] a level ("closed the week at 2050") rather
    than a year ("since 2021", "its 2024 close", "rose to 2021 levels")?"""
    if _YEAR_AFTER.match(text, end):
        return False
    return _YEAR_LEVEL_BEFORE.search(text[max(0, start - _YEAR_LEVEL_REACH) : start]) is not None


def figures_in(text: str, offset: int, dates: list[Figure]) -> list[Figure]:
    """Numbers in a sentence's masked text (dates already found are skipped)."""
    blocked = [(d.start - offset, d.end - offset) for d in dates]
    out: list[Figure] = []
    for m in figure_matches(text):
        sign1, cur, sign2, num, scale, unit1, unit2 = m.group(
            "sign", "cur", "sign2", "num", "scale", "unit", "unit2"
        )
        a = m.start("num")
        if blocked and any(s <= a < e for s, e in blocked):
            continue
        lead = m.start("cur") if cur else a  # "$US79.78": the currency's letters are its own
        if lead > 0:
            before = text[lead - 1]
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
        if "," in num and "." not in num and len(num) - num.rindex(",") <= 3:
            num = num.replace(",", ".")  # a decimal comma ("0,02%"): 0.02
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
        ) and not _year_is_a_level(text, a, m.end("num")):
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
        if kind == "cents":
            # "74 cents" is $0.74, written to the cent; "(8 cents)" a loss, as accounts write it
            value, decimals, kind, scale = value / 100, decimals + 2, "currency", "cents"
        per_share = bool(unit2) or scale == "cents" or "share" in (unit1 or "")
        if kind == "currency" and not sign_text and _in_parentheses(text, start, end, per_share):
            sign = -1
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
    read_hedges(text, offset, out)
    return out


def _in_parentheses(text: str, start: int, end: int, per_share: bool) -> bool:
    """ "(8 cents)", "($0.65 per share)": a per-share amount in parentheses is negative, as
    accounts write a loss.  Only per-share amounts: "net income ($21.4 billion)" is an aside."""
    return per_share and start > 0 and text[start - 1] == "(" and text[end : end + 1] == ")"


_APOSTROPHES: Final = "'’"
#: A denial right before a figure: "did not close the week at ", "isn't above ", "never hit ",
#: ", not " (grammar `NEGATIONS` and what may follow one).
_DENIED_RE: Final = re.compile(
    rf"(?:\b(?:{alternation(w for w in NEGATIONS if w[0] != 'n' or w[1] not in _APOSTROPHES)})"
    rf"|n[{_APOSTROPHES}]t)\s+"
    rf"(?:(?:{alternation(DENIED_VERBS)})\s+)?(?:(?:{alternation(DENIED_SPANS)})\s+)?"
    rf"(?:(?:{alternation(DENIED_LEADS)})\s+){{0,2}}$",
    re.IGNORECASE,
)


def read_hedges(text: str, offset: int, figs: list[Figure]) -> None:
    """Each figure's hedge, from the words before it ("about", "more than", "below"), and
    whether those words deny it ("did not close at")."""
    for fig in figs:
        at = fig.start - offset
        before = text[max(0, at - 40) : at]
        fig.negated = _DENIED_RE.search(before) is not None
        symbol = _COMPARATOR_SIGNS.get(before[-1:]) if fig.sign == 0 else None
        if symbol is not None:
            # "gained <1%", "≥ 2%" as one word with the figure: a bound, never exact
            fig.hedge = symbol
            continue
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


#: A comparison sign written against the figure ("<1%", ">2,400", "≤0.5%"): the figure is
#: a bound.  A sign after a space is left to the words before it: "> 2,400" at a line's
#: start is a Markdown quote.
_COMPARATOR_SIGNS: Final = {
    "<": Hedge.LESS_THAN,
    ">": Hedge.MORE_THAN,
    "≤": Hedge.AT_MOST,
    "≥": Hedge.AT_LEAST,
}


_GAP_BEFORE_RE: Final = re.compile(
    rf"(?i)\d\s*(?:%|per\s*cent|percent|{alternation(CHANGE_UNITS_AFTER)})\s+"
    rf"(?:{GAP_PATTERN}|over)\s+"
    r"(?:the\s+|its\s+|that\s+)?$",
    re.ASCII,
)
_LEVEL_RELATION_RE: Final = Scan(rf"(?i)\b{alternation(LEVEL_RELATIONS)}\s+(?:the\s+)?$", re.ASCII)


_BETWEEN_RE: Final = Scan(
    rf"(?i)\b(?:between|from)\s+(?:a\s+{alternation(RANGE_LOW)}\s+of\s+)?$", re.ASCII
)
#: "the range of 2,200 to 2,250", "a zone from 4,900 through 5,000": a range, not a move.
_RANGE_LEAD_RE: Final = Scan(
    rf"(?i)\b(?:{alternation(RANGE_NOUNS)}(?:\s+(?:is|was|of|from|"
    r"runs\s+from|ran\s+from|now\s+runs\s+from))?|of)\s+$",
    re.ASCII,
)


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
