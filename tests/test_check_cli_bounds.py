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


def test_an_archive_with_sidecars_builds_each_brief_once_and_audits_each_sidecar_once(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drafted articles with their pinned `.brief.json`: each data brief is built once per
    index and week however many files need it, each distinct sidecar is parsed and audited
    once, and files are checked in rounds (`CHECK_CHUNK`), so nothing of a file outlives its
    round; every verdict is still the file's own, in order."""
    from writer import check_command, pipeline

    drafted = tmp_path / "drafted"
    runner = CliRunner()
    for week in ("2025-08-08", "2025-08-15"):
        result = runner.invoke(
            app,
            ["draft", "RUT", "--week", week, "--offline", "--no-chart", "--quiet",
             "--data-dir", str(data_dir), "--out", str(drafted)],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    archive = tmp_path / "archive"
    archive.mkdir()
    names = []
    for k in range(5):  # five published copies of each, with their sidecars
        for week in ("2025-08-08", "2025-08-15"):
            stem = f"rut-{week}"
            for suffix in (".md", ".brief.json"):
                copy = archive / f"{stem}-{k}{suffix}"
                copy.write_bytes((drafted / f"{stem}{suffix}").read_bytes())
            names.append(str(archive / f"{stem}-{k}.md"))
    (archive / "rut-2025-08-15-4.md").write_text(
        (drafted / "rut-2025-08-15.md").read_text().replace("jumped 3.07%", "jumped 3.70%")
    )
    built: list[str] = []
    parsed: list[str] = []
    index_brief, load_sidecar = pipeline.index_brief, check_command.load_sidecar

    def counting_build(symbol: str, week: object, *args: object, **kw: object) -> object:
        built.append(f"{symbol} {week}")
        return index_brief(symbol, week, *args, **kw)  # type: ignore[arg-type]

    def counting_load(path: Path) -> object:
        parsed.append(path.name)
        return load_sidecar(path)

    monkeypatch.setattr(pipeline, "index_brief", counting_build)
    monkeypatch.setattr(check_command, "load_sidecar", counting_load)
    monkeypatch.setattr(check_command, "CHECK_CHUNK", 3)
    text, code = check_command.run_check(
        names, ticker=None, week=None, data_dir=data_dir, allow_unsupported=False, fmt="text"
    )
    assert sorted(built) == ["RUT 2025-08-08", "RUT 2025-08-15"]
    assert len(parsed) == 2  # one sidecar of each week; its copies share its audit
    lines = [ln for ln in text.splitlines() if ": error:" in ln]
    assert code == 1 and len(lines) >= 1
    assert all(ln.startswith(str(archive / "rut-2025-08-15-4.md")) for ln in lines), lines
