"""The rule registry walked: every rule has a doc and a fixture that it honours.

Each `tests/rules/CODE.md` (format: tests/rules/README.md) is checked against a committed
brief, so these tests need the checker alone (pydantic, PyYAML), not writer, pandas or the
market data; the input rules' fixtures go through the `writer check` command and skip where
writer is not installed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.brief import Brief
from factcheck.check import check_text
from factcheck.form import LAST as FORM_LAST
from factcheck.form import RULES as FORM_RULES
from factcheck.form import FormRules, with_form
from factcheck.genres import GENRES, form_findings
from factcheck.report import CheckReport, Claim, Severity, Status
from factcheck.rules import BY_CODE, FAMILIES, FORM, RULES, Rule, listing, markdown

from .briefs import Key
from .briefs import load as load_brief
from .earnings_briefs import BY_NAME as EARNINGS_BRIEFS
from .realstyle.answers import Mark, strip_marks

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "rules"
SHARED_DATA = ROOT.parent / "shared" / "marketdata"

_HEADER_RE = re.compile(r"\A<!-- fixture\n(?P<yaml>.*?)\n-->\n", re.S)
_ERRORS = frozenset(
    {
        Status.MISMATCH,
        Status.MISATTRIBUTED,
        Status.CONTRADICTED,
        Status.WRONG_WEEK,
        Status.NOT_AN_ARTICLE,
    }
)


@dataclass(frozen=True)
class Fixture:
    rule: Rule
    meta: dict[str, Any]
    text: str  # the article, header and marks stripped
    marks: tuple[Mark, ...]


def load(code: str) -> Fixture:
    raw = (FIXTURES / f"{code}.md").read_text(encoding="utf-8")
    header = _HEADER_RE.match(raw)
    assert header is not None, f"{code}.md must open with a `<!-- fixture ... -->` header"
    meta = yaml.safe_load(header.group("yaml")) or {}
    text, marks = strip_marks(raw[header.end() :])
    return Fixture(BY_CODE[code], meta, text, marks)


def brief(name: str) -> Brief:
    """A committed brief (tests/briefs) by its file name: `RUT-2025-08-08`; or an earnings
    brief built by hand from real figures (tests/earnings_briefs.py): `AAPL-FY2024-Q3`."""
    if name in EARNINGS_BRIEFS:
        return EARNINGS_BRIEFS[name]()
    key = Key.from_stem(name)
    return load_brief(key.symbol, key.day, *key.named, as_of=key.as_of)


def report_of(fx: Fixture) -> CheckReport:
    b = brief(fx.meta["brief"])
    report = check_text(fx.text, b, strict=fx.meta.get("strict", True))
    if "form" in fx.meta:
        rules = FormRules(**{k: _tupled(v) for k, v in (fx.meta["form"] or {}).items()})
        report = with_form(report, form_findings(fx.text, b, report, rules))
    return report


def _tupled(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _span(starts: list[int], c: Claim) -> tuple[int, int]:
    start = starts[c.line - 1] + c.col - 1
    return start, start + max(len(c.text), 1)


def _outcome(c: Claim) -> str:
    if c.status is Status.VERIFIED:
        return "ok"
    if c.status is Status.UNSUPPORTED:
        return "na"
    return "wrong" if c.status in _ERRORS and c.severity is Severity.ERROR else "?"


FIGURE_RULES = [r.code for r in RULES if r.family != "input"]
INPUT_RULES = [r.code for r in RULES if r.family == "input"]


# --- the registry itself ---------------------------------------------------------------------


def test_codes_and_names_are_unique_and_well_formed() -> None:
    assert len({r.code for r in RULES}) == len(RULES) == len(BY_CODE)
    assert len({r.name for r in RULES}) == len(RULES)
    letters = {"figure": "F", "date": "D", "phrase": "P", "streak": "S", "form": "A", "input": "I"}
    assert set(letters) == set(FAMILIES)
    for r in RULES:
        assert re.fullmatch(r"[A-Z]\d{3}", r.code), r.code
        assert r.code[0] == letters[r.family], r.code
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", r.name), r.name
        assert r.summary and not r.summary.endswith("."), r.code
        assert len(r.doc.split()) >= 15, f"{r.code}: a doc says what it reads and reports"


def test_every_form_rule_is_registered_and_every_registered_form_rule_runs() -> None:
    """The shared form rules, the last one, and every genre's own (its lede)."""
    rows = [*FORM_RULES, *FORM_LAST, *(r for g in GENRES.values() for r in g.form_rules)]
    names = {name.replace("_", "-") for name, _, _ in rows}  # each genre has a "lede"
    assert sorted(names) == sorted(FORM)


def test_every_rule_is_made_somewhere_in_the_code() -> None:
    """A registered rule that no code makes is documentation of nothing."""
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for folder in ("factcheck", "writer")
        for p in (ROOT / folder).rglob("*.py")
        if p.name != "rules.py"
    )
    constants = re.findall(r"^([A-Z_0-9]+): Final = _rule\(", _rules_source(), re.M)
    assert len(constants) + len(FORM) == len(RULES)
    for name in constants:
        assert re.search(rf"\b{name}\b", code), f"{name} is made nowhere"


def _rules_source() -> str:
    return (ROOT / "factcheck" / "rules.py").read_text(encoding="utf-8")


def test_rules_page_is_the_registry() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == listing("markdown") == markdown(), (
        "regenerate: writer check --list-rules --format markdown > docs/rules.md"
    )


def test_every_rule_has_a_fixture_and_every_fixture_a_rule() -> None:
    fixtures = {p.stem for p in FIXTURES.glob("*.md")} - {"README"}
    assert fixtures == set(BY_CODE)


# --- the fixtures ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", FIGURE_RULES)
def test_fixture_is_judged_by_its_rule(code: str) -> None:
    fx = load(code)
    report = report_of(fx)
    starts = [0] + [i + 1 for i, ch in enumerate(fx.text) if ch == "\n"]
    mine = [(c, _span(starts, c)) for c in report.claims if c.rule == code]
    assert all(c.rule in BY_CODE for c in report.claims), "a claim with an unknown rule"
    for mark in fx.marks:
        over = [c for c, (a, b) in mine if a < mark.end and mark.start < b]
        assert over, f"{code}: nothing of {code} judged {mark.text!r}"
        outcomes = {_outcome(c) for c in over}
        assert outcomes == {mark.verdict}, (
            f"{code}: {mark.text!r} wants {mark.verdict}, got "
            + "; ".join(f"{c.status.value}: {c.message}" for c in over)
        )
        if mark.hint:
            assert any(mark.hint.lower() in c.message.lower() for c in over), (
                f"{code}: the message on {mark.text!r} should say {mark.hint!r}: "
                + "; ".join(c.message for c in over)
            )
    findings = [(c, span) for c, span in mine if c.status is not Status.VERIFIED]
    if "findings" in fx.meta:
        assert len(findings) == fx.meta["findings"], [c.message for c, _ in findings]
    else:
        unmarked = [
            c
            for c, (a, b) in findings
            if not any(m.start < b and a < m.end and m.verdict != "ok" for m in fx.marks)
        ]
        assert not unmarked, f"{code}: findings on no wrong/na mark: " + "; ".join(
            f"{c.text!r} {c.message}" for c in unmarked
        )
    assert findings, f"{code}: a fixture shows what its rule catches"


# --- the input rules, through the command ------------------------------------------------------


@pytest.mark.parametrize("code", INPUT_RULES)
def test_input_fixture_gives_its_finding(code: str, tmp_path: Path) -> None:
    pytest.importorskip("writer.cli", reason="the input rules are writer check's")
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/marketdata is not here")
    fx = load(code)
    article = tmp_path / f"{code}.md"
    article.write_text(fx.text, encoding="utf-8")
    for name, source in (fx.meta.get("beside") or {}).items():
        # a file next to the article: a committed brief, with the edits the fixture names
        data = json.loads(Key.from_stem(source["brief"]).path.read_text("utf-8"))
        for fact in data["facts"]:
            if fact["id"] in source.get("set", {}):
                fact["value"], fact["display"] = source["set"][fact["id"]]
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    other = ROOT / "tests" / "corpus" / "rut-2025-08-08.md"
    writer = [sys.executable, "-c", "from writer.cli import main; main()", "check"]
    options = ["--format", "json", "--data-dir", str(SHARED_DATA)]
    done = subprocess.run(
        [*writer, str(article), str(other), *options],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    reports = {r["file"]: r for r in json.loads(done.stdout)}
    mine = [c for c in reports[str(article)]["claims"] if c["rule"] == code]
    assert len(mine) == fx.meta["findings"], reports[str(article)]["claims"]
    assert all(c["status"] != "verified" and c["severity"] == "error" for c in mine)
    assert reports[str(other)]["ok"], "the other file of the run is still checked"


def test_every_phrase_rule_has_its_kinds_of_phrasing() -> None:
    """The phrase judges are rows (`qualitative.PHRASE_KINDS`: a scan, a judge, a rule):
    every phrase rule of the registry has at least one, and every row names one."""
    from factcheck.earnings.phrases import PHRASE_RULES as EARNINGS_PHRASES
    from factcheck.qualitative import PHRASE_KINDS

    phrase_rules = {r.code for r in RULES if r.family == "phrase"}
    index = {kind.rule.code for kind in PHRASE_KINDS}
    assert index | {r.code for r in EARNINGS_PHRASES} == phrase_rules
