"""A scripted OpenAI-compatible Batch API server (files + batches) on a real 127.0.0.1 socket.

Why a real server and not a mock: a batch engine lives or dies by what the `openai` client
really sends and parses — multipart uploads, the Batch object's lifecycle, the JSONL it
downloads, retries on 429/5xx — so tests drive the client's own code over HTTP, as
`tests/llm_server.py` does for chat completions.

What it models, and why each part matters to a client:

* `POST /v1/files` (multipart) stores a file; `GET /v1/files/{id}`, `.../content` and
  `DELETE` serve it back, so a client's upload and download paths both run.
* `POST /v1/batches` creates a batch in `validating`.  Each `GET /v1/batches/{id}` is one
  step of its life — `in_progress` (with a growing share of lines answered), `finalizing`,
  then a terminal state — after `polls_to_complete` polls, so a polling loop is exercised
  without sleeping.  Validation errors in the input file surface the way the real API
  reports them: a *created* batch that later turns `failed` with `errors.data` entries.
* Every request line is answered by a `Reply` (queue, then `responder`, then `default`,
  exactly like `LLMServer`), and the output/error files are written in the real API's line
  shapes, in *reversed* input order: the API does not promise order, and a client that
  relies on it must break here rather than in production.
* Failure modes a test switches on: per-line errors (`line_errors`), HTTP errors per line
  (a `Reply` with a non-200 status), expiry after N lines, whole-batch failure, injected
  429/500 answers (`fail_next`), and bearer-token checks (401).

Everything that arrives is recorded in `requests` (as `Call`), and the stored `files` and
`batches` are open to the test.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import parse_qsl, urlsplit

from .llm_server import Reply, Responder

__all__ = [
    "BatchServer",
    "Call",
    "Failure",
    "StoredBatch",
    "StoredFile",
    "serve",
]

#: statuses after which a batch never changes again
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
#: the endpoints this server can answer lines for (the real API supports more)
ENDPOINTS = frozenset({"/v1/chat/completions"})
#: the real API's limit of requests per batch
MAX_TASKS = 50_000


@dataclass(frozen=True)
class Failure:
    """A code and message: a line that fails outright (error file, `response: null`), or the
    reason a whole batch ends `failed` (`errors.data`)."""

    code: str = "server_error"
    message: str = "The server had an error while processing this request."


@dataclass
class Call:
    """One HTTP request as it arrived, and the status it was answered with.

    `body` is the parsed JSON body (None when there was none or it was not JSON); a
    multipart upload's text fields are in `form` and its file parts in `uploads`
    (field name -> (filename, bytes)).
    """

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: dict[str, Any] | None = None
    form: dict[str, str] = field(default_factory=dict)
    uploads: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    #: the HTTP status the server answered with (0 until it has answered)
    status: int = 0
    #: when it arrived (`time.perf_counter()`), like `Recorded.at`
    at: float = field(default_factory=time.perf_counter)


@dataclass
class StoredFile:
    """An uploaded file, or an output/error file the server wrote for a batch."""

    id: str
    filename: str
    purpose: str
    content: bytes
    created_at: int = field(default_factory=lambda: int(time.time()))

    def lines(self) -> list[dict[str, Any]]:
        """The file as JSONL: one parsed object per non-empty line."""
        return [json.loads(line) for line in self.content.splitlines() if line.strip()]

    def object(self) -> dict[str, Any]:
        """The FileObject JSON the API answers with."""
        return {
            "id": self.id,
            "object": "file",
            "bytes": len(self.content),
            "created_at": self.created_at,
            "filename": self.filename,
            "purpose": self.purpose,
            "status": "processed",
            "expires_at": None,
            "status_details": None,
        }


@dataclass
class StoredBatch:
    """One batch: what was asked, the fate fixed at creation, and what has been answered.

    The fate (`polls_to_complete`, `expire_after`, `fail_with`) is copied from the server
    when the batch is created, so changing the server's settings later affects only new
    batches: a test's outcome cannot depend on when it flips a switch.
    """

    id: str
    input_file_id: str
    endpoint: str
    completion_window: str
    metadata: dict[str, str] | None
    polls_to_complete: int
    expire_after: int | None
    fail_with: Failure | None
    #: the input file's request lines (empty when validation failed)
    lines: list[dict[str, Any]] = field(default_factory=list)
    #: validation errors (`errors.data` entries); any makes the batch end `failed`
    validation_errors: list[dict[str, Any]] = field(default_factory=list)
    model: str | None = None
    status: str = "validating"
    #: how many times the batch has been advanced (once per GET /v1/batches/{id})
    steps: int = 0
    #: answered lines, in input order: (custom_id, output line, goes to the error file)
    answered: list[tuple[str, dict[str, Any], bool]] = field(default_factory=list)
    #: lines left unanswered at expiry, as error-file lines
    expired: list[dict[str, Any]] = field(default_factory=list)
    output_file_id: str | None = None
    error_file_id: str | None = None
    created_at: int = field(default_factory=lambda: int(time.time()))
    times: dict[str, int] = field(default_factory=dict)
    usage: dict[str, Any] | None = None

    @property
    def output_lines(self) -> list[dict[str, Any]]:
        """Lines bound for the output file, in the (reversed) order they are written."""
        return [line for _, line, to_error in reversed(self.answered) if not to_error]

    @property
    def error_lines(self) -> list[dict[str, Any]]:
        """Lines bound for the error file, in the (reversed) order they are written."""
        failed = [line for _, line, to_error in reversed(self.answered) if to_error]
        return failed + list(reversed(self.expired))

    def request_counts(self) -> dict[str, int]:
        """A line counts as failed when it errored or its response is not a 200, wherever
        `http_errors_to` put it."""
        ok = sum(1 for _, line, _ in self.answered if _succeeded(line))
        failed = len(self.answered) - ok + len(self.expired)
        return {"total": len(self.lines), "completed": ok, "failed": failed}

    def object(self) -> dict[str, Any]:
        """The Batch JSON the API answers with: every field of the openai `Batch` model."""
        errors: list[dict[str, Any]] = list(self.validation_errors)
        if self.status == "failed" and self.fail_with is not None and not errors:
            errors = [
                {
                    "code": self.fail_with.code,
                    "message": self.fail_with.message,
                    "param": None,
                    "line": None,
                }
            ]
        return {
            "id": self.id,
            "object": "batch",
            "endpoint": self.endpoint,
            "model": self.model,
            "errors": {"object": "list", "data": errors} if errors else None,
            "input_file_id": self.input_file_id,
            "completion_window": self.completion_window,
            "status": self.status,
            "output_file_id": self.output_file_id,
            "error_file_id": self.error_file_id,
            "created_at": self.created_at,
            "in_progress_at": self.times.get("in_progress_at"),
            "expires_at": self.created_at + 24 * 3600,
            "finalizing_at": self.times.get("finalizing_at"),
            "completed_at": self.times.get("completed_at"),
            "failed_at": self.times.get("failed_at"),
            "expired_at": self.times.get("expired_at"),
            "cancelling_at": self.times.get("cancelling_at"),
            "cancelled_at": self.times.get("cancelled_at"),
            "request_counts": self.request_counts(),
            "usage": self.usage,
            "metadata": self.metadata,
        }


def _succeeded(line: Mapping[str, Any]) -> bool:
    response = line.get("response")
    return (
        line.get("error") is None
        and isinstance(response, dict)
        and (response.get("status_code") == 200)
    )


class _HTTPError(Exception):
    """Answer the current request with an OpenAI-style error body."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.headers = dict(headers or {})
        self.payload = {"error": {"message": message, "type": type, "param": param, "code": code}}


class _Server(ThreadingHTTPServer):
    daemon_threads = True


_FILE = re.compile(r"^/v1/files/(?P<id>[^/]+)(?P<content>/content)?$")
_BATCH = re.compile(r"^/v1/batches/(?P<id>[^/]+)(?P<cancel>/cancel)?$")


class BatchServer:
    """Start with `serve()`; drive it with the `openai` client; read `requests`, `files`
    and `batches` afterwards.

    Each request line is answered, when the batch reaches it, by the next queued `Reply`,
    else `responder(line["body"])`, else `default` (else an HTTP 500 line).  Options (all
    also plain attributes a test may change between batches):

    * `polls_to_complete`: polls of `GET /v1/batches/{id}` until the batch is terminal
      (0: already terminal in the create response).  With N polls: polls before the last are
      `in_progress` (the k-th has answered floor(total*k/N) lines), except that the
      next-to-last is `finalizing` (everything answered) when N >= 3.
    * `api_key`: the one bearer token accepted; None accepts any `Bearer <token>`; requests
      without one get 401 either way.
    * `line_errors`: custom_id -> `Failure`; that line goes to the error file with
      `response: null`.
    * `expire_after`: the batch ends `expired` after answering only its first N lines; the
      rest go to the error file with code `batch_expired`.
    * `fail_batches`: every batch (that passed validation) ends `failed` with this error.
    * `http_errors_to`: where a line whose `Reply` is non-200 goes.  "error" (the default)
      is what the real API does today: the error file, with `response.status_code` set and
      `error: null` (see openai/openai-openapi#302); "output" puts it in the output file
      instead, as some OpenAI-compatible servers do, so a client can be shown to read
      both files rather than trusting either one.
    * `retry_after_ms`: sent as `retry-after-ms` with answers injected by `fail_next`, so
      the client's retries take milliseconds; None sends no hint (the client backs off
      about 0.5 s, 1 s, ...).
    """

    def __init__(
        self,
        responder: Responder | None = None,
        default: Reply | None = None,
        *,
        polls_to_complete: int = 2,
        api_key: str | None = None,
        line_errors: Mapping[str, Failure] | None = None,
        expire_after: int | None = None,
        fail_batches: Failure | None = None,
        http_errors_to: Literal["error", "output"] = "error",
        retry_after_ms: int | None = 1,
    ) -> None:
        self.responder = responder
        self.default = default
        self.polls_to_complete = polls_to_complete
        self.api_key = api_key
        self.line_errors: dict[str, Failure] = dict(line_errors or {})
        self.expire_after = expire_after
        self.fail_batches = fail_batches
        self.http_errors_to: Literal["error", "output"] = http_errors_to
        self.retry_after_ms = retry_after_ms
        self.queue: deque[Reply] = deque()
        self.requests: list[Call] = []
        self.files: dict[str, StoredFile] = {}
        self.batches: dict[str, StoredBatch] = {}
        #: every chat-completions body a line was answered for, in the order answered
        self.answered_bodies: list[dict[str, Any]] = []
        self._faults: deque[tuple[str, int]] = deque()
        self._ids = itertools.count(1)
        self._lock = threading.RLock()
        self._httpd = _Server(("127.0.0.1", 0), self._handler())
        # a short poll interval: `stop()` waits for it, and every test stops a server
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # --- what tests call --------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def enqueue(self, *replies: Reply) -> None:
        """Replies for the next lines answered, before `responder` is asked."""
        with self._lock:
            self.queue.extend(replies)

    def fail_next(self, count: int, status: int = 429, path: str = "/v1/files") -> None:
        """Answer the next `count` requests whose path starts with `path` with `status`
        (429 or 5xx exercise the client's retries) instead of handling them."""
        with self._lock:
            self._faults.extend((path, status) for _ in range(count))

    def calls(self, method: str | None = None, path: str | None = None) -> list[Call]:
        """Recorded requests, filtered by method and path prefix."""
        with self._lock:
            return [
                c
                for c in self.requests
                if (method is None or c.method == method)
                and (path is None or c.path.startswith(path))
            ]

    def file_lines(self, file_id: str | None) -> list[dict[str, Any]]:
        """A stored file's JSONL lines ([] for None, so `batch.error_file_id` can be passed
        as is)."""
        if file_id is None:
            return []
        with self._lock:
            return self.files[file_id].lines()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    # --- the batch lifecycle ----------------------------------------------------------------

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):06d}"

    def _store(self, filename: str, purpose: str, content: bytes) -> StoredFile:
        stored = StoredFile(self._new_id("file-"), filename, purpose, content)
        self.files[stored.id] = stored
        return stored

    def _reply(self, body: dict[str, Any]) -> Reply:
        if self.queue:
            return self.queue.popleft()
        if self.responder is not None:
            return self.responder(body)
        return self.default or Reply(status=500)

    def _answer(self, batch: StoredBatch, upto: int) -> None:
        """Answer the batch's lines (in input order) until `upto` of them are answered."""
        while len(batch.answered) < min(upto, len(batch.lines)):
            index = len(batch.answered)
            line = batch.lines[index]
            custom_id: str = line["custom_id"]
            base = {"id": f"batch_req_{batch.id[len('batch_') :]}_{index:05d}"}
            failure = self.line_errors.get(custom_id)
            if failure is not None:
                error = {"code": failure.code, "message": failure.message}
                out = {**base, "custom_id": custom_id, "response": None, "error": error}
                batch.answered.append((custom_id, out, True))
                continue
            body: dict[str, Any] = line["body"]
            self.answered_bodies.append(body)
            reply = self._reply(body)
            raw = reply.body(str(body.get("model", "scripted")))
            try:
                parsed: Any = json.loads(raw)
            except ValueError:
                parsed = raw.decode(errors="replace")
            response = {
                "status_code": reply.status,
                "request_id": f"req_{batch.id[len('batch_') :]}{index:05d}",
                "body": parsed,
            }
            out = {**base, "custom_id": custom_id, "response": response, "error": None}
            to_error = reply.status != 200 and self.http_errors_to == "error"
            batch.answered.append((custom_id, out, to_error))

    def _finish(self, batch: StoredBatch, status: str) -> None:
        """Enter a terminal state and write the output and error files."""
        now = int(time.time())
        if status == "expired":
            for index in range(len(batch.answered), len(batch.lines)):
                batch.expired.append(
                    {
                        "id": f"batch_req_{batch.id[len('batch_') :]}_{index:05d}",
                        "custom_id": batch.lines[index]["custom_id"],
                        "response": None,
                        "error": {
                            "code": "batch_expired",
                            "message": "This request could not be executed before the "
                            "completion window expired.",
                        },
                    }
                )
        batch.status = status
        batch.times[f"{status}_at"] = now
        if status == "failed":
            return
        for lines, purpose_name in ((batch.output_lines, "output"), (batch.error_lines, "error")):
            if not lines:
                continue
            content = b"".join(json.dumps(line).encode() + b"\n" for line in lines)
            stored = self._store(f"{batch.id}_{purpose_name}.jsonl", "batch_output", content)
            if purpose_name == "output":
                batch.output_file_id = stored.id
            else:
                batch.error_file_id = stored.id
        batch.usage = _usage(batch.output_lines + batch.error_lines)

    def _advance(self, batch: StoredBatch) -> None:
        """One step of the batch's life: what one poll of `GET /v1/batches/{id}` sees."""
        if batch.status in TERMINAL:
            return
        batch.steps += 1
        now = int(time.time())
        if batch.status == "cancelling":
            self._finish(batch, "cancelled")
            return
        if batch.status == "validating":
            if batch.validation_errors or batch.fail_with is not None:
                self._finish(batch, "failed")
                return
            batch.status = "in_progress"
            batch.times["in_progress_at"] = now
        total = len(batch.lines)
        limit = total if batch.expire_after is None else min(total, batch.expire_after)
        last = max(batch.polls_to_complete, 1)
        if batch.steps >= last:
            self._answer(batch, limit)
            self._finish(batch, "completed" if limit == total else "expired")
        elif last >= 3 and batch.steps == last - 1:
            self._answer(batch, limit)
            batch.status = "finalizing"
            batch.times["finalizing_at"] = now
        else:
            self._answer(batch, min(limit, total * batch.steps // last))

    # --- endpoints --------------------------------------------------------------------------

    def _create_file(self, call: Call) -> dict[str, Any]:
        purpose = call.form.get("purpose")
        upload = call.uploads.get("file")
        if upload is None:
            raise _HTTPError(400, "Missing file.", param="file")
        if not purpose:
            raise _HTTPError(400, "Missing purpose.", param="purpose")
        return self._store(upload[0], purpose, upload[1]).object()

    def _file(self, file_id: str) -> StoredFile:
        stored = self.files.get(file_id)
        if stored is None:
            raise _HTTPError(404, f"No such File object: {file_id}", param="id")
        return stored

    def _batch(self, batch_id: str) -> StoredBatch:
        batch = self.batches.get(batch_id)
        if batch is None:
            raise _HTTPError(404, f"No batch found with id '{batch_id}'.", param="batch_id")
        return batch

    def _create_batch(self, call: Call) -> dict[str, Any]:
        body = call.body or {}
        endpoint = body.get("endpoint")
        if body.get("completion_window") != "24h":
            raise _HTTPError(400, "completion_window must be '24h'.", param="completion_window")
        if endpoint not in ENDPOINTS:
            raise _HTTPError(
                400, f"This test server answers only {sorted(ENDPOINTS)}.", param="endpoint"
            )
        file_id = body.get("input_file_id")
        if not isinstance(file_id, str):
            raise _HTTPError(400, "Missing input_file_id.", param="input_file_id")
        stored = self._file(file_id)
        if stored.purpose != "batch":
            raise _HTTPError(
                400,
                f"The input file must be uploaded with purpose 'batch', not '{stored.purpose}'.",
                param="input_file_id",
            )
        metadata = body.get("metadata")
        batch = StoredBatch(
            id=self._new_id("batch_"),
            input_file_id=file_id,
            endpoint=str(endpoint),
            completion_window="24h",
            metadata=metadata if isinstance(metadata, dict) else None,
            polls_to_complete=self.polls_to_complete,
            expire_after=self.expire_after,
            fail_with=self.fail_batches,
        )
        lines, errors = _validate(stored.content, batch.endpoint)
        if errors:
            batch.validation_errors = errors
        else:
            batch.lines = lines
            batch.model = str(lines[0]["body"]["model"])
        self.batches[batch.id] = batch
        if batch.polls_to_complete <= 0:
            while batch.status not in TERMINAL:
                self._advance(batch)
        return batch.object()

    def _cancel(self, batch: StoredBatch) -> dict[str, Any]:
        if batch.status in TERMINAL:
            raise _HTTPError(400, f"Cannot cancel a batch with status '{batch.status}'.")
        if batch.status != "cancelling":
            batch.status = "cancelling"
            batch.times["cancelling_at"] = int(time.time())
        return batch.object()

    def _list_batches(self, query: Mapping[str, str]) -> dict[str, Any]:
        """Newest first, paged by `after` and `limit` as the real API does."""
        ordered = sorted(self.batches.values(), key=lambda b: b.id, reverse=True)
        after = query.get("after")
        if after is not None:
            ids = [b.id for b in ordered]
            ordered = ordered[ids.index(after) + 1 :] if after in ids else []
        limit = int(query.get("limit", "20"))
        page = [b.object() for b in ordered[:limit]]
        return {
            "object": "list",
            "data": page,
            "first_id": page[0]["id"] if page else None,
            "last_id": page[-1]["id"] if page else None,
            "has_more": len(ordered) > limit,
        }

    def _route(self, call: Call) -> tuple[int, bytes, str]:
        """Handle one authorized request: (status, payload, content type)."""
        method, path = call.method, call.path
        match_file = _FILE.match(path)
        match_batch = _BATCH.match(path)
        result: dict[str, Any]
        if method == "POST" and path == "/v1/files":
            result = self._create_file(call)
        elif method == "GET" and path == "/v1/files":
            data = [f.object() for f in self.files.values()]
            result = {"object": "list", "data": data, "has_more": False}
        elif match_file and method == "GET" and match_file["content"]:
            return 200, self._file(match_file["id"]).content, "application/octet-stream"
        elif match_file and method == "GET":
            result = self._file(match_file["id"]).object()
        elif match_file and method == "DELETE" and not match_file["content"]:
            file_id = self._file(match_file["id"]).id
            del self.files[file_id]
            result = {"id": file_id, "object": "file", "deleted": True}
        elif method == "POST" and path == "/v1/batches":
            result = self._create_batch(call)
        elif method == "GET" and path == "/v1/batches":
            result = self._list_batches(call.query)
        elif match_batch and method == "POST" and match_batch["cancel"]:
            result = self._cancel(self._batch(match_batch["id"]))
        elif match_batch and method == "GET" and not match_batch["cancel"]:
            batch = self._batch(match_batch["id"])
            self._advance(batch)
            result = batch.object()
        else:
            raise _HTTPError(404, f"Invalid URL ({method} {path})")
        return 200, json.dumps(result).encode(), "application/json"

    def _authorize(self, call: Call) -> None:
        auth = call.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _HTTPError(
                401,
                "You didn't provide an API key. You need to provide your API key in an "
                "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            )
        if self.api_key is not None and token.strip() != self.api_key:
            raise _HTTPError(401, "Incorrect API key provided.", code="invalid_api_key", param=None)

    def _fault(self, call: Call) -> None:
        for index, (prefix, status) in enumerate(self._faults):
            if call.path.startswith(prefix):
                del self._faults[index]
                headers = {}
                if self.retry_after_ms is not None:
                    headers["retry-after-ms"] = str(self.retry_after_ms)
                if status == 429:
                    raise _HTTPError(
                        429,
                        "Rate limit reached for requests (injected by the test server).",
                        type="requests",
                        code="rate_limit_exceeded",
                        headers=headers,
                    )
                raise _HTTPError(
                    status,
                    "The server had an error while processing your request (injected).",
                    type="server_error",
                    headers=headers,
                )

    def handle(self, call: Call) -> tuple[int, bytes, str, dict[str, str]]:
        """Record, authorize, maybe fault, route: (status, payload, content type, headers)."""
        with self._lock:
            self.requests.append(call)
            try:
                if call.body is None and call.headers.get("content-type", "").startswith(
                    "application/json"
                ):
                    raise _HTTPError(400, "We could not parse the JSON body of your request.")
                self._authorize(call)
                self._fault(call)
                status, payload, content_type = self._route(call)
                headers: dict[str, str] = {}
            except _HTTPError as err:
                status, payload = err.status, json.dumps(err.payload).encode()
                content_type, headers = "application/json", err.headers
            call.status = status
            headers["x-request-id"] = f"req_http_{len(self.requests):06d}"
            return status, payload, content_type, headers

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                call = _parse(self)
                status, payload, content_type, headers = server.handle(call)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(payload)))
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up: nothing to answer

            do_GET = do_POST = do_DELETE = _any

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: tests read `requests`, not the access log."""

        return Handler


def _parse(handler: BaseHTTPRequestHandler) -> Call:
    """Read one request into a `Call`: JSON body, or multipart form fields and files."""
    length = int(handler.headers.get("Content-Length") or 0)
    raw = handler.rfile.read(length) if length else b""
    headers = {k.lower(): v for k, v in handler.headers.items()}
    parts = urlsplit(handler.path)
    call = Call(handler.command, parts.path, dict(parse_qsl(parts.query)), headers)
    content_type = headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        call.form, call.uploads = _multipart(content_type, raw)
    elif raw:
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = None
        call.body = parsed if isinstance(parsed, dict) else None
    elif content_type.startswith("application/json"):
        call.body = {}
    return call


def _multipart(
    content_type: str, raw: bytes
) -> tuple[dict[str, str], dict[str, tuple[str, bytes]]]:
    """Split a multipart/form-data body with the standard library's MIME parser (`cgi` is
    deprecated): text fields, and file fields as (filename, bytes) exactly as sent."""
    message = BytesParser(policy=policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + raw
    )
    form: dict[str, str] = {}
    uploads: dict[str, tuple[str, bytes]] = {}
    if not message.is_multipart():
        return form, uploads
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is not None:
            uploads[name] = (filename, data)
        else:
            form[name] = data.decode("utf-8", errors="replace")
    return form, uploads


def _error(code: str, message: str, line: int | None, param: str | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "param": param, "line": line}


def _validate(content: bytes, endpoint: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Check an input file the way the real API does before running it: the request lines,
    and `errors.data` entries (code, message, param, 1-based line) for whatever is wrong."""
    text = content.decode("utf-8", errors="replace")
    rows = text.split("\n")
    if rows and rows[-1] == "":
        rows.pop()  # the newline that ends the last line
    if not rows:
        return [], [_error("empty_file", "The input file is empty.", None)]
    if len(rows) > MAX_TASKS:
        message = f"The input file has {len(rows)} requests; the limit is {MAX_TASKS}."
        return [], [_error("too_many_tasks", message, None)]
    lines: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    seen: set[str] = set()
    model: str | None = None
    for number, row in enumerate(rows, start=1):
        try:
            line = json.loads(row)
        except ValueError:
            line = None
        if not isinstance(line, dict):
            errors.append(
                _error("invalid_json_line", "This line is not parseable as valid JSON.", number)
            )
            continue
        custom_id = line.get("custom_id")
        body = line.get("body")
        if not isinstance(custom_id, str) or not custom_id:
            errors.append(
                _error(
                    "missing_required_parameter",
                    "Missing required parameter: 'custom_id'.",
                    number,
                    "custom_id",
                )
            )
        elif custom_id in seen:
            errors.append(
                _error(
                    "duplicate_custom_id",
                    f"The custom_id '{custom_id}' is used by more than one request.",
                    number,
                    "custom_id",
                )
            )
        else:
            seen.add(custom_id)
        if line.get("method") != "POST":
            message = f"The method must be 'POST', not {line.get('method')!r}."
            errors.append(_error("invalid_request", message, number, "method"))
        if line.get("url") != endpoint:
            message = (
                f"The URL provided for this request does not match the batch endpoint {endpoint!r}."
            )
            errors.append(_error("url_mismatch", message, number, "url"))
        if not isinstance(body, dict) or not isinstance(body.get("model"), str):
            message = "Missing required parameter: 'body.model'."
            errors.append(_error("missing_required_parameter", message, number, "body.model"))
        elif model is None:
            model = body["model"]
        elif body["model"] != model:
            message = f"All requests in a batch must use the same model ({model!r})."
            errors.append(_error("model_mismatch", message, number, "body.model"))
        lines.append(line)
    return lines, errors


def _usage(lines: list[dict[str, Any]]) -> dict[str, Any]:
    """Token totals over the answered chat completions, in the Batch `usage` shape."""
    prompt = completion = 0
    for line in lines:
        response = line.get("response") or {}
        body = response.get("body")
        usage = body.get("usage") if isinstance(body, dict) else None
        if isinstance(usage, dict):
            prompt += int(usage.get("prompt_tokens", 0))
            completion += int(usage.get("completion_tokens", 0))
    return {
        "input_tokens": prompt,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": completion,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": prompt + completion,
    }


@contextmanager
def serve(
    responder: Responder | None = None,
    default: Reply | None = None,
    *,
    polls_to_complete: int = 2,
    api_key: str | None = None,
    line_errors: Mapping[str, Failure] | None = None,
    expire_after: int | None = None,
    fail_batches: Failure | None = None,
    http_errors_to: Literal["error", "output"] = "error",
    retry_after_ms: int | None = 1,
) -> Iterator[BatchServer]:
    """A started `BatchServer` for the `with` block (options as in `BatchServer`)."""
    server = BatchServer(
        responder,
        default,
        polls_to_complete=polls_to_complete,
        api_key=api_key,
        line_errors=line_errors,
        expire_after=expire_after,
        fail_batches=fail_batches,
        http_errors_to=http_errors_to,
        retry_after_ms=retry_after_ms,
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()
