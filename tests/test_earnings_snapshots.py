"""Earnings snapshots end to end, offline, on the real fundamentals snapshot: every complete
quarter of coverage.csv drafts with no finding (figures strict, and the house form); the
command line drafts one, a batch of quarters resumes, `writer check` places a snapshot by
its front matter or by --ticker/--quarter and fails a wrong figure with exit 1; bad input
is one line and its exit code."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.report import Severity
from writer.cli import app
from writer.data.fundamentals import SnapshotFundamentals
from writer.data.snapshot import SnapshotSource
from writer.draft.command import strict_check
from writer.genres.earnings.brief import build_brief
from writer.genres.earnings.offline import draft_offline

FUNDAMENTALS = Path(__file__).resolve().parents[2] / "shared" / "fundamentals"
pytestmark = pytest.mark.skipif(
    not (FUNDAMENTALS / "facts.csv").is_file(), reason="../shared/fundamentals not present"
)
runner = CliRunner()
#: a money, per-share or percent figure as the offline snapshot writes it
FIGURE = re.compile(r"\$[\d,.]+\d|\b\d+ cents?\b|\b[\d.]+%")


def _complete() -> list[tuple[str, str]]:
    with (FUNDAMENTALS / "coverage.csv").open() as handle:
        return [
            (r["ticker"], f"FY{r['fiscal_year']}-{r['fiscal_period']}")
            for r in csv.DictReader(handle)
            if r["snapshot"] == "complete"
        ]


def test_every_complete_quarter_drafts_offline_with_no_finding() -> None:
    fundamentals = SnapshotFundamentals(FUNDAMENTALS)
    prices = [
        SnapshotSource(FUNDAMENTALS / "stocks" / "raw"),
        SnapshotSource(FUNDAMENTALS / "stocks"),
    ]
    check = strict_check("snapshot.md", False, None)  # figures strict, and the house form
    quarters = _complete()
    assert len(quarters) == 112
    findings = []
    for ticker, quarter in quarters:
        brief = build_brief(ticker, quarter, fundamentals, prices)
        text = draft_offline(brief)
        report = check(text, brief)
        read = {(c.line, c.text) for c in report.claims}
        for n, line in enumerate(text.splitlines(), start=1):
            for figure in FIGURE.findall(line):  # every figure is a claim of its own
                assert any(at == n and figure in said for at, said in read), (ticker, figure)
        findings += [
            (ticker, quarter, c.line, c.text, c.message)
            for c in report.claims
            if c.severity is not Severity.INFO
        ]
    assert findings == []


def _draft(out: Path, *args: str) -> list[str]:
    return [
        "draft", *args, "--fundamentals-dir", str(FUNDAMENTALS), "--offline", "--no-chart",
        "--out", str(out),
    ]  # fmt: skip


def test_draft_check_and_a_wrong_figure(tmp_path: Path) -> None:
    out = tmp_path / "articles"
    result = runner.invoke(app, _draft(out, "NVDA", "--quarter", "FY2026-Q2"))
    assert result.exit_code == 0, result.output
    article = out / "nvda-fy2026-q2-earnings.md"
    assert result.stdout.strip() == str(article)
    text = article.read_text(encoding="utf-8")
    meta = yaml.safe_load(text[4:].split("\n---\n", 1)[0])
    assert (meta["ticker"], meta["quarter"], meta["verdict"]) == ("NVDA", "FY2026-Q2", "verified")
    report = json.loads((out / "nvda-fy2026-q2-earnings.check.json").read_text())
    assert report["claims"] and all(c["severity"] == "info" for c in report["claims"])
    # the gate: placed by its front matter
    ok = runner.invoke(app, ["check", str(article), "--fundamentals-dir", str(FUNDAMENTALS)])
    assert ok.exit_code == 0, ok.output
    # the previous quarter's revenue as this quarter's, placed by the options this time
    wrong = tmp_path / "wrong.md"
    body = text.split("\n---\n", 1)[1].replace("$46.74 billion", "$44.06 billion")
    wrong.write_text(body, encoding="utf-8")
    bad = runner.invoke(
        app,
        ["check", str(wrong), "--ticker", "NVDA", "--quarter", "FY2026-Q2",
         "--fundamentals-dir", str(FUNDAMENTALS)],
    )  # fmt: skip
    assert bad.exit_code == 1, bad.output
    assert "44.06" in bad.output and "FY2026-Q1" in bad.output  # the quarter it belongs to


def test_a_bad_quarter_is_named_where_it_was_given(tmp_path: Path) -> None:
    """A front matter `quarter:` that is no fiscal quarter is bad input (exit 2), and the
    message names the front matter field, not an option the user never typed."""
    article = tmp_path / "a.md"
    article.write_text("---\nticker: NVDA\nquarter: Q2-2026\n---\nNvidia earned $26.42 billion.\n")
    fm = runner.invoke(app, ["check", str(article), "--fundamentals-dir", str(FUNDAMENTALS)])
    assert fm.exit_code == 2, fm.output
    assert "front matter quarter: 'Q2-2026'" in fm.output and "--quarter" not in fm.output
    opt = runner.invoke(
        app,
        ["check", str(article), "--quarter", "2026Q5", "--fundamentals-dir", str(FUNDAMENTALS)],
    )
    assert opt.exit_code == 2 and "--quarter '2026Q5'" in opt.output, opt.output


def test_a_batch_of_quarters_resumes(tmp_path: Path) -> None:
    out = tmp_path / "articles"
    args = _draft(out, "AAPL", "NVDA", "--quarters", "FY2024-Q1..FY2024-Q2", "--quiet")
    first = runner.invoke(app, args)
    # AAPL FY2024-Q1 and Q2, NVDA FY2024-Q1 and Q2: all have results and prices
    assert first.exit_code == 0, first.output
    written = sorted(p.name for p in out.glob("*.md"))
    assert written == [
        "aapl-fy2024-q1-earnings.md",
        "aapl-fy2024-q2-earnings.md",
        "nvda-fy2024-q1-earnings.md",
        "nvda-fy2024-q2-earnings.md",
    ]
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in out.glob("*.md")) == written
    assert again.stdout.strip() == ""  # nothing new published


def test_brief_prints_the_quarters_facts() -> None:
    result = runner.invoke(
        app,
        ["brief", "NVDA", "--quarter", "FY2026-Q2", "--fundamentals-dir", str(FUNDAMENTALS),
         "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["kind"] == "earnings" and data["quarter"]["fiscal_year"] == 2026
    shown = {f["id"]: f["display"] for f in data["facts"]}
    assert shown["NVDA.revenue.FY2026-Q2"] == "$46,743,000,000"


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["NVDA", "--quarter", "FY2036-Q2"], 2, "FY2009-Q2 .. FY2027-Q1"),
        (["NVDA", "--quarter", "2026Q9"], 2, "write it as FY2024-Q3"),
        (["XYZ", "--quarter", "FY2024-Q1"], 3, "no reported results for XYZ"),
        (["NVDA", "--quarters", "FY2026-Q2..FY2024-Q1"], 2, "before the first"),
        (["NVDA", "--quarter", "FY2026-Q2", "--week", "2025-08-08"], 2, "not both"),
    ],
)
def test_bad_input_is_one_line_and_its_code(
    tmp_path: Path, args: list[str], code: int, says: str
) -> None:
    result = runner.invoke(app, _draft(tmp_path, *args))
    assert result.exit_code == code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("writer: ") and says in lines[0]


def test_fundamentals_flags_need_a_quarter(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["draft", "RUT", "--week", "2025-08-08", "--fundamentals-dir", str(FUNDAMENTALS)]
    )
    assert result.exit_code == 2
    assert "go with --quarter" in result.output
