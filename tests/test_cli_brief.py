"""`writer brief` and `writer fetch` in-process: exit codes and the exact error lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from writer.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_brief_json_has_the_weekly_figures(shared_data: Path) -> None:
    code, out, _ = run(
        "brief", "RUT", "--week", "2025-08-08", "--data-dir", str(shared_data), "--format", "json"
    )
    assert code == 0
    facts = {f["id"]: f["display"] for f in json.loads(out)["facts"]}
    assert facts["RUT.week.change_pct"] == "+2.38%"
    assert facts["RUT.52w.low"] == "1,732.99" and facts["RUT.52w.high"] == "2,466.49"


def test_brief_table_for_people(shared_data: Path) -> None:
    code, out, _ = run("brief", "HSI", "--week", "2025-08-08", "--data-dir", str(shared_data))
    assert code == 0
    assert "Hang Seng (HSI) week Aug 4 - Aug 8, 2025: 5 sessions" in out
    assert "24,858.82" in out


def test_unknown_symbol_exit_2_with_suggestion(shared_data: Path) -> None:
    code, _, err = run("brief", "RUTT", "--week", "2025-08-08", "--data-dir", str(shared_data))
    assert code == 2
    assert err == "writer: unknown symbol 'RUTT': did you mean RUT?\n"


def test_bad_date_exit_2() -> None:
    code, _, err = run("brief", "RUT", "--week", "2025-13-01")
    assert (code, err) == (2, "writer: bad date '2025-13-01': use YYYY-MM-DD, e.g. 2025-08-08\n")


def test_week_with_no_sessions_exit_2(shared_data: Path) -> None:
    code, _, err = run("brief", "N225", "--week", "2019-05-01", "--data-dir", str(shared_data))
    assert code == 2
    assert err.startswith("writer: XTKS had no trading sessions in the week 2019-04-29")


def test_missing_snapshot_for_known_index_exit_3(shared_data: Path) -> None:
    code, _, err = run("brief", "N225", "--week", "2025-08-08", "--data-dir", str(shared_data))
    assert code == 3
    assert err.startswith("writer: no snapshot for ^N225 in ")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_bad_format_exit_2(shared_data: Path) -> None:
    code, _, err = run("brief", "RUT", "--week", "2025-08-08", "--format", "xml")
    assert (code, err) == (2, "writer: --format must be table or json, not 'xml'\n")


def test_fetch_exports_snapshots_that_read_back(synthetic: Path, tmp_path: Path) -> None:
    out = tmp_path / "snap"
    code, stdout, _ = run(
        "fetch",
        "RUT",
        "HSI",
        "--start",
        "2025-08-01",
        "--end",
        "2025-08-08",
        "--to-dir",
        str(out),
        "--data-dir",
        str(synthetic),
    )
    assert code == 0
    assert stdout.splitlines()[0] == f"^RUT: 6 sessions 2025-08-01 .. 2025-08-08 -> {out}/RUT.csv"
    original = (synthetic / "RUT.csv").read_text().splitlines()
    exported = (out / "RUT.csv").read_text().splitlines()
    assert exported[0] == original[0]
    assert exported[1:] == [line for line in original if "2025-08-01" <= line[:10] <= "2025-08-08"]


@pytest.mark.parametrize("command", ["brief", "fetch"])
def test_every_command_has_help(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "--data-dir" in out
