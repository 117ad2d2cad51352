"""What binding produces: a figure's `Binding` (entity, period tokens, metrics, direction,
each marked stated, inherited or guessed), the mentions a sentence holds, and a table
header cell's reading.

Periods are sets of tokens that facts carry (see `match.fact_tokens`): `d:2025-08-05` for a
session, `week`, `52w`, `ytd`, `50d`, `200d`, `prev`, `level`.  A figure's period is the
conjunction of the tokens bound to it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Final

from factcheck.document import Figure
from factcheck.grammar import Column


@dataclass(slots=True)
class Binding:
    """What a figure talks about.  `None` means unbound: any value of the attribute fits."""

    entity: str | None = None
    entity_inherited: bool = False
    #: nothing named it: the subject by default, in an article that names other things too
    entity_guessed: bool = False
    #: the entity comes from the section heading (stated for the section), not the text
    from_heading: bool = False
    versus: tuple[str, ...] = ()  # other entities named in the sentence (spreads)
    periods: frozenset[str] = frozenset()
    periods_inherited: frozenset[str] = frozenset()
    metrics: frozenset[str] | None = None
    direction: int = 0  # +1 up, -1 down, 0 not said
    direction_from: str = ""  # the word that gave it
    #: the word is right by the figure ("lost +2.38%", "+2.38% lower"): a sign that
    #: disagrees with it makes the sentence say two things
    direction_adjacent: bool = False
    sessions_named: int = 0  # distinct session dates named in the sentence and its heading
    beyond_data: bool = False  # about something that may predate the brief (a record)

    def with_metrics(self, metrics: frozenset[str]) -> Binding:
        """A copy bound to other metrics (written out: `dataclasses.replace` does not work on
        the classes mypyc compiles)."""
        return Binding(
            entity=self.entity,
            entity_inherited=self.entity_inherited,
            entity_guessed=self.entity_guessed,
            from_heading=self.from_heading,
            versus=self.versus,
            periods=self.periods,
            periods_inherited=self.periods_inherited,
            metrics=metrics,
            direction=self.direction,
            direction_from=self.direction_from,
            direction_adjacent=self.direction_adjacent,
            sessions_named=self.sessions_named,
            beyond_data=self.beyond_data,
            unknown_date=self.unknown_date,
            gap_to=self.gap_to,
            gap_side=self.gap_side,
        )

    unknown_date: str | None = None  # a date right by the figure that the brief has no facts for
    #: "8.18% below the 2,442.03 close", "61 points shy of the record close of 8,355.9": the
    #: level the article measures this change from, and which side of it the close is on
    #: (-1 below, +1 above)
    gap_to: Figure | None = None
    gap_side: int = 0


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    kind: str
    value: str


_START: Final = attrgetter("start")


@dataclass(slots=True)
class SentenceContext:
    entities: list[Mention] = field(default_factory=list)
    periods: list[Mention] = field(default_factory=list)
    metrics: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)
    directions: list[tuple[int, int, int, str]] = field(default_factory=list)
    #: a label line ("For the week:"): its period is stated for every line under it
    label: bool = False


_IN_BRACKETS_RE: Final = re.compile(r"\([^()]*\)", re.ASCII)


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """What a table header cell says about the figures it heads (`Binder.header_cell`)."""

    entity: str | None  # the index (or outside thing) it names
    words: Column  # the metric and period its words name, each None if none
    day: str | None  # the session it dates, ISO
    text: list[str]  # its words, lower case


_NO_HEADER: Final = HeaderCell(None, Column(None, None), None, [])


def _period_token_set(m: Mention) -> set[str]:
    if m.kind in ("date", "basedate"):
        return {f"d:{m.value}"}
    if m.kind == "prevclose":
        return {"prev"}
    if m.kind == "ma":
        return {m.value}
    if m.kind == "day":
        return set()
    if m.kind == "month":
        return {f"mon:{m.value}"}
    return {m.value if m.kind != "w52" else "52w"}


_TOKENS: Final[dict[tuple[str, str], frozenset[str]]] = {}


def period_tokens(m: Mention) -> frozenset[str]:
    """The period tokens a mention names (see the module docstring), shared per (kind, value):
    every sentence names a few periods, and most are the same few across an article."""
    key = (m.kind, m.value)
    tokens = _TOKENS.get(key)
    if tokens is None:
        if len(_TOKENS) > 4096:  # dates accumulate in a long-lived process
            _TOKENS.clear()
        tokens = _TOKENS[key] = frozenset(_period_token_set(m))
    return tokens


#: The prefix of an entity key that names something outside the brief ("~oil").
OUTSIDE_PREFIX: Final = "~"


def is_outside(entity: str | None) -> bool:
    return entity is not None and entity.startswith(OUTSIDE_PREFIX)
