"""What a new user reads first, as a real `writer` process prints it: the help as written,
flags shown as flags, a boolean word after a flag refused at once, and output to a pipe or a
file at full width (no truncated fact ids, no progress lines broken at 80 columns)."""

from __future__ import annotations

import os
import subprocess
import sys

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
