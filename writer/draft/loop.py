"""The repair loop: draft, check, feed the findings back, repeat up to a cap.

Why it is separate from the drafters and the CLI: the loop is the policy that makes an
article trustworthy (the model never judges its own numbers; the deterministic checker
does), and it is the same whichever drafter writes (LLM, offline, a future genre's).  It
does no I/O of its own; the drafter and the checker are passed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from factcheck.brief import Brief
from factcheck.errors import CheckError
from factcheck.report import CheckReport
from writer.errors import BadInput, LLMUnavailable

DEFAULT_MAX_ATTEMPTS = 3
VERIFIED = "verified"
REJECTED = "rejected"

Checker = Callable[[str, Brief], CheckReport]
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Draft:
    """A Markdown body (no front matter) and the audit-log id of the call that wrote it."""

    text: str
    call_id: int | None = None


class Drafter(Protocol):
    """Writes a first draft and, if it can, a revision that answers the checker's findings."""

    name: str
    model: str | None
    can_revise: bool

    def draft(self, brief: Brief) -> Draft: ...

    def revise(
        self,
        brief: Brief,
        previous: Draft,
        report: CheckReport,
        attempt: int,
        max_attempts: int,
    ) -> Draft: ...

    def judged(self, draft: Draft, verdict: str) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Attempt:
    number: int
    draft: Draft
    report: CheckReport


def score(report: CheckReport) -> tuple[int, int]:
    """How far a draft is from publishable: (wrong figures, form findings); lower is better."""
    errors = report.errors
    form = sum(1 for c in errors if c.kind == "form")
    return len(errors) - form, form


@dataclass(frozen=True)
class Outcome:
    attempts: tuple[Attempt, ...]
    #: what ended the run before a draft passed, after some were checked (they are kept)
    failure: LLMUnavailable | None = None

    @property
    def final(self) -> Attempt:
        """The attempt that passed, else the best one (fewest wrong figures, then fewest form
        findings; the later of equals): a revision that made things worse never replaces a
        better draft."""
        passed = [a for a in self.attempts if a.report.ok]
        if passed:
            return passed[-1]
        return min(self.attempts, key=lambda a: (*score(a.report), -a.number))

    @property
    def accepted(self) -> bool:
        return self.final.report.ok

    @property
    def verdict(self) -> str:
        return VERIFIED if self.accepted else REJECTED


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def findings_text(report: CheckReport) -> str:
    """'2 wrong figures', '3 form findings', or both: the two are different faults."""
    figures, form = score(report)
    parts = [_plural(figures, "wrong figure")] if figures or not form else []
    if form:
        parts.append(_plural(form, "form finding"))
    return " and ".join(parts)


def repair_loop(
    brief: Brief,
    drafter: Drafter,
    check: Checker,
    max_attempts: int,
    progress: Progress | None = None,
) -> Outcome:
    """Run drafts through the checker until one passes or `max_attempts` drafts were made.

    A drafter that cannot revise (the deterministic offline one would write the same text
    again) gets a single attempt.  Each revision starts from the best draft so far; the loop
    stops early when a revision is worse than the draft it revised, or is that draft sent
    back unchanged (a real 1.5B model did this: another call would cost the same again).
    When the drafter fails (exit 4) after drafts were checked, the outcome keeps them and
    names the failure, so the caller can save the evidence before reporting it.
    """
    if max_attempts < 1:
        raise BadInput(f"--max-attempts must be at least 1, not {max_attempts}")
    say = progress or (lambda _message: None)
    attempts: list[Attempt] = []
    draft = drafter.draft(brief)
    try:
        _attempts(brief, drafter, check, max_attempts, say, draft, attempts)
    except LLMUnavailable as exc:
        if not attempts:
            raise
        return Outcome(tuple(attempts), exc)
    return Outcome(tuple(attempts))


def _attempts(
    brief: Brief,
    drafter: Drafter,
    check: Checker,
    max_attempts: int,
    say: Progress,
    draft: Draft,
    attempts: list[Attempt],
) -> None:
    for number in range(1, max_attempts + 1):
        try:
            report = check(draft.text, brief)
        except CheckError as exc:  # a reply too large to check is the model's failure
            raise LLMUnavailable(
                f"draft {number} cannot be checked ({exc}); try another --model or pass --offline"
            ) from None
        attempts.append(Attempt(number, draft, report))
        drafter.judged(draft, VERIFIED if report.ok else REJECTED)
        if report.ok:
            say(f"attempt {number}: every figure verified")
            break
        say(f"attempt {number}: {findings_text(report)}")
        if number == max_attempts or not drafter.can_revise:
            break
        best = Outcome(tuple(attempts)).final
        if len(attempts) > 1 and draft.text.strip() == attempts[-2].draft.text.strip():
            say(f"attempt {number} is attempt {number - 1} sent back unchanged: stopping")
            break
        if len(attempts) > 1 and score(report) > score(attempts[-2].report):
            say(f"attempt {number} is worse than attempt {number - 1}: keeping attempt "
                f"{best.number}")  # fmt: skip
            break
        say(f"asking for revision {number + 1} of {max_attempts}")
        draft = drafter.revise(brief, best.draft, best.report, number + 1, max_attempts)
