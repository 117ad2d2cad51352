"""How the checker does on prose it did not write: recall and precision on wrong figures.

Corpora:
- `tests/realstyle`: articles written in the styles of real published recaps, no front
  matter, each figure answer-keyed from the data (ok / wrong / cannot be settled); checked as
  `writer check --allow-unsupported` would, once with `--ticker/--week` given and once
  with neither (the index and week read from the text);
- `tests/corpus`: hand-written recaps with front matter, every figure right;
- the mutation set (`bench/mutation.py`): offline drafts with one planted error each.

    python bench/corpus.py [--data-dir ../shared/marketdata] [--articles 60] [--per-op 1] [-v]

Prints a table (not a timed test).  Recall: wrong figures with an error finding.  Precision:
error findings that fall on a wrong figure.  "ok verified" counts the correct figures the
checker verified; "flagged" the correct ones it called wrong; "unsupported" the ones it left
as warnings; "unread" the ones it did not extract.  ms per article is the median in-process
`check_text` time with the brief prepared.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # after site-packages: an installed (compiled) build wins

from factcheck.brief import WeeklyIndexBrief  # noqa: E402
from factcheck.check import check_text  # noqa: E402
from factcheck.errors import CheckError  # noqa: E402
from factcheck.report import CheckReport  # noqa: E402
from tests.realstyle.answers import Answered, Score, corpus, is_error, score  # noqa: E402


@dataclass
class Row:
    name: str
    articles: int
    score: Score
    ms: list[float]


def _brief_for(art: Answered, hints: bool, source: object) -> WeeklyIndexBrief:
    from writer.check_command import peer_entities, prepare
    from writer.pipeline import weekly_brief

    ticker, week = (art.ticker, art.week) if hints else (None, None)
    prepared = prepare(art.name, art.text, ticker, week)
    assert prepared.ticker is not None and prepared.week is not None
    return weekly_brief(
        prepared.ticker,
        prepared.week,
        source,  # type: ignore[arg-type]
        peers=peer_entities(prepared.ticker, prepared.named),
    )


def _timed(text: str, brief: WeeklyIndexBrief, strict: bool) -> tuple[CheckReport, float]:
    check_text(text, brief, strict=strict)  # the brief's index is built once, then cached
    best = float("inf")
    report = None
    for _ in range(3):
        t0 = time.perf_counter()
        report = check_text(text, brief, strict=strict)
        best = min(best, time.perf_counter() - t0)
    assert report is not None
    return report, best * 1000


def realstyle(data_dir: Path, hints: bool, verbose: bool) -> Row:
    from writer.errors import WriterError
    from writer.pipeline import open_source

    source = open_source(data_dir)
    total = Score()
    ms: list[float] = []
    arts = corpus()
    for art in arts:
        try:
            brief = _brief_for(art, hints, source)
        except Exception as exc:  # an article the checker cannot place: every mark unread
            if not isinstance(exc, WriterError | CheckError | ValueError):
                raise
            s = Score(wrong=sum(m.verdict == "wrong" for m in art.marks))
            s.ok = sum(m.verdict == "ok" for m in art.marks)
            s.ok_outcome["unread"] += s.ok
            s.missed += [f"{art.name}: not checked ({exc})"]
            total.add(s)
            continue
        report, took = _timed(art.text, brief, strict=False)
        ms.append(took)
        total.add(score(art, report))
    label = "realstyle, --ticker/--week" if hints else "realstyle, no hints"
    if verbose:
        for title, items in (
            ("missed", total.missed),
            ("undiagnosed", total.undiagnosed),
            ("false alarms", total.false_alarms),
        ):
            for item in items:
                print(f"  [{label}] {title}: {item}")
    return Row(label, len(arts), total, ms)


def hand_written(data_dir: Path, verbose: bool) -> Row:
    from factcheck.frontmatter import article_target
    from writer.pipeline import open_source, weekly_brief

    source = open_source(data_dir)
    total = Score()
    ms: list[float] = []
    paths = sorted((ROOT / "tests" / "corpus").glob("*.md"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        ticker, week = article_target(text)
        assert ticker is not None and week is not None
        report, took = _timed(text, weekly_brief(ticker, week, source), strict=True)
        ms.append(took)
        s = Score()
        for c in report.claims:  # every figure of these articles is right
            s.ok += 1
            if is_error(c) or c.severity.value == "error":
                s.ok_outcome["flagged"] += 1
                s.error_claims += 1
                s.false_alarms.append(f"{path.name}:{c.line}: {c.text!r}: {c.message}")
            else:
                s.ok_outcome["verified" if c.status.value == "verified" else "unsupported"] += 1
        total.add(s)
    if verbose:
        for item in total.false_alarms:
            print(f"  [tests/corpus] false alarm: {item}")
    return Row("tests/corpus (front matter)", len(paths), total, ms)


def mutation(data_dir: Path, articles: int, per_op: int, seed: int) -> Row:
    sys.path.append(str(ROOT / "bench"))
    import mutation as mut

    arts = [a for a in mut.load_articles(data_dir, articles, seed)]
    total = Score()
    for art in arts:
        errors = sum(c.severity.value == "error" for c in art.claims)
        total.ok += len(art.claims)
        total.ok_outcome["flagged"] += errors
        total.ok_outcome["verified"] += sum(c.status.value == "verified" for c in art.claims)
        total.error_claims += errors
    clean = [a for a in arts if not any(c.severity.value == "error" for c in a.claims)]
    rng = random.Random(seed)
    for op in mut.OPERATORS.values():
        for art in clean:
            mutants = list(op(art, rng))
            rng.shuffle(mutants)
            for mutant in mutants[:per_op]:
                total.wrong += 1
                if mut.caught(mutant, art.brief):
                    total.caught += 1
                    total.diagnosed += 1
                    total.error_claims += 1
                    total.error_claims_on_wrong += 1
    return Row(f"mutation ({len(arts)} articles, {per_op}/operator)", len(arts), total, [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "marketdata")
    parser.add_argument("--articles", type=int, default=60, help="drafts for the mutation set")
    parser.add_argument("--per-op", type=int, default=1, help="mutants per draft and operator")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-mutation", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    rows = [
        realstyle(args.data_dir, True, args.verbose),
        realstyle(args.data_dir, False, args.verbose),
        hand_written(args.data_dir, args.verbose),
    ]
    if not args.no_mutation:
        rows.append(mutation(args.data_dir, args.articles, args.per_op, args.seed))
    head = (
        f"{'corpus':40} {'art':>4} {'wrong':>6} {'recall':>7} {'diagn':>6} {'precis':>7} "
        f"{'ok':>5} {'verif':>6} {'unsup':>6} {'unread':>6} {'flagd':>6} {'na-fl':>5} {'ms/art':>7}"
    )
    print(head)
    for r in rows:
        s = r.score
        pct = lambda n, d: f"{100 * n / d:.1f}%" if d else "-"  # noqa: E731
        ms = f"{statistics.median(r.ms):.2f}" if r.ms else "-"
        print(
            f"{r.name:40} {r.articles:>4} {s.wrong:>6} {pct(s.caught, s.wrong):>7} "
            f"{pct(s.diagnosed, s.caught):>6} {pct(s.error_claims_on_wrong, s.error_claims):>7} "
            f"{s.ok:>5} {pct(s.ok_outcome['verified'], s.ok):>6} "
            f"{pct(s.ok_outcome['unsupported'], s.ok):>6} {pct(s.ok_outcome['unread'], s.ok):>6} "
            f"{s.ok_outcome['flagged']:>6} {s.na_flagged:>5} {ms:>7}"
        )


if __name__ == "__main__":
    main()
