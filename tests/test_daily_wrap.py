"""Daily wraps, the second genre: the session brief, the offline drafter over every session of
every symbol, `writer draft --date/--dates`, and `writer check` on what it wrote.

Real figures (Yahoo, `../shared/marketdata`): the Russell 2000 closed at 2,225.67 on Tuesday
Aug 5 2025, +0.60% (+13.37 points) from Monday's 2,212.30, +2.72% for the week so far and
-0.20% on the year; NYSE was shut on Friday Jul 4 2025 (Independence Day), so Thursday
Jul 3's wrap says trading resumes on Monday Jul 7.  Hong Kong shut on Friday Sep 8 2023 for
a black rainstorm warning, a closure no exchange calendar scheduled.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from factcheck.brief import DailyWrapBrief
from factcheck.check import check_text
from factcheck.genres import form_findings, load_brief
from factcheck.report import Status
from writer.cli import app
from writer.data.snapshot import SnapshotSource
from writer.draft.batch import DateSpec
from writer.draft.command import house_form
from writer.errors import BadInput
from writer.genres.daily_wrap import DISCLAIMER
from writer.genres.daily_wrap.offline import draft_offline
from writer.pipeline import session_brief, weekly_brief

runner = CliRunner()

SHARED = (
    ("RUT", "RUT"),
    ("SPX", "GSPC"),
    ("COMP", "IXIC"),
    ("DJI", "DJI"),
    ("HSI", "HSI"),
    ("ASX200", "AXJO"),
    ("IWM", "IWM"),
)


def sessions_in(csv: Path) -> list[dt.date]:
    """Every session in the file after the first week (which has no previous close)."""
    days = [d.date() for d in pd.to_datetime(pd.read_csv(csv)["date"])]
    first_monday = days[0] - dt.timedelta(days=days[0].weekday())
    return [d for d in days if d >= first_monday + dt.timedelta(days=7)]


def draft_and_check_every_session(folder: Path, symbol: str, stem: str) -> tuple[int, list[str]]:
    source = SnapshotSource(folder)
    problems: list[str] = []
    drafted = 0
    for day in sessions_in(folder / f"{stem}.csv"):
        brief = session_brief(symbol, day, source)
        article = draft_offline(brief)
        drafted += 1
        report = check_text(article, brief, source=f"{symbol} {day}", strict=True)
        problems += [
            f"{symbol} {day} line {c.line}: {c.text!r} {c.status}: {c.message}"
            for c in report.claims
            if c.status is not Status.VERIFIED
        ]
        form = form_findings(article, brief, report, house_form(brief, prompted=False))
        problems += [f"{symbol} {day} form line {c.line}: {c.message}" for c in form]
        close = brief.get(f"{brief.subject.key}.close.{day.isoformat()}")
        assert close is not None
        if close.display not in article.split("\n\n")[1]:
            problems.append(f"{symbol} {day}: the lede does not give the close")
    return drafted, problems


@pytest.mark.parametrize(("symbol", "stem"), SHARED)
def test_every_real_session_drafts_clean(shared_data: Path, symbol: str, stem: str) -> None:
    drafted, problems = draft_and_check_every_session(shared_data, symbol, stem)
    assert drafted > 300  # every session, not a sample
    assert problems[:5] == []


def test_the_session_brief_names_the_sessions_around_it(shared_data: Path) -> None:
    source = SnapshotSource(shared_data)
    tuesday = session_brief("RUT", dt.date(2025, 8, 5), source)
    assert isinstance(tuesday, DailyWrapBrief)
    assert (tuesday.session.previous, tuesday.session.next) == (
        dt.date(2025, 8, 4),
        dt.date(2025, 8, 6),
    )
    assert tuesday.week.sessions == (dt.date(2025, 8, 4), dt.date(2025, 8, 5))
    wanted = {"RUT.close.2025-08-05": "2,225.67", "RUT.week.change_pct": "+2.72%"}
    assert {k: tuesday.get(k).display for k in wanted} == wanted  # type: ignore[union-attr]
    assert tuesday.get("RUT.ytd.change_pct").display == "-0.20%"  # type: ignore[union-attr]
    assert tuesday.get("RUT.close.2025-08-06") is None  # nothing after the session

    before_holiday = session_brief("RUT", dt.date(2025, 7, 3), source)
    assert before_holiday.session.next == dt.date(2025, 7, 7)
    assert [(c.day, c.why) for c in before_holiday.session.closed] == [
        (dt.date(2025, 7, 4), "market holiday")
    ]
    after_holiday = session_brief("RUT", dt.date(2025, 7, 7), source)
    assert after_holiday.session.previous == dt.date(2025, 7, 3)


def test_an_unscheduled_closure_is_said_as_such(shared_data: Path) -> None:
    brief = session_brief("HSI", dt.date(2023, 9, 7), SnapshotSource(shared_data))
    assert brief.session.next == dt.date(2023, 9, 11)
    assert [c.why for c in brief.session.closed] == ["closed: a black rainstorm warning"]
    assert "trading resumes on Monday, Sep 11" in draft_offline(brief)


def test_a_friday_wrap_holds_the_whole_week(shared_data: Path) -> None:
    source = SnapshotSource(shared_data)
    friday = session_brief("RUT", dt.date(2025, 8, 8), source)
    week = weekly_brief("RUT", dt.date(2025, 8, 8), source)
    assert {f.id: f.display for f in friday.facts} == {f.id: f.display for f in week.facts}
    assert friday.kind == "daily_wrap" and week.kind == "weekly_index"
    assert "For the week, the index was up 2.38%" in draft_offline(friday)


def test_a_saved_daily_brief_loads_as_its_kind(shared_data: Path) -> None:
    brief = session_brief("RUT", dt.date(2025, 8, 5), SnapshotSource(shared_data))
    loaded = load_brief(brief.model_dump_json())
    assert isinstance(loaded, DailyWrapBrief)
    assert loaded == brief


@pytest.mark.parametrize(
    ("sentence", "verified"),
    [
        ("The market is closed on Friday, Jul 4; trading resumes on Monday, Jul 7.", True),
        ("The market is closed on Friday, Jul 4; trading resumes on Tuesday, Jul 8.", False),
    ],
)
def test_the_reopening_day_is_held_to_the_calendar(
    shared_data: Path, sentence: str, verified: bool
) -> None:
    brief = session_brief("RUT", dt.date(2025, 7, 3), SnapshotSource(shared_data))
    report = check_text(sentence, brief, strict=True)
    dates = [c for c in report.claims if c.kind == "date"]
    assert len(dates) == 2
    assert all(c.status is Status.VERIFIED for c in dates) is verified


def test_a_week_to_date_figure_from_friday_is_caught(shared_data: Path) -> None:
    brief = session_brief("RUT", dt.date(2025, 8, 5), SnapshotSource(shared_data))
    article = draft_offline(brief).replace("up 2.72%, or 58.89 points", "up 2.38%, or 51.64 points")
    report = check_text(article, brief, strict=True)
    assert {c.text for c in report.errors} >= {"2.38%", "51.64 points"}


def test_a_lede_without_the_days_move_fails_the_form(shared_data: Path) -> None:
    brief = session_brief("RUT", dt.date(2025, 8, 5), SnapshotSource(shared_data))
    article = draft_offline(brief).replace("gained 0.60%, or 13.37 points, on", "traded on")
    report = check_text(article, brief, strict=True)
    form = form_findings(article, brief, report, house_form(brief, prompted=False))
    assert [c.message.split(";")[0] for c in form] == [
        "lede: the lede must give its move on Tuesday, as the data shows it"
    ]


def test_date_spec_reads_sessions_and_refuses_mixtures() -> None:
    now = dt.datetime(2025, 7, 8, 12, tzinfo=dt.UTC)  # before Tuesday's close
    spec = DateSpec.parse(None, None, None, "2025-07-01..2025-07-08")
    assert spec.genre == "daily_wrap"
    assert spec.last_sessions("XNYS", now) == (
        dt.date(2025, 7, 1),
        dt.date(2025, 7, 2),
        dt.date(2025, 7, 3),
        dt.date(2025, 7, 7),
    )
    assert DateSpec.parse(None, None, "last", None).last_sessions("XNYS", now) == (
        dt.date(2025, 7, 7),
    )
    assert DateSpec.parse("2025-07-01", None).genre == "weekly_index"
    with pytest.raises(BadInput, match="not --week and --date"):
        DateSpec.parse("2025-07-01", None, "2025-07-01", None)


def test_writer_draft_date_writes_a_wrap_that_writer_check_passes(
    shared_data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "articles"
    base = ["--offline", "--no-chart", "--data-dir", str(shared_data), "--out", str(out)]
    result = runner.invoke(app, ["draft", "RUT", "--date", "2025-08-05", *base])
    assert result.exit_code == 0, result.output
    article = out / "rut-2025-08-05-daily.md"
    text = article.read_text(encoding="utf-8")
    assert "date: 2025-08-05\nweek: 2025-08-05\n" in text
    assert text.rstrip().endswith(DISCLAIMER)
    assert isinstance(
        load_brief((out / "rut-2025-08-05-daily.brief.json").read_text()), DailyWrapBrief
    )
    checked = runner.invoke(app, ["check", str(article), "--data-dir", str(shared_data)])
    assert checked.exit_code == 0, checked.output
    assert "brief RUT 2025-08-04..2025-08-10 as of 2025-08-05" in checked.output
    # the same article with Friday's week figure is a wrong figure (exit 1)
    article.write_text(text.replace("up 2.72%", "up 2.38%"), encoding="utf-8")
    wrong = runner.invoke(app, ["check", str(article), "--data-dir", str(shared_data)])
    assert wrong.exit_code == 1, wrong.output


def test_a_batch_of_sessions_is_resumable(shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "articles"
    args = [
        "draft", "RUT", "HSI", "--dates", "2025-07-01..2025-07-09", "--offline", "--no-chart",
        "--data-dir", str(shared_data), "--out", str(out), "--quiet",
    ]  # fmt: skip
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    written = sorted(p.name for p in out.glob("*.md"))
    # NYSE: Jul 1, 2, 3, 7, 8, 9; Hong Kong: Jul 1 is a holiday there
    assert len(written) == 6 + 6
    assert "hsi-2025-07-01-daily.md" not in written
    stamps = {p: p.stat().st_mtime_ns for p in out.iterdir()}
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert {p: p.stat().st_mtime_ns for p in out.iterdir()} == stamps  # nothing new


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2025-07-04", "is not a XNYS session"),
        ("2025-13-01", "2025-13-01"),
    ],
)
def test_a_day_without_a_session_is_a_usage_error(
    shared_data: Path, tmp_path: Path, date: str, message: str
) -> None:
    result = runner.invoke(
        app,
        ["draft", "RUT", "--date", date, "--offline", "--data-dir", str(shared_data),
         "--out", str(tmp_path)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert message in result.output


def test_last_week_in_a_daily_wrap_is_the_week_before(shared_data: Path) -> None:
    """A daily wrap is written inside its week: its "last week" is the one before (a recap
    that never says "this week" was written after its week, and means that one)."""
    brief = session_brief("RUT", dt.date(2025, 8, 5), SnapshotSource(shared_data))
    before = brief.get("RUT.prev_week.change_pct")
    assert before is not None
    text = f"The Russell 2000 moved {before.display} last week."
    report = check_text(text, brief, strict=True)
    assert [(c.status, c.fact_id) for c in report.claims if c.kind == "percent"] == [
        (Status.VERIFIED, "RUT.prev_week.change_pct")
    ]
