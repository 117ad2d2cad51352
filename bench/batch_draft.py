"""A newsroom batch from the command line: `writer draft SYM... --weeks A..B --jobs N`
against a local OpenAI-compatible server with a fixed latency, timed as a whole process.

Why: the issue's target is 100 drafts with --jobs 20 against a 0.5 s endpoint within 2x of
the ideal (100 x 0.5 s / 20 = 2.5 s), measured as a user runs it: one `writer` process that
imports, reads the data, builds 100 briefs, drafts concurrently through the real `openai`
client, checks every draft in strict mode and writes 300 files.  The scripted server (the
tests' `tests/llm_server.py`) answers each request after `--latency` seconds with the
offline draft of the brief it asks about, prepared before the clock starts.

    python bench/batch_draft.py [--latency 0.5] [--jobs 20] [--weeks 2025-03-21..2025-08-01]

Prints the wall time, the ideal, their ratio, the process's CPU time, and the verdicts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.llm_server import Reply, serve  # noqa: E402
from writer.calendar import weeks_between  # noqa: E402
from writer.data.snapshot import SnapshotSource  # noqa: E402
from writer.draft.offline import draft_offline  # noqa: E402
from writer.pipeline import weekly_brief  # noqa: E402

DATA = ROOT.parent / "shared" / "marketdata"
SYMBOLS = ("RUT", "SPX", "COMP", "DJI", "HSI")
_ASKED = re.compile(r"\(([A-Z0-9]+)\) for the week of (\d{4}-\d{2}-\d{2})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--latency", type=float, default=0.5)
    parser.add_argument("--jobs", type=int, default=20)
    parser.add_argument("--weeks", default="2025-03-21..2025-08-01", help="20 weeks: 100 drafts")
    parser.add_argument(
        "--chart", action="store_true", help="draw each article's chart too (matplotlib)"
    )
    args = parser.parse_args()
    if not (DATA / "RUT.csv").is_file():
        sys.exit(f"market data not found at {DATA}")
    first, last = (dt.date.fromisoformat(d) for d in args.weeks.split(".."))
    source = SnapshotSource(DATA)
    articles: dict[tuple[str, str], str] = {}
    for symbol in SYMBOLS:
        calendar = "XHKG" if symbol == "HSI" else "XNYS"
        for day in weeks_between(calendar, first, last):
            brief = weekly_brief(symbol, day, source)
            key = (brief.subject.key, brief.week.sessions[0].isoformat())
            articles[key] = draft_offline(brief)

    def respond(body: dict[str, Any]) -> Reply:
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        asked = _ASKED.search(user)
        if asked is None or (asked.group(1), asked.group(2)) not in articles:
            return Reply(status=400)
        return Reply(text=articles[(asked.group(1), asked.group(2))], delay=args.latency)

    writer = str(Path(sys.executable).with_name("writer"))
    with tempfile.TemporaryDirectory() as tmp, serve(responder=respond) as server:
        env = os.environ | {
            "OPENAI_BASE_URL": server.url,
            "OPENAI_API_KEY": "sk-bench",
            "WRITER_HOME": str(Path(tmp) / "home"),
            "WRITER_LLM_TIMEOUT": "60",
        }
        argv = [writer, "draft", *SYMBOLS, "--weeks", args.weeks, "--jobs", str(args.jobs)]
        argv += ["--data-dir", str(DATA), "--out", str(Path(tmp) / "out")]
        argv += ["--chart"] if args.chart else ["--no-chart"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        published = len(done.stdout.split())
        calls = len(server.requests)
        arrivals = sorted(r.at - started for r in server.requests)
    drafts = len(articles)
    ideal = drafts * args.latency / args.jobs
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(
        f"{drafts} drafts ({', '.join(SYMBOLS)}, {args.weeks}), --jobs {args.jobs}, "
        f"latency {args.latency:g} s, {'with' if args.chart else 'without'} charts: "
        f"exit {done.returncode}, {published} published, "
        f"{calls} LLM calls"
    )
    print(
        f"wall {wall:.2f} s, ideal {ideal:.2f} s: {wall / ideal:.2f}x ideal; "
        f"process CPU {cpu:.2f} s ({cpu / drafts * 1000:.0f} ms per draft; user "
        f"{after.ru_utime - before.ru_utime:.2f} s, "
        f"system {after.ru_stime - before.ru_stime:.2f} s)"
    )
    if arrivals:
        print(
            f"requests arrived from {arrivals[0]:.2f} s to {arrivals[-1]:.2f} s after the start; "
            f"the 20th at {arrivals[min(19, len(arrivals) - 1)]:.2f} s"
        )
    for line in done.stderr.splitlines():
        if line.startswith("[") and ": published" not in line:
            print("  ", line)


if __name__ == "__main__":
    main()
