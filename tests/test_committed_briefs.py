"""The briefs committed in tests/briefs (which the checker's tests read instead of building
them with writer) are what writer builds from ../shared/marketdata today, byte for byte: a
change to the brief builder or the data shows here, and `make briefs` brings them back in
line.  Skipped where ../shared/marketdata is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.brief import WeeklyIndexBrief, differences
from tests.briefs import HERE, Key, committed, dump, load
from tests.briefs.generate import build

KEYS = committed()


def test_the_briefs_are_committed_and_named_as_they_are_built() -> None:
    assert len(KEYS) >= 20
    assert [k.path for k in KEYS] == sorted(HERE.glob("*.json"))
    for key in KEYS:
        assert Key.from_stem(key.stem) == key
        brief = WeeklyIndexBrief.model_validate_json(key.path.read_text(encoding="utf-8"))
        assert brief.subject.key == key.symbol, key.stem
        assert str(brief.week.as_of) == str(key.as_of), key.stem
        assert brief.week.start.isoformat() <= key.day <= brief.week.end.isoformat(), key.stem
        assert [p.key for p in brief.peers][-len(key.named) :] == list(key.named) or not key.named


@pytest.mark.parametrize("key", KEYS, ids=[k.stem for k in KEYS])
def test_a_committed_brief_is_what_writer_builds(shared_data: Path, key: Key) -> None:
    built = build(key, shared_data)
    text = key.path.read_text(encoding="utf-8")
    if text != dump(built):
        old = WeeklyIndexBrief.model_validate_json(text)
        rest = old.model_copy(update={"facts": ()}) == built.model_copy(update={"facts": ()})
        pytest.fail(
            f"{key.path.name} is not what writer builds today (`make briefs` rebuilds it); "
            f"figures that differ: {differences(old, built)[:10]}; all else equal: {rest}"
        )


@pytest.mark.parametrize("key", [k for k in KEYS if k.named], ids=lambda k: k.stem)
def test_a_brief_with_named_peers_adds_indices_the_default_lacks(key: Key) -> None:
    """`load` reads the default brief for an index that is a default peer already: a file
    naming one would never be read."""
    default = load(key.symbol, key.day, as_of=key.as_of)
    assert not {e.key for e in default.entities} & set(key.named), key.stem
    assert load(key.symbol, key.day, *key.named, as_of=key.as_of) != default
    # naming the subject or a default peer as well changes nothing
    also = (key.symbol, *key.named, default.peers[0].key)
    assert load(key.symbol, key.day, *also, as_of=key.as_of) == load(
        key.symbol, key.day, *key.named, as_of=key.as_of
    )
