"""The LLM drafter: the only module that imports `openai`.

Any OpenAI-compatible endpoint works: the SDK reads `OPENAI_API_KEY` and `OPENAI_BASE_URL`
itself; our own settings are `WRITER_MODEL` (or `--model`, default `gpt-4o-mini`),
`WRITER_LLM_TIMEOUT` (seconds per request, default 60) and `WRITER_LLM_RETRIES` (default 2).

Why this shape:
- The client is built in one place (`get_client`) and injected into `LLMDrafter`, so tests
  and the benchmark point the real client code at a local server.
- Failures that mean the request is gone (429, 5xx, refused or dropped connections) are
  retried here, not in the SDK, with exponential backoff that honours `Retry-After`, so
  that every HTTP attempt is one audit-log row with its own error and latency;
  `WRITER_LLM_RETRIES` sets how often.
  A timeout is not retried: the server may still be working on the request, and a local
  server that serves one request at a time would queue the retry behind it.
- Every way the endpoint can fail becomes one `LLMUnavailable` (exit 4) whose one-line
  message says what to do next; a response that is not an article (empty, a JSON blob,
  too short, no figures) is asked for again, then is an `LLMUnavailable` too.
- Every call, failed or not, goes to the audit log with its messages, tokens and latency.
"""

from __future__ import annotations

import json
import os
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

import openai
from openai import OpenAI
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam

from factcheck.brief import Brief
from factcheck.report import CheckReport, Claim
from writer.auditlog import AuditLog
from writer.draft.loop import Draft
from writer.draft.settings import (
    DEFAULT_MODEL,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT_S,
    LLMSettings,
    llm_configured,
)
from writer.draft.spend import Meter, Usage, calls_per_article
from writer.errors import BadInput, LLMUnavailable
from writer.genres import Prompting, genre_of
from writer.redact import redact

try:  # the HTTP library the installed openai SDK is built on
    import httpx2 as httpx
except ImportError:  # openai releases before the httpx2 fork
    import httpx  # type: ignore[no-redef,import-not-found,unused-ignore]

__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT_S",
    "ClientError",
    "Completion",
    "LLMDrafter",
    "LLMSettings",
    "LineFailed",
    "Requester",
    "RunInfo",
    "article_problem",
    "get_client",
    "llm_configured",
    "unfence",
]

#: A response with fewer words than this is not an article (the house asks for 400-700).
MIN_ARTICLE_WORDS = 120
#: A reply longer than this is no article (a recap is ~5,000 characters); it is not checked.
MAX_REPLY_CHARS = 100_000
#: Findings a revision request lists at most, tried in turn, when the context cannot hold all.
REVISION_FINDINGS = (8, 3)
#: ... and the most bytes read of any HTTP response (JSON escaping can double the text).
MAX_REPLY_BYTES = 1_000_000
T = TypeVar("T")
INITIAL_BACKOFF_S = 0.5
MAX_BACKOFF_S = 8.0
MAX_RETRY_AFTER_S = 60.0
#: Placeholder key for keyless local endpoints (OPENAI_BASE_URL set, OPENAI_API_KEY not).
LOCAL_KEY = "not-needed"

#: The opening fence: "```" and a language name at the start of a reply.
_FENCE_OPEN = re.compile(r"\s*+```[A-Za-z]*+")


class ReplyTooLarge(Exception):
    """The endpoint sent more bytes than any chat completion with an article needs."""


class _CappedStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, cap: int) -> None:
        self.inner, self.cap = inner, cap

    def __iter__(self) -> Iterator[bytes]:
        seen = 0
        for chunk in self.inner:
            seen += len(chunk)
            if seen > self.cap:
                raise ReplyTooLarge(f"the reply passed {self.cap:,} bytes")
            yield chunk

    def close(self) -> None:
        self.inner.close()


class _CappedTransport(httpx.BaseTransport):
    """Reads at most `cap` bytes of any response: a 60 MB answer is cut off at the cap
    instead of being held in memory and checked."""

    def __init__(self, inner: httpx.BaseTransport, cap: int) -> None:
        self.inner, self.cap = inner, cap

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.cap:
            response.close()
            raise ReplyTooLarge(f"the reply is {int(length):,} bytes")
        assert isinstance(response.stream, httpx.SyncByteStream)
        response.stream = _CappedStream(response.stream, self.cap)
        return response

    def close(self) -> None:
        self.inner.close()


def get_client(settings: LLMSettings) -> OpenAI:
    """The one place a client is built; the SDK reads OPENAI_API_KEY / OPENAI_BASE_URL.
    Retries are ours (`LLMDrafter.complete`) so each attempt is logged and counted."""
    return _client(settings.timeout_s, 0, MAX_REPLY_BYTES)


#: The most bytes read of a batch's output file (about 10 KB per answered request).
MAX_BATCH_FILE_BYTES = 600_000_000


def get_batch_client(settings: LLMSettings) -> OpenAI:
    """The client of the Batch API's files and batches endpoints (`--batch`): the SDK's own
    retries with backoff (these calls are bookkeeping, not completions, and are not logged
    one by one), and room for an output file of 50,000 answers."""
    return _client(
        max(settings.timeout_s, 120.0), max(settings.max_retries, 3), MAX_BATCH_FILE_BYTES
    )


def _client(timeout: float, max_retries: int, cap: int) -> OpenAI:
    key = None
    if not os.environ.get("OPENAI_API_KEY") and os.environ.get("OPENAI_BASE_URL"):
        key = LOCAL_KEY
    try:
        return OpenAI(
            api_key=key,
            timeout=timeout,
            max_retries=max_retries,
            http_client=httpx.Client(
                transport=_CappedTransport(httpx.HTTPTransport(), cap), timeout=timeout
            ),
        )
    except openai.OpenAIError as exc:
        raise LLMUnavailable(
            f"cannot set up the LLM client ({_one_line(exc)}); set OPENAI_API_KEY or pass --offline"
        ) from None


def unfence(text: str) -> str:
    """Models sometimes wrap the article in a ```markdown fence despite being told not to.

    What `^\\s*```[A-Za-z]*\\s*\\n(.*?)\\n\\s*```\\s*$` (DOTALL) took, stripped: an opening
    fence line, a closing one that ends the reply, the text between.  Found from both ends
    by hand: that regex tried the closer at every newline of the reply and read the
    whitespace after each, cubic in a reply of blank lines."""
    opening = _FENCE_OPEN.match(text)
    if opening is not None:
        body_start = text.find("\n", opening.end())
        rest = text.rstrip()
        closer = len(rest) - 3
        body_end = text.rfind("\n", 0, closer)
        if (
            0 <= body_start < body_end
            and rest.endswith("```")
            and not text[opening.end() : body_start].strip()
            and not text[body_end:closer].strip()
        ):
            return text[body_start + 1 : body_end].strip()
    return text.strip()


def article_problem(text: str) -> str | None:
    """Why a response is not an article, or None when it looks like one."""
    stripped = text.strip()
    if not stripped:
        return "an empty response"
    if stripped[0] in "{[":
        try:
            json.loads(stripped)
        except ValueError:
            pass
        else:
            return "a JSON blob instead of an article"
    if len(stripped) > MAX_REPLY_CHARS:
        return f"a reply of {len(stripped):,} characters, far longer than any article"
    words = len(stripped.split())
    if words < MIN_ARTICLE_WORDS:
        return f"only {words} words (an article has at least {MIN_ARTICLE_WORDS})"
    if not any(ch.isdigit() for ch in stripped):
        return "text without a single figure"
    return None


def _message(message: dict[str, str]) -> ChatCompletionMessageParam:
    """Our plain role/content dicts as the SDK's typed message params."""
    role, content = message["role"], message["content"]
    if role == "system":
        return {"role": "system", "content": content}
    if role == "assistant":
        return {"role": "assistant", "content": content}
    return {"role": "user", "content": content}


class DeadlinePassed(Exception):
    """The whole request took longer than the timeout (each read may have been quick)."""


def _within(seconds: float, call: Callable[[], T]) -> T:
    """`call()`, or `DeadlinePassed` once `seconds` have gone by.  The SDK's timeout applies
    to each read, so a server that sends a byte every few seconds never trips it; the call
    runs in a daemon thread that is abandoned (it cannot keep the process alive) when late."""
    box: list[T] = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            box.append(call())
        except BaseException as exc:  # handed to the caller's thread
            error.append(exc)

    worker = threading.Thread(target=run, name="llm-request", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise DeadlinePassed(f"no complete answer within {seconds:g} s")
    if error:
        raise error[0]
    return box[0]


def transient(exc: Exception) -> bool:
    """Worth retrying: errors that mean the server no longer holds the request (rate limits,
    server errors, refused or dropped connections).  Not a timeout: the request may still
    be running there, and a retry would wait behind it."""
    if isinstance(exc, LineFailed):
        return exc.transient
    if isinstance(exc, openai.APITimeoutError | DeadlinePassed):
        return False
    if isinstance(exc, openai.APIConnectionError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return retryable_status(exc.status_code)
    return False


def retryable_status(status: int) -> bool:
    """An HTTP status that means "ask again": timeout, conflict, rate limit, server error
    (of a call here, or of one line of a provider batch)."""
    return status in (408, 409, 429) or status >= 500


def retry_delay(retry: int, exc: Exception) -> float:
    """The server's Retry-After (ms or s, up to a minute), else exponential backoff with
    jitter: about 0.5, 1, 2 ... 8 s.  None for a batch line: the next batch is the wait."""
    if isinstance(exc, LineFailed):
        return 0.0
    if isinstance(exc, openai.APIStatusError):
        headers = exc.response.headers
        for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
            try:
                wait = float(headers.get(name, "")) / scale
            except ValueError:
                continue
            if 0 <= wait <= MAX_RETRY_AFTER_S:
                return wait
    return min(INITIAL_BACKOFF_S * 2.0**retry, MAX_BACKOFF_S) * (1 - 0.25 * random.random())


def _short_error(exc: Exception) -> str:
    if isinstance(exc, LineFailed):
        return str(exc)
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    if isinstance(exc, openai.APITimeoutError | DeadlinePassed):
        return "timed out"
    return f"{type(exc).__name__}: {_one_line(exc)}"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 160 else text[:157] + "..."


class LineFailed(Exception):
    """One request of a provider batch came back without a completion (`writer.draft.
    batchapi`): an HTTP error line, an error-file line, a batch that failed or expired.
    `transient` ones are sent again in the next batch, like a 429 or 5xx here."""

    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


#: How a drafter's request reaches a model: (model, messages, max_tokens) -> the completion.
#: By default one HTTP call through the client; `--batch` sends it in a provider batch.
Requester = Callable[[str, list[dict[str, str]], int], ChatCompletion]


#: Any failure the client raises: the Batch API's bookkeeping calls (`batchapi`) catch it
#: without importing openai themselves.
ClientError = openai.OpenAIError


def completion_from(body: object) -> ChatCompletion:
    """A chat completion from its JSON (a batch's output line): validated, so a body that is
    not one raises here (ValueError) like a malformed HTTP answer does."""
    return ChatCompletion.model_validate(body)


@dataclass(frozen=True)
class RunInfo:
    """Which article a call belongs to, for the audit log."""

    run_id: str
    subject: str
    week: str


@dataclass(frozen=True)
class Completion:
    """What one completion gave: the text, its audit-log id, and why the model stopped."""

    text: str
    call_id: int | None
    finish_reason: str | None


class LLMDrafter:
    """Drafts and revises through a chat-completions endpoint; every call is audited."""

    name = "llm"
    can_revise = True

    def __init__(
        self,
        client: OpenAI,
        settings: LLMSettings,
        audit: AuditLog | None,
        run: RunInfo,
        *,
        owns_client: bool = False,
        meter: Meter | None = None,
        usage: Usage | None = None,
        max_attempts: int = 3,
        requester: Requester | None = None,
        price_factor: Decimal = Decimal(1),
        while_waiting: Callable[[], AbstractContextManager[object]] | None = None,
    ) -> None:
        """`meter` is the run's spend (shared by every article of a batch) and `usage` this
        article's; a call past the budget or past `calls_per_article` is refused.
        `requester` sends each request (default: one HTTP call through `client` within the
        timeout); `price_factor` scales the list price (a provider batch costs half);
        `while_waiting` is entered for each wait on the endpoint (a request, a backoff)."""
        self.client = client
        self.owns_client = owns_client
        self.settings = settings
        self.model: str | None = settings.model
        self.audit = audit
        self.run = run
        self._reply_tokens = settings.max_tokens
        self.meter = meter or Meter()
        self.usage = usage or Usage()
        self.call_cap = calls_per_article(max_attempts, settings.max_retries)
        self.requester = requester or self._over_http
        self.price_factor = price_factor
        self.while_waiting = while_waiting or nullcontext

    def _over_http(
        self, model: str, messages: list[dict[str, str]], max_tokens: int
    ) -> ChatCompletion:
        return _within(
            self.settings.timeout_s,
            lambda: self.client.chat.completions.create(
                model=model, messages=[_message(m) for m in messages], max_tokens=max_tokens
            ),
        )

    @property
    def endpoint(self) -> str:
        """The base URL as it may be shown: without credentials (see `writer.redact`)."""
        return redact(str(self.client.base_url).rstrip("/"))

    def draft(self, brief: Brief) -> Draft:
        prompting = genre_of(brief).prompting()
        messages = self._fitted(
            lambda detail: prompting.first_messages(brief, detail=detail),
            (prompting.FULL, prompting.COMPACT),
            prompting,
        )
        return self._article(messages, attempt=1, purpose="draft")

    def _fitted(
        self,
        build: Callable[[int], list[dict[str, str]]],
        details: tuple[int, ...],
        prompting: Prompting[Any],
    ) -> list[dict[str, str]]:
        """The request with the most data (`details`, largest first, see `prompting.FULL`)
        that the model's context (`WRITER_CONTEXT_TOKENS`) can hold with a reply; sets the
        reply's `max_tokens` to what is left.  `BadInput` when even the smallest does not
        fit: a model with a larger context is needed."""
        limit = self.settings.context_tokens
        if limit is None:
            self._reply_tokens = self.settings.max_tokens
            return build(details[0])
        for detail in details:
            messages = build(detail)
            size = prompting.messages_tokens(messages)
            if size + prompting.REPLY_TOKENS <= limit:
                break
        room = limit - size
        if room < prompting.REPLY_TOKENS:
            raise BadInput(
                f"the prompt needs about {size:,} tokens and the article about "
                f"{prompting.REPLY_TOKENS:,} more, beyond the model's {limit:,}-token context "
                "(WRITER_CONTEXT_TOKENS); use a model with a larger context"
            )
        self._reply_tokens = min(self.settings.max_tokens, room)
        return messages

    def revise(
        self,
        brief: Brief,
        previous: Draft,
        report: CheckReport,
        attempt: int,
        max_attempts: int,
    ) -> Draft:
        """The revision request, smaller until it fits a short context: the data without
        the peers' sessions and levels, then none (the findings give the right figures),
        then only the first 8 findings, then 3 (`REVISION_FINDINGS`: a real 1.5B model's
        1,500-token drafts left room for three at 4,096 tokens; the next revision gets the
        rest)."""
        errors = report.errors
        prompting = genre_of(brief).prompting()
        too_big: BadInput | None = None
        for cap in (len(errors), *REVISION_FINDINGS):
            shown = errors[:cap]

            def build(detail: int, shown: tuple[Claim, ...] = shown) -> list[dict[str, str]]:
                return prompting.revision_messages(
                    brief, previous.text, shown, attempt - 1, max_attempts, detail=detail
                )

            try:
                messages = self._fitted(
                    build, (prompting.FULL, prompting.COMPACT, prompting.NO_DATA), prompting
                )
                break
            except BadInput as exc:
                too_big = exc
        else:
            # drafts were already paid for and checked: this ends the run as the model's
            # limit (exit 4), and the loop keeps them as the rejected draft
            raise LLMUnavailable(f"revision {attempt} does not fit: {too_big}") from None
        return self._article(messages, attempt=attempt, purpose="revise")

    def judged(self, draft: Draft, verdict: str) -> None:
        if self.audit is not None and draft.call_id is not None:
            self.audit.set_verdict(draft.call_id, verdict)

    def close(self) -> None:
        """Release the connection pool of a client this drafter was handed to own."""
        if self.owns_client:
            self.client.close()

    def _article(self, messages: list[dict[str, str]], *, attempt: int, purpose: str) -> Draft:
        """Ask until the answer looks like an article (at most 1 + max_retries times).

        When every try still is not one, the last reply is handed to the checker anyway if
        it can be read (a JSON blob, a fact list, 60 words): the form check says what is
        wrong, the revision request passes it on, and a draft that never becomes an article
        is rejected (exit 1) and kept on disk with the reasons.  Only a reply with nothing
        to check (empty, cut off, too large) ends the run as the model's failure (exit 4)."""
        problem = ""
        last: Draft | None = None
        for _ in range(self.settings.max_retries + 1):
            reply = self.complete(messages, attempt=attempt, purpose=purpose)
            article, call_id = unfence(reply.text), reply.call_id
            found = (
                "an article cut off at the model's output limit"
                if reply.finish_reason == "length"
                else article_problem(article)
            )
            if found is None:
                return Draft(text=article + "\n", call_id=call_id)
            problem = found
            if self.audit is not None and call_id is not None:
                self.audit.set_verdict(call_id, "not an article")
            checkable = reply.finish_reason != "length" and found.startswith(
                ("a JSON blob", "only ", "text without")
            )
            last = Draft(text=article + "\n", call_id=call_id) if checkable else None
        if last is not None:
            return last
        tries = self.settings.max_retries + 1
        raise LLMUnavailable(
            f"model {self.settings.model!r} returned {problem} on {tries} "
            f"{'try' if tries == 1 else 'tries'}; try another --model or pass --offline"
        )

    def complete(
        self, messages: Sequence[dict[str, str]], *, attempt: int, purpose: str
    ) -> Completion:
        """One chat completion; transient failures (429, 5xx, timeouts, dropped connections)
        are retried here with backoff, and every HTTP attempt is its own audit-log row."""
        retries = self.settings.max_retries
        for retry in range(retries + 1):
            self.meter.start_call(self.usage, self.call_cap)  # BudgetReached: exit 4
            started = time.perf_counter()
            try:
                with self.while_waiting():
                    response = self.requester(
                        self.settings.model, list(messages), self._reply_tokens
                    )
                choice = response.choices[0] if response.choices else None
                text = (choice.message.content or "") if choice is not None else ""
                finish = str(choice.finish_reason) if choice is not None else None
                usage = response.usage
            except (
                openai.OpenAIError,
                LineFailed,
                DeadlinePassed,
                ReplyTooLarge,
                ValueError,
                AttributeError,
                TypeError,
            ) as exc:
                if retry < retries and transient(exc):
                    delay = retry_delay(retry, exc)
                    self._record(
                        messages,
                        attempt,
                        retry,
                        purpose,
                        started,
                        None,
                        None,
                        None,
                        f"{_short_error(exc)}; retrying in {delay:.2f} s",
                    )
                    with self.while_waiting():
                        time.sleep(delay)
                    continue
                error = self._explain(exc)
                self._record(
                    messages, attempt, retry, purpose, started, None, None, None, str(error)
                )
                raise error from None
            model = response.model or self.settings.model
            self.meter.charge(
                self.usage,
                self.settings.model if self.settings.model in self.meter.prices else model,
                (usage.prompt_tokens or 0) if usage else 0,
                (usage.completion_tokens or 0) if usage else 0,
                self.price_factor,
            )
            call_id = self._record(
                messages,
                attempt,
                retry,
                purpose,
                started,
                text,
                usage.prompt_tokens if usage else None,
                usage.completion_tokens if usage else None,
                None,
                model=response.model or self.settings.model,
            )
            return Completion(text, call_id, finish)
        raise AssertionError("unreachable: the last retry returns or raises")

    def _record(
        self,
        messages: Sequence[dict[str, str]],
        attempt: int,
        retry: int,
        purpose: str,
        started: float,
        text: str | None,
        prompt_tokens: int | None,
        completion_tokens: int | None,
        error: str | None,
        model: str | None = None,
    ) -> int | None:
        if self.audit is None:
            return None
        error = redact(error) if error is not None else None
        return self.audit.record(
            run_id=self.run.run_id,
            subject=self.run.subject,
            week=self.run.week,
            attempt=attempt,
            retry=retry,
            purpose=purpose,
            model=model or self.settings.model,
            messages=list(messages),
            response_text=text,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            latency_ms=(time.perf_counter() - started) * 1000,
            error=error,
        )

    def _explain(self, exc: Exception) -> LLMUnavailable:
        """One line per failure mode, each saying what to do next."""
        where = f"the LLM endpoint {self.endpoint}"
        if isinstance(exc, LineFailed):
            return LLMUnavailable(f"{where}: {exc}")
        retries = self.settings.max_retries
        after = f"after {retries} {'retry' if retries == 1 else 'retries'}"
        if isinstance(exc, openai.APITimeoutError | DeadlinePassed):
            return LLMUnavailable(
                f"{where} did not answer within {self.settings.timeout_s:g} s (not retried: "
                "it may still be working on it); raise WRITER_LLM_TIMEOUT, check "
                "OPENAI_BASE_URL or pass --offline"
            )
        if isinstance(exc, ReplyTooLarge):
            return LLMUnavailable(
                f"{where} sent more than any article needs ({exc}; at most "
                f"{MAX_REPLY_BYTES:,} are read); lower WRITER_MAX_TOKENS, try another "
                "--model or pass --offline"
            )
        if isinstance(exc, openai.APIConnectionError):
            cause = _one_line(exc.__cause__) if exc.__cause__ else _one_line(exc)
            return LLMUnavailable(
                f"cannot reach {where} ({cause}, {after}); check "
                "OPENAI_BASE_URL and the network, or pass --offline"
            )
        if isinstance(exc, openai.AuthenticationError):
            return LLMUnavailable(
                f"{where} refused the API key (HTTP 401); set a valid "
                "OPENAI_API_KEY or pass --offline"
            )
        if isinstance(exc, openai.PermissionDeniedError):
            return LLMUnavailable(
                f"{where} denied access (HTTP 403); check the key's "
                "permissions for this model or pass --offline"
            )
        if isinstance(exc, openai.RateLimitError):
            return LLMUnavailable(
                f"{where} is rate limiting (HTTP 429, {after}); wait and "
                "try again, or pass --offline"
            )
        if isinstance(exc, openai.NotFoundError):
            return LLMUnavailable(
                f"{where} has no model {self.settings.model!r} (HTTP 404); "
                "pass --model or set WRITER_MODEL"
            )
        if isinstance(exc, openai.APIStatusError):
            if exc.status_code >= 500:
                return LLMUnavailable(
                    f"{where} failed with HTTP {exc.status_code} ({after}); "
                    "try again later or pass --offline"
                )
            return LLMUnavailable(
                f"{where} rejected the request (HTTP {exc.status_code}: "
                f"{_one_line(exc)}); check --model or pass --offline"
            )
        return LLMUnavailable(
            f"{where} gave an answer that is not a chat completion "
            f"({type(exc).__name__}: {_one_line(exc)}); check "
            "OPENAI_BASE_URL or pass --offline"
        )
