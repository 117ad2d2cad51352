"""Two rules learnt from other people's prose (../shared/realprose), in our own sentences.

Russell 2000, week of Aug 4-8 2025: the week's change is +51.64 points (Yahoo's closes), the
Friday close 2,218.42.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.report import Status


def statuses(text: str, brief: WeeklyIndexBrief) -> dict[str, Status]:
    return {c.text.strip(): c.status for c in check_text(text, brief).claims}


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("51.64", Status.VERIFIED),
        ("51.63", Status.VERIFIED),  # another source's closes: one unit in the last place
        ("51.65", Status.VERIFIED),
        ("51.62", Status.MISMATCH),
        ("51.66", Status.MISMATCH),
        ("52.64", Status.MISMATCH),
    ],
)
def test_a_point_change_is_right_within_the_rounding_of_two_closes(
    rut: WeeklyIndexBrief, written: str, status: Status
) -> None:
    text = f"The Russell 2000 gained {written} points this week.\n"
    assert statuses(text, rut)[f"{written} points"] is status


@pytest.mark.parametrize(
    ("level", "status"),
    [
        ("2,218.42", Status.VERIFIED),
        ("2,281.42", Status.MISMATCH),  # a wrong close is still wrong, and not "misattributed"
    ],
)
def test_a_level_after_a_change_is_the_close_not_a_change(
    rut: WeeklyIndexBrief, level: str, status: Status
) -> None:
    text = f"The Russell 2000 rose 2.38% this week to {level} points.\n"
    got = statuses(text, rut)
    assert got[f"{level} points"] is status
    assert got["2.38%"] is Status.VERIFIED


def test_a_close_at_the_weeks_high_is_the_highest_close(rut: WeeklyIndexBrief) -> None:
    """ "to close at its weekly high of X": X is the close, and the week's highest close;
    the week's intraday high differs from it."""
    top = rut.get("RUT.week.close_high")
    intraday = rut.get("RUT.week.high")
    assert top is not None and intraday is not None and top.display != intraday.display
    text = f"The Russell 2000 rose this week to close at its weekly high of {top.display}.\n"
    assert statuses(text, rut)[top.display] is Status.VERIFIED
    # a bare "weekly high" is still the intraday one
    text = f"The Russell 2000 reached a weekly high of {top.display}.\n"
    assert statuses(text, rut)[top.display] is not Status.VERIFIED


def test_a_record_peak_in_points_is_a_level(rut: WeeklyIndexBrief) -> None:
    top = rut.get("RUT.52w.close_high")
    assert top is not None
    text = (
        "The Russell 2000 climbed 0.17% after two quiet sessions. Now sitting below its "
        f"record peak of {top.display} points from late November, it may set a new high.\n"
    )
    assert statuses(text, rut)[f"{top.display} points"] is Status.VERIFIED


@pytest.mark.parametrize("name", ["Hang Seng Technology Index", "Hang Seng Properties Index"])
def test_a_sub_index_named_after_the_index_is_another_index(
    brief: Callable[[str, str], WeeklyIndexBrief], name: str
) -> None:
    """Its figures belong to it: never checked against the Hang Seng's own (week of Jul 17-21
    2023: the Hang Seng fell 1.74% and closed at 19,075.26)."""
    text = (
        "The Hang Seng Index fell 1.74% this week to 19,075.26 points, while the "
        f"{name} rose 0.55% to 4,058.50 points.\n"
    )
    report = check_text(text, brief("HSI", "2023-07-21"), strict=False)
    got = {c.text.strip(): c for c in report.claims}
    assert got["1.74%"].status is Status.VERIFIED
    assert got["19,075.26 points"].status is Status.VERIFIED
    for figure in ("0.55%", "4,058.50 points"):
        assert got[figure].status is Status.UNSUPPORTED, got[figure].message
        assert name in got[figure].message


def _pct(brief: WeeklyIndexBrief, fact_id: str) -> str:
    fact = brief.get(fact_id)
    assert fact is not None
    return fact.display.lstrip("+-")


def test_indices_named_as_writers_name_them(brief: Callable[[str, str], WeeklyIndexBrief]) -> None:
    """ "The Standard & Poor's index", "the Nasdaq index" in a list after a Dow line: each
    line is about the index it names, not the one the line before named."""
    spx = brief("SPX", "2025-08-08")
    dow, sp, nasdaq = (_pct(spx, f"{key}.week.change_pct") for key in ("DJI", "SPX", "COMP"))
    text = (
        f"- The Dow Jones Industrial Average rose {dow} this week.\n"
        f"- The Standard & Poor's index rose {sp} this week.\n"
        f"- The Nasdaq index rose {nasdaq} this week.\n"
    )
    got = statuses(text, spx)
    assert [got[x] for x in (dow, sp, nasdaq)] == [Status.VERIFIED] * 3


def test_a_participle_after_a_comparison_belongs_to_its_subject(
    brief: Callable[[str, str], WeeklyIndexBrief],
) -> None:
    spx = brief("SPX", "2025-08-08")
    dow, nasdaq = _pct(spx, "DJI.week.change_pct"), _pct(spx, "COMP.week.change_pct")
    text = (
        f"The Nasdaq rose {nasdaq} this week. The Dow Jones outperformed the S&P 500 as well, "
        f"gaining {dow} for the week.\n"
    )
    assert statuses(text, spx)[dow] is Status.VERIFIED


@pytest.mark.parametrize(
    "sentence",
    [
        "Banks lifted as NAB (up 0.6 per cent) and ANZ (up 4.2 per cent) reported.",
        "Wesfarmers shares finished up 4.81 per cent to $84.37.",
        "Miners followed, including Rio Tinto (ASX: RIO), which rose 4.8%.",
        "Health care gainers included Bio-Techne (TECH), up 21%.",
        "Insurers rose, with Acme Life jumping 3.4% to HK$61.35.",
        "Acme Corp's 16.9 per cent slide weighed on the index.",
        "Software maker Life360 leapt 1.94 per cent to $33.11.",
    ],
)
def test_a_companys_move_is_its_own(rut: WeeklyIndexBrief, sentence: str) -> None:
    """A company named right before its move owns it: never the index's figure, whatever
    the index did (no figure here is a Russell 2000 one)."""
    report = check_text(f"The Russell 2000 rose 2.38% this week. {sentence}\n", rut, strict=False)
    flagged = [c for c in report.claims if c.severity.value == "error"]
    assert flagged == [], [(c.text, c.message) for c in flagged]


@pytest.mark.parametrize(
    ("span", "status"),
    [
        ("during the month of August", Status.VERIFIED),  # the brief's month: month to date
        ("in July", Status.UNSUPPORTED),  # another month: no figure in the brief
        ("for the June quarter", Status.UNSUPPORTED),
        ("over the financial year", Status.UNSUPPORTED),
    ],
)
def test_a_month_or_a_quarter_as_the_span_of_a_move(
    rut: WeeklyIndexBrief, span: str, status: Status
) -> None:
    mtd = _pct(rut, "RUT.mtd.change_pct")
    text = f"The Russell 2000 rose {mtd} {span}.\n"
    assert check_text(text, rut, strict=False).claims[0].status is status


def test_a_total_return_is_not_the_price_index(rut: WeeklyIndexBrief) -> None:
    text = "The Russell 2000 is up 4.1% so far this year, or 4.9% including dividends.\n"
    got = {c.text.strip(): c for c in check_text(text, rut, strict=False).claims}
    assert got["4.9%"].status is Status.UNSUPPORTED
    assert got["4.1%"].status is Status.MISMATCH  # the price return is still held to the data


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("This represents a modest weekly pullback for small caps.", Status.CONTRADICTED),
        ("The Russell 2000 ended a volatile week with a net loss.", Status.CONTRADICTED),
        ("The Russell 2000 ended a volatile week with a solid gain.", Status.VERIFIED),
        ("The index posted a second straight weekly advance.", Status.VERIFIED),
    ],
)
def test_the_weeks_direction_worded_as_a_noun(
    rut: WeeklyIndexBrief, sentence: str, status: Status
) -> None:
    """The week of Aug 4-8 2025 rose 2.38%: a weekly pullback or loss is false."""
    report = check_text(f"The Russell 2000 closed at 2,218.42 on Friday. {sentence}\n", rut)
    phrases = [c for c in report.claims if c.kind == "phrase"]
    assert [c.status for c in phrases] == [status], [(c.text, c.message) for c in phrases]


def test_a_weekly_loss_before_the_week_is_not_this_weeks(rut: WeeklyIndexBrief) -> None:
    text = "The Russell 2000 rose 2.38% this week, after a weekly loss the week before.\n"
    phrases = [c for c in check_text(text, rut).claims if c.kind == "phrase"]
    assert all(c.status is not Status.CONTRADICTED for c in phrases)


def test_ytd_from_the_first_close_of_the_year_in_that_week(
    brief: Callable[[str, str], WeeklyIndexBrief],
) -> None:
    """Week of Dec 30 2024 - Jan 3 2025, S&P 500: YTD is +1.03% from the Dec 31 close; the
    +1.26% measured from Jan 2 (the year's first close, inside the week) is wrong and named so,
    even in a sentence that names other days."""
    spx = brief("SPX", "2025-01-03")
    text = (
        "The S&P 500 rose on Friday. It sits below its record close from December 6th, 2024 "
        "and is up 1.26% year to date (it's only January 3rd).\n"
    )
    got = {c.text.strip(): c for c in check_text(text, spx, strict=False).claims}
    assert got["1.26%"].status is Status.MISMATCH
    assert "first close of 2025 (Jan 2)" in got["1.26%"].message
    right = text.replace("1.26%", "1.03%")
    got = {c.text.strip(): c for c in check_text(right, spx, strict=False).claims}
    assert got["1.03%"].status is Status.VERIFIED


def test_generic_names_with_two_words_before_the_noun(rut: WeeklyIndexBrief) -> None:
    """ "The broad equity gauge" is the index named last; "the banking sector index" is
    a sector's index, which the brief does not hold."""
    text = (
        "The Russell 2000 rose 2.38% this week. The broad equity gauge closed at 2,218.42 "
        "on Friday, while the S&P 500 gained. The banking sector index fell 4.2% for the week.\n"
    )
    got = {c.text.strip(): c for c in check_text(text, rut, strict=False).claims}
    assert got["2,218.42"].status is Status.VERIFIED
    assert got["4.2%"].status is Status.UNSUPPORTED
    assert "which the brief does not cover" in got["4.2%"].message


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme Holdings, the largest member of the Russell 2000, sank 4.2 per cent to $53.50.",
        "Bank shares were up 0.45 per cent to $33.63 on the day.",
        "The broader Russell 3000 Index (NYSE: XYZ) shed 9.7 points, also 0.4 per cent, "
        "to 3,173.8.",
        "Microsoft finished 1.1% higher after the news.",
        "The Bovespa inched lower by 0.18% on the week.",
        "The broader Russell 3000 also closed marginally higher up 8.3 points or 0.09 per cent "
        "to 3,441.90.",
    ],
)
def test_figures_of_shares_and_other_indices_are_theirs(
    rut: WeeklyIndexBrief, sentence: str
) -> None:
    report = check_text(f"The Russell 2000 rose 2.38% this week. {sentence}\n", rut, strict=False)
    flagged = [c for c in report.claims if c.severity.value == "error"]
    assert flagged == [], [(c.text, c.message) for c in flagged]


def test_an_index_written_in_dollars_is_still_the_index(rut: WeeklyIndexBrief) -> None:
    """ "to $2,218.42": sloppy, but the index's own level, and held to it."""
    text = "The Russell 2000 rose 0.17 per cent, or by 3.70 points, to $2,218.42 on Friday.\n"
    got = {c.text.strip(): c for c in check_text(text, rut, strict=False).claims}
    assert got["0.17 per cent"].status is Status.VERIFIED
    wrong = text.replace("0.17 per cent", "0.71 per cent")
    got = {c.text.strip(): c for c in check_text(wrong, rut, strict=False).claims}
    assert got["0.71 per cent"].severity.value == "error"


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("2,226", Status.VERIFIED),  # rounded
        ("2,225", Status.VERIFIED),  # cut
        ("2,224", Status.MISMATCH),
        ("2,227", Status.MISMATCH),
    ],
)
def test_a_close_written_whole_may_be_cut(
    rut: WeeklyIndexBrief, written: str, status: Status
) -> None:
    """Tuesday Aug 5 2025 closed at 2,225.67: "settled at 2,225" is the close cut to its
    points, as wires print it; a point off either way is wrong."""
    text = f"The Russell 2000 settled at {written} on Tuesday.\n"
    assert statuses(text, rut)[written] is status


@pytest.mark.parametrize(
    "sentence",
    [
        "Over the past month, the index has climbed 12.04%.",
        "It is up 47.81% compared to the same time last year.",
        "That builds on a gain of 24.2% from last year.",
        "It also meant the index's 5th weekly record in seven weeks.",
        "Shares of Acme, whose founder spoke on Friday, finished the year up more than 62%.",
    ],
)
def test_spans_and_ranks_the_brief_cannot_hold(rut: WeeklyIndexBrief, sentence: str) -> None:
    report = check_text(f"The Russell 2000 rose 2.38% this week. {sentence}\n", rut, strict=False)
    flagged = [c for c in report.claims if c.severity.value == "error"]
    assert flagged == [], [(c.text, c.message) for c in flagged]


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme Telecom was the biggest large-cap gainer, soaring 8.3 per cent on the day.",
        "Acme shares rose after it reported a 40 per cent drop in net profit.",
        "The week completed the fastest recovery ever from a 15% dip.",
        "The index climbed nearly 4,500 points across the preceding lunar year.",
    ],
)
def test_constituents_results_and_earlier_spans_are_not_the_weeks(
    rut: WeeklyIndexBrief, sentence: str
) -> None:
    report = check_text(f"The Russell 2000 rose 2.38% this week. {sentence}\n", rut, strict=False)
    flagged = [c for c in report.claims if c.severity.value == "error"]
    assert flagged == [], [(c.text, c.message) for c in flagged]


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("Monday, Aug 4: the index rallied 2.10%", Status.VERIFIED),  # +45.52 after -44.87
        ("Friday, Aug 8: the index rose 0.17%", Status.CONTRADICTED),  # +3.70 after -6.57
    ],
)
def test_reclaiming_all_the_lost_ground(rut: WeeklyIndexBrief, day: str, status: Status) -> None:
    text = f"The Russell 2000 rose 2.38% this week.\n\n- {day} to reclaim all the lost ground.\n"
    phrases = [c for c in check_text(text, rut).claims if c.kind == "phrase"]
    assert [c.status for c in phrases] == [status], [(c.text, c.message) for c in phrases]


def test_a_finish_is_the_close_whatever_extreme_came_before(rut: WeeklyIndexBrief) -> None:
    text = (
        "The Russell 2000 was rejected from the highs, ending the week with a whimper at "
        "2,218.42.\n"
    )
    assert statuses(text, rut)["2,218.42"] is Status.VERIFIED
    assert statuses(text.replace("2,218.42", "2,243.16"), rut)["2,243.16"] is not Status.VERIFIED


def test_a_move_over_a_few_sessions_is_not_the_weeks(rut: WeeklyIndexBrief) -> None:
    """The brief holds each session and the week, not a two-session move."""
    mtd = _pct(rut, "RUT.mtd.change_pct")
    text = f"In just two trading sessions, the small-cap index surged by about {mtd}.\n"
    assert check_text(text, rut, strict=False).claims[0].status is Status.UNSUPPORTED


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme Garden Falls More Than 5%, Leading Blue Chips Lower",
        "The Russell 2000 saw a temporary increase of over 4%, then gave it back.",
        "The index briefly rose 3% before retreating.",
    ],
)
def test_title_case_company_moves_and_moves_within_a_session(
    rut: WeeklyIndexBrief, sentence: str
) -> None:
    report = check_text(
        f"{sentence}\n\nThe Russell 2000 rose 2.38% this week.\n", rut, strict=False
    )
    flagged = [c for c in report.claims if c.severity.value == "error"]
    assert flagged == [], [(c.text, c.message) for c in flagged]
