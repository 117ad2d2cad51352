"""`writer check DIR`, as a real process: the Markdown files under the folder, sorted,
without rejected drafts or hidden folders; a folder without any is a usage error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import CORPUS

WRITER = [sys.executable, "-c", "from writer.cli import main; main()"]
GOOD = CORPUS / "rut-2025-08-08.md"


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*WRITER, "check", *args], capture_output=True, text=True, cwd=cwd,
        env=os.environ.copy(), check=False,
    )  # fmt: skip


def test_a_folder_checks_its_markdown_files_in_order(data_dir: Path, tmp_path: Path) -> None:
    good = GOOD.read_text(encoding="utf-8")
    wrong = good.replace("rose 0.60% to 2,225.67", "rose 0.60% to 2,225.76")
    for name, text in {
        "arts/b/rut.md": good,
        "arts/a.md": wrong,
        "arts/c.markdown": good,
        "arts/a.rejected.md": wrong,
        "arts/.staging/a.md": wrong,
        "arts/.hidden.md": wrong,
        "arts/notes.txt": "not an article",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = check("arts", "--format", "jsonl", "--data-dir", str(data_dir), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    reports = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["file"], r["ok"]) for r in reports] == [
        ("arts/a.md", False),
        ("arts/b/rut.md", True),
        ("arts/c.markdown", True),
    ]


def test_a_folder_of_good_articles_exits_0(data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "arts").mkdir()
    (tmp_path / "arts" / "rut.md").write_text(GOOD.read_text(encoding="utf-8"))
    done = check("arts", "--data-dir", str(data_dir), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        "arts/rut.md: 53 claims, 53 verified, 0 errors"
    )  # "its first weekly gain" read since the leads are derived


def test_a_folder_without_markdown_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "x.rejected.md").write_text("# rejected")
    done = check("drafts", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (
        2,
        "writer: drafts: a folder with no Markdown files (*.md) under it; name the articles "
        "to check, or the folder that holds them\n",
    )
