"""The checker on prose it did not write: one test per class of failure found in real
published recaps (studied, never copied; every sentence here is ours).  Each figure's truth is
read from the brief built from ../shared/marketdata, never from the checker's own report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.numfmt import Unit, format_value
from factcheck.report import CheckReport, Claim, Status

Briefs = Callable[..., WeeklyIndexBrief]


@pytest.fixture(scope="session")
def named_brief(data_dir: object) -> Briefs:
    """named_brief("COMP", "2025-08-08", "SPX", "DJI"): a brief whose peers are the named
    indices too, as `writer check` builds one for an article that names them."""
    from writer.check_command import peer_entities
    from writer.pipeline import open_source, weekly_brief

    source = open_source(data_dir)  # type: ignore[arg-type]

    def build(symbol: str, day: str, *named: str) -> WeeklyIndexBrief:
        return weekly_brief(
            symbol, dt.date.fromisoformat(day), source, peers=peer_entities(symbol, named)
        )

    return build


def lenient(text: str, brief: WeeklyIndexBrief) -> CheckReport:
    return check_text(text, brief, strict=False)


def claim(report: CheckReport, text: str) -> Claim:
    found = [c for c in report.claims if c.text == text]
    assert found, f"no claim {text!r} in {[c.text for c in report.claims]}"
    return found[0]


def pct(value: Decimal) -> str:
    return format_value(abs(value), Unit.PERCENT, 2)


def shown(brief: WeeklyIndexBrief, fact_id: str) -> Decimal:
    fact = brief.get(fact_id)
    assert fact is not None, fact_id
    return fact.value


# --- every name an index goes by ---------------------------------------------------------


def test_the_hang_seng_by_its_short_name_is_checked(brief: Briefs) -> None:
    hsi = brief("HSI", "2025-03-14")
    assert shown(hsi, "HSI.week.change_pct") < 0  # the week fell, so "rose 6.4%" is wrong
    c = claim(lenient("The Hang Seng rose 6.4% on the week.", hsi), "6.4%")
    assert c.status is Status.MISMATCH


def test_digits_after_a_name_are_a_figure_not_part_of_it(brief: Briefs) -> None:
    report = lenient("The Hang Seng averaged 24,000 over the week.", brief("HSI", "2025-03-14"))
    assert [c.text for c in report.claims if c.kind != "date"] == ["24,000"]


# --- what a figure is about ----------------------------------------------------------------


def test_the_heading_names_the_index_of_its_bullets(named_brief: Briefs) -> None:
    comp = named_brief("COMP", "2025-08-08", "SPX")
    pts = format_value(shown(comp, "SPX.week.change_pts"), Unit.POINTS, 2, signed=True)
    text = f"### S&P 500 (SPX): the week\n\n- **Weekly Change**: {pts}\n"
    assert claim(lenient(text, comp), pts).status is Status.VERIFIED
    wrong = format_value(shown(comp, "COMP.week.change_pts"), Unit.POINTS, 2, signed=True)
    text = f"### S&P 500 (SPX): the week\n\n- **Weekly Change**: {wrong}\n"
    assert claim(lenient(text, comp), wrong).severity.value == "error"


def test_a_bare_small_number_is_not_the_session_count(rut: WeeklyIndexBrief) -> None:
    report = lenient("The rally is 5 years old; COVID-19 is far behind.", rut)
    assert not [c for c in report.claims if c.fact_id == "RUT.week.sessions"]
    assert not report.errors


@pytest.mark.parametrize(
    "sentence",
    [
        "The Hang Seng China Enterprises Index rose 3.1% on the week.",
        "The Hang Seng Tech Index fell 2.4% on Friday.",
        "Alibaba rose 1.4 percent and Tencent edged up 0.3 percent.",
        "Oil fell 2% and the 10-year yield rose to 4.5%.",
        "Four companies account for about 19% of Hang Seng market value.",
    ],
)
def test_figures_about_things_outside_the_data_are_left_alone(brief: Briefs, sentence: str) -> None:
    report = lenient(sentence, brief("HSI", "2025-03-14"))
    assert report.claims and not report.errors
    assert all(c.status is not Status.VERIFIED for c in report.claims if c.kind == "percent")


def test_the_index_is_the_one_named_last(named_brief: Briefs) -> None:
    comp = named_brief("COMP", "2025-08-08", "SPX")
    spx = pct(shown(comp, "SPX.week.change_pct"))
    text = f"The S&P 500 closed higher on Friday. The benchmark rose {spx} for the week."
    c = claim(lenient(text, comp), spx)
    assert (c.status, c.fact_id) == (Status.VERIFIED, "SPX.week.change_pct")


def test_each_index_named_is_checked_against_its_own_data(named_brief: Briefs) -> None:
    rut = named_brief("RUT", "2025-08-08", "DJI")
    dji = pct(shown(rut, "DJI.week.change_pct"))
    report = lenient(f"The Dow Jones Industrial Average rose {dji} on the week.", rut)
    assert claim(report, dji).fact_id == "DJI.week.change_pct"


# --- diagnosis: which wrong base explains a wrong change ----------------------------------


def test_a_weekly_change_from_mondays_close_is_diagnosed(rut: WeeklyIndexBrief) -> None:
    last, monday = shown(rut, "RUT.close.2025-08-08"), shown(rut, "RUT.close.2025-08-04")
    wrong = pct((last - monday) / monday * 100)
    c = claim(lenient(f"The Russell 2000 rose {wrong} for the week.", rut), wrong)
    assert c.status is Status.MISMATCH
    assert "Monday Aug 4's close" in c.message and c.expected == "2.38%"


def test_a_ytd_change_from_the_first_close_of_the_year_is_diagnosed(brief: Briefs) -> None:
    spx = brief("SPX", "2025-01-10")
    first = shown(spx, "SPX.close.2025-01-02")
    last = shown(spx, "SPX.close.2025-01-10")
    wrong = format_value(abs((last - first) / first * 100), Unit.PERCENT, 1)
    c = claim(lenient(f"The S&P 500 is down {wrong} for the year.", spx), wrong)
    assert c.status is Status.MISMATCH
    assert "first close of 2025 (Jan 2)" in c.message


def test_last_weeks_change_is_background_or_a_leftover(rut: WeeklyIndexBrief) -> None:
    before = pct(shown(rut, "RUT.prev_week.change_pct"))
    text = f"Small caps recovered after last week's {before} drop."
    assert claim(lenient(text, rut), before).status is Status.VERIFIED
    c = claim(lenient(f"The Russell 2000 fell {before} this week.", rut), before)
    assert c.severity.value == "error" and "week of Jul 28" in c.message


# --- structure carries the period ----------------------------------------------------------


def test_a_label_line_gives_the_period_of_the_lines_under_it(named_brief: Briefs) -> None:
    spx = named_brief("SPX", "2025-08-08", "RUT")
    week = pct(shown(spx, "RUT.week.change_pct"))
    day = pct(shown(spx, "RUT.change_pct.2025-08-08"))
    text = (
        f"On Friday:\n\nThe Russell 2000 rose {day}.\n\n"
        f"For the week:\n\nThe Russell 2000 is up {week}.\n"
    )
    report = lenient(text, spx)
    assert claim(report, day).fact_id == "RUT.change_pct.2025-08-08"
    assert claim(report, week).fact_id == "RUT.week.change_pct"
    # the same figures under the other label are wrong
    swapped = lenient(text.replace("On Friday:", "X:").replace("For the week:", "On Friday:"), spx)
    assert claim(swapped, week).severity.value == "error"


def test_a_plain_text_table_reads_its_columns(named_brief: Briefs) -> None:
    rut = named_brief("RUT", "2025-08-08", "DJI")
    rows = [("Russell 2000", "RUT"), ("Dow Industrials", "DJI")]
    lines = ["Index               Close      Wk Chg      Wk %"]
    for name, key in rows:
        close = format_value(shown(rut, f"{key}.close.2025-08-08"), Unit.POINTS, 2)
        chg = format_value(shown(rut, f"{key}.week.change_pts"), Unit.POINTS, 2, signed=True)
        chg = chg.removesuffix(" points")
        week = format_value(shown(rut, f"{key}.week.change_pct"), Unit.PERCENT, 2, signed=True)
        lines.append(f"{name:<20}{close:>9}{chg:>12}{week:>10}")
    lines.append(f"{'10-yr Treasury':<20}{'4.47%':>9}{'+3 bp':>12}")
    report = lenient("Weekly scorecard, Aug 8, 2025\n\n" + "\n".join(lines) + "\n", rut)
    figures = [c for c in report.claims if c.kind != "date"]
    assert [c.status for c in figures[:6]] == [Status.VERIFIED] * 6
    assert {c.fact_id for c in figures[:6]} >= {"RUT.week.change_pct", "DJI.week.change_pts"}
    assert not report.errors  # the Treasury row is about something outside the data


def test_a_pipe_table_keeps_empty_cells_in_their_columns(named_brief: Briefs) -> None:
    rut = named_brief("RUT", "2025-08-08")
    week = format_value(shown(rut, "RUT.week.change_pct"), Unit.PERCENT, 2, signed=True)
    text = f"| Index | Day | YTD | Week |\n|---|---|---|---|\n| Russell 2000 | | | {week} |\n"
    assert claim(lenient(text, rut), week).fact_id == "RUT.week.change_pct"


# --- streaks, records and dates --------------------------------------------------------------


def test_a_streak_that_ended_is_the_weeks_before(rut: WeeklyIndexBrief) -> None:
    assert shown(rut, "RUT.streak.weekly_prev") == -1 and shown(rut, "RUT.streak.weekly") == 1
    ok = lenient("The Russell 2000 rose for the week, ending a one-week losing streak.", rut)
    assert [c.status for c in ok.claims if c.kind == "count"] == [Status.VERIFIED]
    bad = lenient("The Russell 2000 rose for the week, ending a three-week losing streak.", rut)
    assert [c.status for c in bad.claims if c.kind == "count"] == [Status.MISMATCH]


def test_a_record_the_brief_cannot_date_is_not_an_error(rut: WeeklyIndexBrief) -> None:
    report = lenient("It sits well below the record close of 2,442.74 it set in 2021.", rut)
    assert not report.errors


def test_a_weekend_dateline_is_not_a_missing_session(rut: WeeklyIndexBrief) -> None:
    report = lenient("Saturday, August 9, 2025\n\nSmall caps rose 2.38% this week.\n", rut)
    assert not report.errors


def test_background_dates_in_other_weeks_do_not_make_a_wrong_week(rut: WeeklyIndexBrief) -> None:
    text = (
        "NEW YORK, Aug 8 - The Russell 2000 rose 2.38% this week, its best close since "
        "Feb. 20. Inflation data are due on Aug. 12."
    )
    assert not [c for c in lenient(text, rut).claims if c.status is Status.WRONG_WEEK]
