"""What a genre is to writer: the parts of drafting that differ between kinds of article.

Each field is read by one shared part of writer (named beside it); heavy modules (pandas,
matplotlib, Jinja) are behind loaders, so a row costs nothing until its genre drafts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from factcheck.brief import Brief
from factcheck.genres import Genre
from factcheck.report import Claim

if TYPE_CHECKING:
    import datetime as dt

    import pandas as pd


#: The brief kind a genre's parts take (each genre narrows `Brief` to its own kind).
B = TypeVar("B", bound=Brief)
B_in = TypeVar("B_in", bound=Brief, contravariant=True)


class Prompting(Protocol[B_in]):
    """A genre's prompts for a model: the first request and the revision request, at a
    level of detail (`FULL`, `COMPACT`, `NO_DATA`) that the caller fits to the model's
    context."""

    FULL: int
    COMPACT: int
    NO_DATA: int
    REPLY_TOKENS: int

    def first_messages(self, brief: B_in, *, detail: int = ...) -> list[dict[str, str]]: ...

    def revision_messages(
        self,
        brief: B_in,
        draft: str,
        findings: Sequence[Claim],
        attempt: int,
        max_attempts: int,
        *,
        detail: int = ...,
    ) -> list[dict[str, str]]: ...

    def messages_tokens(self, messages: Sequence[dict[str, str]]) -> int: ...

    def system_message(self, brief: B_in) -> str: ...

    def user_message(self, brief: B_in, *, detail: int = ...) -> str: ...

    def compile_templates(self) -> None: ...


class Charting(Protocol[B_in]):
    """A genre's chart: the closes it needs, the image line, the files."""

    def history_request(self, brief: B_in) -> tuple[list[str], dt.date, dt.date]: ...

    def markdown_image(self, brief: B_in, png_name: str) -> str: ...

    def chart_bytes(
        self, brief: B_in, closes: Mapping[str, pd.Series | pd.DataFrame]
    ) -> tuple[bytes, bytes]: ...


def subject_slug(brief: Brief) -> str:
    """The subject's key as a file name part ("rut", "asx200")."""
    return re.sub(r"[^a-z0-9.-]+", "-", brief.subject.key.lower()).strip("-.") or "index"


@dataclass(frozen=True)
class WriterGenre(Generic[B]):
    """One kind of article, as writer drafts it."""

    #: the checker's genre of the same brief kind
    checker: Genre
    #: the deterministic offline drafter: brief -> article (`writer.draft.command`)
    offline: Callable[[B], str]
    #: the line every article of the genre ends with (the house form, `factcheck.form`)
    disclaimer: str
    #: its prompts for a model (`writer.draft.llm`), loaded on first use
    prompting: Callable[[], Prompting[B]]
    #: its chart (`writer.draft.illustrate`), loaded on first use
    charting: Callable[[], Charting[B]]
    #: the headline when a draft has none (`writer.draft.command.title_of`)
    title: Callable[[B], str]
    #: the outputs' file stem, unique per subject and genre (`OutputPaths.of`)
    file_stem: Callable[[B], str]
    #: the front matter keys `writer check` places the article by (`front_matter`)
    placing: Callable[[B], dict[str, object]]
    #: what the audit log names the article's period by (`writer.draft.llm.RunInfo.week`):
    #: a session ("2025-08-08") or a fiscal quarter ("FY2024-Q3")
    period: Callable[[B], str]
    #: the house length's lower bound in words (`factcheck.form.FormRules.min_words`)
    min_words: int = 200
    #: the `## ` section headings the house form asks for (`FormRules.min_sections`): a
    #: recap has its sections, a wire snapshot none
    min_sections: int = 2

    @property
    def kind(self) -> str:
        return self.checker.kind
