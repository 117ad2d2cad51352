"""What drafting costs, and the one place that decides how much it may cost.

Why a module of its own: a newsroom run drafts hundreds of articles against a paid API, so
tokens and money are counted per call, per article and per run, and a budget stops new calls
(never one in flight) once it is reached.  The same meter serves every drafting thread.

- `calls_per_article` is the worst case of one article: every attempt (`--max-attempts`)
  may be asked again when the reply is not an article, and every HTTP request may be retried
  (`WRITER_LLM_RETRIES`).  `LLMDrafter` refuses a call past it.
- `PRICES` holds US dollars per million input and output tokens for known models; a JSON file
  named by `WRITER_PRICES` (`{"model": [input, output], ...}`) replaces or adds entries.  A
  model with no price shows tokens only, never a guessed cost.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from writer.errors import BadInput, LLMUnavailable

#: US$ per 1M tokens (input, output), list prices of the models writer is used with.
PRICES: dict[str, tuple[Decimal, Decimal]] = {
    "gpt-4o-mini": (Decimal("0.15"), Decimal("0.60")),
    "gpt-4o": (Decimal("2.50"), Decimal("10.00")),
    "gpt-4.1": (Decimal("2.00"), Decimal("8.00")),
    "gpt-4.1-mini": (Decimal("0.40"), Decimal("1.60")),
    "gpt-4.1-nano": (Decimal("0.10"), Decimal("0.40")),
}
MILLION = Decimal(1_000_000)


def calls_per_article(max_attempts: int, max_retries: int) -> int:
    """The most HTTP calls one article can make: attempts x (1 + asks again for a reply that
    is no article) x (1 + retries of a failed request).  With the defaults (3 attempts, 2
    retries): 3 x 3 x 3 = 27."""
    tries = max_retries + 1
    return max_attempts * tries * tries


def price_table() -> dict[str, tuple[Decimal, Decimal]]:
    """`PRICES`, with the entries of the `WRITER_PRICES` file over them."""
    table = dict(PRICES)
    named = os.environ.get("WRITER_PRICES")
    if not named:
        return table
    try:
        data = json.loads(Path(named).read_text(encoding="utf-8"))
        for model, (inp, out) in data.items():
            table[str(model)] = (Decimal(str(inp)), Decimal(str(out)))
    except (OSError, ValueError, TypeError, ArithmeticError) as exc:
        raise BadInput(
            f"WRITER_PRICES={named} is not a readable price table ({exc}); write it as "
            '{"model": [usd_per_1m_input, usd_per_1m_output]}'
        ) from None
    return table


def cost(
    model: str, prompt: int, completion: int, table: dict[str, tuple[Decimal, Decimal]]
) -> Decimal | None:
    """US$ for one call, or None for a model with no price."""
    price = table.get(model)
    if price is None:
        return None
    return (price[0] * prompt + price[1] * completion) / MILLION


@dataclass
class Usage:
    """One article's calls and tokens (cost None while any call's model had no price)."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: Decimal | None = Decimal(0)

    def add(self, prompt: int, completion: int, usd: Decimal | None) -> None:
        self.prompt_tokens += prompt
        self.completion_tokens += completion
        self.cost_usd = None if usd is None or self.cost_usd is None else self.cost_usd + usd

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class BudgetReached(LLMUnavailable):
    """The run's budget is spent: no new call starts (exit 4, what was done is kept)."""


@dataclass
class Meter:
    """The run's spend, shared by every drafting thread (and, after `share`, by every worker
    process); `start_call` refuses a new call once a budget is reached."""

    budget_tokens: int | None = None
    budget_usd: Decimal | None = None
    prices: dict[str, tuple[Decimal, Decimal]] = field(default_factory=price_table)
    total: Usage = field(default_factory=Usage)
    _lock: Any = field(default_factory=threading.Lock, repr=False)
    #: calls, prompt and completion tokens, and the cost as text, in memory that processes
    #: forked after `share` see and change under one process-shared lock
    _shared: tuple[Any, Any] | None = field(default=None, repr=False)

    def share(self) -> None:
        """Move the totals into memory shared with worker processes forked after this call,
        so that a batch's processes count against one budget.  The cost is kept as decimal
        text: a budget in US$ is compared exactly, as in one process."""
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._lock = context.Lock()
        self._shared = (context.Array("q", 3, lock=False), context.Array("c", 64, lock=False))
        self._store()

    def load_shared(self) -> None:
        """Bring `total` up to date with what every process counted (after they finished)."""
        with self._lock:
            self._load()

    def _load(self) -> None:
        if self._shared is None:
            return
        counts, usd = self._shared
        text = bytes(usd.value).decode()
        self.total = Usage(
            int(counts[0]),
            int(counts[1]),
            int(counts[2]),
            None if text == "none" else Decimal(text),
        )

    def _store(self) -> None:
        if self._shared is None:
            return
        counts, usd = self._shared
        counts[0], counts[1], counts[2] = (
            self.total.calls,
            self.total.prompt_tokens,
            self.total.completion_tokens,
        )
        usd.value = ("none" if self.total.cost_usd is None else str(self.total.cost_usd)).encode()

    def start_call(self, usage: Usage, cap: int) -> None:
        """Count a call about to be made, for the run and for its article."""
        with self._lock:
            self._load()
            if self.budget_tokens is not None and self.total.tokens >= self.budget_tokens:
                raise BudgetReached(
                    f"the token budget is spent ({self.total.tokens:,} of "
                    f"{self.budget_tokens:,}); no new call was started"
                )
            spent = self.total.cost_usd
            if self.budget_usd is not None and spent is not None and spent >= self.budget_usd:
                raise BudgetReached(
                    f"the budget is spent (US${spent:.4f} of US${self.budget_usd}); no new "
                    "call was started"
                )
            if usage.calls >= cap:
                raise LLMUnavailable(
                    f"this article made its {cap} calls (--max-attempts x tries x retries); "
                    "try another --model or pass --offline"
                )
            usage.calls += 1
            self.total.calls += 1
            self._store()

    def charge(
        self, usage: Usage, model: str, prompt: int, completion: int, factor: Decimal = Decimal(1)
    ) -> None:
        """Count a call's tokens and cost (`factor` of the list price: a batch's is half)."""
        usd = cost(model, prompt, completion, self.prices)
        if usd is not None:
            usd *= factor
        with self._lock:
            self._load()
            usage.add(prompt, completion, usd)
            self.total.add(prompt, completion, usd)
            self._store()
