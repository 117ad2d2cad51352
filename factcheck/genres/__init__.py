"""Genres as plug-ins: the one table that maps a brief kind to its genre.

Everything else in the checker is shared, or reads what it needs of a genre from the row
(`factcheck.genres.genre.Genre`).  Adding a genre is a brief kind, a module beside
`weekly_index.py` with its row, and the row here; writer's side has its own table
(`writer.genres`) keyed by the same kinds.
"""

from __future__ import annotations

from typing import Final

from pydantic import BaseModel, ConfigDict

from factcheck.brief import Brief
from factcheck.form import FormRules, check_form
from factcheck.genres import daily_wrap, earnings, weekly_index
from factcheck.genres.genre import Genre
from factcheck.report import CheckReport, Claim

GENRES: Final[dict[str, Genre]] = {
    g.kind: g for g in (weekly_index.GENRE, daily_wrap.GENRE, earnings.GENRE)
}


class _Kind(BaseModel):
    """Only a saved brief's `kind`, to choose the model that parses the rest."""

    model_config = ConfigDict(extra="ignore", title="brief")
    kind: str


class UnknownGenre(ValueError):
    """A brief of a kind no genre checks (a brief from a newer writer, or not a brief)."""


def genre_of(brief: Brief) -> Genre:
    """The genre that checks `brief`."""
    return genre_for(brief.kind)


def genre_for(kind: str) -> Genre:
    genre = GENRES.get(kind)
    if genre is None:
        known = ", ".join(sorted(GENRES))
        raise UnknownGenre(f"no genre checks briefs of kind {kind!r} (known: {known})")
    return genre


def load_brief(text: str | bytes) -> Brief:
    """A saved brief (`.brief.json`), parsed as its kind's model.

    Raises `UnknownGenre` for a kind no genre checks and pydantic's `ValidationError` for a
    brief that is not well formed."""
    kind = _Kind.model_validate_json(text).kind
    return genre_for(kind).brief_type.model_validate_json(text)


def form_findings(text: str, brief: Brief, report: CheckReport, rules: FormRules) -> list[Claim]:
    """The form findings of `text`: the shared form rules and its genre's own."""
    return check_form(text, brief, report, rules, genre_of(brief).form_rules)


__all__ = [
    "GENRES",
    "Genre",
    "UnknownGenre",
    "form_findings",
    "genre_for",
    "genre_of",
    "load_brief",
]
