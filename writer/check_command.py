"""`writer check FILE...`: which brief each article needs, build each brief once, check, render.

The data an article is checked against comes from, in order: its YAML front matter (`ticker`,
`week`), a sidecar `FILE.brief.json`, or the `--ticker` / `--week` options.  Everything that
can go wrong with the input (unreadable file, bad YAML, no way to tell the week) is raised as
`MalformedInput` naming the file, before any brief is built.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from factcheck.brief import WeeklyIndexBrief
from factcheck.check import check_text
from factcheck.errors import CheckError, MalformedInput
from factcheck.frontmatter import article_target
from factcheck.render import render
from factcheck.report import CheckReport


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    ticker: str | None
    week: dt.date | None
    brief: WeeklyIndexBrief | None  # from a sidecar


def read_article(name: str, stdin_text: str | None = None) -> str:
    if name == "-":
        return stdin_text if stdin_text is not None else sys.stdin.read()
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MalformedInput(f"{name}: no such file") from None
    except IsADirectoryError:
        raise MalformedInput(f"{name}: is a directory, not an article") from None
    except UnicodeDecodeError:
        raise MalformedInput(f"{name}: not UTF-8 text") from None
    except OSError as exc:
        raise MalformedInput(f"{name}: cannot read ({exc.strerror})") from None


def load_sidecar(path: Path) -> WeeklyIndexBrief:
    try:
        return WeeklyIndexBrief.model_validate_json(path.read_text(encoding="utf-8"))
    except (ValidationError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise MalformedInput(f"{path}: not a brief ({first})") from None
    except OSError as exc:
        raise MalformedInput(f"{path}: cannot read ({exc.strerror})") from None


def prepare(name: str, text: str, ticker: str | None, week: dt.date | None) -> Article:
    """Decide which data an article is checked against (see the module docstring)."""
    try:
        fm_ticker, fm_week = article_target(text)
    except CheckError as exc:
        raise MalformedInput(f"{name}: {exc}") from None
    if fm_ticker and fm_week:
        return Article(name, text, fm_ticker, fm_week, None)
    sidecar = Path(f"{name}.brief.json")
    if name != "-" and sidecar.is_file():
        return Article(name, text, None, None, load_sidecar(sidecar))
    use_ticker, use_week = fm_ticker or ticker, fm_week or week
    if use_ticker is None or use_week is None:
        missing = " and ".join(x for x, v in (("ticker", use_ticker), ("week", use_week))
                               if v is None)
        raise MalformedInput(f"{name}: no {missing} to check against: add front matter "
                             f"(ticker:, week:), a sidecar {Path(name).name}.brief.json, or "
                             "pass --ticker and --week")
    return Article(name, text, use_ticker, use_week, None)


def run_check(names: list[str], *, ticker: str | None, week: dt.date | None,
              data_dir: Path | None, allow_unsupported: bool, fmt: str,
              stdin_text: str | None = None) -> tuple[str, int]:
    """Check every file; returns the rendered output and the exit code (0 ok, 1 findings)."""
    articles = [prepare(n, read_article(n, stdin_text), ticker, week) for n in names]
    briefs: dict[tuple[str, dt.date], WeeklyIndexBrief] = {}
    source = None
    reports: list[CheckReport] = []
    for art in articles:
        brief = art.brief
        if brief is None:
            assert art.ticker is not None and art.week is not None
            key = (art.ticker.upper(), art.week - dt.timedelta(days=art.week.weekday()))
            brief = briefs.get(key)
            if brief is None:
                from writer.pipeline import open_source, weekly_brief

                source = source or open_source(data_dir)
                brief = weekly_brief(art.ticker, art.week, source)
                briefs[key] = brief
        reports.append(check_text(art.text, brief, source=art.name,
                                  strict=not allow_unsupported))
    code = 0 if all(r.ok for r in reports) else 1
    return render(reports, fmt), code
