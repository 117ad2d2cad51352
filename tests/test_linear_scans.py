"""Every scan of the checker over article text is linear in the worst case (issue 26, item
1; the drafter's scans over reply text: tests/test_linear_scans_writer.py).

Two kinds of test, neither timed against a budget: the hand scanners find exactly what the
backtracking regexes they replace found (on seeded random text over the characters that
matter), and the work on hostile text grows with its size, not its square (CPU time at n
and 10n characters, compared loosely: x10 input may cost at most x30; the regexes these
replace cost x100 and more).
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable

import pytest

from factcheck import form, scan
from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.genres import form_findings

#: The regexes the scanners replace: the oracle their answers are compared with.
OLD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\n]*)\)")
OLD_HTML = re.compile(r"<!--.*?-->|<[A-Za-z/!?][^>\n]*>", re.S)
OLD_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(<?([^)>\s]+)>?\)")
OLD_FORM_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)|https?://\S+|www\.\S+", re.IGNORECASE)
OLD_HOLE = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\[\[.*?\]\]|<<.*?>>|\bTBD\b|\bTK\b|\bXX+(?:[.,]X+)?\s*%|"
    r"\[(?:insert|placeholder|your|figure|date|index)[^\]]*\]|\blorem ipsum\b",
    re.IGNORECASE,
)
#: what a sentence is, written plainly (a decimal point is no sentence end)
OLD_SENTENCE = re.compile(r"[A-Za-z](?:[^.!?]|(?<=\d)\.(?=\d)){15,}[.!?](?:\s|$|[*_\"')\]])")


def texts(alphabet: list[str], count: int = 3000, longest: int = 24) -> list[str]:
    rng = random.Random(26)
    return [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count)
    ]


def test_markdown_links_and_html_as_the_regexes_found_them() -> None:
    for text in texts(["[", "]", "(", ")", "!", "a", "1", "\n", "<", ">", "<!--", "-->", "-", " "]):
        old = [(m.start(), m.start(1), m.end(1), m.end()) for m in OLD_LINK.finditer(text)]
        assert list(scan.md_links(text)) == old, text
        assert list(scan.html_spans(text)) == [m.span() for m in OLD_HTML.finditer(text)], text


def test_form_scanners_as_the_regexes_found_them() -> None:
    alphabet = ["[", "]", "(", ")", "!", "\\", "<", ">", "a", " ", "x.png", "http://", "www."]
    for line in texts(alphabet):
        old = [(m.start(), m.end(), m.group(1)) for m in OLD_IMAGE.finditer(line)]
        assert list(scan.md_images(line)) == old, line
        found = OLD_FORM_LINK.search(line)
        assert scan.first_link(line) == (found.span() if found else None), line
    holes = ["{", "}", "{{", "}}", "%", "[[", "]]", "[", "]", "<<", ">>", "<", "TBD", "tk", " "]
    for line in texts([*holes, "XX", "X", ".", "[insert", "[Date", "lorem ipsum", "a"]):
        found = OLD_HOLE.search(line)
        assert scan.first_hole(line) == (found.span() if found else None), line
    for para in texts(["a", "B", "1", " ", ".", "!", "?", "*", ")", "\n", "xxxxx"], longest=40):
        assert bool(form._SENTENCE_RE.search(para)) == bool(OLD_SENTENCE.search(para)), para


def cpu(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return max(best, 1e-3)  # below a millisecond the clock, not the scan, is measured


def grows_linearly(make: Callable[[int], str], scan_text: Callable[[str], object], n: int) -> None:
    small, large = make(n), make(10 * n)
    ratio = cpu(lambda: scan_text(large)) / cpu(lambda: scan_text(small))
    assert ratio < 30, f"x10 input cost x{ratio:.0f} CPU"


def flood(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


#: Openers without their closers, nested and unbalanced brackets: the shapes that made the
#: regexes read to the end of the line from every opener.
FLOODS = ["[", "![", "[a](", "[](", "a<", "<a ", "<!-- x", "<!-- x\n", "*", "{{", "[[", "x"]
#: ... and what a compact table row is read from (factcheck.compact_table)
FLOODS += ["a ", "Dow 1.5", "1,1", "Russell 2000 1\n"]
#: ... and numbers the figure reader does not read, each a finding of rules F011 and F012
FLOODS += ["CL=F$71.76. ", "&#50;&#51; y. ", " ²³ "]
#: ... and numbers in words (one long run, or runs that spell no number)
FLOODS += ["two thousand ", "one hundred and ", "thousand "]
#: ... and HTML attributes a reader is shown, in one long tag
FLOODS += ["<img alt='1\" title=\"2' ", '<img alt="The index closed at 2,218.42." ']


@pytest.mark.parametrize("unit", FLOODS)
def test_checking_a_flood_is_linear(unit: str, rut: WeeklyIndexBrief) -> None:
    grows_linearly(flood(unit), lambda text: check_text(text, rut, strict=False), 4000)


@pytest.mark.parametrize("unit", [*FLOODS, "[insert", "a:", "![a\\](", "http://a "])
def test_the_form_rules_on_a_flood_are_linear(unit: str, rut: WeeklyIndexBrief) -> None:
    report = check_text("# A\n\nThe index rose.", rut, strict=False)
    rules = form.FormRules()
    grows_linearly(flood(unit), lambda text: form_findings(text, rut, report, rules), 2000)
