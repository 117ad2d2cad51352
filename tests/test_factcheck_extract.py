"""Extraction: every figure form of GENRE.md, with exact text, value, line and column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.document import Figure
from factcheck.extract import parse
from factcheck.numfmt import Hedge

ANCHOR = dt.date(2025, 8, 8)


def figures(text: str) -> list[Figure]:
    doc = parse(text, anchor=ANCHOR)
    return [f for s in doc.sentences for f in s.figures]


def dates(text: str) -> list[Figure]:
    doc = parse(text, anchor=ANCHOR)
    return [f for s in doc.sentences for f in s.dates]


def one(text: str) -> Figure:
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "written", "kind", "decimals"),
    [
        ("closed at 2,218.42 on Friday", "2,218.42", "number", 2),
        ("closed at 2218.42 on Friday", "2218.42", "number", 2),
        ("a gain of +0.28% for the week", "+0.28%", "percent", 2),
        ("a loss of -1.2% for the week", "-1.2%", "percent", 1),
        ("a loss of −1.2% for the week", "−1.2%", "percent", 1),
        ("it rose 0.28 percent", "0.28 percent", "percent", 2),
        ("it rose 0.6 per cent", "0.6 per cent", "percent", 1),
        ("it added 13.37 points", "13.37 points", "points", 2),
        ("it lagged by 0.04 percentage points", "0.04 percentage points", "percentage_points", 2),
        ("the 25,000 level", "25,000", "number", 0),
    ],
)
def test_number_forms(text: str, written: str, kind: str, decimals: int) -> None:
    fig = one(text)
    assert (fig.text, fig.kind, fig.decimals) == (written, kind, decimals)


def test_signs_include_unicode_minus() -> None:
    assert [f.sign for f in figures("up +0.5% and down −0.7% and -0.2% and 0.1%")] == [1, -1, -1, 0]


def test_basis_points_become_percentage_points() -> None:
    fig = one("the spread widened by 25 basis points")
    assert (fig.kind, fig.magnitude, fig.decimals) == ("percentage_points", Decimal("0.25"), 2)


@pytest.mark.parametrize(
    ("text", "written", "magnitude"),
    [
        ("revenue of $1.2 billion", "$1.2 billion", Decimal("1.2")),
        ("earnings of $0.45 per share", "$0.45 per share", Decimal("0.45")),
        ("a dividend of US$3", "US$3", Decimal("3")),
        ("sales of A$12.5 million", "A$12.5 million", Decimal("12.5")),
        ("a price of HK$80", "HK$80", Decimal("80")),
    ],
)
def test_currency_and_scale(text: str, written: str, magnitude: Decimal) -> None:
    fig = one(text)
    assert (fig.text, fig.kind, fig.magnitude) == (written, "currency", magnitude)


@pytest.mark.parametrize(
    "text",
    [
        "Its 52-week range is 1,732.99 - 2,466.49.",
        "Its 52-week range is 1,732.99 – 2,466.49.",
        "Its 52-week range is 1,732.99 to 2,466.49.",
        "It traded between 1,732.99 and 2,466.49.",
    ],
)
def test_ranges(text: str) -> None:
    low, high = figures(text)
    assert (low.text, low.range_role, high.text, high.range_role) == (
        "1,732.99",
        "low",
        "2,466.49",
        "high",
    )
    assert high.sign == 0  # the dash is a separator, not a minus


def test_zone_range_without_spaces() -> None:
    low, high = figures("resistance in the 2,230-2,250 zone")
    assert (low.magnitude, high.magnitude) == (Decimal(2230), Decimal(2250))
    assert (low.range_role, high.range_role) == ("low", "high")


def test_and_without_between_is_not_a_range() -> None:
    assert [f.range_role for f in figures("lows of 8,160.70 and 8,146.60")] == [None, None]


@pytest.mark.parametrize(
    ("text", "date", "weekday"),
    [
        ("Monday, Aug 4: the index rose", dt.date(2025, 8, 4), 0),
        ("on Aug. 4 the index rose", dt.date(2025, 8, 4), None),
        ("on August 4 the index rose", dt.date(2025, 8, 4), None),
        ("the close on 2025-08-08 was", dt.date(2025, 8, 8), None),
        ("its high (Nov 25, 2024) was", dt.date(2024, 11, 25), None),
        ("on 4 August 2025 it rose", dt.date(2025, 8, 4), None),
    ],
)
def test_dates(text: str, date: dt.date, weekday: int | None) -> None:
    (found,) = dates(text)
    assert (found.date, found.weekday) == (date, weekday)


def test_date_without_year_takes_the_year_nearest_the_week() -> None:
    (found,) = (
        parse("Its 52-week high was set on Dec 16.", anchor=dt.date(2025, 1, 31)).sentences[0].dates
    )
    assert found.date == dt.date(2024, 12, 16)


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("a gain of approximately 2.4%", Hedge.APPROXIMATE),
        ("a gain of about 2.4%", Hedge.APPROXIMATE),
        ("a gain of roughly 2.4%", Hedge.APPROXIMATE),
        ("a gain of nearly 2.4%", Hedge.NEARLY),
        ("a gain of almost 2.4%", Hedge.NEARLY),
        ("a gain of just under 2.4%", Hedge.NEARLY),
        ("a gain of more than 2.4%", Hedge.MORE_THAN),
        ("a gain of just over 2.4%", Hedge.JUST_OVER),
        ("a gain of 2.4%", Hedge.EXACT),
    ],
)
def test_hedges(text: str, hedge: Hedge) -> None:
    assert one(text).hedge is hedge


@pytest.mark.parametrize(
    "text",
    [
        "The Russell 2000 and the S&P 500 rose.",
        "The ASX 200 and the S&P/ASX 200 fell.",
        "The Nasdaq 100, FTSE 100 and Nikkei 225 were mixed.",
        "It sits below its 52-week high and its 50-day and 200-day moving averages.",
        "Q3 results in fiscal 2025 were due.",
        "It was the best week of 2025.",
    ],
)
def test_digits_in_names_are_not_figures(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("It has closed higher for three straight sessions.", 3),
        ("It was the index's third straight weekly gain.", 3),
        ("a 4-session winning streak", 4),
        ("its second consecutive weekly loss", 2),
    ],
)
def test_number_words_in_streaks(text: str, count: int) -> None:
    fig = one(text)
    assert (fig.kind, fig.magnitude) == ("count", Decimal(count))


def test_markdown_positions_are_exact() -> None:
    text = (
        "---\nticker: RUT\nweek: 2025-08-08\n---\n# Russell 2000 Climbs\n\n"
        "- **Monday, Aug 4:** closed at **2,212.30** after a [jump](http://x.com/2025/3).\n"
        "\n| Day | Close |\n|---|---|\n| Tue | 2,225.67 |\n"
    )
    doc = parse(text, anchor=ANCHOR)
    found = [(doc.position(f.start), f.text) for s in doc.sentences for f in s.figures]
    assert found == [((7, 34), "2,212.30"), ((11, 9), "2,225.67")]
    (monday,) = [d for s in doc.sentences for d in s.dates]
    assert (doc.position(monday.start), monday.text) == ((7, 5), "Monday, Aug 4")
    assert doc.front_matter == {"ticker": "RUT", "week": "2025-08-08"}


def test_sentences_split_on_periods_but_not_on_decimals_or_abbreviations() -> None:
    doc = parse("The index rose 0.60% on Aug. 5 to 2,225.67. It fell on Wednesday.", anchor=ANCHOR)
    assert [s.text.strip() for s in doc.sentences] == [
        "The index rose 0.60% on Aug. 5 to 2,225.67.",
        "It fell on Wednesday.",
    ]


def test_numbered_list_markers_are_not_figures() -> None:
    text = "1. The index fell 1.12%.\n2. It closed at 23,959.98.\n10) Done.\n"
    assert [f.text for f in figures(text)] == ["1.12%", "23,959.98"]
    kinds = [s.block_kind for s in parse(text, anchor=ANCHOR).sentences]
    assert kinds == ["list", "list", "list"]


def test_hyphenated_units() -> None:
    fig = one("The index swung in a 646.30-point range.")
    assert (fig.text, fig.kind) == ("646.30-point", "points")


def test_a_date_without_year_looks_back_from_the_week() -> None:
    (found,) = parse("its record high of Dec. 4", anchor=dt.date(2025, 6, 20)).sentences[0].dates
    assert found.date == dt.date(2024, 12, 4)
    (found,) = parse("the Fed meets on June 25", anchor=dt.date(2025, 6, 20)).sentences[0].dates
    assert found.date == dt.date(2025, 6, 25)


def test_descriptive_counts_are_not_figures() -> None:
    assert figures("The 30-stock index and the 10-year yield were mixed.") == []


def test_unicode_spaces_work_like_ascii_spaces() -> None:
    # the checker's patterns are ASCII-mode over ascii-shaped text: no-break and thin spaces
    # must still separate a figure from its unit and a name from its digits
    assert (one("it added 13.37\u00a0points").kind, one("up 0.5\u202fpercent").kind) == (
        "points",
        "percent",
    )
    assert [f.text for f in figures("the S&P\u00a0500 rose 2.43%")] == ["2.43%"]


def test_letters_outside_ascii_are_word_characters() -> None:
    # "é2.5" is part of a word, as "e2.5" would be; "Zürich 2.5%" still has its figure
    assert figures("caf\u00e92.5 units") == []
    assert [f.text for f in figures("Z\u00fcrich rose 2.5%")] == ["2.5%"]


def test_ascii_shape_keeps_length_and_punctuation() -> None:
    from factcheck._rx import ascii_shape

    text = "S&P\u00a0500 \u2212 0.5% \u2019s caf\u00e9 \u0663 x\u0663 \uff12\uff05"
    shaped = ascii_shape(text)
    assert len(shaped) == len(text)
    # an Arabic-Indic 3 is a 3, but not glued to a letter; a fullwidth 2% is 2%
    assert shaped == "S&P 500 \u2212 0.5% \u2019s cafx 3 xx 2%"


@given(st.text(alphabet="0123456789.,+-−–$€US AHKNZC%pointsbcrle\n", max_size=80))
def test_figure_search_from_the_digits_finds_what_a_full_scan_finds(text: str) -> None:
    from factcheck.figures import FIGURE_RE, figure_matches

    assert [m.span() for m in figure_matches(text)] == [m.span() for m in FIGURE_RE.finditer(text)]
