"""What the drafting benches share: the correct article for every symbol-week they ask a
scripted server for, and a `writer` process timed as a whole (wall and CPU).

Why a module: `batch_draft.py` (threads and workers against a chat endpoint) and
`provider_batch.py` (the Batch API engine) prepare the same answers and time the same way,
so that their figures can be read side by side.
"""

from __future__ import annotations

import datetime as dt
import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from writer.calendar import weeks_between  # noqa: E402
from writer.data.snapshot import SnapshotSource  # noqa: E402
from writer.genres.weekly_index.offline import draft_offline  # noqa: E402
from writer.pipeline import weekly_brief  # noqa: E402

DATA = ROOT.parent / "shared" / "marketdata"
SYMBOLS = ("RUT", "SPX", "COMP", "DJI", "HSI")
_ASKED = re.compile(r"\(([A-Z0-9]+)\) for the week of (\d{4}-\d{2}-\d{2})")


def offline_articles(weeks: str) -> dict[tuple[str, str], str]:
    """(symbol, first session) -> the offline draft of that week, for every symbol of
    `SYMBOLS` and every trading week of `weeks` (FIRST..LAST)."""
    if not (DATA / "RUT.csv").is_file():
        sys.exit(f"market data not found at {DATA}")
    first, last = (dt.date.fromisoformat(d) for d in weeks.split(".."))
    source = SnapshotSource(DATA)
    articles: dict[tuple[str, str], str] = {}
    for symbol in SYMBOLS:
        calendar = "XHKG" if symbol == "HSI" else "XNYS"
        for day in weeks_between(calendar, first, last):
            brief = weekly_brief(symbol, day, source)
            articles[(brief.subject.key, brief.week.sessions[0].isoformat())] = draft_offline(brief)
    return articles


def asked(body: dict[str, Any]) -> tuple[str, str] | None:
    """Which (symbol, first session) a chat request asks about, from its first user turn."""
    user = next((m["content"] for m in body.get("messages", []) if m["role"] == "user"), "")
    found = _ASKED.search(user)
    return (found.group(1), found.group(2)) if found else None


@dataclass(frozen=True)
class Timed:
    done: subprocess.CompletedProcess[str]
    started: float  # time.perf_counter() when it started
    wall: float
    cpu: float

    def not_published(self) -> list[str]:
        """The progress lines of articles that ended otherwise than published."""
        return [
            line[:600]
            for line in self.done.stderr.splitlines()
            if line.startswith("[") and ": published" not in line
        ]


def run_timed(argv: list[str], env: dict[str, str]) -> Timed:
    """One process, waited for: its wall time and the CPU it and its children used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(done, started, wall, cpu)


def import_only(modules: str) -> float:
    """Seconds a process takes that only starts and imports `modules`: the part of a run no
    drafting can avoid, measured beside it on a shared, noisy machine."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {modules}"], check=True, capture_output=True)
    return time.perf_counter() - started
