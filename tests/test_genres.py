"""Genres as plug-ins: one table per side maps a brief kind to its genre, and every field of
a genre's row is read by the part of the checker it names.

The second half plugs a genre in for the test (a brief kind of its own, a row in the table)
and shows that each field changes what the checker does: which phrase judges run, which
names are outside the data, what the report says it checked against, which form rules
apply, which wrong bases explain a wrong change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from typing import Literal

import pytest

from factcheck.brief import Brief, WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.form import FormRules
from factcheck.genres import GENRES, UnknownGenre, form_findings, genre_for, genre_of, load_brief
from factcheck.genres import weekly_index as weekly_checker
from factcheck.grammar import COMPANY_RESULTS, OUTSIDE
from factcheck.report import CheckReport, Status
from factcheck.rules import BY_CODE

from .briefs import HERE as BRIEFS
from .briefs import load

RUT = ("RUT", "2025-08-08")


def _rut() -> WeeklyIndexBrief:
    return load(*RUT)


# --- the table ------------------------------------------------------------------------------


def test_each_genre_is_keyed_by_the_kind_its_brief_model_declares() -> None:
    assert GENRES, "no genre"
    for kind, genre in GENRES.items():
        assert genre.kind == kind
        assert genre.brief_type.model_fields["kind"].default == kind
        assert issubclass(genre.brief_type, Brief)
        assert genre.phrase_rules <= set(BY_CODE), sorted(genre.phrase_rules - set(BY_CODE))


def test_the_weekly_genre_runs_every_phrase_judge_and_holds_company_results_outside() -> None:
    genre = genre_for("weekly_index")
    assert {"P001", "P008"} <= genre.phrase_rules
    assert set(OUTSIDE) | set(COMPANY_RESULTS) == set(genre.outside)
    # company results are the genre's to hold outside, not every genre's
    assert not set(COMPANY_RESULTS) & set(OUTSIDE)


def test_a_saved_brief_is_parsed_as_its_kinds_model() -> None:
    text = (BRIEFS / "RUT-2025-08-08.json").read_text(encoding="utf-8")
    brief = load_brief(text)
    assert type(brief) is WeeklyIndexBrief
    assert brief == _rut()


def test_a_brief_of_a_kind_no_genre_checks_is_refused_by_name() -> None:
    data = json.loads((BRIEFS / "RUT-2025-08-08.json").read_text(encoding="utf-8"))
    data["kind"] = "quarterly_results"
    with pytest.raises(
        UnknownGenre, match=r"'quarterly_results' \(known: daily_wrap, earnings, weekly_index\)"
    ):
        load_brief(json.dumps(data))
    with pytest.raises(ValueError, match="kind"):
        load_brief(json.dumps({"subject": data["subject"]}))


# --- a genre plugged in for the test ---------------------------------------------------------


class _TrialBrief(WeeklyIndexBrief):
    """A brief kind of a trial genre: the weekly brief's figures under another kind."""

    kind: Literal["trial"] = "trial"  # type: ignore[assignment]


@pytest.fixture
def trial() -> Iterator[WeeklyIndexBrief]:
    """A trial genre in the table for one test: no phrase judges, company results not
    outside its data (as an earnings genre's are not), a report naming the genre, no lede
    rule, no wrong bases."""
    row = dataclasses.replace(
        GENRES["weekly_index"],
        kind="trial",
        name="trial genre",
        brief_type=_TrialBrief,
        describe=lambda brief: f"trial {brief.subject.key}",
        outside=OUTSIDE,
        phrase_rules=frozenset(),
        form_rules=(),
        bases=lambda brief, fact: None,
    )
    GENRES["trial"] = row
    try:
        yield _TrialBrief.model_validate(_rut().model_dump() | {"kind": "trial"})
    finally:
        del GENRES["trial"]


def _status(report: CheckReport, text: str) -> Status:
    (claim,) = [c for c in report.claims if c.text.strip() == text]
    return claim.status


def test_a_genre_without_a_phrase_judge_does_not_run_it(trial: WeeklyIndexBrief) -> None:
    # the Russell rose 2.38% on the week: "finished the week lower" is a false claim
    text = "The Russell 2000 finished the week lower.\n"
    weekly = check_text(text, _rut())
    assert [c.rule for c in weekly.claims if c.status is Status.CONTRADICTED]
    assert not [c for c in check_text(text, trial).claims if c.kind != "date"]


def test_a_genres_outside_names_keep_their_figures_away_from_the_subject(
    trial: WeeklyIndexBrief,
) -> None:
    # 2.38% is the Russell's weekly gain; said of a company's revenue, the weekly genre
    # never holds it against the index (revenue is outside its data), the trial genre does
    text = "Company revenue rose 2.38% this week.\n"
    assert _status(check_text(text, _rut()), "2.38%") is Status.UNSUPPORTED
    assert _status(check_text(text, trial), "2.38%") is Status.VERIFIED


def test_the_report_names_what_the_genre_says_it_checked_against(
    trial: WeeklyIndexBrief,
) -> None:
    assert check_text("x\n", _rut()).brief_id == "RUT 2025-08-04..2025-08-10"
    assert check_text("x\n", trial).brief_id == "trial RUT"


def test_the_lede_rule_is_the_genres(trial: WeeklyIndexBrief) -> None:
    text = "# A week\n\nSmall caps had a week.\n"
    for brief, lede in ((_rut(), True), (trial, False)):
        report = check_text(text, brief)
        names = [c.message.split(":")[0] for c in form_findings(text, brief, report, FormRules())]
        assert ("lede" in names) is lede, names


def test_wrong_bases_are_the_genres(trial: WeeklyIndexBrief) -> None:
    # +0.28% is the week measured from Monday's close (the true week is +2.38%)
    text = "The Russell 2000 gained 0.28% this week.\n"
    weekly = [c for c in check_text(text, _rut()).claims if c.text.strip() == "0.28%"]
    assert weekly and "Monday" in weekly[0].message, weekly
    plain = [c for c in check_text(text, trial).claims if c.text.strip() == "0.28%"]
    assert plain and plain[0].status is Status.MISMATCH and "Monday" not in plain[0].message


def test_a_genre_is_looked_up_by_the_briefs_kind(trial: WeeklyIndexBrief) -> None:
    assert genre_of(trial).name == "trial genre"
    assert genre_of(_rut()) is GENRES["weekly_index"]
    assert weekly_checker.anchor(_rut()) == dt.date(2025, 8, 8)
