"""The checker's vocabulary, each word list written once with its meaning.

Binding, the phrase judges and the offline drafter read these tables; the regexes and
prefilters that scan for them are derived from them where they are used, so a phrasing the
checker should learn is a row here plus a test.

- `DIRECTION`: direction words and phrases, +1 up / -1 down.
- `OUTSIDE`: things articles quote figures about that no brief holds (other indices, sub-
  indices, sectors, commodities, currencies, yields, volatility, turnover).  A figure bound to
  one of them is about that thing, so it is never checked against the subject.
- `COLUMN_PERIODS`, `COLUMN_METRICS`: table header words -> the period and metric of the
  figures under them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

UP: Final = +1
DOWN: Final = -1

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

#: Verbs that make the capitalised name before them the thing that moved ("Alibaba rose",
#: "Xero added"): the DIRECTION words that are verbs in the past or present tense, and a few
#: phrases built on them.  Not nouns ("gains of 1.5%") or adjectives.
_WAYS: Final = ("up", "down", "higher", "lower")
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
    *(
        f"{verb} {way}"
        for verb in ("finished", "ended", "closed", "finishing", "ending", "closing")
        for way in _WAYS
    ),
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
    W52 = "w52"  # "one-year", "12-month": the trailing 52 weeks
    NONE = "none"  # a span no brief holds figures for: "the first half", "year on year"


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
    for verb in (
        "opened",
        "started",
        "began",
        "begun",
        "kicked off",
        "open",
        "start",
        "begin",
        "kick off",
    ):
        out[f"{verb} the week"] = PeriodKind.WEEKSTART
    # periods the brief holds no figures for: a figure about one can only be unsupported
    for lead in ("", "the ", "this ", "for the ", "in the ", "over the ", "during the "):
        for span in (
            "quarter",
            "first quarter",
            "second quarter",
            "third quarter",
            "fourth quarter",
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
    for adj in ("previous", "prior", "last", "preceding"):
        out[f"{adj} friday"] = PeriodKind.PREV
        out[f"the {adj} friday"] = PeriodKind.PREV
    return out


#: Every period phrase the checker reads, lower case -> its kind.
PERIOD_PHRASES: Final = _period_phrases()


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
        ),
        frozenset({"close", "close_high", "close_low"}),
    ),
)
