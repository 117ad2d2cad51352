"""`writer draft` against a real model on an OpenAI-compatible endpoint, one week at a time.

Why: the other benchmarks script the model; this one measures what a real (small, local)
instruct model makes of the prompt, the checker's findings and the repair loop.  For each
week it runs the `writer` CLI as a user would, as a fresh process with

    OPENAI_BASE_URL=--base-url   OPENAI_API_KEY=dummy (unless --api-key-env names a key)
    WRITER_MODEL=--model-name    WRITER_LLM_TIMEOUT=--timeout (600 s)
    WRITER_HOME=a folder of its own per week (so the audit log holds that week's calls only)

    writer draft SYMBOL --week W --data-dir D --out OUT --force --context-tokens N

and prints one row per week:

- exit: the CLI's exit code (0 published, 1 rejected, 2 bad input, 3 data, 4 LLM failing);
- attempts: the front matter's `attempts` of the article or the rejected draft (else the
  highest `attempt` in the audit log);
- calls: HTTP calls logged (a reply that is no article is asked for again: more calls);
- verdict: published (a verified `.md`), rejected (`.rejected.md`) or failed (neither);
- figures / form: error findings in the last check report (`*.check.json` or
  `*.rejected.check.json`), figure ones and form ones (claims of kind "form"); a run that
  failed keeps no report, so its last reply in the audit log is saved as
  `<stem>.last-reply.md` and checked with `writer check --form` (marked `*`);
- seconds: wall time of the process; tokens in / out: summed over the audit log's calls.

Then the text of the first published article, or else the first 40 lines of the last
rejected draft (or last logged reply) and the messages of its findings, and the last stderr
line of any failure.

Run it against a local server, e.g. llama-cpp-python's:

    python -m llama_cpp.server --model MODEL.gguf --n_ctx 4096 --host 127.0.0.1 --port 8765
    .venv/bin/python bench/real_model.py --base-url http://127.0.0.1:8765/v1 \\
        --model-name MODEL [--weeks 2025-08-08 2025-07-11] [--symbol RUT]

Stdlib only: the audit log is read with `sqlite3`, the front matter with a line parser.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "marketdata"
WEEKS = ("2025-08-08", "2025-07-11", "2025-06-13")
EXCERPT_LINES = 40


@dataclass
class WeekResult:
    """What one `writer draft` run left behind, read back from its files and audit log."""

    week: str
    exit_code: int
    seconds: float
    verdict: str = "failed"
    attempts: int | None = None
    calls: int = 0
    figure_findings: int | None = None
    form_findings: int | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    article: Path | None = None
    rejected: Path | None = None
    findings: list[str] = field(default_factory=list)
    stderr_tail: str = ""
    #: a failed run keeps no draft: the audit log's last reply, and its `writer check --form`
    last_reply: Path | None = None
    rechecked: bool = False


def front_matter(path: Path) -> dict[str, str]:
    """The `key: value` lines of a file's leading `---` block (flat YAML, as writer emits)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    meta: dict[str, str] = {}
    if not lines or lines[0].strip() != "---":
        return meta
    for line in lines[1:]:
        if line.strip() == "---":
            break
        key, sep, value = line.partition(":")
        if sep and not line.startswith((" ", "\t")):
            meta[key.strip()] = value.strip().strip("'\"")
    return meta


def read_report(path: Path) -> tuple[int, int, list[str]]:
    """(figure errors, form errors, one line per error) of a `*.check.json` report, or of
    `writer check --format json` output (a list of such reports)."""
    loaded: Any = json.loads(path.read_text(encoding="utf-8"))
    reports: list[dict[str, Any]] = loaded if isinstance(loaded, list) else [loaded]
    claims = [c for report in reports for c in report.get("claims", [])]
    figures = form = 0
    lines: list[str] = []
    for claim in claims:
        if claim.get("severity") != "error":
            continue
        kind = str(claim.get("kind", ""))
        if kind == "form":
            form += 1
        else:
            figures += 1
        expected = f" (expected {claim['expected']})" if claim.get("expected") else ""
        lines.append(
            f"[{kind}/{claim.get('status')}] line {claim.get('line')}: "
            f"{claim.get('text')!r}{expected} {claim.get('message', '')}".rstrip()
        )
    return figures, form, lines


def read_audit(home: Path) -> tuple[int, int, int, int, str | None]:
    """(calls, highest attempt, prompt tokens, completion tokens, the last reply) in the
    week's audit log."""
    path = home / "audit.sqlite"
    if not path.is_file():
        return 0, 0, 0, 0, None
    with sqlite3.connect(path) as conn:
        row = conn.execute(
            "SELECT COUNT(*), COALESCE(MAX(attempt), 0), COALESCE(SUM(prompt_tokens), 0), "
            "COALESCE(SUM(completion_tokens), 0) FROM llm_calls"
        ).fetchone()
        last = conn.execute(
            "SELECT response_text FROM llm_calls WHERE response_text IS NOT NULL "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
    reply = None if last is None else str(last[0])
    return int(row[0]), int(row[1]), int(row[2]), int(row[3]), reply


def check_reply(writer: str, args: argparse.Namespace, week: str, reply: Path) -> Path | None:
    """`writer check --form` over a reply the run kept no report of, as JSON beside it."""
    command = [writer, "check", str(reply), "--ticker", args.symbol, "--week", week, "--form"]
    command += ["--data-dir", str(args.data_dir), "--format", "json"]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        print(f"  | writer check exit {proc.returncode}: {proc.stderr.strip()}", flush=True)
        return None
    report = reply.with_suffix(".check.json")
    report.write_text(proc.stdout, encoding="utf-8")
    return report


def run_week(
    writer: str, args: argparse.Namespace, week: str, out: Path, homes: Path
) -> WeekResult:
    """One `writer draft` process for `week`, timed, and what it left behind."""
    home = homes / week
    home.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "OPENAI_BASE_URL": args.base_url,
        "OPENAI_API_KEY": os.environ.get(args.api_key_env, "") if args.api_key_env else "dummy",
        "WRITER_MODEL": args.model_name,
        "WRITER_LLM_TIMEOUT": str(args.timeout),
        "WRITER_HOME": str(home),
    }
    command = [
        writer,
        "draft",
        args.symbol,
        "--week",
        week,
        "--data-dir",
        str(args.data_dir),
        "--out",
        str(out),
        "--force",
        "--context-tokens",
        str(args.context_tokens),
    ]
    print(f"$ {' '.join(command)}", flush=True)
    started = time.perf_counter()
    proc = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    result = WeekResult(week, proc.returncode, time.perf_counter() - started)
    tail = [line for line in proc.stderr.splitlines() if line.strip()]
    result.stderr_tail = tail[-1] if tail else ""
    for line in tail:
        print(f"  | {line}", flush=True)
    stem = f"{args.symbol.lower().lstrip('^')}-{week}"
    published, rejected = out / f"{stem}.md", out / f"{stem}.rejected.md"
    report = None
    if proc.returncode == 0 and published.is_file():
        result.verdict, result.article, report = "published", published, out / f"{stem}.check.json"
    elif rejected.is_file():
        result.verdict, result.rejected = "rejected", rejected
        report = out / f"{stem}.rejected.check.json"
    draft = result.article or result.rejected
    if draft is not None:
        attempts = front_matter(draft).get("attempts", "")
        result.attempts = int(attempts) if attempts.isdigit() else None
    if report is not None and report.is_file():
        result.figure_findings, result.form_findings, result.findings = read_report(report)
    calls, top, result.prompt_tokens, result.completion_tokens, reply = read_audit(home)
    result.calls = calls
    if result.attempts is None and top:
        result.attempts = top
    if draft is None and reply is not None:  # a failed run: check what the model last said
        result.last_reply = out / f"{stem}.last-reply.md"
        result.last_reply.write_text(reply, encoding="utf-8")
        checked = check_reply(writer, args, week, result.last_reply)
        if checked is not None:
            result.figure_findings, result.form_findings, result.findings = read_report(checked)
            result.rechecked = True
    return result


def show(value: int | None) -> str:
    return "-" if value is None else str(value)


def print_table(results: list[WeekResult]) -> None:
    header = ["week", "exit", "attempts", "calls", "verdict", "figures", "form", "seconds"]
    header += ["tokens in", "tokens out"]
    rows = [header]
    for r in results:
        rows.append(
            [
                r.week,
                str(r.exit_code),
                show(r.attempts),
                str(r.calls),
                r.verdict,
                show(r.figure_findings) + ("*" if r.rechecked else ""),
                show(r.form_findings) + ("*" if r.rechecked else ""),
                f"{r.seconds:.1f}",
                str(r.prompt_tokens),
                str(r.completion_tokens),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for n, row in enumerate(rows):
        cells = zip(row, widths, strict=True)
        print(
            "  ".join(c.ljust(w) if i in (0, 4) else c.rjust(w) for i, (c, w) in enumerate(cells))
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))


def print_sample(results: list[WeekResult]) -> None:
    """The first published article in full, else the last rejected draft's head and findings."""
    published = [r for r in results if r.article is not None]
    if published and published[0].article is not None:
        print(f"\n=== published: {published[0].article} ===")
        print(published[0].article.read_text(encoding="utf-8"))
        return
    kept = [(r, r.rejected) for r in results if r.rejected is not None]
    kept = kept or [(r, r.last_reply) for r in results if r.last_reply is not None]
    if not kept:
        print("\nno article, no rejected draft and no reply was written")
        return
    last, path = kept[-1]
    assert path is not None
    what = "rejected" if last.rejected is not None else "no draft kept; the last logged reply"
    lines = path.read_text(encoding="utf-8").splitlines()
    print(f"\n=== {what}: {path} (first {EXCERPT_LINES} of {len(lines)} lines) ===")
    print("\n".join(lines[:EXCERPT_LINES]))
    how = " (writer check --form)" if last.rechecked else ""
    print(f"\n=== its {len(last.findings)} findings{how} ===")
    for finding in last.findings:
        print(f"- {finding}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--base-url", required=True, help="e.g. http://127.0.0.1:8765/v1")
    parser.add_argument("--model-name", required=True, help="sent as WRITER_MODEL")
    parser.add_argument("--weeks", nargs="+", default=list(WEEKS), help="dates, YYYY-MM-DD")
    parser.add_argument("--symbol", default="RUT")
    parser.add_argument("--data-dir", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=None, help="default: a new temp folder")
    parser.add_argument("--context-tokens", type=int, default=4096)
    parser.add_argument("--timeout", type=float, default=600.0, help="WRITER_LLM_TIMEOUT, s")
    parser.add_argument(
        "--api-key-env", default="", help="name of an env var holding a real key (default none)"
    )
    parser.add_argument("--writer", default="", help="the writer CLI (default: beside python)")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    writer = args.writer or shutil.which("writer", path=str(Path(sys.executable).parent))
    writer = writer or shutil.which("writer")
    if not writer:
        print("writer CLI not found; activate the venv or pass --writer", file=sys.stderr)
        return 2
    if not args.data_dir.is_dir():
        print(f"market data not found at {args.data_dir}; pass --data-dir", file=sys.stderr)
        return 2
    out: Path = args.out or Path(tempfile.mkdtemp(prefix="writer-real-model-"))
    homes = Path(tempfile.mkdtemp(prefix="writer-real-model-home-"))
    print(f"model {args.model_name} at {args.base_url}; out {out}; audit logs under {homes}")
    results = [run_week(writer, args, week, out, homes) for week in args.weeks]
    print()
    print_table(results)
    failed = [r for r in results if r.verdict == "failed"]
    for r in failed:
        print(f"{r.week}: exit {r.exit_code}: {r.stderr_tail}")
    print_sample(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
