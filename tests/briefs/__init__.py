"""Briefs committed as JSON, so that the checker's tests need nothing of writer.

One file per brief, named after what builds it: `RUT-2025-08-08.json` is the brief of the
week containing that day with the default peers; `SPX-2025-08-08+RUT.json` the same week's
brief whose peers are the default ones and then RUT (as `writer check` builds one for an
article that names the Russell 2000); `RUT-2025-08-08@2025-08-05.json` the brief of a
daily wrap as of that session.  `generate.py` beside this file builds them with writer from
`../shared/marketdata` (`make briefs`); `tests/test_committed_briefs.py` holds every file to
what writer builds today.

This module imports only factcheck: it is what the checker-only tests load briefs with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from factcheck.brief import WeeklyIndexBrief

HERE = Path(__file__).resolve().parent

_STEM = re.compile(
    r"(?P<symbol>[A-Z0-9^.]+)-(?P<day>\d{4}-\d\d-\d\d)"
    r"(?P<named>(?:\+[A-Z0-9^.]+)*)(?:@(?P<as_of>\d{4}-\d\d-\d\d))?"
)


@dataclass(frozen=True)
class Key:
    """What a committed brief is built from: writer's `weekly_brief(symbol, day, source,
    peers=peer_entities(symbol, named), as_of=as_of)`, or the default peers when `named`
    is empty."""

    symbol: str
    day: str
    named: tuple[str, ...] = ()
    as_of: str | None = None

    @property
    def stem(self) -> str:
        named = "".join(f"+{k}" for k in self.named)
        return f"{self.symbol}-{self.day}{named}" + (f"@{self.as_of}" if self.as_of else "")

    @property
    def path(self) -> Path:
        return HERE / f"{self.stem}.json"

    @classmethod
    def from_stem(cls, stem: str) -> Key:
        m = _STEM.fullmatch(stem)
        if m is None:
            raise ValueError(f"{stem!r} is not SYMBOL-YYYY-MM-DD[+PEER...][@YYYY-MM-DD]")
        named = tuple(k for k in m["named"].split("+") if k)
        return cls(m["symbol"], m["day"], named, m["as_of"])


def committed() -> list[Key]:
    """Every committed brief, in file name order."""
    return [Key.from_stem(p.stem) for p in sorted(HERE.glob("*.json"))]


def dump(brief: WeeklyIndexBrief) -> str:
    """The committed text of a brief."""
    return brief.model_dump_json() + "\n"


@cache
def _read(path: Path) -> WeeklyIndexBrief:
    if not path.is_file():
        raise FileNotFoundError(
            f"no committed brief {path.name} in tests/briefs: generate it with "
            f"`python -m tests.briefs.generate {path.stem}` (needs writer and "
            "../shared/marketdata) and commit it"
        )
    return WeeklyIndexBrief.model_validate_json(path.read_text(encoding="utf-8"))


def load(symbol: str, day: str, *named: str, as_of: str | None = None) -> WeeklyIndexBrief:
    """The committed brief of `symbol`'s week containing `day`: with the default peers, or
    (`named`: the indices an article names) the default peers and then each named index
    that is not among them already, or (`as_of`: a session of the week) as of that session.

    A named index that is the subject or a default peer adds nothing (writer's
    `peer_entities`), so it is left out of the file name: the default brief is read."""
    base = _read(Key(symbol, day, (), as_of).path)
    present = {e.key for e in base.entities}
    extra = tuple(dict.fromkeys(k for k in named if k not in present))
    return _read(Key(symbol, day, extra, as_of).path) if extra else base
