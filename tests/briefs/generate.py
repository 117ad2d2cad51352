"""Build the briefs of tests/briefs with writer from ../shared/marketdata.

    python -m tests.briefs.generate              # rebuild every committed brief
    python -m tests.briefs.generate RUT-2025-08-15 SPX-2025-08-08+RUT RUT-2025-08-08@2025-08-05

(`make briefs`, or `make briefs BRIEFS="RUT-2025-08-15"` to add one.)  A stem names what to
build (see tests/briefs/__init__.py).  Provenance is made machine-independent: the data folder is
written as `../shared/marketdata` (in the source and the notes), the fetch time is the last
day of data, and the library versions are left out, so the files change only when the
brief does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from factcheck.brief import WeeklyIndexBrief
from tests.briefs import HERE, Key, committed, dump

DATA = HERE.parents[2] / "shared" / "marketdata"


def build(key: Key, data_dir: Path = DATA) -> WeeklyIndexBrief:
    """The brief `key` names, as writer builds it from `data_dir` today."""
    from writer.check_command import peer_entities
    from writer.pipeline import open_source, weekly_brief

    built = weekly_brief(
        key.symbol,
        dt.date.fromisoformat(key.day),
        open_source(data_dir),
        peers=peer_entities(key.symbol, key.named) if key.named else None,
        as_of=dt.date.fromisoformat(key.as_of) if key.as_of else None,
    )
    where = (str(data_dir.resolve()), str(data_dir))
    notes = tuple(
        note.replace(where[0], "../shared/marketdata").replace(where[1], "../shared/marketdata")
        for note in built.provenance.notes
    )
    provenance = built.provenance.model_copy(
        update={
            "source": "snapshot:../shared/marketdata",
            "notes": notes,
            "fetched_at": dt.datetime.combine(built.provenance.data_end, dt.time(), tzinfo=dt.UTC),
            "library_versions": {},
        }
    )
    return built.model_copy(update={"provenance": provenance})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("stems", nargs="*", help="briefs to add (default: rebuild every one)")
    parser.add_argument("--data-dir", type=Path, default=DATA)
    args = parser.parse_args(argv)
    keys = [Key.from_stem(s) for s in args.stems] or committed()
    for key in keys:
        text = dump(build(key, args.data_dir))
        old = key.path.read_text(encoding="utf-8") if key.path.is_file() else None
        if text != old:
            key.path.write_text(text, encoding="utf-8")
        state = "new" if old is None else ("changed" if text != old else "same")
        print(f"{key.path.name}: {len(text.encode()):,} bytes, {state}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
