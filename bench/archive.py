"""Archive-scale gate: `writer check` over N article files spread across W weekly briefs.

Why: gating an archive of published recaps is one `writer check` over thousands of files
whose weeks are all different, so the cost that matters is building a brief per week, not
checking an article against one.  This measures the whole process as CI runs it and sets it
beside `check_text` alone on the same articles, so the overhead of everything around the
checker (reading files, building briefs, rendering) is one ratio.

    python bench/archive.py [--data-dir ../shared/marketdata] [--files 1000 10000]
                            [--weeks 462 500] [--format json] [--keep DIR] [--repeat 3]
                            [--sidecars]

Articles are the offline drafter's, one per (index, week), with front matter naming the
index and week (no sidecar brief: the gate builds every brief from the data; with
`--sidecars`, each with its brief beside it, pinned, as `writer draft` publishes it: the gate
audits every sidecar against the data).  File i is the
article of week i mod W in a shuffled order, so consecutive files need different briefs, as
in an archive listed by name.  For each run it prints files/s, CPU seconds per file (the
child and its workers, from `os.wait4`), the child's peak RSS, and the ratio of that CPU per
file to `check_text`'s CPU per file in process with the briefs prepared.  Prints a table;
asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # after site-packages: an installed (compiled) build wins

from factcheck.brief import WeeklyIndexBrief  # noqa: E402
from factcheck.check import check_text  # noqa: E402

SYMBOLS = ("RUT", "SPX", "COMP", "DJI", "HSI", "ASX200", "IWM")


def targets(data_dir: Path, weeks: int, seed: int) -> list[tuple[str, dt.date]]:
    """`weeks` distinct (index, Friday) pairs, taken round-robin over the indices so every
    index has about as many weeks, each one that the data can brief."""
    from writer import symbols
    from writer.pipeline import open_source, weekly_brief

    source = open_source(data_dir)
    per_symbol: list[list[tuple[str, dt.date]]] = []
    for symbol in SYMBOLS:
        yahoo = symbols.resolve(symbol).yahoo
        index = source.history([yahoo], dt.date(1990, 1, 1), dt.date(2100, 1, 1))[yahoo].index
        first, last = index[0].date(), index[-1].date()
        day = first + dt.timedelta(days=(4 - first.weekday()) % 7 + 7)
        fridays = []
        while day <= last:
            fridays.append((symbol, day))
            day += dt.timedelta(days=7)
        per_symbol.append(fridays)
    rng = random.Random(seed)
    for fridays in per_symbol:
        rng.shuffle(fridays)
    out: list[tuple[str, dt.date]] = []
    while len(out) < weeks and any(per_symbol):
        for fridays in per_symbol:
            while fridays and len(out) < weeks:
                symbol, day = fridays.pop()
                try:
                    weekly_brief(symbol, day, source)
                except Exception:  # a week the data cannot brief (no prior session, holiday)
                    continue
                out.append((symbol, day))
                break
    return out


def articles(
    data_dir: Path, weeks: int, seed: int, keep: Path | None, sidecars: bool = False
) -> list[tuple[str, dt.date, str, str]]:
    """(index, Friday, article text, brief JSON or "") per week, drafted offline (reused
    from `keep`).  With `sidecars`, each article is as `writer draft` publishes it: its brief
    beside it, pinned by `brief_sha256` in its front matter."""
    name = f"articles-{weeks}-{seed}{'-sidecars' if sidecars else ''}.json"
    cache = None if keep is None else keep / name
    if cache is not None and cache.is_file():
        rows = json.loads(cache.read_text(encoding="utf-8"))
        return [(s, dt.date.fromisoformat(d), t, b) for s, d, t, b in rows]
    from writer.genres.weekly_index.offline import draft_offline
    from writer.pipeline import open_source, weekly_brief

    source = open_source(data_dir)
    out = []
    for symbol, day in targets(data_dir, weeks, seed):
        brief = weekly_brief(symbol, day, source)
        text = draft_offline(brief)
        sidecar = brief.model_dump_json(indent=2) if sidecars else ""
        pin = f"brief_sha256: {hashlib.sha256(sidecar.encode()).hexdigest()}\n" if sidecar else ""
        front = f"---\nticker: {symbol}\nweek: {day.isoformat()}\n{pin}---\n"
        out.append((symbol, day, front + text, sidecar))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        rows = [(s, d.isoformat(), t, b) for s, d, t, b in out]
        cache.write_text(json.dumps(rows), encoding="utf-8")
    return out


def order(n_files: int, n_weeks: int, seed: int) -> list[int]:
    """Which week's article each file is: every week about equally often, neighbours apart."""
    weeks = list(range(n_weeks))
    random.Random(seed + 1).shuffle(weeks)
    return [weeks[i % n_weeks] for i in range(n_files)]


def run_cli(
    texts: list[str], which: list[int], data_dir: Path, fmt: str, briefs: list[str]
) -> dict[str, float]:
    """One `writer check` process over the files (each with its sidecar brief where
    `briefs` gives one): wall time, CPU (child and its workers), peak RSS of the largest of
    them, exit code and output size."""
    writer = Path(sys.executable).with_name("writer")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, w in enumerate(which):
            path = Path(tmp) / f"a{i:05d}.md"
            path.write_text(texts[w], encoding="utf-8")
            if briefs[w]:
                path.with_suffix(".brief.json").write_text(briefs[w], encoding="utf-8")
            paths.append(str(path))
        out_path = Path(tmp) / "out.txt"
        cmd = [str(writer), "check", "--format", fmt, "--data-dir", str(data_dir), *paths]
        env = {**os.environ, "WRITER_CACHE_DIR": tmp}
        with out_path.open("wb") as out, open(os.devnull, "wb") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"writer check failed ({proc.returncode}); run it by hand: {cmd[:6]}")
        return {
            "wall": elapsed,
            "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mib": usage.ru_maxrss / 1024,  # kilobytes on Linux
            "code": proc.returncode,
            "out_mib": out_path.stat().st_size / 2**20,
        }


def check_text_cpu(
    rows: list[tuple[str, dt.date, str, str]], which: list[int], data_dir: Path
) -> tuple[float, float]:
    """CPU seconds per file of `check_text` in process over the same files in the same order,
    with every brief built beforehand: (warm, each brief's checker index already built;
    cold, that index built anew for every file as a brief cache that thrashes would)."""
    from writer.pipeline import open_source, weekly_brief

    source = open_source(data_dir)
    briefs = [weekly_brief(s, d, source) for s, d, _, _ in rows]
    texts = [t for _, _, t, _ in rows]
    gc.collect()
    gc.freeze()
    warm: dict[int, float] = {}
    for w in set(which):
        check_text(texts[w], briefs[w])  # builds and caches the brief's index
        t0 = time.process_time()
        check_text(texts[w], briefs[w])
        warm[w] = time.process_time() - t0
    copies: list[WeeklyIndexBrief] = [b.model_copy() for b in briefs]
    sample = which[:2000]
    t0 = time.process_time()
    for w in sample:
        check_text(texts[w], copies[w])
        copies[w] = copies[w].model_copy()  # a new object: the checker's cache misses
    cold = (time.process_time() - t0) / len(sample)
    gc.unfreeze()
    return sum(warm[w] for w in which) / len(which), cold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "marketdata")
    parser.add_argument("--files", type=int, nargs="+", default=[1000])
    parser.add_argument(
        "--weeks", type=int, nargs="+", default=[462], help="distinct briefs, one per --files"
    )
    parser.add_argument("--format", default="json", help="any `writer check --format`")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each; the least disturbed one counts"
    )
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--keep", type=Path, help="folder to keep drafted articles in")
    parser.add_argument("--no-check-text", action="store_true", help="skip the in-process run")
    parser.add_argument(
        "--sidecars",
        action="store_true",
        help="each article with its .brief.json pinned by brief_sha256, as writer draft writes",
    )
    args = parser.parse_args()
    weeks = args.weeks * len(args.files) if len(args.weeks) == 1 else args.weeks
    if len(weeks) != len(args.files):
        raise SystemExit("give one --weeks, or one per --files")

    print(f"writer check over an archive ({os.cpu_count()} CPUs, --format {args.format})")
    print(
        f"{'files':>6} {'weeks':>5} {'wall s':>7} {'files/s':>8} {'CPU ms/file':>11} "
        f"{'check_text ms/file':>18} {'ratio':>6} {'cold ms':>8} {'peak RSS MiB':>12} "
        f"{'out MiB':>8}"
    )
    # every `writer check` process first: a child's peak RSS counts the copy of this
    # process it was forked from, so it must fork before the in-process check_text runs
    # have grown this one
    measured = []
    for n_files, n_weeks in zip(args.files, weeks, strict=True):
        rows = articles(args.data_dir, n_weeks, args.seed, args.keep, args.sidecars)
        which = order(n_files, len(rows), args.seed)
        texts = [t for _, _, t, _ in rows]
        briefs = [b for _, _, _, b in rows]
        runs = [
            run_cli(texts, which, args.data_dir, args.format, briefs) for _ in range(args.repeat)
        ]
        run = {k: min(r[k] for r in runs) for k in ("wall", "cpu", "out_mib")}
        run["rss_mib"] = max(r["rss_mib"] for r in runs)
        measured.append((n_files, n_weeks, run))
        del rows, texts, briefs
    for n_files, n_weeks, run in measured:
        rows = articles(args.data_dir, n_weeks, args.seed, args.keep, args.sidecars)
        which = order(n_files, len(rows), args.seed)
        per_file = run["cpu"] / n_files
        if args.no_check_text:
            warm = cold = float("nan")
        else:
            timed = [check_text_cpu(rows, which, args.data_dir) for _ in range(args.repeat)]
            warm, cold = min(t[0] for t in timed), min(t[1] for t in timed)
        print(
            f"{n_files:>6} {len(rows):>5} {run['wall']:>7.2f} {n_files / run['wall']:>8.0f} "
            f"{per_file * 1000:>11.2f} {warm * 1000:>18.2f} {per_file / warm:>6.2f} "
            f"{cold * 1000:>8.2f} {run['rss_mib']:>12.0f} {run['out_mib']:>8.1f}",
            flush=True,
        )
    print(
        "ratio: writer check CPU per file / check_text CPU per file (warm: the brief's checker "
        "index cached); cold: check_text with that index rebuilt for every file; with "
        f"--repeat {args.repeat}: the least wall and CPU time, the largest peak RSS"
    )


if __name__ == "__main__":
    main()
