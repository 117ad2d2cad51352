"""Patterns declared once; the speed tricks derived from them, never written by hand.

The checker scans every sentence with some forty word patterns.  Two tricks make that cheap:
a *lead*, a lookahead for the characters a match can start with (`(?=[bkos])` in front of
`\\b(?:opened|started|began|kicked\\s+off)`), which lets `re` reject most positions before it
tries the alternation; and a *prefilter*, substrings every match contains, tested with `in`
before the regex runs at all (most sentences hold none).  Written by hand, both drift out of
step with the pattern **silently**: a word added to the alternation and not to the lead or the
key list never matches, and no test fails.

`Scan` derives both from the pattern itself, by reading the parse tree `re` builds for it:
the lead is the set of characters any match can start with, and the prefilter is a list of
*clauses*, each a set of substrings of which every match contains at least one.  Both are
sound by construction (they only ever over-approximate what can match), so a pattern is the
one place a phrasing is taught, and `tests/test_patterns.py` proves the derivation on every
pattern of the checker.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any, Final

from factcheck._rx import has_any

# The parser `re.compile` itself uses (Python >= 3.11: re._parser, re._constants).
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

#: A lead is worth it only while it rejects most positions.
MAX_LEAD_CHARS: Final = 30
#: At most this many clauses are tested per text (the most selective ones).
MAX_CLAUSES: Final = 2
#: Below this many characters a regex search costs less than testing the keys first.
SHORT_TEXT: Final = 80
#: Branches of literals are multiplied out into keys up to this many.
MAX_KEYS: Final = 64

_INLINE_FLAGS_RE: Final = re.compile(r"\A\(\?[aiLmsux]+\)")
_PRINTABLE: Final = frozenset(chr(i) for i in range(32, 127)) | {"\t", "\n"}


class _Any(Exception):
    """Raised inside the analysis where a match could start with any character."""


def _chars_of_in(items: list[tuple[Any, Any]]) -> frozenset[str]:
    """The characters an `IN` set (a character class) can match; _Any when negated or open."""
    out: set[str] = set()
    for op, av in items:
        if op is _c.NEGATE:
            raise _Any
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE:
            lo, hi = av
            if hi - lo > 200:
                raise _Any
            out.update(chr(i) for i in range(lo, hi + 1))
        elif op is _c.CATEGORY:
            out.update(_category(av))
        else:
            raise _Any
    return frozenset(out)


def _category(cat: Any) -> frozenset[str]:
    if cat is _c.CATEGORY_DIGIT:
        return frozenset("0123456789")
    if cat is _c.CATEGORY_SPACE:
        return frozenset(" \t\n\r\f\v")
    if cat is _c.CATEGORY_WORD:
        return frozenset(c for c in _PRINTABLE if c.isalnum() or c == "_")
    raise _Any  # a negated category: almost anything


def _first(seq: Any) -> tuple[frozenset[str], bool]:
    """(the characters a match of `seq` can start with, whether it can match empty)."""
    out: set[str] = set()
    for op, av in seq:
        chars, nullable = _first_item(op, av)
        out |= chars
        if not nullable:
            return frozenset(out), False
    return frozenset(out), True


def _first_item(op: Any, av: Any) -> tuple[frozenset[str], bool]:
    if op is _c.LITERAL:
        return frozenset(chr(av)), False
    if op is _c.IN:
        return _chars_of_in(av), False
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return frozenset(), True  # zero width: the next item starts the match
    if op is _c.SUBPATTERN:
        return _first(av[-1])
    if op is _c.ATOMIC_GROUP:
        return _first(av)
    if op is _c.BRANCH:
        out: set[str] = set()
        nullable = False
        for alt in av[1]:
            chars, empty = _first(alt)
            out |= chars
            nullable = nullable or empty
        return frozenset(out), nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, _hi, body = av
        chars, empty = _first(body)
        return chars, empty or lo == 0
    raise _Any  # ANY, NOT_LITERAL, group references: anything can start there


# --- required substrings ------------------------------------------------------------------
# A clause is a frozenset of keys: every match contains at least one of them.  The analysis
# of a sequence keeps a run of literal text (a key growing character by character, or a set
# of them after a branch of literals) and the clauses of what it has passed.


def _literal_alternatives(seq: Any) -> frozenset[str] | None:
    """The strings `seq` can match when it is literal text and branches of it only."""
    outs: set[str] = {""}
    for op, av in seq:
        if op is _c.LITERAL:
            outs = {o + chr(av) for o in outs}
        elif op is _c.SUBPATTERN:
            inner = _literal_alternatives(av[-1])
            if inner is None:
                return None
            outs = {o + i for o in outs for i in inner}
        elif op is _c.BRANCH:
            alts: set[str] = set()
            for alt in av[1]:
                inner = _literal_alternatives(alt)
                if inner is None:
                    return None
                alts |= inner
            outs = {o + a for o in outs for a in alts}
        elif op is _c.IN:
            try:
                chars = _chars_of_in(av)
            except _Any:
                return None
            if len(chars) > 4:
                return None
            outs = {o + ch for o in outs for ch in chars}
        elif op is _c.MAX_REPEAT and av[0] == 0 and av[1] == 1:  # x?
            inner = _literal_alternatives(av[2])
            if inner is None:
                return None
            outs = {o + i for o in outs for i in (*inner, "")}
        else:
            return None
        if len(outs) > MAX_KEYS:
            return None
    return frozenset(outs)


def _clauses(seq: Any) -> list[frozenset[str]]:
    clauses: list[frozenset[str]] = []
    run: set[str] = {""}  # the literal text just passed, its possible spellings
    for op, av in seq:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: the text on either side is contiguous
        spelled = _literal_alternatives([(op, av)])
        if spelled is not None and "" not in spelled and len(run) * len(spelled) <= MAX_KEYS:
            run = {r + s for r in run for s in spelled}
            continue
        if "" not in run:
            clauses.append(frozenset(run))
        run = {""}
        if op is _c.SUBPATTERN:
            clauses += _clauses(av[-1])
        elif op is _c.ATOMIC_GROUP:
            clauses += _clauses(av)
        elif op is _c.BRANCH:
            best = [_best(_clauses(alt)) for alt in av[1]]
            if all(b is not None for b in best):
                union = frozenset().union(*(b for b in best if b is not None))
                if len(union) <= MAX_KEYS:
                    clauses.append(union)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            clauses += _clauses(av[2])
    if "" not in run:
        clauses.append(frozenset(run))
    return clauses


def _selectivity(clause: frozenset[str]) -> tuple[int, int]:
    """Longer shortest key first, then fewer keys: the clause that fails on most texts."""
    return (-min(len(k) for k in clause), len(clause))


def _best(clauses: list[frozenset[str]]) -> frozenset[str] | None:
    return min(clauses, key=_selectivity) if clauses else None


def derive(
    source: str, flags: int = 0
) -> tuple[frozenset[str] | None, tuple[frozenset[str], ...], bool]:
    """(the characters a match can start with, or None for any; the prefilter clauses;
    whether the pattern starts open: with something `re` cannot use as a literal prefix, a
    word boundary, a lookbehind, a group or a class, where a lead helps)."""
    parsed = _parser.parse(source, flags)
    starts_open = bool(parsed.data) and parsed.data[0][0] is not _c.LITERAL
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    try:
        first, nullable = _first(parsed)
        lead: frozenset[str] | None = None if nullable else first
    except _Any:
        lead = None
    if lead is not None and ignore_case:
        lead = frozenset(c for ch in lead for c in (ch.lower(), ch.upper()))
    found = _clauses(parsed)
    if ignore_case:  # the keys hold for lower-cased text only (`Scan.may_match_lowered`)
        found = [frozenset(k.lower() for k in c) for c in found]
    clauses = sorted(set(found), key=_selectivity)[:MAX_CLAUSES]
    return lead, tuple(_minimal(c) for c in clauses), starts_open


def _minimal(clause: frozenset[str]) -> frozenset[str]:
    """A clause with no key that contains another of its keys (the shorter one suffices)."""
    keys = sorted(clause, key=len)
    kept: list[str] = []
    for k in keys:
        if not any(s in k for s in kept):
            kept.append(k)
    return frozenset(kept)


#: The shortest key a word list's cover uses (shorter ones occur in most sentences).
MIN_COVER_KEY: Final = 3


def cover(phrases: tuple[str, ...] | list[str]) -> frozenset[str]:
    """Few substrings of which every phrase contains one: the prefilter of a pattern built
    from a word list (a trie, whose own parse tree yields a poor clause).

    Greedy set cover over the substrings of the phrases' words (a key never spans a space,
    which a pattern may match as any run of whitespace): the substring found in the most
    phrases not yet covered, the longer one of equals, until every phrase is covered.  Keys
    longer than `MIN_COVER_KEY` come first: a short word ("the", "day") is a key only for a
    phrase that has no longer one, since short words occur in most sentences."""
    holders: dict[str, set[int]] = {}
    for i, phrase in enumerate(phrases):
        for word in phrase.split():
            if len(word) <= MIN_COVER_KEY:
                holders.setdefault(word, set()).add(i)
            for a in range(len(word) - MIN_COVER_KEY + 1):
                for b in range(a + MIN_COVER_KEY, len(word) + 1):
                    holders.setdefault(word[a:b], set()).add(i)
    left = set(range(len(phrases)))
    keys: set[str] = set()
    while left:
        useful = {k: len(held & left) for k, held in holders.items() if not held.isdisjoint(left)}
        key = max(useful, key=lambda k: (len(k) > MIN_COVER_KEY, useful[k], len(k), k))
        keys.add(key)
        left -= holders[key]
    return frozenset(keys)


def _with_lead(source: str, lead: frozenset[str]) -> str:
    klass = "".join(re.escape(c) for c in sorted(lead))
    flags = _INLINE_FLAGS_RE.match(source)
    at = flags.end() if flags else 0
    return f"{source[:at]}(?=[{klass}]){source[at:]}"


class Scan:
    """A compiled pattern with its derived lead and prefilter.

    `finditer`, `search` and `match` run the regex only on text that holds a key of every
    clause; `regex` is the compiled pattern (lead included) for callers that test the
    prefilter themselves (`may_match`) once for several calls.
    """

    __slots__ = ("clauses", "keys", "lead", "lower_clauses", "regex", "source")

    def __init__(
        self, source: str, flags: int = 0, words: tuple[str, ...] | list[str] | None = None
    ) -> None:
        """`words`: the phrases a word-list pattern was built from (spaces matched as any
        whitespace); its prefilter is then their `cover`."""
        lead, clauses, starts_open = derive(source, flags)
        if words is not None:
            clauses = (_minimal(cover(words)),)
        self.source = source
        self.lead = lead
        ordered = tuple(tuple(sorted(c, key=lambda k: (-len(k), k))) for c in clauses)
        ignore_case = bool(re.compile(source, flags).flags & re.IGNORECASE)
        #: the prefilter on text as given (none for a case-insensitive pattern) ...
        self.clauses: tuple[tuple[str, ...], ...] = () if ignore_case else ordered
        #: ... and on lower-cased text
        self.lower_clauses: tuple[tuple[str, ...], ...] = tuple(
            tuple(dict.fromkeys(k.lower() for k in c)) for c in ordered
        )
        #: every key of every clause, for an article-wide test of which can occur at all
        self.keys: tuple[str, ...] = tuple(sorted({k for c in ordered for k in c}))
        use_lead = lead is not None and 0 < len(lead) <= MAX_LEAD_CHARS
        if use_lead and lead is not None and starts_open:
            source = _with_lead(source, lead)
        self.regex: re.Pattern[str] = re.compile(source, flags)

    def may_match(self, text: str) -> bool:
        """False when no match can be in `text` (a key of some clause is missing).  Loops
        written out: this runs for every scan of every sentence, where a call or a generator
        per clause costs more than the test itself."""
        for clause in self.clauses:
            for key in clause:
                if key in text:
                    break
            else:
                return False
        return True

    def may_match_lowered(self, low: str) -> bool:
        """`may_match` of a text given lower-cased (`low`), for any pattern."""
        for clause in self.lower_clauses:  # noqa: SIM110
            if not has_any(low, clause):
                return False
        return True

    def sub(self, repl: Any, text: str) -> str:
        return self.regex.sub(repl, text) if self.may_match(text) else text

    def _may_match_in(self, text: str, pos: int, endpos: int) -> bool:
        """`may_match` of `text[pos:endpos]`, without the copy."""
        for clause in self.clauses:
            found = False
            for key in clause:
                if text.find(key, pos, endpos) >= 0:
                    found = True
                    break
            if not found:
                return False
        return True

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        if endpos is not None:
            if not self._may_match_in(text, pos, endpos):
                return iter(())
            return self.regex.finditer(text, pos, endpos)
        for clause in self.clauses:  # `may_match`, inlined: the per-sentence path
            for key in clause:
                if key in text:
                    break
            else:
                return iter(())
        return self.regex.finditer(text, pos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        if end - pos > SHORT_TEXT and not self._may_match_in(text, pos, end):
            return None
        return self.regex.search(text, pos, end)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        if end - pos > SHORT_TEXT and not self._may_match_in(text, pos, end):
            return None
        return self.regex.match(text, pos, end)

    def __repr__(self) -> str:
        return f"Scan({self.source!r}, lead={sorted(self.lead or ())}, clauses={self.clauses})"
