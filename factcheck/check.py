"""The public entry point: `check_text(text, brief)` -> a `CheckReport` with one claim per
figure, date and checkable phrase of the article.

Each genre names the engine that checks its briefs (`Genre.engine`): the index genres share
`factcheck.index_check`, earnings snapshots have `factcheck.earnings`.  This module finds the
brief's genre and hands the article to its engine, with the genre's row, so no engine needs
the genres table.
"""

from __future__ import annotations

from factcheck.brief import Brief
from factcheck.genres import genre_of
from factcheck.report import CheckReport


def check_text(text: str, brief: Brief, *, source: str = "-", strict: bool = True) -> CheckReport:
    """Check every figure and checkable phrase of an article against one brief.

    `strict` makes unsupported figures errors (the default when gating drafts); without it
    they are warnings (for third-party articles that cite things the brief does not hold).
    """
    genre = genre_of(brief)
    return genre.engine(text, brief, genre, source=source, strict=strict)
