"""Mutation benchmark for earnings snapshots: how many of the errors published earnings
stories make does the checker catch, and does it pass the correct snapshots?

Start from the offline drafter's snapshot of every complete quarter in
`../shared/fundamentals/coverage.csv` (each verified), plant one error at a time with an
operator named after a real class of mistake, and count a mutant as caught when
`check_text` reports an error on the mutated line (the headline's line for a headline
error).  False positives: errors on the unmutated snapshots.

    python bench/earnings_mutation.py [--fundamentals-dir ../shared/fundamentals] [--seed 7]

Operators: wrong_quarter (the year-ago or previous quarter's figure as this quarter's),
yoy_base (a year-on-year change computed against the previous quarter), gaap_adjusted (the
vendor's adjusted EPS given as GAAP, or GAAP as adjusted), scale (billion <-> million),
cents_dollars ("67 cents" -> "$67", "$1.08" -> "1.08 cents"), sign (a loss written as net
income, a profit as a loss), digit (one digit of a figure changed), headline_quarter (Q2 ->
Q3), fiscal_year (2026 -> 2025 in the headline), ytd_base (the share's move from the first
session of the year instead of the last close of the year before), direction (up <-> down),
report_day (the results said on the weekday before), quarter_end (the quarter's end a day off).
Prints a table; it is not a timed test.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))

from factcheck import ids  # noqa: E402
from factcheck.brief import EarningsBrief  # noqa: E402
from factcheck.check import check_text  # noqa: E402
from factcheck.numfmt import format_money, format_per_share, round_half_up  # noqa: E402
from factcheck.report import Severity  # noqa: E402
from writer.data.fundamentals import SnapshotFundamentals  # noqa: E402
from writer.data.snapshot import SnapshotSource  # noqa: E402
from writer.errors import SymbolNotFound  # noqa: E402
from writer.genres.earnings.brief import build_brief  # noqa: E402
from writer.genres.earnings.offline import _date as _ap_date  # noqa: E402
from writer.genres.earnings.offline import draft_offline  # noqa: E402

ORDINALS = ("first", "second", "third", "fourth")


@dataclass(frozen=True)
class Mutant:
    op: str
    text: str
    line: int  # 1-based line of the planted error


@dataclass(frozen=True)
class Snapshot:
    name: str
    text: str
    brief: EarningsBrief


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _swap(art: Snapshot, old: str, new: str, op: str, nth: int = 0) -> Mutant | None:
    """`art` with the `nth` occurrence of `old` (after the headline when nth >= 0) replaced."""
    if old == new:
        return None
    start = -1
    for _ in range(nth + 1):
        start = art.text.find(old, start + 1)
        if start < 0:
            return None
    return Mutant(op, art.text[:start] + new + art.text[start + len(old) :], _line(art.text, start))


def _value(brief: EarningsBrief, fact_id: str) -> Decimal | None:
    fact = brief.get(fact_id)
    return None if fact is None else fact.value


def _money_text(metric: str, value: Decimal) -> str:
    return format_per_share(value) if metric.startswith("eps") else format_money(value)


def op_wrong_quarter(art: Snapshot, rng: random.Random) -> Iterator[Mutant]:
    b, key = art.brief, art.brief.subject.key
    for metric in ("revenue", "net_income", "eps_diluted"):
        now = _value(b, ids.quarter(key, metric, b.quarter.label))
        if now is None:
            continue
        for other in (b.year_ago, b.previous):
            then = None if other is None else _value(b, ids.quarter(key, metric, other.label))
            if then is None or (then < 0) != (now < 0):
                continue
            m = _swap(art, _money_text(metric, now), _money_text(metric, then), "wrong_quarter")
            if m is not None:
                yield m


def op_yoy_base(art: Snapshot, rng: random.Random) -> Iterator[Mutant]:
    b, key = art.brief, art.brief.subject.key
    change = _value(b, ids.year_on_year(key, "revenue", b.quarter.label))
    now = _value(b, ids.quarter(key, "revenue", b.quarter.label))
    prev = None if b.previous is None else _value(b, ids.quarter(key, "revenue", b.previous.label))
    if change is None or now is None or not prev:
        return
    wrong = (now / prev - 1) * 100
    shown = f"{round_half_up(abs(change), 1)}%"
    bad = f"{round_half_up(abs(wrong), 1)}%"
    if (wrong > 0) == (change > 0) and shown != bad:
        m = _swap(art, shown, bad, "yoy_base")
        if m is not None:
            yield m


def op_gaap_adjusted(art: Snapshot, rng: random.Random) -> Iterator[Mutant]:
    b, key, label = art.brief, art.brief.subject.key, art.brief.quarter.label
    gaap, adjusted = (
        _value(b, ids.quarter(key, m, label)) for m in ("eps_diluted", "eps_adjusted")
    )
    if gaap is None or adjusted is None or format_per_share(gaap) == format_per_share(adjusted):
        return
    # the adjusted line given the GAAP figure, and the GAAP line given the adjusted one
    at = art.text.find("Adjusted for one-time items")
    if at >= 0:
        tail = art.text[at:]
        shown = _money_text("eps", adjusted)
        i = tail.find(shown)
        if i >= 0:
            start = at + i
            text = art.text[:start] + format_per_share(gaap) + art.text[start + len(shown) :]
            yield Mutant("gaap_adjusted", text, _line(art.text, start))
    m = _swap(art, f"posted {_per(gaap)}", f"posted {_per(adjusted)}", "gaap_adjusted")
    if m is not None:
        yield m


def _per(value: Decimal) -> str:
    shown = format_per_share(value)
    return f"a loss of {shown} per share" if value < 0 else f"{shown} per share"


def op_scale(art: Snapshot, rng: random.Random) -> Iterator[Mutant]:
    for old, new in ((" billion", " million"), (" million", " billion")):
        spots = [m.start() for m in re.finditer(old, art.text)]
        if spots:
            start = rng.choice(spots)
            text = art.text[:start] + new + art.text[start + len(old) :]
            yield Mutant("scale", text, _line(art.text, start))


def op_cents_dollars(art: Snapshot, rng: random.Random) -> Iterator[Mutant]:
    for m in re.finditer(r"\b(\d{1,2}) cents\b", art.text):
        text = art.text[: m.start()] + f"${m.group(1)}" + art.text[m.end() :]
        yield Mutant("cents_dollars", text, _line(art.text, m.start()))
        return
    for m in re.finditer(r"\$(\d)\.(\d\d) per share", art.text):
        cents = f"{m.group(1)}.{m.group(2)} cents per share"  # dollars written as cents
        text = art.text[: m.start()] + cents + art.text[m.end() :]
        yield Mutant("cents_dollars", text, _line(art.text, m.start()))
        return


def op_sign(art: Snapshot, rng: random.Random) -> Iterator[Mutant]:
    for old, new in (
        ("net income of", "a loss of"),
        ("reported a fiscal", "reported fiscal"),
        ("a loss of $", "net income of $"),
        ("posted a loss of", "posted"),
        ("posted ", "posted a loss of "),
    ):
        if old == "reported a fiscal" and "loss of" not in art.text.split("\n\n")[1]:
            continue
        m = _swap(art, old, new, "sign")
        if m is not None:
            if old == "reported a fiscal":
                m = Mutant(
                    "sign", m.text.replace("-quarter loss of", "-quarter net income of", 1), m.line
                )
            yield m
            return


def op_digit(art: Snapshot, rng: random.Random) -> Iterator[Mutant]:
    body = art.text.split("\n\n", 1)[1]
    offset = len(art.text) - len(body)
    spots = [m for m in re.finditer(r"\$\d+(?:\.\d+)?|\b\d+(?:\.\d+)?%", body)]
    for m in rng.sample(spots, min(2, len(spots))):
        digits = [i for i, ch in enumerate(m.group()) if ch.isdigit()]
        i = rng.choice(digits)
        old = m.group()[i]
        new = str((int(old) + rng.choice((1, 2, 3))) % 10)
        text_m = m.group()[:i] + new + m.group()[i + 1 :]
        start = offset + m.start()
        yield Mutant(
            "digit",
            art.text[:start] + text_m + art.text[start + len(m.group()) :],
            _line(art.text, start),
        )


def op_headline_quarter(art: Snapshot, rng: random.Random) -> Iterator[Mutant]:
    q = art.brief.quarter.quarter
    other = q % 4 + 1
    m = _swap(art, f"Q{q} ", f"Q{other} ", "headline_quarter")
    if m is not None:
        yield m
    m = _swap(
        art, f"{ORDINALS[q - 1]}-quarter", f"{ORDINALS[other - 1]}-quarter", "headline_quarter"
    )
    if m is not None:
        yield m


def op_fiscal_year(art: Snapshot, rng: random.Random) -> Iterator[Mutant]:
    year = art.brief.quarter.fiscal_year
    m = _swap(
        art,
        f"Q{art.brief.quarter.quarter} {year}",
        f"Q{art.brief.quarter.quarter} {year - 1}",
        "fiscal_year",
    )
    if m is not None:
        yield m


def op_ytd_base(
    art: Snapshot, rng: random.Random, closes: Callable[[str], list[tuple[str, Decimal]]]
) -> Iterator[Mutant]:
    b, key = art.brief, art.brief.subject.key
    ytd = _value(b, ids.period(key, "ytd", "change_pct"))
    here = _value(b, ids.session(key, "close", b.report.price_date))
    if ytd is None or here is None:
        return
    year = str(b.report.price_date.year)
    series = closes(key)
    first = next((c for d, c in series if d.startswith(year)), None)
    last_prev = next((c for d, c in reversed(series) if d < year), None)
    if first is None or last_prev is None:
        return
    # the same ratio, from the year's first close instead of the last close of the year before
    wrong = (ytd / 100 + 1) * last_prev / first * 100 - 100
    shown, bad = (f"{round_half_up(abs(v), 1)}%" for v in (ytd, wrong))
    if shown != bad and (wrong > 0) == (ytd > 0):
        at = art.text.find("since the start of the year")
        i = art.text.rfind(shown, 0, at) if at > 0 else -1
        if i >= 0:
            yield Mutant(
                "ytd_base", art.text[:i] + bad + art.text[i + len(shown) :], _line(art.text, i)
            )


def op_direction(art: Snapshot, rng: random.Random) -> Iterator[Mutant]:
    for old, new in (
        (", up ", ", down "),
        (", down ", ", up "),
        ("have climbed", "have fallen"),
        ("have fallen", "have climbed"),
    ):
        m = _swap(art, old, new, "direction")
        if m is not None:
            yield m
            return


def op_report_day(art: Snapshot, rng: random.Random) -> Iterator[Mutant]:
    """The results said on the weekday before the report's ("on Tuesday" for a Wednesday)."""
    day = art.brief.report.date
    before = day - dt.timedelta(days=1 if day.weekday() else 3)
    m = _swap(art, f" on {day:%A}", f" on {before:%A}", "report_day")
    if m is not None:
        yield m


def op_quarter_end(art: Snapshot, rng: random.Random) -> Iterator[Mutant]:
    """The quarter's end a day off ("ended Sept. 29" for Sept. 28, a 52-53 week year's end
    written as the calendar's, or the reverse)."""
    end = art.brief.quarter.end
    wrong = end + dt.timedelta(days=1 if end.day < 28 else -1)
    m = _swap(art, f"ended {_ap_date(end)}", f"ended {_ap_date(wrong)}", "quarter_end")
    if m is not None:
        yield m


OPERATORS: dict[str, Callable[..., Iterator[Mutant]]] = {
    "wrong_quarter": op_wrong_quarter,
    "yoy_base": op_yoy_base,
    "gaap_adjusted": op_gaap_adjusted,
    "scale": op_scale,
    "cents_dollars": op_cents_dollars,
    "sign": op_sign,
    "digit": op_digit,
    "headline_quarter": op_headline_quarter,
    "fiscal_year": op_fiscal_year,
    "direction": op_direction,
    "report_day": op_report_day,
    "quarter_end": op_quarter_end,
}


def snapshots(folder: Path) -> list[Snapshot]:
    fundamentals = SnapshotFundamentals(folder)
    prices = [SnapshotSource(folder / "stocks" / "raw"), SnapshotSource(folder / "stocks")]
    out = []
    with (folder / "coverage.csv").open() as handle:
        for row in csv.DictReader(handle):
            if row["snapshot"] != "complete":
                continue
            label = f"FY{row['fiscal_year']}-{row['fiscal_period']}"
            brief = build_brief(row["ticker"], label, fundamentals, prices)
            out.append(Snapshot(f"{row['ticker']} {label}", draft_offline(brief), brief))
    return out


def errors_on(text: str, brief: EarningsBrief) -> list[int]:
    report = check_text(text, brief, strict=True)
    return [c.line for c in report.claims if c.severity is Severity.ERROR]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--fundamentals-dir", type=Path, default=ROOT.parent / "shared" / "fundamentals"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    arts = snapshots(args.fundamentals_dir)
    raw = SnapshotSource(args.fundamentals_dir / "stocks" / "raw")
    adjusted = SnapshotSource(args.fundamentals_dir / "stocks")

    def closes(ticker: str) -> list[tuple[str, Decimal]]:
        for source in (raw, adjusted):
            try:
                frame = source.history([ticker], dt.date(1990, 1, 1), dt.date(2100, 1, 1))[ticker]
            except SymbolNotFound:
                continue
            return [(str(d)[:10], Decimal(repr(float(c)))) for d, c in frame["close"].items()]
        return []

    false_positives = sum(bool(errors_on(a.text, a.brief)) for a in arts)
    tally: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    missed: list[str] = []

    def ytd_base(art: Snapshot, r: random.Random) -> Iterator[Mutant]:
        return op_ytd_base(art, r, closes)

    ops = {**OPERATORS, "ytd_base": ytd_base}
    for art in arts:
        for name, op in ops.items():
            for mutant in op(art, rng):
                tally[name] += 1
                lines = errors_on(mutant.text, art.brief)
                if mutant.line in lines or (name in ("headline_quarter", "fiscal_year") and lines):
                    hits[name] += 1
                else:
                    missed.append(f"{art.name} {name} line {mutant.line}")
    print(f"{len(arts)} snapshots; false positives: {false_positives} of {len(arts)}")
    print(f"{'operator':18} {'caught':>7} {'of':>5} {'recall':>8}")
    for name in ops:
        n = tally[name]
        print(f"{name:18} {hits[name]:>7} {n:>5} {hits[name] / n if n else 0:>8.2%}")
    total, caught = sum(tally.values()), sum(hits.values())
    print(f"{'total':18} {caught:>7} {total:>5} {caught / total if total else 0:>8.2%}")
    for line in missed[:40]:
        print("missed:", line)


if __name__ == "__main__":
    main()
