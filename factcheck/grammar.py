"""The checker's vocabulary, each word list written once with its meaning.

Binding, the phrase judges and the offline drafter read these tables; the regexes and
prefilters that scan for them are derived from them where they are used, so a phrasing the
checker should learn is a row here plus a test.

- `DIRECTION`: direction words and phrases, +1 up / -1 down.
- `OUTSIDE`: things articles quote figures about that no brief holds (other indices, sub-
  indices, sectors, commodities, currencies, yields, volatility, turnover).  A figure bound to
  one of them is about that thing, so it is never checked against the subject.
- `COLUMNS`: table column headers -> the metric and period of the figures under them.
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
    "target", "price target",
)


@dataclass(frozen=True, slots=True)
class Column:
    """What the figures under a table header are: the metric (a fact metric, or None for
    'whatever the row's unit says') and the period token."""

    metric: str | None
    period: str | None


#: Table header words (lower case, matched as whole words of the header) -> meaning.  The
#: first row whose word occurs in a header decides, so the specific ones come first.
COLUMNS: Final[tuple[tuple[str, Column], ...]] = (
    ("52-week high", Column("high", "52w")),
    ("52-wk high", Column("high", "52w")),
    ("52w high", Column("high", "52w")),
    ("52-week low", Column("low", "52w")),
    ("52-wk low", Column("low", "52w")),
    ("52w low", Column("low", "52w")),
    ("from high", Column("from_high", "52w")),
    ("off high", Column("from_high", "52w")),
    ("prior week", Column("close", "prev")),
    ("previous week", Column("close", "prev")),
    ("last week", Column("close", "prev")),
    ("prev close", Column("close", "prev")),
    ("prior close", Column("close", "prev")),
    ("prev", Column("close", "prev")),
    ("prior", Column("close", "prev")),
    ("ytd", Column("change", "ytd")),
    ("year to date", Column("change", "ytd")),
    ("year-to-date", Column("change", "ytd")),
    ("mtd", Column("change", "mtd")),
    ("month", Column("change", "mtd")),
    ("1-day", Column("change", "day")),
    ("1 day", Column("change", "day")),
    ("day", Column("change", "day")),
    ("daily", Column("change", "day")),
    ("friday", Column("change", "day")),
    ("fri", Column("change", "day")),
    ("1-week", Column("change", "week")),
    ("1 week", Column("change", "week")),
    ("5-day", Column("change", "week")),
    ("week", Column("change", "week")),
    ("weekly", Column("change", "week")),
    ("wk", Column("change", "week")),
    ("w/w", Column("change", "week")),
    ("wow", Column("change", "week")),
    ("open", Column("open", None)),
    ("high", Column("high", None)),
    ("low", Column("low", None)),
    ("close", Column("close", None)),
    ("closing", Column("close", None)),
    ("last", Column("close", None)),
    ("level", Column("close", None)),
    ("price", Column("close", None)),
    ("value", Column("close", None)),
    ("chg", Column("change", None)),
    ("change", Column("change", None)),
    ("return", Column("change", None)),
    ("%", Column("change", None)),
    ("pts", Column("change", None)),
)
