"""Tolerance rules (numfmt) and verdicts for single figures against the GENRE.md example week.

Values come from the Russell 2000 week of Aug 4-8 2025 as GENRE.md quotes it: Friday close
2,218.42, Monday close 2,212.30, 52-week range 1,732.99 - 2,466.49, the S&P 500 +0.78% and
the Nasdaq +0.98% on Friday.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.numfmt import (
    Hedge,
    Unit,
    format_value,
    last_place_unit,
    parse_hedge,
    rounds_to,
    written_matches,
)
from factcheck.report import Claim, Severity, Status


def claim(text: str, brief: WeeklyIndexBrief, figure: str) -> Claim:
    report = check_text(text, brief)
    found = [c for c in report.claims if c.text == figure]
    assert len(found) == 1, [(c.text, c.status) for c in report.claims]
    return found[0]


# --- numfmt tolerance rules --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written", "decimals", "ok"),
    [
        ("2.385", "2.39", 2, True),  # half-up
        ("2.385", "2.38", 2, True),  # half-even accepted too
        ("2.375", "2.38", 2, True),  # half-up and half-even agree
        ("2.3849", "2.39", 2, False),
        ("2.3849", "2.4", 1, True),
        ("2.3849", "2", 0, True),
        ("2.6", "2", 0, False),
    ],
)
def test_rounds_to(value: str, written: str, decimals: int, ok: bool) -> None:
    assert rounds_to(Decimal(value), Decimal(written), decimals) is ok


@pytest.mark.parametrize(
    ("value", "written", "decimals", "hedge", "ok"),
    [
        ("2.38", "2.4", 1, Hedge.APPROXIMATE, True),  # the written rounding
        ("2.38", "2", 0, Hedge.APPROXIMATE, True),  # the next coarser rounding
        ("2.38", "2.2", 1, Hedge.APPROXIMATE, False),  # two last-place units off
        ("0.96", "1", 0, Hedge.NEARLY, True),  # a little under 1
        ("0.5", "1", 0, Hedge.NEARLY, False),  # not "nearly 1%"
        ("1.02", "1", 0, Hedge.NEARLY, False),  # over is not "nearly"
        ("2.01", "2", 0, Hedge.MORE_THAN, True),
        ("2", "2", 0, Hedge.MORE_THAN, False),
        ("1.98", "2", 0, Hedge.MORE_THAN, False),
        ("2.43", "2.4", 1, Hedge.JUST_OVER, True),
        ("2.39", "2.4", 1, Hedge.JUST_OVER, False),
        ("612.47", "600", 0, Hedge.MORE_THAN, True),  # "more than 600 points": unit is 100
    ],
)
def test_hedge_tolerances(value: str, written: str, decimals: int, hedge: Hedge, ok: bool) -> None:
    assert written_matches(Decimal(value), Decimal(written), decimals, hedge) is ok


def test_last_place_unit_of_round_numbers() -> None:
    assert [last_place_unit(Decimal(x), 0) for x in ("2200", "2250", "3", "25000")] == [
        Decimal(100),
        Decimal(10),
        Decimal(1),
        Decimal(1000),
    ]


def test_parse_hedge_prefers_the_longest_phrase() -> None:
    assert parse_hedge("fell just under ") is Hedge.NEARLY
    assert parse_hedge("closed under ") is Hedge.LESS_THAN
    assert parse_hedge("closed at ") is Hedge.EXACT


# --- verdicts ----------------------------------------------------------------------------


def test_exact_level_verifies(rut: WeeklyIndexBrief) -> None:
    c = claim("The Russell 2000 closed Friday's session at 2,218.42.", rut, "2,218.42")
    assert (c.status, c.fact_id, c.severity) == (
        Status.VERIFIED,
        "RUT.close.2025-08-08",
        Severity.INFO,
    )


def test_level_without_separator_verifies(rut: WeeklyIndexBrief) -> None:
    c = claim("The Russell 2000 closed Friday's session at 2218.42.", rut, "2218.42")
    assert c.status is Status.VERIFIED


def test_wrong_digit_is_a_mismatch_with_the_expected_text(rut: WeeklyIndexBrief) -> None:
    c = claim("The Russell 2000 closed Friday's session at 2,218.24.", rut, "2,218.24")
    assert (c.status, c.expected, c.fact_id) == (
        Status.MISMATCH,
        "2,218.42",
        "RUT.close.2025-08-08",
    )
    assert c.severity is Severity.ERROR


def test_the_weekly_change_from_the_wrong_base_is_caught(rut: WeeklyIndexBrief) -> None:
    # GENRE.md's example: "+0.3%" is Friday's close against Monday's, not the weekly change
    c = claim(
        "The Russell 2000 posted a modest gain of approximately +0.3% this week.", rut, "+0.3%"
    )
    assert (c.status, c.expected) == (Status.MISMATCH, "+2.38%")


def test_close_of_another_day_is_misattributed(rut: WeeklyIndexBrief) -> None:
    c = claim("On Tuesday, the index closed at 2,212.30.", rut, "2,212.30")
    assert c.status is Status.MISATTRIBUTED
    assert c.expected == "2,225.67"
    assert "Mon Aug 4" in c.message


def test_peer_figures_bind_to_the_nearest_preceding_name(rut: WeeklyIndexBrief) -> None:
    text = "On Friday, the S&P 500 (+0.78%) and the Nasdaq (+0.98%) outpaced small caps."
    report = check_text(text, rut)
    assert [(c.text, c.status, c.fact_id) for c in report.claims if c.kind == "percent"] == [
        ("+0.78%", Status.VERIFIED, "SPX.change_pct.2025-08-08"),
        ("+0.98%", Status.VERIFIED, "COMP.change_pct.2025-08-08"),
    ]


def test_swapped_peer_figures_are_misattributed(rut: WeeklyIndexBrief) -> None:
    text = "On Friday, the S&P 500 (+0.98%) and the Nasdaq (+0.78%) outpaced small caps."
    statuses = [c.status for c in check_text(text, rut).claims if c.kind == "percent"]
    assert statuses == [Status.MISATTRIBUTED, Status.MISATTRIBUTED]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("On Wednesday the index slipped 0.20%.", Status.VERIFIED),
        ("On Wednesday the index rose 0.20%.", Status.MISMATCH),
        ("On Wednesday the index changed by 0.20%.", Status.VERIFIED),  # no direction: |value|
        ("On Wednesday the index moved -0.20%.", Status.VERIFIED),
        ("On Wednesday the index moved +0.20%.", Status.MISMATCH),
    ],
)
def test_sign_and_direction_words_must_agree(
    rut: WeeklyIndexBrief, text: str, status: Status
) -> None:
    figure = next(w for w in text.split() if "0.20%" in w).rstrip(".")
    assert claim(text, rut, figure).status is status


def test_points_are_not_percent(rut: WeeklyIndexBrief) -> None:
    assert (
        claim("On Tuesday the index rose 13.37 points.", rut, "13.37 points").status
        is Status.VERIFIED
    )
    c = claim("On Tuesday the index rose 13.37%.", rut, "13.37%")
    assert (c.status, c.expected) == (Status.MISMATCH, "0.60%")


def test_hedged_weekly_change(rut: WeeklyIndexBrief) -> None:
    assert claim("The index gained nearly 2.4% this week.", rut, "2.4%").status is Status.VERIFIED
    over = claim("The index gained more than 2.4% this week.", rut, "2.4%")
    # 2.38% is not more than 2.4%; the S&P 500's +2.43% is, and the message says so
    assert (over.status, over.expected) == (Status.MISATTRIBUTED, "2.38%")
    assert "S&P 500" in over.message


def test_spread_in_percentage_points_with_direction(rut: WeeklyIndexBrief) -> None:
    ok = claim(
        "The Russell 2000 lagged the Nasdaq by 1.49 percentage points this week.",
        rut,
        "1.49 percentage points",
    )
    assert (ok.status, ok.fact_id) == (Status.VERIFIED, "RUT.vs.COMP.spread_pp.week")
    wrong = claim(
        "The Russell 2000 beat the Nasdaq by 1.49 percentage points this week.",
        rut,
        "1.49 percentage points",
    )
    assert wrong.status is Status.MISMATCH


def test_52_week_range_and_bounds(rut: WeeklyIndexBrief) -> None:
    report = check_text("Its 52-week range is 1,732.99 - 2,466.49.", rut)
    assert [(c.text, c.fact_id) for c in report.claims] == [
        ("1,732.99", "RUT.52w.low"),
        ("2,466.49", "RUT.52w.high"),
    ]
    swapped = check_text("Its 52-week range is 1,760.71 - 2,466.49.", rut)
    assert swapped.claims[0].status is Status.MISATTRIBUTED  # the closing low, not intraday


def test_unsupported_is_an_error_only_in_strict_mode(rut: WeeklyIndexBrief) -> None:
    text = "Analysts expect earnings of $0.45 per share."
    strict = check_text(text, rut)
    lenient = check_text(text, rut, strict=False)
    assert strict.claims[0].status is Status.UNSUPPORTED
    assert (strict.claims[0].severity, lenient.claims[0].severity) == (
        Severity.ERROR,
        Severity.WARNING,
    )
    assert lenient.ok and not strict.ok


def test_round_level_with_hedge(rut: WeeklyIndexBrief) -> None:
    assert claim("Support is near 2,200.", rut, "2,200").status is Status.VERIFIED
    assert claim("Resistance sits in the 2,230-2,250 zone.", rut, "2,250").status is Status.VERIFIED


def test_format_value_is_what_the_checker_expects(rut: WeeklyIndexBrief) -> None:
    fact = rut.get("RUT.week.change_pct")
    assert fact is not None
    assert format_value(fact.value, Unit.PERCENT, 2, signed=True) == "+2.38%"


def test_distance_written_as_a_label_or_after_the_average(
    brief: Callable[[str, str], WeeklyIndexBrief],
) -> None:
    # HSI week of Mar 10-14 2025: 2.88% below its 52-week high; 11.59% above its 50-day MA
    hsi = brief("HSI", "2025-03-14")
    text = "- Distance from 52-week high: -2.88%\n- 50-day MA: 21,470.76 (index 11.59% above)\n"
    report = check_text(text, hsi)
    assert [(c.text, c.fact_id) for c in report.claims] == [
        ("-2.88%", "HSI.52w.from_high_pct"),
        ("21,470.76", "HSI.ma50"),
        ("11.59%", "HSI.ma50.vs_pct"),
    ]


def test_change_from_a_named_close_is_the_next_session(rut: WeeklyIndexBrief) -> None:
    # Thursday fell 0.30% from Wednesday's close; Wednesday itself fell 0.20%
    c = claim("The Russell 2000 was down 0.30% from Wednesday's close.", rut, "0.30%")
    assert (c.status, c.fact_id) == (Status.VERIFIED, "RUT.change_pct.2025-08-07")


def test_highest_close_since_is_a_close_not_the_weekly_extreme(rut: WeeklyIndexBrief) -> None:
    # Friday's 2,218.42 is not the week's closing high (Tuesday's 2,225.67) and not claimed so
    c = claim("It closed Friday at 2,218.42, its highest close since Tuesday.", rut, "2,218.42")
    assert c.status is Status.VERIFIED
    report = check_text("It closed Friday at 2,218.42, its highest close of the week.", rut)
    assert [(c.text, c.status) for c in report.errors] == [
        ("highest close of the week", Status.CONTRADICTED)
    ]


def test_a_level_named_after_above_or_below_must_be_a_data_level(
    brief: Callable[[str, str], WeeklyIndexBrief],
) -> None:
    hsi = brief("HSI", "2024-10-04")  # round levels 22,500 and 23,000 around 22,736.87
    assert claim("It closed above the 22,500 level.", hsi, "22,500").status is Status.VERIFIED
    assert claim("It closed above the 22,300 level.", hsi, "22,300").status is not Status.VERIFIED


def test_expected_text_names_the_figure_the_sentence_is_about(rut: WeeklyIndexBrief) -> None:
    # Thursday's close written as the week's close: the week closed at Friday's 2,218.42
    c = claim("The Russell 2000 closed the week at 2,214.72.", rut, "2,214.72")
    assert (c.status, c.expected) == (Status.MISATTRIBUTED, "2,218.42")
    # right size, wrong direction word: the signed figure is what the writer must fix to
    c = claim("Year to date, the Russell 2000 is up 0.53%.", rut, "0.53%")
    assert (c.status, c.expected) == (Status.MISMATCH, "-0.53%")


def test_above_or_below_a_price_is_a_relation(
    brief: Callable[[str, str], WeeklyIndexBrief],
) -> None:
    spx = brief("SPX", "2025-04-11")  # Monday Apr 7: intraday low 4,835.04
    assert claim("The index dipped below 4,900 on Monday.", spx, "4,900").status is Status.VERIFIED
    assert (
        claim("The index dipped below 4,800 on Monday.", spx, "4,800").status is not Status.VERIFIED
    )


def _hedge_without_word_tests(before: str) -> Hedge:
    """parse_hedge as it was before it looked at the word ahead of "of"/"to"/"than"."""
    from factcheck.numfmt import _HEDGE_BY_WORD, _HEDGE_LAST, _HEDGE_RE

    tail = before[-40:].lower()
    words = tail.replace("$", " ").replace("+", " ").rsplit(None, 2)
    if not words or (
        words[-1].strip("(-−") not in _HEDGE_LAST
        and not (len(words) > 1 and words[-1] == "the" and words[-2] in _HEDGE_LAST)
    ):
        return Hedge.EXACT
    match = _HEDGE_RE.search(tail)
    return Hedge.EXACT if match is None else _HEDGE_BY_WORD[match.group("h").lower()]


WORDS_AROUND_HEDGES = [
    "up",
    "to",
    "shy",
    "of",
    "just",
    "more",
    "than",
    "a",
    "gain",
    "(shy",
    "x(up",
    "the",
    "at",
    "least",
    "about",
    "no",
    "less",
    "close",
    "$",
    "+",
    "-",
    "north",
    "in",
    "excess",
    "much",
    "as",
    "most",
    "over",
    "nearly",
    "of-",
    "(of",
]


@given(st.lists(st.sampled_from(WORDS_AROUND_HEDGES), max_size=7))
def test_the_word_before_of_to_than_only_skips_the_regex(words: list[str]) -> None:
    before = " ".join(words) + " "
    assert parse_hedge(before) is _hedge_without_word_tests(before)
