"""SARIF from `writer check` names files relative to their repository's root, so GitHub code
scanning can map them, however the path was given (absolute, or from a subfolder); run as a
real process from different folders, and validated against the SARIF 2.1.0 schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import CORPUS

jsonschema = pytest.importorskip("jsonschema")

WRITER = [sys.executable, "-c", "from writer.cli import main; main()"]
SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
TYPO = ("rose 0.60% to 2,225.67", "rose 0.60% to 2,225.76")


def sarif(name: str, data_dir: Path, cwd: Path) -> dict[str, Any]:
    done = subprocess.run(
        [*WRITER, "check", name, "--format", "sarif", "--data-dir", str(data_dir)],
        capture_output=True, text=True, cwd=cwd, env=os.environ.copy(), check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    log: dict[str, Any] = json.loads(done.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    return log


def wrong_article(folder: Path) -> Path:
    path = folder / "articles" / "bad recap.md"
    path.parent.mkdir(parents=True)
    path.write_text((CORPUS / "rut-2025-08-08.md").read_text().replace(*TYPO), encoding="utf-8")
    return path


def where(log: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    (run,) = log["runs"]
    (result,) = run["results"]
    return result["locations"][0]["physicalLocation"]["artifactLocation"], run["originalUriBaseIds"]


@pytest.mark.parametrize("dot_git", ["folder", "file"])  # a clone, or a git worktree
def test_uri_is_relative_to_the_work_tree_however_the_path_was_given(
    dot_git: str, data_dir: Path, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    if dot_git == "folder":
        (repo / ".git").mkdir()
    else:
        (repo / ".git").write_text("gitdir: /elsewhere/.git/worktrees/repo\n")
    article = wrong_article(repo)
    expected = (
        {"uri": "articles/bad%20recap.md", "uriBaseId": "%SRCROOT%"},
        {"%SRCROOT%": {"uri": repo.as_uri() + "/"}},
    )
    assert where(sarif(str(article), data_dir, cwd=tmp_path)) == expected  # absolute
    assert where(sarif("bad recap.md", data_dir, cwd=article.parent)) == expected


def test_outside_a_repository_the_root_is_the_current_folder(
    data_dir: Path, tmp_path: Path
) -> None:
    article = wrong_article(tmp_path)
    assert where(sarif(str(article), data_dir, cwd=tmp_path)) == (
        {"uri": "articles/bad%20recap.md", "uriBaseId": "%SRCROOT%"},
        {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}},
    )
