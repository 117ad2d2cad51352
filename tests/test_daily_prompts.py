"""The daily wrap's prompts: every figure offered is a figure of the brief, written as its
display text; the day's story is all there at each level of detail with data, and nothing
of an earlier session passes for the day's; the templates ship, render and fail loudly on a
missing variable."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, UndefinedError, meta

from factcheck.brief import DailyWrapBrief, WeeklyIndexBrief
from factcheck.report import Claim, Severity, Status
from writer.genres import prompting_common
from writer.genres.daily_wrap import prompting
from writer.genres.daily_wrap.disclaimer import DISCLAIMER
from writer.genres.genre import Prompting

from .briefs import HERE as COMMITTED_BRIEFS

#: A figure as a prompt may write one: thousands with commas, decimals, percentages.
FIGURE = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+\.\d+%?|[+-]?\d+%")


@cache
def _wrap(symbol: str, day: str) -> DailyWrapBrief:
    from writer.data.snapshot import SnapshotSource
    from writer.pipeline import session_brief

    from .conftest import SHARED_DATA

    return session_brief(symbol, dt.date.fromisoformat(day), SnapshotSource(SHARED_DATA))


@pytest.fixture(scope="session")
def wrap(shared_data: Path) -> Callable[[str, str], DailyWrapBrief]:
    """wrap("RUT", "2025-08-05"): the daily wrap's brief writer builds from the market data."""
    return _wrap


@pytest.fixture(scope="session")
def tuesday(wrap: Callable[[str, str], DailyWrapBrief]) -> DailyWrapBrief:
    """Russell 2000, Tuesday Aug 5 2025: up 0.60% to 2,225.67 while both peers fell."""
    return wrap("RUT", "2025-08-05")


#: Sessions of different shapes: mid-week, a Friday, the day before a holiday, Hong Kong.
SESSIONS = [("RUT", "2025-08-05"), ("RUT", "2025-08-08"), ("RUT", "2025-07-03"),
            ("HSI", "2025-03-14")]  # fmt: skip


def finding(**over: object) -> Claim:
    data: dict[str, object] = dict(
        line=3,
        col=30,
        text="2,225.76",
        sentence="The Russell 2000 closed at 2,225.76.",
        value="2225.76",
        kind="number",
        status=Status.MISMATCH,
        severity=Severity.ERROR,
        fact_id="RUT.close.2025-08-05",
        expected="2,225.67",
        message="Tuesday's close was 2,225.67",
    )
    data.update(over)
    return Claim.model_validate(data)


def data_lines(user: str) -> list[str]:
    """The figure lines of a user message: the lines under its `## ` headings."""
    out: list[str] = []
    inside = False
    for line in user.splitlines():
        if line.startswith("## "):
            inside = True
        elif not line.strip():
            inside = False
        elif inside:
            out.append(line)
    return out


def _displays(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "display" and isinstance(item, str):
                yield item
            else:
                yield from _displays(item)
    elif isinstance(value, list):
        for item in value:
            yield from _displays(item)


def test_the_module_is_a_prompting() -> None:
    """What `writer.draft.llm` calls of a genre's prompts is all there (the genre row hands
    this module on as a `Prompting`)."""
    typed: Prompting = prompting
    assert typed.NO_DATA < typed.COMPACT < typed.FULL
    assert 0 < typed.REPLY_TOKENS < 4096
    for name in ("first_messages", "revision_messages", "messages_tokens", "system_message",
                 "user_message", "compile_templates"):  # fmt: skip
        assert callable(getattr(typed, name)), name


def test_templates_ship_in_the_package() -> None:
    shipped = {
        e.name for e in resources.files(prompting.PACKAGE).iterdir() if e.name.endswith(".j2")
    }
    assert shipped == set(prompting.TEMPLATES)
    for name in prompting.TEMPLATES:
        assert prompting.template_source(name).strip(), name


def test_the_disclaimer_is_the_houses() -> None:
    assert DISCLAIMER == (
        "*This market wrap is generated from market data for information only. "
        "It is not investment advice.*"
    )
    assert DISCLAIMER.strip("*") == prompting.DISCLAIMER


def test_every_template_renders(tuesday: DailyWrapBrief) -> None:
    system = prompting.system_message(tuesday)
    user = prompting.user_message(tuesday)
    revise = prompting.revise_message(tuesday, [finding()], attempt=1, max_attempts=3)
    assert (
        "Write the wrap of Tuesday, Aug 5, 2025, for the Russell 2000 (RUT), compared with "
        "the S&P 500 (SPX) and the Nasdaq Composite (COMP)." in system
    )
    assert "from the close of the session before, Monday, Aug 4." in system
    assert "150 to 500 words" in system
    assert f'"{prompting.DISCLAIMER}"' in system
    assert "Use ONLY the figures" in system
    assert "This is the week's last session" not in system  # a Tuesday
    assert "for the session of Tuesday, Aug 5, 2025 (2025-08-05)" in user
    assert "The session before was Monday, Aug 4; the next is Wednesday, Aug 6." in user
    assert "## Russell 2000 (RUT): Tuesday, Aug 5\n2,218.44: open\n" in user
    assert "+0.60%: change vs Mon Aug 4 close" in user
    assert "## Comparisons between indices" in user
    assert 'Line 3: "The Russell 2000 closed at 2,225.76."' in revise
    assert "The data says: 2,225.67 (`RUT.close.2025-08-05`)" in revise
    assert "found 1 problem (attempt 1 of 3)" in revise
    for text in (system, user, revise):
        assert "{{" not in text and "{%" not in text


@pytest.mark.parametrize(("symbol", "day"), SESSIONS)
@pytest.mark.parametrize("detail", [prompting.FULL, prompting.COMPACT])
def test_every_figure_offered_is_the_briefs_display_text_and_none_else(
    wrap: Callable[[str, str], DailyWrapBrief], symbol: str, day: str, detail: int
) -> None:
    """Each figure line starts with a fact's display text, one line a fact of
    `prompt_groups`; no figure anywhere in the message is one the brief lacks; no fact id
    and no note for the operator."""
    b = wrap(symbol, day)
    user = prompting.user_message(b, detail=detail)
    offered = [f for g in prompting.prompt_groups(b, detail=detail) for f in g.facts]
    lines = data_lines(user)
    assert len(lines) == len(offered) > 10
    for line, fact in zip(lines, offered, strict=True):
        assert line.startswith(f"{fact.display}: "), (line, fact.id)
    numbers = {n for f in b.facts for n in FIGURE.findall(f.display)}
    assert set(FIGURE.findall(user)) <= numbers
    assert not any(f.id in user for f in b.facts)
    assert not any(note in user for note in b.provenance.notes)


@pytest.mark.parametrize("detail", [prompting.FULL, prompting.COMPACT])
def test_the_days_story_is_offered_at_each_detail_with_data(
    tuesday: DailyWrapBrief, detail: int
) -> None:
    """The lede, the session, the peers that day, the week and year so far, the 52-week
    distance: at COMPACT too."""
    user = prompting.user_message(tuesday, detail=detail)
    needed = [
        *(f"RUT.{m}.2025-08-05" for m in ("open", "high", "low", "close", "change_pts")),
        "RUT.change_pct.2025-08-05",
        "RUT.close.2025-08-04",  # the base of the day's change
        "RUT.week.change_pct",
        "RUT.ytd.change_pct",
        "RUT.52w.from_high_pct",
        "RUT.streak.daily",
        *(f"{p}.{m}.2025-08-05" for p in ("SPX", "COMP") for m in ("close", "change_pct")),
        "RUT.vs.SPX.spread_pp.2025-08-05",
        "RUT.vs.COMP.spread_pp.2025-08-05",
    ]
    lines = data_lines(user)
    for fact_id in needed:
        fact = tuesday.get(fact_id)
        assert fact is not None, fact_id
        assert any(line.startswith(f"{fact.display}: ") for line in lines), fact_id


def test_no_earlier_sessions_move_is_offered(tuesday: DailyWrapBrief) -> None:
    """Monday's and the previous Friday's moves are in the brief but not the prompt: a model
    cannot write one of them as Tuesday's.  Monday's close is there, as the day's base."""
    user = prompting.user_message(tuesday)
    for fact_id in ("RUT.change_pct.2025-08-04", "RUT.change_pct.2025-08-01",
                    "RUT.change_pts.2025-08-04", "SPX.change_pct.2025-08-04"):  # fmt: skip
        fact = tuesday.get(fact_id)
        assert fact is not None
        assert f"{fact.display}: " not in user, fact_id
    days = {d.isoformat() for d in tuesday.week.sessions} | {"2025-08-01"}
    offered = [f for g in prompting.prompt_groups(tuesday) for f in g.facts]
    dated = [f for f in offered if f.period in days]
    assert {f.period for f in dated} == {"2025-08-04", "2025-08-05"}
    assert all(f.metric == "close" for f in dated if f.period != "2025-08-05")


def test_the_data_ends_with_an_instruction_to_write_prose(tuesday: DailyWrapBrief) -> None:
    """After the figure list, the request says what to do with it: a model that saw the list
    last copied it back."""
    user = prompting.user_message(tuesday)
    text_lines = [x for x in user.splitlines() if x.strip()]
    assert text_lines[-1].startswith("Now write the wrap of Tuesday, Aug 5")
    assert "do not copy the lines" in text_lines[-1]
    assert user.index(data_lines(user)[-1]) < user.index(text_lines[-1])


def test_detail_levels_shrink_the_request(tuesday: DailyWrapBrief) -> None:
    sizes = [
        prompting.messages_tokens(prompting.first_messages(tuesday, detail=d))
        for d in (prompting.FULL, prompting.COMPACT, prompting.NO_DATA)
    ]
    assert sizes[0] > sizes[1] > sizes[2]
    # a 4,096-token model holds the compact request and a wrap
    assert sizes[1] + prompting.REPLY_TOKENS <= 4096, sizes
    bare = prompting.user_message(tuesday, detail=prompting.NO_DATA)
    assert data_lines(bare) == []
    assert "left out here to fit the model's context" in bare
    assert "Now write the wrap" not in bare  # nothing above to write from


def test_the_system_prompts_example_figures_are_no_real_figures(
    wrap: Callable[[str, str], DailyWrapBrief],
) -> None:
    """The style examples must not be a figure of any index: a model copies examples."""
    system = prompting.system_message(wrap("RUT", "2025-08-05"))
    examples = set(FIGURE.findall(system))
    assert {"1,234.56", "+3.17%", "-3.45"} <= examples
    real: set[str] = set()
    for path in COMMITTED_BRIEFS.glob("*.json"):
        for display in _displays(json.loads(path.read_text(encoding="utf-8"))):
            real.update(FIGURE.findall(display))
    for symbol, day in SESSIONS:
        real.update(n for f in wrap(symbol, day).facts for n in FIGURE.findall(f.display))
    assert len(real) > 1000
    unsigned = {n.lstrip("+-") for n in real}
    assert not {n.lstrip("+-") for n in examples} & unsigned


def test_a_friday_wrap_adds_the_week(wrap: Callable[[str, str], DailyWrapBrief]) -> None:
    friday = prompting.system_message(wrap("RUT", "2025-08-08"))
    assert "This is the week's last session: give the week's change too" in friday
    assert "Write the wrap of Friday, Aug 8, 2025" in friday


def test_a_holiday_around_the_session_is_said(wrap: Callable[[str, str], DailyWrapBrief]) -> None:
    """Thursday Jul 3 2025: Independence Day closes Friday, so the week ends on Thursday."""
    b = wrap("RUT", "2025-07-03")
    assert [c.day for c in b.session.closed] == [dt.date(2025, 7, 4)]
    user = prompting.user_message(b)
    assert f"Friday, Jul 4: no session ({b.session.closed[0].why})." in user
    assert "the next is Monday, Jul 7." in user
    assert "This is the week's last session" in prompting.system_message(b)


def test_revision_keeps_only_the_last_draft_and_quotes_the_findings(
    tuesday: DailyWrapBrief,
) -> None:
    wrong_way = finding(
        line=5,
        text="0.49%",
        expected=None,
        fact_id="SPX.change_pct.2025-08-05",
        message="wrong direction ('rose')",
    )
    unsupported = finding(line=7, status=Status.UNSUPPORTED, fact_id=None, expected=None)
    messages = prompting.revision_messages(
        tuesday, "# Draft two\n", [finding(), wrong_way, unsupported], 2, 3
    )
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[:2] == prompting.first_messages(tuesday)
    assert messages[2]["content"] == "# Draft two\n"
    revise = messages[3]["content"]
    assert "found 3 problems (attempt 2 of 3)" in revise
    assert '1. Line 3: "The Russell 2000 closed at 2,225.76."' in revise
    assert "You wrote: 2,225.76 (mismatch)" in revise
    assert "The data says: -0.49% (`SPX.change_pct.2025-08-05`)" in revise
    assert "Checker: wrong direction ('rose')" in revise
    assert "3. Line 7:" in revise
    assert "The data says: no figure in the data supports this\n" in revise
    assert "Change only the sentences quoted above" in revise
    small = prompting.revision_messages(
        tuesday, "# Draft two\n", [finding()], 2, 3, detail=prompting.NO_DATA
    )
    assert data_lines(small[1]["content"]) == []
    assert prompting.messages_tokens(small) < prompting.messages_tokens(messages)


def test_a_weekly_brief_is_refused(rut: WeeklyIndexBrief) -> None:
    with pytest.raises(TypeError, match="daily wrap's brief"):
        prompting.first_messages(rut)


def variables(name: str) -> set[str]:
    parsed = Environment().parse(prompting.template_source(name))
    return set(meta.find_undeclared_variables(parsed))


@pytest.mark.parametrize("name", prompting.TEMPLATES)
def test_missing_variable_raises(name: str, tuesday: DailyWrapBrief) -> None:
    full = {
        "system.j2": dict(
            subject=tuesday.subject,
            peers=tuesday.peers,
            session_day="Tuesday, Aug 5",
            session_weekday="Tuesday",
            year=2025,
            previous_day="Monday, Aug 4",
            min_words=150,
            max_words=500,
            disclaimer="d",
            ends_week=False,
        ),
        "user.j2": dict(
            subject=tuesday.subject,
            session_day="Tuesday, Aug 5",
            year=2025,
            previous_day="Monday, Aug 4",
            session_date="2025-08-05",
            next_day="Wednesday, Aug 6",
            closed=["Friday, Jul 4: no session (market holiday)."],
            groups=[("Russell 2000 (RUT): Tuesday, Aug 5", ["+0.60%: change"])],
        ),
        "revise.j2": dict(
            findings=[finding(), finding(expected=None)],
            attempt=1,
            max_attempts=3,
            displays={"RUT.close.2025-08-05": "2,225.67"},
        ),
    }[name]
    assert set(full) == variables(name), "the test passes exactly what the template uses"
    prompting.render(name, **full)
    for missing in full:
        partial = {k: v for k, v in full.items() if k != missing}
        with pytest.raises(UndefinedError):
            prompting.render(name, **partial)


def test_compile_templates_compiles_every_shipped_template(tuesday: DailyWrapBrief) -> None:
    """A batch compiles them before it forks its workers: none is left to a first request."""
    cache_ = prompting_common.template
    cache_.cache_clear()
    prompting.compile_templates()
    assert cache_.cache_info().currsize == len(prompting.TEMPLATES)
    misses = cache_.cache_info().misses
    prompting.revision_messages(tuesday, "# Draft\n", [finding()], 1, 3)
    assert cache_.cache_info().misses == misses  # nothing compiled on use
