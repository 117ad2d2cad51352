"""The provider's Batch API as the drafting engine: `writer draft SYM... --weeks A..B --batch`.

Why: for a large run the provider's batch endpoint is the engine that scales past one
machine, at half the list price; this process only builds prompts, checks replies and
writes articles.  Nothing about *what* is asked or *how a reply is judged* changes: every
article's repair loop runs as it does without `--batch` (`run_draft`, `LLMDrafter`, the
same prompts, strict check, form rules and stopping policy), each in a thread of its own,
but its requests go through `BatchRounds.requester`, which blocks until the round the
request belongs to comes back.  A round is sent when every article still running waits on
a request: round 1 holds every first draft, round 2 the revisions of the drafts the checker
rejected (and any request to send again), and so on, so repair attempts are batches too.

The journal (`OUT/.batches/`) keeps each batch's input JSONL, its id, its requests' ids and
hashes, and its results once downloaded.  A run that is interrupted or runs out of
`WRITER_BATCH_WAIT_S` leaves its batch running at the provider; running the same command
again makes the same requests (the same brief makes the same prompt, the same reply the same
revision), finds them in the journal and collects that batch instead of paying for another.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from writer.draft import llm
from writer.errors import BadInput
from writer.output import write_atomic

#: The Batch API's price: half the list price of the same model's synchronous calls.
BATCH_PRICE = Decimal("0.5")
ENDPOINT = "/v1/chat/completions"
COMPLETION_WINDOW = "24h"
#: The Batch API takes at most 50,000 requests and 200 MB per input file.
MAX_LINES = 50_000
MAX_BYTES = 190_000_000
#: Seconds between polls, and how long one run waits for a round before it stops (the
#: batch keeps running; the same command collects it later).  A batch may take 24 h.
DEFAULT_POLL_S = 30.0
DEFAULT_WAIT_S = 25 * 3600.0
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
#: Error-file codes that mean "ask again" (the request never ran), not "this request is bad".
RETRYABLE_CODES = frozenset({"batch_expired", "batch_cancelled", "server_error", "rate_limit"})
_FORMAT = 1
_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


@dataclass(frozen=True)
class BatchSettings:
    poll_s: float = DEFAULT_POLL_S
    wait_s: float = DEFAULT_WAIT_S

    @classmethod
    def from_env(cls) -> BatchSettings:
        def number(name: str, default: float) -> float:
            raw = os.environ.get(name)
            if raw is None or raw == "":
                return default
            try:
                value = float(raw)
            except ValueError:
                value = -1.0
            if not 0 <= value < float("inf"):
                raise BadInput(f"{name}={raw!r} is not a number of seconds; unset it or fix it")
            return value

        return cls(
            number("WRITER_BATCH_POLL_S", DEFAULT_POLL_S),
            number("WRITER_BATCH_WAIT_S", DEFAULT_WAIT_S),
        )


def request_hash(body: dict[str, Any]) -> str:
    """What identifies a request across runs: its body (model, messages, max_tokens)."""
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class _Request:
    custom_id: str
    body: dict[str, Any]
    sha: str
    done: threading.Event = field(default_factory=threading.Event)
    answer: Any = None  # the chat completion's JSON
    failure: llm.LineFailed | None = None

    def resolve(self, answer: Any = None, failure: llm.LineFailed | None = None) -> None:
        self.answer, self.failure = answer, failure
        self.done.set()


class Journal:
    """The batches a folder's runs submitted: one JSON file per batch (its requests' ids and
    hashes, its status, its results once downloaded) beside the JSONL it was sent."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        #: batch id -> entry: the folder read once per run, then kept up to date by `save`
        self._entries: dict[str, dict[str, Any]] | None = None

    def entries(self) -> dict[str, dict[str, Any]]:
        if self._entries is None:
            self._entries = {}
            paths = sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []
            for path in paths:
                try:
                    entry = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue  # a file that is not ours, or cut short: not evidence of a batch
                if isinstance(entry, dict) and entry.get("format") == _FORMAT:
                    self._entries[str(entry["batch_id"])] = entry
        return self._entries

    def save(self, entry: dict[str, Any]) -> None:
        name = _SAFE.sub("_", str(entry["batch_id"]))
        write_atomic(self.folder / f"{name}.json", json.dumps(entry, ensure_ascii=False) + "\n")
        self.entries()[str(entry["batch_id"])] = entry

    def keep_input(self, data: bytes) -> Path:
        """The JSONL as it is about to be sent (renamed to the batch's id once it has one)."""
        path = self.folder / f"pending-{hashlib.sha256(data).hexdigest()[:16]}.jsonl"
        write_atomic(path, data.decode("utf-8"))
        return path

    def name_input(self, pending: Path, batch_id: str) -> None:
        pending.replace(self.folder / f"{_SAFE.sub('_', batch_id)}.input.jsonl")


Say = Callable[[str], None]


class BatchRounds:
    """Collects the requests of every article's repair loop and sends each round as batches.

    Article threads call `requester(stem)`'s function and wait; `run` (the calling thread)
    sends a round when every live article waits, polls it, and hands each request its reply
    or a `LineFailed`.  Never raises for one request's fate: each gets an answer."""

    def __init__(self, client: Any, journal: Journal, settings: BatchSettings, say: Say) -> None:
        self.client = client
        self.journal = journal
        self.settings = settings
        self.say = say
        self._cond = threading.Condition()
        self._live = 0
        self._pending: list[_Request] = []
        self.rounds = 0
        self.submitted: list[str] = []

    def enter(self) -> None:
        """An article that may make requests (called before its thread starts, so that the
        first round waits for it)."""
        with self._cond:
            self._live += 1

    def leave(self) -> None:
        with self._cond:
            self._live -= 1
            self._cond.notify_all()

    def requester(self, stem: str) -> llm.Requester:
        """The function an article's drafter sends its requests through: the n-th request of
        an article is `stem#n` in every run, so a re-run finds it in the journal."""
        numbers = itertools.count(1)

        def request(model: str, messages: list[dict[str, str]], max_tokens: int) -> Any:
            body = {"model": model, "messages": messages, "max_tokens": max_tokens}
            pending = _Request(f"{stem}#{next(numbers)}", body, request_hash(body))
            with self._cond:
                self._pending.append(pending)
                self._cond.notify_all()
            pending.done.wait()
            if pending.failure is not None:
                raise pending.failure
            return llm.completion_from(pending.answer)

        return request

    def run(self) -> None:
        """Send rounds until no article is left; returns when every one has finished."""
        while True:
            with self._cond:
                while self._live and len(self._pending) < self._live:
                    self._cond.wait(timeout=1.0)
                if not self._live:
                    return
                batch, self._pending = self._pending, []
            self.rounds += 1
            self._answer(batch)

    # one round ---------------------------------------------------------------------

    def _answer(self, requests: list[_Request]) -> None:
        answered: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
        running: dict[tuple[str, str], str] = {}
        for entry in self.journal.entries().values():
            wanted = entry.get("requests") or {}
            results = entry.get("results")
            for cid, sha in wanted.items():
                if results is None:
                    running[(cid, sha)] = entry["batch_id"]
                elif _ok(results.get(cid)):
                    answered[(cid, sha)] = (entry["batch_id"], results[cid])
        watch: dict[str, list[_Request]] = {}
        new: list[_Request] = []
        for request in requests:
            key = (request.custom_id, request.sha)
            if key in answered:
                _resolve(request, answered[key][1], answered[key][0])
            elif key in running:
                watch.setdefault(running[key], []).append(request)
            else:
                new.append(request)
        resumed = sum(len(batch) for batch in watch.values())
        if resumed:
            self.say(f"round {self.rounds}: collecting {resumed} requests from earlier batches")
        chunks = list(_chunks(new))
        for i, chunk in enumerate(chunks):
            try:
                watch[self._submit(chunk)] = chunk
            except (llm.ClientError, OSError) as exc:
                failure = _control_failure("submitting a batch", exc, None)
                for request in (r for later in chunks[i:] for r in later):
                    request.resolve(failure=failure)
                break
        self._poll(watch)

    def _submit(self, requests: list[_Request]) -> str:
        lines = [
            json.dumps(
                {"custom_id": r.custom_id, "method": "POST", "url": ENDPOINT, "body": r.body},
                ensure_ascii=False,
            )
            for r in requests
        ]
        data = ("\n".join(lines) + "\n").encode("utf-8")
        pending = self.journal.keep_input(data)
        uploaded = self.client.files.create(file=(pending.name, data), purpose="batch")
        batch = self.client.batches.create(
            input_file_id=uploaded.id,
            endpoint=ENDPOINT,
            completion_window=COMPLETION_WINDOW,
            metadata={"made_by": "writer draft --batch", "round": str(self.rounds)},
        )
        self.journal.save(
            {
                "format": _FORMAT,
                "batch_id": batch.id,
                "input_file_id": uploaded.id,
                "submitted_at": int(time.time()),
                "requests": {r.custom_id: r.sha for r in requests},
                "status": batch.status,
                "results": None,
            }
        )
        self.journal.name_input(pending, batch.id)
        self.submitted.append(batch.id)
        self.say(f"round {self.rounds}: batch {batch.id} submitted, {len(requests)} requests")
        return str(batch.id)

    def _poll(self, watch: dict[str, list[_Request]]) -> None:
        deadline = time.monotonic() + self.settings.wait_s
        seen: dict[str, str] = {}
        while watch:
            for batch_id in list(watch):
                try:
                    batch = self.client.batches.retrieve(batch_id)
                    progress = _progress(batch)
                    if seen.get(batch_id) != progress:
                        seen[batch_id] = progress
                        self.say(f"batch {batch_id}: {progress}")
                    if batch.status in TERMINAL:
                        self._collect(batch, watch[batch_id])
                        del watch[batch_id]
                except (llm.ClientError, OSError, ValueError, TypeError, AttributeError) as exc:
                    # the provider's bookkeeping failed, or sent what is no batch or result
                    failure = _control_failure("collecting its results", exc, batch_id)
                    for request in watch.pop(batch_id):
                        if not request.done.is_set():
                            request.resolve(failure=failure)
            if not watch:
                return
            if time.monotonic() >= deadline:
                for batch_id, requests in watch.items():
                    failure = llm.LineFailed(
                        f"batch {batch_id} is still running after "
                        f"{self.settings.wait_s:g} s (WRITER_BATCH_WAIT_S); run the same "
                        "command again to collect it",
                        transient=False,
                    )
                    for request in requests:
                        request.resolve(failure=failure)
                return
            time.sleep(self.settings.poll_s)

    def _collect(self, batch: Any, requests: list[_Request]) -> None:
        results: dict[str, dict[str, Any]] = {}
        for file_id in (batch.output_file_id, batch.error_file_id):
            if file_id:
                text = self.client.files.content(file_id).text
                for line in text.splitlines():
                    row = json.loads(line) if line.strip() else None
                    if isinstance(row, dict) and isinstance(row.get("custom_id"), str):
                        results[row["custom_id"]] = row  # anything else answers nothing
        entry = self.journal.entries().get(batch.id) or {
            "format": _FORMAT,
            "batch_id": batch.id,
            "requests": {r.custom_id: r.sha for r in requests},
        }
        entry.update(status=batch.status, results=results, errors=_errors(batch))
        self.journal.save(entry)
        for request in requests:
            row = results.get(request.custom_id)
            if row is not None:
                _resolve(request, row, batch.id)
                continue
            why = {
                "failed": f"batch {batch.id} failed ({_errors(batch) or 'no reason given'})",
                "expired": f"batch {batch.id} expired before answering it",
                "cancelled": f"batch {batch.id} was cancelled before answering it",
            }.get(batch.status, f"batch {batch.id} has no answer for it")
            # a batch the provider refused will refuse the same requests again
            request.resolve(
                failure=llm.LineFailed(why, transient=batch.status in ("completed", "expired"))
            )


def _ok(row: Any) -> bool:
    return (
        isinstance(row, dict)
        and isinstance(row.get("response"), dict)
        and row["response"].get("status_code") == 200
    )


def _resolve(request: _Request, row: dict[str, Any], batch_id: str) -> None:
    """One output or error line: the completion, or why there is none."""
    response = row.get("response")
    if _ok(row):
        request.resolve(answer=response["body"])  # type: ignore[index]
        return
    if isinstance(response, dict):
        status = int(response.get("status_code") or 0)
        body = response.get("body")
        message = body.get("error", {}).get("message", "") if isinstance(body, dict) else ""
        request.resolve(
            failure=llm.LineFailed(
                f"HTTP {status} in batch {batch_id}" + (f": {message}" if message else ""),
                transient=llm.retryable_status(status),
            )
        )
        return
    error = row.get("error") if isinstance(row.get("error"), dict) else {}
    code = str(error.get("code") or "error")  # type: ignore[union-attr]
    message = str(error.get("message") or "")  # type: ignore[union-attr]
    request.resolve(
        failure=llm.LineFailed(
            f"{code} in batch {batch_id}" + (f": {message}" if message else ""),
            transient=code in RETRYABLE_CODES,
        )
    )


def _progress(batch: Any) -> str:
    counts = batch.request_counts
    if counts is None:
        return str(batch.status)
    return f"{batch.status}, {counts.completed + counts.failed}/{counts.total} answered"


def _errors(batch: Any) -> str:
    data = getattr(getattr(batch, "errors", None), "data", None) or []
    return "; ".join(
        f"{e.code}: {e.message}" + (f" (line {e.line})" if e.line else "") for e in data[:5]
    )


def _control_failure(doing: str, exc: BaseException, batch_id: str | None) -> llm.LineFailed:
    """The batch endpoints themselves failed (after the client's own retries)."""
    status = getattr(exc, "status_code", None)
    what = f"HTTP {status}" if status else f"{type(exc).__name__}: {exc}"
    again = (
        f"run the same command again to collect batch {batch_id}"
        if batch_id
        else "check OPENAI_BASE_URL and the key, then run the same command again"
    )
    return llm.LineFailed(f"the Batch API failed {doing} ({what}); {again}", transient=False)


def _chunks(requests: list[_Request]) -> Iterator[list[_Request]]:
    """At most `MAX_LINES` requests and about `MAX_BYTES` per batch."""
    chunk: list[_Request] = []
    size = 0
    for request in requests:
        line = len(json.dumps(request.body, ensure_ascii=False)) + 200
        if chunk and (len(chunk) >= MAX_LINES or size + line > MAX_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append(request)
        size += line
    if chunk:
        yield chunk
