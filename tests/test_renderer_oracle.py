"""What a renderer shows, the checker reads: a CommonMark parser as the oracle of the block
reader.

The checker reads Markdown with its own line reader (`factcheck/blocks.py`), which also knows
plain-text and pasted tables no renderer has, and costs no import.  The risk of a hand reader
is a block it reads differently from a renderer: text a reader sees that the checker blanks
as markup, so a wrong figure there passes in silence.  This test generates documents from the
block forms that have hidden figures before (fences, inline code at a line's start, tables
with empty or figure-bearing headers, HTML blocks and comments, link and image text, block
quotes, lists, headings) and holds the reader to markdown-it-py (CommonMark with tables): for
every block the renderer shows, each digit it shows is a digit the checker kept (as a digit,
or as `#` where a name's digits are masked) on the same source lines.  What the renderer does
not show (comments, a link's address) may be blanked.
"""

from __future__ import annotations

import re

import markdown_it
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.extract import parse

_NUMBER = st.decimals(min_value=1, max_value=99999, places=2, allow_nan=False).map(
    lambda d: f"{d:,}"
)
_TEMPLATES = (
    "The Russell 2000 closed at {n} on Friday.",
    "## The index closed the week at {n}",
    "```\nThe index closed at {n}.\n```",
    "~~~text\nclose {n}\n~~~",
    "    indented code with {n}",
    "```RUT``` is the ticker; it closed at {n}.",
    "| Index | {n} |\n|---|---|\n| RUT | {m} |",
    "| | |\n|---|---|\n| Russell 2000 close | {n} |",
    "<p>The index closed at {n}.</p>",
    "<!-- an editor's note: {n} -->",
    "It gained <1% vs. >{n}% for the S&P 500.",
    "[The index closed at {n}](https://example.com/{m})",
    "![The index closed at {n}](chart-{m}.png)",
    "> The index closed at {n}.",
    "- The index closed at {n}.\n- It rose {m}%.",
    "1. First, it closed at {n}.",
    "The index closed at <span>{n}</span> on Friday.",
    "Closed at **{n}**, up _{m}%_.",
)
_BLOCKS = st.lists(
    st.tuples(st.sampled_from(_TEMPLATES), _NUMBER, _NUMBER).map(
        lambda t: t[0].format(n=t[1], m=t[2])
    ),
    min_size=1,
    max_size=6,
)
_TAG_RE = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_RENDERER = markdown_it.MarkdownIt("commonmark").enable("table")


def _shown_digits(token: object, children: list[object]) -> int:
    """Digits a reader sees in one rendered block: its text, inline code and image alt text;
    not a link's address, a tag or a comment."""
    kind = getattr(token, "type", "")
    if kind in ("fence", "code_block"):
        return sum(c.isdigit() for c in getattr(token, "content", ""))
    if kind == "html_block":
        return sum(c.isdigit() for c in _TAG_RE.sub("", getattr(token, "content", "")))
    shown = 0
    for child in children:
        child_kind = getattr(child, "type", "")
        if child_kind in ("text", "code_inline", "image"):  # an image's content: its alt text
            shown += sum(c.isdigit() for c in getattr(child, "content", ""))
    return shown


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=_BLOCKS)
def test_every_digit_a_renderer_shows_is_kept_by_the_checker(blocks: list[str]) -> None:
    text = "\n\n".join(blocks) + "\n"
    doc = parse(text)
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    tokens = _RENDERER.parse(text)
    for token in tokens:
        if token.map is None or token.type not in (
            "inline",
            "fence",
            "code_block",
            "html_block",
        ):
            continue
        first, last = token.map
        shown = _shown_digits(token, list(token.children or []))
        kept_text = doc.masked[starts[first] : starts[last] - 1]
        kept = sum(c.isdigit() or c == "#" for c in kept_text)
        assert kept >= shown, (token.type, text[starts[first] : starts[last] - 1], kept_text)
