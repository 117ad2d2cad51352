"""The binder's phrase patterns, built from the lexicon (`factcheck.grammar`) and scanned
through `factcheck.patterns.Scan`: what a figure's sentence says about its index, period,
metric and direction."""

from __future__ import annotations

import re
from typing import Final

from factcheck._rx import trie
from factcheck.bind.model import Mention
from factcheck.datewords import MONTHS, WEEKDAYS
from factcheck.document import Document, Figure
from factcheck.grammar import (
    DIRECTION,
    DOWN,
    METRIC_WORDS,
    MOVE_VERBS,
    NOT_NAMES,
    PERIOD_PHRASES,
    UP,
)
from factcheck.patterns import Scan

UP_WORDS: Final[tuple[str, ...]] = tuple(w for w, d in DIRECTION if d == UP)
DOWN_WORDS: Final[tuple[str, ...]] = tuple(w for w, d in DIRECTION if d == DOWN)
_DIRECTION_OF: Final[dict[str, int]] = dict(DIRECTION)
#: A direction given right after a figure ("0.17% higher", "10.06% below its high").
FOLLOW_DIR_RE: Final = re.compile(
    r"^\s*(?:(?P<up>higher|above|up|better|ahead|stronger|gain|gains|advance|rise|jump|"
    r"rally|increase|climb|surge|rebound)|"
    r"(?P<down>lower|below|down|under|weaker|behind|off|shy\s+of|short\s+of|loss|losses|"
    r"drop|decline|fall|dip|slide|slip|decrease|retreat|pullback|plunge|tumble))\b",
    re.ASCII,
)
_OR_LINK_RE: Final = re.compile(
    r"(?i)^\s*(?:,\s*)?(?:or|\(|,\s*or|and|a\s+move\s+of)\s*$", re.ASCII
)


_PERIOD_WORDS: Final = PERIOD_PHRASES
_PERIOD_RE: Final = Scan(
    rf"(?<![#\w-])(?:{trie(list(_PERIOD_WORDS))})(?![\w-])", re.ASCII, words=list(_PERIOD_WORDS)
)
#: A month named without a day ("the November high") points at facts set in that month.
#: Every month's name, once: the month patterns below are built from it.
_MONTH_ALTERNATION: Final = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_MONTH_RE: Final = Scan(
    rf"\b(?P<mon>{_MONTH_ALTERNATION})(?:'s|’s)?\s+(?:intraday\s+|closing\s+)?(?:high|low|peak|trough|top|"
    r"bottom)",
    re.ASCII,
)
#: After a figure: a total return, which a price index's data cannot settle.
_TOTAL_RETURN_RE: Final = re.compile(
    r"[^.;\d]{0,40}?\b(?:(?:including|includes|with|plus)\s+dividends|(?:total|gross)\s+return"
    r"|accumulation\s+index)\b",
    re.ASCII,
)
#: After a figure: the size of an earlier fall, which no brief figure is.
_PAST_DECLINE_RE: Final = re.compile(
    r"\s+(?:dip|drawdown|correction|crash|bear\s+market|sell-?off)\b", re.ASCII
)
#: Before a move: one within a session, which no daily figure is ("a temporary increase of",
#: "briefly rose", "at one point down").
_INTRADAY_MOVE_RE: Final = re.compile(
    r"\b(?:temporary|temporarily|briefly|at\s+one\s+point|earlier\s+in\s+the\s+(?:session|day))"
    r"\b[^.;,\d]*$",
    re.ASCII,
)
_FROM_A_RE: Final = re.compile(r"\bfrom\s+(?:a|an|the|its)\s+$", re.ASCII)
#: After a figure: a company's results ("drop in net profit", "slide in full-year earnings").
_COMPANY_RESULT_RE: Final = re.compile(
    r"\s+(?:[a-z]+\s+){0,1}(?:drop|rise|fall|increase|decline|slide|jump|gain|surge|plunge)\s+"
    r"in\s+(?:[a-z-]+\s+){0,2}?(?:profit|earnings|revenue|sales|income|dividend)s?\b",
    re.ASCII,
)
#: Before a figure, in its clause: a constituent singled out ("the biggest large-cap gainer").
_TOP_MOVER_RE: Final = re.compile(
    r"\b(?:biggest|best|worst|top|largest|strongest|weakest)\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:gainer|loser|performer|faller|riser|decliner|mover|drag|laggard)s?\b[^.;]*$",
    re.ASCII,
)
#: A span before the brief: "across the preceding Year of the Dragon", "over the previous
#: quarter" (not the previous week or session, which the brief holds).
_PAST_SPAN_RE: Final = Scan(
    r"\b(?:across|over|during|in|throughout)\s+the\s+(?:preceding|previous|prior|"
    r"past|last)\s+(?!week|session|day|trading\s+day|friday|five|four|three|two|\d|#)[a-z]+",
    re.ASCII,
)
#: Right before a level: the finish of a period ("ending the week with a whimper at").
_CLOSE_AT_RE: Final = re.compile(
    r"\b(?:ending|ended|finishing|finished|closing|settling|settled|wrapping\s+up|wrapped\s+up)"
    r"\s+(?:the\s+(?:week|day|session)\s+)?(?:[a-z]+\s+){0,4}?at\s+$",
    re.ASCII,
)
#: A month as the span of a move ("during the month of June", "for December"), not a date
#: ("in December 15", "in June 2025": a day or a year follows).
_MONTH_SPAN_RE: Final = Scan(
    r"\b(?:(?:in|for|during|over|throughout)\s+(?:the\s+month\s+of\s+)?"
    rf"(?P<mon>{_MONTH_ALTERNATION})\b(?!\s*[#\d]|\s+(?:quarter|half)\b)"
    # "the June quarter", "the December half": a span the brief has no figure for
    rf"|(?:(?:for|in|over|during)\s+the\s+)?(?P<span>{_MONTH_ALTERNATION})\s+(?:quarter|half)\b)",
    re.ASCII,
)
#: What every `_MONTH_RE` match ends with.
_MONTH_NUMBER: Final = {name: i for i, name in enumerate(_MONTH_ALTERNATION.split("|"), 1)}
_MONTH_NAMES: Final = tuple(_MONTH_NUMBER)  # what every `_MONTH_RE` match starts with
_CLAUSE_BREAK_RE: Final = Scan(r"(?:\b(?:while|whereas|but|although|though|yet)\b|;)", re.ASCII)
_WEEK_CLOSER_RE: Final = Scan(
    r"(?:closed|ended|finished|wrapped\s+up|rounded\s+out|capped|closing|ending|finishing)"
    r"\s+(?:out\s+)?(?:the\s+)?$",
    re.ASCII,
)
_BASE_CLOSE_RE: Final = Scan(
    r"^(?:(?!\bto\s+[\d#])[^;])*?\b(?:from|since|versus|vs\.?|compared\s+(?:with|to)|on|above|below)\s+"
    r"(?:the\s+)?(?:previous|prior|last|preceding)\s+(?:(?:week'?s|week’s|friday'?s|friday’s|"
    r"weekly)\s+clos|friday\b)",
    re.ASCII,
)
_SPAN_RE: Final = re.compile(
    r"\s*(?:trading\s+|intraday\s+|daily\s+|weekly\s+)?(?:range|span|swing)", re.ASCII
)
#: ", gaining": a participle clause after the object ("outperformed the S&P 500 as well,
#: gaining 3.82%"), a few adverb words allowed before its comma.
_PARTICIPLE_RE: Final = re.compile(
    r"\s*(?:\([^)]*\))?(?:\s+[a-z]+){0,3}\s*,\s*[a-z]+ing\b[^,;]*$", re.ASCII
)
_COMPARE_VERB_RE: Final = Scan(
    r"\b(?:outpac|outperform|underperform|lagg?|trail|beat|eclips|top|edg(?:ed|ing)\s+out)",
    re.ASCII,
)
_FOLLOW_GAP_RE: Final = re.compile(
    r"[\s,(]*(?:(?:gain|loss|drop|dip|slip|rise|fall|decline|advance|rally|jump|move|slide|"
    r"climb|rebound|bounce|retreat|increase|decrease|surge|plunge|tumble|pullback|selloff|"
    r"sell-off|setback|swing)s?\s+|(?:higher|lower|up|down|ahead|in\s+front|above|below)\s+)?"
    r"(?:on|by|at|in|for|during|over|from|of|since|with)?"
    r"[\s(]*(?:the\s+|a\s+|its\s+|this\s+)?|\s*\(|[\s,(]*"
    # "6468.54 record close of August 14": the extreme's own day
    r"|\s*(?:(?:record|closing|intraday|all-time)\s+)?(?:close|high|low|peak|trough)\s+"
    r"(?:of|on|set\s+on|from|reached\s+on)\s+",
    re.ASCII,
)
#: "510.30 points, or 2.4 percent, to 22,067.62 on Wednesday": the day that ends the chain
#: of a change and the close it reached belongs to each figure of it.
_CHAIN_GAP_RE: Final = re.compile(
    r"[\s,]*(?:or\s+[+\-]?[\d.,]+\s*(?:%|percent|per\s+cent|pct|points?)?[\s,]*)?"
    r"(?:(?:higher|lower|up|down)\s+)?(?:to|at)\s+(?:a\s+)?(?:record\s+)?[\d.,]+"
    r"\s*(?:points?)?[\s,]*(?:on|by)?\s*"
    # "a gain of 794.27 points, or 2.1%, for the week"
    r"|[\s,]*or\s+[+\-]?[\d.,]+\s*(?:%|percent|per\s+cent|pct)[\s,]*(?:higher|lower|up|down)?"
    r"[\s,]*(?:on|for|in|over|during)?\s*",
    re.ASCII,
)
_ON_DATE_GAP_RE: Final = re.compile(
    r"[\s,]*(?:\(|on\b|set\s+on\b|from\b|reached\s+on\b)\s*", re.ASCII
)
_SUPERLATIVE_SCOPE_RE: Final = Scan(
    r"\b(?:highest|lowest|best|worst|biggest|largest|strongest|weakest|sharpest|steepest|"
    r"high|low|top|bottom|peak)\b[\w\s'’-]{0,25}?\s(?:of|for|in)\s+$",
    re.ASCII,
)
_BASE_BEFORE_RE: Final = Scan(
    r"\b(?:from|since|versus|vs\.?|over|compared\s+(?:with|to))\s+(?:the\s+|its\s+)?$",
    re.ASCII,
)
#: Between a change and the year-end base right after it ("0.29% above its 2023 finish").
_YEAR_BASE_GAP_RE: Final = re.compile(
    r"[\s,]*(?:(?:above|below|over|under|up|down|higher|lower|ahead|behind)\s+)?"
    r"(?:from\s+|than\s+)?",
    re.ASCII,
)
_BASE_AFTER_RE: Final = re.compile(r"\s*(?:'s|’s)?\s*(?:close|closing|finish|settlement)", re.ASCII)
_PREV_WORD_RE: Final = Scan(r"(?:previous|prior|last|preceding)\s+$", re.ASCII)
#: Periods written with (masked) digits: "52-week", "50-day", "in 2025".
_PERIOD_DIGITS_RE: Final = Scan(
    r"(?:(?P<w52>##\s*-?\s*weeks?)|(?P<ma>#{2,3}\s*-?\s*(?:day|session)s?)|"
    r"(?P<ytd>\b(?:in|for|so\s+far\s+in)\s+(?:19|20)\d\d\b|\b(?:since|from)\s+the\s+end\s+of\s+"
    r"(?:19|20)\d\d\b|\bits\s+(?:19|20)\d\d\s+(?:finish|close|closing\s+level|year-end)))",
    re.ASCII,
)


_YEAR_RE: Final = re.compile(r"(?:19|20)\d\d", re.ASCII)


#: "the index", "the broad index", "the small-cap gauge": whichever index was named last.
_ENTITY_GENERIC: Final = (
    r"the\s+(?:[a-z]+(?:-[a-z]+)?\s+){0,2}(?:index|benchmark|gauge|barometer)(?!\s+of\b)|"
    r"the\s+measure|"
    r"the\s+(?:share\s*)?market|the\s+bourse|it(?=\s+(?:rose|fell|gained|lost|added|shed|slid|"
    r"closed|finished|ended|jumped|climbed|dropped|slipped|edged|rallied|dipped|declined|"
    r"advanced|rebounded|sank|tumbled|plunged|surged|soared|eased|is|was|now|sits|stands|"
    r"remains|touched|hit|traded|opened|flirted|held)\b)"
)

#: Capitalised name words between a known index's name and "Index" / "Average": a sub-index
#: or sector index of it ("Technology Index", "Transportation Average", "Health Care index").
_SUB_INDEX_RE: Final = re.compile(
    r"[ \t]+(?:(?!Index\b|Average\b)[A-Z][A-Za-z&-]*[ \t]+){1,4}(?:Index|Average|index)\b"
)

#: The noun of an extreme level ("record peak of", "all-time high of"), not of a record move.
_EXTREME_NOUN_RE: Final = re.compile(r"\b(?:high|peak|top|low|bottom|trough|close)\b", re.ASCII)

#: A metric no fact has: what a figure is bound to when the brief cannot hold its fact.
_NO_FACT: Final = frozenset({"none"})
_CLOSES: Final = frozenset({"close", "close_high", "close_low"})
#: What makes "highest close" the extreme of a period the brief has ("of the week").
_EXTREME_SCOPE_RE: Final = re.compile(
    r"\s+(?:of|for|in|this)\s+(?:the\s+)?(?:week|year|##|52|twelve|12)|\s+(?:of|in)\s+(?:a|one)\s+"
    r"year",
    re.ASCII,
)
_METRIC_OF: Final[dict[str, frozenset[str]]] = {}
for _words, _metrics in METRIC_WORDS:
    for _w in _words:
        _METRIC_OF.setdefault(_w, _metrics)
_METRIC_OR_DIRECTION_RE: Final = Scan(
    rf"\b(?:(?P<metric>{trie(list(_METRIC_OF))})|(?P<direction>{trie(UP_WORDS + DOWN_WORDS)}))\b",
    re.ASCII,
).regex
assert {w for p in _METRIC_OF for w in p.split()} & {
    w for p in UP_WORDS + DOWN_WORDS for w in p.split()
} == {"topped"}, "metric and direction words may overlap only where the scan handles it"


#: A percent figure followed by "below its 52-week high" is a distance from that high.
_DISTANCE_RE: Final = Scan(
    r"^[^.;]{0,12}?\b(?:below|under|off|from|short\s+of|shy\s+of|above|over|beneath|of)\s+"
    r"(?:its|the|their|a|that|this)\s+(?P<what>[\w\s#'’-]{0,40}?)"
    r"(?P<kind>moving\s+average|average|high|low|peak|trough|top|bottom|\bma\b|record|"
    r"all-time\s+high|"
    r"#{2,3}\s*-?\s*day\b|(?<=#\s)close)",
    re.ASCII,
)
#: A label before a percent naming the distance it measures ("Distance from 52-week high:").
_DISTANCE_LABEL_RE: Final = Scan(
    r"(?:distance\s+from|below|off|from|under|above|over)\s+(?:its\s+|the\s+)?"
    r"(?:##\s*-?\s*week\s+)?(?:intraday\s+|closing\s+)?(?P<kind>high|low)s?\b"
    r"[\s:(\-–—=]*$",
    re.ASCII,
)
#: Capitalized words that are no company's name: the grammar's list, months and weekdays.
_NOT_NAMES: Final = NOT_NAMES | frozenset(MONTHS) | frozenset(WEEKDAYS)
#: How far before a figure a mention of something outside the brief still owns it.
_OUTSIDE_REACH: Final = 50
#: "Chipmaker Nvidia, the symbol of the AI trade, which ended the quarter 80% higher": a
#: relative clause's figures are its antecedent's, however far the clause runs.
_RELATIVE_CLAUSE_RE: Final = re.compile(r",\s*(?:which|whose|who)\b", re.ASCII)
_RELATIVE_REACH: Final = 160


#: After a move: the money price it ended at ("0.45 per cent to $33.63", "to HK$61.35").
_TO_PRICE_RE: Final = re.compile(
    r"(?:[^.;:\d]{0,30}?\bto\s+|\s*\(\s*)(?:us|a|hk|nz|c|s)?\$\s?(?P<price>\d[\d,]*(?:\.\d+)?)",
    re.ASCII,
)
_PRICED: Final = "~a share quoted in money"
#: How far an outside name owns the figures of its own clause, nothing named between.
_CLAUSE_REACH: Final = 120


def _same_clause(doc: Document, m: Mention, fig: Figure) -> bool:
    """ "The broader All Ordinaries also closed marginally higher up 8.3 points or 0.09 per
    cent to 8841.90": nothing between the name and the figure opens another clause."""
    return (
        fig.start - m.end <= _CLAUSE_REACH
        and not _CLAUSE_BREAK_RE.search(doc.lower, m.end, fig.start)
        and not _ANOTHER_SUBJECT_RE.search(_BRACKETED_RE.sub(" ", doc.text[m.end : fig.start]))
    )


#: A bracket, or the name's own last word: "All Ordinaries Index (ASX: XAO) shed ...".
_BRACKETED_RE: Final = re.compile(r"\([^()]*\)|^\s*(?:Index|index)\b", re.ASCII)


#: Between a name and a figure: another name (a capital) or a market word, which may own it.
_ANOTHER_SUBJECT_RE: Final = re.compile(
    r"\b[A-Z]|\b(?:market|markets|index|indices|shares|stocks|benchmark|bourse)\b", re.ASCII
)


def _owns_relative_clause(doc: Document, m: Mention, fig: Figure) -> bool:
    return fig.start - m.end < _RELATIVE_REACH and bool(
        _RELATIVE_CLAUSE_RE.search(doc.lower, m.end, fig.start)
    )


#: A capitalized name ("Alibaba", "WiseTech Global", "Chipmaker SMIC").
_PROPER_RE: Final = re.compile(r"(?<![\w.&'’-])[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|&))*")
#: One-word moves, by which a title-case headline's name ends ("... Garden Falls More Than").
_MOVE_WORDS: Final = frozenset(v for v in MOVE_VERBS if " " not in v) | frozenset(
    {"falls", "rises", "jumps", "slips", "sinks", "climbs", "gains", "drops", "surges", "tumbles"}
)
#: Before a name: "Shares of Tesla, whose ..., finished the year up 62%": a company.
_SHARES_OF_RE: Final = re.compile(r"\b(?:shares|stock)\s+(?:of|in)\s+$", re.ASCII)
#: ... followed by a move: "Alibaba rose", "Xero added", "Tencent edged up", "BHP shares fell".
_MOVE_AFTER_NAME_RE: Final = re.compile(
    # a ticker in brackets may stand between: "Rio Tinto (ASX: RIO) which rose"
    r"(?:'s|’s)?(?:\s*\((?:[a-z]+\s*:\s*)?[a-z][a-z0-9.]{0,5}\))?(?:'s|’s)?"
    rf"(?:,?\s+(?:which\s+|that\s+|who\s+)?(?:shares\s+|stock\s+)?(?:also\s+|again\s+)?"
    rf"(?:{trie(MOVE_VERBS)})\b"
    # "Info Tech (-1.6%) and Real Estate (-1.1%)", "NAB (up 0.6 per cent)": the move in
    # brackets; "Bio-Techne (TECH), up 21%"; "CSL's 16.9 per cent slide"
    r"|\s*\(\s*(?:up\s+|down\s+)?[+\-−]?\d[\d.,]*\s*(?:%|per\s*cent|percent)\s*\)"
    r"|,\s*(?:up|down)\s+[+\-−]?\d"
    r"|\s+(?:finished|ended|closed|was|were)\s+(?:up\s+|down\s+)?(?=[+\-−]?\d)"
    r"|(?<=s)\s+\d[\d.,]*\s*(?:%|per\s*cent|percent)\s+(?:slide|drop|fall|gain|rise|jump|"
    r"plunge|surge|rally|decline|advance)s?\b)",
    re.ASCII,
)
#: "the 4.66% advance in the S&P 500": the index after the figure is the one it is about.
_MOVE_IN_RE: Final = re.compile(
    r"\s*(?:advance|gain|rise|jump|rally|drop|decline|loss|fall|slide|move|increase|decrease|"
    r"retreat|rebound)s?\s+(?:in|for|of|by)\s+(?:the\s+)?",
    re.ASCII,
)
#: Before a level that is an extreme of an unstated period.
_EXTREME_BEFORE_RE: Final = re.compile(
    r"\b(?:record|all-time|peak\s+close|as\s+(?:low|high)\s+as|that|(?:old|former|earlier)\s+"
    r"(?:record\s+|intraday\s+|closing\s+)?(?:high|peak|top|low|bottom))\b[^.;#\d]{0,30}$",
    re.ASCII,
)
#: "A close above 39,105", "a break below 38,000": a level to watch, not a close.
_CONDITIONAL_LEVEL_RE: Final = re.compile(
    r"\ba\s+(?:daily\s+|weekly\s+|decisive\s+|sustained\s+)?(?:close|break|move|push|"
    r"drop|run)\s+(?:back\s+)?(?:above|below|under|over|beyond|through|toward|towards)\s*$",
    re.ASCII,
)
#: "about 19% of S&P 500 market value": a share of something, not a change.
_SHARE_OF_RE: Final = re.compile(
    r"^\s*of\s+(?:the\s+)?(?:[\w&#'’-]+\s+){0,3}?(?:market\s+value|weight(?:ing)?|gains?|"
    r"losses|volume|turnover|shares|stocks|companies|members|constituents|index)\b",
    re.ASCII,
)
_RANGE_WORD_RE: Final = Scan(r"\b(?:range|between|traded|trading|swung|spanned)\b", re.ASCII)
# Compiled once: `re.sub(pattern_string, ...)` in a per-figure path pays a cache lookup
# (about a microsecond) on every call.
_SPACES_RE: Final = re.compile(r"\s+", re.ASCII)
_NON_DIGIT_RE: Final = re.compile(r"\D")
_NAME_SPACES_RE: Final = re.compile(r"[\s-]+", re.ASCII)
_DAYS_SPAN_RE: Final = re.compile(r"(\d+)\s*-?\s*(?:day|session)")
_YEAR_SPAN_RE: Final = re.compile(r"(?i)\d+\s*-?\s*week|year|12-month")
#: Between a figure and the metric word right after it: "2,218.42 (its intraday high".
_METRIC_GAP_RE: Final = re.compile(
    r"[\s(]*(?:\w+'s\s+|the\s+|its\s+|a\s+)?(?:intraday\s+|"
    r"closing\s+|session\s+)?",
    re.ASCII,
)
_FIGURE_BETWEEN_RE: Final = re.compile(r"[\d#,;]", re.ASCII)
_TO_END_RE: Final = re.compile(
    r"(?i)\bto\s+(?:a\s+|another\s+)?(?:fresh\s+|new\s+)?(?:record\s+)?(?:high\s+of\s+)?$|\bto\s*$",
    re.ASCII,
)
