"""The rule registry: every rule of the checker, once, with a code, a name and its doc.

Every finding the checker reports (a figure, a date, a phrase, a streak count, the article's
form, a file it could not check) is made by exactly one rule of this table, and carries its
code (`Claim.rule`, SARIF `ruleId`, rdjson `code`).  A publisher can look a code up
(`writer check --list-rules`, docs/rules.md), and each rule has a fixture in
tests/rules/<CODE>.md that shows what it verifies and what it catches, so a rule cannot be
added, renamed or dropped without its documentation and its test moving with it.

Why a table rather than codes written at the call sites: the call sites hold `Rule` objects
from here, so a typo is an import error, not a finding with an unknown code; and the
registry is what the listing, the SARIF rule table and the fixture test all walk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Rule:
    code: str  # "F001": a family letter and a number, never reused for another meaning
    name: str  # "figure-value": kebab-case, what the rule is about
    family: str  # one of FAMILIES
    summary: str  # one line, what it checks
    doc: str  # one paragraph: what it reads, what verifies, what it reports and why


#: The families, in the order the listing shows them, with what they cover.
FAMILIES: Final = {
    "figure": "figures: prices, changes, percentages, levels",
    "date": "dates and the article's week",
    "phrase": "worded claims: directions, extremes, comparisons",
    "streak": "streak counts",
    "form": "the form of a drafted article",
    "input": "files the checker could not check as given",
}

_ALL: list[Rule] = []


def _rule(code: str, name: str, family: str, summary: str, doc: str) -> Rule:
    rule = Rule(code, name, family, summary, " ".join(doc.split()))
    _ALL.append(rule)
    return rule


# --- figures -------------------------------------------------------------------------------
FIGURE_VALUE: Final = _rule(
    "F001",
    "figure-value",
    "figure",
    "A figure agrees with the fact it is bound to, at the precision it is written",
    """The figure is bound to an index, a period and a metric by the words around it (stated,
    or inherited from the sentence or heading before), and compared with the brief's fact
    rounded half-up to the figure's own decimals, or within its hedge ("about 2.4%"). A
    stated binding that the data contradicts is a `mismatch` with the value the article
    should print; a close a few points off is the common case.""",
)
FIGURE_DIRECTION: Final = _rule(
    "F002",
    "figure-direction",
    "figure",
    "A change's sign and the direction word beside it agree with the data",
    """A change whose size is right and whose sign, or direction word ("fell 2.38%" for a
    gain, "lost +2.38%"), says the opposite is wrong either way: a reader takes the word.
    Reported as a `mismatch` with the signed display.""",
)
FIGURE_ATTRIBUTION: Final = _rule(
    "F003",
    "figure-attribution",
    "figure",
    "A figure that is exactly another fact: another day, index, metric or period",
    """When the figure misfits what it is bound to but is exactly one other fact of the brief
    that differs in one attribute (the previous session's close, the S&P 500's change in a
    sentence on the Nasdaq, the intraday high for the closing high), the finding is
    `misattributed` and names both: a figure left over from another session is the second
    most common error of published recaps.""",
)
CHANGE_BASE: Final = _rule(
    "F004",
    "change-base",
    "figure",
    "A weekly or year-to-date change measured from the wrong base",
    """A week's change is measured from the previous week's last close and a year's from the
    previous year's last close. A wrong change that one of the usual wrong bases explains
    (Monday's or Thursday's close for the week, the year's first session for YTD, the week's
    open) is reported as a `mismatch` that says which base was used: the most common error
    of published recaps.""",
)
DISTANCE_FROM_LEVEL: Final = _rule(
    "F005",
    "distance-from-level",
    "figure",
    "A distance from a stated level agrees with the close",
    """ "8.18% below the 2,442.03 close it reached on Nov. 25": a distance the article
    measures from a level it states is measured from that level to the close (the week's
    last, or the session the sentence names). Verified when it fits; a `mismatch` when the
    brief holds the level and the distance is wrong; unsupported when the brief does not
    hold the level.""",
)
OUTSIDE_BRIEF: Final = _rule(
    "F006",
    "outside-brief",
    "figure",
    "A figure about something the brief does not cover",
    """A company, a sector, a sub-index, a commodity, a bond yield or an index outside the
    brief: the figure is read and bound, and left `unsupported` (an error under `--strict`
    only), never judged against the index it stands beside.""",
)
FIGURE_UNSETTLED: Final = _rule(
    "F007",
    "figure-unsettled",
    "figure",
    "A figure no fact can settle, or whose binding is only a guess",
    """The article does not say which index, period or metric the figure is, the brief holds
    no such figure, or the only fact it fits is of a day or index other than the one the
    text before was about. An error needs a stated binding the data contradicts; a guess
    can only lead to `unsupported`, which is an error under `--strict` (drafts) and a
    warning otherwise.""",
)
RESULT_SIGN: Final = _rule(
    "F008",
    "result-sign",
    "figure",
    "A company's result written as a profit is a profit, and as a loss a loss",
    """An earnings figure of the right size whose words give the wrong sign: a net loss of
    $214.3 million written as "net income of $214.3 million", "8 cents per share" for a loss
    of 8 cents, or "a loss of" for a profit. The sign is read from the nearest result word
    ("a loss of", "net loss", "lost", "profit") or a written minus or parentheses; the
    finding is a `mismatch` named "sign", with the figure as it should read.""",
)
MONEY_SCALE: Final = _rule(
    "F009",
    "money-scale",
    "figure",
    "A money figure off by its scale: billion for million, cents for dollars",
    """An earnings figure whose digits are right but whose scale is not: the value times or
    over 1,000 ("$329 billion" for $329 million) or 100 ("$74" for 74 cents). A `mismatch`
    that names the factor, with the figure at the right scale.""",
)
FIGURE_DENIED: Final = _rule(
    "F010",
    "figure-denied",
    "figure",
    "A figure the text denies is not the data's",
    """The words right before a figure deny it ("did not close the week at 2,281.42", "is not
    above 2,400", "never hit 2,500", "rose 3%, not 2%"). The figure is bound and judged as
    if affirmed, then the verdict turns over: a denied figure the data holds is
    `contradicted`; one its fact does not fit (a mismatch, or true only of another fact) is
    verified when the figure is exact or
    a relation to a level (not above 2,400 is at or below it); a denied hedge with a nearness
    ("did not rise more than 2%") is left `unsupported`, since the data not fitting the hedge
    does not make the denial true. A figure that was unsettled stays so, and so does a
    denied relation with no period ("failed to close above 2,300": which session?).""",
)
FIGURE_UNREAD: Final = _rule(
    "F011",
    "figure-unread",
    "figure",
    "A number a reader sees but the checker cannot read as a figure",
    """Digits written as HTML character references ("&#50;&#44;&#50;&#56;&#49;", shown by a
    browser as 2,281) and runs of superscript or subscript digits standing on their own
    ("²,⁴¹⁸.⁴²") are numbers to a reader and none to the figure reader. Each is reported
    `unsupported` (an error under `--strict`, a warning with `--allow-unsupported`), asking
    for plain digits, so a wrong figure cannot pass in such a form in silence. A superscript
    glued to a word or a figure ("2.38%²") is a footnote mark, not a number.""",
)
FIGURE_UNACCOUNTED: Final = _rule(
    "F012",
    "figure-unaccounted",
    "figure",
    "Every number a reader sees is a figure the checker judged or a named non-figure",
    """After reading, each run of digits left in the text is accounted for: inside a figure
    or a date the checker judged, or a named non-figure (a table's column name, part of a
    name or word such as Q3 or HK50, a rank, a year, a time of day, part of a slashed date;
    docs/checking.md lists them). Anything else is a number the reader failed to read
    ("CL=F$71.76" glued to a ticker, a figure in a form nobody anticipated), reported
    `unsupported`: an error under `--strict`, a warning with `--allow-unsupported`, never
    silence.""",
)

# --- dates ---------------------------------------------------------------------------------
WEEKDAY_DATE: Final = _rule(
    "D001",
    "weekday-date",
    "date",
    "A weekday written with a date is that date's weekday",
    """ "Tuesday, Aug 6": the weekday and the calendar date must agree; a `mismatch` gives
    the right pair.""",
)
SESSION_DATE: Final = _rule(
    "D002",
    "session-date",
    "date",
    "A date of the brief's week is a session of its exchange",
    """A weekday of the week on which the exchange did not trade is a `mismatch` unless the
    sentence says the market was closed (a holiday); a weekend date is a dateline; a day
    after the session a daily wrap reports is an outlook.""",
)
DATE_OUTSIDE: Final = _rule(
    "D003",
    "date-outside",
    "date",
    "A date outside the brief's week",
    """Background dates (a record in February, data due next Wednesday) are read and left
    `unsupported`: the brief holds no figures for them.""",
)
WRONG_WEEK: Final = _rule(
    "D004",
    "wrong-week",
    "date",
    "The article is about another week than the brief",
    """When most of its dated mentions, its day-by-day walk or its front matter put the
    article in one other week, and its figures mostly misfit, the report is one `wrong_week`
    finding instead of a wall of mismatches: check it against its own week's data.""",
)
REPORT_DATE: Final = _rule(
    "D006",
    "report-date",
    "date",
    "A date or weekday of an earnings story is one its brief holds",
    """The days an earnings snapshot speaks of are the report's (and its weekday: "said
    Tuesday"), the close it prices the share at, the quarters' ends ("the quarter ended Sept.
    30"), the bases of the share's moves and the filing's. Another date where the sentence
    reports the results or says when the quarter ended is a `mismatch` with the right day;
    elsewhere it is background the brief holds nothing for, `unsupported`.""",
)
FISCAL_QUARTER: Final = _rule(
    "D005",
    "fiscal-quarter",
    "date",
    "A quarter label names the brief's fiscal quarter, or its calendar quarter",
    """ "fiscal Q3", "third-quarter", "3Q", "fiscal 2024", "the June quarter" in an earnings
    story: a label with "fiscal" or "FY" must name the fiscal quarter; one without may name
    the calendar quarter the fiscal quarter ends in. The year-ago or previous quarter may be
    named where the sentence compares with it. Any other quarter is a `mismatch` (a fiscal Q4
    headlined as "Q3"); a fiscal year the brief holds no quarter of is `unsupported`.""",
)

# --- phrases -------------------------------------------------------------------------------
DIRECTION_OVER_PERIOD: Final = _rule(
    "P001",
    "direction-over-period",
    "phrase",
    "A direction claimed for a period agrees with the period's change",
    """ "finished the week lower", "in positive territory for the year", "posted a weekly
    gain", "flat on Tuesday": the direction is settled by the sign of the index's change
    over the period the words name (a session, the week, the year to date); `flat` means
    under a tenth of a percent. A false direction claim is `contradicted`.""",
)
EXTREME_ON_DAY: Final = _rule(
    "P002",
    "extreme-on-day",
    "phrase",
    "The week's high or low was on the day the article says",
    """ "hit its weekly high on Wednesday": the closing or intraday extreme (as the words
    say, else either) must fall on the session named; otherwise `contradicted` with the day
    it was on.""",
)
EVERY_SESSION: Final = _rule(
    "P003",
    "every-session",
    "phrase",
    "A move claimed for every session of the week happened on every session",
    """ "rose in every session this week": every daily change of the week must have that
    sign; the first session that does not is named in the `contradicted` finding.""",
)
WEEK_START: Final = _rule(
    "P004",
    "week-start",
    "phrase",
    "The week opened on the session the article says",
    """ "On Tuesday the week opened ...": the week's first session is the one named, not a
    day after a holiday's gap. A wrong day is `contradicted`.""",
)
TICKER_NAME: Final = _rule(
    "P005",
    "ticker-name",
    "phrase",
    "A ticker in brackets names the index written before it",
    """ "the Nasdaq Composite (SPX)": a ticker that belongs to another index than the name
    before it is `misattributed`: one of the two is wrong and a reader cannot tell which.""",
)
GAVE_BACK: Final = _rule(
    "P006",
    "gave-back",
    "phrase",
    "Gains or losses given back (or recovered) by the day the article says",
    """ "gave back Monday's gains by Wednesday": the session named must have moved that way,
    and the later close must be at or beyond the close before it; otherwise
    `contradicted`.""",
)
COMPARE_ENTITIES: Final = _rule(
    "P007",
    "compare-entities",
    "phrase",
    "One index outperformed or lagged another over the period",
    """ "The Russell 2000 outpaced the S&P 500 this week": the two indices' changes over the
    period named (the week when none is) must be ordered as the words say.""",
)
W52_EXTREME: Final = _rule(
    "P008",
    "w52-extreme",
    "phrase",
    "A new 52-week high or low was set this week",
    """ "hit a 52-week high": the trailing 52-week extreme (closing or intraday, as the words
    say) must have been set on a session of the week; otherwise `contradicted` with where
    the range's end stands.""",
)
ESTIMATE_VERDICT: Final = _rule(
    "P009",
    "estimate-verdict",
    "phrase",
    "Beat, missed or matched the analysts' estimate as the estimate block says",
    """ "topped Wall Street expectations", "fell short of analysts' forecasts": only a brief
    with an estimate block licenses these words; without one the claim is `contradicted` (the
    data holds no estimate to beat). With one, the adjusted EPS is compared with the
    consensus, and a verdict the numbers do not give is `contradicted`. A verdict on revenue
    (no revenue estimate in the data) is `unsupported`.""",
)
RESULT_WORD: Final = _rule(
    "P010",
    "result-word",
    "phrase",
    "Profit and loss words agree with the sign of the result",
    """ "posted a loss", "swung to a profit", "lost money" without a figure: the word's sign
    is held to the net income (or EPS) of the quarter the sentence speaks of, the year-ago
    one after "a year earlier". A profit word for a loss, or the reverse, is
    `contradicted`.""",
)
METRIC_DIRECTION: Final = _rule(
    "P011",
    "metric-direction",
    "phrase",
    "A result said to have risen or fallen did so from the year-ago quarter",
    """ "revenue rose", "net income declined", "earnings per share fell" without a change
    figure after the verb: the direction is held to the metric's change from the year-ago
    quarter (on the restated basis when the filing restated it); the wrong direction is
    `contradicted`.""",
)

RECORD_CLAIM: Final = _rule(
    "P012",
    "record-claim",
    "phrase",
    "A record close or all-time high is not below an earlier close the data holds",
    """ "closed at a record", "hit an all-time high" (no figure after it): the session's
    close (for a high, its close and its intraday high) is held to every earlier close (and
    intraday high) the brief holds, back to the first session of its data. Below one, the
    claim is `contradicted`; at or above them all it is `unsupported`, never verified: the
    data starts on a known day, and an all-time record needs the whole history.""",
)
WEEK_RANK: Final = _rule(
    "P013",
    "week-rank",
    "phrase",
    "A week called the year's best or worst is the year's best or worst so far",
    """ "its best week of the year", "the biggest weekly gain of 2025", "its worst week so far
    this year": the week's change is held to the best (worst) weekly change of the calendar
    year to the reported week, each week's last close against the week before's (the brief's
    `E.year.best_week_pct` and `E.year.worst_week_pct`). Another week's being better (worse)
    is `contradicted`, naming that week; a year the brief holds no weeks of is
    `unsupported`.""",
)

# --- streaks -------------------------------------------------------------------------------
STREAK_CURRENT: Final = _rule(
    "S001",
    "streak-current",
    "streak",
    "A streak as of the week's end, or of the weeks before, has the length claimed",
    """ "its third straight weekly gain", "five sessions in a row": the count and its
    direction are compared with the brief's streak fact (sessions or weeks, counted from the
    data before the week too). A false streak is a `mismatch` with the real length; a
    streak the data is too short to count is `unsupported`.""",
)
STREAK_ON_DAY: Final = _rule(
    "S002",
    "streak-on-day",
    "streak",
    "A daily streak as of a session the article names has the length claimed",
    """ "a second straight gain on Tuesday", "ending a five-day winning streak" on Friday:
    counted from the week's daily changes up to that session. When the run reaches back
    beyond the data, a count no longer than it is `unsupported`, not wrong.""",
)

# --- form (drafts) -------------------------------------------------------------------------
_FORM = (
    ("A001", "headline", "One `# ` headline line opens the article"),
    ("A002", "prose", "Paragraphs of sentences, not lists of labels and values"),
    ("A003", "sections", "The article is organised under `## ` section headings"),
    ("A004", "length", "The article is of the house length"),
    ("A005", "fact-id", "No fact id from the data in the text"),
    ("A006", "fact-list", "No line of the data's `display | label` list"),
    ("A007", "hole", "No placeholder or template hole"),
    ("A008", "link", "No links or URLs but the article's own images"),
    ("A009", "chat", "No chat text addressed to the requester"),
    ("A010", "echo", "The instructions are not repeated"),
    ("A011", "disclaimer", "The article ends with the disclaimer, once"),
    ("A012", "repeat", "Each thing is said once"),
    ("A013", "lede", "The lede gives the index, its change and its close"),
    ("A014", "verified", "At least one figure of the article is one the data verifies"),
    ("A015", "result-lede", "An earnings lede gives the quarter's result and names the quarter"),
)
#: The form rules by name (`factcheck.form.RULES` row -> its registry entry).
FORM: Final = {
    name: _rule(
        code,
        name,
        "form",
        summary,
        f"""A rule of the house form that `writer draft` holds every draft to before it is
        published: {summary[0].lower() + summary[1:]}. A finding is `not_an_article`, with
        the fix the model is asked to make; `writer check --form` applies it to any
        article.""",
    )
    for code, name, summary in _FORM
}

# --- input ---------------------------------------------------------------------------------
UNREADABLE: Final = _rule(
    "I001",
    "unreadable",
    "input",
    "A file that could not be read or placed in a week",
    """Not text, too large, front matter that cannot be parsed, no ticker or week known for
    it: one `unreadable` error finding for that file, with what to do, while the other files
    of the run are still checked.""",
)
NO_DATA: Final = _rule(
    "I002",
    "no-data",
    "input",
    "The market data a file's brief needs is unavailable",
    """The source is down or holds no bars for the week: one `no_data` error finding for that
    file (exit 3 when nothing else is wrong), never a verdict on its figures.""",
)
BRIEF_DIFFERS: Final = _rule(
    "I003",
    "brief-differs",
    "input",
    "The brief attached to an article disagrees with the market data",
    """A drafted article's `.brief.json` sidecar says what it was written from; when the
    market data today says otherwise (a revised bar, an edited sidecar), each differing fact
    is a `mismatch` and the article is checked against the market data.""",
)
NOTHING_CHECKED: Final = _rule(
    "I004",
    "nothing-checked",
    "input",
    "An article in which the checker found nothing to check",
    """No figure, date or worded claim that the checker could read (an empty body, an
    article in a language or layout it does not read): a gate that passes it has checked
    nothing, so `writer check` says so, an error in strict mode and a warning with
    `--allow-unsupported`, instead of reporting `0 claims` as a pass.""",
)

#: Every rule, in registry order (families as in FAMILIES, codes ascending).
RULES: Final[tuple[Rule, ...]] = tuple(
    sorted(_ALL, key=lambda r: (list(FAMILIES).index(r.family), r.code))
)
BY_CODE: Final = {r.code: r for r in RULES}


def listing(fmt: str) -> str:
    """The registry for `writer check --list-rules`: `text` (a line per rule, by family),
    `json` (every field of every rule) or `markdown` (docs/rules.md)."""
    if fmt == "json":
        rows = [
            {"code": r.code, "name": r.name, "family": r.family, "summary": r.summary, "doc": r.doc}
            for r in RULES
        ]
        return json.dumps(rows, indent=2) + "\n"
    if fmt == "markdown":
        return markdown()
    lines = []
    for family, about in FAMILIES.items():
        lines.append(f"{about[0].upper()}{about[1:]}:")
        lines += [f"  {r.code}  {r.name:<22} {r.summary}" for r in RULES if r.family == family]
    return "\n".join(lines) + "\n"


def markdown() -> str:
    """The registry as the Markdown page docs/rules.md (a test keeps the two the same)."""
    lines = [
        "# The checker's rules",
        "",
        "Every finding of `writer check` carries the code of the rule that made it (the",
        "`rule` field of JSON claims, SARIF `ruleId`, rdjson `code`). This page is generated",
        "from `factcheck/rules.py` (`writer check --list-rules --format markdown`); each rule",
        "has a fixture in `tests/rules/<CODE>.md` that shows what it verifies and catches.",
        "",
    ]
    for family, about in FAMILIES.items():
        lines += [f"## {about[0].upper()}{about[1:]}", ""]
        for r in RULES:
            if r.family == family:
                lines += [f"### {r.code} {r.name}", "", f"**{r.summary}.** {r.doc}", ""]
    return "\n".join(lines)
