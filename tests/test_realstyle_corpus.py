"""The real-style corpus (tests/realstyle): 42 articles written for this project in the styles
of published recaps, each figure answer-keyed from the data.  `bench/corpus.py` prints the
full table; this test holds the line measured when the corpus was made, so a change that
raises a false alarm or misses a wrong figure fails here.  The limits are a ratchet: lower
them as the checker improves (the goal is zero false alarms, every wrong figure caught)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.check import check_text
from factcheck.locate import infer_week
from tests.realstyle.answers import Answered, Score, corpus, score, strip_marks

#: What the checker does today on this corpus (bench/corpus.py, --ticker/--week given).
MAX_FALSE_ALARMS = 0
MIN_RECALL = 1.0
MIN_VERIFIED = 0.915


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def test_marks_strip_to_the_published_text() -> None:
    text, marks = strip_marks("Rose ⟦2.38%⟧ to ⟦2,214.72|wrong|Thu⟧; oil ⟦1%|na⟧.")
    assert text == "Rose 2.38% to 2,214.72; oil 1%."
    assert [(text[m.start : m.end], m.verdict, m.hint) for m in marks] == [
        ("2.38%", "ok", None),
        ("2,214.72", "wrong", "Thu"),
        ("1%", "na", None),
    ]


def test_corpus_covers_the_styles_and_the_errors() -> None:
    arts = corpus()
    assert len(arts) >= 40
    assert {a.style.split()[0] for a in arts} >= {"wire", "ap-fared", "asx-close", "hk-close"}
    assert sum(m.verdict == "wrong" for a in arts for m in a.marks) >= 40
    assert all("---" not in a.text.split("\n", 1)[0] for a in arts)  # no front matter


def test_every_article_names_its_week() -> None:
    misplaced = [
        a.name
        for a in corpus()
        if (w := infer_week(a.text)) is None or _monday(w) != _monday(a.week)
    ]
    assert misplaced == []


def _checked(data_dir: Path, hints: bool) -> tuple[Score, list[Answered]]:
    from writer.check_command import peer_entities, prepare
    from writer.pipeline import open_source, weekly_brief

    source = open_source(data_dir)
    total = Score()
    arts = corpus()
    for art in arts:
        ticker, week = (art.ticker, art.week) if hints else (None, None)
        p = prepare(art.name, art.text, ticker, week)
        assert p.ticker is not None and p.week is not None
        brief = weekly_brief(
            p.ticker, p.week, source, peers=peer_entities(p.ticker, p.named), as_of=p.as_of
        )
        total.add(score(art, check_text(art.text, brief, strict=False)))
    return total, arts


@pytest.mark.parametrize("hints", [True, False], ids=["with-ticker-week", "from-the-text"])
def test_checker_on_the_real_style_corpus(data_dir: Path, hints: bool) -> None:
    s, _ = _checked(data_dir, hints)
    assert len(s.false_alarms) <= MAX_FALSE_ALARMS, "\n".join(s.false_alarms)
    assert s.recall >= MIN_RECALL, "\n".join(s.missed)
    assert s.diagnosed == s.caught, "\n".join(s.undiagnosed)
    assert s.ok_outcome["verified"] >= MIN_VERIFIED * s.ok
