import datetime as dt

import pytest

from writer.calendar import scheduled_week
from writer.errors import NoSessions, UnknownSymbol
from writer.symbols import named_in, peers_of, resolve

AFTER = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("typed", "yahoo", "name", "calendar"),
    [
        ("RUT", "^RUT", "Russell 2000", "XNYS"),
        ("spx", "^GSPC", "S&P 500", "XNYS"),
        ("IXIC", "^IXIC", "Nasdaq Composite", "XNYS"),
        ("COMP", "^IXIC", "Nasdaq Composite", "XNYS"),
        ("ASX200", "^AXJO", "S&P/ASX 200", "XASX"),
        ("^HSI", "^HSI", "Hang Seng", "XHKG"),
        ("N225", "^N225", "Nikkei 225", "XTKS"),
        ("FTSE", "^FTSE", "FTSE 100", "XLON"),
    ],
)
def test_index_names(typed: str, yahoo: str, name: str, calendar: str) -> None:
    entity = resolve(typed)
    assert (entity.yahoo, entity.name, entity.calendar) == (yahoo, name, calendar)


def test_rut_peers_are_large_caps_and_nasdaq() -> None:
    assert [p.name for p in peers_of(resolve("RUT"))] == ["S&P 500", "Nasdaq Composite"]


def test_plain_ticker_is_a_stock_on_nyse_with_index_peers() -> None:
    aapl = resolve("aapl")
    assert (aapl.yahoo, aapl.calendar) == ("AAPL", "XNYS")
    assert [p.key for p in peers_of(aapl)] == ["SPX", "COMP"]


def test_unknown_symbol_suggests_close_matches() -> None:
    with pytest.raises(UnknownSymbol, match=r"unknown symbol '\^RUTX': did you mean"):
        resolve("^RUTX")


def _days(week: tuple[dt.date, ...]) -> list[str]:
    return [d.isoformat() for d in week]


def test_independence_day_week_has_four_sessions() -> None:
    week = scheduled_week("XNYS", dt.date(2025, 7, 4), AFTER)
    assert _days(week.sessions) == ["2025-06-30", "2025-07-01", "2025-07-02", "2025-07-03"]


def test_good_friday_closes_new_york() -> None:
    week = scheduled_week("XNYS", dt.date(2025, 4, 18), AFTER)
    assert week.sessions[-1] == dt.date(2025, 4, 17) and len(week.sessions) == 4


def test_hong_kong_easter_closes_friday_and_monday() -> None:
    before = scheduled_week("XHKG", dt.date(2025, 4, 18), AFTER)
    after = scheduled_week("XHKG", dt.date(2025, 4, 21), AFTER)
    assert dt.date(2025, 4, 18) not in before.sessions and len(before.sessions) == 4
    assert _days(after.sessions) == ["2025-04-22", "2025-04-23", "2025-04-24", "2025-04-25"]


def test_sydney_australia_day_monday() -> None:
    week = scheduled_week("XASX", dt.date(2025, 1, 27), AFTER)
    assert week.sessions[0] == dt.date(2025, 1, 28) and len(week.sessions) == 4


def test_week_without_sessions_is_an_error() -> None:
    # Tokyo's 2019 Golden Week (imperial succession): no session Apr 29 .. May 5.
    with pytest.raises(NoSessions, match="no trading sessions in the week 2019-04-29"):
        scheduled_week("XTKS", dt.date(2019, 5, 1), AFTER)


def test_week_not_finished_is_an_error() -> None:
    wednesday_noon = dt.datetime(2025, 8, 6, 16, 0, tzinfo=dt.UTC)
    with pytest.raises(NoSessions, match="not finished yet"):
        scheduled_week("XNYS", dt.date(2025, 8, 4), wednesday_noon)
    friday_after_close = dt.datetime(2025, 8, 8, 20, 1, tzinfo=dt.UTC)
    assert len(scheduled_week("XNYS", dt.date(2025, 8, 4), friday_after_close).sessions) == 5


def test_week_before_the_calendar_starts_is_one_clear_error() -> None:
    # an article's dateline can name any year; the exchange tables start in 2000
    with pytest.raises(NoSessions, match="before the XNYS calendar starts"):
        scheduled_week("XNYS", dt.date(1995, 8, 8), AFTER)


def test_indices_named_in_order_longest_name_first() -> None:
    text = "The Nasdaq 100 and the S&P/ASX 200 rose; the S&P 500, small-caps and the Dow fell."
    assert [e.key for e in named_in(text)] == ["NDX", "ASX200", "SPX", "RUT", "DJI"]
