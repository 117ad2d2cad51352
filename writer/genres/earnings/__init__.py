"""The earnings snapshot (one company's fiscal quarter), writer's side: its brief
(`brief`, from SEC results and share prices), offline drafter (`offline`), prompts
(`prompting` and the templates in `prompts/`), chart (`chart`) and the words both drafters
name things with (`words`).  The checker holds it to the facts of `EarningsBrief`
(`factcheck.genres.earnings`)."""

from __future__ import annotations

from typing import Final

from factcheck.brief import EarningsBrief
from factcheck.genres import GENRES as CHECKER_GENRES
from writer.genres.earnings.disclaimer import DISCLAIMER
from writer.genres.earnings.offline import draft_offline, file_stem, placing, title
from writer.genres.genre import Charting, Prompting, WriterGenre


def _prompting() -> Prompting[EarningsBrief]:
    from writer.genres.earnings import prompting

    return prompting


def _charting() -> Charting[EarningsBrief]:
    from writer.genres.earnings import chart

    return chart


GENRE: Final[WriterGenre[EarningsBrief]] = WriterGenre(
    checker=CHECKER_GENRES["earnings"],
    offline=draft_offline,
    disclaimer=DISCLAIMER,
    prompting=_prompting,
    charting=_charting,
    title=title,
    file_stem=file_stem,  # nvda-fy2026-q2-earnings
    placing=placing,
    period=lambda brief: brief.quarter.label,
    # AP's snapshots run 150-250 words, in paragraphs without section headings
    min_words=150,
    min_sections=0,
)
