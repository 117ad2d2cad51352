"""No input makes the checker's work unbounded: long runs are cut into sentences of bounded
length, and text past the size or figure limits is refused (`writer check` says so in one
line, exit 2: tests/test_check_cli_bounds.py).  Timing lives in bench/adversarial.py; these
tests assert the bounds that make the work linear."""

from __future__ import annotations

import pytest

from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.errors import TooLarge
from factcheck.extract import MAX_ARTICLE_CHARS, MAX_FIGURES, MAX_SENTENCE, parse


def test_a_run_without_full_stops_is_read_as_bounded_sentences() -> None:
    unit = "on Monday the index rose 1.25% to 2,214.72 and on Tuesday fell 0.4%, "
    doc = parse(unit * 300)  # ~21 KB, one "sentence"
    assert len(doc.sentences) > 1
    assert max(s.end - s.start for s in doc.sentences) <= MAX_SENTENCE
    # every figure is still found, none is cut in half
    assert sum(len(s.figures) for s in doc.sentences) == 3 * 300


def test_every_finding_quotes_a_bounded_sentence(rut: WeeklyIndexBrief) -> None:
    report = check_text("The index rose 9.99% on Monday, " * 400, rut, strict=False)
    assert report.claims and max(len(c.sentence) for c in report.claims) <= MAX_SENTENCE


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("a" * (MAX_ARTICLE_CHARS + 1), "characters; the checker reads at most"),
        ("1, " * (MAX_FIGURES + 1), f"more than {MAX_FIGURES:,} figures"),
    ],
    ids=["size", "figures"],
)
def test_text_past_the_limits_is_refused(rut: WeeklyIndexBrief, text: str, says: str) -> None:
    with pytest.raises(TooLarge, match=says):
        check_text(text, rut)
