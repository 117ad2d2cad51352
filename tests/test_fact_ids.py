"""Every fact id a real brief holds is the one `factcheck.ids` spells from the fact's own
fields: the builder, the drafter and the judges cannot drift apart on a spelling."""

from __future__ import annotations

import pytest

from factcheck import ids
from factcheck.brief import Fact, WeeklyIndexBrief


def spelled(f: Fact) -> str:
    if f.metric == "spread_pp":
        assert f.versus is not None
        return ids.spread(f.entity, f.versus, f.period)
    if f.metric == "ma":
        return ids.moving_average(f.entity, int(f.period.removesuffix("d")))
    if f.metric == "vs_ma_pct":
        return ids.vs_moving_average(f.entity, int(f.period.removesuffix("d")))
    if f.metric == "streak":
        return ids.streak(f.entity, f.period)
    if f.metric == "level":
        return ids.level(f.entity, f.period)
    if len(f.period) == 10 and f.period[4] == "-":  # a session date
        return ids.session(f.entity, f.metric, f.period)
    return ids.period(f.entity, f.period, f.metric)


@pytest.mark.parametrize(("symbol", "day"), [("RUT", "2025-08-08"), ("HSI", "2025-03-14")])
def test_every_fact_id_is_spelled_by_ids(brief: object, symbol: str, day: str) -> None:
    built: WeeklyIndexBrief = brief(symbol, day)  # type: ignore[operator]
    wrong = [(f.id, spelled(f)) for f in built.facts if spelled(f) != f.id]
    assert not wrong, wrong[:5]
    assert len(built.facts) > 100  # the whole brief was looked at
