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
from typing import Final

UP: Final = +1
DOWN: Final = -1

#: (word or phrase, direction): verbs, nouns and adjectives writers use for a move.
DIRECTION: Final[tuple[tuple[str, int], ...]] = (
    *((w, UP) for w in (
        "rose", "rise", "rises", "rising", "gained", "gain", "gains", "gaining", "rallied",
        "rally", "rallies", "rallying", "added", "adding", "adds", "up", "higher", "climbed",
        "climb", "climbs", "climbing", "advanced", "advance", "advances", "advancing",
        "jumped", "jump", "jumps", "surged", "surge", "surges", "soared", "soar", "soars",
        "increased", "increase", "firmed", "rebounded", "rebound", "recovered", "lifted",
        "popped", "grew", "improved", "spiked", "upside", "boost", "boosted", "tacked on",
        "picked up", "put on", "outperformed", "outpaced", "beat", "eclipsed", "led",
        "topped", "winning", "positive", "green", "ahead", "edged up", "edged higher",
        "inched up", "inched higher", "ticked up", "ticked higher", "notched up", "firmer",
    )),
    *((w, DOWN) for w in (
        "fell", "fall", "falls", "falling", "lost", "lose", "loses", "losing", "loss",
        "losses", "slipped", "slip", "slips", "slipping", "shed", "sheds", "shedding",
        "declined", "decline", "declines", "declining", "down", "lower", "dropped", "drop",
        "drops", "dropping", "slid", "slide", "slides", "sliding", "retreated", "retreat",
        "retreats", "retreating", "tumbled", "tumble", "tumbles", "sank", "sink", "sinks",
        "plunged", "plunge", "plunges", "decreased", "decrease", "eased", "eases", "easing",
        "dipped", "dip", "dips", "weakened", "gave back", "giving back", "pulled back",
        "pullback", "sagged", "skidded", "slumped", "slump", "erased", "trimmed", "pared",
        "lagged", "trailed", "underperformed", "negative", "red", "behind", "downside",
        "shaved", "gave up", "giving up", "edged down", "edged lower", "inched down",
        "inched lower", "ticked down", "ticked lower", "sold off", "selloff", "sell-off",
    )),
)

#: Names of things outside any brief.  Matched case-insensitively as whole words; a longer
#: name wins over an index name it contains ("Hang Seng Tech" is not the Hang Seng).
OUTSIDE: Final[tuple[str, ...]] = (
    # other indices and sub-indices
    "Hang Seng China Enterprises", "Hang Seng China Enterprises Index", "HSCEI",
    "China Enterprises Index", "H-shares index", "Hang Seng Tech", "Hang Seng Tech Index",
    "Hang Seng TECH", "Hang Seng Composite", "Hang Seng Mainland Properties",
    "All Ordinaries", "All Ords", "Small Ordinaries", "ASX 300", "S&P/ASX 300",
    "ASX 200 VIX", "A-VIX", "S&P/ASX 200 Energy", "S&P/NZX 50", "NZX 50", "NZX50",
    "Shanghai Composite", "Shanghai Composite Index", "CSI 300", "CSI300", "Shenzhen Component",
    "Shenzhen Composite", "ChiNext", "STAR 50", "Nikkei", "Nikkei 225", "Topix", "Kospi",
    "Taiex", "Straits Times Index", "Sensex", "Nifty", "Nifty 50", "FTSE 100", "FTSE 250",
    "DAX", "CAC 40", "Stoxx 600", "STOXX Europe 600", "Euro Stoxx 50", "MSCI World",
    "MSCI Asia-Pacific", "MSCI Emerging Markets", "MSCI Asia Pacific", "TSX",
    "S&P/TSX composite", "Nasdaq 100", "Nasdaq-100", "Russell 1000", "Russell 3000",
    "Russell Microcap", "S&P MidCap 400", "S&P 400", "S&P 600", "S&P SmallCap 600",
    "equal-weight S&P 500", "equal-weighted S&P 500", "Dow Jones Transportation Average",
    "Dow transports", "Dow Jones Utility Average", "Philadelphia Semiconductor Index",
    "semiconductor index", "SOX", "KBW Bank Index", "NYSE Composite",
    "Wilshire 5000", "Magnificent Seven", "Mag 7", "Roundhill Magnificent Seven ETF",
    # volatility, rates, currencies, commodities, crypto
    "VIX", "Cboe Volatility Index", "volatility index", "fear gauge", "Treasury",
    "Treasuries", "10-year", "10-year yield", "two-year", "2-year", "30-year", "yield",
    "yields", "bond", "bonds", "federal funds", "fed funds", "rate", "rates",
    "dollar", "U.S. dollar", "US dollar", "dollar index", "DXY", "Australian dollar",
    "Aussie dollar", "Aussie", "yen", "euro", "yuan", "renminbi", "sterling", "pound",
    "oil", "crude", "Brent", "WTI", "gold", "silver", "copper", "iron ore", "natural gas",
    "coal", "lithium", "bitcoin", "ether", "ethereum", "crypto",
    # sectors and groups
    "sector", "sectors", "energy", "financials", "banks", "bank", "miners", "mining",
    "technology sector", "tech sector", "tech stocks", "utilities", "health care",
    "healthcare", "consumer discretionary", "consumer staples", "industrials",
    "materials", "real estate", "property", "communication services", "REITs", "REIT",
    "semiconductors", "chipmakers", "chip stocks", "megacaps", "megacap", "mega-cap",
    "biotech", "insurers", "gold miners", "lithium miners", "property developers",
    "developers", "automakers", "airlines", "retailers", "homebuilders",
    # market-wide quantities that are not index levels
    "turnover", "volume", "volumes", "breadth", "market value", "market capitalisation",
    "market capitalization", "futures", "inflation", "CPI", "GDP", "payrolls",
    "unemployment", "jobless", "retail sales", "PCE", "PMI", "earnings", "revenue",
    "profit", "dividend", "dividends", "EPS", "guidance", "forecast", "estimate",
    "target", "price target", "the stock", "the shares", "its shares", "economy",
    "Shanghai", "Shenzhen", "chipmaker", "chipmakers", "producer prices", "consumer prices",
    "home prices", "oil prices", "tariffs", "tariff", "Wall Street futures",
)

#: Capitalized words that begin a sentence without naming a company ("Stocks rose 1%").
NOT_NAMES: Final = frozenset(
    {
        "the", "a", "an", "it", "its", "this", "that", "these", "those", "stocks", "shares",
        "markets", "market", "investors", "traders", "prices", "trading", "index", "indices",
        "indexes", "benchmark", "equities", "everything", "all", "both", "each", "every",
        "gains", "losses", "bulls", "bears", "buyers", "sellers", "volume", "and", "but",
        "then", "still", "even", "also", "meanwhile", "elsewhere", "overall", "together",
        "sentiment", "risk", "breadth", "small", "large", "big", "tech", "technology",
        "among", "by", "on", "in", "for", "at", "after", "before", "over", "from", "with",
        "week", "day", "session", "today", "yesterday", "friday", "monday", "tuesday",
        "wednesday", "thursday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "mon", "tue", "wed", "thu", "fri", "key", "note", "why", "what",
        "bottom", "top", "chart", "outlook", "summary", "recap", "takeaways",
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
    ("52-week", "52w"), ("52-wk", "52w"), ("52w", "52w"), ("52 week", "52w"),
    ("prior week", "prev"), ("previous week", "prev"), ("last week", "prev"),
    ("prev close", "prev"), ("prior close", "prev"), ("prev", "prev"), ("prior", "prev"),
    ("ytd", "ytd"), ("year to date", "ytd"), ("year-to-date", "ytd"),
    ("mtd", "mtd"), ("month", "mtd"),
    ("1-day", "day"), ("1 day", "day"), ("day", "day"), ("daily", "day"),
    ("friday", "day"), ("fri", "day"),
    ("1-week", "week"), ("1 week", "week"), ("5-day", "week"), ("week", "week"),
    ("weekly", "week"), ("wk", "week"), ("w/w", "week"), ("wow", "week"),
)
#: Header words -> metric.  The first whose word occurs in a header decides.
COLUMN_METRICS: Final[tuple[tuple[str, str], ...]] = (
    ("from high", "from_high"), ("off high", "from_high"), ("vs high", "from_high"),
    ("open", "open"), ("high", "high"), ("low", "low"),
    ("close", "close"), ("closing", "close"), ("last", "close"), ("level", "close"),
    ("price", "close"), ("value", "close"),
    ("chg", "change"), ("change", "change"), ("return", "change"), ("%", "change"),
    ("pts", "change"), ("points", "change"), ("gain", "change"), ("loss", "change"),
)


def _first(words: str, table: tuple[tuple[str, str], ...]) -> str | None:
    for word, meaning in table:
        if (word in words) if word == "%" else (f" {word} " in words):
            return meaning
    return None


def column_meaning(header: str) -> Column | None:
    """What a table header says about the figures under it ("Wk %" -> a weekly change,
    "Friday close" -> the last session's close, "Prior Week" -> the previous close)."""
    words = f" {' '.join(header.lower().replace('(', ' ').replace(')', ' ').split())} "
    period, metric = _first(words, COLUMN_PERIODS), _first(words, COLUMN_METRICS)
    if metric is None and period is not None:
        metric = "close" if period == "prev" else "change"
    if metric is None:
        return None
    return Column(metric, period)
