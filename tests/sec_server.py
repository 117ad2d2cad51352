"""The recorded SEC answers of `fixtures/sec/` served on a real 127.0.0.1 socket.

Why a real server: `SecFundamentals`' own HTTP code (httpx, its timeouts, status codes,
the identity header) is what must work against the SEC, so tests drive it over HTTP.  Each
GET is recorded with its path and User-Agent; `status`, `body` and `delay` script a broken
SEC (an error status, garbage, a hang).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sec"


@dataclass
class SecServer:
    url: str = ""
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, User-Agent)
    status: int | None = None  # answer every request with this status
    body: bytes | None = None  # answer every request with this body
    delay: float = 0.0

    @property
    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


@contextmanager
def sec_server(root: Path = FIXTURES) -> Iterator[SecServer]:
    state = SecServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append((self.path, self.headers.get("User-Agent", "")))
            time.sleep(state.delay)
            target = (root / self.path.lstrip("/")).resolve()
            if state.body is not None or state.status is not None:
                status, body = state.status or 200, state.body or b"{}"
            elif root in target.parents and target.is_file():
                status, body = 200, target.read_bytes()
            else:
                status, body = 404, b'{"message": "Not Found"}'
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)  # unless the client gave up (a timeout test)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
