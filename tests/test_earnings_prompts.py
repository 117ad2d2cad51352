"""The earnings snapshot's prompts: every fact of a real brief is offered as its display text,
money also in the words a story writes it; no estimate figure and no beat/miss instruction
without an estimate block; the instruction to write comes after the data; the revision quotes
the findings; the detail levels shrink the request; the templates ship, compile and fail
loudly on a missing variable."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path

import pytest
from jinja2 import Environment, UndefinedError, meta

from factcheck.brief import EarningsBrief, Fact, WeeklyIndexBrief
from factcheck.numfmt import Unit
from factcheck.report import Claim, Severity, Status
from writer.genres import prompting_common
from writer.genres.earnings import prompting
from writer.genres.earnings.disclaimer import DISCLAIMER
from writer.genres.genre import Prompting

ROOT = Path(__file__).resolve().parents[1]
FUNDAMENTALS = ROOT.parent / "shared" / "fundamentals"

#: A figure as a prompt may write one: amounts with commas, decimals, percentages.
FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+%?|\d+%")
#: Words that judge a result against an estimate.
BEAT_MISS = re.compile(r"\b(?:beat|beats|miss|missed|top|topped|surprise|consensus)\b", re.I)


@cache
def _brief(ticker: str, quarter: str) -> EarningsBrief:
    from writer.data.fundamentals import SnapshotFundamentals
    from writer.data.snapshot import SnapshotSource
    from writer.genres.earnings.brief import build_brief

    prices = [
        SnapshotSource(FUNDAMENTALS / "stocks" / "raw"),
        SnapshotSource(FUNDAMENTALS / "stocks"),
    ]
    return build_brief(ticker, quarter, SnapshotFundamentals(FUNDAMENTALS), prices)


def _complete() -> Iterator[tuple[str, str]]:
    with (FUNDAMENTALS / "coverage.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["snapshot"] == "complete":
                yield row["ticker"], f"FY{row['fiscal_year']}-{row['fiscal_period']}"


@pytest.fixture(scope="module")
def fundamentals() -> Path:
    if not (FUNDAMENTALS / "coverage.csv").is_file():
        pytest.skip(f"fundamentals not found at {FUNDAMENTALS} (../shared/fundamentals)")
    return FUNDAMENTALS


@pytest.fixture(scope="module")
def nvda(fundamentals: Path) -> EarningsBrief:
    """NVIDIA's fiscal Q2 2026 (ended Jul 27 2025, reported Aug 27 after the close), with a
    Yahoo Finance estimate block."""
    b = _brief("NVDA", "FY2026-Q2")
    assert b.estimate is not None
    return b


@pytest.fixture(scope="module")
def snow(fundamentals: Path) -> EarningsBrief:
    """Snowflake's fiscal Q2 2025: a loss, and no estimate block."""
    b = _brief("SNOW", "FY2025-Q2")
    assert b.estimate is None
    return b


def finding(**over: object) -> Claim:
    data: dict[str, object] = dict(
        line=3,
        col=30,
        text="$46.47 billion",
        sentence="Revenue was $46.47 billion in the period.",
        value="46470000000",
        kind="number",
        status=Status.MISMATCH,
        severity=Severity.ERROR,
        fact_id="NVDA.revenue.FY2026-Q2",
        expected="$46.74 billion",
        message="the quarter's revenue was $46,743,000,000",
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


def test_the_module_is_a_prompting() -> None:
    typed: Prompting[EarningsBrief] = prompting
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
    assert DISCLAIMER.strip("*") == prompting.DISCLAIMER


def _money(value: str, metric: str = "revenue") -> Fact:
    places = 2 if metric.startswith("eps") else 0
    return Fact.model_validate(
        dict(id=f"X.{metric}.FY2024-Q1", entity="X", metric=metric, period="FY2024-Q1",
             value=Decimal(value), unit=Unit.CURRENCY, precision=places, label=metric)
    )  # fmt: skip


@pytest.mark.parametrize(
    ("value", "metric", "words"),
    [
        ("26422000000", "net_income", "$26.42 billion"),
        ("16599000000", "net_income", "$16.6 billion"),
        ("18775000000", "net_income", "$18.78 billion"),  # half-up
        ("214300000", "revenue", "$214.3 million"),
        ("674018000", "revenue", "$674 million"),
        ("-316899000", "net_income", "a loss of $316.9 million"),
        ("1.08", "eps_diluted", "$1.08 per share"),
        ("0.67", "eps_diluted", "67 cents per share"),
        ("-0.65", "eps_diluted", "a loss of 65 cents per share"),
        ("0.05", "eps_adjusted", "5 cents per share"),
        ("-1.12", "eps_diluted", "a loss of $1.12 per share"),
        ("999999", "revenue", None),  # under a million: as displayed
    ],
)
def test_money_in_a_storys_words(value: str, metric: str, words: str | None) -> None:
    assert prompting.written(_money(value, metric)) == words


def test_the_headline_names_a_fiscal_quarter_as_fiscal(fundamentals: Path) -> None:
    assert prompting.headline(_brief("NVDA", "FY2026-Q2")) == (
        "NVIDIA: Fiscal Q2 2026 Earnings Snapshot"
    )
    assert (
        prompting.headline(_brief("AAPL", "FY2024-Q3")) == "Apple: Fiscal Q3 2024 Earnings Snapshot"
    )
    tesla = next(q for t, q in _complete() if t == "TSLA")
    head = prompting.headline(_brief("TSLA", tesla))
    assert head == f"Tesla: Q{tesla[-1]} {tesla[2:6]} Earnings Snapshot"


def test_every_template_renders(nvda: EarningsBrief) -> None:
    system = prompting.system_message(nvda)
    user = prompting.user_message(nvda)
    revise = prompting.revise_message(nvda, [finding()], attempt=1, max_attempts=3)
    assert "Write the snapshot of NVIDIA (NVDA) for its fiscal second quarter of 2026" in system
    assert "The headline is exactly: NVIDIA: Fiscal Q2 2026 Earnings Snapshot" in system
    assert "150 to 250 words" in system
    assert f'"{prompting.DISCLAIMER}"' in system
    assert "estimate from Yahoo Finance" in system
    assert "no guidance or outlook, no segment or product" in system
    assert "reported on Wednesday, Aug 27, 2025 after the market closed" in user
    assert '$26,422,000,000 (write "$26.42 billion"): net income attributable' in user
    assert '$0.67 (write "67 cents per share"): GAAP diluted EPS\n' in user
    assert "+55.60%: revenue, change on the year-ago quarter" in user
    assert "## The estimate (Yahoo Finance" in user
    assert 'Line 3: "Revenue was $46.47 billion in the period."' in revise
    assert "The data says: $46.74 billion (`NVDA.revenue.FY2026-Q2`)" in revise
    assert "found 1 problem (attempt 1 of 3)" in revise
    for text in (system, user, revise):
        assert "{{" not in text and "{%" not in text


#: A fiscal year with an estimate, a loss without one, Apple's fiscal Q3, a calendar year.
SHAPES = [
    ("NVDA", "FY2026-Q2"),
    ("SNOW", "FY2025-Q2"),
    ("AAPL", "FY2024-Q3"),
    ("TSLA", "FY2024-Q2"),
]


@pytest.mark.parametrize(("ticker", "quarter"), SHAPES)
def test_full_offers_every_fact_as_displayed_and_nothing_else(
    fundamentals: Path, ticker: str, quarter: str
) -> None:
    """At FULL each fact of the brief is one line, starting with its display text; every
    figure of the message is a fact's display or its words; no fact id, no note."""
    b = _brief(ticker, quarter)
    user = prompting.user_message(b)
    lines = data_lines(user)
    assert len(lines) == len(b.facts) > 15
    offered = [f for g in prompting.prompt_groups(b) for f in g.facts]
    assert sorted(f.id for f in offered) == sorted(f.id for f in b.facts)
    for line, fact in zip(lines, offered, strict=True):
        assert line.startswith(f"{fact.display}: ") or line.startswith(
            f'{fact.display} (write "{prompting.written(fact)}"): '
        ), (line, fact.id)
    allowed = {n for f in b.facts for n in FIGURE.findall(f.display)}
    allowed |= {n for f in b.facts for n in FIGURE.findall(prompting.written(f) or "")}
    assert set(FIGURE.findall(user)) <= allowed
    assert not any(f.id in user for f in b.facts)
    assert not any(note in user for note in b.provenance.notes)


def test_every_complete_quarter_renders_every_fact(fundamentals: Path) -> None:
    """All 112 complete quarters of coverage.csv: each fact's display is in the FULL prompt,
    and the COMPACT one keeps the lede's figures."""
    quarters = list(_complete())
    assert len(quarters) >= 100
    for ticker, quarter in quarters:
        b = _brief(ticker, quarter)
        full = prompting.user_message(b)
        missing = [f.id for f in b.facts if f"{f.display}" not in full]
        assert not missing, (ticker, quarter, missing)
        compact = data_lines(prompting.user_message(b, detail=prompting.COMPACT))
        for metric in ("net_income", "eps_diluted", "revenue"):
            fact = b.get(f"{ticker}.{metric}.{b.quarter.label}")
            if fact is not None:
                assert any(x.startswith(f"{fact.display}") for x in compact), (ticker, quarter)


def test_without_an_estimate_no_estimate_and_no_beat_or_miss(snow: EarningsBrief) -> None:
    system = prompting.system_message(snow)
    user = prompting.user_message(snow)
    assert "The data has no analysts' estimate for this quarter" in system
    assert "no word of beating, missing, topping" in system
    assert "Adjusted earnings per share and the analysts' estimate" not in system
    assert "## The estimate" not in user
    assert "(there is no estimate: no beat or miss)" in user
    assert not any(f.metric.startswith(("eps_estimate", "eps_adjusted", "eps_surprise"))
                   for g in prompting.prompt_groups(snow) for f in g.facts)  # fmt: skip
    # no instruction to judge the result: the only beat/miss words forbid them
    instructions = system.split("(The data has no analysts' estimate")[0]
    assert not BEAT_MISS.search(instructions)
    assert '"a loss of $316.9 million"' not in system  # money words are the data's, not examples
    assert '-$316,899,000 (write "a loss of $316.9 million"): net income' in user


def test_with_an_estimate_the_vendor_and_its_figures(nvda: EarningsBrief) -> None:
    system = prompting.system_message(nvda)
    user = prompting.user_message(nvda)
    assert "whether the result beat, matched or missed it" in system
    assert "Adjusted EPS is not GAAP EPS" in system
    for metric in ("eps_estimate", "eps_adjusted", "eps_surprise_pct"):
        fact = nvda.get(f"NVDA.{metric}.FY2026-Q2")
        assert fact is not None
        assert any(x.startswith(f"{fact.display}") for x in data_lines(user)), metric
    assert '$1.01 (write "$1.01 per share"): analysts\' EPS estimate' in user


def test_the_data_ends_with_an_instruction_to_write_prose(nvda: EarningsBrief) -> None:
    """Issue 23: after the figure list, the request says what to do with it."""
    user = prompting.user_message(nvda)
    text_lines = [x for x in user.splitlines() if x.strip()]
    assert text_lines[-1].startswith(
        'Now write the snapshot, headlined "NVIDIA: Fiscal Q2 2026 Earnings Snapshot"'
    )
    assert "do not copy the lines" in text_lines[-1]
    assert user.index(data_lines(user)[-1]) < user.index(text_lines[-1])


def test_detail_levels_shrink_the_request(nvda: EarningsBrief) -> None:
    sizes = [
        prompting.messages_tokens(prompting.first_messages(nvda, detail=d))
        for d in (prompting.FULL, prompting.COMPACT, prompting.NO_DATA)
    ]
    assert sizes[0] > sizes[1] > sizes[2]
    assert sizes[0] + prompting.REPLY_TOKENS <= 4096, sizes  # a 4,096-token model holds it all
    compact = data_lines(prompting.user_message(nvda, detail=prompting.COMPACT))
    assert not any("gross profit" in x or "basic EPS" in x for x in compact)
    assert not any("previous quarter" in g.title
                   for g in prompting.prompt_groups(nvda, detail=prompting.COMPACT))  # fmt: skip
    bare = prompting.user_message(nvda, detail=prompting.NO_DATA)
    assert data_lines(bare) == []
    assert "left out here to fit the model's context" in bare
    assert "Now write the snapshot" not in bare


def test_the_system_prompts_example_figures_are_no_real_figures(fundamentals: Path) -> None:
    """The money examples must not be any complete quarter's figure: a model copies them."""
    system = prompting.system_message(_brief("NVDA", "FY2026-Q2"))
    examples = set(re.findall(r'"((?:a loss of )?\$?[\d.,]+ (?:billion|million|per share|cents '
                              r'per share))"', system))  # fmt: skip
    assert len(examples) == 6, examples
    real: set[str] = set()
    for ticker, quarter in _complete():
        b = _brief(ticker, quarter)
        real.update(w for f in b.facts if (w := prompting.written(f)) is not None)
        real.update(f.display for f in b.facts)
    assert len(real) > 1000
    assert not examples & real
    bare = {re.sub(r"^a loss of ", "", e) for e in examples}
    assert not bare & {re.sub(r"^a loss of ", "", r) for r in real}


def test_revision_keeps_only_the_last_draft_and_quotes_the_findings(nvda: EarningsBrief) -> None:
    wrong_base = finding(
        line=5,
        text="+61.19%",
        expected=None,
        fact_id="NVDA.revenue.FY2026-Q2.yoy_pct",
        message="that is the change of GAAP diluted EPS, not revenue",
    )
    unsupported = finding(line=7, status=Status.UNSUPPORTED, fact_id=None, expected=None)
    messages = prompting.revision_messages(
        nvda, "# Draft two\n", [finding(), wrong_base, unsupported], 2, 3
    )
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[:2] == prompting.first_messages(nvda)
    assert messages[2]["content"] == "# Draft two\n"
    revise = messages[3]["content"]
    assert "found 3 problems (attempt 2 of 3)" in revise
    assert "The data says: +55.60% (`NVDA.revenue.FY2026-Q2.yoy_pct`)" in revise
    assert "Checker: that is the change of GAAP diluted EPS, not revenue" in revise
    assert "The data says: no figure in the data supports this\n" in revise
    assert "right measure (GAAP or adjusted EPS" in revise
    small = prompting.revision_messages(
        nvda, "# Draft two\n", [finding()], 2, 3, detail=prompting.NO_DATA
    )
    assert data_lines(small[1]["content"]) == []
    assert "$46.74 billion" in small[3]["content"]
    assert prompting.messages_tokens(small) < prompting.messages_tokens(messages)


def test_an_index_brief_is_refused(rut: WeeklyIndexBrief) -> None:
    with pytest.raises(TypeError, match="earnings brief"):
        prompting.first_messages(rut)


def variables(name: str) -> set[str]:
    parsed = Environment().parse(prompting.template_source(name))
    return set(meta.find_undeclared_variables(parsed))


@pytest.mark.parametrize("name", prompting.TEMPLATES)
def test_missing_variable_raises(name: str) -> None:
    words = dict(
        company="Example",
        ticker="EXM",
        headline="Example: Q1 2024 Earnings Snapshot",
        quarter_words="first quarter of 2024",
        quarter_label="FY2024-Q1",
        quarter_end="Sunday, Mar 31, 2024",
        report_day="Tuesday, Apr 30, 2024",
        timing="",
        price_day="Tuesday, Apr 30, 2024",
        has_estimate=True,
        vendor="Example Vendor",
    )
    full: dict[str, object] = {
        "system.j2": {**words, "min_words": 150, "max_words": 250, "disclaimer": "d"},
        "user.j2": {**words, "groups": [("The quarter", ["$1.00: revenue"])]},
        "revise.j2": dict(
            findings=[finding(), finding(expected=None)],
            attempt=1,
            max_attempts=3,
            displays={"NVDA.revenue.FY2026-Q2": "$46,743,000,000"},
        ),
    }[name]
    used = variables(name)
    assert used <= set(full), used - set(full)
    prompting.render(name, **full)
    for missing in sorted(used):
        partial = {k: v for k, v in full.items() if k != missing}
        with pytest.raises(UndefinedError):
            prompting.render(name, **partial)


def test_compile_templates_compiles_every_shipped_template(nvda: EarningsBrief) -> None:
    cache_ = prompting_common.template
    cache_.cache_clear()
    prompting.compile_templates()
    assert cache_.cache_info().currsize == len(prompting.TEMPLATES)
    misses = cache_.cache_info().misses
    prompting.revision_messages(nvda, "# Draft\n", [finding()], 1, 3)
    assert cache_.cache_info().misses == misses
