"""The weekly index recap (and the daily wrap of one of its sessions), writer's side: its
brief builder (`brief`), offline drafter (`offline`), prompts (`prompting` and the templates
in `prompts/`) and chart (`chart`).  The figures it is built from are the shared market
measures (`writer.metrics`, `writer.series`), which a daily wrap uses too."""

from __future__ import annotations

from typing import Final

from factcheck.brief import IndexBrief
from factcheck.genres import GENRES as CHECKER_GENRES
from writer.genres.genre import Charting, Prompting, WriterGenre, subject_slug
from writer.genres.weekly_index.offline import DISCLAIMER, draft_offline, title


def _prompting() -> Prompting[IndexBrief]:
    from writer.genres.weekly_index import prompting

    return prompting


def _charting() -> Charting[IndexBrief]:
    from writer.genres.weekly_index import chart

    return chart


GENRE: Final[WriterGenre[IndexBrief]] = WriterGenre(
    checker=CHECKER_GENRES["weekly_index"],
    offline=draft_offline,
    disclaimer=DISCLAIMER,
    prompting=_prompting,
    charting=_charting,
    title=title,
    # rut-2025-08-08: the week's last session
    file_stem=lambda brief: f"{subject_slug(brief)}-{brief.week.last_session.isoformat()}",
    placing=lambda brief: {"ticker": brief.subject.key, "week": brief.week.last_session},
    period=lambda brief: brief.week.last_session.isoformat(),
)
