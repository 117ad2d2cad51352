"""Wall time of one offline draft end to end as a cold CLI process.

Why: `writer draft --offline` is what CI and people without a key run; its cost is mostly
interpreter start-up and imports (pandas, exchange calendars), so it is measured as a fresh
process each time, exactly as a user would run it.

    python bench/offline_draft.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "marketdata"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    writer = shutil.which("writer", path=str(Path(sys.executable).parent)) or "writer"
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "WRITER_HOME": str(Path(tmp) / "home"),
            "WRITER_CACHE_DIR": str(Path(tmp) / "cache"),
        }
        command = [
            writer,
            "draft",
            "RUT",
            "--week",
            "2025-08-08",
            "--offline",
            "--data-dir",
            str(DATA),
            "--out",
            str(Path(tmp) / "articles"),
            "--force",
            "--quiet",
        ]
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - started)
    print(
        f"offline draft, cold process ({' '.join(command[1:4])}): runs {args.runs}, "
        f"median {statistics.median(times):.2f} s, min {min(times):.2f} s, "
        f"max {max(times):.2f} s"
    )


if __name__ == "__main__":
    main()
