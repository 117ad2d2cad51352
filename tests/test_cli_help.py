"""What a new user reads first, as a real `writer` process prints it: the help as written,
flags shown as flags, a boolean word after a flag refused at once, and output to a pipe or a
file at full width (no truncated fact ids, no progress lines broken at 80 columns)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

WRITER = [sys.executable, "-c", "from writer.cli import main; main()"]
COMMANDS = ("brief", "fetch", "draft", "logs", "check")


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run(
        [*WRITER, *args], capture_output=True, text=True, env={**environ, **env}, check=False
    )


def test_help_prints_square_brackets_as_written() -> None:
    done = run("draft", "--help")
    assert done.returncode == 0, done.stderr
    assert "pip install 'writer[chart]'" in " ".join(done.stdout.split())


@pytest.mark.parametrize("command", COMMANDS)
def test_flags_are_shown_as_flags_not_as_bool_values(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0, done.stderr
    assert "bool" not in done.stdout
    assert "--help" in done.stdout


def test_draft_help_lists_offline_without_a_value() -> None:
    lines = run("draft", "--help").stdout.splitlines()
    offline = next(line for line in lines if line.strip().startswith("--offline"))
    assert offline.split()[1] == "deterministic"


@pytest.mark.parametrize("word", ["true", "False", "YES", "no"])
def test_a_boolean_word_after_a_flag_is_refused_before_any_work(
    word: str, synthetic: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    done = run(
        "draft", "RUT", "--week", "2025-08-08", "--offline", word,
        "--data-dir", str(synthetic), "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == (
        f"writer: --offline is a flag and takes no value: {word!r} would be read as a "
        f"symbol; drop {word!r}\n"
    )
    assert not out.exists()


def test_a_boolean_word_after_a_check_flag_names_a_file(tmp_path: Path) -> None:
    done = run("check", "--form", "true", str(tmp_path / "a.md"))
    assert done.returncode == 2
    assert done.stderr == (
        "writer: --form is a flag and takes no value: 'true' would be read as a file; drop 'true'\n"
    )


def test_a_boolean_word_elsewhere_is_still_an_argument(tmp_path: Path) -> None:
    # after a value-taking option or on its own, "true" is left to the command to judge
    done = run("check", "--week", "2025-08-08", "--ticker", "RUT", "true")
    assert done.returncode == 2
    assert "is a flag" not in done.stderr and "true" in done.stderr
