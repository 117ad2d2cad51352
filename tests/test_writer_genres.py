"""writer's genre table: the same kinds as the checker's, each row holding the checker's
genre and what drafting that genre takes; the shared draft code asks the brief's genre.
The checker's side is `tests/test_genres.py`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.genres import GENRES as CHECKER_GENRES
from writer.draft.command import OfflineDrafter, house_form
from writer.genres import GENRES, genre_of

from .briefs import HERE as BRIEFS
from .briefs import load


def test_writers_table_has_the_checkers_kinds_and_uses_their_rows() -> None:
    assert set(GENRES) == set(CHECKER_GENRES) == {"weekly_index", "daily_wrap", "earnings"}
    for kind, genre in GENRES.items():
        assert genre.kind == kind
        assert genre.checker is CHECKER_GENRES[kind]


def test_the_drafter_and_the_house_form_come_from_the_briefs_genre() -> None:
    rut = load("RUT", "2025-08-08")
    genre = genre_of(rut)
    text = OfflineDrafter().draft(rut).text
    assert text == genre.offline(rut)
    assert text.rstrip().endswith(genre.disclaimer)
    form = house_form(rut)
    assert form.disclaimer == genre.disclaimer
    prompting = genre.prompting()
    assert prompting.system_message(rut).splitlines()[0] in form.prompt_lines


def test_each_genres_prompts_and_chart_load(shared_data: Path) -> None:
    """Each genre's prompts and chart, loaded through its row, for a brief of its kind."""
    import datetime as dt

    from factcheck.brief import Brief
    from writer.data.snapshot import SnapshotSource
    from writer.pipeline import draft_brief

    source = SnapshotSource(shared_data)
    fundamentals = shared_data.parent / "fundamentals"
    for kind, genre in GENRES.items():
        brief: Brief
        if kind == "earnings":
            if not (fundamentals / "facts.csv").is_file():
                continue
            from writer.pipeline import earnings_brief, earnings_prices, fundamentals_source

            src = fundamentals_source(fundamentals)
            brief = earnings_brief("NVDA", "FY2026-Q2", src, earnings_prices(src, None))
        else:
            brief = draft_brief(kind, "RUT", dt.date(2025, 8, 5), source)
        assert genre_of(brief) is genre
        messages = genre.prompting().first_messages(brief)
        assert [m["role"] for m in messages] == ["system", "user"]
        symbols, start, end = genre.charting().history_request(brief)
        assert brief.subject.yahoo in symbols and start < end


def _writer() -> Path:
    exe = Path(sys.executable).with_name("writer")
    if not exe.is_file():
        pytest.skip(f"no writer script beside {sys.executable}")
    return exe


def test_check_refuses_a_sidecar_brief_of_a_kind_no_genre_checks(tmp_path: Path) -> None:
    """A brief from a newer writer (or not a brief) is bad input, said in one line."""
    article = tmp_path / "recap.md"
    article.write_text("Small caps finished at 2,218.42 on Friday.\n", encoding="utf-8")
    data = json.loads((BRIEFS / "RUT-2025-08-08.json").read_text(encoding="utf-8"))
    data["kind"] = "quarterly_results"
    (tmp_path / "recap.md.brief.json").write_text(json.dumps(data), encoding="utf-8")
    done = subprocess.run(
        [str(_writer()), "check", str(article)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    said = (done.stdout + done.stderr).strip().splitlines()
    assert len(said) == 1, said
    assert "no genre checks briefs of kind 'quarterly_results'" in said[0], said
