"""The checker's speed tricks are derived, sound, and nowhere written by hand.

`factcheck.patterns.Scan` derives a pattern's lead (the characters a match starts with) and
its prefilter (substrings every match holds).  These tests prove the derivation on every
Scan of the checker, with strings hypothesis generates from each pattern, and read the
source for leads and key tuples written by hand again.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factcheck
from factcheck.patterns import Scan, cover, derive

ROOT = Path(__file__).resolve().parents[1]


def _scans() -> list[tuple[str, Scan]]:
    found = []
    for info in pkgutil.walk_packages(factcheck.__path__, "factcheck."):
        module = importlib.import_module(info.name)
        # the source in the checkout: in the compiled wheel the module file is a binary
        relative = info.name.replace(".", "/")
        path = ROOT / (f"{relative}/__init__.py" if info.ispkg else f"{relative}.py")
        source = path.read_text(encoding="utf-8")
        for name, value in vars(module).items():
            if isinstance(value, Scan) and f"{name}: Final = Scan(" in source:
                found.append((f"{info.name.removeprefix('factcheck.')}.{name}", value))
    return sorted(found, key=lambda x: x[0])


SCANS = _scans()


def test_the_checker_scans_through_derived_patterns() -> None:
    assert len(SCANS) >= 35, [n for n, _ in SCANS]


@pytest.mark.parametrize(("name", "scan"), SCANS, ids=[n for n, _ in SCANS])
def test_every_match_passes_its_prefilter_and_lead(name: str, scan: Scan) -> None:
    """Soundness: a string the pattern matches holds a key of every clause (as given, and
    lower-cased) and starts with a lead character; and the lead changes no match."""
    plain = re.compile(scan.source, scan.regex.flags)

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        database=None,
    )
    @given(st.from_regex(plain, fullmatch=True))
    def check(text: str) -> None:
        assert scan.may_match(text), (name, text, scan.clauses)
        assert scan.may_match_lowered(text.lower()), (name, text, scan.lower_clauses)
        if text and scan.lead is not None:
            assert text[0] in scan.lead, (name, text, sorted(scan.lead))
        found, leading = plain.search(text), scan.regex.search(text)
        assert (found and found.span()) == (leading and leading.span()), (name, text)

    check()


# --- the derivation on patterns whose answer is known ------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "lead", "clauses"),
    [
        (
            r"\b(?:opened|started|began|kicked\s+off)\s+the\s+week\b",
            "bkos",
            [{"opened", "started", "began", "kicked"}, {"week"}],
        ),
        (
            r"\b(?:rose|fell)\s+(?:sharply\s+)?on\s+(?:monday|friday)",
            "fr",
            [{"monday", "friday"}, {"rose", "fell"}],
        ),
        (
            r"(?:in|into)\s+(?:positive|negative)\s+territory",
            "i",
            [{"territory"}, {"positive", "negative"}],
        ),
        (r"\((?P<t>[a-z]{2,8})\)", "(", [{"("}, {")"}]),
        (r"\d+%", "0123456789", [{"%"}]),
        (r"week(?:'s|’s)\s+high", "w", [{"week's", "week’s"}, {"high"}]),
        (r"(?:up|down)?\s*\d", "\t\n\x0b\x0c\r 0123456789du", []),  # nothing every match holds
        (r".\d", None, [set()]),  # any character first: no lead
    ],
)
def test_derive_known_patterns(pattern: str, lead: str | None, clauses: list[set[str]]) -> None:
    got_lead, got_clauses, _ = derive(pattern, re.ASCII)
    assert (None if got_lead is None else "".join(sorted(got_lead))) == lead
    wanted = [frozenset(c) for c in clauses if c]
    assert sorted(map(sorted, got_clauses)) == sorted(map(sorted, wanted))


def test_a_word_added_to_an_alternation_is_matched_without_another_edit() -> None:
    """The failure the hand-kept tricks had: "surpassed" added to the words of a pattern and
    never matched, because its first letter was not in the lead or its stem in the keys."""
    before = Scan(r"\b(?:topped|beat)\s+(?P<what>the\s+record)\b", re.ASCII)
    after = Scan(r"\b(?:topped|beat|surpassed)\s+(?P<what>the\s+record)\b", re.ASCII)
    text = "the index surpassed the record on friday"
    assert before.search(text) is None
    m = after.search(text)
    assert m is not None and m.group("what") == "the record"


def test_a_prefilter_skips_text_without_its_words() -> None:
    scan = Scan(r"\b(?:gave\s+back|erased)\s+(?:its|the)\s+gains\b", re.ASCII)
    assert not scan.may_match("the index rose 2.38% on the week")
    assert scan.search("the index rose 2.38% on the week") is None
    assert scan.may_match("it gave back the gains")


def test_cover_gives_every_phrase_a_key_and_prefers_long_keys() -> None:
    phrases = ["the week", "this week", "weekly", "the session", "year to date", "ytd", "on day"]
    keys = cover(phrases)
    for phrase in phrases:
        assert any(k in w for w in phrase.split() for k in keys), phrase
    assert "the" not in keys  # every phrase with "the" has a longer word
    assert "week" in keys


def test_a_window_is_prefiltered_alone() -> None:
    scan = Scan(r"\b(?:but|while)\b", re.ASCII)
    text = "rose, but fell. it closed higher"
    assert scan.search(text, 0, 10) is not None
    assert scan.search(text, 16) is None  # "but" is before the window


# --- nothing by hand -------------------------------------------------------------------------

_HAND_LEAD_RE = re.compile(r"""r?f?r?["'](?:\(\?[aiLmsux]+\))?(?:\\b)?\(\?=\[""")
_KEY_TUPLE_RE = re.compile(r"has_any\([^,]+,\s*_[A-Z_]+\)")


def test_no_hand_written_lead_or_key_tuple_outside_the_pattern_compiler() -> None:
    """A lookahead opening a pattern is a lead, and a word tuple tested before a scan is a
    prefilter: both are derived by `Scan` (factcheck/patterns.py and factcheck/_rx.py are
    the mechanism itself)."""
    offenders = []
    for path in sorted((ROOT / "factcheck").rglob("*.py")):
        if path.name in ("patterns.py", "_rx.py"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _HAND_LEAD_RE.search(line.strip()):
                offenders.append(f"{path.name}:{n}: {line.strip()}")
            m = _KEY_TUPLE_RE.search(line)
            if m and "_MONTH_NAMES" not in m.group(0):  # a meaning test: is a month named
                offenders.append(f"{path.name}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
