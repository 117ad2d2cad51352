"""Nothing passes in silence (part): a number a reader sees is a number the checker reads.

Each case is a form in which a wrong figure used to be skipped, so that the article passed
with one claim fewer and nothing said: digits of other scripts, a line that opens with inline
code taken for a code fence, a real code fence, text between `<` and `>` taken for an HTML
tag, a table's header row (and the row under an empty header taken for one), the front
matter fields a site renders as the headline, and a comparison sign against a figure.  The
true figures: RUT, week of 2025-08-08, close 2,218.42, week +2.38%.
"""

from __future__ import annotations

import pytest

from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.extract import parse
from factcheck.numfmt import Hedge
from factcheck.report import CheckReport, Status

from .briefs import load

WRONG_CLOSE = "2,281.42"


def _check(text: str) -> CheckReport:
    return check_text(text, load("RUT", "2025-08-08"))


def _claim(report: CheckReport, written: str) -> Status:
    found = [c for c in report.claims if c.text.strip() == written]
    assert found, (written, [(c.text, c.status) for c in report.claims])
    return found[0].status


@pytest.mark.parametrize(
    ("close", "week"),
    [
        ("２,２８１.４２", "２.３８％"),  # fullwidth
        ("٢٢٨١٫٤٢", "2.38%"),  # Arabic-Indic digits, Arabic decimal separator
        ("２２８１.４２", "+２.３８％"),
    ],
)
def test_digits_of_other_scripts_are_read_as_the_figures_they_are(close: str, week: str) -> None:
    report = _check(f"The Russell 2000 closed the week at {close}, up {week}.\n")
    assert _claim(report, close) is Status.MISMATCH  # the close is 2,218.42
    assert _claim(report, week) is Status.VERIFIED


def test_a_right_figure_in_other_digits_is_verified() -> None:
    report = _check("The Russell 2000 closed the week at ２,２１８.４２.\n")
    assert _claim(report, "２,２１８.４２") is Status.VERIFIED


def test_superscripts_and_fractions_are_not_digits() -> None:
    """ "2.38%²" is a footnote mark; its ² must not become a digit of the figure."""
    report = _check("The Russell 2000 rose 2.38%² this week.\n")
    assert _claim(report, "2.38%") is Status.VERIFIED


def test_a_line_opening_with_inline_code_is_text() -> None:
    report = _check(f"```RUT``` is the ticker. The Russell 2000 closed at {WRONG_CLOSE} Friday.\n")
    assert _claim(report, WRONG_CLOSE) is Status.MISMATCH


@pytest.mark.parametrize("fence", ["```", "~~~", "````text"])
def test_a_code_fence_is_shown_to_readers_so_its_figures_are_checked(fence: str) -> None:
    closer = fence.removesuffix("text")
    text = (
        "The week in brief.\n\n"
        f"{fence}\nThe Russell 2000 closed at {WRONG_CLOSE} on Friday.\n{closer}\n\n"
        "After the fence, the Russell 2000 closed at 2,218.42 on Friday.\n"
    )
    report = _check(text)
    assert _claim(report, WRONG_CLOSE) is Status.MISMATCH
    assert _claim(report, "2,218.42") is Status.VERIFIED
    lines = {c.text.strip(): c.line for c in report.claims}
    assert lines[WRONG_CLOSE] == 4 and lines["2,218.42"] == 7


def test_a_fence_closes_only_with_its_own_kind_of_fence() -> None:
    text = f"```\n~~~\nThe Russell 2000 closed at {WRONG_CLOSE} on Friday.\n```\n"
    assert _claim(_check(text), WRONG_CLOSE) is Status.MISMATCH


def test_text_between_angle_brackets_is_not_a_tag() -> None:
    report = _check("The Russell 2000 rose 2.38% this week, <3% by any measure >1%.\n")
    assert {c.text.strip() for c in report.claims} >= {"2.38%", "3%", "1%"}


def test_real_tags_are_still_markup() -> None:
    report = _check("The Russell 2000 <b>closed</b> at 2,218.42 on Friday.<br/>\n")
    assert [c.text.strip() for c in report.claims] == ["2,218.42"]
    assert _claim(report, "2,218.42") is Status.VERIFIED


@pytest.mark.parametrize(
    ("sign", "hedge"),
    [("<", Hedge.LESS_THAN), (">", Hedge.MORE_THAN), ("≤", Hedge.AT_MOST), ("≥", Hedge.AT_LEAST)],
)
def test_a_comparison_sign_against_a_figure_makes_it_a_bound(sign: str, hedge: Hedge) -> None:
    doc = parse(f"The Russell 2000 gained {sign}3% this week.\n")
    (fig,) = [f for s in doc.sentences for f in s.figures]
    assert fig.hedge is hedge


def test_more_than_a_figure_the_week_did_not_reach_is_wrong() -> None:
    report = _check("The Russell 2000 gained >3% this week.\n")
    assert _claim(report, "3%") is not Status.VERIFIED


def test_a_table_header_row_is_read() -> None:
    text = f"| Index | {WRONG_CLOSE} |\n|---|---|\n| Russell 2000 | 2,218.42 |\n"
    report = _check(text)
    assert _claim(report, WRONG_CLOSE) is not Status.VERIFIED
    assert _claim(report, "2,218.42") is Status.VERIFIED


def test_a_header_rows_years_and_dates_are_column_names_not_figures() -> None:
    header = "| Index | 2024 Close | Close 8/8 |\n|---|---|---|\n"
    text = header + "| Russell 2000 | 2,230.16 | 2,218.42 |\n"
    report = _check(text)
    assert [(c.line, c.text.strip()) for c in report.claims] == [(3, "2,230.16"), (3, "2,218.42")]
    assert all(c.status is Status.VERIFIED for c in report.claims)


def test_the_row_under_an_empty_header_row_is_data() -> None:
    text = f"| | |\n|---|---|\n| Russell 2000 close | {WRONG_CLOSE} |\n"
    assert _claim(_check(text), WRONG_CLOSE) is Status.MISMATCH


def test_front_matter_fields_readers_see_are_checked() -> None:
    text = (
        "---\n"
        f"title: Russell 2000 Jumps 9.38% to {WRONG_CLOSE}\n"
        'description: "Small caps rose 2.38% this week"\n'
        "ticker: RUT\n"
        "week: 2025-08-08\n"
        "---\n"
        "The Russell 2000 closed at 2,218.42 on Friday.\n"
    )
    report = _check(text)
    lines = {c.text.strip(): (c.line, c.status) for c in report.claims}
    assert lines["9.38%"][0] == 2 and lines["9.38%"][1] is not Status.VERIFIED
    assert lines[WRONG_CLOSE] == (2, Status.MISMATCH)
    assert lines["2.38%"] == (3, Status.VERIFIED)
    assert lines["2,218.42"] == (7, Status.VERIFIED)


def test_other_front_matter_is_not_text() -> None:
    text = "---\nticker: RUT\nweek: 2025-08-08\nweight: 2281\n---\nThe Russell 2000 rose.\n"
    assert [c for c in _check(text).claims if c.line < 6] == []


def test_digits_glued_to_letters_are_not_figures() -> None:
    """Text decoded in the wrong encoding (an emoji flag read as Thai: "๐Ÿ‡º") is full of
    other scripts' digits; glued to letters they are no figure's."""
    report = _check("• ๐Ÿ‡º๐Ÿ‡¸ Russell 2000 rose 2.38% this week.\n")
    assert [c.text.strip() for c in report.claims] == ["2.38%"]


def test_a_title_that_is_the_bodys_headline_is_read_once() -> None:
    """`writer draft` copies the `# ` headline into `title:`: one claim per figure."""
    text = (
        "---\ntitle: Russell 2000 rises 2.38% on the week\nticker: RUT\n---\n"
        "# Russell 2000 rises 2.38% on the week\n\nIt closed at 2,218.42 on Friday.\n"
    )
    assert [(c.line, c.text.strip()) for c in _check(text).claims] == [
        (5, "2.38%"),
        (7, "2,218.42"),
    ]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # RUT, week of Aug 4 2025: closed Friday at 2,218.42; 52-week intraday high 2,466.49
        ("The Russell 2000 is above 2,400.", "mismatch"),  # not its 52-week high: its close
        ("The Russell 2000 is below 2,400.", "verified"),
        ("The Russell 2000 closed the week above 2,300.", "mismatch"),  # a round level settles
        ("The Russell 2000 closed the week above 2,200.", "verified"),
    ],
)
def test_a_comparator_is_held_to_the_index_own_close(
    rut: WeeklyIndexBrief, sentence: str, status: str
) -> None:
    """A bound ("above 2,400") fits every larger figure of the brief: only the words' own
    fact settles it, the last close where the sentence says where the index stands."""
    report = check_text(sentence, rut, strict=True)
    assert [c.status.value for c in report.claims if c.kind == "number"] == [status]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The Russell 2000 rose nine percent this week.", "mismatch"),  # it rose 2.38%
        ("The Russell 2000 rose about two per cent this week.", "verified"),
        ("The Russell 2000 rose two percent on Monday.", "verified"),  # +2.10%
    ],
)
def test_a_percentage_in_words_is_a_figure(
    rut: WeeklyIndexBrief, sentence: str, status: str
) -> None:
    report = check_text(sentence, rut, strict=True)
    assert [c.status.value for c in report.claims if c.kind == "percent"] == [status]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The Russell 2000 closed the week at about 3,000.", "mismatch"),  # 2,218.42
        ("The Russell 2000 closed the week at about 2,200.", "verified"),
        ("The Russell 2000 closed the week at around 2,250.", "verified"),  # 1.4% away
        ("The Russell 2000 jumped about 3% this week.", "mismatch"),  # +2.38%
        ("The Russell 2000 gained about 2% this week.", "verified"),
        ("The Russell 2000 gained roughly 2.5% this week.", "verified"),  # 4.8% away
    ],
)
def test_a_hedge_has_a_bound(rut: WeeklyIndexBrief, sentence: str, status: str) -> None:
    """ "About X" fits a value that rounds to X at its last digit or lies within 5% of it; one
    whole unit of the last digit let "about 3,000" stand for 2,218.42."""
    report = check_text(sentence, rut, strict=True)
    assert [c.status.value for c in report.claims if c.kind in ("number", "percent")] == [status]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The Russell 2000 closed the week at 2050.", "mismatch"),  # 2,218.42
        ("The Russell 2000 fell 1.2% to 1985 on Friday.", "mismatch"),
        ("The Russell 2000 closed the week at 2218.42.", "verified"),
    ],
)
def test_a_level_written_like_a_year_is_a_figure(
    rut: WeeklyIndexBrief, sentence: str, status: str
) -> None:
    """A bare 19xx/20xx number after a verb that puts the index somewhere is a level: the
    Russell closed between 1,900 and 2,099 on a third of its sessions."""
    report = check_text(sentence, rut, strict=True)
    levels = [c for c in report.claims if c.kind == "number"]
    assert levels and levels[-1].status.value == status, [(c.text, c.status) for c in levels]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Russell 2000 closed at its highest level since 2021.",
        "The Russell 2000 fell to 2020 levels.",
        "The Russell 2000 ended 2024 higher.",
        "The Russell 2000 closed at its 2024 high.",
    ],
)
def test_a_year_is_still_a_year(rut: WeeklyIndexBrief, sentence: str) -> None:
    report = check_text(sentence, rut, strict=True)
    assert not [c for c in report.claims if c.kind == "number"]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The Russell 2000 did not close the week at 2,218.42.", "contradicted"),
        ("The Russell 2000 didn't rise 2.38% this week.", "contradicted"),
        ("The Russell 2000 did not close the week at 2,281.42.", "verified"),
        (
            "The Russell 2000 closed the week at 2,218.42. The Russell 2000 is not above 2,400.",
            "verified",
        ),
        ("The Russell 2000 never fell below 2,200 this week.", "contradicted"),  # low 2,177.10
        ("The Russell 2000 failed to close the week above 2,300.", "verified"),
        ("The Russell 2000 failed to close above 2,300.", "unsupported"),  # which session?
    ],
)
def test_a_denied_figure_turns_its_verdict_over(
    rut: WeeklyIndexBrief, sentence: str, status: str
) -> None:
    report = check_text(sentence, rut, strict=True)
    assert report.claims[-1].status.value == status, [(c.text, c.message) for c in report.claims]
    assert report.claims[-1].rule == "F010"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Russell 2000 could not hold gains of 2.38% this week.",  # the holding is denied
        "Not only did the Russell 2000 rise 2.38% this week, it beat the S&P 500.",
        "The Russell 2000, not far from 2,218.42 all week, rose 2.38% this week.",
    ],
)
def test_a_negation_that_does_not_govern_the_figure_leaves_it_affirmed(
    rut: WeeklyIndexBrief, sentence: str
) -> None:
    report = check_text(sentence, rut, strict=True)
    assert all(c.rule != "F010" for c in report.claims), [(c.text, c.rule) for c in report.claims]


@pytest.mark.parametrize(
    ("sentence", "written", "status"),
    [
        ("The Russell 2000 edged up half a percent on Friday.", "half a percent", "mismatch"),
        (
            "The Russell 2000 slipped a quarter of a percent on Wednesday.",
            "a quarter of a percent",
            "mismatch",
        ),  # -0.20%
        (
            "The Russell 2000 rose two and a half per cent this week.",
            "two and a half per cent",
            "mismatch",
        ),
        (
            "The Russell 2000 rose about two and a half percent this week.",
            "two and a half percent",
            "verified",
        ),
        ("The Russell 2000 edged up ½% on Friday.", "½%", "mismatch"),  # +0.17%
        ("The Russell 2000 rose 2½% this week.", "2½%", "mismatch"),  # +2.38%
        ("The Russell 2000 rose about 2½% this week.", "2½%", "verified"),
        (
            "The Russell 2000 gained three-quarters of one percent this week.",
            "three-quarters of one percent",
            "mismatch",
        ),
    ],
)
def test_a_percentage_written_as_a_fraction_is_a_figure(
    rut: WeeklyIndexBrief, sentence: str, written: str, status: str
) -> None:
    report = check_text(sentence, rut, strict=True)
    assert [(c.text, c.status.value) for c in report.claims] == [(written, status)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Russell 2000 had its best week since 2021.",  # a year
        "The Russell 2000 posted its 5th weekly gain of the Q3 period.",  # a rank, a name's
        "The Russell 2000 closed at 2,218.42 at 16:00 ET on 8/8/2025.",  # a time, a date
        "Life360 and the HK50 were not in the brief.",  # digits against letters
    ],
)
def test_a_named_non_figure_is_accounted_for(rut: WeeklyIndexBrief, sentence: str) -> None:
    report = check_text(sentence, rut, strict=False)
    assert all(c.rule != "F012" for c in report.claims), [(c.text, c.rule) for c in report.claims]


def test_a_number_the_reader_skipped_is_reported_not_passed() -> None:
    """Digits no pattern read and no non-figure names: a finding (F012), never silence."""
    report = _check("The Russell 2000 closed at 2,218.42. Crude Oil-CL=F$71.76 was quoted.\n")
    unread = [c for c in report.claims if c.rule == "F012"]
    assert [(c.text, c.status) for c in unread] == [("71.76", Status.UNSUPPORTED)]


def test_an_australian_dollar_prefix_is_a_currency() -> None:
    report = _check("Oil rose 1.4 per cent to $US79.78 a barrel.\n")
    assert [c.text for c in report.claims if c.kind == "currency"] == ["$US79.78"]


@pytest.mark.parametrize(
    ("sentence", "written", "status"),
    [
        ("The Russell 2000 rose 0,02% this week.", "0,02%", "mismatch"),  # +2.38%, not 0 and 2%
        ("The Russell 2000 rose 2,38 per cent this week.", "2,38 per cent", "verified"),
    ],
)
def test_a_decimal_comma_before_a_percent_is_one_figure(
    rut: WeeklyIndexBrief, sentence: str, written: str, status: str
) -> None:
    report = check_text(sentence, rut, strict=True)
    assert [(c.text, c.status.value) for c in report.claims] == [(written, status)]


@pytest.mark.parametrize(
    "html",
    [
        '<img src="chart.png" alt="The Russell 2000 closed the week at 2,281.42.">',
        "<img src='chart.png' title='The Russell 2000 closed the week at 2,281.42.'>",
        '<span title="The Russell 2000 closed the week at 2,281.42.">the week</span>',
    ],
)
def test_html_attribute_values_a_reader_is_shown_are_read(html: str) -> None:
    assert _claim(_check(html + "\n"), WRONG_CLOSE) is Status.MISMATCH


def test_other_attributes_and_comments_stay_markup() -> None:
    report = _check('<img src="chart-2281.png" alt=""> <!-- alt="2,281.42" -->\n')
    assert report.claims == ()


@pytest.mark.parametrize(
    ("sentence", "written", "status"),
    [
        (
            "The Russell 2000 closed the week at two thousand one hundred points.",
            "two thousand one hundred points",
            "mismatch",
        ),
        (
            "The Russell 2000 closed the week at two thousand two hundred and eighteen points.",
            "two thousand two hundred and eighteen points",
            "verified",
        ),
        ("The Russell 2000 closed the week above two thousand.", "two thousand", "verified"),
    ],
)
def test_a_level_in_words_is_a_figure(
    rut: WeeklyIndexBrief, sentence: str, written: str, status: str
) -> None:
    report = check_text(sentence, rut, strict=True)
    assert [(c.text, c.status.value) for c in report.claims] == [(written, status)]


def test_number_words_without_a_scale_are_no_level(rut: WeeklyIndexBrief) -> None:
    report = check_text("One of the two indices rose in three of five sessions.", rut)
    assert all(c.kind != "number" for c in report.claims)
