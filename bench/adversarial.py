"""Is every scan over article and reply text linear on hostile text?  CPU ms per KB.

    python bench/adversarial.py [--data-dir ../shared/marketdata] [--max-kb 1024]

Each shape is a worst case for one family of patterns, repeated to 10 KB, 100 KB and 1 MiB:
floods of each opener without its closer (`[`, `![`, `[a](`, `<`, `<!--`, `{{`, backticks,
emphasis), nested and unbalanced brackets, runs of digits and separators, `|` tables, one
very long line, many short lines, and ordinary recap prose.  Each cell is the CPU time
(`time.process_time`) of what a reply goes through: `unfence`, `check_text` and the form
rules (`writer draft`; `writer check --form` is the last two).  A flat ms/KB row means linear
work; a row that grows with the size is the bug.  The last column is the cost at the largest
size over one pass of a compiled number regex over the same text: it must not grow either.
Printed, not asserted: the machine is shared and noisy (tests/test_linear_scans.py asserts).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # after site-packages: an installed (compiled) build wins

from factcheck.check import check_text  # noqa: E402
from factcheck.errors import TooLarge  # noqa: E402
from factcheck.form import FormRules  # noqa: E402
from factcheck.genres import form_findings  # noqa: E402
from writer.draft.llm import unfence  # noqa: E402
from writer.genres.weekly_index.offline import draft_offline  # noqa: E402
from writer.pipeline import open_source, weekly_brief  # noqa: E402

_NUMBER_RE = re.compile(r"[+\-]?\d[\d,]*(?:\.\d+)?%?")


def _repeat(unit: str, size: int, joiner: str = "") -> str:
    out: list[str] = []
    length = 0
    while length < size:
        out.append(unit)
        length += len(unit) + len(joiner)
    return joiner.join(out)[:size]


def shapes(prose: str) -> dict[str, Callable[[int], str]]:
    return {
        "[ flood": lambda n: "[" * n,
        "![ flood": lambda n: _repeat("![", n),
        "[a]( lines": lambda n: _repeat("[a](\n", n),
        "[a]( one line": lambda n: _repeat("[a](", n),
        "[[]]( nested": lambda n: "[" * (n // 2) + "]" * (n - n // 2 - 1) + "(",
        "![a\\]( escapes": lambda n: _repeat("![a\\](", n),
        "a< one line": lambda n: _repeat("a<", n),
        "a< lines": lambda n: _repeat("a<\n", n),
        "<!-- x lines": lambda n: _repeat("<!-- x\n", n),
        "<!-- x one line": lambda n: _repeat("<!-- x", n),
        "{{ [[ << holes": lambda n: _repeat("{{[[<<[insert", n),
        "` backticks": lambda n: "`" * n,
        "* emphasis": lambda n: "*" * n,
        "**a emphasis": lambda n: _repeat("**a", n),
        "| flood": lambda n: "|" * n,
        "| lines": lambda n: _repeat("|\n", n),
        "1- 1/ 1. runs": lambda n: _repeat("1-1/1.1 ", n),
        "digits, no space": lambda n: "7" * n,
        "one long word": lambda n: "x" * n,
        "many short lines": lambda n: _repeat("a\n", n),
        "blank lines": lambda n: "\n" * n,
        "```\\n + blanks": lambda n: "```\n" + "\n" * (n - 4),
        "one long sentence": lambda n: _repeat(
            "on Monday the index rose 1.25% to 2,214.72 and on Tuesday fell 0.4%, ", n
        ),
        "digit lines": lambda n: _repeat("1234567890 2345678901 3456789012\n", n),
        "1,1,1,...": lambda n: _repeat("1,", n),
        "repeated figure": lambda n: _repeat("2,214.72 ", n),
        "pipe table": lambda n: (
            "| Index | Close | Week |\n|---|---|---|\n"
            + _repeat("| Russell 2000 | 2,214.72 | +2.38% |\n", n)
        ),
        "recap prose": lambda n: _repeat(prose, n, "\n\n"),
    }


def _time(run: Callable[[], object], budget: float = 1.0) -> float:
    """The best CPU time (not wall: the machine is shared) of runs within `budget` seconds."""
    best = float("inf")
    spent = 0.0
    while spent < budget:
        t0 = time.process_time()
        run()
        took = time.process_time() - t0
        best = min(best, took)
        spent += took
        if took > budget / 3:
            break
    return best


def _check(text: str, brief: object) -> bool:
    """Unfence `text` as a reply, check it and its form; True when refused as too large."""
    text = unfence(text)
    try:
        report = check_text(text, brief, strict=False)  # type: ignore[arg-type]
    except TooLarge:
        return True
    form_findings(text, brief, report, FormRules())  # type: ignore[arg-type]
    return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "marketdata")
    ap.add_argument("--max-kb", type=int, default=1024)
    args = ap.parse_args()
    brief = weekly_brief("RUT", dt.date(2025, 8, 8), open_source(args.data_dir))
    body = draft_offline(brief).split("\n---\n")[-1]
    sizes = [kb for kb in (10, 100, 1024) if kb <= args.max_kb]
    print(f"{'shape':20}" + "".join(f"{f'{kb} KB':>13}" for kb in sizes) + "   x regex @max")
    worst = [0.0] * len(sizes)
    worst_s = 0.0
    for name, make in shapes(body).items():
        cells = []
        ratio = 0.0
        for i, kb in enumerate(sizes):
            text = make(kb * 1024)
            took = _time(lambda text=text: _check(text, brief))
            refused = "*" if _check(text, brief) else " "
            cells.append(f"{took * 1000 / kb:9.2f} ms{refused}")
            worst[i] = max(worst[i], took * 1000 / kb)
            worst_s = max(worst_s, took)
            scan = _time(lambda text=text: sum(1 for _ in _NUMBER_RE.finditer(text)), 0.2)
            ratio = took / scan if scan else 0.0
        print(f"{name:20}" + "".join(f"{c:>13}" for c in cells) + f"   {ratio:8.0f}x", flush=True)
    print(f"{'worst':20}" + "".join(f"{w:12.2f} ms" for w in worst))
    print(f"worst case at the largest size: {worst_s:.2f} s CPU")
    print(
        "(CPU ms per KB of input; flat rows are linear; * = refused as too large, time to refuse)"
    )


if __name__ == "__main__":
    main()
