"""The report contract and the formats publishers' tools read: the JSON Schema that every
json/jsonl report and every `.check.json` sidecar validates against, SARIF 2.1.0 checked
against the official OASIS schema, reviewdog's rdjson, GitHub annotations capped per file,
and output streamed in file order for an archive of many files."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.render import (
    FORMATS,
    GITHUB_ANNOTATIONS_PER_FILE,
    SCHEMA_VERSION,
    render,
    report_dict,
    report_from_dict,
    report_schema,
)
from factcheck.report import CheckReport
from factcheck.rules import BY_CODE, RULES
from writer.cli import app

from .conftest import CORPUS

jsonschema = pytest.importorskip("jsonschema")

runner = CliRunner()
GOOD = CORPUS / "rut-2025-08-08.md"
SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
#: Tuesday's close of the RUT week of Aug 4-8 2025 is 2,225.67; the planted typo
TYPO = ("rose 0.60% to 2,225.67", "rose 0.60% to 2,225.76")


def check(*args: str, data_dir: Path) -> Any:
    return runner.invoke(app, ["check", *args, "--data-dir", str(data_dir)])


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """A good article, one with a wrong figure, one that is no article (form findings with
    --form) and one that cannot be placed in any week."""
    text = GOOD.read_text(encoding="utf-8")
    assert TYPO[0] in text
    paths = {
        "good": GOOD,
        "bad": tmp_path / "bad recap.md",  # a space: SARIF wants it escaped in the URI
        "unplaceable": tmp_path / "nothing.md",
    }
    paths["bad"].write_text(text.replace(*TYPO), encoding="utf-8")
    paths["unplaceable"].write_text("Stocks did things this week.\n", encoding="utf-8")
    return paths


def report_validator() -> Any:
    schema = json.loads(report_schema())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_schema_printed_is_the_one_shipped_and_a_valid_schema(data_dir: Path) -> None:
    result = runner.invoke(app, ["check", "--schema"])
    assert result.exit_code == 0
    assert result.stdout == report_schema()
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$defs"]["report"]["properties"]["schema_version"]["const"] == SCHEMA_VERSION


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_every_report_validates_and_round_trips(
    data_dir: Path, files: dict[str, Path], fmt: str
) -> None:
    result = check(*map(str, files.values()), "--format", fmt, "--form", data_dir=data_dir)
    assert result.exit_code == 2, result.stdout  # the unplaceable file is the worst outcome
    if fmt == "json":
        reports = json.loads(result.stdout)
    else:
        reports = [json.loads(line) for line in result.stdout.splitlines()]
    validator = report_validator()
    validator.validate(reports)
    for data in reports:
        validator.validate(data)
        assert data["schema_version"] == SCHEMA_VERSION
        assert report_dict(report_from_dict(data)) == data
    assert [r["file"] for r in reports] == [str(p) for p in files.values()]
    # the schema would catch a renamed field: it is not a rubber stamp
    broken = dict(reports[0], claims=[dict(reports[0]["claims"][0], col="12")])
    assert not validator.is_valid(broken)


def test_the_draft_sidecar_has_the_same_shape(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "articles"
    args = ["draft", "RUT", "--week", "2025-08-08", "--data-dir", str(data_dir)]
    result = runner.invoke(app, [*args, "--out", str(out), "--offline", "--quiet"])
    assert result.exit_code == 0, result.stderr
    sidecar = json.loads((out / "rut-2025-08-08.check.json").read_text(encoding="utf-8"))
    report_validator().validate(sidecar)
    again = check(str(out / "rut-2025-08-08.md"), "--format", "jsonl", data_dir=data_dir)
    (checked,) = [json.loads(line) for line in again.stdout.splitlines()]
    assert set(checked) == set(sidecar)
    assert [c["text"] for c in checked["claims"]] == [c["text"] for c in sidecar["claims"]]


def test_sarif_is_valid_sarif_2_1_0_and_points_at_each_figure(
    data_dir: Path, files: dict[str, Path]
) -> None:
    result = check(*map(str, files.values()), "--format", "sarif", "--form", data_dir=data_dir)
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    (run,) = log["runs"]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(rules) == len(set(rules))
    assert rules == [r.code for r in RULES]  # the whole registry, each with its doc
    for descriptor in run["tool"]["driver"]["rules"]:
        assert BY_CODE[descriptor["id"]].doc == descriptor["fullDescription"]["text"]
    results = run["results"]
    assert results, "the wrong figure and the unplaceable file are results"
    for r in results:
        assert rules[r["ruleIndex"]] == r["ruleId"]
    bad_text = files["bad"].read_text(encoding="utf-8")
    (wrong,) = [r for r in results if r["properties"]["status"] == "mismatch"]
    assert wrong["ruleId"] == "F001"  # a close a few points off: the figure-value rule
    region = wrong["locations"][0]["physicalLocation"]["region"]
    line = bad_text.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "2,225.76"
    assert '"2,225.67"' in wrong["message"]["text"]  # the expected value, in the message
    assert wrong["level"] == "error"
    assert wrong["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "bad%20recap.md"
    )
    (unreadable,) = [r for r in results if r["ruleId"] == "I001"]
    assert "region" not in unreadable["locations"][0]["physicalLocation"]
    # a correct article alone is a valid log with no results
    clean = json.loads(check(str(GOOD), "--format", "sarif", data_dir=data_dir).stdout)
    jsonschema.Draft4Validator(schema).validate(clean)
    assert clean["runs"][0]["results"] == []


def test_rdjson_gives_reviewdog_each_finding_and_the_fix(
    data_dir: Path, files: dict[str, Path]
) -> None:
    result = check(str(files["bad"]), "--format", "rdjson", data_dir=data_dir)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["source"]["name"] == "writer"
    (diagnostic,) = data["diagnostics"]
    assert diagnostic["severity"] == "ERROR" and diagnostic["code"]["value"] == "F001"
    assert diagnostic["location"]["path"] == str(files["bad"])
    span = diagnostic["location"]["range"]
    line = files["bad"].read_text(encoding="utf-8").splitlines()[span["start"]["line"] - 1]
    assert line[span["start"]["column"] - 1 : span["end"]["column"] - 1] == "2,225.76"
    (fix,) = diagnostic["suggestions"]
    assert fix == {"range": span, "text": "2,225.67"}


def test_github_annotations_stop_at_ten_per_file_and_say_how_many_more(
    data_dir: Path, tmp_path: Path
) -> None:
    """GitHub shows 10 annotations of a step: an article with 15 wrong closes gets 10 and
    one notice that names the 5 it did not annotate."""
    text = GOOD.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    closes = "\n\n".join(
        f"The Russell 2000 closed at {2000 + n}.{n:02d} on Friday." for n in range(15)
    )
    path = tmp_path / "many.md"
    path.write_text(text.replace(body, body + "\n" + closes + "\n"), encoding="utf-8")
    result = check(str(path), "--format", "github", data_dir=data_dir)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    annotations = [x for x in lines if x.startswith(("::error", "::warning"))]
    assert len(annotations) == GITHUB_ANNOTATIONS_PER_FILE
    assert all(",endColumn=" in x for x in annotations)
    (notice,) = [x for x in lines if x.startswith("::notice")]
    full = check(str(path), "--format", "jsonl", data_dir=data_dir)
    (report,) = [json.loads(x) for x in full.stdout.splitlines()]
    unshown = sum(c["status"] != "verified" for c in report["claims"]) - 10
    assert unshown >= 5
    assert f"::{unshown} more findings in this file not annotated" in notice


def test_twenty_files_three_broken_get_twenty_verdicts(data_dir: Path, tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8")
    names = []
    for n in range(20):
        path = tmp_path / f"recap-{n:02d}.md"
        if n == 4:
            path.write_text(text.replace(*TYPO), encoding="utf-8")  # a wrong figure
        elif n == 9:
            path.write_bytes(b"\xff\xfe not utf-8 \x00")  # unreadable
        elif n == 15:
            path.write_text("---\nticker: [unclosed\n---\nText.\n", encoding="utf-8")  # bad YAML
        else:
            path.write_text(text, encoding="utf-8")
        names.append(str(path))
    result = check(*names, "--format", "jsonl", data_dir=data_dir)
    assert result.exit_code == 2  # unreadable input is the worst of the outcomes
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["file"] for r in reports] == names
    assert [n for n, r in enumerate(reports) if not r["ok"]] == [4, 9, 15]
    assert {reports[9]["claims"][0]["status"], reports[15]["claims"][0]["status"]} == {"unreadable"}
    text_out = check(*names, data_dir=data_dir)
    assert text_out.stdout.splitlines()[-1] == "20 files: 3 errors, 0 warnings"


def test_streamed_output_is_the_whole_render_in_file_order(
    data_dir: Path, files: dict[str, Path]
) -> None:
    """What `writer check` writes piece by piece is exactly `render` of all the reports."""
    from writer.check_command import run_check

    names = [str(p) for p in files.values()]
    for fmt in FORMATS:
        stream = io.StringIO()
        left, code = run_check(
            names, ticker=None, week=None, data_dir=data_dir, allow_unsupported=False,
            fmt=fmt, out=stream,
        )  # fmt: skip
        assert left == "" and code == 2
        whole, again = run_check(
            names, ticker=None, week=None, data_dir=data_dir, allow_unsupported=False, fmt=fmt
        )
        assert whole == stream.getvalue() and again == code
        if fmt in ("json", "jsonl"):
            rows = (
                json.loads(whole)
                if fmt == "json"
                else list(map(json.loads, whole.split("\n")[:-1]))
            )
            reports: list[CheckReport] = [report_from_dict(r) for r in rows]
            assert render(reports, fmt) == whole


def test_an_archive_cycling_through_weeks_is_written_with_little_held(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files that cycle through many weeks finish brief by brief in the workers; past
    MAX_HELD_REPORTS waiting, the held reports are written at once (memory stays flat) and
    still every file is reported exactly once, in valid JSON."""
    import os

    import writer.check_command

    corpus = sorted(CORPUS.glob("*.md"))
    names = []
    for n in range(3):  # the corpus three times over: each brief's files far apart
        for path in corpus:
            copy = tmp_path / f"{n}-{path.name}"
            copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
            names.append(str(copy))
    monkeypatch.setattr(writer.check_command, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(writer.check_command, "MAX_HELD_REPORTS", 3)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    result = check(*names, "--format", "json", data_dir=data_dir)
    assert result.exit_code == 0, result.stdout[-500:]
    reports = json.loads(result.stdout)
    assert sorted(r["file"] for r in reports) == sorted(names)
    assert [r["file"] for r in reports] != names  # the order gave way
    report_validator().validate(reports)
