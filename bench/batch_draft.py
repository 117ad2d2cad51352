"""A newsroom batch from the command line: `writer draft SYM... --weeks A..B --jobs N`
against a local OpenAI-compatible server with a fixed latency, timed as a whole process.

Why: the issue's target is 100 drafts with --jobs 20 against a 0.5 s endpoint within 2x of
the ideal (100 x 0.5 s / 20 = 2.5 s), measured as a user runs it: one `writer` process that
imports, reads the data, builds 100 briefs, drafts concurrently through the real `openai`
client, checks every draft in strict mode and writes 300 files.  The scripted server (the
tests' `tests/llm_server.py`) answers each request after `--latency` seconds with the
offline draft of the brief it asks about, prepared before the clock starts.

    python bench/batch_draft.py [--latency 0.5] [--jobs 20] [--weeks 2025-03-21..2025-08-01]
                                [--workers N] [--runs 5] [--chart]

The `writer` next to this Python runs: `/path/to/venv/bin/python bench/batch_draft.py` times
that venv's install (`pip install .` compiles the checker with mypyc; an editable install
does not).  Prints, for each of `--runs` runs, the wall time, its ratio to the ideal, the
process's CPU time, when the requests arrived, and beside it the time of a process that only
imports what a batch imports (the part no drafting can avoid; the machine is shared and
noisy); then the median.  Where PYTHONDONTWRITEBYTECODE is set (as on this machine), run
`python -m compileall writer factcheck` first: pip byte-compiles an installed package, an
editable tree is compiled again by every process.
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
    parser.add_argument("--workers", type=int, help="passed to writer draft (default: its own)")
    parser.add_argument("--runs", type=int, default=5, help="runs of the whole command")
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
    drafts = len(articles)
    ideal = drafts * args.latency / args.jobs
    where = subprocess.run(
        [sys.executable, "-c", "import factcheck.check as c; print(c.__file__)"],
        capture_output=True, text=True, check=True, cwd=tempfile.gettempdir(),
    ).stdout.strip()  # fmt: skip
    compiled = "compiled checker (mypyc)" if where.endswith(".so") else "pure-Python checker"
    print(f"writer: {writer} ({compiled})")
    print(
        f"{drafts} drafts ({', '.join(SYMBOLS)}, {args.weeks}), --jobs {args.jobs}, "
        f"latency {args.latency:g} s, {'with' if args.chart else 'without'} charts, "
        f"--workers {args.workers or 'default'}; ideal {ideal:.2f} s"
    )
    walls = []
    with serve(responder=respond) as server:
        for run in range(1, args.runs + 1):
            # the part of a run no drafting can avoid, measured beside it: a process that
            # only starts and imports what a batch imports
            reference = _timed([sys.executable, "-c", _IMPORTS], os.environ.copy())
            with tempfile.TemporaryDirectory() as tmp:
                env = os.environ | {
                    "OPENAI_BASE_URL": server.url,
                    "OPENAI_API_KEY": "sk-bench",
                    "WRITER_HOME": str(Path(tmp) / "home"),
                    "WRITER_LLM_TIMEOUT": "60",
                }
                argv = [writer, "draft", *SYMBOLS, "--weeks", args.weeks, "--jobs", str(args.jobs)]
                argv += ["--data-dir", str(DATA), "--out", str(Path(tmp) / "out")]
                argv += ["--chart"] if args.chart else ["--no-chart"]
                argv += ["--workers", str(args.workers)] if args.workers else []
                server.requests.clear()
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                started = time.perf_counter()
                done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
                wall = time.perf_counter() - started
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                arrivals = sorted(r.at - started for r in server.requests)
            walls.append(wall)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            print(
                f"run {run}: exit {done.returncode}, {len(done.stdout.split())} published, "
                f"{len(server.requests)} calls; wall {wall:.2f} s = {wall / ideal:.2f}x ideal; "
                f"CPU {cpu:.2f} s ({cpu / drafts * 1000:.0f} ms per draft); requests from "
                f"{arrivals[0] if arrivals else 0:.2f} to {arrivals[-1] if arrivals else 0:.2f} s; "
                f"import-only process {reference:.2f} s"
            )
            for line in done.stderr.splitlines():
                if line.startswith("[") and ": published" not in line:
                    print("  ", line)
    walls.sort()
    median = walls[len(walls) // 2]
    print(
        f"median wall {median:.2f} s = {median / ideal:.2f}x ideal "
        f"(best {walls[0] / ideal:.2f}x, worst {walls[-1] / ideal:.2f}x over {len(walls)} runs)"
    )


_IMPORTS = (
    "import writer.cli, writer.draft.batch, writer.draft.llm, factcheck.check, factcheck.form"
)


def _timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, capture_output=True, check=True)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
