"""`writer check` refuses what the checker will not read, in one line (exit 2): text past the
checker's size or figure limits (tests/test_bounded_work.py), and anything that is not a
regular file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.extract import MAX_ARTICLE_CHARS, MAX_FIGURES
from writer.cli import app


@pytest.mark.parametrize("body", ["1, " * (MAX_FIGURES + 1), "x" * (MAX_ARTICLE_CHARS + 1)])
def test_writer_check_refuses_a_huge_file_in_one_line(
    tmp_path: Path, data_dir: Path, body: str
) -> None:
    huge = tmp_path / "huge.md"
    huge.write_text("Russell 2000 week of Aug 8, 2025: " + body)
    result = CliRunner().invoke(app, ["check", str(huge), "--data-dir", str(data_dir)])
    assert result.exit_code == 2, result.stdout
    assert result.stderr.startswith("writer: ") and result.stderr.count("\n") == 1
    assert "split it" in result.stderr


def test_writer_check_reads_only_regular_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)  # reading it would block forever
    result = CliRunner().invoke(
        app, ["check", str(fifo), "--ticker", "RUT", "--week", "2025-08-08"]
    )
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_not_an_article(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    result = CliRunner().invoke(app, ["check", device, "--ticker", "RUT", "--week", "2025-08-08"])
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr and result.stderr.count("\n") == 1
