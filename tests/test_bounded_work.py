"""No input makes the checker's work unbounded: long runs are cut into sentences of bounded
length, and text past the size or figure limits is refused with one line (exit 2).  Timing
lives in bench/adversarial.py; these tests assert the bounds that make the work linear."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.errors import TooLarge
from factcheck.extract import MAX_ARTICLE_CHARS, MAX_FIGURES, MAX_SENTENCE, parse
from writer.cli import app


def test_a_run_without_full_stops_is_read_as_bounded_sentences() -> None:
    unit = "on Monday the index rose 1.25% to 2,214.72 and on Tuesday fell 0.4%, "
    doc = parse(unit * 300)  # ~21 KB, one "sentence"
    assert len(doc.sentences) > 1
    assert max(s.end - s.start for s in doc.sentences) <= MAX_SENTENCE
    # every figure is still found, none is cut in half
    assert sum(len(s.figures) for s in doc.sentences) == 3 * 300


def test_every_finding_quotes_a_bounded_sentence(rut: WeeklyIndexBrief) -> None:
    report = check_text("The index rose 9.99% on Monday, " * 400, rut, strict=False)
    assert report.claims and max(len(c.sentence) for c in report.claims) <= MAX_SENTENCE


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("a" * (MAX_ARTICLE_CHARS + 1), "characters; the checker reads at most"),
        ("1, " * (MAX_FIGURES + 1), f"more than {MAX_FIGURES:,} figures"),
    ],
    ids=["size", "figures"],
)
def test_text_past_the_limits_is_refused(rut: WeeklyIndexBrief, text: str, says: str) -> None:
    with pytest.raises(TooLarge, match=says):
        check_text(text, rut)


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
