"""check_text end to end: correct articles verify, other weeks are named, properties hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.extract import parse
from factcheck.frontmatter import article_target
from factcheck.numfmt import Hedge, Unit, format_value, written_matches
from factcheck.report import CheckReport, Status

from .conftest import CORPUS

CORPUS_FILES = sorted(CORPUS.glob("*.md"))


def test_corpus_has_ten_articles_of_genre_length() -> None:
    assert len(CORPUS_FILES) >= 10
    for path in CORPUS_FILES:
        text = path.read_text(encoding="utf-8")
        words = len(text.split("---", 2)[2].split())
        assert 300 <= words <= 600, (path.name, words)
        ticker, week = article_target(text)
        assert ticker and week


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_hand_written_articles_verify(
    path: Path, brief: Callable[[str, str], WeeklyIndexBrief]
) -> None:
    text = path.read_text(encoding="utf-8")
    ticker, week = article_target(text)
    assert ticker is not None and week is not None
    report = check_text(text, brief(ticker, week.isoformat()), source=path.name)
    assert [(c.line, c.text, c.message) for c in report.errors] == []
    assert sum(c.status is Status.VERIFIED for c in report.claims) >= 30


def test_claims_carry_exact_positions(rut: WeeklyIndexBrief) -> None:
    text = (CORPUS / "rut-2025-08-08.md").read_text(encoding="utf-8")
    report = check_text(text, rut)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for c in report.claims:
        offset = starts[c.line - 1] + c.col - 1
        assert text[offset : offset + len(c.text)] == c.text


def test_article_about_another_week_is_one_wrong_week_finding(
    brief: Callable[[str, str], WeeklyIndexBrief],
) -> None:
    text = (CORPUS / "rut-2025-08-08.md").read_text(encoding="utf-8")
    report = check_text(text, brief("RUT", "2025-08-15"))
    (finding,) = report.claims
    assert finding.status is Status.WRONG_WEEK
    assert finding.expected == "2025-08-11..2025-08-17"
    assert "week of Aug 4, 2025" in finding.message


def test_weekday_and_date_must_agree(rut: WeeklyIndexBrief) -> None:
    report = check_text("Tuesday, Aug 4: the index rose 2.10%.", rut)
    date = next(c for c in report.claims if c.kind == "date")
    assert (date.status, date.expected) == (Status.MISMATCH, "Monday, Aug 4")


def test_non_session_day_in_the_week(brief: Callable[[str, str], WeeklyIndexBrief]) -> None:
    rut_thanksgiving = brief("RUT", "2024-11-29")
    bad = check_text("On Thursday, Nov 28, the index rose 0.35%.", rut_thanksgiving)
    assert bad.claims[0].status is Status.MISMATCH
    ok = check_text("Markets were closed on Thursday, Nov 28, for Thanksgiving.", rut_thanksgiving)
    assert ok.ok


TUESDAY_WRAP = (
    "Small caps rise again\n\n"
    "Small-cap stocks closed higher on Tuesday. The Russell 2000 rose 0.60% to 2,225.67, "
    "which leaves it down {ytd} for the year to date.\n"
)


@pytest.mark.parametrize(
    ("as_of", "ytd", "ok"),
    [
        ("2025-08-05", "0.20%", True),
        ("2025-08-05", "0.53%", False),  # Friday's figure in Tuesday's wrap
        (None, "0.53%", True),
        (None, "0.20%", False),  # Tuesday's figure in the week's recap
    ],
)
def test_a_daily_wrap_is_checked_as_of_its_session(
    brief: Callable[..., WeeklyIndexBrief], as_of: str | None, ytd: str, ok: bool
) -> None:
    """Russell 2000, week of Aug 4-8 2025: -0.20% on the year as of Tuesday Aug 5, -0.53%
    as of Friday (how `writer check` finds the session: tests/test_daily_wrap_check.py)."""
    b = brief("RUT", "2025-08-08", as_of=as_of)
    assert b.week.as_of == (dt.date.fromisoformat(as_of) if as_of else None)
    report = check_text(TUESDAY_WRAP.format(ytd=ytd), b)
    assert report.ok is ok, [(c.text, c.status, c.expected) for c in report.claims]
    (figure,) = [c for c in report.claims if c.text == ytd]
    assert (figure.status is Status.VERIFIED) is ok


# --- properties ----------------------------------------------------------------------------

_UNITS = st.sampled_from([Unit.POINTS, Unit.PERCENT, Unit.PERCENTAGE_POINTS, Unit.CURRENCY])
_VALUES = st.decimals(
    min_value=Decimal("-99999.999999"),
    max_value=Decimal("99999.999999"),
    allow_nan=False,
    allow_infinity=False,
    places=6,
)


@given(value=_VALUES, unit=_UNITS, places=st.integers(0, 4), signed=st.booleans())
def test_format_then_parse_round_trips(
    value: Decimal, unit: Unit, places: int, signed: bool
) -> None:
    text = format_value(value, unit, places, signed=signed)
    doc = parse(f"The figure was {text} this week.", anchor=dt.date(2025, 8, 8))
    (fig,) = [f for s in doc.sentences for f in s.figures]
    written = -fig.magnitude if fig.sign < 0 else fig.magnitude
    assert fig.decimals == places
    assert written_matches(value, written, places, Hedge.EXACT)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_fact_of_a_real_brief_verifies_when_written_back(
    rut: WeeklyIndexBrief, data: st.DataObject
) -> None:
    fact = data.draw(st.sampled_from([f for f in rut.facts if f.unit is not Unit.COUNT]))
    doc = parse(f"It was {fact.display}.", anchor=rut.week.last_session)
    (fig,) = [f for s in doc.sentences for f in s.figures]
    written = -fig.magnitude if fig.sign < 0 else fig.magnitude
    assert written_matches(fact.value, written, fig.decimals, Hedge.EXACT)


_FRAGMENTS = st.sampled_from(
    [
        "The Russell 2000",
        "the S&P 500",
        "the Nasdaq",
        "rose",
        "fell",
        "about",
        "nearly",
        "2,218.42",
        "+0.78%",
        "−1.2%",
        "13.37 points",
        "0.04 percentage points",
        "Monday, Aug 4",
        "Aug. 5",
        "2025-08-08",
        "52-week",
        "year to date",
        "between",
        "and",
        "-",
        "–",
        "to",
        "gave back all of Tuesday's gains",
        "third straight weekly gain",
        "lagged",
        "(",
        ")",
        "**",
        "#",
        "\n",
        "\n\n",
        "|",
        "- ",
        ".",
        ",",
        "$1.2 billion",
        "finished higher",
        "its weekly high",
        "hit a 52-week high",
        "---\nticker: RUT\n---\n",
        "2,230-2,250 zone",
    ]
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.one_of(_FRAGMENTS, st.text(max_size=12)), max_size=40))
def test_checker_never_crashes_and_positions_stay_exact(
    rut: WeeklyIndexBrief, parts: list[str]
) -> None:
    text = " ".join(parts)
    report = check_text(text, rut)
    assert isinstance(report, CheckReport)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for c in report.claims:
        if c.status is Status.WRONG_WEEK:
            continue
        offset = starts[c.line - 1] + c.col - 1
        assert text[offset : offset + len(c.text)] == c.text


WIRE_STYLE = """---
ticker: RUT
week: 2025-08-08
---
# Small caps rise, but lag the big boys

NEW YORK (Aug 8) - The Russell 2000 index of small-cap stocks rose 2.4% for the week, ending
at 2,218.42 on Friday after a 0.2% gain in the final session.

The S&P 500 gained 0.8%, the Nasdaq Composite added 1% and the broader market hit a weekly
high on Friday. For the week the S&P 500 climbed 2.4% and the Nasdaq jumped 3.9%.

Small caps had their best day on Monday, when the Russell 2000 surged 2.1% to 2,212.30. It
added another 13.37 points on Tuesday, then fell for two days. The index finished Thursday at
2,214.72, down 6.57 points.

The Russell is about 10% below its record close of 2,442.03 set in November 2024 and is down
0.5% so far in 2025. It remains above its 50-day and 200-day moving averages, at 2,185.03 and
2,177.54 respectively.
"""


def test_wire_style_article_with_rounded_figures_verifies(rut: WeeklyIndexBrief) -> None:
    report = check_text(WIRE_STYLE, rut)
    assert [(c.text, c.message) for c in report.errors] == []
    assert len(report.claims) >= 18
