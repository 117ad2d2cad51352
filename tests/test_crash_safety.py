"""A killed or concurrent `writer draft` never leaves a mixed set of files: the article, the
brief it pins and its report agree, or the previous set stands; the next run finishes or
discards what a killed run left, and no temp file outlives it."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from writer.cli import app
from writer.output import COMMITTED, claim

STEM = "rut-2025-08-08"


def _command(data_dir: Path, out: Path) -> list[str]:
    return [
        sys.executable, "-m", "writer.cli", "draft", "RUT", "--week", "2025-08-08",
        "--offline", "--quiet", "--force", "--data-dir", str(data_dir), "--out", str(out),
    ]  # fmt: skip


def consistent(out: Path) -> bool:
    """The visible set agrees with itself: the article pins the brief beside it and has its
    report; or a committed journal is there for the next run to finish."""
    article = out / f"{STEM}.md"
    if not article.exists():
        return True
    staged = out / f".{STEM}.staging"
    if (staged / COMMITTED).is_file():
        return True
    head = article.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n")
    pinned = yaml.safe_load(head)["brief_sha256"]
    brief = (out / f"{STEM}.brief.json").read_bytes()
    return hashlib.sha256(brief).hexdigest() == pinned and (out / f"{STEM}.check.json").exists()


def test_a_draft_killed_at_random_points_never_leaves_a_mix(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "articles"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    # a first complete run, so later kills race against a previous set
    subprocess.run(_command(data_dir, out), check=True, env=env, timeout=120)
    started = time.perf_counter()
    subprocess.run(_command(data_dir, out), check=True, env=env, timeout=120)
    full = time.perf_counter() - started  # how long one run takes here
    rng = random.Random(20261201)
    for _ in range(20):
        proc = subprocess.Popen(_command(data_dir, out), env=env)
        time.sleep(rng.uniform(0.1, full * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert consistent(out), sorted(p.name for p in out.iterdir())
    subprocess.run(_command(data_dir, out), check=True, env=env, timeout=120)
    left = sorted(p.name for p in out.iterdir())
    charted = importlib.util.find_spec("matplotlib") is not None  # the chart is in the set
    chart = [f"{STEM}.png", f"{STEM}.svg"] if charted else []
    assert left == sorted([f"{STEM}.brief.json", f"{STEM}.check.json", f"{STEM}.md", *chart])
    assert consistent(out)


def test_a_second_run_into_the_same_out_is_refused_while_one_runs(
    data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "articles"
    with claim(out, STEM):  # as a run in progress holds it
        result = CliRunner().invoke(
            app,
            ["draft", "RUT", "--week", "2025-08-08", "--offline", "--data-dir", str(data_dir),
             "--out", str(out)],
        )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        f"writer: another writer draft is writing {STEM} in {out}; wait for it to finish\n"
    )
    assert not (out / f"{STEM}.md").exists()


def test_an_interrupted_publish_is_finished_or_discarded(data_dir: Path, tmp_path: Path) -> None:
    from writer.output import recover

    out = tmp_path / "articles"
    out.mkdir()
    staged = out / f".{STEM}.staging"
    staged.mkdir()
    (staged / f"{STEM}.md").write_text("half\n")
    (out / f".{STEM}.md.abc.tmp").write_text("stray")
    assert recover(out, STEM) == "discarded the unfinished files of an interrupted run"
    assert sorted(p.name for p in out.iterdir()) == []
    staged.mkdir()
    (staged / f"{STEM}.md").write_text("whole\n")
    (staged / COMMITTED).write_text(f"{STEM}.md\n")
    assert recover(out, STEM) == "finished publishing the files of an interrupted run"
    assert (out / f"{STEM}.md").read_text() == "whole\n" and not staged.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_out_is_found_before_drafting(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    result = CliRunner().invoke(
        app, ["draft", "RUT", "--week", "2025-08-08", "--offline", "--data-dir", str(data_dir),
              "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 2 and "cannot write to" in result.stderr


def test_recover_takes_only_its_own_article_s_stray_files(tmp_path: Path) -> None:
    """Strays are found by one listing of the folder per process (an archive folder is
    listed once, not once per article); each article removes only its own."""
    import time as clock

    from writer.output import recover

    out = tmp_path / "articles"
    out.mkdir()
    mine = out / f".{STEM}.md.k3j2.tmp"
    other = out / ".spx-2025-08-08.brief.json.x9q1.tmp"
    fresh_probe = out / ".writer-probe.aaaa.tmp"
    old_probe = out / ".writer-probe.bbbb.tmp"
    for path in (mine, other, fresh_probe, old_probe):
        path.write_text("stray")
    hour_ago = clock.time() - 3600
    os.utime(old_probe, (hour_ago, hour_ago))
    keep = out / f"{STEM}.md"
    keep.write_text("published\n")
    assert recover(out, STEM) is None  # nothing staged: only strays to clean
    assert not mine.exists() and other.exists() and keep.exists()
    assert fresh_probe.exists() and not old_probe.exists()  # a fresh probe is in flight
    recover(out, "spx-2025-08-08")
    assert not other.exists()
