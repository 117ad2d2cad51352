"""The checker on earnings snapshots (issue 25): the engine an `EarningsBrief` takes, how it
reads money, cents and quarter labels, what it binds each figure to, how it judges, which
wrong base it names, its phrase judges and its lede rule.

Briefs are built by hand from real figures of `../shared/fundamentals`
(`tests/earnings_briefs.py`), so these tests need the checker alone.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from factcheck.brief import EarningsBrief
from factcheck.check import check_text
from factcheck.earnings import check_earnings
from factcheck.extract import parse
from factcheck.form import FormRules
from factcheck.genres import form_findings, genre_for, genre_of
from factcheck.index_check import check_index
from factcheck.report import CheckReport, Claim, Severity, Status

from .briefs import load
from .earnings_briefs import (
    aapl_fy2024_q3,
    googl_fy2019_q2,
    nvda_fy2025_q2,
    nvda_fy2026_q2,
    snow_fy2024_q3,
)
from .test_linear_scans import grows_linearly

AAPL = aapl_fy2024_q3


def claim(report: CheckReport, text: str) -> Claim:
    found = [c for c in report.claims if c.text.strip() == text]
    assert len(found) == 1, (text, [(c.text, c.status.value, c.message) for c in report.claims])
    return found[0]


def verdict(text: str, figure: str, brief: EarningsBrief | None = None) -> Claim:
    return claim(check_text(text + "\n", brief or AAPL()), figure)


# --- dispatch -------------------------------------------------------------------------------


def test_each_genre_names_its_engine_and_check_text_calls_it() -> None:
    assert genre_for("earnings").engine is check_earnings
    assert genre_for("weekly_index").engine is check_index
    assert genre_for("daily_wrap").engine is check_index
    rut = load("RUT", "2025-08-08")
    text = "The Russell 2000 closed the week at 2,218.42, up 2.38%.\n"
    by_index = check_index(text, rut, genre_of(rut), source="-", strict=True)
    assert check_text(text, rut) == by_index
    assert [c.status for c in by_index.claims] == [Status.VERIFIED, Status.VERIFIED]
    report = check_text("Apple earned $21.45 billion.\n", AAPL())
    assert report.brief_id == "AAPL FY2024-Q3"
    assert claim(report, "$21.45 billion").fact_id == "AAPL.net_income.FY2024-Q3"


def test_an_engine_refuses_a_brief_of_another_genre() -> None:
    with pytest.raises(AssertionError):
        check_earnings(
            "x", load("RUT", "2025-08-08"), genre_for("earnings"), source="-", strict=True
        )


# --- the shared reader learns money -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "magnitude", "scale", "sign"),
    [
        ("$21.45 billion", "21.45", "billion", 0),
        ("$3.2bn", "3.2", "bn", 0),
        ("$305.9 mln", "305.9", "mln", 0),
        ("$1.1B", "1.1", "B", 0),
        ("$850M", "850", "M", 0),
        ("74 cents", "0.74", "cents", 0),
        ("(8 cents)", "0.08", "cents", -1),
        ("($0.65 per share)", "0.65", None, -1),
        ("-$214.3 million", "214.3", "million", -1),
    ],
)
def test_money_is_read_with_its_scale_and_sign(
    text: str, magnitude: str, scale: str | None, sign: int
) -> None:
    doc = parse(f"It reported {text} in the quarter.\n", anchor=dt.date(2024, 8, 1))
    (fig,) = doc.sentences[0].figures
    assert (fig.kind, fig.magnitude, fig.scale, fig.sign) == (
        "currency",
        Decimal(magnitude),
        scale,
        sign,
    )


def test_net_income_in_parentheses_is_an_aside_not_a_loss() -> None:
    doc = parse("Net income ($21.4 billion) rose.\n", anchor=dt.date(2024, 8, 1))
    assert doc.sentences[0].figures[0].sign == 0


# --- binding and judging ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Apple posted revenue of $85.78 billion.",
        "Apple posted revenue of $85.8 billion.",
        "Apple's sales were $85,777 million.",
        "Apple reported $85.78 billion in revenue.",
        "Revenue came to about $86 billion.",
    ],
)
def test_revenue_verifies_at_its_written_scale(text: str) -> None:
    fig = text.split(" of ")[-1].split(" were ")[-1].split(" reported ")[-1]
    fig = fig.split(" in ")[0].split("about ")[-1].rstrip(".")
    c = verdict(text, fig)
    assert (c.status, c.fact_id) == (Status.VERIFIED, "AAPL.revenue.FY2024-Q3"), c.message


@pytest.mark.parametrize(
    ("text", "figure", "fact_id"),
    [
        (
            "It had a profit of $21.45 billion, or $1.40 per share.",
            "$1.40 per share",
            "eps_diluted",
        ),
        ("Basic earnings per share were $1.40.", "$1.40", "eps_basic"),
        ("Operating income was $25.35 billion.", "$25.35 billion", "operating_income"),
        ("Gross profit was $39.68 billion.", "$39.68 billion", "gross_profit"),
        ("Excluding items, it earned $1.40 per share.", "$1.40 per share", "eps_adjusted"),
        ("Analysts expected $1.34 per share.", "$1.34 per share", "eps_estimate"),
        ("Shares closed at $216.48.", "$216.48", "close"),
    ],
)
def test_each_metric_is_bound_by_its_words(text: str, figure: str, fact_id: str) -> None:
    c = verdict(text, figure)
    assert c.status is Status.VERIFIED, c.message
    assert c.fact_id is not None and fact_id in c.fact_id


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("A year ago, it earned $19.88 billion.", "$19.88 billion"),
        ("Net income was $21.45 billion, up from $19.88 billion.", "$19.88 billion"),
        ("It earned $19.9 billion in the same quarter last year.", "$19.9 billion"),
        ("Revenue was $85.78 billion, compared with $81.8 billion.", "$81.8 billion"),
        ("EPS was $1.26 a year earlier.", "$1.26"),
        ("In the previous quarter revenue was $90.75 billion.", "$90.75 billion"),
    ],
)
def test_the_year_ago_and_previous_quarters_are_bound_by_their_words(
    text: str, figure: str
) -> None:
    c = verdict(text, figure)
    assert c.status is Status.VERIFIED, c.message
    assert c.fact_id is not None and ("FY2023-Q3" in c.fact_id or "FY2024-Q2" in c.fact_id)


def test_changes_are_held_to_their_year_on_year_fact_and_direction() -> None:
    text = "Revenue rose 4.87% from a year earlier. Net income increased 7.9%. EPS fell 11.1%."
    report = check_text(text + "\n", AAPL())
    assert claim(report, "4.87%").fact_id == "AAPL.revenue.FY2024-Q3.yoy_pct"
    assert claim(report, "7.9%").status is Status.VERIFIED
    eps = claim(report, "11.1%")  # EPS rose 11.1%: the magnitude is right, the word is not
    assert (eps.status, eps.rule) == (Status.MISMATCH, "F002")


def test_a_sequential_change_is_computed_from_the_two_quarters() -> None:
    c = verdict("Revenue fell 5.48% sequentially.", "5.48%")
    assert c.status is Status.VERIFIED and "previous quarter" in c.message


def test_the_share_and_the_index_moves_are_bound_by_span_and_name() -> None:
    text = (
        "Apple shares have risen 13.7% since the start of the year, while the S&P 500 has "
        "increased 14.2%. In the last year, the stock has climbed 12.2%."
    )
    report = check_text(text + "\n", AAPL())
    assert claim(report, "13.7%").fact_id == "AAPL.ytd.change_pct"
    assert claim(report, "14.2%").fact_id == "SPX.ytd.change_pct"
    assert claim(report, "12.2%").fact_id == "AAPL.12m.change_pct"
    assert all(c.status is Status.VERIFIED for c in report.claims)


def test_counts_years_and_form_names_are_no_figures() -> None:
    text = (
        "Ten analysts, or 10 analysts in all, expected $1.34 per share in fiscal 2024, "
        "the company's 10-Q says, over the past 12 months."
    )
    report = check_text(text + "\n", AAPL())
    figures = [c.text for c in report.claims if c.kind != "quarter"]
    assert figures == ["$1.34 per share"]


# --- signs and losses -------------------------------------------------------------------------


def test_a_loss_verifies_when_written_as_a_loss() -> None:
    text = (
        "Snowflake reported a net loss of $214.3 million, or a loss of 65 cents per share. "
        "It lost (65 cents) a share, -$0.65, compared with a loss of 63 cents a year earlier."
    )
    report = check_text(text + "\n", snow_fy2024_q3())
    assert [c.status for c in report.claims if c.kind == "currency"] == [Status.VERIFIED] * 5


def test_a_result_with_no_sign_word_carries_its_sign_error() -> None:
    c = verdict(
        "Snowflake reported net income of $214.3 million.", "$214.3 million", snow_fy2024_q3()
    )
    assert (c.status, c.rule) == (Status.MISMATCH, "F008")
    assert c.message.startswith("sign: a loss written as a profit")


@pytest.mark.parametrize(
    ("text", "word", "figure", "brief"),
    [
        ("Snowflake earned 65 cents a share.", "earned", "65 cents", snow_fy2024_q3),
        (
            "Snowflake reported a profit of $214.3 million.",
            "a profit",
            "$214.3 million",
            snow_fy2024_q3,
        ),
        ("Apple posted a loss of $21.45 billion.", "a loss", "$21.45 billion", AAPL),
    ],
)
def test_a_wrong_sign_word_is_the_words_error_and_the_size_is_verified(
    text: str, word: str, figure: str, brief: object
) -> None:
    report = check_text(text + "\n", brief())  # type: ignore[operator]
    said = claim(report, word)
    assert (said.status, said.rule) == (Status.MISMATCH, "F008")
    assert said.message.startswith("sign:")
    assert claim(report, figure).status is Status.VERIFIED


# --- diagnosis --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure", "brief", "rule", "says"),
    [
        ("Apple earned $19.88 billion in the quarter.", "$19.88 billion", AAPL, "F003", "year-ago"),
        ("Apple's revenue was $90.75 billion.", "$90.75 billion", AAPL, "F003", "previous quarter"),
        (
            "Apple's net income was $25.35 billion.",
            "$25.35 billion",
            AAPL,
            "F003",
            "operating income",
        ),
        ("Operating income was $25.35 million.", "$25.35 million", AAPL, "F009", "1,000"),
        ("Net income per share was $140 a share.", "$140", AAPL, "F009", "100"),
        ("Diluted EPS was $1.05.", "$1.05", nvda_fy2026_q2, "F003", "adjusted EPS"),
        ("Adjusted EPS was $1.08.", "$1.08", nvda_fy2026_q2, "F003", "GAAP"),
        (
            "Analysts expected $1.05 per share.",
            "$1.05 per share",
            nvda_fy2026_q2,
            "F003",
            "adjusted",
        ),
        (
            "Snowflake's net loss was $214.7 million.",
            "$214.7 million",
            snow_fy2024_q3,
            "F003",
            "noncontrolling",
        ),
        (
            "Nvidia earned 25 cents a share in the quarter.",
            "25 cents",
            nvda_fy2025_q2,
            "F003",
            "restated",
        ),
        (
            "EPS was 67 cents, against $2.48 a year earlier.",
            "$2.48",
            nvda_fy2025_q2,
            "F003",
            "before a split",
        ),
        ("Revenue rose 5.48% from a year earlier.", "5.48%", AAPL, "F004", "previous quarter"),
        (
            "EPS fell 72.98% from a year earlier.",
            "72.98%",
            nvda_fy2025_q2,
            "F004",
            "first reported",
        ),
        (
            "Diluted EPS rose 56.72% from a year earlier.",
            "56.72%",
            nvda_fy2026_q2,
            "F004",
            "adjusted EPS",
        ),
    ],
)
def test_a_wrong_figure_that_is_another_value_is_named(
    text: str, figure: str, brief: object, rule: str, says: str
) -> None:
    c = verdict(text, figure, brief())  # type: ignore[operator]
    assert c.status in (Status.MISMATCH, Status.MISATTRIBUTED), c.message
    assert c.rule == rule, c.message
    assert says in c.message, c.message


def test_a_year_ago_eps_is_on_the_quarters_share_count_and_an_amount_as_first_reported() -> None:
    text = "EPS was 67 cents, up from 25 cents a year earlier; it had reported $2.48 a year ago."
    report = check_text(text + "\n", nvda_fy2025_q2())
    assert claim(report, "25 cents").status is Status.VERIFIED
    pre_split = claim(report, "$2.48")
    assert (pre_split.status, pre_split.rule) == (Status.MISATTRIBUTED, "F003")
    assert "split" in pre_split.message


def test_a_plain_wrong_figure_says_what_the_data_holds() -> None:
    c = verdict("Apple's revenue was $84.12 billion.", "$84.12 billion")
    assert (c.status, c.rule, c.expected) == (Status.MISMATCH, "F001", "$85.78 billion")


# --- quarter labels ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "ok"),
    [
        ("fiscal Q3", True),
        ("fiscal third-quarter", True),
        ("Q3", True),
        ("3Q", True),
        ("FY2024-Q3", True),
        ("fiscal Q3 2024", True),
        ("the June quarter", True),
        ("Q2 2024", True),  # the calendar quarter it ended in
        ("fiscal 2024", True),
        ("fiscal Q2", False),
        ("fiscal Q4 2024", False),
        ("fourth-quarter", False),
        ("the September quarter", False),
        ("Q3 2023", False),
    ],
)
def test_quarter_labels_are_judged_against_the_fiscal_quarter(label: str, ok: bool) -> None:
    report = check_text(f"# Apple: {label} Earnings Snapshot\n", AAPL())
    (c,) = [c for c in report.claims if c.rule == "D005"]
    assert (c.status is Status.VERIFIED) is ok, c.message


def test_the_year_ago_quarter_may_be_named_where_the_sentence_compares() -> None:
    text = "It earned $19.88 billion in the fiscal third quarter of 2023, a year earlier."
    (c,) = [c for c in check_text(text + "\n", AAPL()).claims if c.rule == "D005"]
    assert c.status is Status.VERIFIED and "year-ago" in c.message


def test_a_month_quarter_is_the_month_the_quarter_ended() -> None:
    (c,) = [
        c
        for c in check_text("In the July quarter Nvidia grew.\n", nvda_fy2026_q2()).claims
        if c.rule == "D005"
    ]
    assert c.status is Status.VERIFIED


# --- phrases ----------------------------------------------------------------------------------


def test_beat_and_miss_words_need_an_estimate_and_agree_with_it() -> None:
    text = "The results topped Wall Street expectations."
    with_estimate = claim(check_text(text + "\n", AAPL()), "topped Wall Street expectations")
    assert with_estimate.status is Status.VERIFIED
    without = claim(
        check_text(text + "\n", aapl_fy2024_q3(with_estimate=False)),
        "topped Wall Street expectations",
    )
    # no estimate in the data: nothing settles it, an error in a draft, a warning in a gate
    assert (without.status, without.severity) == (Status.UNSUPPORTED, Severity.ERROR)
    lenient = check_text(text + "\n", aapl_fy2024_q3(with_estimate=False), strict=False)
    assert claim(lenient, "topped Wall Street expectations").severity is Severity.WARNING
    missed = claim(
        check_text("Nvidia missed analysts' estimates.\n", nvda_fy2026_q2()),
        "missed analysts",
    )
    assert missed.status is Status.CONTRADICTED
    revenue = claim(check_text("Revenue beat forecasts.\n", AAPL()), "beat forecasts")
    assert revenue.status is Status.UNSUPPORTED


def test_profit_and_loss_words_agree_with_the_sign_of_net_income() -> None:
    report = check_text("Snowflake posted a loss. Apple posted a profit.\n", snow_fy2024_q3())
    assert claim(report, "a loss").status is Status.VERIFIED
    assert claim(report, "a profit").status is Status.CONTRADICTED
    year_ago = check_text("It had a loss a year earlier.\n", snow_fy2024_q3())
    assert "FY2023-Q3" in claim(year_ago, "a loss").message


def test_a_metrics_direction_word_agrees_with_its_change() -> None:
    report = check_text("Apple's revenue rose, but its net income declined.\n", AAPL())
    assert claim(report, "rose").status is Status.VERIFIED
    assert claim(report, "declined").status is Status.CONTRADICTED


# --- strictness and form ----------------------------------------------------------------------


def test_an_unbound_figure_is_unsupported_an_error_only_when_strict() -> None:
    text = "The company's services business brought in $24,213.\n"
    strict = claim(check_text(text, AAPL()), "$24,213")
    lenient = claim(check_text(text, AAPL(), strict=False), "$24,213")
    assert strict.status is lenient.status is Status.UNSUPPORTED
    assert (strict.severity, lenient.severity) == (Severity.ERROR, Severity.WARNING)


def _lede_findings(text: str) -> list[Claim]:
    brief = AAPL()
    report = check_text(text, brief)
    return [c for c in form_findings(text, brief, report, FormRules()) if c.rule == "A015"]


def test_the_lede_gives_the_result_and_names_the_quarter() -> None:
    good = "# Apple: Fiscal Q3 Earnings Snapshot\n\nApple earned $21.45 billion.\n"
    assert _lede_findings(good) == []
    no_result = "# Apple: Fiscal Q3 Earnings Snapshot\n\nApple had revenue of $85.78 billion.\n"
    assert ["net income" in c.message for c in _lede_findings(no_result)] == [True]
    no_quarter = "# Apple results\n\nApple earned $21.45 billion.\n"
    assert ["FY2024-Q3" in c.message for c in _lede_findings(no_quarter)] == [True]


# --- bounded work -----------------------------------------------------------------------------


def test_the_earnings_engine_is_linear_in_the_text() -> None:
    sentence = (
        "Apple posted a profit of $21.45 billion, or $1.40 per share, up 7.9% from $19.88 "
        "billion a year earlier in its fiscal third quarter, topping estimates. "
    )
    brief = AAPL()
    grows_linearly(lambda n: sentence * n, lambda text: check_text(text, brief), 20)
    dense = "$1 " * 300 + "loss per share revenue from a year earlier " * 20
    grows_linearly(lambda n: (dense + ".\n\n") * n, lambda text: check_text(text, brief), 2)


def test_a_scale_error_expects_the_figure_at_its_right_scale() -> None:
    c = verdict("Operating income was $25.35 million.", "$25.35 million")
    assert (c.rule, c.expected) == ("F009", "$25.35 billion")


def test_figures_no_earnings_brief_holds_are_unsupported_not_wrong() -> None:
    text = (
        "Gross margin was 46.3%. The company raised its dividend to 25 cents a share. "
        "Revenue was $85.78 billion, also surpassing forecasts. Analysts expected $84.46 billion."
    )
    report = check_text(text + "\n", AAPL())
    for figure in ("46.3%", "25 cents", "$84.46 billion"):
        assert claim(report, figure).status is Status.UNSUPPORTED, figure
    assert claim(report, "$85.78 billion").status is Status.VERIFIED


def test_a_denied_result_word_is_no_claim() -> None:
    report = check_text("Snowflake does not turn a GAAP profit.\n", snow_fy2024_q3())
    assert [c for c in report.claims if c.rule == "P010"] == []


def test_a_table_column_header_gives_its_figures_quarter() -> None:
    text = (
        "| Metric | Q3 2024 | Q3 2023 |\n"
        "|---|---|---|\n"
        "| Revenue | $85.78 billion | $81.80 billion |\n"
        "| Diluted EPS | $1.40 | $1.26 |\n"
    )
    report = check_text(text, AAPL())
    assert claim(report, "$81.80 billion").fact_id == "AAPL.revenue.FY2023-Q3"
    assert claim(report, "$1.26").fact_id == "AAPL.eps_diluted.FY2023-Q3"
    assert all(c.status is Status.VERIFIED for c in report.claims), [
        (c.text, c.message) for c in report.claims if c.status is not Status.VERIFIED
    ]


def test_a_surprise_and_a_span_swap_are_named() -> None:
    surprise = verdict("The result is an earnings surprise of 4.48%.", "4.48%")
    assert surprise.fact_id == "AAPL.eps_surprise_pct.FY2024-Q3"
    swapped = verdict("Apple shares have risen 12.2% since the start of the year.", "12.2%")
    assert (swapped.status, swapped.rule) == (Status.MISATTRIBUTED, "F003")
    assert "12-month" in swapped.message


def test_a_period_phrase_right_before_a_figure_is_that_figures() -> None:
    """'below last year's $19.88 billion': the year-ago phrase is the second figure's, not
    the first's; 'from a year earlier, when Apple booked $81.80 billion': the 'when' clause
    is set in the period just named."""
    report = check_text(
        "Net income was $21.45 billion, a little above last year's $19.88 billion.\n\n"
        "Revenue rose 4.9% from a year earlier, when Apple booked $81.80 billion.\n",
        aapl_fy2024_q3(),
    )
    assert claim(report, "$21.45 billion").fact_id == "AAPL.net_income.FY2024-Q3"
    assert claim(report, "$19.88 billion").fact_id == "AAPL.net_income.FY2023-Q3"
    assert claim(report, "$81.80 billion").fact_id == "AAPL.revenue.FY2023-Q3"
    assert all(c.status is Status.VERIFIED for c in report.claims), report.claims
    # and a wrong year-ago figure there is still caught
    wrong = check_text(
        "Revenue rose 4.9% from a year earlier, when Apple booked $85.78 billion.\n",
        aapl_fy2024_q3(),
    )
    assert claim(wrong, "$85.78 billion").severity is Severity.ERROR


def test_a_quarter_named_by_the_month_it_ended_and_a_first_that_counts() -> None:
    """Zacks' 'the quarter ended June 2024' is a label, judged by its month and year; 'its
    first quarter in its history' counts quarters and names none."""
    right = check_text("Revenue was $85.78 billion for the quarter ended June 2024.\n", AAPL())
    assert claim(right, "quarter ended June 2024").status is Status.VERIFIED
    wrong = check_text("Revenue was $85.78 billion for the quarter ended June 2023.\n", AAPL())
    assert claim(wrong, "quarter ended June 2023").severity is Severity.ERROR
    counted = check_text(
        "It was the first quarter in its history with revenue of $85.78 billion.\n", AAPL()
    )
    assert not [c for c in counted.claims if "first quarter" in c.text]


def test_a_result_that_topped_a_round_sum_is_a_lower_bound() -> None:
    """'Revenue topped $85 billion' says more than $85 billion (AAPL FY2024-Q3: $85.78
    billion): right; 'topped $90 billion' is wrong, and no scale is blamed for it."""
    right = check_text("Revenue topped $85 billion in the quarter.\n", AAPL())
    assert claim(right, "$85 billion").status is Status.VERIFIED
    wrong = claim(check_text("Revenue topped $90 billion in the quarter.\n", AAPL()), "$90 billion")
    assert wrong.severity is Severity.ERROR and "factor" not in wrong.message


def _errors(report: CheckReport) -> list[tuple[str, str]]:
    return [(c.text, c.message) for c in report.claims if c.severity is Severity.ERROR]


def test_a_period_phrase_after_an_aside_in_parentheses_is_the_figures() -> None:
    """'the $19.88 billion profit ($1.26 a share) a year ago': the year-ago phrase after the
    aside is the amount's too; without the phrase the amount is the quarter's (and wrong)."""
    text = (
        "Apple earned $21.45 billion, well ahead of the $19.88 billion profit ($1.26 a share) {}."
    )
    right = check_text(text.format("a year ago") + "\n", AAPL())
    assert claim(right, "$19.88 billion").fact_id == "AAPL.net_income.FY2023-Q3"
    assert claim(right, "$1.26").fact_id == "AAPL.eps_diluted.FY2023-Q3"
    assert not _errors(right)
    bare = check_text(text.format("in total") + "\n", AAPL())
    assert claim(bare, "$19.88 billion").severity is Severity.ERROR


@pytest.mark.parametrize(
    ("text", "figure", "ok"),
    [
        ("Apple's first $85 billion June quarter came on Thursday.", None, None),
        ("It was Apple's first $85 billion quarter.", "$85 billion", True),
        ("It was Apple's first $90 billion quarter.", "$90 billion", False),
        ("Apple posted a quarter with revenue above $85 billion.", "$85 billion", True),
        ("Apple posted a quarter with revenue above $90 billion.", "$90 billion", False),
    ],
)
def test_a_milestone_and_a_result_above_a_sum_are_lower_bounds_on_the_quarter(
    text: str, figure: str | None, ok: bool | None
) -> None:
    """'its first $85 billion quarter' and 'revenue above $85 billion' say the quarter's
    revenue reached the sum (AAPL FY2024-Q3: $85.78 billion): neither is a year-ago base."""
    report = check_text(text + "\n", AAPL())
    if figure is None:
        return
    c = claim(report, figure)
    if ok:
        assert (c.status, c.fact_id) == (Status.VERIFIED, "AAPL.revenue.FY2024-Q3"), c.message
    else:
        assert c.severity is Severity.ERROR and "factor" not in c.message
        assert c.fact_id == "AAPL.revenue.FY2024-Q3"


def test_a_segment_named_before_an_aside_keeps_the_figure() -> None:
    """'Services revenue, the fees ... of its sales, was $24.21 billion': the segment's
    figure, which no brief holds; not the total revenue the aside mentions."""
    report = check_text(
        "Services revenue, the fees that make up about a quarter of its sales, was $24.21 "
        "billion.\n",
        AAPL(),
    )
    assert claim(report, "$24.21 billion").status is Status.UNSUPPORTED
    # an aside that does not follow a result word leaves the sentence's metric alone
    plain = check_text("In the quarter, as expected by many, revenue was $80.1 billion.\n", AAPL())
    assert claim(plain, "$80.1 billion").severity is Severity.ERROR


def test_a_table_rows_label_gives_every_cell_its_basis() -> None:
    """A row 'Net income including noncontrolling interests' is that line in each column
    (SNOW FY2024-Q3: -$214.694 million, a year earlier -$201.442 million), not the net
    income attributable to the company (-$214.251 / -$200.936 million)."""
    text = (
        "| | Q3 FY2024 | Q3 FY2023 |\n"
        "|---|---|---|\n"
        "| Net loss including noncontrolling interests | $214.7 million | $201.4 million |\n"
    )
    report = check_text(text, snow_fy2024_q3())
    assert not _errors(report)
    assert claim(report, "$201.4 million").status is Status.VERIFIED
    wrong = check_text(text.replace("$201.4 million", "$200.9 million"), snow_fy2024_q3())
    assert claim(wrong, "$200.9 million").severity is Severity.ERROR


def test_a_result_word_set_before_the_quarter_is_no_claim_on_it() -> None:
    """'after two quarters of losses' speaks of quarters before; 'a loss' of this one."""
    report = check_text("Apple earned a profit, after two quarters of losses.\n", AAPL())
    assert not [c for c in report.claims if c.text == "losses"]
    wrong = check_text("Apple reported a loss for the quarter.\n", AAPL())
    assert claim(wrong, "a loss").status is Status.CONTRADICTED


def test_an_adjusted_result_word_is_judged_on_the_adjusted_basis() -> None:
    """'Adjusted profit tops view' is judged on the adjusted result (NVDA's estimate block:
    adjusted $1.05), the sign of a GAAP loss beside it being no matter; an unqualified
    'profit' on net income (SNOW: a loss)."""
    brief = snow_fy2024_q3()
    gaap = check_text("Snowflake swung to a profit in the quarter.\n", brief)
    assert claim(gaap, "a profit").status is Status.CONTRADICTED
    nvda = check_text("Nvidia: adjusted profit tops view.\n", nvda_fy2026_q2())
    word = claim(nvda, "profit")
    assert (word.status, word.fact_id) == (Status.VERIFIED, "NVDA.eps_adjusted.FY2026-Q2")


def test_the_outlooks_verdict_and_the_next_quarters_estimates_are_not_the_quarters() -> None:
    """'forecast tops estimates' judges the outlook (no brief holds it); 'estimates for the
    September quarter' (the quarter after AAPL's June quarter) look ahead."""
    outlook = check_text("Apple's forecast tops estimates.\n", AAPL())
    assert not [c for c in outlook.claims if "tops" in c.text]
    result = check_text("Apple's profit misses estimates.\n", AAPL())
    assert claim(result, "misses estimates").status is Status.CONTRADICTED
    ahead = check_text("Estimates for the September quarter were rising.\n", AAPL())
    assert claim(ahead, "September quarter").status is Status.UNSUPPORTED
    named = check_text("Revenue for the September quarter was $85.78 billion.\n", AAPL())
    assert claim(named, "September quarter").severity is Severity.ERROR


@pytest.mark.parametrize(
    ("text", "label", "ok"),
    [
        (
            "Revenue for the fiscal 2024 third quarter rose 4.9% to $85.78 billion from "
            "$81.80 billion a year earlier.",
            "fiscal 2024 third quarter",
            True,
        ),
        (
            "Revenue for the fiscal 2023 third quarter rose 4.9% to $85.78 billion from "
            "$81.80 billion a year earlier.",
            "fiscal 2023 third quarter",
            False,
        ),
        (
            "Compared with the fiscal 2023 third quarter, revenue rose 4.9% to $85.78 billion.",
            "fiscal 2023 third quarter",
            True,
        ),
        (
            "Revenue rose to $85.78 billion from $81.80 billion in the fiscal 2023 third quarter.",
            "fiscal 2023 third quarter",
            True,
        ),
    ],
)
def test_a_label_before_a_figure_of_the_quarter_must_name_the_quarter(
    text: str, label: str, ok: bool
) -> None:
    """The year-ago quarter may be named in a sentence that compares, but not as the label of
    the quarter's own figure ('Revenue for the fiscal 2023 third quarter rose 4.9% to')."""
    c = claim(check_text(text + "\n", AAPL()), label)
    assert (c.status is Status.VERIFIED) is ok, c.message


def test_a_year_ago_amount_said_to_be_reported_is_held_to_its_first_report() -> None:
    """'from $3.05 billion reported for the second quarter of 2018' (GOOGL: first reported
    $2.807 billion, restated $3.045 billion): the first report; without 'reported', either."""
    brief = googl_fy2019_q2()
    said = "Operating income climbed to $9.18 billion from {} {} the second quarter of 2018.\n"
    restated = claim(
        check_text(said.format("$3.05 billion", "reported for"), brief), "$3.05 billion"
    )
    assert restated.severity is Severity.ERROR and "restated" in restated.message
    first = claim(check_text(said.format("$2.81 billion", "reported for"), brief), "$2.81 billion")
    assert first.status is Status.VERIFIED
    either = claim(check_text(said.format("$3.05 billion", "in"), brief), "$3.05 billion")
    assert either.status is Status.VERIFIED


def test_a_year_to_date_move_from_the_years_first_session_is_named() -> None:
    """AAPL at Aug 1, 2024: +13.71% from the Dec 29, 2023 close; +17.93% from Jan 2, 2024's,
    the usual wrong base, which the finding names; another wrong figure gets no such name."""
    right = verdict("Apple shares have risen 13.7% since the start of the year.", "13.7%")
    assert right.status is Status.VERIFIED
    wrong = verdict("Apple shares have risen 17.9% since the start of the year.", "17.9%")
    assert (wrong.rule, wrong.severity) == ("F004", Severity.ERROR)
    assert "first session (Jan 02, 2024" in wrong.message and "Dec 29, 2023" in wrong.message
    other = verdict("Apple shares have risen 15.1% since the start of the year.", "15.1%")
    assert other.severity is Severity.ERROR and "first session" not in other.message


def test_dates_and_weekdays_are_the_briefs_days() -> None:
    """AAPL FY2024-Q3 was reported on Thursday, Aug 1, 2024, for the quarter ended June 29:
    those verify; another weekday where the sentence reports is wrong, a weekday that does not
    go with its date is wrong (D001), and a day the brief knows nothing of is background."""
    report = check_text(
        "Apple said Thursday that the quarter ended June 29 was its best June quarter.\n\n"
        "Apple reported the results on Tuesday.\n\n"
        "Apple filed its 10-Q on Friday, Aug. 2, after shares closed Thursday's session.\n\n"
        "Apple holds its annual meeting on Feb. 28.\n\n"
        "The 10-Q came on Thursday, Aug. 2.\n",
        AAPL(),
        strict=False,
    )
    dated = [(c.text, c.status, c.rule) for c in report.claims if c.kind == "date"]
    assert dated == [
        ("Thursday", Status.VERIFIED, "D006"),
        ("June 29", Status.VERIFIED, "D006"),
        ("Tuesday", Status.MISMATCH, "D006"),
        ("Friday, Aug. 2", Status.VERIFIED, "D006"),
        ("Thursday", Status.VERIFIED, "D006"),
        ("Feb. 28", Status.UNSUPPORTED, "D006"),
        ("Thursday, Aug. 2", Status.MISMATCH, "D001"),
    ]
    tuesday = claim(report, "Tuesday")
    assert tuesday.expected == "Thursday" and "Aug 1, 2024" in tuesday.message
    ended = claim(check_text("The quarter ended June 30.\n", AAPL()), "June 30")
    assert ended.severity is Severity.ERROR and ended.expected == "Jun 29, 2024"
    # a quarter's end is a quarter's, even on a day the brief holds a close for (Dec 29,
    # 2023: the year-end close); a share that "ended" a day is no quarter's end
    months = check_text("In the three months ended Dec. 29, 2023, Apple earned more.\n", AAPL())
    assert claim(months, "Dec. 29, 2023").severity is Severity.ERROR
    shares = check_text("Apple shares ended Aug. 1 at $216.48.\n", AAPL())
    assert claim(shares, "Aug. 1").status is Status.VERIFIED
