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
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]  # bench/scripted.py, and the tests' servers

from scripted import DATA, SYMBOLS, asked, import_only, offline_articles, run_timed  # noqa: E402

from tests.llm_server import Reply, serve  # noqa: E402

#: what a batch imports (the pipeline brings pandas)
_IMPORTS = (
    "writer.cli, writer.draft.batch, writer.pipeline, writer.draft.llm, factcheck.check, "
    "factcheck.form"
)


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
    articles = offline_articles(args.weeks)

    def respond(body: dict[str, Any]) -> Reply:
        key = asked(body)
        if key is None or key not in articles:
            return Reply(status=400)
        return Reply(text=articles[key], delay=args.latency)

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
            reference = import_only(_IMPORTS)
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
                timed = run_timed(argv, env)
                arrivals = sorted(r.at - timed.started for r in server.requests)
            walls.append(timed.wall)
            print(
                f"run {run}: exit {timed.done.returncode}, {len(timed.done.stdout.split())} "
                f"published, {len(server.requests)} calls; wall {timed.wall:.2f} s = "
                f"{timed.wall / ideal:.2f}x ideal; CPU {timed.cpu:.2f} s "
                f"({timed.cpu / drafts * 1000:.0f} ms per draft); requests from "
                f"{arrivals[0] if arrivals else 0:.2f} to {arrivals[-1] if arrivals else 0:.2f} s; "
                f"import-only process {reference:.2f} s"
            )
            for line in timed.not_published():
                print("  ", line)
    walls.sort()
    median = walls[len(walls) // 2]
    print(
        f"median wall {median:.2f} s = {median / ideal:.2f}x ideal "
        f"(best {walls[0] / ideal:.2f}x, worst {walls[-1] / ideal:.2f}x over {len(walls)} runs)"
    )


if __name__ == "__main__":
    main()
