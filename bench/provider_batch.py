"""`writer draft SYM... --weeks A..B --batch` against a local Batch API server, timed as a
whole process: what the engine itself costs around the provider's own time.

Why: with `--batch` the provider runs the requests; what is left on this machine is
building the prompts, writing each round's JSONL, uploading it, polling, downloading the
results, checking every reply and writing the articles.  The scripted server
(`tests/batch_api_server.py`) completes each batch on its second poll, answering each line
with the offline draft of the brief it asks about; with `--wrong N` every N-th article's
first draft carries a wrong close, so those are revised in a second batch.

    python bench/provider_batch.py [--weeks 2025-03-21..2025-08-01] [--wrong 5] [--runs 3]

Prints, per run: exit code, articles published, batches and requests the server saw, wall
and CPU time, and the time of a process that only imports what a batch imports, beside it.
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

from tests.batch_api_server import serve  # noqa: E402
from tests.llm_server import Reply  # noqa: E402
from writer.calendar import weeks_between  # noqa: E402
from writer.data.snapshot import SnapshotSource  # noqa: E402
from writer.draft.offline import draft_offline  # noqa: E402
from writer.pipeline import weekly_brief  # noqa: E402

DATA = ROOT.parent / "shared" / "marketdata"
SYMBOLS = ("RUT", "SPX", "COMP", "DJI", "HSI")
_ASKED = re.compile(r"\(([A-Z0-9]+)\) for the week of (\d{4}-\d{2}-\d{2})")
_CLOSE = re.compile(r"session at ([\d,]+\.\d\d)")
_IMPORTS = "import writer.cli, writer.draft.batch, writer.draft.batchapi, factcheck.check"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--weeks", default="2025-03-21..2025-08-01", help="20 weeks: 100 drafts")
    parser.add_argument("--wrong", type=int, default=5, help="every N-th first draft is wrong")
    parser.add_argument("--runs", type=int, default=3)
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
            articles[(brief.subject.key, brief.week.sessions[0].isoformat())] = draft_offline(brief)
    keys = sorted(articles)
    wrong = {k for i, k in enumerate(keys) if args.wrong and i % args.wrong == 0}

    def respond(body: dict[str, Any]) -> Reply:
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        asked = _ASKED.search(user)
        key = (asked.group(1), asked.group(2)) if asked else ("", "")
        if key not in articles:
            return Reply(status=400)
        text = articles[key]
        close = _CLOSE.search(text)
        if key in wrong and len(body["messages"]) == 2 and close is not None:
            return Reply(text=text.replace(close.group(1), "1,234.56", 1))
        return Reply(text=text)

    writer = str(Path(sys.executable).with_name("writer"))
    print(
        f"{len(articles)} articles ({', '.join(SYMBOLS)}, {args.weeks}) with --batch; "
        f"{len(wrong)} first drafts wrong (revised in a second batch)"
    )
    with serve(responder=respond, polls_to_complete=2) as server:
        for run in range(1, args.runs + 1):
            reference = time.perf_counter()
            subprocess.run([sys.executable, "-c", _IMPORTS], check=True, capture_output=True)
            reference = time.perf_counter() - reference
            with tempfile.TemporaryDirectory() as tmp:
                env = os.environ | {
                    "OPENAI_BASE_URL": server.url,
                    "OPENAI_API_KEY": "sk-bench",
                    "WRITER_HOME": str(Path(tmp) / "home"),
                    "WRITER_BATCH_POLL_S": "0.05",
                }
                before_batches = len(server.calls("POST", "/v1/batches"))
                before_lines = len(server.answered_bodies)
                argv = [writer, "draft", *SYMBOLS, "--weeks", args.weeks, "--batch"]
                argv += ["--no-chart", "--data-dir", str(DATA), "--out", str(Path(tmp) / "out")]
                usage = resource.getrusage(resource.RUSAGE_CHILDREN)
                started = time.perf_counter()
                done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
                wall = time.perf_counter() - started
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
            batches = len(server.calls("POST", "/v1/batches")) - before_batches
            lines = len(server.answered_bodies) - before_lines
            print(
                f"run {run}: exit {done.returncode}, {len(done.stdout.split())} published, "
                f"{batches} batches, {lines} requests; wall {wall:.2f} s, CPU {cpu:.2f} s "
                f"({cpu / len(articles) * 1000:.0f} ms per article); import-only process "
                f"{reference:.2f} s"
            )
            for line in done.stderr.splitlines():
                if line.startswith("[") and ": published" not in line:
                    print("  ", line[:600])


if __name__ == "__main__":
    main()
