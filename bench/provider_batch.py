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
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]  # bench/scripted.py, and the tests' servers

from scripted import DATA, SYMBOLS, asked, import_only, offline_articles, run_timed  # noqa: E402

from tests.batch_api_server import serve  # noqa: E402
from tests.llm_server import Reply  # noqa: E402

_CLOSE = re.compile(r"session at ([\d,]+\.\d\d)")
_IMPORTS = "writer.cli, writer.draft.batch, writer.pipeline, writer.draft.batchapi, factcheck.check"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--weeks", default="2025-03-21..2025-08-01", help="20 weeks: 100 drafts")
    parser.add_argument("--wrong", type=int, default=5, help="every N-th first draft is wrong")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    articles = offline_articles(args.weeks)
    keys = sorted(articles)
    wrong = {k for i, k in enumerate(keys) if args.wrong and i % args.wrong == 0}

    def respond(body: dict[str, Any]) -> Reply:
        key = asked(body)
        if key is None or key not in articles:
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
            reference = import_only(_IMPORTS)
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
                timed = run_timed(argv, env)
            batches = len(server.calls("POST", "/v1/batches")) - before_batches
            lines = len(server.answered_bodies) - before_lines
            print(
                f"run {run}: exit {timed.done.returncode}, {len(timed.done.stdout.split())} "
                f"published, {batches} batches, {lines} requests; wall {timed.wall:.2f} s, "
                f"CPU {timed.cpu:.2f} s ({timed.cpu / len(articles) * 1000:.0f} ms per "
                f"article); import-only process {reference:.2f} s"
            )
            for line in timed.not_published():
                print("  ", line)


if __name__ == "__main__":
    main()
