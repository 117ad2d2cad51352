"""The earnings corpus' answer keys (tests/realstyle_earnings): well formed, and proved
against ../shared/fundamentals by the corpus' own figures.py, not by writer's code.  Every ok
mark must fit its true figure at its written precision, every wrong mark must not: the test
proves the keys, not the checker (bench/earnings_corpus.py scores the checker)."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.realstyle.answers import strip_marks
from tests.realstyle_earnings import figures
from tests.realstyle_earnings.keys import EarningsArticle, corpus, fits, numeric_fits

STYLES = {"ap-snapshot", "zacks", "rttnews", "cnbc-bullets", "wire", "blog", "ai-recap"}

needs_data = pytest.mark.skipif(
    not figures.available(), reason="../shared/fundamentals not found beside the checkout"
)


def _arts() -> list[EarningsArticle]:
    return corpus()


def test_every_article_parses_with_a_key_per_mark() -> None:
    arts = _arts()
    assert len(arts) >= 24
    for a in arts:
        assert a.marks, a.name
        assert a.style in STYLES, a.name
        assert a.quarter.startswith("FY") and "-Q" in a.quarter, a.name
        assert "---" not in a.text.split("\n", 1)[0], a.name  # no front matter
        words = len(a.text.split())
        assert 150 <= words <= 400, f"{a.name}: {words} words"


def test_the_corpus_covers_styles_companies_and_errors() -> None:
    arts = _arts()
    assert len({a.style for a in arts}) >= 6
    assert {a.ticker for a in arts} == {"AAPL", "GOOGL", "MRVL", "NFLX", "NVDA", "SNOW", "TSLA"}
    wrong = [m for a in arts for m in a.marks if m.verdict == "wrong"]
    assert len(wrong) >= 25
    clean = [a for a in arts if not any(m.verdict == "wrong" for m in a.marks)]
    assert len(arts) // 5 <= len(clean) <= len(arts) // 2  # about a third fully correct
    assert all(m.hint for m in wrong)  # every wrong mark names the diagnosis it wants


@needs_data
def test_every_quarter_is_complete_in_coverage() -> None:
    cov = figures.coverage()
    assert [a.name for a in _arts() if cov[(a.ticker, a.quarter)]["snapshot"] != "complete"] == []


@needs_data
def test_ok_marks_fit_and_wrong_marks_do_not() -> None:
    bad: list[str] = []
    counted: Counter[str] = Counter()
    for a in _arts():
        for mark, key in zip(a.marks, a.keys, strict=True):
            if mark.verdict == "na" or key == "na":
                assert mark.verdict == "na" and key == "na", f"{a.name}: {mark.text!r} {key}"
                continue
            ok = fits(a, mark, key)
            counted[mark.verdict] += 1
            if ok != (mark.verdict == "ok"):
                bad.append(f"{a.name}: {mark.text!r} [{key}] marked {mark.verdict}")
    assert bad == []
    assert counted["ok"] >= 200 and counted["wrong"] >= 25


def test_the_key_reader_fails_where_it_should() -> None:
    # the precision rule the keys are held to: written decimals, scale words, hedges
    assert numeric_fits("$85.8 billion", "revenue of ", 85_777_000_000)
    assert not numeric_fits("$85.8 million", "revenue of ", 85_777_000_000)
    assert numeric_fits("74 cents", "earned ", 0.744)
    assert not numeric_fits("$74", "earned ", 0.74)
    assert numeric_fits("5%", "up nearly ", 4.9)
    assert not numeric_fits("5%", "up more than ", 4.9)
    assert numeric_fits("$86 billion", "about ", 85.8e9)
    assert not numeric_fits("$85.9 billion", "", 85.84e9)
    text, marks = strip_marks("A loss of ⟦$2.31⟧ a share, ⟦4.9%|wrong|year⟧ off.")
    assert text == "A loss of $2.31 a share, 4.9% off." and marks[1].hint == "year"
