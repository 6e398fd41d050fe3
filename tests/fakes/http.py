"""Plumbing shared by the local test servers: a threaded loopback server with state, and JSON replies."""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Generic, TypeVar

S = TypeVar("S")


class StatefulServer(ThreadingHTTPServer, Generic[S]):
    daemon_threads = True
    # socketserver listens with a backlog of 5: a burst of simultaneous clients (as many app servers dialling at
    # once) would see connections reset, which no real service behind a proper listener does.
    request_queue_size = 128

    def __init__(self, handler: type[BaseHTTPRequestHandler], state: S) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.state = state

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionResetError | BrokenPipeError):
            return  # a client closing its keep-alive connection, or giving up on a slow answer
        super().handle_error(request, client_address)


class JSONHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # as real servers do: no 40 ms stalls between headers and body

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def read_json(self) -> Any:
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length) if length else b""
        return json.loads(raw) if raw else {}

    def send_json(self, status: int, body: Any) -> None:
        self.send_raw(status, json.dumps(body).encode(), "application/json")

    def send_raw(self, status: int, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class LocalServer(Generic[S]):
    """Runs a handler on a free loopback port in a background thread, as a context manager."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], state: S) -> None:
        self.state = state
        self._server: StatefulServer[S] = StatefulServer(handler, state)
        # stop() waits for serve_forever to look up from its poll: every 0.05 s, not the default 0.5 s
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
