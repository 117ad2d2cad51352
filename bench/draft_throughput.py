"""Drafts per second through the whole `writer draft` pipeline against a local LLM server.

Why: the LLM is the slow part of drafting, so what matters is how many articles per second
we finish when requests overlap.  A scripted OpenAI-compatible server on 127.0.0.1 answers
every request after a fixed latency (default 0.5 s) with a correct article for the brief
it was asked about; each draft builds its brief from the snapshot CSVs, calls the real
`openai` client, runs the checker in strict mode, writes the three output files atomically
and logs the call in the SQLite audit log.

    python bench/draft_throughput.py [--latency 0.5] [--workers 1 4 8 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.check import check_text  # noqa: E402
from tests.llm_server import Reply, serve  # noqa: E402
from writer.data.snapshot import SnapshotSource  # noqa: E402
from writer.draft.command import DraftOptions, run_draft  # noqa: E402
from writer.genres.weekly_index.offline import draft_offline  # noqa: E402
from writer.pipeline import weekly_brief  # noqa: E402

DATA = ROOT.parent / "shared" / "marketdata"
SYMBOLS = ("RUT", "SPX", "COMP", "DJI", "HSI")
WEEKS = tuple(dt.date(2025, 6, 13) + dt.timedelta(weeks=i) for i in range(8))
_ASKED = re.compile(r"\(([A-Z0-9]+)\) for the week of (\d{4}-\d{2}-\d{2})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.5, help="seconds per LLM reply")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 4, 8, 20])
    parser.add_argument("--drafts", type=int, default=20, help="symbol-weeks to draft")
    args = parser.parse_args()
    if not (DATA / "RUT.csv").is_file():
        sys.exit(f"market data not found at {DATA}")
    source = SnapshotSource(DATA)
    jobs: list[tuple[str, dt.date]] = []
    articles: dict[tuple[str, str], str] = {}
    for week in WEEKS:  # the scripted model answers with the offline draft, when it verifies
        for symbol in SYMBOLS:
            brief = weekly_brief(symbol, week, source)
            article = draft_offline(brief)
            report = check_text(article, brief, strict=True)
            if not report.ok:
                first = report.errors[0]
                print(
                    f"skipped {symbol} {week}: the offline draft fails the checker "
                    f"({first.text!r} {first.status})"
                )
                continue
            articles[(brief.subject.key, brief.week.sessions[0].isoformat())] = article
            jobs.append((symbol, week))
    jobs = jobs[: args.drafts]

    def respond(body: dict[str, Any]) -> Reply:
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        match = _ASKED.search(user)
        if match is None:
            return Reply(status=400)
        return Reply(text=articles[(match.group(1), match.group(2))], delay=args.latency)

    with tempfile.TemporaryDirectory() as tmp, serve(responder=respond) as server:
        os.environ.update(
            OPENAI_BASE_URL=server.url,
            OPENAI_API_KEY="sk-bench",
            WRITER_HOME=str(Path(tmp) / "home"),
            WRITER_LLM_TIMEOUT="30",
        )
        print(
            f"{len(jobs)} symbol-weeks ({', '.join(sorted({j[0] for j in jobs}))}, "
            f"{jobs[0][1]} .. {jobs[-1][1]}), LLM latency {args.latency:g} s, "
            f"python {sys.version.split()[0]}"
        )
        for workers in args.workers:
            out = Path(tmp) / f"articles-{workers}"

            def one(job: tuple[str, dt.date], out: Path = out) -> int:
                result = run_draft(
                    DraftOptions(symbol=job[0], week=job[1], out_dir=out, quiet=True), source=source
                )
                return result.attempts

            before = len(server.requests)
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=workers) as pool:
                attempts = list(pool.map(one, jobs))
            elapsed = time.perf_counter() - started
            calls = len(server.requests) - before
            assert attempts == [1] * len(jobs) and calls == len(jobs), (attempts, calls)
            print(
                f"workers={workers:>3}  {len(jobs)} drafts in {elapsed:6.2f} s  "
                f"{len(jobs) / elapsed:6.2f} drafts/s  "
                f"({elapsed / len(jobs) * 1000:6.0f} ms per draft, all verified)"
            )


if __name__ == "__main__":
    main()
