"""A chart with every article: `writer draft` writes the PNG and SVG with the article as one
set, links the PNG after the lede with alt text the checker verifies figure by figure, and
a publisher's `writer check --form` accepts that image (and no other link)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.brief import WeeklyIndexBrief
from writer.cli import app

runner = CliRunner()
STEM = "rut-2025-08-08"


def draft(out: Path, data_dir: Path, *args: str) -> Any:
    argv = ["draft", "RUT", "--week", "2025-08-08", "--offline", "--out", str(out)]
    return runner.invoke(app, [*argv, "--data-dir", str(data_dir), *args])


def test_the_chart_is_published_with_the_article_and_its_alt_text_is_checked(
    data_dir: Path, tmp_path: Path, rut: WeeklyIndexBrief
) -> None:
    pytest.importorskip("matplotlib")
    from writer.genres.weekly_index.chart import alt_text

    out = tmp_path / "articles"
    result = draft(out, data_dir, "--chart")
    assert result.exit_code == 0, result.stderr
    png, svg = out / f"{STEM}.png", out / f"{STEM}.svg"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and b"<svg" in svg.read_bytes()[:500]
    text = (out / f"{STEM}.md").read_text(encoding="utf-8")
    image = f"![{alt_text(rut)}]({STEM}.png)"
    assert text.count(image) == 1
    paragraphs = text.split("\n---\n", 1)[1].strip().split("\n\n")
    assert paragraphs[0].startswith("# ") and paragraphs[2] == image  # right after the lede
    # every figure of the alt text is a verified claim of the saved report
    report = json.loads((out / f"{STEM}.check.json").read_text(encoding="utf-8"))
    line = text.splitlines().index(image) + 1
    on_image = [c for c in report["claims"] if c["line"] == line]
    assert len(on_image) >= 5 and all(c["status"] == "verified" for c in on_image)
    checked = runner.invoke(
        app, ["check", str(out / f"{STEM}.md"), "--form", "--data-dir", str(data_dir)]
    )
    assert checked.exit_code == 0, checked.stdout
    # the same image under another name, or a second one, is a link the data did not give
    other = out / "other.md"
    other.write_text(text.replace(f"({STEM}.png)", "(elsewhere.png)"), encoding="utf-8")
    refused = runner.invoke(app, ["check", str(other), "--form", "--data-dir", str(data_dir)])
    assert refused.exit_code == 1 and "a link the data did not give" in refused.stdout


def test_no_chart_writes_none_and_a_required_chart_needs_matplotlib(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "articles"
    assert draft(out, data_dir, "--no-chart").exit_code == 0
    assert sorted(p.suffix for p in out.iterdir()) == [".json", ".json", ".md"]
    assert "![" not in (out / f"{STEM}.md").read_text(encoding="utf-8")
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if not installed
    required = draft(tmp_path / "other", data_dir, "--chart")
    assert required.exit_code == 2
    assert required.stderr.startswith("writer: the chart needs matplotlib")
    assert "pip install 'writer[chart]'" in required.stderr
    assert not (tmp_path / "other").exists()  # refused before any work
    auto = draft(tmp_path / "auto", data_dir)  # the default: no chart, no error
    assert auto.exit_code == 0
    assert not list((tmp_path / "auto").glob("*.png"))


def test_charts_drawn_in_worker_processes_are_the_charts_drawn_in_one(
    data_dir: Path, tmp_path: Path
) -> None:
    """With worker processes the brief process reads each chart's closes and sends them
    with the brief; the worker draws.  The images are the ones one process draws."""
    pytest.importorskip("matplotlib")
    weeks = ["RUT", "HSI", "--weeks", "2025-07-28..2025-08-08", "--offline", "--chart"]
    drawn = {}
    for workers in ("1", "2"):
        out = tmp_path / workers
        argv = ["draft", *weeks, "--workers", workers, "--jobs", "2", "--out", str(out)]
        result = runner.invoke(app, [*argv, "--data-dir", str(data_dir)])
        assert result.exit_code == 0, result.stderr
        drawn[workers] = {
            p.name: p.read_bytes() for p in out.iterdir() if p.suffix in {".png", ".svg"}
        }
    assert len(drawn["1"]) == 8  # 2 symbols x 2 weeks, PNG and SVG
    assert drawn["2"] == drawn["1"]
