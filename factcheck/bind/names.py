"""Index names as the binder finds them: the brief's entities and their aliases, the
things outside the brief (its genre's list: `grammar.OUTSIDE` and more), normalised and
compiled into one scan per brief; and the index a heading names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from factcheck._rx import ascii_shape, trie
from factcheck.bind.model import OUTSIDE_PREFIX, SentenceContext
from factcheck.bind.patterns import _ENTITY_GENERIC, _NAME_SPACES_RE
from factcheck.brief import Entity
from factcheck.datewords import WEEKDAYS
from factcheck.grammar import INDEX_TRAILERS, alternation
from factcheck.patterns import Scan


def heading_entity(ctx: SentenceContext | None) -> str | None:
    """The one index a heading names ("### S&P 500 (SPX): the week"), if it names one."""
    if ctx is None:
        return None
    named = {m.value for m in ctx.entities if m.kind == "entity"}
    return next(iter(named)) if len(named) == 1 else None


def _weekday(name: str) -> int:
    return WEEKDAYS[name.lower()]


def _bare(word: str) -> str:
    """A word as NOT_NAMES lists it: lower case, without a possessive or a trailing dot."""
    low = word.lower().rstrip(".")
    return low[:-2] if low.endswith(("'s", "’s")) else low


def _squash(text: str) -> str:
    """Runs of whitespace as one space (trie phrases match any whitespace between words)."""
    return " ".join(text.split())


def _norm(text: str) -> str:
    return _NAME_SPACES_RE.sub(" ", text.lower()).strip()


#: Keys of names looked up with their digits ("russell 3000" is not "russell 2000", which
#: the masked key "russell ####" cannot tell apart).
_EXACT: Final = "="


_TRAILING_INDEX_RE: Final = re.compile(rf"\s+{alternation(INDEX_TRAILERS)}$")


def _exact_key(name: str) -> str:
    return _norm(ascii_shape(name)).replace("-", " ")


def _name_key(name: str) -> str:
    """How a name is looked up: ASCII-shaped, lower case, digits as `#` (names' digits are
    masked before binding), runs of spaces and hyphens as one space."""
    return _norm(re.sub(r"\d", "#", ascii_shape(name))).replace("-", " ")


@lru_cache(maxsize=64)
def _entity_regex_cached(
    entities: tuple[Entity, ...], outside: tuple[str, ...]
) -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for e in entities:
        for n in (e.name, *e.aliases, e.key, e.yahoo.lstrip("^")):
            names.setdefault(_name_key(n), e.key)
            if any(c.isdigit() for c in n):
                names.setdefault(_EXACT + _exact_key(n), e.key)
    for n in outside:  # after the brief's names: an index the brief holds is never outside
        names.setdefault(_name_key(n), OUTSIDE_PREFIX + n)
        if any(c.isdigit() for c in n):
            names.setdefault(_EXACT + _exact_key(n), OUTSIDE_PREFIX + n)
    subject = entities[0].key
    # a digit of an outside name may be masked ("CSI ###") or not ("Nasdaq 100" when the
    # masking list does not know it): either way it is part of the name
    pattern = trie(list(names), space=r"[\s-]+").replace("\\#", r"[#\d]")
    regex = Scan(
        rf"(?:(?<![\w&/])(?:{pattern})(?![\w#]|/asx|-[a-z])|\b(?P<generic>{_ENTITY_GENERIC})\b)",
        re.ASCII,
    ).regex
    for g in ("the index", "the benchmark", "the gauge", "the measure", "the barometer"):
        names.setdefault(g, subject)
    return regex, names


def _entity_regex(
    entities: tuple[Entity, ...], outside: Sequence[str]
) -> tuple[re.Pattern[str], dict[str, str]]:
    """The scan for the names of `entities` and of the things `outside` the brief (its
    genre's list, `factcheck.genres`), and what each name found is."""
    return _entity_regex_cached(tuple(entities), tuple(outside))
