"""How the checker does on earnings stories it did not write (tests/realstyle_earnings).

Each article of the real-style earnings corpus is checked as `writer check --ticker T
--quarter FY2024-Q3 --allow-unsupported` would check it: against
`writer.genres.earnings.brief.build_brief(ticker, quarter, source, prices)` with
`source = writer.data.fundamentals.SnapshotFundamentals(../shared/fundamentals)` and the
snapshot's own price files (`writer.pipeline.earnings_prices`), by
`factcheck.check.check_text(text, brief, strict=False)`.  Marks are counted as
bench/corpus.py counts the index corpus (tests/realstyle/answers.py: `score`): wrong marks
caught and missed, caught ones diagnosed (the mark's hint word in the error message), false
alarms on ok and na marks and on unmarked text, ok marks verified / left unsupported / not read.

    python bench/earnings_corpus.py [--fundamentals-dir ../shared/fundamentals] [-v]

It needs the earnings genre (writer.genres.earnings.brief.build_brief, the fundamentals
source, earnings_prices) and the checker's earnings genre (factcheck.genres): on a branch
without them it stops with a one-line message (as on main when this was written: the brief
was there, the checker's genre for kind 'earnings' not yet).  Prints a table and, with -v,
every miss, undiagnosed catch and false alarm.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # after site-packages: an installed (compiled) build wins

from factcheck.check import check_text  # noqa: E402
from factcheck.genres import UnknownGenre  # noqa: E402
from tests.realstyle.answers import Answered, Score, score  # noqa: E402
from tests.realstyle_earnings import figures  # noqa: E402
from tests.realstyle_earnings.keys import EarningsArticle, corpus  # noqa: E402
from writer.data.fundamentals import SnapshotFundamentals  # noqa: E402

try:  # the earnings genre's brief (named, not imported by name: it may not be here yet)
    build_brief = importlib.import_module("writer.genres.earnings.brief").build_brief
    earnings_prices = importlib.import_module("writer.pipeline").earnings_prices
except (ImportError, AttributeError) as exc:  # pragma: no cover - not on this branch yet
    sys.exit(f"bench/earnings_corpus.py: the earnings genre is not here yet ({exc})")


def _answered(art: EarningsArticle) -> Answered:
    """The index corpus' record of an article, so that its `score` counts the marks."""
    week = figures.report_date(art.ticker, art.quarter)
    return Answered(art.name, art.text, art.marks, art.ticker, week, art.style)


def _unread(art: EarningsArticle, why: str) -> Score:
    s = Score(wrong=sum(m.verdict == "wrong" for m in art.marks))
    s.ok = sum(m.verdict == "ok" for m in art.marks)
    s.ok_outcome["unread"] += s.ok
    s.missed.append(f"{art.name}: not checked ({why})")
    return s


def run(folder: Path, verbose: bool) -> tuple[Score, dict[str, Score], list[float]]:
    source = SnapshotFundamentals(folder)
    prices = earnings_prices(source, None)
    total = Score()
    by_style: dict[str, Score] = {}
    ms: list[float] = []
    for art in corpus():
        try:
            brief = build_brief(art.ticker, art.quarter, source, prices)
        except Exception as exc:  # a quarter the genre cannot brief: every mark unread
            s = _unread(art, f"{type(exc).__name__}: {exc}")
        else:
            t0 = time.perf_counter()
            try:
                report = check_text(art.text, brief, strict=False)
            except UnknownGenre as exc:  # the brief exists, its checker genre not yet
                sys.exit(f"bench/earnings_corpus.py: the checker cannot check it yet ({exc})")
            ms.append((time.perf_counter() - t0) * 1000)
            s = score(_answered(art), report)
        total.add(s)
        by_style.setdefault(art.style, Score()).add(s)
    if verbose:
        for title, items in (
            ("missed", total.missed),
            ("undiagnosed", total.undiagnosed),
            ("false alarm", total.false_alarms),
        ):
            for item in items:
                print(f"  {title}: {item}")
    return total, by_style, ms


def _row(name: str, s: Score, articles: int, ms: list[float]) -> str:
    def pct(n: int, d: int) -> str:
        return f"{100 * n / d:.1f}%" if d else "-"

    out: Counter[str] = s.ok_outcome
    return (
        f"{name:16} {articles:>4} {s.wrong:>6} {pct(s.caught, s.wrong):>7} "
        f"{pct(s.diagnosed, s.caught):>6} {pct(s.error_claims_on_wrong, s.error_claims):>7} "
        f"{s.ok:>5} {pct(out['verified'], s.ok):>6} {pct(out['unsupported'], s.ok):>6} "
        f"{pct(out['unread'], s.ok):>6} {out['flagged']:>6} {s.na_flagged:>5} "
        f"{len(s.false_alarms):>6} {(f'{statistics.median(ms):.2f}' if ms else '-'):>7}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--fundamentals-dir", type=Path, default=ROOT.parent / "shared" / "fundamentals"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    total, by_style, ms = run(args.fundamentals_dir, args.verbose)
    arts = corpus()
    per_style = Counter(a.style for a in arts)
    print(
        f"{'corpus':16} {'art':>4} {'wrong':>6} {'recall':>7} {'diagn':>6} {'precis':>7} "
        f"{'ok':>5} {'verif':>6} {'unsup':>6} {'unread':>6} {'flagd':>6} {'na-fl':>5} "
        f"{'alarms':>6} {'ms/art':>7}"
    )
    for style in sorted(by_style):
        print(_row(style, by_style[style], per_style[style], []))
    print(_row("all", total, len(arts), ms))


if __name__ == "__main__":
    main()
