"""Read the earnings corpus (README.md beside this file) and prove its answer keys.

The marks are tests/realstyle's (`answers.strip_marks`); what is new is the yaml's `figures:`
list, one key per mark in order, naming what each mark states (`revenue`, `eps_diluted@ya`,
`ytd`, `beat:fmp`, ... or `na`).  `fits` says whether a mark's written text fits the true
value of its key at the text's own precision; the corpus test holds every `ok` mark to fit and
every `wrong` mark not to.  This proves the keys, not the checker.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

from tests.realstyle.answers import Mark, strip_marks
from tests.realstyle_earnings import figures

HERE = Path(__file__).resolve().parent
FIELDS = ("ticker", "quarter", "style", "notes", "figures")


@dataclass(frozen=True)
class EarningsArticle:
    name: str
    text: str  # the article with the marks stripped
    marks: tuple[Mark, ...]
    ticker: str
    quarter: str  # FY2024-Q3
    style: str
    keys: tuple[str, ...]  # one per mark


def load(path: Path) -> EarningsArticle:
    text, marks = strip_marks(path.read_text(encoding="utf-8"))
    meta = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
    missing = [f for f in FIELDS if f not in meta]
    if missing:
        raise ValueError(f"{path.name}: yaml lacks {missing}")
    keys = tuple(str(k) for k in meta["figures"])
    if len(keys) != len(marks):
        raise ValueError(f"{path.name}: {len(marks)} marks but {len(keys)} figures keys")
    return EarningsArticle(
        path.name, text, marks, str(meta["ticker"]), str(meta["quarter"]), str(meta["style"]), keys
    )


def corpus(folder: Path = HERE) -> list[EarningsArticle]:
    paths = sorted(folder.glob("*.md"))
    return [load(p) for p in paths if p.name != "README.md"]


_NUM = re.compile(
    r"(?P<neg>[-−])?\$?(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<scale>billion|million|thousand|bln\.?|mln\.?|bn|b|m|cents?|percent|%)?",
    re.IGNORECASE,
)
_SCALES = {
    "billion": Decimal(10) ** 9,
    "bln": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "million": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "thousand": Decimal(1000),
    "cent": Decimal("0.01"),
    "cents": Decimal("0.01"),
}
_UNDER = ("nearly", "almost", "close to", "just under", "less than", "under")
_OVER = ("more than", "over", "just over", "above")
_ABOUT = ("about", "roughly", "around", "approximately", "some")
_UP = ("rose", "up", "increase", "grew", "gain", "climb", "higher", "jump", "rise", "advance")
_DOWN = ("fell", "down", "decline", "drop", "lower", "slip", "lost", "decrease", "below", "shed")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Written:
    number: Decimal  # as written, at its scale
    decimals: int
    negative: bool
    scale: Decimal  # 10**9 for "billion", 0.01 for "cents", 1 for dollars and percent


def parse_number(text: str) -> Written:
    """The figure a mark writes: its number, decimals, sign and scale word."""
    m = _NUM.search(text)
    if m is None:
        raise ValueError(f"no figure in {text!r}")
    num = m.group("num").replace(",", "")
    decimals = len(num.split(".")[1]) if "." in num else 0
    scale = (m.group("scale") or "").lower().rstrip(".")
    factor = _SCALES.get(scale, Decimal(1))
    return Written(Decimal(num), decimals, bool(m.group("neg")) or "(" in text, factor)


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def numeric_fits(written: str, before: str, true: float) -> bool:
    w = parse_number(written)
    num, decimals = w.number, w.decimals
    if w.negative and true > 0:
        return False
    at_scale = Decimal(str(abs(true))) / w.scale

    def hedged(words: tuple[str, ...]) -> bool:  # the words right before the figure
        return any(re.search(rf"\b{w}\s*$", before.lower()) for w in words)

    if hedged(_OVER):
        return at_scale > num and _round(at_scale, decimals) <= num * Decimal("1.1")
    if hedged(_UNDER):
        return at_scale < num and at_scale >= num * Decimal("0.9")
    if hedged(_ABOUT):
        unit = Decimal(1).scaleb(-decimals)
        return abs(at_scale - num) <= unit / 2 or abs(at_scale - num) <= abs(num) / 100
    return _round(at_scale, decimals) == num


def _quarter_number(text: str) -> int | None:
    """The quarter a phrase names: "Q3", "3Q", "third-quarter", "3rd quarter"."""
    m = re.search(
        r"\bq([1-4])\b|\b([1-4])(?:q|st|nd|rd|th)\b|\b(first|second|third|fourth)\b", text.lower()
    )
    if m is None:
        return None
    return _ORDINALS[next(g for g in m.groups() if g)]


def fits(art: EarningsArticle, mark: Mark, key: str) -> bool:
    """Whether the mark's text states the truth of `key` for the article's quarter."""
    t, q = art.ticker, art.quarter
    text = mark.text
    low = text.lower()
    if key == "quarter":
        return _quarter_number(text) == figures.parse_label(q)[1]
    if key == "fiscal_year":
        return str(figures.parse_label(q)[0]) in text
    if key == "period_end":
        end = figures.first(t, q, "revenue").end
        return calendar.month_name[end.month].lower() in low and str(end.year) in text
    if key.startswith("sign:"):
        loss = figures.figure(t, q, key.removeprefix("sign:")) < 0
        says_loss = any(w in low for w in ("loss", "lost", "deficit", "red"))
        return says_loss == loss
    if key.startswith("dir:"):
        up = figures.figure(t, q, key.removeprefix("dir:")) > 0
        if any(w in low for w in _DOWN):
            return not up
        if any(w in low for w in _UP):
            return up
        raise ValueError(f"{art.name}: {text!r} is no direction word")
    if key.startswith("beat:"):
        vendor = key.removeprefix("beat:")
        if vendor == "none":
            return False  # no estimate in the data licenses beat/miss
        est = figures.figure(t, q, f"est:{vendor}")
        act = figures.figure(t, q, f"act:{vendor}")
        missed = any(w in low for w in ("miss", "short", "below", "under", "lag"))
        if round(act, 2) == round(est, 2):
            return "line" in low or "match" in low
        return missed == (act < est)
    before = art.text[max(0, mark.start - 20) : mark.start]
    return numeric_fits(text, before, figures.figure(t, q, key))
