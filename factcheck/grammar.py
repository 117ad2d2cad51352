"""The checker's vocabulary, each word list written once with its meaning.

Binding, the phrase judges and the offline drafter read these tables; the regexes and
prefilters that scan for them are derived from them where they are used, so a phrasing the
checker should learn is a row here plus a test.  Each phrase kind names the rows it reads
(`pick`, `forms`: a selection that fails at import when a row goes) and a pattern spells them
with `alternation`; no regex outside this module spells a word of it (`tests/test_lexicon.py`).

- `DIRECTION`: direction words and phrases, +1 up / -1 down.
- Verbs with their form (`Verb`, `Form`): `FINISH_VERBS`, `OPEN_VERBS`, `CAP_VERBS`,
  `STREAK_BREAK_VERBS`; `RESULT_VERBS`, `REACH_VERBS`, `GIVE_BACK_VERBS`, `COMPARE_VERBS`.
- `MOVE_NOUNS`, `SIGNS`, `COMPARATIVES`, `EXTREMES`, `EXTREME_KINDS`, `RECORD_WORDS`,
  `SUPERLATIVES`, `INDEX_NOUNS`, calendar words (`MONTHS`, `WEEKDAYS`), hedges (`Hedge`,
  `HEDGE_WORDS`).
- `OUTSIDE`: things articles quote figures about that no brief holds (other indices, sub-
  indices, sectors, commodities, currencies, yields, volatility, turnover).  A figure bound to
  one of them is about that thing, so it is never checked against the subject.
- `COLUMN_PERIODS`, `COLUMN_METRICS`: table header words -> the period and metric of the
  figures under them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final

UP: Final = +1
DOWN: Final = -1
FLAT: Final = 0


def alternation(rows: Iterable[str], space: str = r"\s+") -> str:
    """A regex group matching any of the phrases `rows`: `(?:a|b\\s+c)`, longest first (so a
    phrase is tried before a shorter one it starts with), each escaped, a space matching any
    run of whitespace.  The one way a pattern spells the lexicon's words."""
    unique = sorted(dict.fromkeys(rows), key=len, reverse=True)
    return "(?:" + "|".join(space.join(map(re.escape, w.split(" "))) for w in unique) + ")"


def pick(table: Iterable[str], *words: str) -> tuple[str, ...]:
    """`words`, each a row of `table`: a named selection of rows (what one phrase kind reads),
    which fails at import if the table drops one of them."""
    rows = set(table)
    missing = [w for w in words if w not in rows]
    if missing:
        raise ValueError(f"not rows of the table: {missing}")
    return words


def pick_rows(table: Iterable[tuple[str, int]], *words: str) -> tuple[tuple[str, int], ...]:
    """`pick` of a table of (word, meaning) rows, the rows with their meaning."""
    meaning = dict(table)
    return tuple((w, meaning[w]) for w in pick(meaning, *words))


#: Words that put a change on one side of a level ("8.18% below the 2,442.03 close", "61
#: points shy of the record"), with the side the close is on.  "over" is not one: "rose 1.5%
#: over the week" names a period (the patterns that read "over it" add it themselves).
GAP_SIDES: Final[tuple[tuple[str, int], ...]] = (
    ("below", DOWN),
    ("under", DOWN),
    ("beneath", DOWN),
    ("shy of", DOWN),
    ("short of", DOWN),
    ("off", DOWN),
    ("above", UP),
)
#: The same words as a regex alternation (spaces match any run of whitespace).
GAP_PATTERN: Final = "|".join(w.replace(" ", r"\s+") for w, _ in GAP_SIDES)


class StreakRole(StrEnum):
    """What a word does in a streak phrase ("its third straight weekly gain", "a 2-day skid")."""

    ORDER = "order"  # the moves were in a row: "straight", "consecutive", "in a row"
    RUN = "run"  # names the run itself: "streak", "skid"
    MOVE = "move"  # the direction of each move, or of the run: "gains", "losing", "rally"


@dataclass(frozen=True)
class StreakWord:
    word: str  # lower case; a space matches any run of whitespace
    role: StreakRole
    direction: int = 0  # UP, DOWN, or 0 when the word says none ("streak", "run")
    #: right after a count of days or weeks it makes the count a streak's ("a 3-day rally"),
    #: where "3-day" is otherwise a name's digits ("the 50-day average", "a 3-day weekend")
    after_count: bool = False


def _moves(direction: int, words: str, after_count: str = "") -> tuple[StreakWord, ...]:
    after = set(after_count.split())
    return tuple(StreakWord(w, StreakRole.MOVE, direction, w in after) for w in words.split())


#: Every word of a streak phrase, once.  A count is read as a streak's when an ORDER or RUN
#: word is near it; the direction is the first UP or DOWN word after it (or the last before).
#: Patterns (`factcheck.extract.STREAK_HINT_RE` and the masking of "N-day" names,
#: `factcheck.qualitative`'s direction scans) are built from these rows, so a new phrasing
#: ("broke a 2-day skid") is one row here.
STREAK_WORDS: Final[tuple[StreakWord, ...]] = (
    *(
        StreakWord(w, StreakRole.ORDER, 0, True)
        for w in ("straight", "consecutive", "successive", "in a row")
    ),
    StreakWord("streak", StreakRole.RUN, 0, True),
    StreakWord("skid", StreakRole.RUN, DOWN, True),
    *_moves(0, "run slide", after_count="run slide"),
    *_moves(
        UP,
        "winning gain gains advance advances rise rises up higher rally rallies advancing "
        "rising positive",
        after_count="winning gain advance rally",
    ),
    *_moves(
        DOWN,
        "losing loss losses decline declines fall falls down lower drop drops declining "
        "falling negative retreat retreats",
        after_count="losing loss decline",
    ),
)
#: The words that make a count a streak's.
STREAK_HINTS: Final = tuple(
    s.word for s in STREAK_WORDS if s.role in (StreakRole.ORDER, StreakRole.RUN)
)
#: The words after "N-day" / "N-week" that make it a streak's count rather than a name.
STREAK_AFTER_COUNT: Final = tuple(s.word for s in STREAK_WORDS if s.after_count)
#: The streak words with a direction, by direction.
STREAK_UP: Final = tuple(s.word for s in STREAK_WORDS if s.direction == UP)
STREAK_DOWN: Final = tuple(s.word for s in STREAK_WORDS if s.direction == DOWN)

#: (word or phrase, direction): verbs, nouns and adjectives writers use for a move.
DIRECTION: Final[tuple[tuple[str, int], ...]] = (
    *(
        (w, UP)
        for w in (
            "rose",
            "rise",
            "rises",
            "rising",
            "risen",  # "has risen"
            "gained",
            "gain",
            "gains",
            "gaining",
            "rallied",
            "rally",
            "rallies",
            "rallying",
            "added",
            "adding",
            "adds",
            "up",
            "higher",
            "climbed",
            "climb",
            "climbs",
            "climbing",
            "advanced",
            "advance",
            "advances",
            "advancing",
            "jumped",
            "jump",
            "jumps",
            "leapt",
            "leaped",
            "surged",
            "surge",
            "surges",
            "soared",
            "soar",
            "soars",
            "increased",
            "increase",
            "firmed",
            "rebounded",
            "rebound",
            "recovered",
            "lifted",
            "popped",
            "grew",
            "improved",
            "spiked",
            "upside",
            "boost",
            "boosted",
            "tacked on",
            "picked up",
            "put on",
            "outperformed",
            "outpaced",
            "beat",
            "eclipsed",
            "led",
            "topped",
            "winning",
            "positive",
            "green",
            "ahead",
            "edged up",
            "edged higher",
            "inched up",
            "inched higher",
            "surging",
            "jumping",
            "soaring",
            "rebounding",
            "recovering",
            "climbed higher",
            "ticked up",
            "ticked higher",
            "notched up",
            "firmer",
        )
    ),
    *(
        (w, DOWN)
        for w in (
            "fell",
            "fall",
            "falls",
            "falling",
            "fallen",  # "has fallen"
            "sunk",
            "given ground",  # "has given ground"
            "lost",
            "lose",
            "loses",
            "losing",
            "loss",
            "losses",
            "slipped",
            "slip",
            "slips",
            "slipping",
            "shed",
            "sheds",
            "shedding",
            "declined",
            "decline",
            "declines",
            "declining",
            "down",
            "lower",
            "dropped",
            "drop",
            "drops",
            "dropping",
            "slid",
            "slide",
            "slides",
            "sliding",
            "retreated",
            "retreat",
            "retreats",
            "retreating",
            "tumbled",
            "tumble",
            "tumbles",
            "sank",
            "sink",
            "sinks",
            "plunged",
            "plunge",
            "plunges",
            "decreased",
            "decrease",
            "eased",
            "eases",
            "easing",
            "dipped",
            "dip",
            "dips",
            "weakened",
            "gave back",
            "giving back",
            "pulled back",
            "pullback",
            "sagged",
            "skidded",
            "slumped",
            "slump",
            "slumps",
            "erased",
            "trimmed",
            "pared",
            "lagged",
            "trailed",
            "underperformed",
            "negative",
            "red",
            "behind",
            "downside",
            "shaved",
            "gave up",
            "giving up",
            "edged down",
            "edged lower",
            "inched down",
            "inched lower",
            "ticked down",
            "ticked lower",
            "sold off",
            "tumbling",
            "plunging",
            "sinking",
            "dipping",
            "slumping",
            "sliding lower",
            "selloff",
            "sell-off",
        )
    ),
)

#: The adverbs of a direction ("finished higher", "edged down").
WAYS: Final = pick_rows(DIRECTION, "up", "down", "higher", "lower")
_WAYS: Final = tuple(w for w, _ in WAYS)


# --- calendar words --------------------------------------------------------------------------

#: Month names and their abbreviations -> the month's number.
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
#: Each month's full name, January first.
MONTH_NAMES: Final = tuple(
    max((name for name, number in MONTHS.items() if number == n), key=len) for n in range(1, 13)
)


# --- verbs, nouns and adjectives of worded claims ---------------------------------------------


class Form(StrEnum):
    """The form of a verb row: which phrase kinds read it depends on it ("closed higher" and
    "ended the week at" read different forms of the same verbs)."""

    BASE = "base"  # "close"
    PAST = "past"  # "closed"
    PARTICIPLE = "participle"  # "begun", where it differs from the past
    THIRD = "third"  # "closes"
    ING = "ing"  # "closing"


@dataclass(frozen=True, slots=True)
class Verb:
    word: str  # lower case; a space matches any run of whitespace
    form: Form


def _verb(base: str, past: str, third: str, ing: str) -> tuple[Verb, ...]:
    return (
        Verb(base, Form.BASE),
        Verb(past, Form.PAST),
        Verb(third, Form.THIRD),
        Verb(ing, Form.ING),
    )


def forms(verbs: Iterable[Verb], *which: Form, but: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The words of `verbs` in the forms `which` (every form when none is given), without the
    rows `but` names (each must be a row: a phrase kind that does not read it)."""
    rows = tuple(verbs)
    pick((v.word for v in rows), *but)
    return tuple(v.word for v in rows if (not which or v.form in which) and v.word not in but)


#: Verbs that end a period, which a direction or a level follows ("closed higher", "ended the
#: week at 5,000", "settled in the red").
FINISH_VERBS: Final[tuple[Verb, ...]] = (
    *_verb("finish", "finished", "finishes", "finishing"),
    *_verb("end", "ended", "ends", "ending"),
    *_verb("close", "closed", "closes", "closing"),
    *_verb("settle", "settled", "settles", "settling"),
    Verb("wrap up", Form.BASE),
    Verb("wrapped up", Form.PAST),
    Verb("wrapping up", Form.ING),
)
#: Verbs that end a period without a direction after them ("capped the week", "rounded out").
CAP_VERBS: Final[tuple[Verb, ...]] = (Verb("capped", Form.PAST), Verb("rounded out", Form.PAST))
#: Verbs that begin a period ("opened the week", "kicked off the week").
OPEN_VERBS: Final[tuple[Verb, ...]] = (
    Verb("opened", Form.PAST),
    Verb("started", Form.PAST),
    Verb("began", Form.PAST),
    Verb("begun", Form.PARTICIPLE),
    Verb("kicked off", Form.PAST),
    Verb("open", Form.BASE),
    Verb("start", Form.BASE),
    Verb("begin", Form.BASE),
    Verb("kick off", Form.BASE),
)
#: Verbs that report a period's result ("posted a weekly gain", "eked out a daily advance").
RESULT_VERBS: Final = (
    "posted",
    "recorded",
    "notched",
    "logged",
    "booked",
    "scored",
    "suffered",
    "eked out",
)
#: Verbs that reach a level or an extreme ("hit a 52-week high", "touched its record").
REACH_VERBS: Final = (
    "hit",
    "hits",
    "hitting",
    "reached",
    "reaches",
    "reaching",
    "touched",
    "touches",
    "touching",
    "set",
    "sets",
    "setting",
    "notches",
    "marked",
    "marks",
    "posts",
    "clinched",
    "scaled",
    "made",
    "makes",
    *pick(RESULT_VERBS, "notched", "posted", "logged"),
)
#: Verbs that undo an earlier move ("gave back all of Monday's gains", "recouped all the
#: lost ground").
GIVE_BACK_VERBS: Final = (
    "gave back",
    "giving back",
    "gives back",
    "given back",
    "erased",
    "erasing",
    "erases",
    "erase",
    "wiped out",
    "surrendered",
    "reversed",
    "recouped",
    "recouping",
    "reclaim",
    "reclaimed",
    "reclaiming",
    "reclaims",
    "regain",
    "regained",
    "regaining",
    "regains",
    *pick((w for w, _ in DIRECTION), "recovered", "recovering"),
)
#: Verbs that compare two indices' moves, +1 the subject did better, -1 worse ("outpaced the
#: S&P 500", "lagged the Nasdaq").
COMPARE_VERBS: Final[tuple[tuple[str, int], ...]] = (
    *((w, DOWN) for w in ("lag", "lags", "lagging", "trail", "trails", "trailing")),
    *((w, DOWN) for w in ("underperform", "underperforming", "underperforms")),
    *((w, DOWN) for w in ("fell behind", "fall behind")),
    *((w, UP) for w in ("outperform", "outperforming", "outperforms", "outpace", "outpaces")),
    *((w, UP) for w in ("outpacing", "eclipse", "eclipses", "eclipsing", "beating", "beats")),
    *((w, UP) for w in ("bested", "outran", "outdid", "top", "edged out", "edging out")),
    *pick_rows(DIRECTION, "lagged", "trailed", "underperformed"),
    *pick_rows(DIRECTION, "outperformed", "eclipsed", "outpaced", "beat"),
)
#: The sign of a period's change, said without a verb of motion ("in the red", "flat").
SIGN_ADJECTIVES: Final = pick_rows(DIRECTION, "positive", "negative")
SIGNS: Final[tuple[tuple[str, int], ...]] = (
    *((f"in {adj} territory", d) for adj, d in SIGN_ADJECTIVES),
    ("in the green", UP),
    ("in the red", DOWN),
    ("in the black", UP),
    ("flat", FLAT),
    ("unchanged", FLAT),
)
#: Nouns of a move, with its direction ("a weekly gain", "the 2% slide").  Plurals are rows
#: where a pattern reads them spelled out; most patterns add the plural `s` themselves.
MOVE_NOUNS: Final[tuple[tuple[str, int], ...]] = (
    *pick_rows(DIRECTION, "gain", "gains", "advance", "rise", "rally", "jump", "increase"),
    *pick_rows(DIRECTION, "climb", "surge", "rebound"),
    ("bounce", UP),
    *pick_rows(DIRECTION, "loss", "losses", "drop", "decline", "fall", "dip", "slide", "slip"),
    *pick_rows(DIRECTION, "decrease", "retreat", "pullback", "plunge", "tumble"),
    *pick_rows(DIRECTION, "selloff", "sell-off"),
    ("setback", DOWN),
    ("lost ground", DOWN),
    ("move", FLAT),
)
_NOUNS: Final = tuple(w for w, _ in MOVE_NOUNS)
_DIRECTION_WORDS: Final = tuple(w for w, _ in DIRECTION)
#: Comparatives of a level or a move ("2% better", "weaker by 1%").
COMPARATIVES: Final[tuple[tuple[str, int], ...]] = (
    ("better", UP),
    ("stronger", UP),
    ("weaker", DOWN),
    *pick_rows(DIRECTION, "ahead", "behind"),
)

#: The finish verbs that take a way after them in `MOVE_VERBS` ("closed up", "ending lower").
_BEFORE_A_WAY: Final = forms(
    FINISH_VERBS, Form.PAST, Form.ING, but=("settled", "settling", "wrapped up", "wrapping up")
)

#: Verbs that end a streak ("snapped a three-day skid", "broke its losing run").
STREAK_BREAK_VERBS: Final[tuple[Verb, ...]] = (
    *_verb("snap", "snapped", "snaps", "snapping"),
    *_verb("break", "broke", "breaks", "breaking"),
    *_verb("halt", "halted", "halts", "halting"),
    *_verb("stop", "stopped", "stops", "stopping"),
)
#: Words that put what follows before the move claimed ("after a weekly loss").
SEQUENCE_WORDS: Final = ("after", "following")
#: Words that point at the period before ("the prior session's", "previous Friday").
PRIOR_WORDS: Final = ("previous", "prior", "last", "preceding")

_COMPARE_ONLY: Final = ("eclipse", "underperform", "top", "edged out", "edging out")

# the selections of these rows that each worded claim reads (`factcheck.qualitative`)

#: "finished higher", "ended in the red" (not read there, as before: "finishes", "wrapping up").
FINISH_CLAIM_VERBS: Final = forms(FINISH_VERBS, but=("finishes", "wrapping up"))
FINISH_CLAIM_SIGNS: Final[tuple[tuple[str, int], ...]] = (*WAYS, *SIGNS)
#: "posted a weekly gain"; "a winning week".
POSTED_MOVES: Final = pick(_NOUNS, "gain", "advance", "loss", "decline", "drop")
POSTED_WEEKS: Final = pick_rows(DIRECTION, "winning", "losing", "positive", "negative")
#: "a modest weekly pullback"; "ended the week with a net loss" (not after "ended", or a
#: streak's end: "snapped a weekly losing streak").
STREAK_BREAK_PAST: Final = pick(forms(STREAK_BREAK_VERBS), "snapped", "snapping", "broke")
WEEK_MOVE_NOUNS: Final = pick(
    _NOUNS,
    "gain",
    "advance",
    "rise",
    "rally",
    "loss",
    "decline",
    "drop",
    "pullback",
    "retreat",
    "slide",
    "fall",
)
WEEK_WITH_NOUNS: Final = pick(_NOUNS, "gain", "advance", "rise", "loss", "decline", "drop")
WEEK_MOVE_VERBS: Final = forms(FINISH_VERBS, Form.PAST, Form.THIRD, but=("settled", "settles"))
WEEK_MOVE_NOT_AFTER: Final = pick(forms(FINISH_VERBS), "ended", "ending")
#: "gave back all of Monday's gains": what was given back.
GIVEN_BACK: Final = pick(
    _NOUNS,
    "gain",
    "gains",
    "advance",
    "rally",
    "rise",
    "losses",
    "loss",
    "decline",
    "drop",
    "slide",
    "lost ground",
)
#: "outpaced the S&P 500", "lagged the Nasdaq" (the other compare verbs are read only near
#: a figure: `factcheck.bind.patterns`).
RELATIVE_VERBS: Final = tuple(
    (w, d) for w, d in COMPARE_VERBS if w not in pick(dict(COMPARE_VERBS), *_COMPARE_ONLY)
)
#: "rose in every session", "closed lower every day".
EVERY_SESSION_MOVES: Final[tuple[tuple[str, int], ...]] = (
    *pick_rows(DIRECTION, "rose", "gained", "advanced", "climbed", "rallied", "rises", "gains"),
    *pick_rows(DIRECTION, "climbs", "fell", "declined", "dropped", "slipped", "lost", "falls"),
    *pick_rows(DIRECTION, "declines", "drops", "slips"),
    *(
        (f"{verb} {way}", d)
        for verb in pick(forms(FINISH_VERBS), "finished", "closed")
        for way, d in pick_rows(WAYS, "higher", "lower")
    ),
)


#: Verbs that make the capitalised name before them the thing that moved ("Alibaba rose",
#: "Xero added"): the DIRECTION words that are verbs in the past or present tense, and a few
#: phrases built on them.  Not nouns ("gains of 1.5%") or adjectives.
MOVE_VERBS: Final[tuple[str, ...]] = (
    "rose",
    "rises",
    "fell",
    "falls",
    "gained",
    "added",
    "adds",
    "lost",
    "slid",
    "slides",
    "jumped",
    "jumps",
    "climbed",
    "climbs",
    "dropped",
    "declined",
    "eased",
    "eases",
    "edged up",
    "edged down",
    "edged higher",
    "edged lower",
    "surged",
    "surges",
    "soared",
    "soars",
    "sank",
    "sinks",
    "tumbled",
    "tumbles",
    "plunged",
    "plunges",
    "slipped",
    "slips",
    "shed",
    "sheds",
    "rallied",
    "advanced",
    "dipped",
    "dips",
    "retreated",
    "rebounded",
    "recovered",
    "firmed",
    "weakened",
    "slumped",
    "slumps",
    "skidded",
    "inched up",
    "inched down",
    "inched higher",
    "inched lower",
    "ticked up",
    "ticked down",
    "ticked higher",
    "ticked lower",
    "spiked",
    "popped",
    "lifted",
    "was up",
    "was down",
    "were up",
    "were down",
    "leapt",
    "leaped",
    *(f"{verb} {way}" for verb in _BEFORE_A_WAY for way in _WAYS),
    "rising",
    "falling",
    "gaining",
    "jumping",
    "soaring",
    "sinking",
    "climbing",
    "dropping",
    "slipping",
    "losing",
    "sliding",
    "tumbling",
    "plunging",
    "surging",
    "advancing",
    "declining",
)
assert all(v.split()[-1] in dict(DIRECTION) or v in dict(DIRECTION) for v in MOVE_VERBS)

#: Names of things outside any brief.  Matched case-insensitively as whole words; a longer
#: name wins over an index name it contains ("Hang Seng Tech" is not the Hang Seng).
OUTSIDE: Final[tuple[str, ...]] = (
    # other indices and sub-indices
    "Hang Seng China Enterprises",
    "Hang Seng China Enterprises Index",
    "HSCEI",
    "China Enterprises Index",
    "H-shares index",
    "Hang Seng Tech",
    "Hang Seng Tech Index",
    "Hang Seng TECH",
    "Hang Seng Composite",
    "Hang Seng Mainland Properties",
    "All Ordinaries",
    "All Ords",
    "Small Ordinaries",
    "ASX 300",
    "S&P/ASX 300",
    "ASX 200 VIX",
    "A-VIX",
    "S&P/ASX 200 Energy",
    "S&P/NZX 50",
    "NZX 50",
    "NZX50",
    "Shanghai Composite",
    "Shanghai Composite Index",
    "CSI 300",
    "CSI300",
    "Shenzhen Component",
    "Shenzhen Composite",
    "ChiNext",
    "STAR 50",
    "Nikkei",
    "Nikkei 225",
    "Topix",
    "Kospi",
    "Taiex",
    "Straits Times Index",
    "Sensex",
    "Nifty",
    "Nifty 50",
    "FTSE 100",
    "FTSE 250",
    "DAX",
    "CAC 40",
    "Stoxx 600",
    "STOXX Europe 600",
    "Euro Stoxx 50",
    "MSCI World",
    "MSCI Asia-Pacific",
    "MSCI Emerging Markets",
    "MSCI Asia Pacific",
    "TSX",
    "S&P/TSX composite",
    "Nasdaq 100",
    "Nasdaq-100",
    "Russell 1000",
    "Russell 3000",
    "Russell Microcap",
    "S&P MidCap 400",
    "S&P 400",
    "S&P 600",
    "S&P SmallCap 600",
    "equal-weight S&P 500",
    "equal-weighted S&P 500",
    "Dow Jones Transportation Average",
    "Dow transports",
    "Dow Jones Utility Average",
    "Philadelphia Semiconductor Index",
    "semiconductor index",
    "SOX",
    "KBW Bank Index",
    "NYSE Composite",
    "Wilshire 5000",
    "Magnificent Seven",
    "Mag 7",
    "Roundhill Magnificent Seven ETF",
    # volatility, rates, currencies, commodities, crypto
    "VIX",
    "Cboe Volatility Index",
    "volatility index",
    "fear gauge",
    "Treasury",
    "Treasuries",
    "10-year",
    "10-year yield",
    "two-year",
    "2-year",
    "30-year",
    "yield",
    "yields",
    "bond",
    "bonds",
    "federal funds",
    "fed funds",
    "rate",
    "rates",
    "dollar",
    "U.S. dollar",
    "US dollar",
    "dollar index",
    "DXY",
    "Australian dollar",
    "Aussie dollar",
    "Aussie",
    "yen",
    "euro",
    "yuan",
    "renminbi",
    "sterling",
    "pound",
    "oil",
    "crude",
    "Brent",
    "WTI",
    "gold",
    "silver",
    "copper",
    "iron ore",
    "natural gas",
    "coal",
    "lithium",
    "bitcoin",
    "ether",
    "ethereum",
    "crypto",
    # sectors and groups
    "sector",
    "sectors",
    "energy",
    "financials",
    "banks",
    "bank",
    "miners",
    "mining",
    "technology sector",
    "tech sector",
    "tech stocks",
    "utilities",
    "health care",
    "healthcare",
    "consumer discretionary",
    "consumer staples",
    "industrials",
    "materials",
    "real estate",
    "property",
    "communication services",
    "REITs",
    "REIT",
    "semiconductors",
    "chipmakers",
    "chip stocks",
    "megacaps",
    "megacap",
    "mega-cap",
    "biotech",
    "insurers",
    "gold miners",
    "lithium miners",
    "property developers",
    "developers",
    "automakers",
    "airlines",
    "retailers",
    "homebuilders",
    # market-wide quantities that are not index levels
    "turnover",
    "volume",
    "volumes",
    "breadth",
    "market value",
    "market capitalisation",
    "market capitalization",
    "futures",
    "inflation",
    "CPI",
    "GDP",
    "payrolls",
    "unemployment",
    "jobless",
    "retail sales",
    "PCE",
    "PMI",
    "the stock",
    "the shares",
    "its shares",
    "economy",
    "Shanghai",
    "Shenzhen",
    "chipmaker",
    "chipmakers",
    "producer prices",
    "consumer prices",
    "home prices",
    "oil prices",
    "tariffs",
    "tariff",
    "Wall Street futures",
)

#: A company's results and what is said of them: outside an index's data, the very data of
#: an earnings brief.  Which genre holds them outside is the genre's to say
#: (`factcheck.genres`).
COMPANY_RESULTS: Final[tuple[str, ...]] = (
    "earnings",
    "revenue",
    "profit",
    "dividend",
    "dividends",
    "EPS",
    "guidance",
    "forecast",
    "estimate",
    "target",
    "price target",
)

#: Capitalized words that begin a sentence without naming a company ("Stocks rose 1%");
#: month and weekday names are added where this is used (from `extract.MONTHS, WEEKDAYS`).
NOT_NAMES: Final = frozenset(
    {
        "the",
        "a",
        "an",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "stocks",
        "shares",
        "markets",
        "market",
        "investors",
        "traders",
        "prices",
        "trading",
        "index",
        "indices",
        "indexes",
        "benchmark",
        "equities",
        "everything",
        "all",
        "both",
        "each",
        "every",
        "gains",
        "losses",
        "bulls",
        "bears",
        "buyers",
        "sellers",
        "volume",
        "and",
        "but",
        "then",
        "still",
        "even",
        "also",
        "meanwhile",
        "elsewhere",
        "overall",
        "together",
        "sentiment",
        "risk",
        "breadth",
        "small",
        "large",
        "big",
        "tech",
        "technology",
        "among",
        "by",
        "on",
        "in",
        "for",
        "at",
        "after",
        "before",
        "over",
        "from",
        "with",
        "week",
        "day",
        "session",
        "today",
        "yesterday",
        "key",
        "note",
        "why",
        "what",
        "bottom",
        "top",
        "chart",
        "outlook",
        "summary",
        "recap",
        "takeaways",
    }
)


@dataclass(frozen=True, slots=True)
class Column:
    """What the figures under a table header are: the metric (a fact metric, "change" for
    points or percent by the figure's unit, "from_high"), and the period token."""

    metric: str | None
    period: str | None


#: Header words -> period.  The first whose word occurs in a header decides.
COLUMN_PERIODS: Final[tuple[tuple[str, str], ...]] = (
    ("52-week", "52w"),
    ("52-wk", "52w"),
    ("52w", "52w"),
    ("52 week", "52w"),
    ("prior week", "prev"),
    ("previous week", "prev"),
    ("last week", "prev"),
    ("prev close", "prev"),
    ("prior close", "prev"),
    ("prev", "prev"),
    ("prior", "prev"),
    ("ytd", "ytd"),
    ("year to date", "ytd"),
    ("year-to-date", "ytd"),
    ("mtd", "mtd"),
    ("month", "mtd"),
    ("1-day", "day"),
    ("1 day", "day"),
    ("day", "day"),
    ("daily", "day"),
    ("friday", "day"),
    ("fri", "day"),
    ("1-week", "week"),
    ("1 week", "week"),
    ("5-day", "week"),
    ("week", "week"),
    ("weekly", "week"),
    ("wk", "week"),
    ("w/w", "week"),
    ("wow", "week"),
)
#: Header words -> metric.  The first whose word occurs in a header decides.
COLUMN_METRICS: Final[tuple[tuple[str, str], ...]] = (
    ("from high", "from_high"),
    ("off high", "from_high"),
    ("vs high", "from_high"),
    ("open", "open"),
    ("high", "high"),
    ("low", "low"),
    ("close", "close"),
    ("closing", "close"),
    ("last", "close"),
    ("level", "close"),
    ("price", "close"),
    ("value", "close"),
    ("chg", "change"),
    ("change", "change"),
    ("return", "change"),
    ("%", "change"),
    ("pts", "change"),
    ("points", "change"),
    ("gain", "change"),
    ("loss", "change"),
)


def _first(words: str, table: tuple[tuple[str, str], ...]) -> str | None:
    for word, meaning in table:
        if (word in words) if word == "%" else (f" {word} " in words):
            return meaning
    return None


def header_words(header: str) -> Column:
    """The metric and the period a table header's words name, each None where they name
    none ("Wk %" -> change, week; "Close" -> close, no period; "S&P 500" -> neither)."""
    words = f" {' '.join(header.lower().replace('(', ' ').replace(')', ' ').split())} "
    return Column(_first(words, COLUMN_METRICS), _first(words, COLUMN_PERIODS))


def column_meaning(header: str) -> Column | None:
    """What a table header says about the figures under it ("Wk %" -> a weekly change,
    "Friday close" -> the last session's close, "Prior Week" -> the previous close)."""
    return completed(header_words(header))


def completed(column: Column) -> Column | None:
    """A header's words with the metric a period alone implies ("YTD" is a change, "Prior
    Week" the previous close); None when they name neither."""
    metric, period = column.metric, column.period
    if metric is None and period is not None:
        metric = "close" if period == "prev" else "change"
    if metric is None:
        return None
    return Column(metric, period)


# --- periods ---------------------------------------------------------------------------------


class PeriodKind(StrEnum):
    """What a period phrase names (the binder turns each into the brief's period tokens)."""

    WEEK = "week"  # the brief's week: "this week", "over the five sessions"
    WEEKSTART = "weekstart"  # "opened the week": the week's first session
    WEEKEND = "weekend"  # "the final session": the week's last session
    DAY = "day"  # "on the day", "that session": the session the sentence is about
    ANYDAY = "anyday"  # "overnight", "in a single session": some session, whichever
    PREV = "prev"  # the week before: "last week", "the prior Friday"
    PREVCLOSE = "prevclose"  # the previous week's last close, as a base
    YTD = "ytd"  # "so far this year"
    MTD = "mtd"  # "month to date"
    QTD = "qtd"  # "so far this quarter": the binder reads it as the year to date in the
    # first quarter and as the month to date in a quarter's first month (the same change)
    QUARTER = "quarter"  # "for the quarter", "the third quarter": the current quarter to
    # date when the binder finds it is the quarter the brief's last session is in, else none
    QBASE = "qbase"  # "since the end of June": the quarter to date when June ends the
    # quarter before the brief's last session, else a span the brief holds nothing for
    W52 = "w52"  # "one-year", "12-month": the trailing 52 weeks
    NONE = "none"  # a span no brief holds figures for: "the first half", "year on year"


#: The quarters by name, each with its number (0: "the quarter", whichever it is).
QUARTER_SPANS: Final[dict[str, int]] = {
    "quarter": 0,
    "first quarter": 1,
    "second quarter": 2,
    "third quarter": 3,
    "fourth quarter": 4,
}
#: The months that end a quarter, by number, as "since the end of June" names a base.
QUARTER_END_MONTHS: Final[dict[str, int]] = {
    "march": 3,
    "june": 6,
    "september": 9,
    "december": 12,
}


def _quarter_phrases() -> dict[str, str]:
    """The quarter's period phrases (lower case) -> their kind: the quarter so far, a quarter
    by name, and a quarter's last close as a base."""
    out: dict[str, str] = {}
    # the quarter so far, whatever month it is written in
    for phrase in (
        "quarter to date",
        "quarter-to-date",
        "qtd",
        "so far this quarter",
        "so far in the quarter",
        "this quarter",
        "for this quarter",
        "in this quarter",
        "the quarter so far",
        "quarter so far",
        "since the start of the quarter",
        "since the beginning of the quarter",
        "since the quarter began",
        "since the quarter started",
    ):
        out[phrase] = PeriodKind.QTD
    # the last close of a quarter as a base: "since the end of June"
    for month in QUARTER_END_MONTHS:
        for lead in ("since the end of", "since the close of", "from the end of"):
            out[f"{lead} {month}"] = PeriodKind.QBASE
    # a quarter: the current one to date when it is the brief's (the binder decides)
    for lead in ("", "the ", "for the ", "in the ", "over the ", "during the "):
        for span in QUARTER_SPANS:
            out[f"{lead}{span}"] = PeriodKind.QUARTER
    return out


def _period_phrases() -> dict[str, str]:
    """Literal period phrases (lower case) -> the kind of period they name (`PeriodKind`)."""
    out: dict[str, str] = {}
    for adj in ("previous", "prior", "last"):
        for poss in ("'s", "’s", "s", ""):
            for noun in ("close", "closing level", "finish", "final close"):
                for the in ("", "the "):
                    out[f"{the}{adj} week{poss} {noun}"] = PeriodKind.PREVCLOSE
                    out[f"{the}{adj} friday{poss} {noun}"] = PeriodKind.PREVCLOSE
    for phrase in ("previous week", "prior week", "last week", "preceding week", "week before"):
        out[phrase] = PeriodKind.PREV
        out[f"the {phrase}"] = PeriodKind.PREV  # before "the week" can take the first two words
        for poss in ("'s", "’s"):
            out[f"{phrase}{poss}"] = PeriodKind.PREV
            out[f"the {phrase}{poss}"] = PeriodKind.PREV
    for phrase in ("a week earlier", "a week ago", "the week prior", "one week earlier"):
        out[phrase] = PeriodKind.PREV
    # "fell 2.24 per cent overnight": the other market's last session, whichever day it was
    for phrase in ("overnight", "on wall street overnight", "overnight on wall street"):
        out[phrase] = PeriodKind.ANYDAY
    for phrase in ("one-year", "1-year", "12-month", "twelve-month", "annual"):
        out[phrase] = PeriodKind.W52
    for phrase in (
        "year to date",
        "year-to-date",
        "ytd",
        "so far this year",
        "so far in the year",
        "this year",
        "for the year",
        "since the start of the year",
        "since the start of year",
        "since january",
    ):
        out[phrase] = PeriodKind.YTD
    for phrase in (
        "month to date",
        "month-to-date",
        "mtd",
        "so far this month",
        "so far in the month",
        "for the month",
        "this month",
        "in the month",
        "month so far",
    ):
        out[phrase] = PeriodKind.MTD
    for phrase in (
        "on the day",
        "that day",
        "the day",
        "the session",
        "on the session",
        "daily",
        "that afternoon",
        "that morning",
        "that session",
    ):
        out[phrase] = PeriodKind.DAY
    for phrase in (
        "week",
        "weekly",
        "week's",
        "week’s",
        "this week",
        "the week",
        "on the week",
        "over the week",
        "for the week",
        "this week's",
        "the week's",
        "the same week",
        "over the same week",
        "the past week",
        "over the past week",
        "during the week",
        "in the week",
    ):
        out[phrase] = PeriodKind.WEEK
    for n in ("two", "three", "four", "five", "2", "3", "4", "5"):
        for lead in ("the", "over the", "all", "in all", "across the", "during the"):
            out[f"{lead} {n} sessions"] = PeriodKind.WEEK
            out[f"{lead} {n} trading days"] = PeriodKind.WEEK
    for verb in OPEN_VERBS:
        out[f"{verb.word} the week"] = PeriodKind.WEEKSTART
    # periods the brief holds no figures for: a figure about one can only be unsupported
    for lead in ("", "the ", "this ", "for the ", "in the ", "over the ", "during the "):
        for span in (
            "first half",
            "second half",
            "half-year",
            "financial year",
            "fiscal year",
            "course of the financial year",
            "course of the fiscal year",
        ):
            out[f"{lead}{span}"] = PeriodKind.NONE
    # a few sessions or weeks that are not the week: "in just two trading sessions",
    # "in the prior two weeks" (the brief holds the week and the one before, not two back)
    for n in ("two", "three", "2", "3"):
        for lead in ("in", "in just", "in only", "over", "within", "across"):
            for unit in ("sessions", "trading sessions", "days", "trading days"):
                out[f"{lead} {n} {unit}"] = PeriodKind.NONE
        for adj in ("prior", "previous", "past", "last", "preceding"):
            out[f"the {adj} {n} weeks"] = PeriodKind.NONE
    # rolling spans and earlier years: no brief holds their figures
    for phrase in (
        "over the past month",
        "in the past month",
        "over the last month",
        "past month",
        "compared to the same time last year",
        "compared with the same time last year",
        "from the same time last year",
        "from a year ago",
        "from a year earlier",
        "than a year ago",
        "year on year",
        "year-on-year",
        "year over year",
        "year-over-year",
        "over the past year",
        "over the past 12 months",
        "in the past year",
        "last year",
        "from last year",
        "the previous year",
        "the prior year",
        "a year earlier",
    ):
        out[phrase] = PeriodKind.NONE
    for phrase in (
        "a single session",
        "one session",
        "a single day",
        "one day",
        "a single trading day",
        "one trading day",
    ):
        out[phrase] = PeriodKind.ANYDAY
    for phrase in (
        "the final session",
        "the last session",
        "the final trading day",
        "the last trading day",
        "the final day",
        "in the final session",
    ):
        out[phrase] = PeriodKind.WEEKEND  # the week's last session
    for adj in PRIOR_WORDS:
        out[f"{adj} friday"] = PeriodKind.PREV
        out[f"the {adj} friday"] = PeriodKind.PREV
    out.update(_quarter_phrases())
    return out


#: Every period phrase the checker reads, lower case -> its kind.
PERIOD_PHRASES: Final = _period_phrases()

#: "lost ground this week", "fell on Tuesday": a move verb right before its period, no figure.
MOVED_VERBS: Final = pick(
    MOVE_VERBS,
    "rose", "fell", "gained", "lost", "slid", "jumped", "climbed", "dropped", "declined",
    "eased", "surged", "soared", "sank", "tumbled", "plunged", "slipped", "rallied",
    "advanced", "dipped", "retreated", "weakened", "slumped",
)  # fmt: skip
#: ... the words that may stand between ("lost ground", "fell sharply") ...
MOVED_FILLERS: Final = ("ground", "sharply", "slightly", "modestly", "again", "further")
#: ... and the week's phrases it may name.
MOVED_WEEKS: Final = pick(
    PERIOD_PHRASES, "this week", "on the week", "over the week", "for the week", "during the week"
)
#: The same claim in other tenses and with a copula: "has fallen this week", "has been
#: climbing all week", "was higher on the week", "is down for the week".  The auxiliary ...
MOVED_AUXILIARIES: Final = (
    "has been",
    "have been",
    "has",
    "have",
    "had",
    "is",
    "was",
    "are",
    "were",
)
#: ... then one of these (a participle, an -ing form or a direction adjective) ...
MOVED_STATES: Final = pick_rows(
    DIRECTION,
    "risen", "fallen", "sunk", "gained", "lost", "climbed", "dropped", "declined", "slipped",
    "advanced", "rallied", "tumbled", "retreated", "jumped", "surged", "soared", "plunged",
    "weakened", "climbing", "rising", "gaining", "rallying", "advancing", "falling", "sliding",
    "slipping", "declining", "dropping", "losing", "retreating", "higher", "lower", "up", "down",
    "given ground",
)  # fmt: skip
#: ... and the week named ("all week", "since last Friday": the week's change is measured
#: from the last close before it).
MOVED_STATE_WEEKS: Final = (*MOVED_WEEKS, "all week", "since last friday", "since friday")


# --- metrics ---------------------------------------------------------------------------------

#: The fact metrics metric words allow.
#: Level facts are matched by kind: `level_high` (prior week's high, swing highs),
#: `level_low` (prior week's low, swing lows), `level_round` (round numbers); see
#: `match.metric_of`.  Support/resistance words accept any price level.
MA_METRICS: Final = frozenset({"ma", "vs_ma_pct"})
LEVELISH: Final = frozenset(
    {
        "level",
        "level_high",
        "level_low",
        "level_round",
        "high",
        "low",
        "close",
        "close_high",
        "close_low",
        "ma",
        "open",
    }
)
CLOSE_HIGH: Final = frozenset({"close_high"})
CLOSE_LOW: Final = frozenset({"close_low"})
#: Metric words and the fact metrics each allows, in order of precedence (the first row that
#: has a word decides it).
METRIC_WORDS: Final[tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = (
    (
        ("closing high", "highest close", "highest closing", "record close", "best close"),
        CLOSE_HIGH,
    ),
    (("closing low", "lowest close", "lowest closing", "worst close"), CLOSE_LOW),
    (
        ("intraday high", "session high", "peak", "peaked", "highest level", "highest point"),
        frozenset({"high", "level_high"}),
    ),
    (
        ("intraday low", "session low", "lowest level", "lowest point", "trough"),
        frozenset({"low", "level_low"}),
    ),
    (("moving average", "average", "ma", "sma", "dma"), MA_METRICS),
    (
        (
            "support",
            "resistance",
            "level",
            "levels",
            "zone",
            "area",
            "round",
            "ceiling",
            "floor",
            "barrier",
            "mark",
            "threshold",
            "hurdle",
            "handle",
            "pivot",
            "swing",
        ),
        LEVELISH,
    ),
    # An unqualified "high"/"low" is the intraday one (GENRE: the 52-week range is intraday);
    # a closing extreme must be called one ("closing high", "highest close").
    (("high", "highs", "topped out", "top"), frozenset({"high", "level_high"})),
    (("low", "lows", "bottomed", "bottom"), frozenset({"low", "level_low"})),
    (("open", "opened", "opening", "opens"), frozenset({"open"})),
    (
        (
            "close",
            "closed",
            "closes",
            "closing",
            "finished at",
            "finishing at",
            "finish at",
            "finished the week at",
            "finished the day at",
            "finished the session at",
            "settle at",
            "settled at",
            "settling at",
            "ended at",
            "ending at",
            "end at",
            "ends at",
            "ended the week at",
            "ended the day at",
            "ended the session at",
            "finished",
            "settled",
            # the base forms after "did", "did not", "didn't": "did not finish below 2,200"
            "finish",
            "settle",
        ),
        frozenset({"close", "close_high", "close_low"}),
    ),
)


# --- what the worded claims read of the period and metric words ------------------------------

_METRIC: Final = tuple(w for words, _ in METRIC_WORDS for w in words)
#: The period words a pattern spells alone ("ended the week with", "a weekly loss").
WEEK: Final = pick(PERIOD_PHRASES, "week")[0]
WEEKLY: Final = pick(PERIOD_PHRASES, "weekly")[0]
THE_WEEK: Final = pick(PERIOD_PHRASES, "the week")
#: "in positive territory for the year" (and for a year written in digits).
TERRITORY_SPANS: Final = (
    *pick(PERIOD_PHRASES, "this year", "the week", "year to date", "year-to-date", "ytd"),
    "the year",  # not a period phrase: "for the year" is
)
#: "posted a weekly gain", "logged a daily loss", "a weekly close above".
PERIOD_ADJECTIVES: Final = pick(PERIOD_PHRASES, "daily", "weekly")
POSTED_PERIODS: Final = PERIOD_ADJECTIVES
#: "its weekly high", "the week's closing low".
WEEK_EXTREME_PERIODS: Final = pick(PERIOD_PHRASES, "weekly", "week's", "week’s")
#: Which extreme a high or low is: the closing one or the intraday one.
EXTREME_KINDS: Final[tuple[tuple[str, str], ...]] = (
    ("intraday", "intraday"),
    ("session", "intraday"),
    *((w, "close") for w in pick(_METRIC, "closing", "close")),
)
WEEK_EXTREME_KINDS: Final = pick(dict(EXTREME_KINDS), "intraday", "closing")
WEEK_EXTREME_KINDS2: Final = pick(dict(EXTREME_KINDS), "close", "closing", "intraday")
#: Extremes, +1 the top of a range, -1 its bottom ("a weekly high", "the lowest close").
EXTREMES: Final[tuple[tuple[str, int], ...]] = (
    *((w, UP) for w in pick(_METRIC, "high", "peak", "top")),
    *((w, DOWN) for w in pick(_METRIC, "low", "trough", "bottom")),
    ("highest", UP),
    ("lowest", DOWN),
)
EXTREME_HIGH_LOW: Final = pick(dict(EXTREMES), "high", "low")
EXTREME_HIGHEST_LOWEST: Final = pick(dict(EXTREMES), "highest", "lowest")
#: "the highest level of the week".
EXTREME_NOUNS: Final = (*pick(_METRIC, "level"), "point")
#: "gave back all of the prior session's gains", "... all the lost ground".
GAVE_BACK_PRIOR: Final = pick(PRIOR_WORDS, "prior", "previous")
GAVE_BACK_LOST: Final = pick(_NOUNS, "lost ground")


# --- what the binder's patterns read (`factcheck.bind.patterns`) ------------------------------

#: Words that name an index without its name ("the benchmark", "the share market").
INDEX_NOUNS: Final = (
    "index",
    "indices",
    "benchmark",
    "gauge",
    "barometer",
    "measure",
    "market",
    "markets",
    "share market",
    "sharemarket",
    "bourse",
)
#: ... capitalised at the end of a name ("Technology Index", "Transportation Average").
INDEX_TITLES: Final = ("Index", "Average")
#: Words of a level that is a record ("a record close", "an all-time high").
RECORD_WORDS: Final = ("record", "all-time")
#: A record claim without a figure ("closed at a record", "hit an all-time high", "rose 1% to
#: a fresh record close"): what puts the index at the record, the words between it and
#: "record", what may follow "record", and what may follow a bare "record" ("closed at a
#: record on Tuesday"; not "set a record volume").  Held to every close and high the brief
#: holds before the day: a record below one is `contradicted`, and one at or above them all
#: `unsupported` (the data starts on a known day; an all-time record needs all of history).
RECORD_FINISH_VERBS: Final = forms(
    FINISH_VERBS, Form.PAST, Form.ING, Form.THIRD, but=("wrapped up", "wrapping up")
)
RECORD_REACH_VERBS: Final = (
    *REACH_VERBS,
    *pick(RESULT_VERBS, "posted", "recorded", "notched", "logged", "booked", "scored"),
    "marked",
    "marking",
)
RECORD_RISE_VERBS: Final = (
    "rose",
    "rising",
    "climbed",
    "climbing",
    "rallied",
    "rallying",
    "jumped",
    "jumping",
    "surged",
    "surging",
    "advanced",
    "advancing",
    "soared",
    "soaring",
    "gained",
    "gaining",
    "pushed",
    "pushing",
)
RECORD_LEADS: Final = ("a", "an", "another", "fresh", "new")
RECORD_NOUNS: Final = (
    "closing high",
    "closing highs",
    "closing level",
    "closing levels",
    "close",
    "closes",
    "high",
    "highs",
    "peak",
    "peaks",
    "level",
    "levels",
    "territory",
)
RECORD_TAIL_WORDS: Final = (
    "on",
    "for",
    "in",
    "after",
    "as",
    "while",
    "and",
    "with",
    "again",
    "amid",
    "before",
    "despite",
    "today",
    "yesterday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "monday",
)
#: Before a record claim, in its clause: words that deny it, hedge it or make it a prospect
#: ("narrowly missed a record", "shy of a record close", "could hit a record").
RECORD_DENIALS: Final = (
    "not",
    "n't",
    "never",
    "no",
    "failed to",
    "fail to",
    "missed",
    "miss",
    "missing",
    "without",
    "shy of",
    "short of",
    "near",
    "nearly",
    "almost",
    "close to",
    "within",
    "toward",
    "towards",
    "approach",
    "approaching",
    "eyeing",
    "could",
    "would",
    "may",
    "might",
    "if",
    "since",
    "last",
    "previous",
    "prior",
)
#: Words that put a base after them ("up 2% from the prior close", "versus Friday's").
BASE_PREPOSITIONS: Final = ("from", "since", "versus", "vs", "vs.", "compared with", "compared to")
#: The spans the brief holds figures for, as a pattern names them after "the past ..." or
#: "ending the ... at" (the week, its sessions, the Friday).
#: "Last week": the week before the moment of writing, which is the reported week itself in a
#: recap written after it ("rose 1.1% last week"); "the previous week" counts from the
#: reported week, and "this week" says the article was written inside it.
DEICTIC_LAST_WEEK: Final = pick(PERIOD_PHRASES, "last week", "the last week")
THIS_WEEK: Final = pick(PERIOD_PHRASES, "this week")
BRIEF_SPANS: Final = (
    *pick(PERIOD_PHRASES, "week"),
    "session",
    "trading day",
    *pick(dict(COLUMN_PERIODS), "day", "friday"),
)
DAY: Final = pick(BRIEF_SPANS, "day")[0]
FRIDAY: Final = pick(BRIEF_SPANS, "friday")[0]
MA: Final = pick(_METRIC, "ma")[0]
SWING: Final = pick(_METRIC, "swing")[0]
#: The extremes a level is ("the November peak", "10% off its high").
LEVEL_EXTREMES: Final = pick(dict(EXTREMES), "high", "low", "peak", "trough", "top", "bottom")
EXTREME_QUALIFIERS: Final = WEEK_EXTREME_KINDS
#: Superlatives of a move or a level ("the biggest gainer", "the highest close of the week").
SUPERLATIVES: Final = (
    *EXTREME_HIGHEST_LOWEST,
    "best",
    "worst",
    "biggest",
    "largest",
    "strongest",
    "weakest",
    "sharpest",
    "steepest",
)
#: The week ranked in its year (`factcheck.qualitative.WEEK_RANK`): "its best week of the
#: year", "the biggest weekly gain of 2025", "its worst week so far this year".  The
#: superlative says which end ...
WEEK_RANK_BEST: Final = pick(SUPERLATIVES, "best", "biggest", "largest", "strongest")
WEEK_RANK_WORST: Final = pick(SUPERLATIVES, "worst", "weakest", "sharpest", "steepest")
#: ... the noun names the week (a loss noun makes "biggest" the worst end) ...
WEEK_RANK_NOUNS: Final = ("week", "weekly performance", "weekly showing")
WEEK_RANK_GAINS: Final = ("weekly gain", "weekly advance", "weekly rise", "weekly rally")
WEEK_RANK_LOSSES: Final = (
    "weekly loss",
    "weekly decline",
    "weekly drop",
    "weekly fall",
    "weekly slide",
    "weekly selloff",
)
#: ... and the year is named: "of the year", "in 2025", "so far this year".
WEEK_RANK_SPANS: Final = (
    "of the year",
    "of the year so far",
    "so far this year",
    "this year",
    "in the year",
    "of",
    "in",
    "for",
    "so far in",
    "yet in",
)
#: A direction right after a figure ("0.17% higher", "10.06% below its high").
FOLLOW_DIRECTIONS: Final[tuple[tuple[str, int], ...]] = (
    *WAYS,
    *pick_rows(GAP_SIDES, "above", "below", "under", "off", "shy of", "short of"),
    *COMPARATIVES,
    *pick_rows(MOVE_NOUNS, "gain", "gains", "advance", "rise", "jump", "rally", "increase"),
    *pick_rows(MOVE_NOUNS, "climb", "surge", "rebound", "loss", "losses", "drop", "decline"),
    *pick_rows(MOVE_NOUNS, "fall", "dip", "slide", "slip", "decrease", "retreat", "pullback"),
    *pick_rows(MOVE_NOUNS, "plunge", "tumble"),
)
#: After a figure: a total return, which a price index's data cannot settle.
TOTAL_RETURN: Final = (
    "including dividends",
    "includes dividends",
    "with dividends",
    "plus dividends",
    "total return",
    "gross return",
    "accumulation index",
)
#: After a figure: an earlier fall, which no brief figure is ("a 10% correction").
PAST_DECLINES: Final = (
    *pick(_NOUNS, "dip", "selloff", "sell-off"),
    "drawdown",
    "correction",
    "crash",
    "bear market",
)
#: Before a move: one within a session ("briefly rose", "at one point down").
INTRADAY_WORDS: Final = (
    "temporary",
    "temporarily",
    "briefly",
    "at one point",
    "earlier in the session",
    "earlier in the day",
)
#: After a move: a company's results ("drop in net profit").
COMPANY_RESULT_MOVES: Final = pick(
    _NOUNS,
    "drop",
    "rise",
    "fall",
    "increase",
    "decline",
    "slide",
    "jump",
    "gain",
    "surge",
    "plunge",
)
RESULT_NOUNS: Final = ("profit", "earnings", "revenue", "sales", "income", "dividend")
#: Before a figure: a constituent singled out ("the biggest large-cap gainer").
TOP_MOVER_ADJECTIVES: Final = (
    *pick(SUPERLATIVES, "biggest", "best", "worst", "largest", "strongest", "weakest"),
    *pick(LEVEL_EXTREMES, "top"),
)
TOP_MOVERS: Final = (
    "gainer",
    "loser",
    "performer",
    "faller",
    "riser",
    "decliner",
    "mover",
    "drag",
    "laggard",
)
#: "across the preceding Year of the Dragon": a span before the brief ...
PAST_SPAN_ADJECTIVES: Final = (*PRIOR_WORDS, "past")
#: ... unless it is one the brief holds (or a count: "the past five sessions").
PAST_SPAN_HELD: Final = BRIEF_SPANS
#: "rose in every session", "closed lower every day" (and "in all five sessions": their
#: plurals).
EVERY_SPANS: Final = pick(BRIEF_SPANS, "session", "day", "trading day")
#: "since the end of 2024": the base of a year-to-date change.
SINCE_YEAR_END: Final = ("since the end of", "from the end of")
#: "during the month of June".
THE_MONTH_OF: Final = ("the month of",)
#: Right before a level: the finish of a period ("ending the week with a whimper at").
CLOSE_AT_VERBS: Final = forms(FINISH_VERBS, Form.PAST, Form.ING, but=("closed",))
CLOSE_AT_SPANS: Final = pick(BRIEF_SPANS, "week", "day", "session")
#: "the June quarter", "the December half": a span the brief has no figure for.
MONTH_SPANS: Final = (*pick(PERIOD_PHRASES, "quarter"), "half")
#: "ended September with a 3.5% gain", "wrapped up December down 3%": a month as the span a
#: change is over (a finish verb right before its name).
MONTH_FINISH_VERBS: Final = forms(FINISH_VERBS)
#: Before a period phrase: what closes it ("closed out the week").
WEEK_CLOSERS: Final = (
    *forms(FINISH_VERBS, Form.PAST, Form.ING, but=("settled", "settling", "wrapping up")),
    *forms(CAP_VERBS, Form.PAST),
)
#: "from the previous week's close", "versus the prior Friday".
BASE_CLOSE_PREPOSITIONS: Final = (
    *BASE_PREPOSITIONS,
    "on",
    *pick(dict(GAP_SIDES), "above", "below"),
)
BASE_BEFORE_PREPOSITIONS: Final = (*BASE_PREPOSITIONS, "over")
#: "a 3% range", "the weekly trading span".
SPAN_QUALIFIERS: Final = (
    "trading",
    *pick(dict(EXTREME_KINDS), "intraday"),
    *PERIOD_ADJECTIVES,
)
#: The compare verbs as the start of a word ("outpac..." in "outpacing"): what `_COMPARE_VERB_RE`
#: reads between two indices' names.
COMPARE_STEMS: Final = pick(
    dict(COMPARE_VERBS),
    "outpace",
    "outpacing",
    "outperform",
    "underperform",
    "lag",
    "trail",
    "beat",
    "eclipse",
    "eclipsing",
    "top",
    "edged out",
    "edging out",
)
#: Between a figure and what it is about ("a gain of 2% on the week", "record close of").
FOLLOW_GAP_NOUNS: Final = (
    *pick(_NOUNS, "gain", "loss", "drop", "dip", "slip", "rise", "fall", "decline", "advance"),
    *pick(_NOUNS, "rally", "jump", "move", "slide", "climb", "rebound", "bounce", "retreat"),
    *pick(_NOUNS, "increase", "decrease", "surge", "plunge", "tumble", "pullback", "selloff"),
    *pick(_NOUNS, "sell-off", "setback"),
    SWING,
)
FOLLOW_GAP_WAYS: Final = (
    *_WAYS,
    *pick(dict(COMPARATIVES), "ahead"),
    "in front",
    *pick(dict(GAP_SIDES), "above", "below"),
)
FOLLOW_GAP_EXTREME_KINDS: Final = (
    *pick(RECORD_WORDS, "record", "all-time"),
    *pick(dict(EXTREME_KINDS), "closing", "intraday"),
)
FOLLOW_GAP_EXTREMES: Final = (
    *pick(_METRIC, "close"),
    *pick(LEVEL_EXTREMES, "high", "low", "peak", "trough"),
)
#: "set on", "reached on": the day an extreme was made.
SET_ON_VERBS: Final = pick(REACH_VERBS, "set", "reached")
#: Units of a change spelled out ("2.1 percent", "35 points").
PERCENT_WORDS: Final = ("percent", "per cent", "pct")
#: A number written in words with a scale word (`factcheck.worded_numbers`): "two thousand
#: one hundred points", "seven thousand four hundred", "twenty-two thousand five hundred".
NUMBER_WORD_VALUES: Final[tuple[tuple[str, int], ...]] = (
    ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
    ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13),
    ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18),
    ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50),
    ("sixty", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90),
)  # fmt: skip
#: ... its scale words (one of which must be there: "twenty sessions" is a count, not a level)
NUMBER_SCALE_WORDS: Final[tuple[tuple[str, int], ...]] = (
    ("hundred", 100),
    ("thousand", 1000),
    ("million", 1_000_000),
)
#: A percentage written as a fraction (`factcheck.fractions`): "half a percent", "a quarter of
#: a per cent", "three-quarters of one percent" (a space here is any run of spaces or hyphens).
FRACTION_WORDS: Final[tuple[tuple[str, Decimal], ...]] = (
    ("half", Decimal("0.5")),
    ("a half", Decimal("0.5")),
    ("one half", Decimal("0.5")),
    ("a quarter", Decimal("0.25")),
    ("one quarter", Decimal("0.25")),
    ("three quarters", Decimal("0.75")),
    ("a third", Decimal("0.33")),
    ("one third", Decimal("0.33")),
    ("two thirds", Decimal("0.67")),
    ("a tenth", Decimal("0.1")),
    ("one tenth", Decimal("0.1")),
)
POINT_WORDS: Final = (*pick(dict(COLUMN_METRICS), "points"), "point")
PT_WORDS: Final = (*pick(dict(COLUMN_METRICS), "pts"), "pt")
#: Between a change and the year-end base right after it ("0.29% above its 2023 finish").
YEAR_BASE_WAYS: Final = (
    *pick(dict(GAP_SIDES), "above", "below", "under"),
    "over",
    *_WAYS,
    *pick(dict(COMPARATIVES), "ahead", "behind"),
)
#: After a base's possessive: what it is ("the prior week's close", "Friday's settlement").
BASE_NOUNS: Final = (
    *pick(_METRIC, "close", "closing"),
    *pick(forms(FINISH_VERBS), "finish"),
    "settlement",
)
#: "its 2023 finish": the year-end close.
YEAR_END_BASES: Final = (*pick(forms(FINISH_VERBS), "finish", "close"), "closing level", "year-end")
#: After "it": a move or a state, which makes "it" the index named last ("it rose", "it sits").
IT_MOVES: Final = (
    *pick(_DIRECTION_WORDS, "rose", "fell", "gained", "lost", "added", "shed", "slid", "jumped"),
    *pick(_DIRECTION_WORDS, "climbed", "dropped", "slipped", "rallied", "dipped", "declined"),
    *pick(_DIRECTION_WORDS, "advanced", "rebounded", "sank", "tumbled", "plunged", "surged"),
    *pick(_DIRECTION_WORDS, "soared", "eased"),
    *pick(forms(FINISH_VERBS), "closed", "finished", "ended"),
    *pick(REACH_VERBS, "touched", "hit"),
    *pick(forms(OPEN_VERBS), "opened"),
)
#: ", which rose": a move after a company's name; "a 16.9 per cent slide".
MOVE_AFTER_NAME_FINISHES: Final = pick(forms(FINISH_VERBS), "finished", "ended", "closed")
MOVE_AFTER_NAME_NOUNS: Final = pick(
    _NOUNS, "slide", "drop", "fall", "gain", "rise", "jump", "plunge", "surge", "rally"
) + pick(_NOUNS, "decline", "advance")
#: "the 4.66% advance in the S&P 500": the index after the figure is the one it is about.
MOVE_IN_NOUNS: Final = pick(
    _NOUNS, "advance", "gain", "rise", "jump", "rally", "drop", "decline", "loss", "fall"
) + pick(_NOUNS, "slide", "move", "increase", "decrease", "retreat", "rebound")
#: Before a level that is an extreme of an unstated period ("the old record high").
EXTREME_BEFORE_EXTREMES: Final = pick(LEVEL_EXTREMES, "high", "peak", "top", "low", "bottom")
PEAK_CLOSE: Final = f"{pick(LEVEL_EXTREMES, 'peak')[0]} {pick(_METRIC, 'close')[0]}"
#: "A close above 39,105", "a break below 38,000": a level to watch, not a close.
CONDITIONAL_MOVES: Final = (
    *pick(_METRIC, "close"),
    "break",
    *pick(_NOUNS, "move", "drop"),
    "push",
    *pick(tuple(w.word for w in STREAK_WORDS), "run"),
)
CONDITIONAL_SIDES: Final = (
    *pick(dict(GAP_SIDES), "above", "below", "under"),
    "over",
    "beyond",
    "through",
    "toward",
    "towards",
)
#: "about 19% of S&P 500 market value": a share of something, not a change.
SHARE_OF_WHOLES: Final = (
    *pick(OUTSIDE, "market value", "volume", "turnover"),
    "weight",
    "weighting",
    *pick(_NOUNS, "gain", "gains", "losses"),
    "shares",
    "stocks",
    "companies",
    "members",
    "constituents",
    *pick(INDEX_NOUNS, "index"),
)
#: One-word moves, by which a title-case headline's name ends ("... Garden Falls More Than").
TITLE_MOVES: Final = (
    *(v for v in MOVE_VERBS if " " not in v),
    *pick(_DIRECTION_WORDS, "gains", "drops"),
)
#: The names of the selections above as the binder's patterns spell them.
WAY_WORDS: Final = _WAYS
UP_DOWN: Final = pick(_WAYS, "up", "down")
CHANGE_UNITS: Final = (*PERCENT_WORDS, *POINT_WORDS)
CHAIN_RECORD: Final = pick(RECORD_WORDS, "record")
TO_END_EXTREMES: Final = pick(LEVEL_EXTREMES, "high")
BASE_CLOSE_NOUN: Final = pick(_METRIC, "close", "closing")
OR_LINK_NOUNS: Final = pick(_NOUNS, "move")
SUPERLATIVE_SCOPE: Final = (
    *SUPERLATIVES,
    *pick(LEVEL_EXTREMES, "high", "low", "top", "bottom", "peak"),
)
INDEX_NOUN: Final = pick(INDEX_NOUNS, "index")
BRACKETED_INDEX: Final = (*pick(INDEX_TITLES, "Index"), *INDEX_NOUN)
GENERIC_INDEX_NOUNS: Final = pick(INDEX_NOUNS, "index", "benchmark", "gauge", "barometer")
GENERIC_MARKET_NOUNS: Final = pick(
    INDEX_NOUNS, "measure", "share market", "sharemarket", "market", "bourse"
)
ANOTHER_SUBJECT_WORDS: Final = (
    *pick(INDEX_NOUNS, "market", "markets", "index", "indices", "benchmark", "bourse"),
    "shares",
    "stocks",
)
EXTREME_LEVEL_NOUNS: Final = (*LEVEL_EXTREMES, *pick(_METRIC, "close"))
MA_SPANS: Final = pick(BRIEF_SPANS, "day", "session")
YEAR_SPAN_WORDS: Final = pick(PERIOD_PHRASES, "12-month")
METRIC_GAP_KINDS: Final = pick(dict(EXTREME_KINDS), "intraday", "closing", "session")
DISTANCE_KINDS: Final = (
    *pick(_METRIC, "moving average", "average"),
    *LEVEL_EXTREMES,
    *pick(RECORD_WORDS, "record"),
    f"{pick(RECORD_WORDS, 'all-time')[0]} {pick(LEVEL_EXTREMES, 'high')[0]}",
)
DISTANCE_CLOSE: Final = pick(_METRIC, "close")
DISTANCE_LABEL_SIDES: Final = (
    "distance from",
    *pick(dict(GAP_SIDES), "below", "off", "under", "above"),
    "from",
    "over",
)
EXTREME_BEFORE_KINDS: Final = (
    *pick(RECORD_WORDS, "record"),
    *pick(dict(EXTREME_KINDS), "intraday", "closing"),
)


# --- what the streak readers read (`factcheck.streak_counts`, `factcheck.streak_judges`) -----

_STREAK: Final = tuple(s.word for s in STREAK_WORDS)
#: The spans a streak counts ("three straight weekly gains", "a 4-day rally").
STREAK_UNITS: Final = (
    *PERIOD_ADJECTIVES,
    *pick(BRIEF_SPANS, "week", "session", "day"),
    "trading day",
)
#: What a streak's count is of, right after it ("five straight gains", "3 down days").
STREAK_KINDS: Final = (
    *pick(_STREAK, "winning", "losing", "gain", "gains", "loss", "losses", "advance"),
    *pick(_STREAK, "advances", "decline", "declines", "rise", "rises", "fall", "falls"),
    *pick(_STREAK, "up", "down", "higher", "lower", "streak"),
)
STREAK_KIND_UNITS: Final = pick(BRIEF_SPANS, "session", "day", "week")
#: A streak of sessions rather than weeks ("a daily losing streak", "three trading days").
STREAK_DAILY: Final = pick(PERIOD_ADJECTIVES, "daily")
STREAK_DAY_UNITS: Final = EVERY_SPANS
#: Before a streak count: the streak ended ("ending a", "snapped its", "broke a").
STREAK_ENDERS: Final = (
    *pick(forms(FINISH_VERBS), "end", "ends", "ended", "ending"),
    *forms(STREAK_BREAK_VERBS),
)


# --- the words of the other readers -----------------------------------------------------------

#: A market closed on a day ("the Good Friday holiday", "was closed on Monday").
CLOSURE_WORDS: Final = (
    "holiday",
    *(f"{v} {p}" for v in pick(forms(FINISH_VERBS), "closed") for p in ("on", "for")),
    "shut",
    "no trading",
    "did not trade",
    f"{pick(INDEX_NOUNS, 'market')[0]} closure",
    *(f"{b} {v}" for b in ("were", "was") for v in pick(forms(FINISH_VERBS), "closed")),
)
#: What ends an index's name ("the Nasdaq Composite", "Dow Jones Industrial Average").
INDEX_TRAILERS: Final = (
    *INDEX_NOUN,
    *(t.lower() for t in pick(INDEX_TITLES, "Average")),
    "composite",
)
#: "close" as a fact's label writes it ("the week vs Fri Aug 1's close").
CLOSE_WORD: Final = pick(_METRIC, "close")[0]
#: A change measured from a level (`factcheck.bind.pairing`): "rebounded 9.1% from its
#: intraday low of", "above that mark", "From the May 17 record close: -3.01%".
GAP_LEVEL_NOUNS: Final = (
    *pick(LEVEL_EXTREMES, "low", "high"),
    CLOSE_WORD,
    *pick(LEVEL_EXTREMES, "peak", "trough"),
    *pick(RECORD_WORDS, "record"),
    *pick(_METRIC, "level"),
    *pick(LEVEL_EXTREMES, "bottom", "top"),
)
GAP_OVER: Final = ("over", *pick(dict(GAP_SIDES), "above"))
GAP_THAT_NOUNS: Final = (
    *pick(_METRIC, "level", "mark"),
    *pick(LEVEL_EXTREMES, "peak", "high"),
    CLOSE_WORD,
    *pick(RECORD_WORDS, "record"),
    *pick(LEVEL_EXTREMES, "top", "low"),
)
GAP_LABELS: Final = ("from", "vs", "vs.", "versus", *pick(dict(GAP_SIDES), "off"), "distance from")
#: Where an article says which week it is about (`factcheck.locate`): "week ending Aug 8".
WEEK_END_VERBS: Final = pick(forms(FINISH_VERBS), "ending", "ended", "ends")
#: "its last trading day of 2025", "the final session of the year".
YEAR_END_LAST: Final = (*pick(PRIOR_WORDS, "last"), "final")
YEAR_END_SPANS: Final = pick(BRIEF_SPANS, "day", "session")
TERRITORY_YEAR: Final = pick(TERRITORY_SPANS, "the year")
FINAL_TRADING_DAY: Final = (f"{pick(YEAR_END_LAST, 'final')[0]} {DAY} of trading",)
#: A week a daily wrap mentions for something else: an economic release ("weekly jobless
#: claims") or what is still to come ("the week ahead", "later this week").
OTHER_WEEKS: Final = (
    *(f"{WEEKLY} {w}" for w in ("jobless", "unemployment", "initial")),
    *(f"{w} claims" for w in pick(OUTSIDE, "jobless", "unemployment")),
    f"{WEEK} ahead",
    f"next {WEEK}",
    *(f"{w} this {WEEK}" for w in ("later", "earlier")),
    f"coming {WEEK}",
    *(f"{w} {t}" for w in (WEEK, f"{WEEK}s") for t in ("ago", "earlier")),
)
#: "gave back all of the prior session's gains".
GAVE_BACK_SESSION: Final = pick(BRIEF_SPANS, "session")


# --- hedges ------------------------------------------------------------------------------------


class Hedge(StrEnum):
    """How a writer qualified a figure; each maps to one tolerance rule in `written_matches`."""

    EXACT = "exact"
    APPROXIMATE = "approximate"  # about, approximately, roughly, around, some
    NEARLY = "nearly"  # nearly, almost, just under, close to, shy of
    JUST_OVER = "just_over"  # just over, just above, slightly more than
    MORE_THAN = "more_than"  # more than, over, above, in excess of
    LESS_THAN = "less_than"  # less than, under, below
    AT_LEAST = "at_least"
    AT_MOST = "at_most"  # up to, as much as, no more than
    ABOVE = "above"  # a price level relation: "dipped below 4,900", "closed above 22,500"
    BELOW = "below"


#: Words before a figure that qualify it ("just under" wins over "under": it starts first).
HEDGE_WORDS: Final[tuple[tuple[str, Hedge], ...]] = (
    ("slightly more than", Hedge.JUST_OVER),
    ("a little more than", Hedge.JUST_OVER),
    ("slightly less than", Hedge.NEARLY),
    ("a little less than", Hedge.NEARLY),
    ("just shy of", Hedge.NEARLY),
    ("just below", Hedge.NEARLY),
    ("just under", Hedge.NEARLY),
    ("just over", Hedge.JUST_OVER),
    ("just above", Hedge.JUST_OVER),
    ("in excess of", Hedge.MORE_THAN),
    ("more than", Hedge.MORE_THAN),
    ("upwards of", Hedge.MORE_THAN),
    ("north of", Hedge.MORE_THAN),
    ("less than", Hedge.LESS_THAN),
    ("no more than", Hedge.AT_MOST),
    ("as much as", Hedge.AT_MOST),
    ("up to", Hedge.AT_MOST),
    ("at most", Hedge.AT_MOST),
    ("at least", Hedge.AT_LEAST),
    ("no less than", Hedge.AT_LEAST),
    ("close to", Hedge.NEARLY),
    ("shy of", Hedge.NEARLY),
    ("nearly", Hedge.NEARLY),
    ("almost", Hedge.NEARLY),
    ("approximately", Hedge.APPROXIMATE),
    ("approx.", Hedge.APPROXIMATE),
    ("about", Hedge.APPROXIMATE),
    ("around", Hedge.APPROXIMATE),
    ("roughly", Hedge.APPROXIMATE),
    ("some", Hedge.APPROXIMATE),
    ("near", Hedge.APPROXIMATE),
    ("circa", Hedge.APPROXIMATE),
    ("~", Hedge.APPROXIMATE),
    ("over", Hedge.MORE_THAN),
    ("above", Hedge.MORE_THAN),
    ("under", Hedge.LESS_THAN),
    ("below", Hedge.LESS_THAN),
)
#: The figure readers' words (`factcheck.figures`): "2% above the 50-day", "a low of 4,900".
CHANGE_UNITS_AFTER: Final = (*POINT_WORDS, *pick(PT_WORDS, "pts"))
LEVEL_RELATIONS: Final = (*pick(dict(GAP_SIDES), "above", "below", "under", "beneath"), "over")
#: A bare 19xx/20xx number is a year ("its 2024 close", "since 2021") unless a verb that
#: puts an index somewhere and one of these words stand right before it: "closed the week at
#: 2050", "fell to 1985", "hit 2010" (the Russell closed between 1,900 and 2,099 on a third of
#: its sessions, so a level written without a separator must not pass as a year).
YEAR_AS_LEVEL_VERBS: Final = (
    *forms(FINISH_VERBS),
    *MOVE_VERBS,
    *REACH_VERBS,
    "traded",
    "trading",
    "stood",
    "stands",
)
YEAR_AS_LEVEL_PREPOSITIONS: Final = (
    "at",
    "to",
    *pick(dict(GAP_SIDES), "above", "below", "under"),
    "near",
    "around",
    "over",
    "past",
)
#: After a year-like number: what makes it a year even after such a verb ("rose to 2021 levels",
#: "fell to 2020's lows").
YEAR_AS_LEVEL_NOT_BEFORE: Final = ("levels", "level", "highs", "lows", "high", "low", "peak")
#: A figure denied ("did not close at 2,281.42", "is not above 2,400", "never hit 2,500",
#: "rose 3%, not 2%"): one of these, then at most a verb of `DENIED_VERBS`, a span of
#: `DENIED_SPANS` and words of `DENIED_LEADS`, then the figure.  Nothing else may stand
#: between: "could not hold gains of 2.38%" denies the holding, not the gain.  "Hold", "stay"
#: and "remain" are no such verbs: "fails to hold 2,300" names a level it traded through.
#: ("n't" is read glued to its verb: "didn't", "wasn’t").
NEGATIONS: Final = ("not", "never", "no longer", "failed to", "fails to", "n't", "n’t")
DENIED_VERBS: Final = (
    *forms(FINISH_VERBS, Form.BASE, Form.PAST),  # "did not close", "never closed"
    *MOVE_VERBS,  # "never fell below"
    *REACH_VERBS,
    "traded",
    "be",
    "rise",
    "fall",
    "gain",
    "lose",
    "add",
    "shed",
    "climb",
    "drop",
    "decline",
    "slip",
    "slide",
    "sink",
    "jump",
    "surge",
    "soar",
    "advance",
    "retreat",
    "rally",
    "tumble",
    "ease",
    "move",
    "change",
    "trade",
    "top",
    "hit",
    "reach",
    "touch",
    "break",
    "breach",
    "cross",
    "surpass",
    "exceed",
)
DENIED_SPANS: Final = (
    "the week",
    "the day",
    "the session",
    "the year",
    "on the week",
    "on the day",
    "for the week",
    "for the day",
)
DENIED_LEADS: Final = (
    "above",
    "below",
    "under",
    "over",
    "at",
    "to",
    "by",
    "past",
    "beyond",
    "more than",
    "less than",
    "as much as",
    "as high as",
    "as low as",
    "even",
    "quite",
    "a",
    "an",
)
#: "The Russell 2000 is above 2,400", "sits below 5,000": where an index stands now, which is
#: its last close (not a high of some period above the level).
STANDING_VERBS: Final = ("is", "are", "stands", "sits", "remains", "stays", "is still", "is now")
RANGE_LOW: Final = pick(LEVEL_EXTREMES, "low")
#: "the range of 2,200 to 2,250", "a zone from 4,900 through 5,000": a range, not a move.
RANGE_NOUNS: Final = ("range", "ranged", *pick(_METRIC, "zone", "area"), "band", "region")
#: The word a compact table's column title ends with ("Weekly Change", "Closing Price").
COLUMN_TITLE_ENDS: Final = pick(
    dict(COLUMN_METRICS),
    "close",
    "change",
    "chg",
    "price",
    "level",
    "return",
    "pts",
    "points",
    "high",
    "low",
    "open",
)
#: After a count, the unit that makes it part of a name ("the 50-day average", "a 2-year
#: high"), unless a streak word follows (`factcheck.extract.NAME_DIGITS_RE`).
NAME_UNITS: Final = (
    *pick(BRIEF_SPANS, "week", "day", "session"),
    *pick(dict(COLUMN_PERIODS), "month"),
    "year",
    "weeks",
    "days",
    "yr",
    "yrs",
    *pick(dict(COLUMN_PERIODS), "wk"),
    "wks",
    "mo",
)
#: ... and the nouns after "N-" that name a thing's size ("a 30-stock index", "a 10-year").
NAME_COUNT_NOUNS: Final = (
    "stock",
    "member",
    "company",
    "share",
    "year",
    *pick(dict(COLUMN_PERIODS), "month"),
)


# --- index names with their digits ---------------------------------------------------------

#: Index names whose digits are part of the name ("Russell 2000", "S&P/ASX 200"), lower case,
#: as the masking of names' digits (`factcheck.extract`) and compact tables' row labels
#: (`factcheck.compact_table`) read them.  A space matches the run of blanks each allows.
DIGIT_INDEX_NAMES: Final = (
    *(f"russell {n}" for n in ("1000", "2000", "3000")),
    *(f"s&p{asx} {n}" for asx in ("", "/asx") for n in ("500", "400", "600", "100", "200")),
    "asx 200",
    "asx200",
    "ftse 100",
    "ftse 250",
    *(n.lower() for n in pick(OUTSIDE, "Nikkei 225", "CAC 40")),
    "dax 40",
)
#: ... with one blank or a hyphen between name and digits ("Nasdaq-100").
DIGIT_INDEX_NAMES_HYPHENATED: Final = ("nasdaq 100",)
#: ... read only as masking reads them: "S&P/ASX 300", "Euro Stoxx 50"; "Hang Seng Tech 30".
MASKED_DIGIT_NAMES: Final = (
    *(f"s&p{asx} 300" for asx in ("", "/asx")),
    *(n.lower() for n in pick(OUTSIDE, "Euro Stoxx 50")),
    "eurostoxx 50",
)
NUMBERED_OUTSIDE_NAMES: Final = tuple(
    n.lower()
    for n in pick(OUTSIDE, "Hang Seng Tech", "Hang Seng China Enterprises", "Hang Seng Composite")
)
#: ... read only as table labels read them: "STOXX 600".
LABEL_DIGIT_NAMES: Final = ("stoxx 600",)


# --- a model's chat around an article (the form check's `chat` rule) -------------------------

#: A reply that opens by agreeing ("Sure, ...", "Of course! ..."): with a comma or "!".
CHAT_ASSENTS: Final = ("sure", "certainly", "of course")
#: A reply that opens by talking to the requester about the article.
CHAT_OPENERS: Final = (
    "as an ai",
    "i hope this",
    "let me know",
    "i have written",
    "i have drafted",
    "i have revised",
    "i've written",
    "i've drafted",
    "i've revised",
    "below is",
)
#: Labels at a line's start, of a chat transcript's roles or a note to the requester
#: ("assistant: ...", "Note: ...").
CHAT_LABELS: Final = ("user", "assistant", "system", "note")


# --- money (the shared reader) and company results (the earnings genre) ----------------------

#: Scale words after a money figure, with the power of ten each multiplies by ("$21.45
#: billion", "$3.2bn", "$305.9 mln", "$1.1B").  The one-letter rows are read only against the
#: number ("$1.1B"), the words after a blank too.
MONEY_SCALES: Final[tuple[tuple[str, int], ...]] = (
    ("trillion", 12),
    ("billion", 9),
    ("million", 6),
    ("thousand", 3),
    ("tn", 12),
    ("bn", 9),
    ("bln", 9),
    ("mn", 6),
    ("mln", 6),
    ("m", 6),
    ("b", 9),
    ("k", 3),
)
#: Scales written in capitals: one letter against the number ("$1.1B", "$850M"), or a word
#: or abbreviation capitalised ("$11.96 Bln", "$100 Billion" in a headline).
MONEY_SCALE_LETTERS: Final[tuple[tuple[str, int], ...]] = (
    ("B", 9),
    ("M", 6),
    ("K", 3),
    ("Bln", 9),
    ("Mln", 6),
    ("Bn", 9),
    ("Mn", 6),
    ("Trillion", 12),
    ("Billion", 9),
    ("Million", 6),
)
#: Cents after a number: "74 cents" is $0.74.
CENT_WORDS: Final = ("cents", "cent")


#: A company's shares ("BHP shares fell", "shares of Apple").
SHARE_NOUNS: Final = ("shares", "stock")


class ResultMetric(StrEnum):
    """What a word of an earnings story says a figure is (`EARNINGS_METRICS`)."""

    REVENUE = "revenue"
    NET_INCOME = "net_income"
    EPS = "eps"  # per share: diluted unless a basis word says otherwise
    OPERATING_INCOME = "operating_income"
    GROSS_PROFIT = "gross_profit"
    PRICE = "price"  # the share price, or the index level
    OUTSIDE = "outside"  # a figure no earnings brief holds: a margin, guidance, a dividend


#: Metric words of an earnings story: (phrase, metric, sign).  The sign is the result's the
#: word states: -1 for a loss ("net loss", "lost"), +1 for a profit ("profit", "earned"), 0
#: for a word that says none ("net income", "revenue").
EARNINGS_METRICS: Final[tuple[tuple[str, ResultMetric, int], ...]] = (
    *(
        (w, ResultMetric.REVENUE, 0)
        for w in ("revenue", "revenues", "sales", "net sales", "total revenue", "top line")
    ),
    *(
        (w, ResultMetric.NET_INCOME, 0)
        for w in ("net income", "earnings", "net earnings", "bottom line")
    ),
    *(
        (w, ResultMetric.NET_INCOME, +1)
        for w in ("profit", "profits", "net profit", "earned", "a profit")
    ),
    *(
        (w, ResultMetric.NET_INCOME, -1)
        for w in ("loss", "losses", "net loss", "lost", "a loss", "net losses")
    ),
    *(
        (w, ResultMetric.EPS, 0)
        for w in (
            "per share",
            "a share",
            "eps",
            "earnings per share",
            "diluted earnings per share",
            "income per share",
        )
    ),
    ("loss per share", ResultMetric.EPS, -1),
    ("profit per share", ResultMetric.EPS, +1),
    *(
        (w, ResultMetric.OPERATING_INCOME, 0)
        for w in ("operating income", "income from operations")
    ),
    ("operating profit", ResultMetric.OPERATING_INCOME, +1),
    ("operating loss", ResultMetric.OPERATING_INCOME, -1),
    ("gross profit", ResultMetric.GROSS_PROFIT, 0),
    *(
        (w, ResultMetric.PRICE, 0)
        for w in (*SHARE_NOUNS, "share price", "stock price", "closed at", "index")
    ),
    *(
        (w, ResultMetric.OUTSIDE, 0)
        for w in (
            "margin",
            "gross margin",
            "operating margin",
            "net margin",
            "tax rate",
            "cash flow",
            "free cash flow",
            "guidance",
            "outlook",
            "dividend",
            "buyback",
            "buybacks",
            "repurchases",
            "capital expenditure",
            "capital expenditures",
            "capex",
            "fine",
            "charge",
            "backlog",
            "retention rate",
            "traffic acquisition costs",
        )
    ),
)
#: A per-share amount's unit after the figure ("$1.40 per share", "74 cents a share").
PER_SHARE: Final = tuple(w for w, m, _ in EARNINGS_METRICS if w in ("per share", "a share"))


class ResultBasis(StrEnum):
    """The basis a word puts a result on (`EARNINGS_BASES`)."""

    ADJUSTED = "adjusted"  # the vendor's adjusted (non-GAAP) figure
    GAAP = "gaap"  # as filed
    BASIC = "basic"  # basic rather than diluted EPS
    ESTIMATE = "estimate"  # the analysts' consensus
    INCL_NCI = "incl_nci"  # net income including noncontrolling interests
    FIRST_REPORT = "first_report"  # a year-ago figure as first reported
    RESTATED = "restated"  # a year-ago figure as the quarter's filing restates it


#: Words that put the figure after them on a basis: adjusted, GAAP, basic, the estimate, or
#: net income including noncontrolling interests.
EARNINGS_BASES: Final[tuple[tuple[str, ResultBasis], ...]] = (
    *(
        (w, ResultBasis.ADJUSTED)
        for w in (
            "adjusted",
            "non-gaap",
            "excluding items",
            "excluding",
            "stripping out",
            "strips out",
            "one-time items",
            "adjusted basis",
            "excluding one-time items",
            "excluding certain items",
            "before one-time items",
            "on an adjusted basis",
            "core",
        )
    ),
    *((w, ResultBasis.GAAP) for w in ("gaap", "diluted", "reported")),
    ("basic", ResultBasis.BASIC),
    *(
        (w, ResultBasis.ESTIMATE)
        for w in (
            "estimate",
            "estimates",
            "estimated",
            "expected",
            "expecting",
            "consensus",
            "forecast",
            "forecasts",
            "forecasting",
            "analysts",
            "expectations",
            "projected",
            "called for",
            "surprise",
            "earnings surprise",
        )
    ),
    *(
        (w, ResultBasis.FIRST_REPORT)
        for w in (
            "first reported",
            "originally reported",
            "as first reported",
            "initially reported",
        )
    ),
    *((w, ResultBasis.RESTATED) for w in ("restated", "as restated", "split-adjusted")),
    *(
        (w, ResultBasis.INCL_NCI)
        for w in (
            "noncontrolling interests",
            "non-controlling interests",
            "noncontrolling interest",
            "minority interests",
            "minority interest",
        )
    ),
)


class ResultPeriod(StrEnum):
    """The period a phrase of an earnings story puts a figure in (`EARNINGS_PERIODS`)."""

    YEAR_AGO = "year_ago"
    PREVIOUS = "previous"  # the quarter before
    YTD = "ytd"
    TWELVE_MONTHS = "12m"
    AHEAD = "ahead"  # the outlook: a quarter or year to come, no figure of the brief


#: Period phrases of an earnings story.
EARNINGS_PERIODS: Final[tuple[tuple[str, ResultPeriod], ...]] = (
    *(
        (w, ResultPeriod.YEAR_AGO)
        for w in (
            "a year earlier",
            "a year ago",
            "a year before",
            "year-ago",
            "year ago",
            "year earlier",
            "the same quarter last year",
            "the same quarter a year earlier",
            "the same period last year",
            "the same period a year earlier",
            "the year-earlier quarter",
            "the prior-year quarter",
            "the prior-year period",
            "prior-year",
            "year-over-year",
            "year over year",
            "year-on-year",
            "from last year",
            "last year",
            "last year's",
            "the prior year's",
            "prior year",
        )
    ),
    *(
        (w, ResultPeriod.PREVIOUS)
        for w in (
            "the previous quarter",
            "the prior quarter",
            "the preceding quarter",
            "the quarter before",
            "last quarter",
            "sequentially",
            "sequential",
            "quarter-over-quarter",
            "quarter over quarter",
            "quarter-on-quarter",
            "a quarter ago",
            "a quarter earlier",
            "in the quarter before",
            "the previous quarter's",
        )
    ),
    *(
        (w, ResultPeriod.YTD)
        for w in (
            "since the start of the year",
            "since the beginning of the year",
            "so far this year",
            "year to date",
            "year-to-date",
            "this year",
        )
    ),
    *(
        (w, ResultPeriod.TWELVE_MONTHS)
        for w in (
            "over the past 12 months",
            "over the last 12 months",
            "in the past 12 months",
            "in the last 12 months",
            "past 12 months",
            "last 12 months",
            "in the last year",
            "in the past year",
            "over the past year",
            "over the last year",
            "12-month",
            "one-year",
            "over twelve months",
            "over the past twelve months",
            "over the last twelve months",
            "the trailing twelve months",
            "the trailing 12 months",
            "over 12 months",
            "twelve-month",
        )
    ),
    *(
        (w, ResultPeriod.AHEAD)
        for w in (
            "the current quarter",
            "the coming quarter",
            "the next quarter",
            "the quarter ending",
            "for the quarter ending",
            "current fiscal year",
            "the coming year",
            "full-year",
            "full year",
            "expects",
            "guided",
            "guidance",
            "outlook",
            "plus or minus",
            "forecast revenue",
            "forecast earnings",
            "a forecast for",
        )
    ),
)

#: Words before a figure that make it the base of a comparison ("up from $81.8 billion",
#: "compared with 63 cents"): the year-ago quarter's unless a period phrase says otherwise.
EARNINGS_BASE_WORDS: Final = (
    "from",
    "compared with",
    "compared to",
    "versus",
    "vs.",
    "against",
    "below",
    "above",
    "compares with",
    "compares to",
)
#: Base words that are a bound when a result word stands right before them: "revenue above
#: $100 billion" says the quarter's revenue passed the sum, not that a base was $100 billion.
RESULT_BOUNDS: Final = pick(EARNINGS_BASE_WORDS, "above", "below")

#: Verdicts on the analysts' estimate: +1 beat, -1 missed, 0 matched.  Read only with an
#: estimate word after them ("topped Wall Street expectations").
ESTIMATE_VERDICTS: Final[tuple[tuple[str, int], ...]] = (
    *(
        (w, +1)
        for w in (
            "beat",
            "beats",
            "beating",
            "topped",
            "tops",
            "topping",
            "surpassed",
            "surpasses",
            "surpassing",
            "exceeded",
            "exceeds",
            "exceeding",
            "ahead of",
            "better than",
        )
    ),
    *(
        (w, -1)
        for w in (
            "missed",
            "misses",
            "missing",
            "fell short of",
            "falls short of",
            "falling short of",
            "short of",
            "worse than",
        )
    ),
    *((w, 0) for w in ("matched", "met", "in line with")),
)

#: Quarter ordinals ("fiscal third quarter", "third-quarter").
QUARTER_ORDINALS: Final[tuple[tuple[str, int], ...]] = (
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
)
#: The word that makes a quarter label a fiscal one ("fiscal Q3", "FY2024").
FISCAL_WORDS: Final = ("fiscal",)
#: Words that deny the result word after them ("does not turn a GAAP profit").
RESULT_NEGATIONS: Final = ("not", "no", "never", "without", "n't")
#: The outlook as the subject of a beat/miss word ("forecast tops estimates", "guidance
#: beats"): a verdict on what the company expects, which no brief holds.
OUTLOOK_NOUNS: Final = ("forecast", "forecasts", "outlook", "guidance", "projection", "projections")
#: A participle right after a past figure that says it is the figure as reported then ("from
#: $3.05 billion reported for the second quarter of 2018"): its first report, not a restatement.
REPORTED_PARTICIPLES: Final = ("reported",)
#: Words that put the result word after them before the quarter ("after two quarters of
#: losses", "reversing a loss", "ending a run of losses"): no claim on the quarter's sign.
PAST_RESULT_LEADS: Final = (
    "after",
    "following",
    "reversing",
    "reversed",
    "ending",
    "ended",
    "snapping",
    "snapped",
    "from",
)
#: Counts that stand before these nouns are no money figures ("10 analysts").
COUNT_NOUNS: Final = ("analysts", "analyst", "brokerages", "months", "weeks", "days")
#: A part of a company's business: its revenue ("data center revenue", "sales of the iPhone",
#: "product revenue") is a segment line, which no earnings brief holds: never the total.
SEGMENT_WORDS: Final = (
    "product",
    "products",
    "services",
    "service",
    "subscription",
    "cloud",
    "google cloud",
    "data center",
    "data centers",
    "gaming",
    "automotive",
    "energy",
    "advertising",
    "ad",
    "search",
    "youtube",
    "iphone",
    "the iphone",
    "ipad",
    "mac",
    "wearables",
    "hardware",
    "software",
    "licensing",
    "streaming",
    "international",
    "segment",
    "division",
    "business",
)
#: The revenue words a segment is said with.
SEGMENT_REVENUE: Final = ("revenue", "revenues", "sales")

#: The noun of a quarter label ("third quarter", "the June quarter").
QUARTER_NOUNS: Final = ("quarter",)
#: A period a round sum describes ("its first $100 billion quarter", "a $1 billion year"): a
#: milestone, the period's revenue at or past the sum.
MILESTONE_PERIODS: Final = (*QUARTER_NOUNS, "year")
#: A result that passed a round sum: "revenue topped $100 billion" says more than $100 billion,
#: no nearness to it (an earnings figure after one of these is a lower bound).
CROSSING_VERBS: Final = (
    "topped",
    "tops",
    "exceeded",
    "exceeds",
    "surpassed",
    "surpasses",
    "crossed",
    "eclipsed",
)
#: A quarter named by when it ended (Zacks' "the quarter ended July 2022"): the verbs.
QUARTER_ENDED: Final = ("ended", "ending", "ends", "that ended")
#: After "first quarter", what makes it a count of quarters, not the name of one ("its first
#: quarter in its history", "the first quarter ever", "its first quarter with Inphi"): function
#: words, not a word class of the lexicon.
FIRST_COUNTS: Final = ("in its history", "in the company's history", "ever", "with", "since")
#: What a quarter-ended verb follows when its date is a period's end ("the quarter ended Oct.
#: 30", "which ended", "the three months ending"), not a share's session ("shares ended Aug. 1").
PERIOD_END_SUBJECTS: Final = (
    *QUARTER_NOUNS,
    "quarters",
    "period",
    "months",
    "weeks",
    "year",
    "which",
    "that",
)
#: The verbs that give a result its figure right after an aside ("Product revenue, the fees
#: that make up most of its sales, was $466.9 million"): the aside lends no metric.
AMOUNT_VERBS: Final = (
    "was",
    "were",
    "is",
    "are",
    "came in at",
    "came to",
    "totaled",
    "totalled",
    "reached",
    "stood at",
)
#: Verbs that say when a company reported its results ("said Tuesday", "on Thursday
#: reported"): a day in their sentence is the report's.
REPORT_VERBS: Final = (
    "reported",
    "reports",
    "said",
    "says",
    "posted",
    "posts",
    "announced",
    "announces",
    "released",
    "releases",
    "swung",
)
#: What makes a label fiscal, before its year or quarter ("fiscal 2024", "fiscal year 2024",
#: "FY2024", "FY24").
FISCAL_PREFIXES: Final = ("fiscal year", "fiscal", "fy")
#: ... the short one, against its year ("FY24", "FY 2024"), and the word ("fiscal 2024").
FY_PREFIX: Final = pick(FISCAL_PREFIXES, "fy")
FISCAL_WORD: Final = pick(FISCAL_PREFIXES, "fiscal")
#: Result verbs that, after the share's name, are its move, not the company's result
#: ("shares lost 3%", "the stock gained").
SHARE_MOVE_VERBS: Final = ("lost", "earned", "gained")
