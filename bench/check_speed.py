"""How fast the checker reads an article: ms per 600 words, beside one regex pass.

    python bench/check_speed.py [--data-dir ../shared/marketdata]

Checks the offline drafts of six indices, one week in four of 2025, with whichever
`factcheck` comes first on `sys.path` (an installed compiled wheel wins over the source
tree, so run it from the wheel's venv to time the compiled build).  Each article is checked
once to warm up, then timed five times and the fastest run kept.  The machine is shared and
noisy, so the figure to compare across builds is the ratio to one pass of a number regex over
the same text, measured in the same run; the absolute time is printed beside it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # after site-packages: an installed (compiled) build wins

import factcheck  # noqa: E402
from factcheck.brief import WeeklyIndexBrief  # noqa: E402
from factcheck.check import check_text  # noqa: E402
from writer.genres.weekly_index.offline import draft_offline  # noqa: E402
from writer.pipeline import open_source, weekly_brief  # noqa: E402

SYMBOLS = ("RUT", "SPX", "COMP", "DJI", "HSI", "ASX200")
_NUMBER_RE = re.compile(r"[+\-]?\d[\d,]*(?:\.\d+)?%?")
_RUNS = 5


def _fastest(run: object, *args: object) -> float:
    best = float("inf")
    for _ in range(_RUNS):
        t0 = time.perf_counter()
        run(*args)  # type: ignore[operator]
        best = min(best, time.perf_counter() - t0)
    return best


def _regex_pass(text: str) -> int:
    return sum(1 for _ in _NUMBER_RE.finditer(text))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "marketdata")
    args = ap.parse_args()
    source = open_source(args.data_dir)
    articles: list[tuple[str, WeeklyIndexBrief]] = []
    for symbol in SYMBOLS:
        day = dt.date(2025, 1, 10)
        while day < dt.date(2025, 12, 1):
            brief = weekly_brief(symbol, day, source)
            articles.append((draft_offline(brief), brief))
            day += dt.timedelta(days=28)
    gc.collect()
    gc.freeze()
    per_600: list[float] = []
    ratios: list[float] = []
    for text, brief in articles:
        check_text(text, brief)
        words = len(text.split())
        checked = _fastest(check_text, text, brief)
        scanned = _fastest(_regex_pass, text)
        per_600.append(checked * 1000 / words * 600)
        ratios.append(checked / scanned)
    build = "plain" if _all_python() else "compiled"
    print(
        f"{build} factcheck ({Path(factcheck.__file__ or '?').parent}): {len(articles)} "
        f"articles, median {statistics.median(per_600):.2f} ms per 600 words, "
        f"{statistics.median(ratios):.0f}x one number-regex pass over the same text"
    )


def _all_python() -> bool:
    """True when the checker's modules are plain Python (no mypyc extension loaded)."""
    import factcheck.bind.binder as bind

    return (bind.__file__ or "").endswith(".py")


if __name__ == "__main__":
    main()
