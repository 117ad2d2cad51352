"""Short names users type -> Yahoo symbols, display names, calendars, aliases and peers."""

from __future__ import annotations

import difflib
import re

from factcheck.brief import Entity
from writer.errors import UnknownSymbol

_INDICES: tuple[tuple[tuple[str, ...], Entity, tuple[str, ...]], ...] = (
    (
        ("RUT",),
        Entity(
            key="RUT",
            yahoo="^RUT",
            name="Russell 2000",
            calendar="XNYS",
            aliases=(
                "Russell",
                "small caps",
                "small-caps",
                "small-cap index",
                "small-cap benchmark",
                "Russell 2000 index",
            ),
        ),
        ("SPX", "COMP"),
    ),
    (
        ("SPX", "GSPC"),
        Entity(
            key="SPX",
            yahoo="^GSPC",
            name="S&P 500",
            calendar="XNYS",
            aliases=(
                "S&P",
                "large caps",
                "large-caps",
                "large-cap index",
                "broader market",
                "Standard & Poor's 500",
                "Standard & Poor's",
                "Standard and Poor's",
            ),
        ),
        ("COMP", "DJI"),
    ),
    (
        ("COMP", "IXIC"),
        Entity(
            key="COMP",
            yahoo="^IXIC",
            name="Nasdaq Composite",
            calendar="XNYS",
            aliases=("Nasdaq", "tech-heavy Nasdaq", "Nasdaq Composite index", "Composite"),
        ),
        ("SPX", "NDX"),
    ),
    (
        ("NDX",),
        Entity(
            key="NDX", yahoo="^NDX", name="Nasdaq 100", calendar="XNYS", aliases=("Nasdaq-100",)
        ),
        ("COMP", "SPX"),
    ),
    (
        ("DJI", "DJIA"),
        Entity(
            key="DJI",
            yahoo="^DJI",
            name="Dow Jones Industrial Average",
            calendar="XNYS",
            aliases=(
                "Dow",
                "Dow Jones",
                "blue chips",
                "blue-chip Dow",
                "blue-chip index",
                "Dow industrials",
                "Dow Jones industrials",
                "DJIA",
            ),
        ),
        ("SPX", "COMP"),
    ),
    (
        ("ASX200", "AXJO", "XJO"),
        Entity(
            key="ASX200",
            yahoo="^AXJO",
            name="S&P/ASX 200",
            calendar="XASX",
            currency="AUD",
            aliases=("ASX 200", "ASX", "XJO", "Australian shares", "Australian benchmark"),
        ),
        ("SPX", "HSI"),
    ),
    (
        ("HSI",),
        Entity(
            key="HSI",
            yahoo="^HSI",
            name="Hang Seng",
            calendar="XHKG",
            currency="HKD",
            aliases=("Hang Seng Index", "Hong Kong stocks", "Hong Kong benchmark", "Hong Kong"),
        ),
        ("SPX", "ASX200"),
    ),
    (
        ("N225", "NIKKEI"),
        Entity(
            key="N225",
            yahoo="^N225",
            name="Nikkei 225",
            calendar="XTKS",
            currency="JPY",
            aliases=("Nikkei", "Japanese stocks"),
        ),
        ("SPX", "HSI"),
    ),
    (
        ("FTSE", "UKX"),
        Entity(
            key="FTSE",
            yahoo="^FTSE",
            name="FTSE 100",
            calendar="XLON",
            currency="GBP",
            aliases=("Footsie", "London stocks"),
        ),
        ("SPX", "DJI"),
    ),
)

_BY_NAME: dict[str, tuple[Entity, tuple[str, ...]]] = {}
for _names, _entity, _peers in _INDICES:
    for _n in (*_names, _entity.yahoo):
        _BY_NAME[_n.upper()] = (_entity, _peers)

_TICKER = re.compile(r"^[A-Z][A-Z0-9]{0,5}([.-][A-Z]{1,2})?$")
_STOCK_PEERS = ("SPX", "COMP")


def known_names() -> list[str]:
    return sorted(n for n in _BY_NAME if not n.startswith("^"))


def resolve(symbol: str) -> Entity:
    """An index short name, a Yahoo caret symbol, or a plain stock ticker such as AAPL."""
    name = symbol.strip().upper()
    if name in _BY_NAME:
        return _BY_NAME[name][0]
    if _TICKER.match(name):
        return Entity(key=name, yahoo=name, name=name, calendar="XNYS")
    raise unknown(symbol)


def peers_of(entity: Entity) -> tuple[Entity, ...]:
    known = _BY_NAME.get(entity.key.upper())
    names = known[1] if known else _STOCK_PEERS
    return tuple(_BY_NAME[p][0] for p in names)


def unknown(symbol: str, candidates: list[str] | None = None) -> UnknownSymbol:
    pool = candidates if candidates is not None else known_names()
    close = difflib.get_close_matches(symbol.strip().upper(), pool, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else f"known: {', '.join(known_names())}"
    return UnknownSymbol(f"unknown symbol {symbol!r}: {hint}")


def is_known(symbol: str) -> bool:
    return symbol.strip().upper() in _BY_NAME


def _norm_name(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name.lower().lstrip("^"))


def _name_pattern() -> tuple[re.Pattern[str], dict[str, Entity]]:
    names: dict[str, Entity] = {}
    for keys, entity, _ in _INDICES:
        for name in (entity.name, *entity.aliases, *keys, entity.yahoo):
            names.setdefault(_norm_name(name), entity)
    alternatives = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(n).replace(r"\ ", r"[\s-]+") for n in alternatives)
    # "S&P 500" in "S&P 500 futures" still names it; "S&P" in "S&P/ASX 200" does not
    return re.compile(rf"(?<![\w&/^])\^?(?:{body})(?![\w&/])", re.IGNORECASE), names


_NAMES_RE, _ENTITY_OF_NAME = _name_pattern()


def named_in(text: str) -> list[Entity]:
    """Every known index an article names, in the order of first mention.

    Longer names win ("S&P/ASX 200" is not the S&P 500, "Nasdaq 100" not the Composite);
    generic aliases count too ("small caps", "blue chips"), because a writer who uses them
    is talking about that index.
    """
    seen: dict[str, Entity] = {}
    for m in _NAMES_RE.finditer(text):
        entity = _ENTITY_OF_NAME.get(_norm_name(m.group(0)))
        if entity is not None:
            seen.setdefault(entity.key, entity)
    return list(seen.values())
