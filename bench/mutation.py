"""Mutation benchmark for the fact-checker: how many planted errors does it catch?

Start from correct articles (the offline drafter's, across indices and weeks, plus the
hand-written ones in tests/corpus), plant one error at a time with a mutation operator, and
count a mutant as caught when `check_text` reports an error on the mutated line.  Also
reports false positives on the unmutated articles, the in-process time per article, and the
wall time of `writer check` over 1,000 article files.

    python bench/mutation.py --data-dir ../shared/marketdata [--articles 200] [--per-op 2]

Prints a table; it is not a timed test.  Mutants that do not make the figure false under the
checker's own tolerance (e.g. a hedged "about 2.4%" nudged to "about 2.5%") are skipped, not
counted, because they are not errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # after site-packages: an installed (compiled) build wins

from factcheck.brief import Fact, IndexBrief  # noqa: E402
from factcheck.check import check_text  # noqa: E402
from factcheck.frontmatter import split_front_matter  # noqa: E402
from factcheck.numfmt import (  # noqa: E402
    LEVEL_TRUNCATION_MIN,
    Hedge,
    format_number,
    point_change_matches,
    truncates_to,
    written_matches,
)
from factcheck.report import Claim, Status  # noqa: E402

SYMBOLS = ("RUT", "SPX", "COMP", "DJI", "HSI", "ASX200")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
NUM_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
ANTONYMS = {
    "rose": "fell",
    "fell": "rose",
    "gained": "lost",
    "lost": "gained",
    "added": "shed",
    "shed": "added",
    "up": "down",
    "down": "up",
    "higher": "lower",
    "lower": "higher",
    "above": "below",
    "below": "above",
    "climbed": "dropped",
    "dropped": "climbed",
    "advanced": "declined",
    "declined": "advanced",
    "jumped": "slid",
    "slid": "jumped",
    "soared": "sank",
    "sank": "soared",
    "surged": "tumbled",
    "tumbled": "surged",
    "slipped": "rose",
    "retreated": "rallied",
    "rallied": "retreated",
    "edged": "edged",
    "gain": "loss",
    "loss": "gain",
    "plunged": "soared",
    "lose": "gain",
    "dip": "rise",
    "rise": "dip",
    "drop": "rise",
    "decline": "rise",
    "trailed": "outperformed",
    "lagged": "outpaced",
    "underperformed": "outperformed",
    "outperformed": "trailed",
    "outpaced": "lagged",
    "beat": "trailed",
    "eclipsed": "trailed",
    "sits": "sits",
    "inched": "inched",
    "increased": "decreased",
}
_DIRECTION_WORD_RE = re.compile(r"\b(" + "|".join(sorted(ANTONYMS, key=len, reverse=True)) + r")\b")
QUAL_FLIPS = (
    ("higher", "lower"),
    ("lower", "higher"),
    ("trailed", "outperformed"),
    ("lagged", "outpaced"),
    ("outperformed", "trailed"),
    ("outpaced", "lagged"),
    ("beat", "trailed"),
    ("underperformed", "outperformed"),
    ("highest close", "lowest close"),
    ("lowest close", "highest close"),
    ("positive territory", "negative territory"),
    ("52-week high", "52-week low"),
    ("52-Week High", "52-Week Low"),
    ("52-week closing high", "52-week closing low"),
    ("weekly high", "weekly low"),
    ("Trailing", "Outpacing"),
    ("Outpacing", "Trailing"),
    ("Lagging", "Beating"),
    ("Beating", "Trailing"),
    ("highest of the week", "lowest of the week"),
)


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    brief: IndexBrief
    claims: tuple[Claim, ...]
    offsets: tuple[int, ...]  # start offset of each claim


@dataclass(frozen=True)
class Mutant:
    text: str
    line: int
    note: str


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def offset_of(text: str, starts: list[int], c: Claim) -> int:
    return starts[c.line - 1] + c.col - 1


def replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def written(value: Decimal, decimals: int) -> str:
    return format_number(abs(value), decimals)


def decimals_of(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def numeric_claims(
    art: Article, kinds: tuple[str, ...] = ("number", "percent", "points", "percentage_points")
) -> Iterator[tuple[Claim, int, Fact]]:
    for c, off in zip(art.claims, art.offsets, strict=True):
        if c.status is Status.VERIFIED and c.kind in kinds and c.fact_id:
            fact = art.brief.get(c.fact_id)
            if fact is not None:
                yield c, off, fact


def hedge_of(art: Article, off: int) -> Hedge:
    from factcheck.numfmt import parse_hedge

    return parse_hedge(art.text[max(0, off - 40) : off])


def still_true(fact: Fact, new_number: str, hedge: Hedge) -> bool:
    value = Decimal(new_number.replace(",", ""))
    places = decimals_of(new_number)
    exact = hedge is Hedge.EXACT
    if (
        exact
        and fact.metric == "change_pts"
        and point_change_matches(abs(fact.value), value, places)
    ):
        return True  # within the rounding of the two closes (numfmt)
    whole_close = places == 0 and value >= LEVEL_TRUNCATION_MIN and fact.metric == "close"
    if exact and whole_close and truncates_to(fact.value, value):
        return True  # a close written whole may be cut, not rounded (numfmt)
    return written_matches(abs(fact.value) if fact.signed else fact.value, value, places, hedge)


def number_span(art: Article, c: Claim, off: int) -> tuple[int, int, str] | None:
    m = NUM_RE.search(art.text, off, off + len(c.text))
    if m is None:
        return None
    return m.start(), m.end(), m.group(0)


# --- operators ---------------------------------------------------------------------------


def op_digit(art: Article, rng: random.Random) -> Iterator[Mutant]:
    for c, off, fact in numeric_claims(art):
        span = number_span(art, c, off)
        if span is None:
            continue
        a, b, num = span
        digits = [i for i, ch in enumerate(num) if ch.isdigit()]
        i = rng.choice(digits)
        new_digit = rng.choice(
            [d for d in "0123456789" if d != num[i] and not (i == 0 and d == "0")]
        )
        new = num[:i] + new_digit + num[i + 1 :]
        if still_true(fact, new, hedge_of(art, off)):
            continue
        yield Mutant(replace(art.text, a, b, new), c.line, f"{num} -> {new}")


def op_decimal_shift(art: Article, rng: random.Random) -> Iterator[Mutant]:
    for c, off, fact in numeric_claims(art):
        span = number_span(art, c, off)
        if span is None:
            continue
        a, b, num = span
        value = Decimal(num.replace(",", ""))
        places = decimals_of(num)
        factor = Decimal(10) if rng.random() < 0.5 else Decimal("0.1")
        new = format_number(value * factor, places)
        if new == num or still_true(fact, new, hedge_of(art, off)):
            continue
        yield Mutant(replace(art.text, a, b, new), c.line, f"{num} -> {new}")


def op_rounding(art: Article, rng: random.Random) -> Iterator[Mutant]:
    for c, off, fact in numeric_claims(art):
        if hedge_of(art, off) is not Hedge.EXACT:
            continue
        span = number_span(art, c, off)
        if span is None:
            continue
        a, b, num = span
        places = decimals_of(num)
        if places == 0:
            continue
        value = Decimal(num.replace(",", ""))
        step = Decimal(1).scaleb(-places) * rng.choice((1, -1))
        new = format_number(value + step, places)
        if value + step <= 0 or still_true(fact, new, Hedge.EXACT):
            continue
        yield Mutant(replace(art.text, a, b, new), c.line, f"{num} -> {new}")


def op_sign_flip(art: Article, rng: random.Random) -> Iterator[Mutant]:
    for c, off, fact in numeric_claims(art):
        if not fact.signed or c.text[:1] not in "+-−" or abs(fact.value) < Decimal("0.005"):
            continue
        new = ("-" if c.text[0] == "+" else "+") + c.text[1:]
        yield Mutant(replace(art.text, off, off + len(c.text), new), c.line, f"{c.text} -> {new}")


def _direction_site(art: Article, c: Claim, off: int) -> tuple[int, int, str] | None:
    """The direction word that governs the figure: right after it ("1.53% above", "a 1.02%
    gain"), else the nearest before it in the same sentence."""
    after = re.match(
        r"\s*(above|below|higher|lower|gain|loss|dip|drop|rise|decline)\b",
        art.text[off + len(c.text) :],
    )
    if after is not None:
        start = off + len(c.text) + after.start(1)
        return start, start + len(after.group(1)), after.group(1)
    line_start = art.text.rfind("\n", 0, off) + 1
    sentence_start = max(art.text.rfind(". ", line_start, off) + 2, line_start)
    window = art.text[max(sentence_start, off - 60) : off]
    found = list(_DIRECTION_WORD_RE.finditer(window))
    if not found:
        return None
    m = found[-1]
    base = max(sentence_start, off - 60)
    return base + m.start(), base + m.end(), m.group(0)


def op_direction_flip(art: Article, rng: random.Random) -> Iterator[Mutant]:
    for c, off, fact in numeric_claims(art, ("percent", "points", "percentage_points")):
        if not fact.signed or abs(fact.value) < Decimal("0.005") or c.text[:1] in "+-−":
            continue
        site = _direction_site(art, c, off)
        if site is None:
            continue
        a, b, word = site
        flipped = ANTONYMS.get(word, word)
        if flipped == word:
            continue
        yield Mutant(replace(art.text, a, b, flipped), line_of(art.text, a), f"{word} -> {flipped}")


_DAY_RE = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday)(?:,\s+([A-Z][a-z]{2,8}\.?)"
    r"\s+(\d{1,2}))?"
)


def op_misattributed_day(art: Article, rng: random.Random) -> Iterator[Mutant]:
    sessions = art.brief.week.sessions
    for c, off, fact in numeric_claims(art):
        if not (len(fact.period) == 10 and fact.period[4] == "-"):
            continue
        day = dt.date.fromisoformat(fact.period)
        if day not in sessions:
            continue
        line_start = art.text.rfind("\n", 0, off) + 1
        days = list(_DAY_RE.finditer(art.text, line_start, off))
        mine = [m for m in days if m.group(1) == f"{day:%A}"]
        if len(days) != 1 or not mine:
            continue
        m = mine[0]
        others = [d for d in sessions if d != day]
        rng.shuffle(others)
        for other in others:
            other_fact = art.brief.get(fact.id.replace(fact.period, other.isoformat()))
            span = number_span(art, c, off)
            if (
                other_fact is None
                or span is None
                or still_true(other_fact, span[2], hedge_of(art, off))
            ):
                continue
            new = f"{other:%A}" + (f", {other:%b} {other.day}" if m.group(2) else "")
            yield Mutant(
                replace(art.text, m.start(), m.end(), new), c.line, f"{m.group(0)} -> {new}"
            )
            break


def op_wrong_base(art: Article, rng: random.Random) -> Iterator[Mutant]:
    brief = art.brief
    for c, off, fact in numeric_claims(art, ("percent", "points")):
        iso = len(fact.period) == 10 and fact.period[4] == "-"
        if fact.metric not in ("change_pct", "change_pts") or not (iso or fact.period == "week"):
            continue  # the year or month to date: no base in the week to take instead
        key = brief.subject.key if fact.entity == brief.subject.key else fact.entity
        days = [d for d in brief.week.sessions if brief.get(f"{key}.close.{d}")]
        if fact.period == "week":
            end = brief.get(f"{key}.close.{days[-1]}")
            base = brief.get(f"{key}.close.{days[0]}")  # Monday's close instead of last week's
        else:
            day = dt.date.fromisoformat(fact.period)
            end = brief.get(f"{key}.close.{day}")
            base = brief.get(f"{key}.open.{day}")  # the day's open instead of the prior close
        if end is None or base is None:
            continue
        diff = end.value - base.value
        value = diff / base.value * 100 if fact.metric == "change_pct" else diff
        span = number_span(art, c, off)
        if span is None:
            continue
        a, b, num = span
        new = written(value, decimals_of(num))
        if new == num or still_true(fact, new, hedge_of(art, off)):
            continue
        yield Mutant(replace(art.text, a, b, new), c.line, f"{num} -> {new} (wrong base)")


def op_pct_points(art: Article, rng: random.Random) -> Iterator[Mutant]:
    for c, off, _fact in numeric_claims(art, ("percent", "points")):
        if c.kind == "percent" and c.text.endswith("%"):
            new = c.text[:-1] + " points"
        elif c.kind == "points" and c.text.endswith(" points"):
            new = c.text[: -len(" points")] + "%"
        else:
            continue
        yield Mutant(replace(art.text, off, off + len(c.text), new), c.line, f"{c.text} -> {new}")


def op_peer_swap(art: Article, rng: random.Random) -> Iterator[Mutant]:
    brief = art.brief
    names = {e.key: e.name for e in brief.entities}
    for c, off, fact in numeric_claims(art):
        line_start = art.text.rfind("\n", 0, off) + 1
        prefix = art.text[line_start:off]
        present = [(prefix.rfind(n), k, n) for k, n in names.items() if n in prefix]
        if len(present) != 1 or fact.entity != present[0][1] or fact.versus:
            continue
        pos, key, name = present[0]
        if re.search(r"(?<![\w-])(the index|its|It)\b", prefix[pos:]):
            continue
        for other_key, other_name in names.items():
            if other_key == key or (other_key in name):
                continue
            other = brief.get(fact.id.replace(f"{key}.", f"{other_key}.", 1))
            span = number_span(art, c, off)
            if other is None or span is None or still_true(other, span[2], hedge_of(art, off)):
                continue
            start = line_start + pos
            yield Mutant(
                replace(art.text, start, start + len(name), other_name),
                c.line,
                f"{name} -> {other_name}",
            )
            break


def op_weekday_date(art: Article, rng: random.Random) -> Iterator[Mutant]:
    for m in _DAY_RE.finditer(art.text):
        if not m.group(2):
            continue
        other = rng.choice([d for d in WEEKDAYS if d != m.group(1)])
        yield Mutant(
            replace(art.text, m.start(1), m.end(1), other),
            line_of(art.text, m.start()),
            f"{m.group(1)} -> {other}",
        )


def op_wrong_52w(art: Article, rng: random.Random) -> Iterator[Mutant]:
    brief = art.brief
    for c, off, fact in numeric_claims(art, ("number",)):
        line_start = art.text.rfind("\n", 0, off) + 1
        if fact.period != "52w" or not re.search(
            r"(?i)52-week[^.;]{0,40}$", art.text[line_start:off]
        ):
            continue  # only figures the text itself calls 52-week bounds
        opposite = {
            "high": "low",
            "low": "high",
            "close_high": "close_low",
            "close_low": "close_high",
        }[fact.metric]
        choices = [opposite]
        if fact.metric in ("high", "low"):
            choices.append(f"close_{fact.metric}")
        other = brief.get(f"{fact.entity}.52w.{rng.choice(choices)}")
        span = number_span(art, c, off)
        if other is None or span is None or still_true(fact, other.display, Hedge.EXACT):
            continue
        a, b, _ = span
        yield Mutant(
            replace(art.text, a, b, other.display),
            c.line,
            f"{span[2]} -> {other.display} (52-week)",
        )


def op_false_qualitative(art: Article, rng: random.Random) -> Iterator[Mutant]:
    for c, off in zip(art.claims, art.offsets, strict=True):
        if c.status is not Status.VERIFIED or c.kind not in ("phrase", "count"):
            continue
        span_text = c.text
        if c.kind == "count":
            words = {
                "two": "three",
                "three": "four",
                "four": "two",
                "five": "three",
                "second": "third",
                "third": "fourth",
                "fourth": "second",
                "first": "second",
                "fifth": "third",
            }
            new = words.get(span_text.lower())
            if new is None:
                continue
            yield Mutant(
                replace(art.text, off, off + len(span_text), new), c.line, f"{span_text} -> {new}"
            )
            continue
        for old, new in QUAL_FLIPS:
            at = span_text.find(old)
            if at >= 0:
                a = off + at
                yield Mutant(replace(art.text, a, a + len(old), new), c.line, f"{old} -> {new}")
                break
        else:
            day = re.search(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday)'s\b", span_text)
            if day is not None:
                other = rng.choice([d for d in WEEKDAYS if d != day.group(1)])
                if gave_back_holds(art, off, other, "gain" in span_text):
                    continue  # the swapped day makes a claim that is still true
                a = off + day.start(1)
                yield Mutant(
                    replace(art.text, a, a + len(day.group(1)), other),
                    c.line,
                    f"{day.group(1)} -> {other}",
                )


def gave_back_holds(art: Article, off: int, weekday: str, gains: bool) -> bool:
    """Would "gave back all of <weekday>'s gains" still be true on the claim's line?"""
    brief = art.brief
    line_start = art.text.rfind("\n", 0, off) + 1
    lead = _DAY_RE.search(art.text, line_start, off)
    days = {f"{d:%A}": d for d in brief.week.sessions}
    if lead is None or lead.group(1) not in days or weekday not in days:
        return False
    day, ref = days[lead.group(1)], days[weekday]
    if ref >= day:
        return False
    earlier = [d for d in brief.week.sessions if d < ref]
    base_day = earlier[-1] if earlier else brief.week.previous_session
    key = brief.subject.key
    close, base = brief.get(f"{key}.close.{day}"), brief.get(f"{key}.close.{base_day}")
    change = brief.get(f"{key}.change_pct.{ref}")
    if close is None or base is None or change is None:
        return False
    if gains:
        return change.value > 0 and close.value <= base.value
    return change.value < 0 and close.value >= base.value


OPERATORS: dict[str, Callable[[Article, random.Random], Iterator[Mutant]]] = {
    "digit change": op_digit,
    "decimal shift": op_decimal_shift,
    "rounding error": op_rounding,
    "sign flip": op_sign_flip,
    "direction-word flip": op_direction_flip,
    "misattributed day": op_misattributed_day,
    "wrong base for a change": op_wrong_base,
    "percent/points swap": op_pct_points,
    "peer swap": op_peer_swap,
    "weekday/date mismatch": op_weekday_date,
    "wrong 52-week bound": op_wrong_52w,
    "false qualitative claim": op_false_qualitative,
}


# --- corpus ------------------------------------------------------------------------------


def load_articles(data_dir: Path, limit: int, seed: int, daily: bool = False) -> list[Article]:
    """Offline drafts of random weeks (or, `daily`, sessions) of every symbol, and for weekly
    recaps every hand-written article of tests/corpus."""
    from writer.genres import genre_of
    from writer.pipeline import draft_brief, open_source

    source = open_source(data_dir)
    rng = random.Random(seed)
    targets = []
    for symbol in SYMBOLS:
        day = dt.date(2024, 7, 12)
        while day <= dt.date(2025, 12, 26):
            if daily:
                targets += [(symbol, day - dt.timedelta(days=n)) for n in range(5)]
            else:
                targets.append((symbol, day))
            day += dt.timedelta(days=7)
    rng.shuffle(targets)
    kind = "daily_wrap" if daily else "weekly_index"
    briefs: dict[tuple[str, dt.date], IndexBrief] = {}
    out: list[Article] = []
    for symbol, day in targets:
        if len(out) >= limit:
            break
        try:
            brief = draft_brief(kind, symbol, day, source)
        except Exception:  # weeks without data or history, holidays (noted in the table)
            continue
        briefs[(symbol, day)] = brief
        place = f"date: {day.isoformat()}\n" if daily else ""
        head = f"---\nticker: {symbol}\n{place}week: {day.isoformat()}\n---\n"
        text = head + genre_of(brief).offline(brief)
        out.append(make_article(f"draft:{symbol}:{day}", text, brief))
    if daily:
        return out
    from writer.pipeline import weekly_brief

    for path in sorted((ROOT / "tests" / "corpus").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        from factcheck.frontmatter import article_target

        ticker, week = article_target(text)
        assert ticker is not None and week is not None
        out.append(make_article(f"corpus:{path.name}", text, weekly_brief(ticker, week, source)))
    return out


def make_article(name: str, text: str, brief: IndexBrief) -> Article:
    report = check_text(text, brief)
    starts = line_starts(text)
    return Article(
        name, text, brief, report.claims, tuple(offset_of(text, starts, c) for c in report.claims)
    )


def caught(mutant: Mutant, brief: IndexBrief) -> bool:
    report = check_text(mutant.text, brief)
    return any(c.line == mutant.line or c.status is Status.WRONG_WEEK for c in report.errors)


def best_ms(run: Callable[[], object], times: int = 5) -> float:
    """The fastest of `times` runs, in milliseconds (the least disturbed by the machine)."""
    best = float("inf")
    for _ in range(times):
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def check_fresh(text: str, briefs: Iterator[IndexBrief]) -> None:
    check_text(text, next(briefs))


def build() -> str:
    """Which factcheck is measured: the mypyc-compiled wheel or the pure-Python source."""
    import factcheck.check

    compiled = not (factcheck.check.__file__ or "").endswith(".py")
    return "compiled with mypyc" if compiled else "pure Python"


def cli_wall_time(
    articles: list[Article], data_dir: Path, n_files: int, fmt: str
) -> tuple[float, int]:
    """Seconds for one `writer check --format FMT` run over n_files article files."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(n_files):
            art = articles[i % len(articles)]
            path = Path(tmp) / f"a{i:04d}.md"
            path.write_text(art.text, encoding="utf-8")
            paths.append(str(path))
        writer = Path(sys.executable).with_name("writer")
        cmd = [str(writer), "check", "--format", fmt, "--data-dir", str(data_dir), *paths]
        start = time.perf_counter()
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "WRITER_CACHE_DIR": tmp},
        )
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise SystemExit(f"writer check failed ({proc.returncode}): {proc.stderr[-500:]}")
        briefs = len(
            {split_front_matter(articles[i % len(articles)].text)[0] for i in range(n_files)}
        )
        return elapsed, briefs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "marketdata")
    parser.add_argument(
        "--articles",
        type=int,
        default=200,
        help="drafted articles (plus every tests/corpus article)",
    )
    parser.add_argument("--per-op", type=int, default=3, help="mutants per article and operator")
    parser.add_argument("--files", type=int, default=1000, help="files for the CLI timing")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--daily", action="store_true", help="daily wraps of random sessions, not weekly recaps"
    )
    args = parser.parse_args()

    articles = load_articles(args.data_dir, args.articles, args.seed, args.daily)
    drafted = sum(a.name.startswith("draft:") for a in articles)
    clean = [a for a in articles if not any(c.severity.value == "error" for c in a.claims)]
    fps = len(articles) - len(clean)
    fp_claims = sum(sum(c.severity.value == "error" for c in a.claims) for a in articles)

    # Time the checker, not this harness: the corpus and its reports (hundreds of thousands
    # of objects) go to the permanent generation, so a garbage collection that happens to
    # start inside a timed call does not walk them.
    gc.collect()
    gc.freeze()
    timings, cold, words = [], [], []
    for art in articles:
        check_text(art.text, art.brief)  # the brief's index is built on first use, then cached
        timings.append(best_ms(partial(check_text, art.text, art.brief)))
        fresh = iter([art.brief.model_copy() for _ in range(5)])  # new objects: not cached
        cold.append(best_ms(partial(check_fresh, art.text, fresh)))
        words.append(len(art.text[split_front_matter(art.text)[1] :].split()))
    per600 = [t / w * 600 for t, w in zip(timings, words, strict=True)]
    cold600 = [t / w * 600 for t, w in zip(cold, words, strict=True)]

    rng = random.Random(args.seed)
    rows = []
    for name, op in OPERATORS.items():
        total = hit = 0
        misses: list[str] = []
        for art in clean:
            mutants = list(op(art, rng))
            rng.shuffle(mutants)
            for mutant in mutants[: args.per_op]:
                total += 1
                if caught(mutant, art.brief):
                    hit += 1
                elif len(misses) < 3:
                    misses.append(f"{art.name} line {mutant.line}: {mutant.note}")
        rows.append((name, total, hit, misses))

    print(
        f"articles: {len(articles)} ({drafted} drafted by the offline drafter across "
        f"{len(SYMBOLS)} indices and many weeks, {len(articles) - drafted} hand-written "
        "in tests/corpus)"
    )
    print(f"false positives on unmutated articles: {fps} articles, {fp_claims} claims")
    print()
    print(f"{'operator':28} {'mutants':>8} {'caught':>8} {'recall':>8}")
    for name, total, hit, _ in rows:
        recall = f"{100 * hit / total:.2f}%" if total else "n/a"
        print(f"{name:28} {total:>8} {hit:>8} {recall:>8}")
    all_total = sum(r[1] for r in rows)
    all_hit = sum(r[2] for r in rows)
    print(
        f"{'all operators':28} {all_total:>8} {all_hit:>8} {100 * all_hit / max(all_total, 1):.2f}%"
    )
    for name, _, _, misses in rows:
        for miss in misses:
            print(f"  missed [{name}] {miss}")
    print()
    print(f"in-process check_text ({build()}), best of 5 runs per article:")
    print(
        f"  brief already prepared: median {statistics.median(per600):.2f} ms per 600 words "
        f"(median {statistics.median(timings):.2f} ms per article of median "
        f"{statistics.median(words)} words; p90 {statistics.quantiles(per600, n=10)[-1]:.2f} "
        "ms per 600 words)"
    )
    print(
        f"  first article of a brief (its index built too): median "
        f"{statistics.median(cold600):.2f} ms per 600 words"
    )
    for label, prefix in (("drafted", "draft:"), ("hand-written", "corpus:")):
        group = [
            (t, w)
            for a, t, w in zip(articles, timings, words, strict=True)
            if a.name.startswith(prefix)
        ]
        if group:
            print(
                f"  {label}: median {statistics.median(t for t, _ in group):.2f} ms per "
                f"article, median {statistics.median(w for _, w in group)} words, median "
                f"{statistics.median(t / w * 600 for t, w in group):.2f} ms per 600 words"
            )
    same = [a for a in articles if a.name.startswith("draft:")][:10] or articles[:10]
    print(f"writer check wall time ({os.cpu_count()} CPUs):")
    for batch in (articles, same):
        for fmt in ("text", "json"):
            elapsed, briefs = cli_wall_time(batch, args.data_dir, args.files, fmt)
            print(
                f"  {args.files} files, {briefs} distinct briefs, --format {fmt}: "
                f"{elapsed:.2f} s, {args.files / elapsed:.0f} files/s"
            )


if __name__ == "__main__":
    main()
