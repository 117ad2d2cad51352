from decimal import Decimal

import pytest

from factcheck.numfmt import Hedge, Unit, format_value, last_place_unit, written_matches


@pytest.mark.parametrize(
    ("value", "unit", "places", "signed", "text"),
    [
        ("2218.419921875", Unit.POINTS, 2, False, "2,218.42"),
        ("2.385", Unit.PERCENT, 2, True, "+2.39%"),  # half-up, where float rounding gives 2.38
        ("-0.2049", Unit.PERCENT, 2, True, "-0.20%"),
        ("-0.004", Unit.PERCENT, 2, True, "0.00%"),  # no "-0.00"
        ("51.64", Unit.POINTS, 2, True, "+51.64 points"),
        ("-1.49", Unit.PERCENTAGE_POINTS, 2, True, "-1.49 percentage points"),
        ("2250", Unit.POINTS, 0, False, "2,250"),
        ("1.2", Unit.CURRENCY, 2, False, "$1.20"),
        ("3", Unit.COUNT, 0, True, "+3"),
    ],
)
def test_format_value(value: str, unit: Unit, places: int, signed: bool, text: str) -> None:
    assert format_value(Decimal(value), unit, places, signed=signed) == text


def test_half_up_differs_from_binary_float_rounding() -> None:
    assert f"{2.675:.2f}" == "2.67"  # what a float formatter writes
    assert format_value(Decimal("2.675"), Unit.PERCENT, 2) == "2.68%"


@pytest.mark.parametrize(
    ("written", "decimals", "unit"),
    [("0.3", 1, "0.1"), ("2", 0, "1"), ("2200", 0, "100"), ("25000", 0, "1000")],
)
def test_last_place_unit(written: str, decimals: int, unit: str) -> None:
    assert last_place_unit(Decimal(written), decimals) == Decimal(unit)


@pytest.mark.parametrize(
    ("value", "written", "decimals", "hedge", "ok"),
    [
        ("2.385", "2.39", 2, Hedge.EXACT, True),
        ("2.385", "2.38", 2, Hedge.EXACT, True),  # half-even accepted for third-party prose
        ("2.3851", "2.38", 2, Hedge.EXACT, False),
        ("0.28", "0.3", 1, Hedge.APPROXIMATE, True),
        ("0.28", "0.30", 2, Hedge.APPROXIMATE, False),  # 0.02 off, more than one last-place unit
        # "about" is bounded: the value rounds to it at its last digit, or is within 5% of it
        ("2.38", "2", 0, Hedge.APPROXIMATE, True),
        ("2.38", "3", 0, Hedge.APPROXIMATE, False),  # rounds to 2: 26% away from 3
        ("2.88", "3", 0, Hedge.APPROXIMATE, True),
        ("2218.42", "2200", 0, Hedge.APPROXIMATE, True),
        ("2218.42", "2250", 0, Hedge.APPROXIMATE, True),  # 1.4% away
        ("4982.77", "4880", 0, Hedge.APPROXIMATE, False),  # a level within 2%, not 5%
        ("2.38", "2.5", 1, Hedge.APPROXIMATE, True),  # a percentage within 5%
        ("2218.42", "3000", 0, Hedge.APPROXIMATE, False),  # one unit (1,000) was no bound
        ("2218.42", "2000", 0, Hedge.APPROXIMATE, False),  # 11% off: a rounding, but too far
        ("45.52", "50", 0, Hedge.APPROXIMATE, True),  # to the ten, 9% off
        ("9.16", "10", 0, Hedge.APPROXIMATE, True),  # "about 10% below its record"
        ("8.57", "10", 0, Hedge.APPROXIMATE, False),  # 14% off
        ("0.97", "1", 0, Hedge.NEARLY, True),
        ("1.02", "1", 0, Hedge.NEARLY, False),
        ("2.38", "2", 0, Hedge.MORE_THAN, True),
        ("1.98", "2", 0, Hedge.MORE_THAN, False),
        ("2218.42", "2200", 0, Hedge.MORE_THAN, True),
        ("2218.42", "2300", 0, Hedge.LESS_THAN, True),
        ("2218.42", "2200", 0, Hedge.LESS_THAN, False),
    ],
)
def test_written_matches(value: str, written: str, decimals: int, hedge: Hedge, ok: bool) -> None:
    assert written_matches(Decimal(value), Decimal(written), decimals, hedge) is ok
