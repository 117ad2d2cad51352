"""A scripted OpenAI-compatible chat server on a real 127.0.0.1 socket.

Why a real server and not a mock: the `openai` client's own code (request building,
retries with backoff, timeouts, error mapping, response parsing) is what must work against
a real endpoint, so tests and the benchmark drive it over HTTP.  Each POST to
`/v1/chat/completions` takes the next scripted `Reply` from a queue (or the default one)
and is recorded with its JSON body and headers.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    """One scripted answer: article text (status 200), or an HTTP error, after a delay."""

    text: str | None = None
    status: int = 200
    delay: float = 0.0
    #: seconds between bytes of the body: a server that trickles its answer
    trickle: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    raw: str | None = None  # a body sent as is (for malformed answers)
    finish_reason: str = "stop"

    def body(self, model: str) -> bytes:
        if self.raw is not None:
            return self.raw.encode()
        if self.status != 200:
            return json.dumps(
                {
                    "error": {
                        "message": f"scripted HTTP {self.status}",
                        "type": "scripted",
                        "code": str(self.status),
                    }
                }
            ).encode()
        text = self.text or ""
        return json.dumps(
            {
                "id": "chatcmpl-scripted",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": self.finish_reason,
                        "message": {"role": "assistant", "content": text},
                    }
                ],
                "usage": {
                    "prompt_tokens": 1000,
                    "completion_tokens": len(text.split()),
                    "total_tokens": 1000 + len(text.split()),
                },
            }
        ).encode()


@dataclass(frozen=True)
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    #: when it arrived (`time.perf_counter()`): the benchmark's timeline of a run
    at: float = field(default_factory=time.perf_counter)

    @property
    def messages(self) -> list[dict[str, str]]:
        return list(self.body.get("messages", []))

    @property
    def last_user(self) -> str:
        return [m for m in self.messages if m["role"] == "user"][-1]["content"]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the benchmark opens many connections at once


Responder = Callable[[dict[str, Any]], Reply]


class LLMServer:
    """Start with `serve()`; `enqueue` replies; read `requests` afterwards.

    Replies come from the queue first, then from `responder` (which sees the request body:
    the benchmark answers each article's request with that article), then `default`.
    """

    def __init__(self, default: Reply | None = None, responder: Responder | None = None) -> None:
        self.default = default
        self.responder = responder
        self.queue: deque[Reply] = deque()
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def enqueue(self, *replies: Reply) -> None:
        with self._lock:
            self.queue.extend(replies)

    def _next(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            if self.queue:
                return self.queue.popleft()
        if self.responder is not None:
            return self.responder(body)
        return self.default or Reply(status=500, raw='{"error": {"message": "no reply queued"}}')

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                body = json.loads(raw) if raw else {}
                with server._lock:
                    headers = {k.lower(): v for k, v in self.headers.items()}
                    server.requests.append(Recorded(self.path, headers, body))
                reply = server._next(body)
                if reply.delay and server._stopping.wait(reply.delay):
                    return
                payload = reply.body(str(body.get("model", "scripted")))
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    if not reply.trickle:
                        self.wfile.write(payload)
                    for i in range(len(payload) if reply.trickle else 0):
                        self.wfile.write(payload[i : i + 1])
                        self.wfile.flush()
                        if server._stopping.wait(reply.trickle):
                            return
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to answer

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: tests read `requests`, not the access log."""

        return Handler

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


@contextmanager
def serve(default: Reply | None = None, responder: Responder | None = None) -> Iterator[LLMServer]:
    server = LLMServer(default, responder)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
