"""Foundation figures: cold CLI start-up and brief build time.  Prints a table; asserts nothing.

python bench/brief.py [--data-dir ../shared/marketdata] [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cold(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "marketdata")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    writer = shutil.which("writer") or str(Path(sys.executable).parent / "writer")
    rows = []
    help_t = cold([writer, "--help"], args.runs)
    rows.append(("cold `writer --help`", statistics.median(help_t) * 1000, "ms median"))
    brief_t = cold(
        [
            writer,
            "brief",
            "RUT",
            "--week",
            "2025-08-08",
            "--data-dir",
            str(args.data_dir),
            "--format",
            "json",
        ],
        args.runs,
    )
    rows.append(
        ("cold `writer brief RUT --format json`", statistics.median(brief_t) * 1000, "ms median")
    )

    from writer.data.snapshot import SnapshotSource
    from writer.pipeline import weekly_brief

    source = SnapshotSource(args.data_dir)
    weekly_brief("RUT", dt.date(2025, 8, 8), source)  # warm the CSV and calendar caches
    fridays = [dt.date(2024, 9, 6) + dt.timedelta(weeks=i) for i in range(60)]
    per = []
    facts = 0
    for day in fridays:
        start = time.perf_counter()
        brief = weekly_brief("RUT", day, source)
        per.append(time.perf_counter() - start)
        facts += len(brief.facts)
    rows.append(
        (
            "in-process brief build (RUT + 2 peers, 60 weeks)",
            statistics.median(per) * 1000,
            "ms median",
        )
    )
    rows.append(("facts per brief", facts / len(fridays), "mean"))
    width = max(len(r[0]) for r in rows)
    for name, value, unit in rows:
        print(f"{name:<{width}}  {value:8.1f} {unit}")


if __name__ == "__main__":
    main()
