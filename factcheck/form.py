"""Is it an article?  The form check beside the figure check.

A draft can be right in every figure and still not be publishable: a small model that copies
its prompt's fact list back ("- +2.38% | Russell 2000 weekly change ... | `RUT.week.change_pct`")
passes every figure check, and so does a reply of chat text around two correct numbers.  The
form check asks what an editor asks before reading the figures: a headline, paragraphs of
sentences, the house sections and length, nothing of the prompt or the data's plumbing (fact
ids, template holes, the instructions), no chat, no links, the disclaimer once, and a lede
that names the index with its weekly change and its close, both verified.

Each rule is one entry of `RULES`: a name, what it looks for, and the fix the finding says,
so a rule reads as data and the findings go back to the model like wrong figures.  Pure: the
text, the brief, the figure check's report and the house `FormRules` in, findings out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from factcheck.brief import Brief
from factcheck.frontmatter import split_front_matter
from factcheck.grammar import CHAT_ASSENTS, CHAT_LABELS, CHAT_OPENERS, alternation
from factcheck.report import CheckReport, Claim, Severity, Status
from factcheck.rules import FORM
from factcheck.scan import first_hole, first_link, md_images

#: The most findings one rule reports (the last one says how many more there are).
MAX_PER_RULE: Final = 3


@dataclass(frozen=True)
class FormRules:
    """The house form of a genre (a weekly index recap by default)."""

    min_words: int = 200
    max_words: int = 1200
    min_paragraphs: int = 3
    min_sections: int = 2
    #: the disclaimer every article ends with, once (None: not required)
    disclaimer: str | None = None
    #: lines of the prompt that must not come back in the draft
    prompt_lines: tuple[str, ...] = field(default=())
    #: images the article may show (`![alt](rut-2025-08-08.png)`: its own chart), by target
    images: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Problem:
    """What a rule found: the line (1-based in the checked text), the text, the reason."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Page:
    """The text as the rules see it, split once."""

    text: str
    body_start: int
    lines: tuple[str, ...]  # the body's lines
    first_line: int  # line number of lines[0] in the text
    paragraphs: tuple[tuple[int, str], ...]  # (line, text) of each prose block
    words: int


_HEADLINE_RE: Final = re.compile(r"#\s+\S")
_SECTION_RE: Final = re.compile(r"##\s+\S")
_LIST_RE: Final = re.compile(r"\s*(?:[-*+]|\d+[.)])\s+")
#: A letter, 15 or more characters, then a full stop: tried only where a run between stops
#: begins (from its first letter, the longest try), so no run is read once per letter in it.
#: A sentence: a letter, 15 more characters and its end.  A decimal point is no end ("... in
#: a range of 1,926.64 to 1,958.05." is one sentence), and no sentence begins after one.
_DECIMAL_POINT: Final = r"(?<=\d)\.(?=\d)"
_SENTENCE_RE: Final = re.compile(
    rf"(?<![^.!?])(?!(?<=\d\.)\d)(?:[^.!?A-Za-z]|{_DECIMAL_POINT})*+[A-Za-z]"
    rf"(?:[^.!?]|{_DECIMAL_POINT}){{15,}}+[.!?](?:\s|$|[*_\"')\]])"
)
#: "Label: value" lines and table rows: data, not prose.
_KEY_VALUE_RE: Final = re.compile(
    r"\s*(?:[-*+]\s+)?(?:\*\*)?[^:|.!?]{1,40}(?:\*\*)?:\s*\S|.*\|.*\|"
)
_CHAT_RE: Final = re.compile(
    rf"^\s*(?:{alternation(CHAT_ASSENTS, space=' ')}[,!]|here(?:'s| is) (?:the|your|an?)\b|"
    rf"{alternation(CHAT_OPENERS, space=' ')}\b|{alternation(CHAT_LABELS)}:)",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def _fact_id_regex(components: frozenset[str]) -> re.Pattern[str]:
    """A fact id as a model copies it into text ("RUT.week.change_pct"): a ticker-like head and
    one of the brief's own second id components after it (`week`, `52w`, `close`, `ma50` ...),
    taken from the brief's ids (`factcheck.ids` builds them), never listed here."""
    tokens = alternation(sorted(components))
    return re.compile(rf"(?<![\w.])[A-Z][A-Z0-9^]{{1,9}}\.{tokens}(?:\.[\w-]+)*(?![\w])")


def _fact_ids(page: Page, brief: Brief, report: CheckReport, rules: FormRules) -> list[Problem]:
    components = frozenset(f.id.split(".")[1] for f in brief.facts if f.id.count(".") >= 1)
    if not components:
        return []
    found = _pattern(_fact_id_regex(components), "a fact id from the data, not text for readers")
    return found(page, brief, report, rules)


def read_page(text: str) -> Page:
    _, body_start = split_front_matter(text)
    first_line = text.count("\n", 0, body_start) + 1
    lines = tuple(text[body_start:].split("\n"))
    paragraphs: list[tuple[int, str]] = []
    block: list[str] = []
    start = 0
    for i, line in enumerate([*lines, ""]):
        if line.strip():
            if not block:
                start = i
            block.append(line.strip())
            continue
        if block:
            joined = " ".join(block)
            if not joined.startswith(("#", "|")) and not _LIST_RE.match(block[0]):
                paragraphs.append((first_line + start, joined))
            block = []
    words = len(text[body_start:].split())
    return Page(text, body_start, lines, first_line, tuple(paragraphs), words)


def _numbered(page: Page) -> list[tuple[int, str]]:
    return [(page.first_line + i, line) for i, line in enumerate(page.lines) if line.strip()]


def _headline(page: Page, brief: Brief, report: CheckReport, rules: FormRules) -> list[Problem]:
    first = next(((n, line) for n, line in _numbered(page)), None)
    if first is not None and _HEADLINE_RE.match(first[1]):
        return []
    n, line = first or (page.first_line, "")
    return [Problem(n, line[:80], "the article does not start with a `# ` headline")]


def _data_like(line: str) -> bool:
    """A table row, or a "label: value" line whose value is no sentence ("- 2,218.42: RUT
    close on Aug 8").  A labelled sentence ("- **Monday, Aug 28:** The index gained 0.83% to
    close at 1,869.01.") is prose: a recap's day-by-day list is written so."""
    found = _KEY_VALUE_RE.match(line)
    if found is None:
        return False
    if "|" in line[: found.end()]:
        return True
    value = line[found.end() - 1 :].strip().rstrip("*_\"')]")
    words = sum(1 for word in value.split() if word[:1].isalpha())
    return words < 4 or not value.endswith((".", "!", "?"))


def _prose(page: Page, brief: Brief, report: CheckReport, rules: FormRules) -> list[Problem]:
    prose = [(n, p) for n, p in page.paragraphs if _SENTENCE_RE.search(p)]
    if len(prose) >= rules.min_paragraphs:
        content = [
            (n, line) for n, line in _numbered(page) if not line.lstrip().startswith(("#", "|"))
        ]
        data_like = [(n, line) for n, line in content if _data_like(line)]
        if len(data_like) * 2 <= len(content):
            return []
        n, line = data_like[0]
        return [
            Problem(
                n,
                line[:80],
                f"{len(data_like)} of {len(content)} lines are labels and values, not sentences",
            )
        ]
    n = prose[0][0] if prose else page.first_line
    return [
        Problem(
            n,
            "",
            f"{len(prose)} paragraphs of sentences; an article has at least {rules.min_paragraphs}",
        )
    ]


def _sections(page: Page, brief: Brief, report: CheckReport, rules: FormRules) -> list[Problem]:
    found = [line for _, line in _numbered(page) if _SECTION_RE.match(line)]
    if len(found) >= rules.min_sections:
        return []
    return [
        Problem(
            page.first_line,
            "",
            f"{len(found)} `## ` section headings; the house style has at least "
            f"{rules.min_sections}",
        )
    ]


def _length(page: Page, brief: Brief, report: CheckReport, rules: FormRules) -> list[Problem]:
    if rules.min_words <= page.words <= rules.max_words:
        return []
    return [
        Problem(
            page.first_line,
            "",
            f"{page.words} words; an article has {rules.min_words} to {rules.max_words}",
        )
    ]


def _pattern(
    regex: re.Pattern[str] | Callable[[str], tuple[int, int] | None], reason: str
) -> FormRule:
    """A rule finding `regex` on a line: a pattern, or a scanner giving the first match's span
    (for the patterns a regex would scan in quadratic time)."""
    search = regex if callable(regex) else _span_of(regex)

    def rule(page: Page, brief: Brief, report: CheckReport, rules: FormRules) -> list[Problem]:
        out = []
        for n, line in _numbered(page):
            span = search(line)
            if span is not None:
                out.append(Problem(n, line[span[0] : span[1]][:80], reason))
        return out

    return rule


def _span_of(regex: re.Pattern[str]) -> Callable[[str], tuple[int, int] | None]:
    def search(line: str) -> tuple[int, int] | None:
        m = regex.search(line)
        return None if m is None else m.span()

    return search


def _links(page: Page, brief: Brief, report: CheckReport, rules: FormRules) -> list[Problem]:
    """Links and URLs, except the article's own images (`rules.images`): its chart is no
    link to the outside, and its alt text is checked with the figures."""
    out = []
    for n, line in _numbered(page):
        # `![alt](target)` or `![alt](<target>)`: allowed when it is the article's own
        allowed = [(a, b) for a, b, target in md_images(line) if target in rules.images]
        for a, b in allowed[::-1]:
            line = line[:a] + " " * (b - a) + line[b:]
        found = first_link(line)
        if found is not None:
            out.append(Problem(n, line[found[0] : found[1]][:80], "a link the data did not give"))
    return out


def _echo(page: Page, brief: Brief, report: CheckReport, rules: FormRules) -> list[Problem]:
    wanted = {" ".join(p.split()) for p in rules.prompt_lines if len(p.strip()) >= 40}
    out = []
    for n, line in _numbered(page):
        if " ".join(line.split()) in wanted:
            out.append(Problem(n, line[:80], "a line of the prompt's instructions, copied back"))
    return out


def _disclaimer(page: Page, brief: Brief, report: CheckReport, rules: FormRules) -> list[Problem]:
    if rules.disclaimer is None:
        return []
    said = rules.disclaimer.strip("*").strip()
    times = page.text[page.body_start :].count(said)
    if times == 1:
        return []
    what = "the disclaimer is missing" if times == 0 else f"the disclaimer appears {times} times"
    return [Problem(page.first_line, "", f'{what}; end with it once: "{said}"')]


def _repeats(page: Page, brief: Brief, report: CheckReport, rules: FormRules) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for n, p in page.paragraphs:
        key = " ".join(p.lower().split())
        if len(key) < 40:
            continue
        if key in seen:
            out.append(Problem(n, p[:80], f"the paragraph of line {seen[key]} again"))
        else:
            seen[key] = n
    return out


def _any_verified(page: Page, brief: Brief, report: CheckReport, rules: FormRules) -> list[Problem]:
    if any(c.status is Status.VERIFIED and c.kind != "date" for c in report.claims):
        return []
    return [Problem(page.first_line, "", "no figure in it is one the data verifies")]


FormRule = Callable[[Page, Brief, CheckReport, FormRules], list[Problem]]
#: (name, rule, the fix a finding asks for)
FormRow = tuple[str, FormRule, str]

#: The rules every genre shares, in the order an editor would say them; a genre's own (its
#: lede, `factcheck.genres`) come after these, and `LAST` after those.
RULES: Final[tuple[FormRow, ...]] = (
    ("headline", _headline, "start with one `# ` headline line"),
    ("prose", _prose, "write paragraphs of full sentences, not lists of labels and values"),
    ("sections", _sections, "organise the article under `## ` section headings"),
    ("length", _length, "write an article of the house length"),
    (
        "fact_id",
        _fact_ids,
        "write the figure's display text, never its id",
    ),
    (
        "fact_list",
        _pattern(
            re.compile(r"^\s*[-*+]\s+[^|\n]+\|[^|\n]+\|"),
            "a line of the data's `display | label` list",
        ),
        "write sentences, not the data's list",
    ),
    (
        "hole",
        _pattern(first_hole, "a placeholder or template hole"),
        "write the real text; every figure is in the data",
    ),
    (
        "link",
        _links,
        "remove links: the article cites only the data",
    ),
    (
        "chat",
        _pattern(_CHAT_RE, "chat text addressed to the requester"),
        "reply with the article only",
    ),
    ("echo", _echo, "do not repeat the instructions"),
    ("disclaimer", _disclaimer, "end with the disclaimer, once"),
    ("repeat", _repeats, "say each thing once"),
)
LAST: Final[tuple[FormRow, ...]] = (
    ("verified", _any_verified, "write about the week's figures from the data"),
)


def check_form(
    text: str,
    brief: Brief,
    report: CheckReport,
    rules: FormRules,
    genre_rules: Sequence[FormRow] = (),
) -> list[Claim]:
    """Every form finding of `text` (whose figures `report` judged), as error claims: the
    shared rules and the genre's own (`factcheck.genres.form_findings` passes them)."""
    page = read_page(text)
    out: list[Claim] = []
    for name, rule, fix in (*RULES, *genre_rules, *LAST):
        problems = rule(page, brief, report, rules)
        if len(problems) > MAX_PER_RULE:  # a fact list copied back is one problem, not 200
            more = len(problems) - MAX_PER_RULE
            last = problems[MAX_PER_RULE - 1]
            problems = [
                *problems[: MAX_PER_RULE - 1],
                Problem(last.line, last.text, f"{last.reason} (and {more} more like it)"),
            ]
        for problem in problems:
            out.append(
                Claim(
                    line=problem.line,
                    col=1,
                    text=problem.text,
                    sentence=problem.text,
                    value=None,
                    kind="form",
                    status=Status.NOT_AN_ARTICLE,
                    severity=Severity.ERROR,
                    fact_id=None,
                    expected=None,
                    message=f"{name}: {problem.reason}; {fix}",
                    rule=FORM[name.replace("_", "-")].code,
                )
            )
    return out


def with_form(report: CheckReport, findings: Sequence[Claim]) -> CheckReport:
    """`report` with the form findings added (sorted into place by line)."""
    claims = sorted((*report.claims, *findings), key=lambda c: (c.line, c.col))
    return CheckReport(
        source=report.source,
        brief_id=report.brief_id,
        claims=tuple(claims),
        strict=report.strict,
        checked_against=report.checked_against,
    )
