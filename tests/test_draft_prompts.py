"""Every prompt template renders from the installed package, and a missing variable raises."""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError

from factcheck.brief import WeeklyIndexBrief
from factcheck.report import Claim, Severity, Status
from writer.genres.weekly_index import prompting


def finding(**over: object) -> Claim:
    data: dict[str, object] = dict(
        line=3,
        col=40,
        text="2,218.24",
        sentence="The index closed Friday at 2,218.24.",
        value="2218.24",
        kind="number",
        status=Status.MISMATCH,
        severity=Severity.ERROR,
        fact_id="RUT.close.2025-08-08",
        expected="2,218.42",
        message="Friday's close was 2,218.42",
    )
    data.update(over)
    return Claim.model_validate(data)


def variables(name: str) -> set[str]:
    from jinja2 import Environment, meta

    return set(meta.find_undeclared_variables(Environment().parse(prompting.template_source(name))))


def test_templates_ship_in_the_package() -> None:
    for name in prompting.TEMPLATES:
        assert prompting.template_source(name).strip(), name


def test_every_template_renders(rut: WeeklyIndexBrief) -> None:
    system = prompting.system_message(rut)
    user = prompting.user_message(rut)
    revise = prompting.revise_message(rut, [finding()], attempt=1, max_attempts=3)
    assert "Russell 2000 (RUT), compared with the S&P 500 (SPX) and the Nasdaq Composite" in system
    assert "400 to 700 words" in system and "not investment advice" in system
    assert "Use ONLY the figures" in system
    assert "the week ends Friday, Aug 8, 2025" in system
    assert "(5 sessions: Monday, Aug 4; Tuesday, Aug 5;" in user
    assert "## Russell 2000 (RUT): Friday, Aug 8" in user
    assert "## Comparisons between indices" in user
    assert 'Line 3: "The index closed Friday at 2,218.24."' in revise
    assert "You wrote: 2,218.24 (mismatch)" in revise
    assert "The data says: 2,218.42 (`RUT.close.2025-08-08`)" in revise
    assert "Checker: Friday's close was 2,218.42" in revise
    assert "found 1 problem (attempt 1 of 3)" in revise
    for text in (system, user, revise):
        assert "{{" not in text and "{%" not in text


def test_user_prompt_holds_every_figure_the_article_needs_and_no_plumbing(
    built_brief: object,
) -> None:
    """The prompt is cut to what a recap uses: every figure the offline drafter cites is
    there, written as the checker expects it; no fact id, no data note for the operator;
    and it fits a 4,096-token model's context with room for the article."""
    from factcheck.check import check_text
    from writer.genres.weekly_index.offline import draft_offline

    for symbol, day in [("RUT", "2025-08-08"), ("HSI", "2025-03-14"), ("ASX200", "2024-11-08")]:
        b: WeeklyIndexBrief = built_brief(symbol, day)  # type: ignore[operator]
        user = prompting.user_message(b)
        report = check_text(draft_offline(b), b)
        cited = {c.fact_id for c in report.claims if c.fact_id and c.kind != "date"}
        for fact_id in cited:
            fact = b.get(fact_id)
            assert fact is not None and f"{fact.display}: " in user, fact_id
        assert not any(f"`{f.id}`" in user or f" {f.id}" in user for f in b.facts)
        assert not any(note in user for note in b.provenance.notes)
        size = prompting.messages_tokens(prompting.first_messages(b))
        smaller = prompting.messages_tokens(prompting.first_messages(b, detail=prompting.COMPACT))
        # a 4,096-token model can hold the request and an article, at least without context
        assert smaller + prompting.REPLY_TOKENS <= 4096, (symbol, size, smaller)
        assert smaller < size


def test_unsupported_finding_says_so(rut: WeeklyIndexBrief) -> None:
    text = prompting.revise_message(
        rut,
        [
            finding(status=Status.UNSUPPORTED, fact_id=None, expected=None, message=""),
            finding(line=9),
            finding(
                line=11,
                text="0.20%",
                status=Status.MISMATCH,
                expected=None,
                fact_id="RUT.change_pct.2025-08-06",
                message="wrong direction ('rose')",
            ),
        ],
        attempt=2,
        max_attempts=3,
    )
    assert "The data says: no figure in the data supports this\n" in text
    assert "found 3 problems (attempt 2 of 3)" in text
    assert "2. Line 9:" in text
    assert "The data says: -0.20% (`RUT.change_pct.2025-08-06`)" in text


@pytest.mark.parametrize("name", prompting.TEMPLATES)
def test_missing_variable_raises(name: str, rut: WeeklyIndexBrief) -> None:
    full = {
        "system.j2": dict(
            subject=rut.subject,
            peers=rut.peers,
            min_words=400,
            max_words=700,
            disclaimer="d",
            last_session_day="Friday, Aug 8",
            week_end="Friday, Aug 8, 2025",
        ),
        "user.j2": dict(
            subject=rut.subject,
            week_start="2025-08-04",
            week_end="2025-08-08",
            session_count=5,
            session_days=["Monday, Aug 4"],
            previous_session="Friday, Aug 1",
            groups=[("Russell 2000 (RUT): the week", ["+2.38%: weekly change"])],
        ),
        "revise.j2": dict(
            findings=[finding(), finding(expected=None)],
            attempt=1,
            max_attempts=3,
            displays={"RUT.close.2025-08-08": "2,218.42"},
        ),
    }[name]
    assert set(full) == variables(name), "the test passes exactly what the template uses"
    prompting.render(name, **full)
    for missing in full:
        partial = {k: v for k, v in full.items() if k != missing}
        with pytest.raises(UndefinedError):
            prompting.render(name, **partial)


def test_revision_keeps_only_the_last_draft(rut: WeeklyIndexBrief) -> None:
    messages = prompting.revision_messages(rut, "# Draft two\n", [finding()], 2, 3)
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[2]["content"] == "# Draft two\n"


def test_revision_quotes_each_wrong_sentence_and_asks_to_change_only_those(
    rut: WeeklyIndexBrief,
) -> None:
    """A small model resent its whole draft, dropping the disclaimer: the request names
    the sentence, what was written and the right display text, and keeps the rest fixed."""
    text = prompting.revise_message(rut, [finding()], attempt=2, max_attempts=3)
    assert '1. Line 3: "The index closed Friday at 2,218.24."' in text
    assert "You wrote: 2,218.24 (mismatch)" in text
    assert "The data says: 2,218.42 (`RUT.close.2025-08-08`)" in text
    assert "Change only the sentences quoted above" in text
    assert "Copy\nevery other sentence, heading and the disclaimer exactly as they are" in text


def test_compile_templates_compiles_every_shipped_template(rut: WeeklyIndexBrief) -> None:
    """A batch compiles them before it forks its workers: none is left to a first request."""
    from importlib import resources

    shipped = [
        e.name
        for e in resources.files("writer.genres.weekly_index.prompts").iterdir()
        if e.name.endswith(".j2")
    ]
    assert len(shipped) >= 3
    prompting._template.cache_clear()
    prompting.compile_templates()
    assert prompting._template.cache_info().currsize == len(shipped)
    misses = prompting._template.cache_info().misses
    prompting.first_messages(rut)
    assert prompting._template.cache_info().misses == misses  # nothing compiled on use
