"""Read an article's front matter (`ticker`, `week`): which brief it must be checked against.

Front matter is the block between a `---` line at the very top and the next `---` line
(YAML), or between `+++` lines (TOML, as Hugo writes it).  Only
string-able scalar values are kept; anything else is reported as malformed input, because a
checker that silently guesses the week would check against the wrong data.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Final

import yaml

from factcheck.errors import MalformedInput

#: The longest front matter read: an article's keys take a few hundred characters.
MAX_FRONT_MATTER_CHARS = 65_536

#: One `key: value` line whose YAML meaning is obvious: a plain word key and a value that
#: is a plain word (`SPX`, `^GSPC`, `weekly-recap`) or an ISO date.  Anything else (quotes,
#: numbers, comments, flow syntax, indentation) goes to the YAML parser.
_SIMPLE_LINE_RE = re.compile(
    r"(?P<key>[A-Za-z_][A-Za-z0-9_]*): +(?:(?P<date>\d{4}-\d\d-\d\d)|"
    r"(?P<word>[A-Za-z^][A-Za-z0-9^._-]*)) *"
)
#: YAML front matter between `---` lines, or TOML between `+++` lines (Hugo).
_FRONT_RE = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(.*?)\r?\n\1[ \t]*(?:\r?\n|\Z)", re.S)
#: Plain words YAML 1.1 reads as booleans or null, not strings.
_YAML_SPECIAL = frozenset(
    w
    for base in ("yes", "no", "true", "false", "on", "off", "null")
    for w in (base, base.capitalize(), base.upper())
)


#: Front matter fields that site generators render for readers (the page's headline, its
#: summary and the description search engines and link previews show): one-line values.
_SHOWN_RE: Final = re.compile(
    r"^(?:title|subtitle|headline|description|summary|excerpt|lede|dek)[ \t]*[:=][ \t]*"
    r"(?P<value>[\"']?)(?P<text>[^\n]*?)(?P=value)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


_HEADING_LINE_RE: Final = re.compile(r"^ {0,3}#{1,6}[ \t]+([^\n]*?)[ \t#]*$", re.MULTILINE)


def shown_fields(head: str, body: str = "") -> list[tuple[int, int]]:
    """Spans (in `head`, the text up to the body) of the front matter values readers see:
    a headline in `title:` is published as surely as one in the body, so its figures are
    checked.  A value that is a heading of the body as well (`writer draft` copies the `# `
    headline into `title:`) is read there, once.  A block scalar (`title: >`) is not read."""
    shown = [
        m
        for m in _SHOWN_RE.finditer(head)
        if m.group("text") and m.group("text") not in (">", "|", ">-", "|-")
    ]
    if not shown:  # the common front matter (ticker, week): the body is not scanned
        return []
    headings = {m.group(1).strip() for m in _HEADING_LINE_RE.finditer(body)}
    return [m.span("text") for m in shown if m.group("text").strip() not in headings]


def split_front_matter(text: str) -> tuple[str | None, int]:
    """The front matter block (without fences) and where the body starts; the block is YAML,
    or TOML when `text` starts with `+++`."""
    match = _FRONT_RE.match(text)
    if match is None:
        return None, 0
    return match.group(2), match.end()


def _simple_front_matter(block: str) -> dict[str, str] | None:
    """The front matter of the common shape (`ticker: SPX` / `week: 2025-08-08` lines),
    read without YAML; None when any line needs the real parser.

    `yaml.safe_load` costs more than checking half the article's figures, and almost every
    article's front matter is a few such lines.  The result is what `parse_front_matter`
    makes of YAML's answer: words stay strings, ISO dates come back in ISO form.
    """
    out: dict[str, str] = {}
    for line in block.split("\n"):
        m = _SIMPLE_LINE_RE.fullmatch(line)
        if m is None:
            return None
        key, date, word = m.group("key", "date", "word")
        if key in _YAML_SPECIAL or word in _YAML_SPECIAL:
            return None
        if date is not None:
            try:
                date = dt.date.fromisoformat(date).isoformat()
            except ValueError:
                return None  # YAML's own error handling decides
        out[key] = date if date is not None else word
    return out or None


def parse_front_matter(block: str, *, toml: bool = False) -> dict[str, str]:
    """Scalar keys of a front matter block as strings (dates in ISO form); YAML, or TOML for
    Hugo's `+++` fences."""
    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise MalformedInput(
            f"front matter is {len(block):,} characters, more than any article's "
            f"({MAX_FRONT_MATTER_CHARS:,}); keep it to the article's keys"
        )
    if toml:
        return _toml_front_matter(block)
    simple = _simple_front_matter(block)
    if simple is not None:
        return simple
    try:
        data = yaml.safe_load(block)
    except RecursionError:
        raise MalformedInput("front matter is nested too deeply to be an article's") from None
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


def _scalars(data: dict[str, object]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dt.datetime):
            out[str(key)] = value.date().isoformat()
        elif isinstance(value, dt.date):
            out[str(key)] = value.isoformat()
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            out[str(key)] = str(value)
    return out


def _toml_front_matter(block: str) -> dict[str, str]:
    try:
        data = tomllib.loads(block)
    except tomllib.TOMLDecodeError as exc:
        raise MalformedInput(f"front matter is not valid TOML ({exc})") from None
    except RecursionError:
        raise MalformedInput("front matter is nested too deeply to be an article's") from None
    return _scalars(data)


def read_front_matter(text: str) -> dict[str, str]:
    """The front matter of an article's text ({} when it has none)."""
    block, _ = split_front_matter(text)
    return {} if block is None else parse_front_matter(block, toml=text.startswith("+++"))


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
            raise MalformedInput(
                f"front matter week {week_text!r} is not a date (use YYYY-MM-DD)"
            ) from None
    return (ticker.strip() if ticker else None), week
