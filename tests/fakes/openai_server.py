"""A small OpenAI-compatible Chat Completions server for tests and benchmarks.

It follows the documented protocol: Bearer auth, JSON error bodies ({"error": {message, type, code}}),
non-streaming responses, and streaming as server-sent events (`data: {chunk}` ... `data: [DONE]`) over
HTTP/1.1 chunked transfer, so a connection cut mid-stream looks to the client exactly like a real one.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.http import JSONHandler, LocalServer, StatefulServer

ERRORS: dict[str, tuple[int, str, str, str]] = {
    "bad_key": (401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
    "rate_limit": (429, "Rate limit reached for requests.", "requests", "rate_limit_exceeded"),
    "server_error": (500, "The server had an error while processing your request.", "server_error", "server_error"),
}


@dataclass
class ServerState:
    api_key: str = "sk-test-key"
    models: tuple[str, ...] = ("gpt-4o-mini", "gpt-4o")
    mode: str = "ok"  # ok | rate_limit | server_error | slow | break
    script_reply: str = "[Opener]\nHello Asha.\n[Close]\nThank you."
    json_reply: dict[str, Any] = field(default_factory=dict)
    token_delay_s: float = 0.0
    first_token_delay_s: float = 0.0
    slow_s: float = 5.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    first_token_sent_at: list[float] = field(default_factory=list)  # perf_counter, one per streamed response


class _Handler(JSONHandler):
    server: StatefulServer[ServerState]

    def _json(self, status: int, body: dict[str, Any]) -> None:
        self.send_json(status, body)

    def _error(self, status: int, message: str, kind: str, code: str | None) -> None:
        self._json(status, {"error": {"message": message, "type": kind, "param": None, "code": code}})

    def _chunk(self, payload: str) -> None:
        data = payload.encode()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def do_POST(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length", "0"))
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except json.JSONDecodeError:
            return self._error(400, "We could not parse the JSON body of your request.", "invalid_request_error", None)
        state.requests.append(
            {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
        )
        if not self.path.endswith("/chat/completions"):
            return self._error(404, f"Invalid URL (POST {self.path})", "invalid_request_error", None)
        if self.headers.get("Authorization") != f"Bearer {state.api_key}":
            return self._error(*ERRORS["bad_key"])
        if state.mode in ERRORS:
            return self._error(*ERRORS[state.mode])
        model = body.get("model")
        if model not in state.models:
            return self._error(404, f"The model `{model}` does not exist.", "invalid_request_error", "model_not_found")
        if state.mode == "slow":
            time.sleep(state.slow_s)
        content = json.dumps(state.json_reply) if body.get("response_format") else state.script_reply
        if body.get("stream"):
            return self._stream(model, content, body)
        self._json(
            200,
            {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
                ],
                "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
            },
        )

    def _stream(self, model: str, content: str, body: dict[str, Any]) -> None:
        state = self.server.state
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def event(delta: dict[str, Any], finish: str | None = None) -> None:
            chunk = {
                "id": "chatcmpl-test",
                "object": "chat.completion.chunk",
                "created": int(time.time()),
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            self._chunk(f"data: {json.dumps(chunk)}\n\n")

        event({"role": "assistant", "content": ""})
        tokens = re.findall(r"\s*\S+\s*?(?=\s|$)|\s+$", content) or [content]
        time.sleep(state.first_token_delay_s)
        for i, token in enumerate(tokens):
            if i == 0:
                state.first_token_sent_at.append(time.perf_counter())
            event({"content": token})
            if state.mode == "break" and i == len(tokens) // 2:
                self.wfile.write(b'40\r\ndata: {"id": "chatcmpl-test", "obj')  # cut inside a chunk
                self.wfile.flush()
                self.close_connection = True
                return
            if state.token_delay_s:
                time.sleep(state.token_delay_s)
        event({}, "stop")
        if (body.get("stream_options") or {}).get("include_usage"):
            usage = {"prompt_tokens": 10, "completion_tokens": len(tokens), "total_tokens": 10 + len(tokens)}
            chunk = {
                "id": "chatcmpl-test",
                "object": "chat.completion.chunk",
                "model": model,
                "choices": [],
                "usage": usage,
            }
            self._chunk(f"data: {json.dumps(chunk)}\n\n")
        self._chunk("data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


class OpenAICompatibleServer(LocalServer[ServerState]):
    """The Chat Completions server on a free loopback port."""

    def __init__(self, state: ServerState | None = None) -> None:
        super().__init__(_Handler, state or ServerState())

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    def __enter__(self) -> OpenAICompatibleServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
