"""Binding rules: entity, period and metric from the sentence, the heading or the sentence
before (RUT week of Aug 4-8 2025; peers S&P 500 and Nasdaq Composite)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from factcheck.bind import Binder, Binding
from factcheck.brief import WeeklyIndexBrief
from factcheck.extract import parse
from factcheck.genres import genre_of
from factcheck.reading import read_in_order


def bindings(text: str, brief: WeeklyIndexBrief) -> dict[str, Binding]:
    binder = Binder(brief, genre_of(brief).outside)
    doc = parse(text, anchor=brief.week.last_session)
    out: dict[str, Binding] = {}
    for sent, ctx, summary, heading in read_in_order(doc, binder):
        for fig in sent.figures:
            out[fig.text] = binder.bind(doc, sent, ctx, fig, summary, heading)
    return out


@pytest.mark.parametrize(
    ("phrase", "entity"),
    [
        ("Small caps rose 2.38% this week.", "RUT"),
        ("The index rose 2.38% this week.", "RUT"),
        ("The Russell rose 2.38% this week.", "RUT"),
        ("Large caps rose 2.43% this week.", "SPX"),
        ("The tech-heavy Nasdaq rose 3.87% this week.", "COMP"),
        ("The S&P 500 rose 2.43% this week.", "SPX"),
    ],
)
def test_entity_by_name_alias_or_phrase(rut: WeeklyIndexBrief, phrase: str, entity: str) -> None:
    (b,) = bindings(phrase, rut).values()
    assert (b.entity, b.entity_inherited) == (entity, False)


def test_nearest_preceding_entity_binds(rut: WeeklyIndexBrief) -> None:
    b = bindings("Small caps lagged the S&P 500 (+0.78%) and the Nasdaq (+0.98%).", rut)
    assert (b["+0.78%"].entity, b["+0.98%"].entity) == ("SPX", "COMP")


def test_entity_is_inherited_from_the_preceding_sentence(rut: WeeklyIndexBrief) -> None:
    b = bindings("The S&P 500 rallied on Friday. It closed at 6,389.45.", rut)
    assert (b["6,389.45"].entity, b["6,389.45"].entity_inherited) == ("SPX", True)


@pytest.mark.parametrize(
    ("phrase", "figure", "periods"),
    [
        ("On Tuesday the index rose 0.60%.", "0.60%", {"d:2025-08-05"}),
        ("Tuesday, Aug 5: the index rose 0.60%.", "0.60%", {"d:2025-08-05"}),
        ("The index closed Friday's session at 2,218.42.", "2,218.42", {"d:2025-08-08"}),
        ("The index rose 2.38% on the week.", "2.38%", {"week"}),
        ("The index is down 0.53% year to date.", "0.53%", {"ytd"}),
        ("Its 52-week high is 2,466.49.", "2,466.49", {"52w"}),
        ("It sits 1.53% above its 50-day moving average.", "1.53%", {"50d"}),
        ("It sits 10.06% below its 52-week high.", "10.06%", {"52w"}),
        ("The previous week's close was 2,166.78.", "2,166.78", {"prev"}),
        ("It gained 51.64 points from the previous week's close.", "51.64 points", {"week"}),
        # a month as the span of a change, without "in": the month to date when it is the
        # brief's own, else a span the brief holds no figure for (never a day of the week)
        ("August so far: small caps up 0.31%.", "0.31%", {"mtd"}),
        ("Small caps finished July with a 1.7% gain.", "1.7%", {"none"}),
        ("Chart below.July small caps were up 1.7% on the month.", "1.7%", {"none"}),
        ("The index closed August 8 at 2,218.42.", "2,218.42", {"d:2025-08-08"}),
        ("Investors may sell. The index rose 2.38% this week.", "2.38%", {"week"}),
        # the end of a move from a dated level is a later session's: the next one, unless
        # the words name it
        (
            "It climbed from a close of 2,212.30 on Monday to 2,225.67.",
            "2,225.67",
            {"d:2025-08-05"},
        ),
        ("It climbed from Monday's close of 2,212.30 to 2,225.67.", "2,225.67", {"d:2025-08-05"}),
        ("It climbed from Monday's close of 2,212.30 to 2,225.67.", "2,212.30", {"d:2025-08-04"}),
        ("It slid from 2,243.16 on Wednesday to 2,218.42 on Friday.", "2,218.42", {"d:2025-08-08"}),
        # coordinated figures share the span named after the last of them
        (
            "It was the laggard of the week after gains of 1.2% and 0.9% in the prior two weeks.",
            "1.2%",
            {"none"},
        ),
        ("It fell 0.30% on Thursday and rose 0.17% on Friday.", "0.30%", {"d:2025-08-07"}),
        # a dateline run into the paragraph says when it was filed, not what it is about
        ("Fri Aug 8, 2025 16:10 ET\nSmall caps are up 2.38% on the week.", "2.38%", {"week"}),
        ("Aug 8, 2025 16:10 ET\nSmall caps are up 2.38%.", "2.38%", set()),
        ("Small caps were up on Friday, Aug 8\nby 0.17%.", "0.17%", {"d:2025-08-08"}),
        # "last week" in a recap that never says "this week" was written after the week
        ("Small caps rose 2.38% last week.", "2.38%", {"week"}),
        ("Small caps rose 2.38% this week after last week's 1.8% drop.", "1.8%", {"prev"}),
        ("Small caps rose 2.38% after the previous week's 1.8% drop.", "1.8%", {"prev"}),
        ("Resistance sits at last week's high of 2,273.38.", "2,273.38", {"prev"}),
        # "<year> when" names that year for what follows
        ("Its best year since 2020, when it rose about 18%, is this one.", "18%", {"none"}),
        ("Its best year was 2025, when it fell 0.53%.", "0.53%", {"ytd"}),
    ],
)
def test_period_from_the_sentence(
    rut: WeeklyIndexBrief, phrase: str, figure: str, periods: set[str]
) -> None:
    assert bindings(phrase, rut)[figure].periods == frozenset(periods)


def test_period_from_heading_and_preceding_sentence(rut: WeeklyIndexBrief) -> None:
    text = "## Thursday, Aug 7\n\nSellers took over. The index fell 0.30%.\n"
    b = bindings(text, rut)["0.30%"]
    assert (b.periods, b.periods_inherited) == (frozenset(), frozenset({"d:2025-08-07"}))
    text = "Tuesday was strong. The index rose 0.60% to 2,225.67."
    assert bindings(text, rut)["0.60%"].periods_inherited == frozenset({"d:2025-08-05"})


@pytest.mark.parametrize(
    ("phrase", "figure", "metric"),
    [
        ("The index closed at 2,218.42 on Friday.", "2,218.42", "close"),
        ("It touched an intraday high of 2,243.16 on Thursday.", "2,243.16", "high"),
        ("The 50-day moving average is at 2,185.03.", "2,185.03", "ma"),
        ("Resistance sits near 2,250.", "2,250", "level"),
        ("The index rose 0.60% to 2,225.67 on Tuesday.", "2,225.67", "close"),
        ("It opened at 2,177.10 on Monday.", "2,177.10", "open"),
    ],
)
def test_metric_from_the_sentence(
    rut: WeeklyIndexBrief, phrase: str, figure: str, metric: str
) -> None:
    metrics = bindings(phrase, rut)[figure].metrics
    assert metrics is not None and metric in metrics


@pytest.mark.parametrize(
    ("phrase", "figure", "direction"),
    [
        ("The index slipped 0.20% on Wednesday.", "0.20%", -1),
        ("The index was up 0.17% on the day.", "0.17%", 1),
        ("It finished 1.53% above its 50-day moving average.", "1.53%", 1),
        ("It sits 10.06% below its 52-week high.", "10.06%", -1),
        ("The index climbed 2.10%, or 45.52 points, on Monday.", "45.52 points", 1),
        ("The index moved 0.20% on Wednesday.", "0.20%", 0),
    ],
)
def test_direction_words(rut: WeeklyIndexBrief, phrase: str, figure: str, direction: int) -> None:
    assert bindings(phrase, rut)[figure].direction == direction


def test_respectively_pairs_figures_with_the_listed_names_and_periods(
    rut: WeeklyIndexBrief,
) -> None:
    b = bindings("On Friday, the S&P 500 and the Nasdaq rose 0.78% and 0.98%, respectively.", rut)
    assert (b["0.78%"].entity, b["0.98%"].entity) == ("SPX", "COMP")
    b = bindings(
        "It is above its 50-day and 200-day moving averages, at 2,185.03 and "
        "2,177.54 respectively.",
        rut,
    )
    assert (b["2,185.03"].periods, b["2,177.54"].periods) == (
        frozenset({"50d"}),
        frozenset({"200d"}),
    )


def test_superlative_scope_is_not_the_period_of_later_figures(rut: WeeklyIndexBrief) -> None:
    b = bindings(
        "The Russell 2000 touched 2,243.16 on Thursday, its highest level of the "
        "week, before closing at 2,214.72.",
        rut,
    )
    assert b["2,214.72"].periods == frozenset({"d:2025-08-07"})


def test_a_named_base_close_is_the_day_for_levels_and_the_next_day_for_changes(
    rut: WeeklyIndexBrief,
) -> None:
    b = bindings("From Monday's close of 2,212.30, the index rose 0.60% on Tuesday.", rut)
    assert b["2,212.30"].periods == frozenset({"d:2025-08-04"})
    b = bindings("The index was up 0.60% from Monday's close.", rut)
    assert b["0.60%"].periods == frozenset({"d:2025-08-05"})


def test_participle_after_a_comparison_belongs_to_the_subject(
    brief: Callable[[str, str], WeeklyIndexBrief],
) -> None:
    spx = brief("SPX", "2025-04-11")
    b = bindings("On a weekly basis, the Nasdaq outpaced the S&P 500, gaining 7.29%.", spx)
    assert b["7.29%"].entity == "COMP"
    b = bindings("It edged out the S&P 500, which added 1.06%, and the Nasdaq, up 1.13%.", spx)
    assert (b["1.06%"].entity, b["1.13%"].entity) == ("SPX", "COMP")


@pytest.mark.parametrize(
    ("phrase", "figure", "metric", "direction"),
    [
        # "topped" is both a direction word and the start of the metric "topped out"
        ("The index topped out at 2,243.16 on Thursday.", "2,243.16", "high", 1),
        ("The index topped 2,240 on Thursday.", "2,240", None, 1),
        ("Small caps closed lower at 2,214.72 on Thursday.", "2,214.72", "close", -1),
    ],
)
def test_metric_and_direction_words_found_in_one_scan(
    rut: WeeklyIndexBrief, phrase: str, figure: str, metric: str | None, direction: int
) -> None:
    b = bindings(phrase, rut)[figure]
    assert b.direction == direction
    assert (
        (b.metrics is None) if metric is None else (b.metrics is not None and metric in b.metrics)
    )


@pytest.mark.parametrize(
    ("phrase", "entity"),
    [
        ("The S&P\u00a0500 rose 2.43% this week.", "SPX"),  # no-break space inside the name
        ("The Russell\u00a02000 rose 2.38% this week.", "RUT"),
        ("Small\u2009caps rose 2.38% this week.", "RUT"),  # thin space
    ],
)
def test_unicode_spaces_inside_names(rut: WeeklyIndexBrief, phrase: str, entity: str) -> None:
    (b,) = bindings(phrase, rut).values()  # the name's digits are not a figure either
    assert b.entity == entity
