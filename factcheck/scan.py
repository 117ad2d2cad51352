"""Hand scanners for markup whose closer a backtracking regex would look for from every opener.

`re` tries a pattern such as `\\[[^\\]]*\\]\\(...\\)` at every `[` of a line, and each try reads
on to the line's end when the closer is missing: a line of 100,000 `[` costs 10^10 steps.
These scanners find the same matches as the regexes they replace (leftmost first, the same
spans; tests hold them to the regexes on generated text) while reading each character a
bounded number of times: every opener that shares a closer is decided once, and a closer
searched for and not found is not searched for again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

#: The first `]` or newline: where `[text` stops being a link text.
_TEXT_END_RE: Final = re.compile(r"[\]\n]")
_URL_END_RE: Final = re.compile(r"[)\n]")
_TAG_END_RE: Final = re.compile(r"[>\n]")


def md_links(body: str) -> Iterator[tuple[int, int, int, int]]:
    """`(start, text_start, text_end, end)` of each `[text](url)` or `![text](url)`, as
    `re.finditer(r"!?\\[([^\\]\\n]*)\\]\\(([^)\\n]*)\\)", body)` finds them, in linear time.

    Every `[` up to the first `]` or newline after it shares that closer, so one failed
    opener rules out all the ones before the closer."""
    pos = 0  # where the next opener may be
    done = 0  # where the last match ended (a `!` before it is not this match's)
    while True:
        start = body.find("[", pos)
        if start < 0:
            return
        stop = _TEXT_END_RE.search(body, start + 1)
        if stop is None:
            return  # no later `[` has a closer either
        close = stop.start()
        if body[close] == "\n" or not body.startswith("(", close + 1):
            pos = close + 1
            continue
        url_end = _URL_END_RE.search(body, close + 2)
        if url_end is None:
            return
        end = url_end.start()
        if body[end] == "\n":
            pos = end + 1  # every `[` before it needs a `)` before this newline too
            continue
        first = start - 1 if start > done and body[start - 1] == "!" else start
        yield first, start + 1, close, end + 1
        pos = done = end + 1


#: What follows the `<` of a tag: a name's first letter, `/`, `!` (comments, doctype), `?`
_TAG_START_RE: Final = re.compile(r"[A-Za-z/!?]")


def html_spans(body: str) -> Iterator[tuple[int, int]]:
    """Spans of `<!-- ... -->` comments (across lines) and one-line `<tag ...>`s, as
    `re.finditer(r"<!--.*?-->|<[a-z/!?][^>\\n]*>", body, re.S | re.I)` finds them, in
    linear time.

    A tag starts with its name (a letter), `/`, `!` or `?` right after the `<`, as
    CommonMark's raw HTML does: "gained <1% vs. >2%" is text a reader sees, not a tag, and
    its figures are read.

    The next `-->` and the next `>`-or-newline are remembered: openers before them share
    them, so neither is searched for twice over the same text."""
    pos = 0
    comment_end = -1  # start of the next `-->` at or after the last search; -2: none left
    tag_end = -1  # the next `>` or newline after the last search; -2: none left
    while True:
        start = body.find("<", pos)
        if start < 0:
            return
        if comment_end != -2 and body.startswith("<!--", start):
            if comment_end < start + 4:
                comment_end = body.find("-->", start + 4)
                if comment_end < 0:
                    comment_end = -2
            if comment_end >= 0:
                yield start, comment_end + 3
                pos = comment_end + 3
                continue
        if tag_end != -2 and tag_end <= start:
            found = _TAG_END_RE.search(body, start + 1)
            tag_end = found.start() if found is not None else -2
        if (
            tag_end >= 0
            and body[tag_end] == ">"
            and tag_end > start + 1
            and _TAG_START_RE.match(body, start + 1) is not None
        ):
            yield start, tag_end + 1
            pos = tag_end + 1
            continue
        pos = start + 1


def first_delimited(line: str, opener: str, closer: str) -> tuple[int, int] | None:
    """The span of `re.search(opener + ".*?" + closer, line)` (escaped, one line): the first
    opener and the first closer after it; when that opener has none, no later one has."""
    start = line.find(opener)
    if start < 0:
        return None
    close = line.find(closer, start + len(opener))
    return None if close < 0 else (start, close + len(closer))


#: From just after `![`: the alt text (`\\]` escapes) to its unescaped `]`, read once.
_ALT_RE: Final = re.compile(r"(?:[^\]\\]|\\.)*+\]")
_IMAGE_TAIL_RE: Final = re.compile(r"\(<?([^)>\s]+)>?\)")


def md_images(line: str) -> Iterator[tuple[int, int, str]]:
    """`(start, end, target)` of each `![alt](target)` or `![alt](<target>)` of one line, as
    `re.finditer(r"!\\[(?:[^\\]\\\\]|\\\\.)*\\]\\(<?([^)>\\s]+)>?\\)", line)` finds them, in
    linear time: every `![` before an alt text's `]` ends its alt text there too."""
    pos = 0
    while True:
        start = line.find("![", pos)
        if start < 0:
            return
        alt = _ALT_RE.match(line, start + 2)
        if alt is None:
            return  # no unescaped `]` after it: none after a later `![` either
        tail = _IMAGE_TAIL_RE.match(line, alt.end())
        if tail is None:
            pos = alt.end()
            continue
        yield start, tail.end(), tail.group(1)
        pos = tail.end()


_URL_RE: Final = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)


def first_link(line: str) -> tuple[int, int] | None:
    """The span of `re.search(r"\\[[^\\]]*\\]\\([^)]*\\)|https?://\\S+|www\\.\\S+", line, re.I)`
    in linear time: the first `[text](url)` found as `md_links` does, or an earlier URL."""
    url = _URL_RE.search(line)
    link = None
    pos = 0
    while (start := line.find("[", pos)) >= 0:
        close = line.find("]", start + 1)
        if close < 0:
            break
        if line.startswith("(", close + 1):
            end = line.find(")", close + 2)
            if end < 0:
                break
            link = (start, end + 1)
            break
        pos = close + 1
    if link is not None and (url is None or link[0] <= url.start()):
        return link
    return url.span() if url is not None else None


#: `_HOLE_RE`'s alternatives without an open end, in its order after the delimited ones.
_HOLE_WORD_RE: Final = re.compile(
    r"\bTBD\b|\bTK\b|\bXX+(?:[.,]X+)?\s*%|(?P<bracket>\[(?:insert|placeholder|your|figure|"
    r"date|index))|\blorem ipsum\b",
    re.IGNORECASE,
)
_DELIMITERS: Final = (("{{", "}}"), ("{%", "%}"), ("[[", "]]"), ("<<", ">>"))


def first_hole(line: str) -> tuple[int, int] | None:
    """The span `re.search` gives for the template-hole pattern
    `\\{\\{.*?\\}\\}|\\{%.*?%\\}|\\[\\[.*?\\]\\]|<<.*?>>|\\bTBD\\b|\\bTK\\b|\\bXX+(?:[.,]X+)?\\s*%|`
    `\\[(?:insert|placeholder|your|figure|date|index)[^\\]]*\\]|\\blorem ipsum\\b` (ignoring
    case) on one line, in linear time: the leftmost match of any alternative, the earlier
    alternative at a tie, each found without reading on from every opener."""
    found: list[tuple[int, int, int]] = []  # (start, alternative, end)
    for order, (opener, closer) in enumerate(_DELIMITERS):
        span = first_delimited(line, opener, closer)
        if span is not None:
            found.append((span[0], order, span[1]))
    pos = 0
    unclosed = False  # a `[insert` had no `]` after it: no later one has
    while (word := _HOLE_WORD_RE.search(line, pos)) is not None:
        pos = word.end()
        if word.group("bracket") is None:
            found.append((word.start(), len(_DELIMITERS), word.end()))
            break
        close = -1 if unclosed else line.find("]", word.end())
        if close >= 0:
            found.append((word.start(), len(_DELIMITERS), close + 1))
            break
        unclosed = True
    if not found:
        return None
    start, _, end = min(found)
    return start, end
