"""What a genre is to the checker: the few things that differ between kinds of article.

The reading, binding and judging of figures are shared by every genre; a genre only says
which brief kind it checks and what that kind of article needs of its own.  Each field is
read by one part of the checker (named beside it), so a genre is complete when its row is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from factcheck.brief import Brief
from factcheck.diagnose import Bases
from factcheck.form import FormRow
from factcheck.report import CheckReport


class Engine(Protocol):
    """What checks an article against a brief of the genre: the index genres share one
    (`factcheck.index_check.check_index`), earnings snapshots have their own
    (`factcheck.earnings.check_earnings`).  It gets the genre's row, so it needs no table."""

    def __call__(
        self, text: str, brief: Brief, genre: Genre, /, *, source: str, strict: bool
    ) -> CheckReport: ...


@dataclass(frozen=True)
class Genre:
    """One kind of article, as the checker sees it."""

    #: the brief kind (`Brief.kind`) this genre checks
    kind: str
    #: what the reports call it ("weekly index recap")
    name: str
    #: the brief's model, which `factcheck.genres.load_brief` parses a saved brief with
    brief_type: type[Brief]
    #: what a report says it was checked against (`CheckReport.brief_id`): `check.check_text`
    describe: Callable[[Brief], str]
    #: the date relative dates in the article are read from ("on Tuesday"): `extract.parse`
    anchor: Callable[[Brief], dt.date]
    #: names of things no brief of this kind holds, whose figures are never the subject's:
    #: the binder's name scan (`factcheck.bind.names`)
    outside: tuple[str, ...]
    #: the phrase judges this genre runs (rule codes, `factcheck.rules`):
    #: `qualitative.ArticleWords`
    phrase_rules: frozenset[str]
    #: the genre's own form rules (its lede), after the shared ones: `form.check_form`
    form_rules: tuple[FormRow, ...]
    #: the likely wrong bases of a change: `match` (through `diagnose.wrong_base`)
    bases: Bases
    #: the engine that checks the genre's articles: `check.check_text` calls it
    engine: Engine
    #: days the brief vouches for besides its facts' sessions (a daily wrap's next session
    #: and the weekdays the exchange is shut around it): `fact_index.FactIndex.dates`
    days: Callable[[Brief], frozenset[dt.date]] = lambda brief: frozenset()
