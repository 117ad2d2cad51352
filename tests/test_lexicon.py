"""One lexicon (issue 20, item 1): every word the checker knows is a row of
`factcheck.grammar`, and the patterns are built from those rows.

- No regex source outside grammar.py spells a word of the lexicon's word classes (read from
  the source with `ast`: `lexicon_source.py`), except the words `STILL_SPELLED` lists, which
  may only shrink.
- Every row is read: a pattern built from its table matches it (through the Scan's
  prefilter, so a row a prefilter leaves out fails).
- A new phrasing is one row: grammar's source with one row added gives a pattern that reads
  it, and a judge that reads its meaning.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck import grammar as g
from factcheck.patterns import Scan
from tests.lexicon_source import Reader, spelled

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (ROOT / "factcheck", ROOT / "writer")


def _rows(table: object) -> set[str]:
    """The words of a table as its rows spell them, whatever the shape of its rows."""
    if isinstance(table, dict):
        return {str(k) for k in table}
    out: set[str] = set()
    for row in table:  # type: ignore[attr-defined]
        if isinstance(row, str):
            out.add(row)
        elif isinstance(row, g.Verb | g.StreakWord):
            out.add(row.word)
        elif isinstance(row, tuple) and isinstance(row[0], str):
            out.add(row[0])
        elif isinstance(row, tuple) and isinstance(row[0], tuple):  # METRIC_WORDS
            out.update(row[0])
    return out


def _words(table: object) -> set[str]:
    """The words of a table, lower case."""
    return {w.lower() for w in _rows(table)}


#: The lexicon's word classes: the tables whose words no pattern outside grammar.py spells.
WORD_CLASSES: dict[str, tuple[object, ...]] = {
    "direction": (
        g.DIRECTION,
        g.MOVE_VERBS,
        g.WAYS,
        g.GAP_SIDES,
        g.SIGNS,
        g.COMPARATIVES,
        g.MOVE_NOUNS,
        g.COMPARE_VERBS,
    ),
    "verbs of claims": (
        g.FINISH_VERBS,
        g.CAP_VERBS,
        g.OPEN_VERBS,
        g.RESULT_VERBS,
        g.REACH_VERBS,
        g.GIVE_BACK_VERBS,
        g.STREAK_BREAK_VERBS,
    ),
    "streak": (g.STREAK_WORDS,),
    "period": (
        g.PERIOD_PHRASES,
        g.TERRITORY_SPANS,
        g.PRIOR_WORDS,
        g.PAST_SPAN_ADJECTIVES,
        g.SINCE_YEAR_END,
        g.THE_MONTH_OF,
        g.BRIEF_SPANS,
        g.COLUMN_PERIODS,
    ),
    "metric": (
        g.METRIC_WORDS,
        g.EXTREMES,
        g.EXTREME_KINDS,
        g.EXTREME_NOUNS,
        g.RECORD_WORDS,
        g.SUPERLATIVES,
        g.COLUMN_METRICS,
    ),
    "index and entity": (
        g.OUTSIDE,
        g.INDEX_NOUNS,
        g.INDEX_TITLES,
        g.COMPANY_RESULTS,
        g.RESULT_NOUNS,
        g.DIGIT_INDEX_NAMES,
        g.DIGIT_INDEX_NAMES_HYPHENATED,
        g.MASKED_DIGIT_NAMES,
        g.LABEL_DIGIT_NAMES,
    ),
    "calendar": (g.MONTHS, g.WEEKDAYS),
    "earnings": (
        g.EARNINGS_METRICS,
        g.EARNINGS_BASES,
        g.EARNINGS_PERIODS,
        g.ESTIMATE_VERDICTS,
        g.QUARTER_ORDINALS,
        g.QUARTER_NOUNS,
        g.QUARTER_ENDED,
        g.CROSSING_VERBS,
        g.FISCAL_PREFIXES,
    ),
    "qualifiers": (
        g.TOTAL_RETURN,
        g.PAST_DECLINES,
        g.INTRADAY_WORDS,
        g.TOP_MOVERS,
    ),
}
#: Not word classes: function words (`BASE_PREPOSITIONS`, `SEQUENCE_WORDS`: "from", "after"),
#: hedges (`HEDGE_WORDS`: "about", "over", "some"), units (`PERCENT_WORDS`), `NOT_NAMES`
#: (capitalised sentence openers) and the few function words some selections of rows add
#: ("over", "in front"): rows of the lexicon, but words every kind of pattern uses.
LEXICON: frozenset[str] = frozenset(
    w for tables in WORD_CLASSES.values() for t in tables for w in _words(t) if w != "%"
)

#: Words still spelled in a regex outside the lexicon, by file: what is left to move.  This
#: may only shrink: a word moved out of a file must be removed here (a stale entry fails).
STILL_SPELLED: dict[str, set[str]] = {
    # none left: a file that must spell a word of the lexicon for now is listed here, with
    # its words, and the list may only shrink
}
#: Words of the lexicon a regex spells in another sense, by file: never to move.
NOT_THE_WORD: dict[str, set[str]] = {
    # "[index]", a template hole (with "[insert]", "[figure]"), not an index word
    "factcheck/scan.py": {"index"},
    # ordinals of a streak's count ("its third straight gain"), not of a quarter
    "factcheck/streak_counts.py": {"first", "second", "third", "fourth"},
    # the `--quarters FY2024-Q1..FY2024-Q4` argument, not a label in prose
    "writer/draft/batch.py": {"fy"},
}


def _spelled_by_file() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for root in PACKAGES:
        reader = Reader(root, frozenset({"grammar"}))
        for path in sorted(root.rglob("*.py")):
            if path.name == "grammar.py" and root.name == "factcheck":
                continue
            for piece in reader.pieces(path):
                if piece.path.name == "grammar.py":
                    continue
                words = spelled(piece.text, LEXICON)
                if words:
                    found.setdefault(piece.path.relative_to(ROOT).as_posix(), set()).update(words)
    return found


def test_the_lexicon_has_its_word_classes() -> None:
    assert len(LEXICON) > 900
    for word in ("rose", "closed higher", "in a row", "year to date", "peak", "nikkei 225"):
        assert word in LEXICON, word


def test_no_regex_outside_the_lexicon_spells_a_word_of_it() -> None:
    found = _spelled_by_file()
    allowed = {f: STILL_SPELLED.get(f, set()) | NOT_THE_WORD.get(f, set()) for f in found}
    unexpected = {f: sorted(ws - allowed[f]) for f, ws in found.items() if ws - allowed[f]}
    assert not unexpected, f"move these words into factcheck/grammar.py rows: {unexpected}"


def test_still_spelled_only_lists_words_still_spelled() -> None:
    found = _spelled_by_file()
    listed = {f: STILL_SPELLED.get(f, set()) | NOT_THE_WORD.get(f, set()) for f in found}
    listed |= {f: ws for f, ws in (STILL_SPELLED | NOT_THE_WORD).items() if f not in found}
    stale = {
        f: sorted(ws - found.get(f, set())) for f, ws in listed.items() if ws - found.get(f, set())
    }
    assert not stale, f"moved already: remove them from STILL_SPELLED: {stale}"


def test_the_reader_finds_words_in_regex_sources_only() -> None:
    words = frozenset({"rose", "closed higher", "week", "year-to-date"})
    assert spelled(r"\b(?:rose|fell)\s+", words) == {"rose"}
    assert spelled(r"\bclosed\s+higher\b", words) == {"closed higher"}
    assert spelled(r"(?P<week>\d+)\s*-?\s*weeks?", words) == {"weeks"} & words
    assert spelled(r"year-to-date|ytd", words) == {"year-to-date"}
    assert spelled(r"(?:rosewood|prose)", words) == set()


# --- every row is read --------------------------------------------------------------------


def _reads(pattern: object, text: str, word: str) -> bool:
    """Does `pattern` match `text` over the whole of `word` in it (through its prefilter)?"""
    at = text.index(word)
    if isinstance(pattern, _Cased):
        return any(m.start() <= at and m.end() >= at + len(word) for m in pattern.finditer(text))
    if isinstance(pattern, Scan):
        if not (pattern.may_match(text) and pattern.may_match_lowered(text.lower())):
            return False
        pattern = pattern.regex
    return any(m.start() <= at and m.end() >= at + len(word) for m in pattern.finditer(text))


class _Cased:
    """A pattern that reads words as the checker gives them to it: capitalised as articles
    write them ("Aug", "Friday"), or lower-cased ("nikkei 225")."""

    def __init__(self, pattern: Scan | re.Pattern[str], lower: bool) -> None:
        self.pattern = pattern
        self.lower = lower

    def _text(self, text: str) -> str:
        if self.lower:
            return text.lower()
        return re.sub(r"\b[a-z]", lambda m: m.group(0).upper(), text)

    def finditer(self, text: str) -> list[re.Match[str]]:
        return list(self.pattern.finditer(self._text(text)))

    def search(self, text: str) -> re.Match[str] | None:
        return next(iter(self.finditer(text)), None)


def _readers() -> dict[str, list[tuple[object, str, bool]]]:
    """Table name -> the patterns built from it: (pattern, text with `{}` for a row, whether
    a row makes it match (True) or keeps it from matching (False))."""
    from factcheck import (
        compact_table,
        datewords,
        extract,
        qualitative,
        streak_counts,
        streak_judges,
    )
    from factcheck import figures as extract_figures
    from factcheck.bind import names
    from factcheck.bind import patterns as bp
    from factcheck.brief import Entity
    from factcheck.earnings import engine as earnings_engine
    from factcheck.earnings import quarters
    from factcheck.earnings import words as ew

    q = qualitative
    generic = re.compile(rf"\b(?:{bp._ENTITY_GENERIC})\b", re.ASCII)
    entity = Entity(key="X", yahoo="^X", name="Xyzzy", calendar="XNYS")
    from factcheck.genres import GENRES

    # every genre's names outside its data (the weekly index's: OUTSIDE and company results)
    every_outside = tuple(dict.fromkeys(n for g in GENRES.values() for n in g.outside))
    outside, _keys = names._entity_regex_cached((entity,), every_outside)
    moves = [(bp.FOLLOW_DIR_RE, " {}", True), (bp._FOLLOW_GAP_RE, " {} on the ", True)]
    moves += [(q.GAVE_BACK_SCAN, "gave back all of its {}", True)]
    moves += [(bp._MOVE_IN_RE, " {} in the ", True), (bp._OR_LINK_RE, " a {} of", True)]
    return {
        "DIRECTION": [(bp._METRIC_OR_DIRECTION_RE, "it {} now", True)],
        "MOVE_VERBS": [(bp._MOVE_AFTER_NAME_RE, " {} 5", True)],
        "WAYS": [(q.FINISH, "closed {}", True)],
        "GAP_SIDES": [(bp._DISTANCE_RE, " {} its high", True)],
        "SIGNS": [(q.FINISH, "closed {}", True)],
        "COMPARATIVES": [(bp.FOLLOW_DIR_RE, " {}", True)],
        "MOVE_NOUNS": moves,
        "COMPARE_VERBS": [
            (q.RELATIVE, "it {} the nasdaq", True),
            (bp._COMPARE_VERB_RE, " {} ", True),
        ],
        "FINISH_VERBS": [
            (q.FINISH, "{} higher", True),
            (q.WEEK_MOVE, "{} the week with a loss", True),
            (bp._CLOSE_AT_RE, "{} at ", True),
            (bp._WEEK_CLOSER_RE, "{} the ", True),
        ],
        "CAP_VERBS": [(bp._WEEK_CLOSER_RE, "{} the ", True)],
        "OPEN_VERBS": [
            (q.WEEK_START_SCAN, "{} the week", True),
            (bp._PERIOD_RE, " {} the week ", True),
        ],
        "RESULT_VERBS": [(q.POSTED, "{} a weekly gain", True)],
        "REACH_VERBS": [(q.W52, "{} a ##-week high", True)],
        "GIVE_BACK_VERBS": [(q.GAVE_BACK_SCAN, "{} all of its gains", True)],
        "STREAK_BREAK_VERBS": [(streak_judges._STREAK_ENDED_RE, " {} a ", True)],
        "STREAK_WORDS": [
            (streak_counts.STREAK_HINT_RE, " {} ", True),
            (streak_judges._STREAK_UP, " {} ", True),
            (streak_judges._STREAK_DOWN, " {} ", True),
            (extract.NAME_DIGITS_RE, "a 3-day {}", False),
        ],
        "PERIOD_PHRASES": [(bp._PERIOD_RE, " {} ", True)],
        "TERRITORY_SPANS": [(q.TERRITORY, "in positive territory for {}", True)],
        "PAST_SPAN_ADJECTIVES": [(bp._PAST_SPAN_RE, "over the {} decade", True)],
        "SINCE_YEAR_END": [(bp._PERIOD_DIGITS_RE, " {} 2024", True)],
        "THE_MONTH_OF": [(bp._MONTH_SPAN_RE, "during {} june", True)],
        "PRIOR_WORDS": [(bp._PREV_WORD_RE, "{} ", True)],
        "BRIEF_SPANS": [(bp._PAST_SPAN_RE, "over the past {}", False)],
        "METRIC_WORDS": [(bp._METRIC_OR_DIRECTION_RE, "it {} now", True)],
        "EXTREMES": [
            (q.WEEK_EXTREME, "its weekly {}", True),
            (q.WEEK_EXTREME, "the {} of the week", True),
            (bp._MONTH_RE, "the january {}", True),
        ],
        "EXTREME_KINDS": [
            (q.WEEK_EXTREME, "its weekly {} high", True),
            (q.WEEK_EXTREME, "the highest {} of the week", True),
            (bp._METRIC_GAP_RE, " the {} ", True),
        ],
        "EXTREME_NOUNS": [(q.WEEK_EXTREME, "the highest {} of the week", True)],
        "RECORD_WORDS": [(bp._EXTREME_BEFORE_RE, "the {} ", True)],
        "SUPERLATIVES": [(bp._SUPERLATIVE_SCOPE_RE, "the {} of ", True)],
        "OUTSIDE": [(_Cased(outside, lower=True), " {} ", True)],
        "COMPANY_RESULTS": [(_Cased(outside, lower=True), " {} ", True)],
        "INDEX_NOUNS": [(generic, "the {}", True), (bp._ANOTHER_SUBJECT_RE, " {} ", True)],
        "DIGIT_INDEX_NAMES": [
            (extract.NAME_DIGITS_RE, " {} ", True),
            (compact_table._LABEL_RE, "{} +1.2", True),
        ],
        "DIGIT_INDEX_NAMES_HYPHENATED": [
            (extract.NAME_DIGITS_RE, " {} ", True),
            (compact_table._LABEL_RE, "{} +1.2", True),
        ],
        "MASKED_DIGIT_NAMES": [(extract.NAME_DIGITS_RE, " {} ", True)],
        "LABEL_DIGIT_NAMES": [(compact_table._LABEL_RE, "{} +1.2", True)],
        "INDEX_TITLES": [(bp._SUB_INDEX_RE, " Tech {}", True)],
        "RESULT_NOUNS": [(bp._COMPANY_RESULT_RE, " rise in {}", True)],
        "MONTHS": [(_Cased(datewords.DATE_RE, lower=False), "on {} 4, 2025", True)],
        "WEEKDAYS": [(_Cased(datewords.DATE_RE, lower=False), "on {}, Aug 4", True)],
        "TOTAL_RETURN": [(bp._TOTAL_RETURN_RE, " {}", True)],
        "PAST_DECLINES": [(bp._PAST_DECLINE_RE, " {}", True)],
        "INTRADAY_WORDS": [(bp._INTRADAY_MOVE_RE, "{} ", True)],
        "TOP_MOVERS": [(bp._TOP_MOVER_RE, "the biggest {}", True)],
        "EARNINGS_METRICS": [(ew._CUE_RE, " {} ", True)],
        "EARNINGS_BASES": [(ew._CUE_RE, " {} ", True)],
        "EARNINGS_PERIODS": [(ew._CUE_RE, " {} ", True)],
        "ESTIMATE_VERDICTS": [(ew.VERDICT_RE, "it {} the estimate", True)],
        "QUARTER_ORDINALS": [(quarters._ORDINAL_RE, "its {} quarter", True)],
        "QUARTER_NOUNS": [(quarters._MONTH_RE, "the june {}", True)],
        "QUARTER_ENDED": [(quarters._ENDED_RE, "the quarter {} july 2022", True)],
        "CROSSING_VERBS": [(earnings_engine._CROSSED_RE, "revenue {} ", True)],
        "FISCAL_PREFIXES": [(quarters._YEAR_RE, "in {} 2024", True)],
        "MONEY_SCALES": [(_Cased(extract_figures.FIGURE_RE, lower=True), "$1.5 {} ", True)],
        "MONEY_SCALE_LETTERS": [(extract_figures.FIGURE_RE, "$1.5{} ", True)],
        "CENT_WORDS": [(extract_figures.FIGURE_RE, "74 {} ", True)],
        "COUNT_NOUNS": [(ew.COUNT_AFTER_RE, "10 {}", True)],
    }


READERS = _readers()
#: Tables read by code rather than a pattern, and the test that reads each row.
READ_BY_CODE = {"COLUMN_PERIODS", "COLUMN_METRICS"}


def test_every_word_class_table_has_its_readers() -> None:
    read = set(READERS) | READ_BY_CODE
    for tables in WORD_CLASSES.values():
        for table in tables:
            names = {n for n, v in vars(g).items() if v is table}
            assert names & read, f"no reader for grammar.{sorted(names)}"


@pytest.mark.parametrize("table", sorted(READERS))
def test_every_row_is_read_by_a_pattern_built_from_its_table(table: str) -> None:
    """Each row matches some pattern that reads its table, through the pattern's prefilter;
    a row that keeps a pattern from matching (a negative lookahead) does so where another
    word does not."""
    control = "zzyzx"
    unread = []
    for word in sorted(_rows(getattr(g, table))):
        read = False
        for pattern, template, matches in READERS[table]:
            text = template.format(word)
            if matches:
                read = read or _reads(pattern, text, word)
            else:
                other = template.format(control)
                assert _reads(pattern, other, control) or pattern.search(other), (table, other)
                read = read or not pattern.search(text)
        if not read:
            unread.append(word)
    assert not unread, f"rows of grammar.{table} no pattern reads: {unread}"


@pytest.mark.parametrize("table", sorted(READ_BY_CODE))
def test_every_table_header_row_names_its_meaning(table: str) -> None:
    for word, meaning in getattr(g, table):
        column = g.header_words(word)
        said = column.period if table == "COLUMN_PERIODS" else column.metric
        assert said == meaning, (word, meaning, column)


# --- a new phrasing is one row ---------------------------------------------------------------


def _with_one_row(old: str, new: str, probe: str) -> str:
    """Run `probe` in a fresh interpreter whose grammar is the source with `old` replaced by
    `new` (one row added), and return what it prints."""
    source = (ROOT / "factcheck" / "grammar.py").read_text(encoding="utf-8")
    assert source.count(old) == 1, old
    program = (
        "import sys, types\n"
        f"source = {source.replace(old, new)!r}\n"
        "module = types.ModuleType('factcheck.grammar')\n"
        "sys.modules['factcheck.grammar'] = module\n"
        "exec(compile(source, 'grammar.py', 'exec'), module.__dict__)\n" + probe
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return done.stdout.strip()


def test_a_compare_verb_row_is_read_by_the_relative_claim_with_its_direction() -> None:
    """ "outshone the Nasdaq": one row of COMPARE_VERBS, and the RELATIVE scan finds it and
    its judge reads it as the better of the two."""
    probe = (
        "from factcheck.qualitative import RELATIVE\n"
        "m = RELATIVE.search('the index outshone the nasdaq this week')\n"
        "print(m.group('verb'), m.group('pos') is not None)\n"
    )
    assert _with_one_row('"bested", "outran"', '"bested", "outshone", "outran"', probe) == (
        "outshone True"
    )
    from factcheck.qualitative import RELATIVE

    assert RELATIVE.search("the index outshone the nasdaq this week") is None


def test_a_result_verb_row_is_read_by_the_posted_claim() -> None:
    probe = (
        "from factcheck.qualitative import POSTED\n"
        "print(POSTED.search('the index chalked up a weekly gain').group('dir'))\n"
    )
    assert _with_one_row('    "eked out",\n', '    "eked out",\n    "chalked up",\n', probe) == (
        "gain"
    )


def test_a_period_phrase_row_is_read_by_the_binder() -> None:
    probe = (
        "from factcheck.bind.patterns import _PERIOD_RE\n"
        "from factcheck.grammar import PERIOD_PHRASES\n"
        "m = _PERIOD_RE.search('rose 2% across the five days')\n"
        "print(m.group(0), PERIOD_PHRASES[m.group(0)])\n"
    )
    old = '    for n in ("two", "three", "four", "five", "2", "3", "4", "5"):\n'
    new = old + '        out[f"across the {n} days"] = PeriodKind.WEEK\n'
    assert _with_one_row(old, new, probe) == "across the five days week"
