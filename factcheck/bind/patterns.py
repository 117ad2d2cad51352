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
    ANOTHER_SUBJECT_WORDS,
    BASE_BEFORE_PREPOSITIONS,
    BASE_CLOSE_NOUN,
    BASE_CLOSE_PREPOSITIONS,
    BASE_NOUNS,
    BRACKETED_INDEX,
    CHAIN_RECORD,
    CHANGE_UNITS,
    CLOSE_AT_SPANS,
    CLOSE_AT_VERBS,
    COMPANY_RESULT_MOVES,
    COMPARE_STEMS,
    CONDITIONAL_MOVES,
    CONDITIONAL_SIDES,
    DAY,
    DEICTIC_LAST_WEEK,
    DIRECTION,
    DISTANCE_CLOSE,
    DISTANCE_KINDS,
    DISTANCE_LABEL_SIDES,
    DOWN,
    EXTREME_BEFORE_EXTREMES,
    EXTREME_BEFORE_KINDS,
    EXTREME_HIGH_LOW,
    EXTREME_LEVEL_NOUNS,
    EXTREME_QUALIFIERS,
    FOLLOW_DIRECTIONS,
    FOLLOW_GAP_EXTREME_KINDS,
    FOLLOW_GAP_EXTREMES,
    FOLLOW_GAP_NOUNS,
    FOLLOW_GAP_WAYS,
    FRIDAY,
    GAP_SIDES,
    GENERIC_INDEX_NOUNS,
    GENERIC_MARKET_NOUNS,
    INDEX_NOUN,
    INDEX_TITLES,
    INTRADAY_WORDS,
    IT_MOVES,
    LEVEL_EXTREMES,
    LEVEL_RELATIONS,
    MA,
    MA_SPANS,
    METRIC_GAP_KINDS,
    METRIC_WORDS,
    MONTH_FINISH_VERBS,
    MONTH_NAMES,
    MONTH_SPANS,
    MOVE_AFTER_NAME_FINISHES,
    MOVE_AFTER_NAME_NOUNS,
    MOVE_IN_NOUNS,
    MOVE_VERBS,
    NOT_NAMES,
    OR_LINK_NOUNS,
    PAST_DECLINES,
    PAST_SPAN_ADJECTIVES,
    PAST_SPAN_HELD,
    PEAK_CLOSE,
    PERCENT_WORDS,
    PERIOD_ADJECTIVES,
    PERIOD_PHRASES,
    POINT_WORDS,
    PRIOR_WORDS,
    RECORD_WORDS,
    RESULT_NOUNS,
    SET_ON_VERBS,
    SHARE_NOUNS,
    SHARE_OF_WHOLES,
    SINCE_YEAR_END,
    SPAN_QUALIFIERS,
    STANDING_VERBS,
    SUPERLATIVE_SCOPE,
    SWING,
    THE_MONTH_OF,
    THIS_WEEK,
    TITLE_MOVES,
    TO_END_EXTREMES,
    TOP_MOVER_ADJECTIVES,
    TOP_MOVERS,
    TOTAL_RETURN,
    UP,
    UP_DOWN,
    WAY_WORDS,
    WEEK,
    WEEK_CLOSERS,
    WEEKLY,
    YEAR_BASE_WAYS,
    YEAR_END_BASES,
    YEAR_SPAN_WORDS,
    alternation,
)
from factcheck.patterns import Scan

UP_WORDS: Final[tuple[str, ...]] = tuple(w for w, d in DIRECTION if d == UP)
DOWN_WORDS: Final[tuple[str, ...]] = tuple(w for w, d in DIRECTION if d == DOWN)
_DIRECTION_OF: Final[dict[str, int]] = dict(DIRECTION)
#: A direction given right after a figure ("0.17% higher", "10.06% below its high").
FOLLOW_DIR_RE: Final = re.compile(
    rf"^\s*(?:(?P<up>{alternation(w for w, d in FOLLOW_DIRECTIONS if d == UP)})|"
    rf"(?P<down>{alternation(w for w, d in FOLLOW_DIRECTIONS if d == DOWN)}))\b",
    re.ASCII,
)
_OR_LINK_RE: Final = re.compile(
    rf"(?i)^\s*(?:,\s*)?(?:or|\(|,\s*or|and|a\s+{alternation(OR_LINK_NOUNS)}\s+of)\s*$",
    re.ASCII,
)


_PERIOD_WORDS: Final = PERIOD_PHRASES
_PERIOD_RE: Final = Scan(
    rf"(?<![#\w-])(?:{trie(list(_PERIOD_WORDS))})(?![\w-])", re.ASCII, words=list(_PERIOD_WORDS)
)
#: A month named without a day ("the November high") points at facts set in that month.
#: Every month's name, once: the month patterns below are built from it.
_MONTH_ALTERNATION: Final = "|".join(MONTH_NAMES)
_MONTH_RE: Final = Scan(
    rf"\b(?P<mon>{_MONTH_ALTERNATION})(?:'s|’s)?\s+(?:{alternation(EXTREME_QUALIFIERS)}\s+)?"
    rf"{alternation(LEVEL_EXTREMES)}",
    re.ASCII,
)
#: After a figure: a total return, which a price index's data cannot settle.
_TOTAL_RETURN_RE: Final = re.compile(
    rf"[^.;\d]{{0,40}}?\b{alternation(TOTAL_RETURN)}\b",
    re.ASCII,
)
#: After a figure: the size of an earlier fall, which no brief figure is.
_PAST_DECLINE_RE: Final = re.compile(rf"\s+{alternation(PAST_DECLINES)}\b", re.ASCII)
#: Before a move: one within a session, which no daily figure is ("a temporary increase of",
#: "briefly rose", "at one point down").
_INTRADAY_MOVE_RE: Final = re.compile(
    rf"\b{alternation(INTRADAY_WORDS)}\b[^.;,\d]*$",
    re.ASCII,
)
_FROM_A_RE: Final = re.compile(r"\bfrom\s+(?:a|an|the|its)\s+$", re.ASCII)
#: A line with no sentence on it: digits, separators and capitalised words only ("2025-12-31
#: HKT 13:50", "Tuesday, Aug 5, 2025 4:10 PM ET").
_DATELINE_RE: Final = re.compile(r"[\s\d,:/.()\-]*+(?:[A-Z][A-Za-z]*+\.?[\s\d,:/.()\-]*+)*+")
#: ... and it is short: a line longer than this is text.
DATELINE_MAX: Final = 60
#: "Last week" (not "the previous week", which counts from the week the article reports):
#: the week before the moment of writing.
_DEICTIC_WEEK_RE: Final = re.compile(rf"{alternation(DEICTIC_LAST_WEEK)}\b", re.ASCII)
_THIS_WEEK_RE: Final = re.compile(rf"\b{alternation(THIS_WEEK)}\b", re.ASCII)
#: Where an index stands against a level: "is above ", "sits well below the ", and denied:
#: "is not above ", "isn't below " (`factcheck.denial` turns the verdict over).
_STANDS_AT_RE: Final = re.compile(
    rf"\b{alternation(STANDING_VERBS)}(?:\s+not|n't|n’t)?\s+(?:well\s+|comfortably\s+|just\s+)?"
    rf"{alternation(LEVEL_RELATIONS)}\s+(?:the\s+)?$",
    re.ASCII,
)
#: A move from a dated level to another: "from" before the date, "to" right before the end.
_MOVE_START_RE: Final = re.compile(r"\bfrom\b(?:[^.;]|(?<=\d)\.(?=\d))*$", re.ASCII)
_MOVE_END_RE: Final = re.compile(r"\bto\s+$", re.ASCII)
#: After a figure: a company's results ("drop in net profit", "slide in full-year earnings").
_COMPANY_RESULT_RE: Final = re.compile(
    rf"\s+(?:[a-z]+\s+){{0,1}}{alternation(COMPANY_RESULT_MOVES)}\s+"
    rf"in\s+(?:[a-z-]+\s+){{0,2}}?{alternation(RESULT_NOUNS)}s?\b",
    re.ASCII,
)
#: Before a figure, in its clause: a constituent singled out ("the biggest large-cap gainer").
_TOP_MOVER_RE: Final = re.compile(
    rf"\b{alternation(TOP_MOVER_ADJECTIVES)}\s+(?:[a-z-]+\s+){{0,2}}?"
    rf"{alternation(TOP_MOVERS)}s?\b[^.;]*$",
    re.ASCII,
)
#: A span before the brief: "across the preceding Year of the Dragon", "over the previous
#: quarter" (not the previous week or session, which the brief holds).
_PAST_SPAN_RE: Final = Scan(
    rf"\b(?:across|over|during|in|throughout)\s+the\s+{alternation(PAST_SPAN_ADJECTIVES)}\s+"
    rf"(?!{alternation(PAST_SPAN_HELD)}|five|four|three|two|\d|#)[a-z]+",
    re.ASCII,
)
#: Right before a level: the finish of a period ("ending the week with a whimper at").
_CLOSE_AT_RE: Final = re.compile(
    rf"\b{alternation(CLOSE_AT_VERBS)}"
    rf"\s+(?:the\s+{alternation(CLOSE_AT_SPANS)}\s+)?(?:[a-z]+\s+){{0,4}}?at\s+$",
    re.ASCII,
)
#: A month as the span of a move ("during the month of June", "for December"), not a date
#: ("in December 15", "in June 2025": a day or a year follows).
_MONTH_SPAN_RE: Final = Scan(
    rf"\b(?:(?:in|for|during|over|throughout)\s+(?:{alternation(THE_MONTH_OF)}\s+)?"
    rf"(?P<mon>{_MONTH_ALTERNATION})\b(?!\s*[#\d]|\s+{alternation(MONTH_SPANS)}\b)"
    # "the June quarter", "the December half": a span the brief has no figure for
    rf"|(?:(?:for|in|over|during)\s+the\s+)?(?P<span>{_MONTH_ALTERNATION})\s+"
    rf"{alternation(MONTH_SPANS)}\b)",
    re.ASCII,
)
#: A month named as the span of a change without "in" or "for": after a finish verb ("ended
#: September with a 3.5% gain") or opening a sentence or clause ("December XJO was down
#: -3.28%", also run on after a caption's full stop); never a date ("December 31",
#: "December 2024").
_MONTH_AS_SPAN_RE: Final = Scan(
    r"(?:^[^a-z0-9]*|(?<![\d.])[.:;]\s*|"
    rf"\b(?:{alternation(MONTH_FINISH_VERBS)})\s+)(?P<mon>{_MONTH_ALTERNATION})\b"
    r"(?!\s*[#\d]|'s|’s)",
    re.ASCII,
)
#: What every `_MONTH_RE` match ends with.
_MONTH_NUMBER: Final = {name: i for i, name in enumerate(_MONTH_ALTERNATION.split("|"), 1)}
_MONTH_NAMES: Final = tuple(_MONTH_NUMBER)  # what every `_MONTH_RE` match starts with
_CLAUSE_BREAK_RE: Final = Scan(r"(?:\b(?:while|whereas|but|although|though|yet)\b|;)", re.ASCII)
_WEEK_CLOSER_RE: Final = Scan(
    rf"{alternation(WEEK_CLOSERS)}\s+(?:out\s+)?(?:the\s+)?$",
    re.ASCII,
)
_BASE_CLOSE_RE: Final = Scan(
    rf"^(?:(?!\bto\s+[\d#])[^;])*?\b{alternation(BASE_CLOSE_PREPOSITIONS)}\s+"
    rf"(?:the\s+)?{alternation(PRIOR_WORDS)}\s+(?:(?:{WEEK}'?s|{WEEK}’s|{FRIDAY}'?s|{FRIDAY}’s|"
    rf"{WEEKLY})\s+{alternation(BASE_CLOSE_NOUN)}|{FRIDAY}\b)",
    re.ASCII,
)
_SPAN_RE: Final = re.compile(
    rf"\s*(?:{alternation(SPAN_QUALIFIERS)}\s+)?(?:range|span|{SWING})", re.ASCII
)
#: ", gaining": a participle clause after the object ("outperformed the S&P 500 as well,
#: gaining 3.82%"), a few adverb words allowed before its comma.
_PARTICIPLE_RE: Final = re.compile(
    r"\s*(?:\([^)]*\))?(?:\s+[a-z]+){0,3}\s*,\s*[a-z]+ing\b[^,;]*$", re.ASCII
)
_COMPARE_VERB_RE: Final = Scan(
    rf"\b{alternation(COMPARE_STEMS)}",
    re.ASCII,
)
_FOLLOW_GAP_RE: Final = re.compile(
    rf"[\s,(]*(?:{alternation(FOLLOW_GAP_NOUNS)}s?\s+|{alternation(FOLLOW_GAP_WAYS)}\s+)?"
    r"(?:on|by|at|in|for|during|over|from|of|since|with)?"
    r"[\s(]*(?:the\s+|a\s+|its\s+|this\s+)?|\s*\(|[\s,(]*"
    # "6468.54 record close of August 14": the extreme's own day
    rf"|\s*(?:{alternation(FOLLOW_GAP_EXTREME_KINDS)}\s+)?{alternation(FOLLOW_GAP_EXTREMES)}\s+"
    rf"(?:of|on|{alternation(SET_ON_VERBS)}\s+on|from)\s+",
    re.ASCII,
)
#: "510.30 points, or 2.4 percent, to 22,067.62 on Wednesday": the day that ends the chain
#: of a change and the close it reached belongs to each figure of it.
_CHAIN_GAP_RE: Final = re.compile(
    rf"[\s,]*(?:or\s+[+\-]?[\d.,]+\s*(?:%|{alternation(CHANGE_UNITS)})?[\s,]*)?"
    rf"(?:{alternation(WAY_WORDS)}\s+)?(?:to|at)\s+(?:a\s+)?(?:{alternation(CHAIN_RECORD)}\s+)?"
    rf"[\d.,]+\s*(?:{alternation(POINT_WORDS)})?[\s,]*(?:on|by)?\s*"
    # "a gain of 794.27 points, or 2.1%, for the week"
    rf"|[\s,]*or\s+[+\-]?[\d.,]+\s*(?:%|{alternation(PERCENT_WORDS)})[\s,]*"
    rf"(?:{alternation(WAY_WORDS)})?[\s,]*(?:on|for|in|over|during)?\s*"
    # "gains of 1.6% and 0.7% in the prior two weeks": coordinated figures share the span
    rf"|\s+and\s+[+\-]?[\d.,]+\s*(?:%|{alternation(PERCENT_WORDS)})\s+"
    r"(?:on|for|in|over|during|across)\s*",
    re.ASCII,
)
_ON_DATE_GAP_RE: Final = re.compile(
    rf"[\s,]*(?:\(|on\b|{alternation(SET_ON_VERBS)}\s+on\b|from\b)\s*", re.ASCII
)
_SUPERLATIVE_SCOPE_RE: Final = Scan(
    rf"\b{alternation(SUPERLATIVE_SCOPE)}\b[\w\s'’-]{{0,25}}?\s(?:of|for|in)\s+$",
    re.ASCII,
)
_BASE_BEFORE_RE: Final = Scan(
    rf"\b{alternation(BASE_BEFORE_PREPOSITIONS)}\s+(?:the\s+|its\s+)?$",
    re.ASCII,
)
#: Between a change and the year-end base right after it ("0.29% above its 2023 finish").
_YEAR_BASE_GAP_RE: Final = re.compile(
    rf"[\s,]*(?:{alternation(YEAR_BASE_WAYS)}\s+)?(?:from\s+|than\s+)?",
    re.ASCII,
)
_BASE_AFTER_RE: Final = re.compile(rf"\s*(?:'s|’s)?\s*{alternation(BASE_NOUNS)}", re.ASCII)
_PREV_WORD_RE: Final = Scan(rf"{alternation(PRIOR_WORDS)}\s+$", re.ASCII)
#: Periods written with (masked) digits: "52-week", "50-day", "in 2025".
_PERIOD_DIGITS_RE: Final = Scan(
    rf"(?:(?P<w52>##\s*-?\s*{WEEK}s?)|(?P<ma>#{{2,3}}\s*-?\s*{alternation(MA_SPANS)}s?)|"
    # "since 2017 when it rose about 36 percent": what follows "<year> when" is that year's
    rf"(?P<ytd>\b(?:in|for|so\s+far\s+in)\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d,?\s+when\b|"
    rf"\b{alternation(SINCE_YEAR_END)}\s+"
    rf"(?:19|20)\d\d\b|\bits\s+(?:19|20)\d\d\s+{alternation(YEAR_END_BASES)}))",
    re.ASCII,
)


_YEAR_RE: Final = re.compile(r"(?:19|20)\d\d", re.ASCII)


#: "the index", "the broad index", "the small-cap gauge": whichever index was named last.
_ENTITY_GENERIC: Final = (
    rf"the\s+(?:[a-z]+(?:-[a-z]+)?\s+){{0,2}}{alternation(GENERIC_INDEX_NOUNS)}(?!\s+of\b)|"
    rf"the\s+{alternation(GENERIC_MARKET_NOUNS)}|"
    rf"it(?=\s+(?:{alternation(IT_MOVES)}|edged|is|was|now|sits|stands|"
    r"remains|traded|flirted|held)\b)"
)

#: Capitalised name words between a known index's name and "Index" / "Average": a sub-index
#: or sector index of it ("Technology Index", "Transportation Average", "Health Care index").
_SUB_INDEX_RE: Final = re.compile(
    rf"[ \t]+(?:(?!{alternation(INDEX_TITLES)}\b)[A-Z][A-Za-z&-]*[ \t]+){{1,4}}"
    rf"{alternation((*INDEX_TITLES, *INDEX_NOUN))}\b"
)

#: The noun of an extreme level ("record peak of", "all-time high of"), not of a record move.
_EXTREME_NOUN_RE: Final = re.compile(rf"\b{alternation(EXTREME_LEVEL_NOUNS)}\b", re.ASCII)

#: A metric no fact has: what a figure is bound to when the brief cannot hold its fact.
_NO_FACT: Final = frozenset({"none"})
_CLOSES: Final = frozenset({"close", "close_high", "close_low"})
#: What makes "highest close" the extreme of a period the brief has ("of the week").
_EXTREME_SCOPE_RE: Final = re.compile(
    rf"\s+(?:of|for|in|this)\s+(?:the\s+)?(?:{WEEK}|year|##|52|twelve|12)|\s+(?:of|in)\s+(?:a|one)\s+"
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
    rf"^[^.;]{{0,12}}?\b(?:{alternation(w for w, _ in GAP_SIDES)}|from|over|of)\s+"
    r"(?:its|the|their|a|that|this)\s+(?P<what>[\w\s#'’-]{0,40}?)"
    rf"(?P<kind>{alternation(DISTANCE_KINDS)}|\b{MA}\b|"
    rf"#{{2,3}}\s*-?\s*{DAY}\b|(?<=#\s){alternation(DISTANCE_CLOSE)})",
    re.ASCII,
)
#: A label before a percent naming the distance it measures ("Distance from 52-week high:").
_DISTANCE_LABEL_RE: Final = Scan(
    rf"{alternation(DISTANCE_LABEL_SIDES)}\s+(?:its\s+|the\s+)?"
    rf"(?:##\s*-?\s*{WEEK}\s+)?(?:{alternation(EXTREME_QUALIFIERS)}\s+)?"
    rf"(?P<kind>{alternation(EXTREME_HIGH_LOW)})s?\b"
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
_BRACKETED_RE: Final = re.compile(rf"\([^()]*\)|^\s*{alternation(BRACKETED_INDEX)}\b", re.ASCII)


#: Between a name and a figure: another name (a capital) or a market word, which may own it.
_ANOTHER_SUBJECT_RE: Final = re.compile(
    rf"\b[A-Z]|\b{alternation(ANOTHER_SUBJECT_WORDS)}\b", re.ASCII
)


def _owns_relative_clause(doc: Document, m: Mention, fig: Figure) -> bool:
    return fig.start - m.end < _RELATIVE_REACH and bool(
        _RELATIVE_CLAUSE_RE.search(doc.lower, m.end, fig.start)
    )


#: A capitalized name ("Alibaba", "WiseTech Global", "Chipmaker SMIC").
_PROPER_RE: Final = re.compile(r"(?<![\w.&'’-])[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|&))*")
#: One-word moves, by which a title-case headline's name ends ("... Garden Falls More Than").
_MOVE_WORDS: Final = frozenset(TITLE_MOVES)
#: Before a name: "Shares of Tesla, whose ..., finished the year up 62%": a company.
_SHARES_OF_RE: Final = re.compile(rf"\b{alternation(SHARE_NOUNS)}\s+(?:of|in)\s+$", re.ASCII)
#: ... followed by a move: "Alibaba rose", "Xero added", "Tencent edged up", "BHP shares fell".
_MOVE_AFTER_NAME_RE: Final = re.compile(
    # a ticker in brackets may stand between: "Rio Tinto (ASX: RIO) which rose"
    r"(?:'s|’s)?(?:\s*\((?:[a-z]+\s*:\s*)?[a-z][a-z0-9.]{0,5}\))?(?:'s|’s)?"
    rf"(?:,?\s+(?:which\s+|that\s+|who\s+)?(?:{alternation(SHARE_NOUNS)}\s+)?(?:also\s+|again\s+)?"
    rf"(?:{trie(MOVE_VERBS)})\b"
    # "Info Tech (-1.6%) and Real Estate (-1.1%)", "NAB (up 0.6 per cent)": the move in
    # brackets; "Bio-Techne (TECH), up 21%"; "CSL's 16.9 per cent slide"
    rf"|\s*\(\s*(?:{alternation(UP_DOWN)}\s+)?[+\-−]?\d[\d.,]*\s*(?:%|per\s*cent|percent)\s*\)"
    rf"|,\s*{alternation(UP_DOWN)}\s+[+\-−]?\d"
    rf"|\s+(?:{alternation(MOVE_AFTER_NAME_FINISHES)}|was|were)\s+(?:{alternation(UP_DOWN)}\s+)?"
    r"(?=[+\-−]?\d)"
    r"|(?<=s)\s+\d[\d.,]*\s*(?:%|per\s*cent|percent)\s+"
    rf"{alternation(MOVE_AFTER_NAME_NOUNS)}s?\b)",
    re.ASCII,
)
#: "the 4.66% advance in the S&P 500": the index after the figure is the one it is about.
_MOVE_IN_RE: Final = re.compile(
    rf"\s*{alternation(MOVE_IN_NOUNS)}s?\s+(?:in|for|of|by)\s+(?:the\s+)?",
    re.ASCII,
)
#: Before a level that is an extreme of an unstated period.
_EXTREME_BEFORE_RE: Final = re.compile(
    rf"\b(?:{alternation((*RECORD_WORDS, PEAK_CLOSE))}|as\s+{alternation(EXTREME_HIGH_LOW)}\s+as|"
    r"that|(?:old|former|earlier)\s+"
    rf"(?:{alternation(EXTREME_BEFORE_KINDS)}\s+)?{alternation(EXTREME_BEFORE_EXTREMES)})"
    r"\b[^.;#\d]{0,30}$",
    re.ASCII,
)
#: "A close above 39,105", "a break below 38,000": a level to watch, not a close.
_CONDITIONAL_LEVEL_RE: Final = re.compile(
    rf"\ba\s+(?:{alternation(PERIOD_ADJECTIVES)}\s+|decisive\s+|sustained\s+)?"
    rf"{alternation(CONDITIONAL_MOVES)}\s+(?:back\s+)?{alternation(CONDITIONAL_SIDES)}\s*$",
    re.ASCII,
)
#: "about 19% of S&P 500 market value": a share of something, not a change.
_SHARE_OF_RE: Final = re.compile(
    r"^\s*of\s+(?:the\s+)?(?:[\w&#'’-]+\s+){0,3}?"
    rf"{alternation(SHARE_OF_WHOLES)}\b",
    re.ASCII,
)
_RANGE_WORD_RE: Final = Scan(r"\b(?:range|between|traded|trading|swung|spanned)\b", re.ASCII)
# Compiled once: `re.sub(pattern_string, ...)` in a per-figure path pays a cache lookup
# (about a microsecond) on every call.
_SPACES_RE: Final = re.compile(r"\s+", re.ASCII)
_NON_DIGIT_RE: Final = re.compile(r"\D")
_NAME_SPACES_RE: Final = re.compile(r"[\s-]+", re.ASCII)
_DAYS_SPAN_RE: Final = re.compile(rf"(\d+)\s*-?\s*{alternation(MA_SPANS)}")
_YEAR_SPAN_RE: Final = re.compile(rf"(?i)\d+\s*-?\s*{WEEK}|year|{alternation(YEAR_SPAN_WORDS)}")
#: Between a figure and the metric word right after it: "2,218.42 (its intraday high".
_METRIC_GAP_RE: Final = re.compile(
    r"[\s(]*(?:\w+'s\s+|the\s+|its\s+|a\s+)?"
    rf"(?:{alternation(METRIC_GAP_KINDS)}\s+)?",
    re.ASCII,
)
_FIGURE_BETWEEN_RE: Final = re.compile(r"[\d#,;]", re.ASCII)
_TO_END_RE: Final = re.compile(
    rf"(?i)\bto\s+(?:a\s+|another\s+)?(?:fresh\s+|new\s+)?(?:{alternation(CHAIN_RECORD)}\s+)?"
    rf"(?:{alternation(TO_END_EXTREMES)}\s+of\s+)?$|\bto\s*$",
    re.ASCII,
)
