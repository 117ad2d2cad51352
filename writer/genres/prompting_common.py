"""What every genre's prompts share: the Jinja environment and the shipped templates of a
genre's `prompts` package, the token estimate, the levels of detail, and the parts of a
request that do not depend on the genre (a figure's line, the revision's findings, the chat
around them).

Why templates: the wording is data that editors tune, not code; `StrictUndefined` makes a
template that names a variable we do not pass fail loudly instead of sending the model a
prompt with a silent hole in it.  The figures reach the model only as each fact's `display`
text (formatted by `factcheck.numfmt`), the same text the checker expects back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Generic, Protocol, TypeVar

from jinja2 import Environment, StrictUndefined, Template

from factcheck.brief import Brief, Fact
from factcheck.report import Claim

#: How much of the brief's data a request carries, largest first: all a prompt offers; the
#: smallest set that still tells the story; none (a revision only: its findings give the
#: right figure for every sentence to change, and the draft holds the rest).
FULL, COMPACT, NO_DATA = 2, 1, 0


@dataclass(frozen=True)
class FactGroup:
    title: str
    facts: tuple[Fact, ...]


@cache
def _environment() -> Environment:
    return Environment(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def template_source(package: str, name: str) -> str:
    """The raw text of a shipped template (read from the installed package, not the repo)."""
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


@cache
def template(package: str, name: str) -> Template:
    """A shipped template, compiled once per process: compiling costs more than rendering
    (30 ms against 2 ms), and a batch renders four per article."""
    return _environment().from_string(template_source(package, name))


def compile_templates(package: str) -> None:
    """Compile every template `package` ships now: a batch does it once before it forks its
    worker processes, so that no worker compiles them on its first request."""
    for entry in resources.files(package).iterdir():
        if entry.name.endswith(".j2"):
            template(package, entry.name)


def render(package: str, name: str, **context: Any) -> str:
    """Render one template; a variable the template needs but `context` lacks raises."""
    return template(package, name).render(**context).strip() + "\n"


@dataclass(frozen=True)
class Templates:
    """One genre's shipped templates (its `prompts` package), for its module to name as
    `template_source`, `compile_templates` and `render`."""

    package: str

    def source(self, name: str) -> str:
        return template_source(self.package, name)

    def compile(self) -> None:
        compile_templates(self.package)

    def render(self, name: str, **context: Any) -> str:
        return render(self.package, name, **context)


def day_name(day: dt.date) -> str:
    """ "Tuesday, Aug 5": a session as group headings and prompts name it."""
    return f"{day:%A}, {day:%b} {day.day}"


def short_label(fact: Fact, brief: Brief, day: dt.date | None) -> str:
    """The label without what the group heading says: its index's name, and its session in
    a session's group."""
    names = {e.key: e.name for e in brief.entities}
    name = names.get(fact.entity, "")
    label = fact.label.removeprefix(f"{name} ") if name else fact.label
    if day is not None and fact.period == day.isoformat():
        label = label.replace(f" {day:%a %b} {day.day}", "", 1)
    return label


def fact_line(fact: Fact, brief: Brief, day: dt.date | None) -> str:
    """A figure as the model sees it: its display text, then what it is (no fact id, which
    is plumbing a model may copy into the article)."""
    return f"{fact.display}: {short_label(fact, brief, day)}"


def revise_message(
    package: str, brief: Brief, findings: Sequence[Claim], attempt: int, max_attempts: int
) -> str:
    """Quote every finding (sentence, what was written, what the data says) for a rewrite,
    with `package`'s `revise.j2`.  When the checker names a fact but no expected text (a
    wrong direction), the fact's own display is what the data says."""
    displays = {f.id: f.display for f in brief.facts}
    return render(
        package,
        "revise.j2",
        findings=list(findings),
        attempt=attempt,
        max_attempts=max_attempts,
        displays=displays,
    )


B = TypeVar("B", bound=Brief, contravariant=True)


class UserMessage(Protocol[B]):
    def __call__(self, brief: B, *, detail: int = ...) -> str: ...


@dataclass(frozen=True)
class Conversation(Generic[B]):
    """A genre's requests to a model, put together the same way for every genre: the first
    request (its system and user messages), and a revision (the first request, the last
    draft as the model's turn, then every finding quoted with `package`'s `revise.j2`).  A
    genre's module names its methods as its own `first_messages`, `revision_messages` and
    `revise_message`; `narrow` gives the brief its revise template reads."""

    package: str
    system: Callable[[B], str]
    user: UserMessage[B]
    narrow: Callable[[B], Brief] = lambda brief: brief

    def revise_message(
        self, brief: B, findings: Sequence[Claim], attempt: int, max_attempts: int
    ) -> str:
        """Quote every finding (sentence, what was written, what the data says)."""
        return revise_message(self.package, self.narrow(brief), findings, attempt, max_attempts)

    def first_messages(self, brief: B, *, detail: int = FULL) -> list[dict[str, str]]:
        return chat(self.system(brief), self.user(brief, detail=detail))

    def revision_messages(
        self,
        brief: B,
        draft: str,
        findings: Sequence[Claim],
        attempt: int,
        max_attempts: int,
        *,
        detail: int = FULL,
    ) -> list[dict[str, str]]:
        """The original request, the last draft as the model's turn, then the findings."""
        return revision_chat(
            self.first_messages(brief, detail=detail),
            draft,
            self.revise_message(brief, findings, attempt, max_attempts),
        )


def revision_chat(first: list[dict[str, str]], draft: str, revise: str) -> list[dict[str, str]]:
    """The original request, the last draft as the model's turn, then the findings.  Only
    the last draft is kept so the conversation does not grow with every attempt."""
    return [*first, {"role": "assistant", "content": draft}, {"role": "user", "content": revise}]


def chat(system: str, user: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def estimate_tokens(text: str) -> int:
    """Tokens `text` costs: tiktoken's count when it is installed, else an estimate of 2.5
    characters a token.  Figures cost many tokens (Qwen2.5 splits every digit): a 7,464-
    character RUT prompt was 2,705 tokens to Qwen2.5-1.5B, which this puts at 2,986."""
    encoding = _tiktoken()
    if encoding is not None:
        return len(encoding.encode(text))
    return len(text) * 2 // 5 + 1


@cache
def _tiktoken() -> Any:
    """tiktoken's encoding, looked for once per process (a failed import is a search of the
    whole path, and a batch estimates a few requests per article)."""
    try:
        import tiktoken

        return tiktoken.get_encoding("cl100k_base")
    except Exception:  # not installed, or its tables cannot be fetched offline
        return None


def messages_tokens(messages: Sequence[dict[str, str]]) -> int:
    """`estimate_tokens` over a chat, with a few tokens per message for the roles."""
    return sum(estimate_tokens(m["content"]) + 4 for m in messages)
