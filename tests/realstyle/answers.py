"""Read the real-style corpus (see README.md beside this file) and score reports against it.

An article's answer marks (`⟦2,214.72|wrong|Thu⟧`) are stripped to give the text a publisher
would have; each mark keeps its span in that text.  Scoring reads only the report's public
fields (`line`, `col`, `text`, `status`, `severity`, `message`), as a publisher's script would.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from factcheck.report import CheckReport, Claim, Severity, Status

HERE = Path(__file__).resolve().parent
_MARK_RE = re.compile(r"⟦([^⟦⟧|]+)(?:\|(ok|wrong|na))?(?:\|([^⟦⟧]*))?⟧")
Verdict = Literal["ok", "wrong", "na"]


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    text: str
    verdict: Verdict
    hint: str | None


@dataclass(frozen=True)
class Answered:
    name: str
    text: str  # the article with the marks stripped
    marks: tuple[Mark, ...]
    ticker: str
    week: dt.date
    style: str


def strip_marks(marked: str) -> tuple[str, tuple[Mark, ...]]:
    out: list[str] = []
    marks: list[Mark] = []
    pos = 0
    length = 0
    for m in _MARK_RE.finditer(marked):
        before = marked[pos : m.start()]
        out.append(before)
        length += len(before)
        text = m.group(1)
        verdict: Verdict = m.group(2) or "ok"  # type: ignore[assignment]
        marks.append(Mark(length, length + len(text), text, verdict, m.group(3) or None))
        out.append(text)
        length += len(text)
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    if "⟦" in text or "⟧" in text:
        raise ValueError("unbalanced answer mark")
    return text, tuple(marks)


def load(path: Path) -> Answered:
    text, marks = strip_marks(path.read_text(encoding="utf-8"))
    meta = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
    week = meta["week"]
    if isinstance(week, str):
        week = dt.date.fromisoformat(week)
    return Answered(path.name, text, marks, str(meta["ticker"]), week, str(meta.get("style", "")))


def corpus(folder: Path = HERE) -> list[Answered]:
    """Every answered article (one whose key file is not there yet is still being written)."""
    paths = sorted(folder.glob("*.md"))
    return [load(p) for p in paths if p.name != "README.md" and p.with_suffix(".yaml").is_file()]


def _offsets(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def claim_span(starts: list[int], c: Claim) -> tuple[int, int]:
    start = starts[c.line - 1] + c.col - 1
    return start, start + len(c.text)


_ERROR_STATUSES = frozenset(
    {Status.MISMATCH, Status.MISATTRIBUTED, Status.CONTRADICTED, Status.WRONG_WEEK}
)


def is_error(c: Claim) -> bool:
    """A finding that says the article is wrong (not merely that it cannot be settled)."""
    return c.severity is Severity.ERROR and c.status in _ERROR_STATUSES


@dataclass
class Score:
    """Counts over one or more articles."""

    wrong: int = 0
    caught: int = 0
    diagnosed: int = 0
    ok: int = 0
    na: int = 0
    ok_outcome: Counter[str] = field(default_factory=Counter)  # verified|unsupported|flagged|unread
    na_flagged: int = 0
    error_claims: int = 0  # every error finding
    error_claims_on_wrong: int = 0  # ... that falls on a wrong mark
    missed: list[str] = field(default_factory=list)
    undiagnosed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("wrong", "caught", "diagnosed", "ok", "na", "na_flagged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.error_claims += other.error_claims
        self.error_claims_on_wrong += other.error_claims_on_wrong
        self.ok_outcome.update(other.ok_outcome)
        self.missed += other.missed
        self.undiagnosed += other.undiagnosed
        self.false_alarms += other.false_alarms

    @property
    def recall(self) -> float:
        return self.caught / self.wrong if self.wrong else 1.0

    @property
    def precision(self) -> float:
        return self.error_claims_on_wrong / self.error_claims if self.error_claims else 1.0


def score(art: Answered, report: CheckReport) -> Score:
    starts = _offsets(art.text)
    spans = [(claim_span(starts, c), c) for c in report.claims]
    whole_week = any(c.status is Status.WRONG_WEEK for c in report.claims)
    s = Score()
    on_wrong: set[int] = set()
    for mark in art.marks:
        over = [c for (a, b), c in spans if a < mark.end and mark.start < b]
        errors = [c for c in over if is_error(c)]
        line_no = art.text.count("\n", 0, mark.start)
        context = art.text[starts[line_no] :].split("\n", 1)[0]
        at = mark.start - starts[line_no]
        snippet = context[max(0, at - 90) : at + 60]
        where = f"{art.name}: {mark.text!r} [{snippet}]"
        if mark.verdict == "wrong":
            s.wrong += 1
            on_wrong.update(id(c) for c in errors)
            if errors or whole_week:
                s.caught += 1
                hint = (mark.hint or "").lower()
                if not hint or any(hint in c.message.lower() for c in errors):
                    s.diagnosed += 1
                else:
                    msg = errors[0].message if errors else "wrong week"
                    s.undiagnosed.append(f"{where} wants {mark.hint!r}: {msg}")
            else:
                got = ", ".join(f"{c.status.value}: {c.message}" for c in over) or "no claim"
                s.missed.append(f"{where} ({got})")
        elif mark.verdict == "ok":
            s.ok += 1
            if errors or whole_week:
                s.ok_outcome["flagged"] += 1
                msg = errors[0].message if errors else "wrong week"
                s.false_alarms.append(f"{where} ok but {msg}")
            elif any(c.status is Status.VERIFIED for c in over):
                s.ok_outcome["verified"] += 1
            elif over:
                s.ok_outcome["unsupported"] += 1
            else:
                s.ok_outcome["unread"] += 1
        else:
            s.na += 1
            if errors:
                s.na_flagged += 1
                s.false_alarms.append(f"{where} cannot be settled but {errors[0].message}")
    for (a, _b), c in spans:
        if not is_error(c):
            continue
        s.error_claims += 1
        if id(c) in on_wrong:
            s.error_claims_on_wrong += 1
        elif not any(m.start < _b and a < m.end for m in art.marks):
            line = art.text[starts[c.line - 1] :].split("\n", 1)[0][:80]
            s.false_alarms.append(f"{art.name}:{c.line}: unmarked {c.text!r}: {c.message} | {line}")
    return s
