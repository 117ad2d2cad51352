"""Genres as plug-ins, writer's side: the one table that maps a brief kind to what drafting
that kind of article takes.

The data layer, the draft loop and its repair, the batch and the outputs are shared; they
ask the brief's genre (`genre_of`) for what differs: the checker's genre
(`factcheck.genres`, the same kind), the offline drafter, the prompts and the chart.  A
genre's heavy modules (pandas, matplotlib, Jinja) are loaded when first used, so naming a
genre here costs `writer check` nothing.  Adding a genre is a package beside
`weekly_index/` with its row, and that row here.
"""

from __future__ import annotations

from typing import Any, Final

from factcheck.brief import Brief
from writer.genres import daily_wrap, earnings, weekly_index
from writer.genres.genre import Charting, Prompting, WriterGenre

GENRES: Final[dict[str, WriterGenre[Any]]] = {
    g.kind: g for g in (weekly_index.GENRE, daily_wrap.GENRE, earnings.GENRE)
}


def genre_of(brief: Brief) -> WriterGenre[Any]:
    """The genre that drafts `brief` (a kind no genre drafts is a programming error: every
    brief writer builds is of a kind in this table, which a test holds equal to the
    checker's)."""
    return GENRES[brief.kind]


__all__ = ["GENRES", "Charting", "Prompting", "WriterGenre", "genre_of"]
