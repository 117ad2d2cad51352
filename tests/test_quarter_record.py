"""Issue 24's last item: the quarter to date and the record context of a session's brief, and
the checker binding prose to them.

Real figures (Yahoo, `../shared/marketdata`), computed here from the CSV, not from writer:
the Russell 2000 closed at 2,175.04 on Mon Jun 30 2025 (the last close of Q2) and at
2,225.67 on Tue Aug 5, +2.33% (+50.63 points) for the quarter so far; from the quarter's
first close (Jul 1, 2,197.54) it would be +1.28%, the wrong base.  Its highest close in the
brief's data is 2,442.03 (Nov 25 2024), so "closed at a record" on Aug 5 is false; the
Nasdaq Composite's Aug 8 2025 close (21,450.02) tops every close the data holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from factcheck.brief import DailyWrapBrief, IndexBrief
from factcheck.check import check_text
from factcheck.report import Status
from writer.data.snapshot import SnapshotSource
from writer.genres.daily_wrap.offline import draft_offline
from writer.pipeline import session_brief, weekly_brief

_STEMS = {"RUT": "RUT", "SPX": "GSPC", "COMP": "IXIC"}


def _closes(folder: Path, key: str) -> dict[dt.date, tuple[Decimal, Decimal]]:
    """Session -> (close, intraday high), read from the CSV as written."""
    with (folder / f"{_STEMS[key]}.csv").open(encoding="utf-8") as fh:
        return {
            dt.date.fromisoformat(row["date"]): (Decimal(row["close"]), Decimal(row["high"]))
            for row in csv.DictReader(fh)
        }


def _pct(new: Decimal, base: Decimal) -> str:
    value = ((new - base) / base * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{value:+}%"


def _qtd_expected(folder: Path, key: str, day: dt.date) -> tuple[str, Decimal, dt.date]:
    """The percent change as displayed, the points, and the base session, from the CSV."""
    rows = _closes(folder, key)
    start = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    base_day = max(d for d in rows if d < start)
    base, close = rows[base_day][0], rows[day][0]
    return _pct(close, base), close - base, base_day


def _article(body: str, day: str, ticker: str = "RUT") -> str:
    return f"---\nticker: {ticker}\ndate: {day}\n---\n\n# A session\n\n{body}\n"


def _statuses(brief: IndexBrief, body: str, day: str) -> list[tuple[str, Status]]:
    report = check_text(_article(body, day), brief, strict=True)
    return [(c.text, c.status) for c in report.claims]


@pytest.fixture(scope="module")
def tuesday(shared_data: Path) -> IndexBrief:
    return session_brief("RUT", dt.date(2025, 8, 5), SnapshotSource(shared_data))


# --- the brief --------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["RUT", "SPX", "COMP"])
def test_the_quarter_to_date_is_from_the_last_close_of_the_previous_quarter(
    shared_data: Path, tuesday: IndexBrief, key: str
) -> None:
    pct, points, base_day = _qtd_expected(shared_data, key, dt.date(2025, 8, 5))
    assert base_day == dt.date(2025, 6, 30)
    change = tuesday.get(f"{key}.qtd.change_pct")
    moved = tuesday.get(f"{key}.qtd.change_pts")
    assert change is not None and moved is not None
    assert change.display == pct
    assert moved.value == points
    assert "Jun 30" in change.label
    base = tuesday.get(f"{key}.close.2025-06-30")  # the base, for "since the June 30 close"
    assert base is not None and base.value == _closes(shared_data, key)[base_day][0]
    if key == "RUT":
        assert (change.display, moved.display) == ("+2.33%", "+50.63 points")


def test_a_weekly_recap_as_of_friday_has_its_quarter_to_date(shared_data: Path) -> None:
    brief = weekly_brief("RUT", dt.date(2025, 8, 8), SnapshotSource(shared_data))
    pct, _, _ = _qtd_expected(shared_data, "RUT", dt.date(2025, 8, 8))
    assert brief.get("RUT.qtd.change_pct").display == pct  # type: ignore[union-attr]


def test_no_quarter_to_date_where_it_is_the_month_or_the_year_to_date(shared_data: Path) -> None:
    """In a quarter's first month the quarter to date is the month to date, in the first
    quarter the year to date: the brief holds it once, under those ids."""
    source = SnapshotSource(shared_data)
    july = session_brief("RUT", dt.date(2025, 7, 15), source)
    assert july.get("RUT.qtd.change_pct") is None
    pct, _, base_day = _qtd_expected(shared_data, "RUT", dt.date(2025, 7, 15))
    assert july.get("RUT.mtd.change_pct").display == pct  # type: ignore[union-attr]
    assert base_day == dt.date(2025, 6, 30)
    march = session_brief("RUT", dt.date(2025, 3, 4), source)
    assert march.get("RUT.qtd.change_pct") is None
    assert march.get("RUT.ytd.change_pct") is not None


def test_the_record_context_is_the_highest_close_and_high_of_the_data_held(
    shared_data: Path, tuesday: IndexBrief
) -> None:
    rows = _closes(shared_data, "RUT")
    first = dt.date.fromisoformat(tuesday.provenance.data_start.isoformat())
    held = {d: v for d, v in rows.items() if first <= d <= dt.date(2025, 8, 5)}
    top_close = max(held, key=lambda d: held[d][0])
    top_high = max(held, key=lambda d: held[d][1])
    close = tuesday.get("RUT.history.close_high")
    high = tuesday.get("RUT.history.high")
    assert close is not None and high is not None
    assert (close.value, close.on) == (held[top_close][0], top_close)
    assert (high.value, high.on) == (held[top_high][1], top_high)
    assert close.display == "2,442.03" and close.on == dt.date(2024, 11, 25)
    # the data's first day is said, and the fact never claims to be all-time
    assert f"{first:%b} {first.day}, {first.year}" in close.label
    assert close.derivation is not None and "not an all-time record" in close.derivation


def test_the_brief_json_round_trips_with_the_new_facts(tuesday: IndexBrief) -> None:
    again = type(tuesday).model_validate_json(tuesday.model_dump_json())
    assert again == tuesday
    assert again.get("RUT.qtd.change_pct") is not None


# --- the checker: the quarter to date ---------------------------------------------------------

RIGHT = (
    "So far this quarter, the Russell 2000 is up 2.33%.",
    "Quarter to date, the index has gained 50.63 points.",
    "The Russell 2000 is up 2.33% quarter-to-date.",
    "The Russell 2000 has risen 2.33% since the end of June.",
    "The index is up 2.33% since June 30.",
    "The index has climbed 2.33% in the third quarter.",
    "For the quarter, the Russell 2000 is up 2.33%.",
    "The index has risen 2.33% this quarter.",
    "The Russell 2000 has risen 2.33% since the start of the quarter.",
    "The S&P 500 is up 1.52% so far this quarter, and the Nasdaq Composite has gained 2.68% "
    "this quarter.",
)


@pytest.mark.parametrize("sentence", RIGHT)
def test_a_right_quarter_to_date_is_verified(tuesday: IndexBrief, sentence: str) -> None:
    claims = _statuses(tuesday, sentence, "2025-08-05")
    assert claims and all(s is Status.VERIFIED for _, s in claims), claims


#: From the quarter's first session's close (Jul 1, 2,197.54), not the last close of Q2.
WRONG_BASE = (
    ("So far this quarter, the Russell 2000 is up 1.28%.", "1.28%"),
    ("Quarter to date, the index has gained 28.13 points.", "28.13 points"),
    ("The Russell 2000 has risen 1.28% since the start of the quarter.", "1.28%"),
    ("The index has climbed 1.28% in the third quarter.", "1.28%"),
    # the month to date said as the quarter's
    ("The Russell 2000 is up 0.63% so far this quarter.", "0.63%"),
)


@pytest.mark.parametrize(("sentence", "figure"), WRONG_BASE)
def test_a_quarter_to_date_from_the_wrong_base_is_flagged(
    shared_data: Path, tuesday: IndexBrief, sentence: str, figure: str
) -> None:
    rows = _closes(shared_data, "RUT")
    first, close = rows[dt.date(2025, 7, 1)][0], rows[dt.date(2025, 8, 5)][0]
    assert _pct(close, first) == "+1.28%"  # what the wrong base gives
    claims = dict(_statuses(tuesday, sentence, "2025-08-05"))
    assert claims[figure] in (Status.MISMATCH, Status.MISATTRIBUTED), claims


def test_the_quarter_in_its_first_month_is_the_month_to_date(shared_data: Path) -> None:
    brief = session_brief("RUT", dt.date(2025, 7, 15), SnapshotSource(shared_data))
    pct, _, _ = _qtd_expected(shared_data, "RUT", dt.date(2025, 7, 15))
    right = f"So far this quarter, the Russell 2000 is up {pct.lstrip('+')}."
    assert [s for _, s in _statuses(brief, right, "2025-07-15")] == [Status.VERIFIED]
    wrong = "So far this quarter, the Russell 2000 is up 2.00%."
    assert [s for _, s in _statuses(brief, wrong, "2025-07-15")] == [Status.MISMATCH]
    # "for the quarter" in July may be the quarter just ended: never an error
    ended = "The Russell 2000 rose 8.3% for the quarter."
    assert [s for _, s in _statuses(brief, ended, "2025-07-15")] == [Status.UNSUPPORTED]


def test_another_quarter_is_not_this_one(tuesday: IndexBrief) -> None:
    """ "the second quarter" in August is a span the brief holds nothing for."""
    claims = _statuses(tuesday, "The Russell 2000 rose 8.3% in the second quarter.", "2025-08-05")
    assert [s for _, s in claims] == [Status.UNSUPPORTED]


# --- the checker: record claims ---------------------------------------------------------------


def test_a_record_below_an_earlier_close_is_contradicted(tuesday: IndexBrief) -> None:
    for claim in ("closed at a record", "hit an all-time high", "closed at a record high"):
        report = check_text(
            _article(f"The Russell 2000 {claim} on Tuesday.", "2025-08-05"), tuesday, strict=True
        )
        found = [c for c in report.claims if c.rule == "P012"]
        assert [c.status for c in found] == [Status.CONTRADICTED], claim
        assert "2,442.03" in found[0].message  # the higher close of Nov 25 2024


def test_a_record_above_everything_in_the_data_is_unsupported(shared_data: Path) -> None:
    brief = weekly_brief("COMP", dt.date(2025, 8, 8), SnapshotSource(shared_data))
    rows = _closes(shared_data, "COMP")
    first = brief.provenance.data_start
    friday = rows[dt.date(2025, 8, 8)][0]
    assert all(c <= friday for d, (c, _) in rows.items() if first <= d <= dt.date(2025, 8, 8))
    text = "---\nticker: COMP\nweek: 2025-08-08\n---\n\n# A week\n\n"
    text += "The Nasdaq Composite closed at a record on Friday.\n"
    report = check_text(text, brief, strict=True)
    found = [c for c in report.claims if c.rule == "P012"]
    assert [c.status for c in found] == [Status.UNSUPPORTED]
    assert "all-time record needs the full history" in found[0].message


def test_a_denied_or_background_record_is_no_claim(tuesday: IndexBrief) -> None:
    for body in (
        "The Russell 2000 remains shy of a record close.",
        "The Russell 2000 narrowly missed a record on Tuesday.",
        "The Russell 2000 could hit a record high soon.",
        "The Nasdaq set a record volume on Tuesday.",
        "The Russell 2000 closed 9% below its record close of 2,442.03 on Tuesday.",
    ):
        report = check_text(_article(body, "2025-08-05"), tuesday, strict=False)
        assert [c for c in report.claims if c.rule == "P012"] == [], body


def test_the_report_of_both_validates_against_the_report_schema(tuesday: IndexBrief) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from factcheck.render import render_json, report_schema

    body = "So far this quarter, the Russell 2000 is up 1.28%. It closed at a record on Tuesday."
    report = check_text(_article(body, "2025-08-05"), tuesday, strict=True)
    assert {c.rule for c in report.claims} >= {"P012"}
    schema = json.loads(report_schema())
    for one in json.loads(render_json([report])):
        jsonschema.Draft202012Validator(schema).validate(one)


# --- the offline drafter ----------------------------------------------------------------------


def test_the_offline_wrap_says_the_quarter_so_far_and_checks_clean(
    shared_data: Path, tuesday: IndexBrief
) -> None:
    pct, _, _ = _qtd_expected(shared_data, "RUT", dt.date(2025, 8, 5))
    article = draft_offline(tuesday)  # type: ignore[arg-type]
    assert f"So far this quarter, it is up {pct.lstrip('+')}." in article
    report = check_text(article, tuesday, strict=True)
    assert [c for c in report.claims if c.status is not Status.VERIFIED] == []
    july = session_brief("RUT", dt.date(2025, 7, 15), SnapshotSource(shared_data))
    assert "this quarter" not in draft_offline(july)  # the month to date says it


def test_the_llm_is_given_the_quarter_to_date_and_told_no_record(tuesday: IndexBrief) -> None:
    from writer.genres.daily_wrap.prompting import prompt_groups, system_message

    assert isinstance(tuesday, DailyWrapBrief)
    given = {f.id for group in prompt_groups(tuesday) for f in group.facts}
    assert {"RUT.qtd.change_pct", "RUT.qtd.change_pts", "RUT.history.close_high"} <= given
    assert "Never call a close a record" in system_message(tuesday)
