"""Read an article's YAML front matter (`ticker`, `week`): which brief it must be checked against.

Front matter is the block between a `---` line at the very top and the next `---` line.  Only
string-able scalar values are kept; anything else is reported as malformed input, because a
checker that silently guesses the week would check against the wrong data.
"""

from __future__ import annotations

import datetime as dt

import yaml

from factcheck.errors import MalformedInput


def parse_front_matter(block: str) -> dict[str, str]:
    """Scalar keys of a YAML front matter block as strings (dates in ISO form)."""
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise MalformedInput(f"front matter is not valid YAML{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MalformedInput("front matter must be a YAML mapping (key: value lines)")
    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dt.date):
            out[str(key)] = value.isoformat()
        elif isinstance(value, str | int | float):
            out[str(key)] = str(value)
    return out


def read_front_matter(text: str) -> dict[str, str]:
    """The front matter of an article's text ({} when it has none)."""
    from factcheck.extract import split_front_matter

    block, _ = split_front_matter(text)
    return {} if block is None else parse_front_matter(block)


def article_target(text: str) -> tuple[str | None, dt.date | None]:
    """(`ticker`, `week`) named by the front matter, each None when absent."""
    meta = read_front_matter(text)
    ticker = meta.get("ticker") or meta.get("symbol")
    week_text = meta.get("week")
    week = None
    if week_text is not None:
        try:
            week = dt.date.fromisoformat(week_text.strip())
        except ValueError:
            raise MalformedInput(f"front matter week {week_text!r} is not a date "
                                 "(use YYYY-MM-DD)") from None
    return (ticker.strip() if ticker else None), week
