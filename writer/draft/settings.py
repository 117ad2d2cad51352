"""LLM settings from flags and the environment, without importing `openai`.

Why a module of its own: deciding whether to draft offline (no OPENAI_API_KEY and no
OPENAI_BASE_URL) must not pay for importing the SDK, which costs about 0.3 s of a cold
`writer draft --offline`.  `writer.draft.llm` builds the client from these settings.

    WRITER_MODEL         chat model, default gpt-4o-mini (`--model` wins)
    WRITER_LLM_TIMEOUT   seconds per HTTP request, default 60
    WRITER_LLM_RETRIES   retries of a failed or unusable request, default 2
    WRITER_MAX_TOKENS    the most tokens a reply may have (sent as max_tokens), default 4096
    WRITER_CONTEXT_TOKENS  the model's context size (`--context-tokens`): the prompt is cut to fit

The timeout is a deadline for the whole request, not for each read: a server that trickles
a byte every few seconds cannot hold a draft past it.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from writer.errors import BadInput

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_TIMEOUT_S = 60.0
DEFAULT_RETRIES = 2
DEFAULT_MAX_TOKENS = 4096
#: The longest a request may be given (an hour), and the most tokens a reply may ask for.
MAX_TIMEOUT_S = 3600.0
MAX_MAX_TOKENS = 100_000


@dataclass(frozen=True)
class LLMSettings:
    """What the drafter needs to know about the endpoint, resolved once from flags and env."""

    model: str = DEFAULT_MODEL
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_retries: int = DEFAULT_RETRIES
    max_tokens: int = DEFAULT_MAX_TOKENS
    context_tokens: int | None = None

    @classmethod
    def from_env(cls, model: str | None = None, context_tokens: int | None = None) -> LLMSettings:
        context = context_tokens
        if context is None and os.environ.get("WRITER_CONTEXT_TOKENS"):
            context = int(_env_number("WRITER_CONTEXT_TOKENS", 4096, int))
        if context is not None and not 512 <= context <= 10_000_000:
            raise BadInput(
                f"a context of {context} tokens is not a model's; give e.g. 4096 "
                "(--context-tokens or WRITER_CONTEXT_TOKENS)"
            )
        return cls(
            context_tokens=context,
            model=model or os.environ.get("WRITER_MODEL") or DEFAULT_MODEL,
            timeout_s=_env_number("WRITER_LLM_TIMEOUT", DEFAULT_TIMEOUT_S, float),
            max_retries=int(_env_number("WRITER_LLM_RETRIES", DEFAULT_RETRIES, int)),
            max_tokens=int(_env_number("WRITER_MAX_TOKENS", DEFAULT_MAX_TOKENS, int)),
        )


def _env_number(name: str, default: float, kind: type[float] | type[int]) -> float:
    """A number from the environment: a timeout must be positive, a retry count >= 0."""
    text = os.environ.get(name)
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        raise BadInput(
            f"{name}={text!r} is not a number; unset it or give e.g. {name}={kind(default)}"
        ) from None
    if value < 0 or (kind is float and value == 0) or (name == "WRITER_MAX_TOKENS" and value < 1):
        raise BadInput(
            f"{name}={text!r} is too small; unset it or give e.g. {name}={kind(default)}"
        )
    top = (
        MAX_TIMEOUT_S
        if kind is float
        else MAX_MAX_TOKENS
        if name == "WRITER_MAX_TOKENS"
        else 10_000_000
        if name == "WRITER_CONTEXT_TOKENS"
        else 10
    )
    if not math.isfinite(value) or value > top:
        raise BadInput(
            f"{name}={text!r} is too large (at most {top:g}); unset it or give e.g. "
            f"{name}={kind(default)}"
        )
    return value


def llm_configured() -> bool:
    """True when the environment names an endpoint: a key for OpenAI or a local base URL."""
    return bool(os.environ.get("OPENAI_API_KEY") or os.environ.get("OPENAI_BASE_URL"))
