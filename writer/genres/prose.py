"""The offline drafters' shared phrasing kit: figures only from the brief, synonyms by a
seeded voice, move verbs chosen from the checker's own grammar.

Every genre's offline drafter writes through `Figures`, which only hands out text formatted
by `factcheck.numfmt` from a fact the brief holds, and picks its direction words from
`factcheck.grammar` (`grammar_words` raises at import if the checker would read one
otherwise), so what a drafter means is what the checker reads.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Sequence
from decimal import Decimal

from factcheck import ids
from factcheck.brief import Entity, Fact, IndexBrief
from factcheck.grammar import DIRECTION, DOWN, MOVE_VERBS, UP
from factcheck.numfmt import Unit, format_value

ORDINALS = (
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)
COUNTS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


class Figures:
    """Display text of the brief's facts; nothing else may put a figure into the article."""

    def __init__(self, brief: IndexBrief) -> None:
        self.brief = brief

    def fact(self, fact_id: str) -> Fact:
        fact = self.brief.get(fact_id)
        if fact is None:
            raise KeyError(fact_id)
        return fact

    def has(self, *fact_ids: str) -> bool:
        return all(self.brief.get(i) is not None for i in fact_ids)

    def show(self, fact_id: str) -> str:
        return self.fact(fact_id).display

    def size(self, fact_id: str) -> str:
        """The magnitude, for prose that carries the sign in a word ("fell 0.53%")."""
        f = self.fact(fact_id)
        text = format_value(abs(f.value), f.unit, f.precision)
        return f"{text} points" if f.unit is Unit.POINTS and f.signed else text

    def value(self, fact_id: str) -> Decimal:
        return self.fact(fact_id).value


class Voice:
    """Deterministic choice among synonyms, seeded by symbol, week and slot."""

    def __init__(self, seed: str) -> None:
        self.seed = seed

    def pick(self, slot: str, options: Sequence[str]) -> str:
        return options[zlib.crc32(f"{self.seed}:{slot}".encode()) % len(options)]


def day_name(d: dt.date) -> str:
    return f"{d:%A}, {d:%b} {d.day}"


def short_date(d: dt.date, year: bool = False) -> str:
    return f"{d:%b} {d.day}, {d.year}" if year else f"{d:%b} {d.day}"


def grammar_words(direction: int, *words: str, verbs: bool = False) -> tuple[str, ...]:
    """`words` in this order, each one of `grammar.DIRECTION`'s with that direction (and of
    `grammar.MOVE_VERBS` if `verbs`): the checker reads every direction word the drafter writes
    the way the drafter meant it.  Raises at import if grammar drops or reverses one."""
    meaning = dict(DIRECTION)
    wrong = [w for w in words if meaning.get(w) != direction or (verbs and w not in MOVE_VERBS)]
    if wrong:
        raise ValueError(f"not grammar words of direction {direction}: {wrong}")
    return words


#: Verbs for a move, by size: under 0.25%, under 1%, under 2.5%, larger.  A selection of
#: grammar's MOVE_VERBS (the order within a tier is the voice's rotation).
UP_MOVES = (
    grammar_words(UP, "edged up", "inched up", verbs=True),
    grammar_words(UP, "rose", "gained", "added", verbs=True),
    grammar_words(UP, "climbed", "advanced", "rallied", verbs=True),
    grammar_words(UP, "surged", "jumped", "soared", verbs=True),
)
DOWN_MOVES = (
    grammar_words(DOWN, "edged down", "slipped", verbs=True),
    grammar_words(DOWN, "fell", "declined", "lost", verbs=True),
    grammar_words(DOWN, "dropped", "slid", "retreated", verbs=True),
    grammar_words(DOWN, "tumbled", "sank", "plunged", verbs=True),
)
#: Behind / ahead of a peer over the week, grammar's direction of the spread.
LAG_VERBS = grammar_words(DOWN, "trailed", "lagged", "underperformed")
LEAD_VERBS = grammar_words(UP, "outperformed", "beat", "outpaced")


def move_verb(voice: Voice, slot: str, pct: Decimal) -> str:
    size = abs(pct)
    tier = 0 if size < Decimal("0.25") else 1 if size < 1 else 2 if size < Decimal("2.5") else 3
    return voice.pick(slot, (UP_MOVES if pct > 0 else DOWN_MOVES)[tier])


def last_of(brief: IndexBrief, entity: Entity) -> dt.date:
    """The entity's last session of the week (a peer on another exchange may differ)."""
    days = [
        f.on
        for f in brief.facts
        if f.entity == entity.key
        and f.metric == "close"
        and f.on is not None
        and brief.week.start <= f.on <= brief.week.end
    ]
    return max(days)


def levels_to_watch(brief: IndexBrief, fig: Figures, voice: Voice) -> list[str]:
    """Round numbers, the prior week's range and swing highs and lows either side of the last
    close: the "levels to watch" paragraph of both genres."""
    k = brief.subject.key
    close = fig.value(ids.session(k, "close", brief.week.last_session))
    named = {
        "prev_week_high": "the prior week's high",
        "prev_week_low": "the prior week's low",
        "swing_high_1": "the swing high",
        "swing_high_2": "the swing high",
        "swing_low_1": "the swing low",
        "swing_low_2": "the swing low",
    }
    above: list[tuple[Decimal, str]] = []
    below: list[tuple[Decimal, str]] = []
    for key, label in named.items():
        f = brief.get(ids.level(k, key))
        if f is None:
            continue
        when = f" from {short_date(f.on)}" if f.on and key.startswith("swing") else ""
        text = f"{label} of {f.display}{when}"
        (above if f.value > close else below).append((f.value, text))
    if fig.has(ids.level(k, "round_above")):
        level = fig.value(ids.level(k, "round_above"))
        above.append((level, f"the round {fig.show(ids.level(k, 'round_above'))} level"))
    if fig.has(ids.level(k, "round_below")) and fig.value(ids.level(k, "round_below")) < close:
        level = fig.value(ids.level(k, "round_below"))
        below.append((level, f"the round {fig.show(ids.level(k, 'round_below'))} level"))
    # nearest first on each side: "the first test" is the level the index meets first
    above.sort(key=lambda x: x[0])
    below.sort(key=lambda x: -x[0])
    sentences = []
    for side, levels, role, openers in (
        ("res", above, "test", ("Overhead, ", "On the upside, ")),
        ("sup", below, "support", ("On the downside, ", "Below, ")),
    ):
        if not levels:
            continue
        first, *rest = [t for _, t in levels[:3]]
        follow = ", followed by " + " and ".join(rest) if rest else ""
        sentences.append(f"{voice.pick(side, openers)}{first} is the first {role}{follow}.")
    return [" ".join(sentences)] if sentences else []
