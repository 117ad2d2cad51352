"""Write the briefs the rule fixtures are checked against, from ../shared/marketdata.

Run from the repository root: `python tests/rules/briefs/make.py`.  The fixtures need only
the checker (pydantic and PyYAML): the briefs are committed, and
`tests/test_rule_registry.py` holds them equal to what writer builds from the data today.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[3] / "shared" / "marketdata"

#: name -> (symbol, a day of the week); the time the brief says it was built is fixed, so the
#: files change only when the figures do.
BRIEFS = {
    "RUT-2025-08-08": ("RUT", dt.date(2025, 8, 8)),
    # a week with a holiday (Friday, July 4): a weekday with no session
    "RUT-2025-07-03": ("RUT", dt.date(2025, 7, 3)),
}


def build(name: str, data: Path = DATA) -> str:
    from writer.pipeline import open_source, weekly_brief

    symbol, day = BRIEFS[name]
    now = dt.datetime.combine(day + dt.timedelta(days=2), dt.time(12), dt.UTC)
    brief = weekly_brief(symbol, day, open_source(data), now=now)
    return brief.model_dump_json(indent=1) + "\n"


if __name__ == "__main__":
    for name in BRIEFS:
        (HERE / f"{name}.json").write_text(build(name), encoding="utf-8")
        print(f"wrote {name}.json")
