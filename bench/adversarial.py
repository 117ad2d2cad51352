"""Is the checker linear in its input on hostile text?  ms per KB at 1 KB .. 1 MB.

    python bench/adversarial.py [--data-dir ../shared/marketdata] [--max-kb 1024]

Shapes (each repeated to the size): one long sentence of weekdays and figures, lines of
digits, `1,1,1,...`, one figure repeated, a pipe table, and ordinary recap prose.  A flat
ms/KB column means linear work; a column that grows with the size is the bug.  Printed, not
asserted: the machine is shared and noisy, so compare the columns of one run, and the
ratio to one pass of a number regex over the same text (last column) across runs.
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
from writer.draft.offline import draft_offline  # noqa: E402
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
    best = float("inf")
    spent = 0.0
    while spent < budget:
        t0 = time.perf_counter()
        run()
        took = time.perf_counter() - t0
        best = min(best, took)
        spent += took
        if took > budget / 3:
            break
    return best


def _check(text: str, brief: object) -> bool:
    """Check `text`; True when the checker refused it as too large."""
    try:
        check_text(text, brief, strict=False)  # type: ignore[arg-type]
    except TooLarge:
        return True
    return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "marketdata")
    ap.add_argument("--max-kb", type=int, default=1024)
    args = ap.parse_args()
    brief = weekly_brief("RUT", dt.date(2025, 8, 8), open_source(args.data_dir))
    body = draft_offline(brief).split("\n---\n")[-1]
    sizes = [kb for kb in (1, 10, 100, 1024) if kb <= args.max_kb]
    print(f"{'shape':20}" + "".join(f"{f'{kb} KB':>13}" for kb in sizes) + "   x regex @max")
    for name, make in shapes(body).items():
        cells = []
        ratio = 0.0
        for kb in sizes:
            text = make(kb * 1024)
            took = _time(lambda text=text: _check(text, brief))
            refused = "*" if _check(text, brief) else " "
            cells.append(f"{took * 1000 / kb:9.2f} ms{refused}")
            scan = _time(lambda text=text: sum(1 for _ in _NUMBER_RE.finditer(text)), 0.2)
            ratio = took / scan if scan else 0.0
        print(f"{name:20}" + "".join(f"{c:>13}" for c in cells) + f"   {ratio:8.0f}x")
    print("(ms per KB of input; flat rows are linear; * = refused as too large, time to refuse)")


if __name__ == "__main__":
    main()
