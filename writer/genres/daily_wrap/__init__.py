"""The daily wrap (one session of an index), writer's side: its brief (`brief`, the week to
the session's close with the session named), offline drafter (`offline`), prompts
(`prompting` and the templates in `prompts/`) and chart (`chart`).  Its figures are the ones
the weekly recap's brief builds as of a session, so the checker holds a daily wrap to the
same facts whoever wrote it."""

from __future__ import annotations

from typing import Final

from factcheck.brief import IndexBrief
from factcheck.genres import GENRES as CHECKER_GENRES
from writer.genres.daily_wrap.disclaimer import DISCLAIMER
from writer.genres.daily_wrap.offline import draft_offline, placing, title
from writer.genres.genre import Charting, Prompting, WriterGenre, subject_slug


def _prompting() -> Prompting[IndexBrief]:
    from writer.genres.daily_wrap import prompting

    return prompting


def _charting() -> Charting[IndexBrief]:
    from writer.genres.daily_wrap import chart

    return chart


GENRE: Final[WriterGenre[IndexBrief]] = WriterGenre(
    checker=CHECKER_GENRES["daily_wrap"],
    offline=draft_offline,
    disclaimer=DISCLAIMER,
    prompting=_prompting,
    charting=_charting,
    title=title,
    # rut-2025-08-05-daily: beside the weekly recap of the same date, never over it
    file_stem=lambda brief: f"{subject_slug(brief)}-{brief.week.last_session.isoformat()}-daily",
    placing=placing,
    period=lambda brief: brief.week.last_session.isoformat(),
    # a published close runs 150-250 words (AP's, AAP's); a weekly recap is longer
    min_words=150,
)
