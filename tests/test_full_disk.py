"""A full disk, for real: a small tmpfs mounted for the test (as root; skipped elsewhere).
`writer draft` refuses before it works when the set cannot fit, a batch stops starting
articles at the first one that could not be written, and nothing half-written or staged is
left behind (issue 26, item 3)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.llm_server import LLMServer, Reply

WRITER = Path(sys.executable).with_name("writer")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 400 KiB filesystem: room for about three offline articles (105 KiB a set)."""
    mount = shutil.which("mount")
    if os.geteuid() != 0 or mount is None:
        pytest.skip("mounting a tmpfs needs root")
    where = tmp_path / "disk"
    where.mkdir()
    done = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(where)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], capture_output=True)


def draft(data_dir: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(WRITER), "draft", *args, "--offline", "--no-chart",
         "--data-dir", str(data_dir), "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_a_batch_stops_at_the_first_full_disk_and_leaves_whole_articles(
    small_disk: Path, data_dir: Path
) -> None:
    out = small_disk / "articles"
    done = draft(data_dir, out, "RUT", "SPX", "--weeks", "2025-01-03..2025-06-27")
    assert done.returncode == 2, done.stderr[-2000:]
    assert "no space left in" in done.stderr and "nothing was replaced" in done.stderr
    published = [Path(p) for p in done.stdout.split()]
    assert 1 <= len(published) <= 4
    not_started = done.stderr.count("not started (an earlier article found no space left")
    failed = done.stderr.count(": failed (no space left in")
    assert failed >= 1 and not_started >= 40  # 52 articles: the rest are never drafted
    names = {p.name for p in out.iterdir()}
    assert not [n for n in names if n.startswith(".")], names  # no staging, no temp files
    for article in published:  # each published set is whole
        stem = article.name.removesuffix(".md")
        assert {f"{stem}.md", f"{stem}.brief.json", f"{stem}.check.json"} <= names
        assert article.read_text().endswith("\n")


def test_a_draft_that_cannot_fit_is_refused_before_any_work(
    small_disk: Path, data_dir: Path
) -> None:
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * (360 * 1024))  # 40 KiB left: less than one set
    out = small_disk / "articles"
    done = draft(data_dir, out, "RUT", "--week", "2025-08-08")
    assert done.returncode == 2
    assert done.stderr.startswith("writer: no space left in ") and done.stderr.count("\n") == 1
    assert "KiB free, about" in done.stderr
    assert not out.exists() or not any(out.iterdir())


def test_a_rejected_draft_is_kept_alone_when_its_report_no_longer_fits(
    small_disk: Path, data_dir: Path, server: LLMServer
) -> None:
    """The disk fills while the model answers (after the check before paying): the draft is
    rejected (a figure wrong, one attempt), its full set no longer fits, and the rejected
    draft alone is kept as the evidence; the message says so and where the replies are."""
    from typer.testing import CliRunner

    from writer.cli import app
    from writer.genres.weekly_index.offline import draft_offline
    from writer.pipeline import open_source, weekly_brief

    text = draft_offline(weekly_brief("RUT", dt.date(2025, 8, 8), open_source(data_dir)))
    assert "2,218.42" in text
    wrong = text.replace("2,218.42", "2,281.42")
    filler = small_disk / "filler"

    def fill_then_answer(body: dict[str, object]) -> Reply:
        stats = os.statvfs(small_disk)
        filler.write_bytes(b"\0" * (stats.f_bavail * stats.f_frsize - 40 * 1024))
        return Reply(text=wrong)

    server.responder = fill_then_answer
    out = small_disk / "articles"
    result = CliRunner().invoke(
        app,
        ["draft", "RUT", "--week", "2025-08-08", "--max-attempts", "1", "--no-chart",
         "--quiet", "--data-dir", str(data_dir), "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "only (no space left for its report)" in result.stderr
    kept = out / "rut-2025-08-08.rejected.md"
    assert kept.read_text(encoding="utf-8").endswith(wrong)
    assert sorted(p.name for p in out.iterdir()) == ["rut-2025-08-08.rejected.md"]
