"""Forms benchmark for the fact-checker: does a wrong figure pass in silence when it is written
in an unusual form or put in an unusual place?

Start from correct articles (the offline drafter's, across indices and weeks, plus the
hand-written ones in tests/corpus; only those the checker passes with no error are used),
insert one sentence about the article's own index that carries a WRONG figure or a FALSE
worded claim, written in one of many forms (fullwidth or Arabic-Indic digits, a fenced code
block, a table header, HTML, link and image text, a heading, the front matter's title, a
comparator, a negated true figure, a loose hedge, number words, a soft hyphen inside the
figure ...) and put at a random place (the start of the body, after a random paragraph,
inside a list, the end).  A mutant is caught when the report `writer check` would print for
it (`check_text`, plus the CLI's finding for an article with nothing checkable in it) has
at least one error; a mutant with none is a silent pass.  The "at claim" column counts the
caught mutants whose error lies on the inserted sentence itself (not on a figure beside it).

    python bench/forms.py --data-dir ../shared/marketdata [--articles 60] [--per-form 3] [-v]
                          [--heldout]

Prints a table (per form, and per place); it is not a timed test.  Every wrong value is far
outside the checker's own tolerance (numfmt.written_matches) except where the form is a
loose hedge: there the figure is wrong to a reader, and the table shows whether the
checker's hedge tolerance lets it through.  tests/test_forms_property.py runs a small
seeded sample in CI.  Add a form: write `form_x(article, rng) -> Mutant | None` and add one
row to FORMS.  `--heldout` runs instead HELDOUT_FORMS, forms written after every form of
FORMS was caught and kept out of the CI test: a measure of how the checker does on forms it
was not tuned on.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # after site-packages: an installed (compiled) build wins
sys.path.append(str(ROOT / "bench"))  # bench/mutation.py: the corpus of correct articles

from mutation import Article, line_starts, load_articles  # noqa: E402

from factcheck.brief import Fact  # noqa: E402
from factcheck.check import check_text  # noqa: E402
from factcheck.frontmatter import split_front_matter  # noqa: E402
from factcheck.numfmt import format_number  # noqa: E402
from factcheck.report import CheckReport  # noqa: E402
from writer.check_command import nothing_checked  # noqa: E402

PLACES = ("start", "paragraph", "list", "end")
BLOCK_PLACES = ("start", "paragraph", "end")  # a block (fence, table, HTML) is not a list item


@dataclass(frozen=True)
class Mutant:
    text: str
    place: str  # start | paragraph | list | end | front matter | body
    inserted: str  # what was inserted (or what the body became)
    span: tuple[int, int]  # offsets, in `text`, of the false claim itself


# --- what is true, and wrong values ------------------------------------------------------


def subject_name(art: Article) -> str:
    name = art.brief.subject.name
    return name if name.startswith("The ") else f"The {name}"


def fact(art: Article, metric: str, period: str) -> Fact | None:
    key = art.brief.subject.key
    if period == "week":
        return art.brief.get(f"{key}.week.{metric}")
    return art.brief.get(f"{key}.{metric}.{period}")


def week_close(art: Article) -> Decimal | None:
    f = fact(art, "close", art.brief.week.last_session.isoformat())
    return None if f is None else f.value


def week_pct(art: Article) -> Decimal | None:
    f = fact(art, "change_pct", "week")
    return None if f is None else f.value


def wrong_close(art: Article, rng: random.Random) -> Decimal | None:
    """The week's close off by 3% to 15%, either way."""
    close = week_close(art)
    if close is None:
        return None
    factor = Decimal(str(round(rng.uniform(0.03, 0.15), 4))) * rng.choice((1, -1))
    return (close * (1 + factor)).quantize(Decimal("0.01"))


def wrong_pct(art: Article, rng: random.Random) -> Decimal | None:
    """The week's percent change shifted by 1.2 to 4 points, either way."""
    pct = week_pct(art)
    if pct is None:
        return None
    shift = Decimal(str(round(rng.uniform(1.2, 4.0), 2))) * rng.choice((1, -1))
    return (pct + shift).quantize(Decimal("0.01"))


def close_text(value: Decimal) -> str:
    return format_number(value, 2)


Claim = tuple[str, str, str]  # (text before the figure, the figure, text after it)


def figure_claim(art: Article, rng: random.Random) -> Claim | None:
    """A sentence about the index with a wrong close or a wrong weekly change, split around
    the figure so a form can rewrite the figure alone."""
    name = subject_name(art)
    if rng.random() < 0.6:
        close = wrong_close(art, rng)
        if close is None:
            return None
        lead = rng.choice(("closed the week at ", "ended the week at ", "finished Friday at "))
        return f"{name} {lead}", close_text(close), "."
    pct = wrong_pct(art, rng)
    if pct is None or pct == 0:
        return None
    verb = "rose" if pct > 0 else "fell"
    return f"{name} {verb} ", f"{abs(pct):.2f}", "% this week."


def joined(claim: Claim, figure: Callable[[str], str] = str) -> str:
    return claim[0] + figure(claim[1]) + claim[2]


# --- places ------------------------------------------------------------------------------

_LIST_ITEM_RE = re.compile(r"^(?:[-*+]|\d{1,2}[.)]) \S.*$", re.MULTILINE)


def insert(
    art: Article,
    block: str,
    rng: random.Random,
    claim_at: tuple[int, int] | None = None,
    places: tuple[str, ...] = PLACES,
) -> tuple[str, str, tuple[int, int]] | None:
    """`block` inserted at a random place of the body: (text, place, span of the claim), the
    span `claim_at` (offsets in `block`, default the whole block) moved into the text.  A list
    place inserts `block` as a new item after a random item of a list."""
    _, body = split_front_matter(art.text)
    text = art.text
    options = list(places)
    items = [m for m in _LIST_ITEM_RE.finditer(text, body)]
    if not items and "list" in options:
        options.remove("list")
    place = rng.choice(options)
    lo, hi = claim_at if claim_at is not None else (0, len(block))
    if place == "start":
        at, new = body, block + "\n\n"
    elif place == "end":
        sep = "" if text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        at, new = len(text), sep + block + "\n"
        lo, hi = lo + len(sep), hi + len(sep)
    elif place == "list":
        item = rng.choice(items)
        bullet = re.match(r"[-*+]|\d{1,2}[.)]", item.group(0))
        assert bullet is not None
        mark = bullet.group(0) if not bullet.group(0)[0].isdigit() else "-"
        prefix = "\n" + mark + " "
        at, new = item.end(), prefix + block
        lo, hi = lo + len(prefix), hi + len(prefix)
    else:
        breaks = [m.end() for m in re.finditer(r"\n\n+", text[body:])]
        if not breaks:
            return None
        at = body + rng.choice(breaks)
        new = block + "\n\n"
    return text[:at] + new + text[at:], place, (at + lo, at + hi)


def inserted(
    art: Article,
    block: str,
    rng: random.Random,
    claim_at: tuple[int, int] | None = None,
    places: tuple[str, ...] = PLACES,
) -> Mutant | None:
    done = insert(art, block, rng, claim_at, places)
    if done is None:
        return None
    text, place, span = done
    return Mutant(text, place, block, span)


def sentence_form(
    figure: Callable[[str], str] = str, places: tuple[str, ...] = PLACES
) -> Callable[[Article, random.Random], Mutant | None]:
    """A form that is the plain wrong sentence with its figure rewritten by `figure`."""

    def make(art: Article, rng: random.Random) -> Mutant | None:
        claim = figure_claim(art, rng)
        if claim is None:
            return None
        return inserted(art, joined(claim, figure), rng, places=places)

    return make


def wrapped_form(
    before: str, after: str, places: tuple[str, ...] = BLOCK_PLACES
) -> Callable[[Article, random.Random], Mutant | None]:
    """A form that puts the wrong sentence inside `before` ... `after` (a fence, a tag)."""

    def make(art: Article, rng: random.Random) -> Mutant | None:
        claim = figure_claim(art, rng)
        if claim is None:
            return None
        sentence = joined(claim)
        block = before + sentence + after
        return inserted(art, block, rng, (len(before), len(before) + len(sentence)), places)

    return make


# --- figure rewritings -------------------------------------------------------------------


def digits_to(zero: int, comma: str = ",", point: str = ".") -> Callable[[str], str]:
    def rewrite(number: str) -> str:
        out = []
        for ch in number:
            if ch.isdigit():
                out.append(chr(zero + int(ch)))
            elif ch == ",":
                out.append(comma)
            elif ch == ".":
                out.append(point)
            else:
                out.append(ch)
        return "".join(out)

    return rewrite


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(number: str) -> str:
    return number.translate(_SUPERSCRIPT)


def european(space: str) -> Callable[[str], str]:
    """2,281.42 -> 2<space>281,42 (the French and SI way)."""

    def rewrite(number: str) -> str:
        whole, _, frac = number.partition(".")
        return whole.replace(",", space) + ("," + frac if frac else "")

    return rewrite


def german(number: str) -> str:
    """2,281.42 -> 2.281,42."""
    return number.replace(",", "\0").replace(".", ",").replace("\0", ".")


def split_by(mark: str) -> Callable[[str], str]:
    """A mark (soft hyphen, zero-width space) after the second character of the figure."""

    def rewrite(number: str) -> str:
        return number[:2] + mark + number[2:]

    return rewrite


def html_entities(number: str) -> str:
    """Every digit as a numeric character reference: a browser shows the figure."""
    return "".join(f"&#{ord(ch)};" if ch.isdigit() else ch for ch in number)


def emphasis_split(number: str) -> str:
    """`**2,2**81.42`: bold around part of the figure; rendered, it is one number."""
    return "**" + number[:3] + "**" + number[3:]


# --- forms -------------------------------------------------------------------------------


def form_backtick_line(art: Article, rng: random.Random) -> Mutant | None:
    """A line that opens with inline code in triple backticks (not a fence: the info string
    of a backtick fence may not hold a backtick)."""
    close = wrong_close(art, rng)
    if close is None:
        return None
    key = art.brief.subject.key
    head = f"```{key}``` is the ticker. "
    tail = f"It closed the week at {close_text(close)}."
    return inserted(art, head + tail, rng, (len(head), len(head) + len(tail)))


def form_table_header(art: Article, rng: random.Random) -> Mutant | None:
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    sentence = joined(claim)
    block = f"| {sentence} | Note |\n|---|---|\n| Weekly recap | Source: market data |"
    return inserted(art, block, rng, (2, 2 + len(sentence)), BLOCK_PLACES)


def form_table_empty_header(art: Article, rng: random.Random) -> Mutant | None:
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    sentence = joined(claim)
    head = "| | |\n|---|---|\n| "
    block = head + sentence + " | |"
    return inserted(art, block, rng, (len(head), len(head) + len(sentence)))


def form_html_after_lt(art: Article, rng: random.Random) -> Mutant | None:
    """The claim after inline text with a bare `<` and `>` (no tag)."""
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    head = "Volume was thin: <1% vs. >2% of the usual turnover. "
    sentence = joined(claim)
    return inserted(art, head + sentence, rng, (len(head), len(head) + len(sentence)))


def form_image_alt(art: Article, rng: random.Random) -> Mutant | None:
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    sentence = joined(claim)
    return inserted(art, f"![{sentence}](chart.png)", rng, (2, 2 + len(sentence)))


def form_link_text(art: Article, rng: random.Random) -> Mutant | None:
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    sentence = joined(claim)
    block = f"[{sentence}](https://example.com)"
    return inserted(art, block, rng, (1, 1 + len(sentence)))


def form_heading(art: Article, rng: random.Random) -> Mutant | None:
    close = wrong_close(art, rng)
    if close is None:
        return None
    title = f"{subject_name(art).removeprefix('The ')} closed at {close_text(close)}"
    level = rng.choice(("## ", "### "))
    return inserted(art, level + title, rng, (len(level), len(level) + len(title)), BLOCK_PLACES)


def _front_matter_field(art: Article, rng: random.Random, field: str) -> Mutant | None:
    block, body = split_front_matter(art.text)
    if block is None:
        return None
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    value = joined(claim).removesuffix(".")
    line = f'{field}: "{value}"'
    head = art.text[:body]
    existing = re.search(rf"^{field}:.*$", head, re.MULTILINE)
    if existing is not None:
        at, end = existing.start(), existing.end()
    else:
        at = end = head.index("\n") + 1  # the first line of the block, after `---`
        line += "\n"
    text = art.text[:at] + line + art.text[end:]
    start = at + len(field) + 3
    return Mutant(text, "front matter", line.strip(), (start, start + len(value)))


def form_title(art: Article, rng: random.Random) -> Mutant | None:
    return _front_matter_field(art, rng, "title")


def form_description(art: Article, rng: random.Random) -> Mutant | None:
    return _front_matter_field(art, rng, "description")


def form_comparator(art: Article, rng: random.Random) -> Mutant | None:
    """Above a level well above the close, or below one well below it."""
    close = week_close(art)
    if close is None:
        return None
    factor = Decimal(str(round(rng.uniform(0.05, 0.15), 4)))
    if rng.random() < 0.5:
        level, word = close * (1 + factor), "above"
    else:
        level, word = close * (1 - factor), "below"
    sentence = f"{subject_name(art)} is {word} {format_number(level, 0)}."
    return inserted(art, sentence, rng)


def form_negation(art: Article, rng: random.Random) -> Mutant | None:
    """A TRUE figure negated: "did not close the week at <the close>"."""
    name = subject_name(art)
    close, pct = week_close(art), week_pct(art)
    if close is None or pct is None:
        return None
    if rng.random() < 0.5 or abs(pct) < Decimal("0.05"):
        sentence = f"{name} did not close the week at {close_text(close)}."
    else:
        verb = "rise" if pct > 0 else "fall"
        sentence = f"{name} did not {verb} {abs(pct):.2f}% this week."
    return inserted(art, sentence, rng)


def form_loose_hedge(art: Article, rng: random.Random) -> Mutant | None:
    """ "about" a close 35% off rounded to thousands, or a change a point and a half off
    rounded to a whole percent: the figure is wrong; is the hedge's tolerance bounded?"""
    name = subject_name(art)
    close, pct = week_close(art), week_pct(art)
    if close is None or pct is None:
        return None
    if rng.random() < 0.5:
        level = (close * Decimal("1.35")).quantize(Decimal("1E3"))
        if abs(level - close) / close < Decimal("0.2"):
            return None
        sentence = f"{name} closed the week at about {format_number(level, 0)}."
    else:
        shifted = abs(pct) + Decimal("1.6")
        sentence = f"{name} {'jumped' if pct > 0 else 'sank'} about {round(shifted)}% this week."
    return inserted(art, sentence, rng)


_YEARS = (1987, 1999, 2000, 2001, 2008, 2020, 2024, 2025, 2026)


def form_year_like(art: Article, rng: random.Random) -> Mutant | None:
    """A close written as a bare year-like number (only for closes between 1,500 and 2,600)."""
    close = week_close(art)
    if close is None or not Decimal(1500) <= close <= Decimal(2600):
        return None
    far = [y for y in _YEARS if abs(Decimal(y) - close) / close >= Decimal("0.04")]
    if not far:
        return None
    sentence = f"{subject_name(art)} closed the week at {rng.choice(far)}."
    return inserted(art, sentence, rng)


_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_WORDS += ("ten", "eleven", "twelve")


def form_number_words(art: Article, rng: random.Random) -> Mutant | None:
    pct = week_pct(art)
    if pct is None or abs(pct) < Decimal("0.05"):
        return None
    wrong = [n for n in range(1, 13) if abs(Decimal(n) - abs(pct)) >= Decimal("1.5")]
    n = rng.choice(wrong)
    verb = "rose" if pct > 0 else "fell"
    word = rng.choice(("percent", "per cent"))
    sentence = f"{subject_name(art)} {verb} {_WORDS[n]} {word} this week."
    return inserted(art, sentence, rng)


def form_half_percent(art: Article, rng: random.Random) -> Mutant | None:
    """ "half a percent" / "½%" / "a quarter of a percent" on a day whose move is far from it."""
    options = (("half a percent", "0.5"), ("½%", "0.5"), ("a quarter of a percent", "0.25"))
    phrase, value = rng.choice(options)
    days = []
    for day in art.brief.week.sessions:
        f = fact(art, "change_pct", day.isoformat())
        if f is not None and abs(abs(f.value) - Decimal(value)) >= Decimal("0.4"):
            days.append((day, f.value))
    if not days:
        return None
    day, change = rng.choice(days)
    verb = "edged up" if change > 0 else "slipped"
    sentence = f"{subject_name(art)} {verb} {phrase} on {day:%A}."
    return inserted(art, sentence, rng)


def form_false_direction(art: Article, rng: random.Random) -> Mutant | None:
    """No figure: the week (or a day) said to go the other way."""
    name = subject_name(art)
    if rng.random() < 0.5:
        pct, when = week_pct(art), "this week"
    else:
        day = rng.choice(art.brief.week.sessions)
        f = fact(art, "change_pct", day.isoformat())
        pct, when = (None if f is None else f.value), f"on {day:%A}"
    if pct is None or abs(pct) < Decimal("0.1"):
        return None
    if pct > 0:
        phrase = rng.choice(("lost ground", "fell", "declined", "ended lower"))
    else:
        phrase = rng.choice(("gained ground", "rose", "advanced", "ended higher"))
    return inserted(art, f"{name} {phrase} {when}.", rng)


def form_no_figures(art: Article, rng: random.Random) -> Mutant | None:
    """Nothing checkable: the body emptied, commented out (the page shows nothing), or
    replaced by a figure-less paragraph.  `writer check` must not pass it.  (A body fenced
    whole as code is no mutant: the checker reads code blocks, and its figures are true.)"""
    _, body = split_front_matter(art.text)
    how = rng.choice(("emptied", "commented out", "no figure"))
    if how == "emptied":
        new = ""
    elif how == "commented out":
        new = "<!--\n" + art.text[body:].replace("-->", "").rstrip("\n") + "\n-->\n"
    else:
        new = "Markets moved this week. More next week.\n"
    return Mutant(art.text[:body] + new, "body", how, (body, body))


def form_k_suffix(art: Article, rng: random.Random) -> Mutant | None:
    close = wrong_close(art, rng)
    if close is None:
        return None
    sentence = f"{subject_name(art)} closed the week at {close / 1000:.2f}k."
    return inserted(art, sentence, rng)


def form_pts_suffix(art: Article, rng: random.Random) -> Mutant | None:
    close = wrong_close(art, rng)
    if close is None:
        return None
    unit = rng.choice(("pts", " pts", " points"))
    sentence = f"{subject_name(art)} closed the week at {close_text(close)}{unit}."
    return inserted(art, sentence, rng)


def form_unicode_minus(art: Article, rng: random.Random) -> Mutant | None:
    """A signed change with U+2212 or an en dash, of the wrong sign and size."""
    pct = week_pct(art)
    if pct is None:
        return None
    wrong = -(abs(pct) + Decimal(str(round(rng.uniform(1.2, 3.0), 2))))
    if pct < 0:
        wrong = -wrong
    sign = rng.choice(("−", "–")) if wrong < 0 else "+"
    sentence = f"{subject_name(art)} finished the week {sign}{abs(wrong):.2f}%."
    return inserted(art, sentence, rng)


def form_alias(art: Article, rng: random.Random) -> Mutant | None:
    """The wrong figure under one of the index's other names."""
    aliases = [a for a in art.brief.subject.aliases if a[0].isupper()]
    close = wrong_close(art, rng)
    if not aliases or close is None:
        return None
    sentence = f"The {rng.choice(aliases)} closed the week at {close_text(close)}."
    return inserted(art, sentence, rng)


def form_line_break(art: Article, rng: random.Random) -> Mutant | None:
    """The sentence broken over two lines of one paragraph (rendered as one line)."""
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    return inserted(art, claim[0].rstrip() + "\n" + claim[1] + claim[2], rng, places=BLOCK_PLACES)


_SENTENCE_END_RE = re.compile(r"\.(?=\s)")


def form_footnote(art: Article, rng: random.Random) -> Mutant | None:
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    sentence = joined(claim)
    head = "[^1]: "
    done = insert(art, head + sentence, rng, (len(head), len(head) + len(sentence)), ("end",))
    if done is None:
        return None
    text, place, span = done
    _, body = split_front_matter(text)
    stop = _SENTENCE_END_RE.search(text, text.find("\n\n", body) + 2)  # not a decimal point
    if stop is None or stop.start() >= span[0]:
        return None
    first = stop.start()
    text = text[:first] + "[^1]" + text[first:]
    return Mutant(text, place, head + sentence, (span[0] + 4, span[1] + 4))


FormFn = Callable[[Article, random.Random], Mutant | None]

#: Every form, one row each: (name, the function that makes one mutant or None).
FORMS: list[tuple[str, FormFn]] = [
    ("plain ASCII", sentence_form()),
    ("fullwidth digits", sentence_form(digits_to(0xFF10, "，"))),
    ("fullwidth, ASCII comma", sentence_form(digits_to(0xFF10))),
    ("Arabic-Indic digits", sentence_form(digits_to(0x660, "٬", "٫"))),
    ("Arabic-Indic, ASCII marks", sentence_form(digits_to(0x660))),
    ("superscript digits", sentence_form(superscript)),
    ("math bold digits", sentence_form(digits_to(0x1D7CE))),
    ("fenced code", wrapped_form("```\n", "\n```")),
    ("indented code", wrapped_form("    ", "")),
    ("inline backticks", form_backtick_line),
    ("table header", form_table_header),
    ("table, empty header", form_table_empty_header),
    ("HTML block <p>", wrapped_form("<p>", "</p>")),
    ("after <1% vs. >2%", form_html_after_lt),
    ("image alt", form_image_alt),
    ("link text", form_link_text),
    ("heading", form_heading),
    ("blockquote", wrapped_form("> ", "", PLACES)),
    ("footnote", form_footnote),
    ("front matter title", form_title),
    ("front matter description", form_description),
    ("comparator", form_comparator),
    ("negated true figure", form_negation),
    ("loose hedge", form_loose_hedge),
    ("year-like level", form_year_like),
    ("number words", form_number_words),
    ("half a percent", form_half_percent),
    ("false direction, no figure", form_false_direction),
    ("no checkable figure", form_no_figures),
    ("nbsp thousands, comma decimal", sentence_form(european("\u00a0"))),
    ("thin-space thousands", sentence_form(european("\u202f"))),
    ("2.281,42 (German)", sentence_form(german)),
    ("soft hyphen inside", sentence_form(split_by("\u00ad"))),
    ("zero-width space inside", sentence_form(split_by("\u200b"))),
    ("HTML entities", sentence_form(html_entities)),
    ("bold inside the figure", sentence_form(emphasis_split)),
    ("2.28k", form_k_suffix),
    ("2,281.42pts", form_pts_suffix),
    ("unicode minus", form_unicode_minus),
    ("alias", form_alias),
    ("soft line break", form_line_break),
]


# --- held-out forms ----------------------------------------------------------------------
#
# Written after the 41 forms above were all caught, without looking at how the checker reads
# them: new places (definition lists, nested lists, setext headings, HTML tables and
# <details>), new ways to write a figure (spaced thousands, "7.3 thousand", number words for
# a level, scientific notation, "pct", basis points, dash look-alikes, an emoji inside) and
# new false claims (a loose "over 5%", a wrong direction in another tense, a false
# superlative or streak, a weekday that contradicts its date, a misspelt index name, "it"
# two sentences on, a wrong change since January 1 or from Monday's open).  `--heldout` runs
# them; they are not in the CI test (tests/test_forms_property.py runs FORMS only).


def _far(written: Decimal, true: Decimal, share: str = "0.03") -> bool:
    """Is a rounded wrong level still at least `share` away from the true one?"""
    return abs(written - true) >= abs(true) * Decimal(share)


def _rounded_wrong_close(art: Article, rng: random.Random, quantum: Decimal) -> Decimal | None:
    """A wrong close rounded to `quantum`, still 3% or more from the true close."""
    close, wrong = week_close(art), wrong_close(art, rng)
    if close is None or wrong is None:
        return None
    written = (wrong / quantum).quantize(Decimal(1)) * quantum
    return written if _far(written, close) else None


def _pct_sentence(art: Article, rng: random.Random, unit: str) -> str | None:
    """The index rose/fell a wrong weekly percent change, the unit written as `unit`."""
    pct = wrong_pct(art, rng)
    if pct is None or pct == 0:
        return None
    verb = "rose" if pct > 0 else "fell"
    return f"{subject_name(art)} {verb} {abs(pct):.2f}{unit} this week."


def mid_name(art: Article) -> str:
    """The index's name inside a sentence: "the S&P 500"."""
    return "the " + subject_name(art).removeprefix("The ")


def form_definition_list(art: Article, rng: random.Random) -> Mutant | None:
    """A Markdown (Pandoc, PHP Markdown Extra) definition list: term, then `: definition`."""
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    sentence = joined(claim)
    head = "Weekly recap\n: "
    return inserted(art, head + sentence, rng, (len(head), len(head) + len(sentence)), BLOCK_PLACES)


def form_nested_list(art: Article, rng: random.Random) -> Mutant | None:
    """The claim in a list item two levels deep."""
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    sentence = joined(claim)
    head = "- Key figures\n  - The index\n    - "
    return inserted(art, head + sentence, rng, (len(head), len(head) + len(sentence)), BLOCK_PLACES)


def form_table_cell_note(art: Article, rng: random.Random) -> Mutant | None:
    """A table whose cell holds the figure and a note: `2,281.42 (close)`."""
    name = subject_name(art).removeprefix("The ")
    if rng.random() < 0.5:
        close = wrong_close(art, rng)
        if close is None:
            return None
        cell = f"{close_text(close)} (close)"
    else:
        pct = wrong_pct(art, rng)
        if pct is None:
            return None
        cell = f"{pct:+.2f}% (week)"
    head = f"| Index | Friday |\n|---|---|\n| {name} | "
    block = head + cell + " |"
    return inserted(art, block, rng, (len(head), len(head) + len(cell)), BLOCK_PLACES)


def form_setext_heading(art: Article, rng: random.Random) -> Mutant | None:
    """A heading written the setext way: its text underlined with `===` or `---`."""
    close = wrong_close(art, rng)
    if close is None:
        return None
    title = f"{subject_name(art).removeprefix('The ')} ends the week at {close_text(close)}"
    rule = rng.choice(("=", "-")) * rng.choice((3, len(title)))
    return inserted(art, title + "\n" + rule, rng, (0, len(title)), BLOCK_PLACES)


def form_blockquote_in_list(art: Article, rng: random.Random) -> Mutant | None:
    """A blockquote inside a list item."""
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    sentence = joined(claim)
    head = "- From the desk:\n\n  > "
    return inserted(art, head + sentence, rng, (len(head), len(head) + len(sentence)), BLOCK_PLACES)


_DASHES = ("\u2011", "\ufe63", "\uff0d", "\u2010", "\u2012")  # nb hyphen, small and fullwidth


def form_dash_minus(art: Article, rng: random.Random) -> Mutant | None:
    """A negative weekly change signed with a dash look-alike (non-breaking hyphen, small or
    fullwidth hyphen-minus, hyphen, figure dash), of the wrong sign or size."""
    pct = week_pct(art)
    if pct is None:
        return None
    shift = Decimal(str(round(rng.uniform(1.2, 3.0), 2)))
    wrong = -(pct + shift) if pct > 0 else pct - shift
    sentence = f"{subject_name(art)} finished the week {rng.choice(_DASHES)}{abs(wrong):.2f}%."
    return inserted(art, sentence, rng)


def form_spaced_thousands_points(art: Article, rng: random.Random) -> Mutant | None:
    """Thousands split by a plain space (French or SI style) and followed by "points"."""
    close = wrong_close(art, rng)
    if close is None or close < 1000:
        return None
    number = european(" ")(close_text(close)) if rng.random() < 0.5 else close_text(close)
    number = number.replace(",", " ") if "," in number and "." in number else number
    return inserted(art, f"{subject_name(art)} closed the week at {number} points.", rng)


def form_thousand_word(art: Article, rng: random.Random) -> Mutant | None:
    """ "7.3 thousand" (or "7.3 thousand points") for a wrong close."""
    written = _rounded_wrong_close(art, rng, Decimal(100))
    if written is None:
        return None
    unit = rng.choice(("thousand", "thousand points", "thousand pts"))
    return inserted(art, f"{subject_name(art)} closed the week at {written / 1000} {unit}.", rng)


_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen")
_TEENS += ("seventeen", "eighteen", "nineteen")


def _below_hundred(n: int) -> str:
    if n < 10:
        return _WORDS[n]
    if n < 20:
        return _TEENS[n - 10]
    return _TENS[n // 10] + ("-" + _WORDS[n % 10] if n % 10 else "")


def number_words(n: int) -> str:
    """12,300 -> "twelve thousand three hundred" (0 < n < 1,000,000, a multiple of 100)."""
    parts = []
    if n >= 1000:
        thousands = n // 1000
        if thousands >= 100:
            parts.append(_WORDS[thousands // 100] + " hundred")
            thousands %= 100
        if thousands:
            parts.append(_below_hundred(thousands))
        parts[-1] += " thousand"
    if n % 1000 >= 100:
        parts.append(_WORDS[n % 1000 // 100] + " hundred")
    return " ".join(parts)


def form_level_in_words(art: Article, rng: random.Random) -> Mutant | None:
    """A wrong close in words, rounded to hundreds: "six thousand nine hundred"."""
    written = _rounded_wrong_close(art, rng, Decimal(100))
    if written is None or written <= 0:
        return None
    words = number_words(int(written))
    tail = rng.choice(("", " points"))
    return inserted(art, f"{subject_name(art)} closed the week at {words}{tail}.", rng)


def form_scientific(art: Article, rng: random.Random) -> Mutant | None:
    """A wrong close in scientific notation: 2.28e3, 6.83E+03, 2.28 × 10³."""
    close = week_close(art)
    wrong = wrong_close(art, rng)
    if close is None or wrong is None:
        return None
    exponent = len(str(int(wrong))) - 1
    mantissa = (wrong / Decimal(10) ** exponent).quantize(Decimal("0.01"))
    if not _far(mantissa * Decimal(10) ** exponent, close):
        return None
    number = rng.choice(
        (
            f"{mantissa}e{exponent}",
            f"{mantissa}E+0{exponent}",
            f"{mantissa} × 10{superscript(str(exponent))}",
        )
    )
    return inserted(art, f"{subject_name(art)} closed the week at {number}.", rng)


def form_pct_abbreviation(art: Article, rng: random.Random) -> Mutant | None:
    """A wrong weekly change with the percent written "pct", "pct.", "pc", "per-cent", "p.c."."""
    unit = rng.choice((" pct", " pct.", " pc", " per-cent", " p.c."))
    sentence = _pct_sentence(art, rng, unit)
    if sentence is None:
        return None
    return inserted(art, sentence, rng)


def _approx_misses(n: int, true: Decimal) -> bool:
    """Does "about n%" miss |true| by more than the checker's approximate tolerance, and
    by more than rounding to a whole percent (0.63% is "1%")?"""
    size = Decimal(n)
    slack = max(min(Decimal("0.5"), size * Decimal("0.10")), size * Decimal("0.05"))
    return abs(abs(true) - size) > max(slack, Decimal("0.5")) + Decimal("0.2")


def form_roughly_per_cent(art: Article, rng: random.Random) -> Mutant | None:
    """ "a gain of roughly 3 per cent" for a weekly change that is well away from 3%."""
    pct = week_pct(art)
    if pct is None or abs(pct) < Decimal("0.1"):
        return None
    wrong = [n for n in range(1, 9) if _approx_misses(n, pct)]
    n = rng.choice(wrong)
    noun = "gain" if pct > 0 else "loss"
    hedge = rng.choice(("roughly", "approximately", "some", "in the region of"))
    sentence = f"{subject_name(art)} ended the week with a {noun} of {hedge} {n} per cent."
    return inserted(art, sentence, rng)


def form_more_than(art: Article, rng: random.Random) -> Mutant | None:
    """ "up by over 5%" when it rose 2.38%, or "down less than 1%" when it fell 2.9%."""
    pct = week_pct(art)
    if pct is None or abs(pct) < Decimal("0.1"):
        return None
    size = abs(pct)
    direction = "up" if pct > 0 else "down"
    if size >= Decimal("2.2") and rng.random() < 0.4:
        n = int(size) - 1
        hedge = rng.choice(("less than", "under", "below"))
    else:
        n = int(size + Decimal("1.5")) + 1
        hedge = rng.choice(("over", "more than", "upwards of", "in excess of"))
    sentence = f"{subject_name(art)} was {direction} {hedge} {n}% this week."
    return inserted(art, sentence, rng)


_DOWN_TENSES = (
    "has fallen this week",
    "was lower on the week",
    "has been sliding all week",
    "is down for the week",
    "spent the week in the red, ending it lower",
    "posted a weekly loss",
    "has given ground since last Friday",
)
_UP_TENSES = (
    "has risen this week",
    "was higher on the week",
    "has been climbing all week",
    "is up for the week",
    "spent the week in the green, ending it higher",
    "posted a weekly gain",
    "has gained ground since last Friday",
)


def form_direction_tense(art: Article, rng: random.Random) -> Mutant | None:
    """No figure: the week said to go the other way, in a perfect or copular tense."""
    pct = week_pct(art)
    if pct is None or abs(pct) < Decimal("0.1"):
        return None
    phrase = rng.choice(_DOWN_TENSES if pct > 0 else _UP_TENSES)
    return inserted(art, f"{subject_name(art)} {phrase}.", rng)


_ORDINALS = ("", "", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def form_false_superlative(art: Article, rng: random.Random) -> Mutant | None:
    """A false worded superlative or streak: a down week "its best week of the year", a
    weekly streak that is not the brief's, a 52-week closing high on the wrong day."""
    name = subject_name(art)
    pct = week_pct(art)
    key = art.brief.subject.key
    options = []
    if pct is not None and abs(pct) >= Decimal("0.1"):
        best = "best" if pct < 0 else "worst"
        options.append(f"{name} just had its {best} week of the year.")
    streak = art.brief.get(f"{key}.streak.weekly")
    if streak is not None and pct is not None and pct != 0:
        s = int(streak.value)
        n = rng.choice([k for k in range(3, 9) if k != abs(s)])
        kind = "gain" if pct > 0 else "loss"
        options.append(f"{name} notched its {_ORDINALS[n]} straight weekly {kind}.")
    high = art.brief.get(f"{key}.52w.close_high")
    last = art.brief.week.last_session
    if high is not None and high.on != last:
        options.append(f"{name} set a 52-week closing high on {last:%A}.")
    if not options:
        return None
    return inserted(art, rng.choice(options), rng)


def form_weekday_mismatch(art: Article, rng: random.Random) -> Mutant | None:
    """A day's true change under its date but ANOTHER session's weekday ("Tuesday, Dec 10"
    for Wednesday Dec 10), whose own change is far from that figure."""
    sessions = art.brief.week.sessions
    pairs = []
    for day in sessions:
        f = fact(art, "change_pct", day.isoformat())
        for other in sessions:
            g = fact(art, "change_pct", other.isoformat())
            if other == day or f is None or g is None:
                continue
            if abs(f.value - g.value) >= Decimal("0.4") and abs(f.value) >= Decimal("0.1"):
                pairs.append((day, other, f.value))
    if not pairs:
        return None
    day, other, change = rng.choice(pairs)
    verb = "rose" if change > 0 else "fell"
    date = f"{day:%b} {day.day}"
    sentence = f"On {other:%A}, {date}, {mid_name(art)} {verb} {abs(change):.2f}%."
    return inserted(art, sentence, rng)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def form_ordinal_date(art: Article, rng: random.Random) -> Mutant | None:
    """A wrong close on a date written "8th August" or "the 8th of August"."""
    close = wrong_close(art, rng)
    if close is None:
        return None
    last = art.brief.week.last_session
    date = rng.choice((f"{_ordinal(last.day)} {last:%B}", f"the {_ordinal(last.day)} of {last:%B}"))
    sentence = f"On {last:%A} {date}, {mid_name(art)} closed at {close_text(close)}."
    return inserted(art, sentence, rng)


_EMOJI = ("📈", "📉", "🚀", "🔻", "💥")


def form_emoji_inside(art: Article, rng: random.Random) -> Mutant | None:
    """An emoji between the digits of the wrong figure."""
    return sentence_form(split_by(rng.choice(_EMOJI)))(art, rng)


def form_html_table(art: Article, rng: random.Random) -> Mutant | None:
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    sentence = joined(claim)
    head = "<table>\n<tr><th>Note</th></tr>\n<tr><td>"
    block = head + sentence + "</td></tr>\n</table>"
    return inserted(art, block, rng, (len(head), len(head) + len(sentence)), BLOCK_PLACES)


def form_details(art: Article, rng: random.Random) -> Mutant | None:
    """The claim folded away in a <details> block (or in its <summary>)."""
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    sentence = joined(claim)
    if rng.random() < 0.5:
        head = "<details>\n<summary>More</summary>\n\n"
        block = head + sentence + "\n\n</details>"
    else:
        head = "<details><summary>"
        block = head + sentence + "</summary>\n\nSource: market data.\n\n</details>"
    return inserted(art, block, rng, (len(head), len(head) + len(sentence)), BLOCK_PLACES)


def form_html_img_alt(art: Article, rng: random.Random) -> Mutant | None:
    """The claim in the alt (or title) attribute of an HTML <img>."""
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    sentence = joined(claim)
    attr = rng.choice(("alt", "title"))
    head = f'<img src="chart.png" {attr}="'
    block = head + sentence + '">'
    return inserted(art, block, rng, (len(head), len(head) + len(sentence)), BLOCK_PLACES)


def misspelt(name: str, rng: random.Random) -> str:
    """ "Russell 2000" -> "Russel 2000", "Composite" -> "Compsoite", "500" -> "5OO"."""
    words = name.split(" ")
    doubled = [i for i, w in enumerate(words) if re.search(r"([a-z])\1", w)]
    if doubled and rng.random() < 0.7:
        i = rng.choice(doubled)
        words[i] = re.sub(r"([a-z])\1", r"\1", words[i], count=1)
        return " ".join(words)
    long = [i for i, w in enumerate(words) if w.isalpha() and len(w) >= 5]
    if long and rng.random() < 0.7:
        i = rng.choice(long)
        w = words[i]
        j = rng.randrange(1, len(w) - 2)
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        return " ".join(words)
    if re.search(r"\d0", name):
        return re.sub(r"(?<=\d)0", "O", name)
    return name.replace(" ", "", 1) if " " in name else name + "s"


def form_misspelt_name(art: Article, rng: random.Random) -> Mutant | None:
    """The index's name misspelt ("Russel 2000", "Nasdaq Compsoite") beside a wrong close."""
    close = wrong_close(art, rng)
    if close is None:
        return None
    name = misspelt(art.brief.subject.name, rng)
    return inserted(art, f"The {name} closed the week at {close_text(close)}.", rng)


def form_it_later(art: Article, rng: random.Random) -> Mutant | None:
    """The index named, a sentence about something else, then "It" with the wrong figure."""
    claim = figure_claim(art, rng)
    if claim is None:
        return None
    name = subject_name(art)
    filler = rng.choice(
        (
            "Trading volumes were light ahead of the holiday.",
            "Investors weighed a busy calendar of central bank speakers.",
            "Bond yields drifted as traders awaited fresh data.",
        )
    )
    head = f"All eyes were on the {name.removeprefix('The ')} this week. {filler} "
    figure_part = "It" + claim[0].removeprefix(name) + claim[1] + claim[2]
    block = head + figure_part
    return inserted(art, block, rng, (len(head), len(block)))


def form_percentage_points(art: Article, rng: random.Random) -> Mutant | None:
    """A wrong weekly percent change written in "percentage points"."""
    unit = rng.choice((" percentage points", " percentage point", " ppts"))
    sentence = _pct_sentence(art, rng, unit)
    return None if sentence is None else inserted(art, sentence, rng)


def form_since_january(art: Article, rng: random.Random) -> Mutant | None:
    """A wrong year-to-date change, the year written "since January 1" (or the like)."""
    f = art.brief.get(f"{art.brief.subject.key}.ytd.change_pct")
    if f is None:
        return None
    shift = Decimal(str(round(rng.uniform(3.0, 8.0), 2))) * rng.choice((1, -1))
    wrong = (f.value + shift).quantize(Decimal("0.01"))
    if wrong == 0:
        return None
    since = rng.choice(
        ("Since January 1", "Since New Year's Day", "Since the first session of the year")
    )
    verb = "has gained" if wrong > 0 else "has lost"
    sentence = f"{since}, {mid_name(art)} {verb} {abs(wrong):.2f}%."
    return inserted(art, sentence, rng)


def form_from_open(art: Article, rng: random.Random) -> Mutant | None:
    """A wrong change "from Monday's open to Friday's close"."""
    sessions = art.brief.week.sessions
    first, last = sessions[0], art.brief.week.last_session
    opened = fact(art, "open", first.isoformat())
    close = week_close(art)
    if opened is None or close is None or not opened.value:
        return None
    true = (close / opened.value - 1) * 100
    shift = Decimal(str(round(rng.uniform(1.2, 4.0), 2))) * rng.choice((1, -1))
    wrong = (true + shift).quantize(Decimal("0.01"))
    if wrong == 0:
        return None
    verb = "rose" if wrong > 0 else "fell"
    sentence = (
        f"From {first:%A}'s open to {last:%A}'s close, {mid_name(art)} {verb} {abs(wrong):.2f}%."
    )
    return inserted(art, sentence, rng)


def form_basis_points(art: Article, rng: random.Random) -> Mutant | None:
    """A wrong weekly change in basis points ("rose 240 basis points")."""
    pct = wrong_pct(art, rng)
    if pct is None or pct == 0:
        return None
    verb = "rose" if pct > 0 else "fell"
    bps = int((abs(pct) * 100).quantize(Decimal(1)))
    unit = rng.choice(("basis points", "bps", "bp"))
    return inserted(art, f"{subject_name(art)} {verb} {bps} {unit} this week.", rng)


def form_tilde(art: Article, rng: random.Random) -> Mutant | None:
    """A close marked approximate with "~" or "≈", 8% to 15% off."""
    close = week_close(art)
    if close is None:
        return None
    factor = Decimal(str(round(rng.uniform(0.08, 0.15), 4))) * rng.choice((1, -1))
    level = (close * (1 + factor) / 10).quantize(Decimal(1)) * 10
    mark = rng.choice(("~", "≈", "~ ", "≈ "))
    sentence = f"{subject_name(art)} closed the week at {mark}{format_number(level, 0)}."
    return inserted(art, sentence, rng)


#: The held-out forms (`--heldout`): written after FORMS were all caught.
HELDOUT_FORMS: list[tuple[str, FormFn]] = [
    ("definition list", form_definition_list),
    ("nested list, two deep", form_nested_list),
    ("table cell '2,281.42 (close)'", form_table_cell_note),
    ("setext heading", form_setext_heading),
    ("blockquote in a list", form_blockquote_in_list),
    ("dash look-alike minus", form_dash_minus),
    ("spaced thousands + points", form_spaced_thousands_points),
    ("'7.3 thousand'", form_thousand_word),
    ("level in words", form_level_in_words),
    ("scientific 2.28e3", form_scientific),
    ("pct / pc / per-cent", form_pct_abbreviation),
    ("'roughly 3 per cent'", form_roughly_per_cent),
    ("'over 5%' / 'under 1%'", form_more_than),
    ("wrong direction, other tense", form_direction_tense),
    ("false superlative / streak", form_false_superlative),
    ("weekday contradicts date", form_weekday_mismatch),
    ("ordinal date '8th August'", form_ordinal_date),
    ("emoji inside the figure", form_emoji_inside),
    ("HTML <table>", form_html_table),
    ("<details>/<summary>", form_details),
    ("HTML <img alt/title>", form_html_img_alt),
    ("misspelt index name", form_misspelt_name),
    ("'It' two sentences on", form_it_later),
    ("percentage points", form_percentage_points),
    ("since January 1 (YTD)", form_since_january),
    ("from Monday's open", form_from_open),
    ("basis points", form_basis_points),
    ("~ / ≈ approximate", form_tilde),
]


# --- judging -----------------------------------------------------------------------------


def report_of(text: str, art: Article) -> CheckReport:
    """What `writer check` reports (writer.check_command.check_one, without --form)."""
    return nothing_checked(check_text(text, art.brief))


def clean(articles: list[Article]) -> list[Article]:
    """The articles the checker passes as they are: only those can show a silent pass."""
    return [a for a in articles if not report_of(a.text, a).errors]


@dataclass(frozen=True)
class Verdict:
    form: str
    mutant: Mutant
    article: str
    caught: bool
    at_claim: bool  # an error on the false claim itself (not a figure beside it)


def judge(form: str, mutant: Mutant, art: Article) -> Verdict:
    report = report_of(mutant.text, art)
    starts = line_starts(mutant.text)
    lo, hi = mutant.span
    at_claim = False
    for c in report.errors:
        if c.kind == "file":
            at_claim = at_claim or lo == hi  # the whole article is the claim
            continue
        start = starts[c.line - 1] + c.col - 1
        if start < hi and start + max(len(c.text), 1) > lo:
            at_claim = True
    return Verdict(form, mutant, art.name, bool(report.errors), at_claim)


def verdicts(
    name: str, make: FormFn, articles: list[Article], per_form: int, seed: int
) -> list[Verdict]:
    """Up to `per_form` mutants of every article by one form, judged.  Each (form, article)
    has its own seeded generator: adding a form or an article changes no other's mutants."""
    out = []
    for art in articles:
        rng = random.Random(f"{seed}:{name}:{art.name}")
        for _ in range(per_form):
            for _attempt in range(3):  # a form may not fit this draw (no list, no year)
                mutant = make(art, rng)
                if mutant is not None:
                    out.append(judge(name, mutant, art))
                    break
    return out


def run(
    articles: list[Article],
    per_form: int,
    seed: int,
    forms: list[tuple[str, FormFn]] | None = None,
) -> dict[str, list[Verdict]]:
    """Every form's verdicts (of FORMS unless `forms` is given)."""
    chosen = FORMS if forms is None else forms
    return {name: verdicts(name, make, articles, per_form, seed) for name, make in chosen}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "marketdata")
    parser.add_argument(
        "--articles", type=int, default=60, help="drafted articles (plus every tests/corpus one)"
    )
    parser.add_argument("--per-form", type=int, default=3, help="mutants per article and form")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every silent mutant")
    parser.add_argument("--dump", type=Path, help="write every silent mutant's text here")
    parser.add_argument(
        "--heldout", action="store_true", help="run only the held-out forms (HELDOUT_FORMS)"
    )
    args = parser.parse_args()

    articles = load_articles(args.data_dir, args.articles, args.seed)
    passing = clean(articles)
    drafted = sum(a.name.startswith("draft:") for a in passing)
    results = run(passing, args.per_form, args.seed, HELDOUT_FORMS if args.heldout else FORMS)

    print(
        f"articles: {len(articles)} loaded, {len(passing)} pass unmutated and are used "
        f"({drafted} offline drafts, {len(passing) - drafted} hand-written in tests/corpus)"
    )
    print()
    print(f"{'form':32} {'mutants':>8} {'caught':>7} {'silent':>7} {'at claim':>9}")
    for name, verdicts in results.items():
        hit = sum(v.caught for v in verdicts)
        pinned = sum(v.at_claim for v in verdicts)
        print(f"{name:32} {len(verdicts):>8} {hit:>7} {len(verdicts) - hit:>7} {pinned:>9}")
    every = [v for vs in results.values() for v in vs]
    hit = sum(v.caught for v in every)
    print(
        f"{'all forms':32} {len(every):>8} {hit:>7} {len(every) - hit:>7} "
        f"{sum(v.at_claim for v in every):>9}"
    )
    print()
    made: Counter[str] = Counter(v.mutant.place for v in every)
    silent: Counter[str] = Counter(v.mutant.place for v in every if not v.caught)
    print(f"{'place':32} {'mutants':>8} {'caught':>7} {'silent':>7}")
    for place in (*PLACES, "front matter", "body"):
        if made[place]:
            caught = made[place] - silent[place]
            print(f"{place:32} {made[place]:>8} {caught:>7} {silent[place]:>7}")
    silent_forms = [n for n, vs in results.items() if any(not v.caught for v in vs)]
    print()
    print(f"forms with a silent mutant: {', '.join(silent_forms) or 'none'}")
    if args.verbose:
        by_form: defaultdict[str, list[Verdict]] = defaultdict(list)
        for v in every:
            if not v.caught:
                by_form[v.form].append(v)
        for form, vs in by_form.items():
            for v in vs:
                print(f"  silent [{form}] {v.article} ({v.mutant.place}): {v.mutant.inserted!r}")
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for i, v in enumerate(v for v in every if not v.caught):
            slug = re.sub(r"\W+", "-", f"{v.form}-{v.article}").strip("-")
            (args.dump / f"{i:04d}-{slug}.md").write_text(v.mutant.text, encoding="utf-8")


if __name__ == "__main__":
    main()
