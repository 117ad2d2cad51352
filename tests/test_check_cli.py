"""`writer check` in process: exit codes, exact output lines, data selection, brief reuse."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.brief import WeeklyIndexBrief
from factcheck.rules import BY_CODE
from writer.cli import app

from .conftest import CORPUS

runner = CliRunner()
GOOD = CORPUS / "rut-2025-08-08.md"
#: The Tuesday close of the RUT week of Aug 4-8 2025 is 2,225.67; we plant a typo.
TYPO = ("rose 0.60% to 2,225.67", "rose 0.60% to 2,225.76")


def invoke(*args: str, data_dir: Path | None = None, stdin: str | None = None) -> Any:
    extra = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return runner.invoke(app, ["check", *args, *extra], input=stdin)


def planted(tmp_path: Path) -> tuple[Path, int, int]:
    text = GOOD.read_text(encoding="utf-8")
    assert TYPO[0] in text
    bad = text.replace(*TYPO)
    path = tmp_path / "bad.md"
    path.write_text(bad, encoding="utf-8")
    offset = bad.index("2,225.76")
    line = bad.count("\n", 0, offset) + 1
    col = offset - (bad.rfind("\n", 0, offset) + 1) + 1
    return path, line, col


def test_correct_article_exits_0(data_dir: Path) -> None:
    result = invoke(str(GOOD), data_dir=data_dir)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        rf"{re.escape(str(GOOD))}: (\d+) claims, \1 verified, 0 errors, "
        r"0 warnings \(brief RUT 2025-08-04\.\.2025-08-10\)\n",
        result.stdout,
    )


def test_wrong_figure_exits_1_with_location_and_expected(data_dir: Path, tmp_path: Path) -> None:
    path, line, col = planted(tmp_path)
    result = invoke(str(path), data_dir=data_dir)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f'{path}:{line}:{col}: error: mismatch: found "2,225.76", expected '
        '"2,225.67" (Russell 2000 close Tue Aug 5 is 2,225.67) [F001]'
    )
    assert lines[1] == ("    The index rose 0.60% to »2,225.76«, its highest close of the week.")
    assert re.fullmatch(
        r".*: \d+ claims, \d+ verified, 1 errors, 0 warnings \(brief RUT "
        r"2025-08-04\.\.2025-08-10\)",
        lines[2],
    )


def test_github_annotations(data_dir: Path, tmp_path: Path) -> None:
    path, line, col = planted(tmp_path)
    result = invoke(str(path), "--format", "github", data_dir=data_dir)
    assert result.exit_code == 1
    assert result.stdout == (
        f"::error file={str(path).replace(':', '%3A')},line={line},endLine={line},"
        f"col={col},endColumn={col + len('2,225.76')},title=mismatch F001 figure-value::"
        'mismatch: found "2,225.76", expected "2,225.67" (Russell 2000 close Tue Aug 5 is '
        "2,225.67)\n"
    )


def test_json_lists_every_claim(data_dir: Path, tmp_path: Path) -> None:
    path, line, col = planted(tmp_path)
    result = invoke(str(GOOD), str(path), "--format", "json", data_dir=data_dir)
    assert result.exit_code == 1
    good, bad = json.loads(result.stdout)  # one object per file
    assert (good["ok"], bad["ok"], bad["errors"]) == (True, False, 1)
    assert len(good["claims"]) == len(bad["claims"]) >= 40
    keys = {
        "line",
        "col",
        "end_col",
        "text",
        "value",
        "kind",
        "status",
        "severity",
        "fact_id",
        "expected",
        "message",
        "sentence",
        "rule",
    }
    assert all(set(c) == keys for c in bad["claims"])
    (wrong,) = [c for c in bad["claims"] if c["status"] != "verified"]
    assert wrong["end_col"] == wrong["col"] + len(wrong["text"])
    # every claim names the rule that judged it, one the registry lists
    assert wrong["rule"] == "F001"
    assert {c["rule"] for c in good["claims"]} <= set(BY_CODE)
    assert (
        wrong["line"],
        wrong["col"],
        wrong["text"],
        wrong["value"],
        wrong["fact_id"],
        wrong["expected"],
        wrong["severity"],
    ) == (line, col, "2,225.76", "2225.76", "RUT.close.2025-08-05", "2,225.67", "error")
    friday = [c for c in good["claims"] if c["fact_id"] == "RUT.close.2025-08-08"]
    assert friday and friday[0]["text"] == "2,218.42"


def test_stdin_with_ticker_and_week(data_dir: Path) -> None:
    text = "The Russell 2000 closed Friday's session at 2,218.42, up 0.17% on the day.\n"
    result = invoke("-", "--ticker", "RUT", "--week", "2025-08-08", data_dir=data_dir, stdin=text)
    assert result.exit_code == 0
    assert result.stdout == (
        "-: 2 claims, 2 verified, 0 errors, 0 warnings (brief RUT 2025-08-04..2025-08-10)\n"
    )


def test_a_sidecar_brief_alone_is_trusted_only_with_trust_sidecar(
    rut: WeeklyIndexBrief, tmp_path: Path
) -> None:
    path = tmp_path / "recap.md"
    path.write_text("Small caps finished at 2,218.42 on Friday.\n", encoding="utf-8")
    (tmp_path / "recap.md.brief.json").write_text(rut.model_dump_json(), encoding="utf-8")
    refused = invoke(str(path))  # no market data: Yahoo cannot be reached from a test
    assert refused.exit_code == 3, refused.output
    assert refused.stderr.startswith(f"writer: {path}: no market data to check it against")
    result = invoke(str(path), "--trust-sidecar")
    assert result.exit_code == 0, result.output
    assert "trusted by --trust-sidecar" in result.stdout


def test_other_week_is_one_finding(data_dir: Path, tmp_path: Path) -> None:
    body = GOOD.read_text(encoding="utf-8").split("---", 2)[2]
    path = tmp_path / "noweek.md"
    path.write_text(body, encoding="utf-8")
    result = invoke(str(path), "--ticker", "RUT", "--week", "2025-08-15", data_dir=data_dir)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert re.fullmatch(
        rf"{re.escape(str(path))}:\d+:\d+: error: wrong_week: found "
        r'"Monday, Aug 4", expected "2025-08-11\.\.2025-08-17" \(the article '
        r"is about the week of Aug 4, 2025, .*\) \[D004\]",
        first,
    )
    assert result.stdout.count("wrong_week") == 1


def test_allow_unsupported_turns_errors_into_warnings(data_dir: Path) -> None:
    text = "The Russell 2000 closed at 2,218.42 on Friday; analysts see $0.45 per share.\n"
    args = ("-", "--ticker", "RUT", "--week", "2025-08-08")
    strict = invoke(*args, data_dir=data_dir, stdin=text)
    lenient = invoke(*args, "--allow-unsupported", data_dir=data_dir, stdin=text)
    assert (strict.exit_code, lenient.exit_code) == (1, 0)
    col = text.index("$0.45") + 1
    assert lenient.stdout.startswith(f'-:1:{col}: warning: unsupported: found "$0.45 per share"')


def test_missing_file_exits_2(data_dir: Path) -> None:
    result = invoke("nope.md", data_dir=data_dir)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "writer: nope.md: no such file\n",
    )


def test_malformed_front_matter_exits_2(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.md"
    path.write_text("---\nticker: [RUT\nweek: 2025-08-08\n---\nText.\n", encoding="utf-8")
    result = invoke(str(path), data_dir=data_dir)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"writer: {path}: front matter is not valid YAML")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_no_way_to_tell_the_week_exits_2(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "bare.md"
    path.write_text("The index closed at 2,218.42.\n", encoding="utf-8")
    result = invoke(str(path), data_dir=data_dir)
    assert result.exit_code == 2
    assert result.stderr == (
        f"writer: {path}: the article names no index and no date with its year to check "
        "against: name them in the text, add front matter (ticker:, week:), a sidecar "
        "bare.md.brief.json, or pass --ticker and --week\n"
    )


def test_stdin_without_week_does_not_suggest_a_sidecar() -> None:
    result = runner.invoke(app, ["check", "-"], input="The index closed at 2,218.42.\n")
    assert result.exit_code == 2
    assert result.stderr == (
        "writer: -: the article names no index and no date with its year to check "
        "against: name them in the text, add front matter (ticker:, week:), or pass "
        "--ticker and --week\n"
    )


def test_unavailable_data_exits_3(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke(str(GOOD), data_dir=empty)
    assert result.exit_code == 3
    assert result.stderr.startswith(f"writer: {GOOD}: no snapshot for ^RUT in ")


def test_bad_format_exits_2(data_dir: Path) -> None:
    result = invoke(str(GOOD), "--format", "xml", data_dir=data_dir)
    assert (result.exit_code, result.stderr) == (
        2,
        "writer: --format must be one of text, json, jsonl, github, sarif, rdjson, not 'xml'\n",
    )


def test_many_files_build_each_brief_once(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import writer.pipeline

    calls: list[tuple[str, str]] = []
    real: Callable[..., WeeklyIndexBrief] = writer.pipeline.weekly_brief

    def counting(
        symbol: str, day: Any, source: Any, peers: Any = None, as_of: Any = None
    ) -> WeeklyIndexBrief:
        calls.append((symbol, str(day)))
        return real(symbol, day, source, peers=peers, as_of=as_of)

    monkeypatch.setattr(writer.pipeline, "weekly_brief", counting)
    paths = []
    for i, week in enumerate(("2025-08-08", "2025-08-04", "2025-08-06")):
        text = GOOD.read_text(encoding="utf-8").replace("week: 2025-08-08", f"week: {week}")
        path = tmp_path / f"a{i}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    result = invoke(*paths, str(CORPUS / "spx-2025-04-11.md"), data_dir=data_dir)
    assert result.exit_code == 0, result.output
    assert calls == [("RUT", "2025-08-08"), ("SPX", "2025-04-11")]


def test_parallel_workers_give_the_same_output(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import writer.check_command

    path, _, _ = planted(tmp_path)
    files = [str(GOOD), str(path), str(CORPUS / "hsi-2024-10-04.md")]
    sequential = invoke(*files, "--format", "json", data_dir=data_dir)
    monkeypatch.setattr(writer.check_command, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    parallel = invoke(*files, "--format", "json", data_dir=data_dir)
    assert (parallel.exit_code, sequential.exit_code) == (1, 1)
    assert parallel.stdout == sequential.stdout


def test_many_distinct_briefs_are_built_in_workers(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import writer.check_command

    files = [str(p) for p in sorted(CORPUS.glob("*.md"))]
    path, _, _ = planted(tmp_path)
    files.append(str(path))
    sequential = invoke(*files, "--format", "json", data_dir=data_dir)
    monkeypatch.setattr(writer.check_command, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # 10 distinct briefs > 2 workers * 4
    parallel = invoke(*files, "--format", "json", data_dir=data_dir)
    assert (parallel.exit_code, sequential.exit_code) == (1, 1)
    assert parallel.stdout == sequential.stdout


def test_worker_failure_keeps_its_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import writer.check_command

    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setattr(writer.check_command, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    files = [str(p) for p in sorted(CORPUS.glob("*.md"))]
    result = invoke(*files, data_dir=empty)
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    # every file gets its own verdict, in the order given, naming what is missing
    assert [line.split(": ")[0] for line in lines[:-1]] == files
    assert all(re.search(r": error: no_data: no snapshot for \^", line) for line in lines[:-1])
    sequential = invoke(*files, data_dir=empty)
    monkeypatch.setattr(writer.check_command, "PARALLEL_MIN_FILES", 10_000)
    assert invoke(*files, data_dir=empty).stdout == sequential.stdout


def test_every_file_gets_a_verdict_and_the_exit_code_is_the_worst(
    data_dir: Path, tmp_path: Path
) -> None:
    bad, line, col = planted(tmp_path)
    unplaceable = tmp_path / "nothing.md"
    unplaceable.write_text("Stocks did things this week.\n", encoding="utf-8")
    missing = tmp_path / "missing.md"
    result = invoke(str(GOOD), str(unplaceable), str(bad), str(missing), "--format", "json",
                    data_dir=data_dir)  # fmt: skip
    assert result.exit_code == 2  # unreadable input is worse than a wrong figure
    reports = json.loads(result.stdout)
    assert [r["file"] for r in reports] == [str(GOOD), str(unplaceable), str(bad), str(missing)]
    assert [r["ok"] for r in reports] == [True, False, False, False]
    assert reports[1]["claims"][0]["status"] == "unreadable"
    assert "names no index" in reports[1]["claims"][0]["message"]
    assert reports[3]["claims"][0]["message"] == "no such file"
    wrong = [c for c in reports[2]["claims"] if c["severity"] == "error"]
    assert [(c["line"], c["col"]) for c in wrong] == [(line, col)]
    only_wrong = invoke(str(GOOD), str(bad), data_dir=data_dir)
    assert only_wrong.exit_code == 1


@pytest.mark.parametrize(
    "shape",
    ["bom", "crlf", "bom+crlf", "toml"],
)
def test_byte_order_marks_windows_lines_and_toml_front_matter_are_read(
    data_dir: Path, tmp_path: Path, shape: str
) -> None:
    text = GOOD.read_text(encoding="utf-8")
    if shape == "toml":
        head, body = text.removeprefix("---\n").split("\n---\n", 1)
        meta = yaml.safe_load(head)
        toml = "".join(f'{k} = "{v}"\n' for k, v in meta.items())
        text = f"+++\n{toml}+++\n{body}"
    if "crlf" in shape:
        text = text.replace("\n", "\r\n")
    if "bom" in shape:
        text = "\ufeff" + text
    path = tmp_path / "recap.md"
    path.write_bytes(text.encode("utf-8"))
    result = invoke(str(path), data_dir=data_dir)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings (brief RUT 2025-08-04..2025-08-10)" in result.stdout
    # positions still count the file as written: a wrong figure is found where it is
    bad = text.replace(*TYPO)
    path.write_bytes(bad.encode("utf-8"))
    wrong = invoke(str(path), "--format", "json", data_dir=data_dir)
    claims = [c for c in json.loads(wrong.stdout)[0]["claims"] if c["severity"] == "error"]
    plain = bad.removeprefix("\ufeff").replace("\r\n", "\n")
    offset = plain.index("2,225.76")
    assert [(c["line"], c["col"]) for c in claims] == [
        (plain.count("\n", 0, offset) + 1, offset - plain.rfind("\n", 0, offset))
    ]


def test_unknown_ticker_in_front_matter_names_the_file(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "odd.md"
    path.write_text("---\nticker: RUTX!\nweek: 2025-08-08\n---\nText.\n", encoding="utf-8")
    result = invoke(str(path), data_dir=data_dir)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"writer: {path}: unknown symbol 'RUTX!'")


def test_article_without_front_matter_or_flags_is_placed_from_its_text(
    data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "wire.md"
    path.write_text(
        "NEW YORK, Aug 8, 2025 - The Russell 2000 rose 2.38% this week and closed at "
        "2,218.42 on Friday, while the Dow Jones Industrial Average gained 1.35%.\n",
        encoding="utf-8",
    )
    result = invoke(str(path), "--format", "json", data_dir=data_dir)
    (report,) = json.loads(result.stdout)
    assert report["brief"] == "RUT 2025-08-04..2025-08-10"
    by_text = {c["text"]: c for c in report["claims"]}
    assert by_text["2.38%"]["status"] == "verified"
    assert by_text["2,218.42"]["status"] == "verified"
    # the Dow is checked against the Dow's own week, not the subject's
    assert by_text["1.35%"]["fact_id"].startswith("DJI.")


def test_version() -> None:
    from importlib import metadata

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"writer {metadata.version('writer')}\n"
