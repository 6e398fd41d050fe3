"""A small OpenAI-compatible Chat Completions server for tests and benchmarks, as strict as OpenAI where we rely on it.

It follows the documented protocol (https://platform.openai.com/docs/api-reference/chat/create): Bearer auth,
JSON error bodies ({"error": {message, type, param, code}}), non-streaming responses, and streaming as server-sent
events (`data: {chunk}` ... `data: [DONE]`) over HTTP/1.1 chunked transfer, so a connection cut mid-stream looks to
the client exactly like a real one.

Structured outputs follow https://platform.openai.com/docs/guides/structured-outputs#supported-schemas: a
`response_format` of type `json_schema` with `strict: true` whose schema breaks the strict rules is refused with
OpenAI's 400 (`invalid_request_error`, param `response_format`). The messages for `default`, a property missing from
`required` and a missing `additionalProperties: false` are worded as OpenAI words them in public error reports; the
other rules follow the same pattern. What a strict request gets back conforms to its schema, as OpenAI guarantees;
a `json_reply` that does not is a mistake in the test and is answered with a 500 naming it.

`structured` makes the server behave like one kind of OpenAI-compatible server towards `response_format`:
- "json_schema" (default): OpenAI, recent vLLM, Ollama and llama.cpp's llama-server accept every type.
- "llama_cpp_python": llama-cpp-python's server (FastAPI) refuses `json_schema` before the model runs with a 422
  validation error whose message is "Input should be 'text' or 'json_object'"; `json_object` (with its optional
  `schema` extension) and text work.
- "old_llama_server": older llama.cpp servers answer 500 `response_format type must be one of "text" or
  "json_object", but got: json_schema` (https://github.com/ggml-org/llama.cpp/pull/9527).
- "text_only": any `response_format` is refused (400, param `response_format`); answers are plain text.
`fence` wraps a JSON answer in a ```json code fence (small models do); `invalid_replies` answers that many JSON
requests with broken JSON first (a model that needs to be asked to repair its answer).

Token caps follow https://platform.openai.com/docs/api-reference/chat/create (`max_completion_tokens`; `max_tokens`,
deprecated, "not compatible with o-series models"): a cap that is not an integer, is below 1 or above the model's
output limit is refused with OpenAI's 400 (param named, wording as OpenAI words it in public error reports);
`max_tokens` sent to an o-series or gpt-5 model is refused as `unsupported_parameter`. Both caps in one request are
not ruled on: OpenAI does not document the pair (some compatible services refuse it), and the app never sends it.
An answer longer than the cap is cut there with `finish_reason: "length"`, streamed or not (a "token" here is one streamed piece: a word, or
`chunk_chars` characters). mode "endless" is a model that never stops (a small local model): it keeps emitting
words until the cap, or until `context_tokens` (the server's context, as llama.cpp's server stops), every
`token_delay_s`.

`think` puts a reasoning model's `<think>…</think>` preamble before every answer (Ollama and vLLM serve such models);
`chunk_chars` streams the content in pieces of that many characters, so tags are cut between chunks.

AI rehearsal prompts (JSON between `<rehearsal_data>` tags) get plausible lines instead of `script_reply`: the agent
speaks the script's lines in order (no headers, no labels) and says goodbye once the customer has finished; the
customer says `rehearsal_customer` in turn, the last one ending with [END]. `fail_at` makes the Nth request fail
(`fail_kind` "server_error": a 500; "break": the stream is cut halfway), as a server that falls over mid-call.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.http import JSONHandler, LocalServer, StatefulServer

STRICT_RULES_PAGE = "https://platform.openai.com/docs/guides/structured-outputs#supported-schemas"
ENDLESS_WORDS = ["and", "we", "can", "also", "look", "at", "how", "the", "team", "follows", "up", "on", "every", "call"]
OUTPUT_LIMITS = {"gpt-4o-mini": 16384, "gpt-4o": 16384, "o4-mini": 100000}
TOKEN_FIELDS = ("max_completion_tokens", "max_tokens")
THINK = "<think>\nThe customer asked about price twice; the reply must be JSON.\n</think>\n\n"
REHEARSAL_CUSTOMER = (
    "Hello, yes, speaking.",
    "We track everything in spreadsheets today, and follow-ups slip.",
    "How much does it cost per seat?",
    "Thursday at two works for me. Send the invite. [END]",
)

ERRORS: dict[str, tuple[int, str, str, str]] = {
    "bad_key": (401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
    "rate_limit": (429, "Rate limit reached for requests.", "requests", "rate_limit_exceeded"),
    "server_error": (500, "The server had an error while processing your request.", "server_error", "server_error"),
}
# The guide's "Some type-specific keywords are not yet supported" (composition), plus `default`, which OpenAI refuses.
NOT_PERMITTED = ("default", "allOf", "not", "dependentRequired", "dependentSchemas", "if", "then", "else")


def strict_schema_problem(schema: Any) -> str | None:
    """The first strict-mode rule the schema breaks, in OpenAI's words after "Invalid schema for …: "; None if none."""
    if not isinstance(schema, dict) or schema.get("type") != "object" or "anyOf" in schema:
        got = schema.get("type") if isinstance(schema, dict) else None
        return f"schema must be a JSON Schema of 'type: \"object\"', got 'type: \"{got}\"'."
    return _node_problem(schema, ())


def _node_problem(node: dict[str, Any], context: tuple[str, ...]) -> str | None:
    where = f"In context={context!r}, "
    for keyword in NOT_PERMITTED:
        if keyword in node:
            return f"{where}'{keyword}' is not permitted."
    if not {"type", "$ref", "anyOf", "enum", "const"} & node.keys():
        return f"{where}schema must have a 'type' key."
    if node.get("type") == "object":
        if node.get("additionalProperties") is not False:
            return f"{where}'additionalProperties' is required to be supplied and to be false."
        required: list[Any] = node["required"] if isinstance(node.get("required"), list) else []
        missing = [name for name in node.get("properties", {}) if name not in required]
        if missing:
            return (
                f"{where}'required' is required to be supplied and to be an array including every key in "
                f"properties. Missing '{missing[0]}'."
            )
    children: list[tuple[tuple[str, ...], Any]] = [
        ((*context, key, name), sub) for key in ("properties", "$defs") for name, sub in node.get(key, {}).items()
    ]
    children += [((*context, "anyOf", str(i)), sub) for i, sub in enumerate(node.get("anyOf", []))]
    if "items" in node:
        children.append(((*context, "items"), node["items"]))
    for child_context, child in children:
        if isinstance(child, dict) and (problem := _node_problem(child, child_context)):
            return problem
    return None


def conforms(value: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    """Whether a reply fits a strict schema (the subset the guide allows), as OpenAI's replies always do."""
    if "$ref" in schema:
        target: Any = root  # "#" is the root itself; "#/$defs/Name" a definition
        for part in filter(None, schema["$ref"].removeprefix("#").split("/")):
            target = target[part]
        return conforms(value, target, root)
    if "anyOf" in schema:
        return any(conforms(value, option, root) for option in schema["anyOf"])
    if "enum" in schema and value not in schema["enum"]:
        return False
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds] if kinds else []
    python: dict[str, type | tuple[type, ...]] = {"object": dict, "array": list, "string": str, "boolean": bool}
    python |= {"null": type(None), "integer": int, "number": (int, float)}
    if kinds and not any(isinstance(value, python[k]) for k in kinds if k in python):
        return False
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        return value.keys() == properties.keys() and all(conforms(value[k], properties[k], root) for k in value)
    if isinstance(value, list) and "items" in schema:
        return all(conforms(item, schema["items"], root) for item in value)
    return True


@dataclass
class ServerState:
    api_key: str = "sk-test-key"
    models: tuple[str, ...] = ("gpt-4o-mini", "gpt-4o")
    mode: str = "ok"  # ok | rate_limit | server_error | slow | break | endless
    script_reply: str = "[Opener]\nHello Asha.\n[Close]\nThank you."
    json_reply: dict[str, Any] = field(default_factory=dict)
    think: str = ""  # e.g. THINK: a reasoning preamble before every answer
    structured: str = "json_schema"  # json_schema | llama_cpp_python | old_llama_server | text_only
    fence: bool = False
    invalid_replies: int = 0
    chunk_chars: int = 0  # stream in pieces of this many characters instead of word by word
    token_delay_s: float = 0.0
    first_token_delay_s: float = 0.0
    slow_s: float = 5.0
    context_tokens: int = 4096  # where an endless model stops when nothing else stops it
    rehearsal_customer: tuple[str, ...] = REHEARSAL_CUSTOMER
    fail_at: int = 0  # the Nth request (1-based) fails as fail_kind says; 0: none does
    fail_kind: str = "server_error"  # server_error | break
    requests: list[dict[str, Any]] = field(default_factory=list)
    first_token_sent_at: list[float] = field(default_factory=list)  # perf_counter, one per streamed response


def token_cap_problem(body: dict[str, Any], model: str) -> tuple[str, str, str | None, str] | None:
    """OpenAI's 400 for a token cap it refuses: (message, type, code, param); None if the caps are fine."""
    for name in TOKEN_FIELDS:
        value = body.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            kind = {str: "a string", float: "a decimal number", bool: "a boolean", list: "an array", dict: "an object"}
            got = kind.get(type(value), "a value")
            return f"Invalid type for '{name}': expected an integer, but got {got} instead.", *_bad(
                name, "invalid_type"
            )
        if value < 1:
            message = f"Invalid '{name}': integer below minimum value. Expected a value >= 1, but got {value} instead."
            return message, *_bad(name, "integer_below_min_value")
        if name == "max_tokens" and re.match(r"^(o\d|gpt-5)", model):
            message = "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."
            return message, *_bad(name, "unsupported_parameter")
        limit = OUTPUT_LIMITS.get(model, 16384)
        if value > limit:
            message = (f"{name} is too large: {value}. This model supports at most {limit} completion tokens, whereas"
                       f" you provided {value}.")  # fmt: skip
            return message, "invalid_request_error", None, name
    return None


def _bad(name: str, code: str) -> tuple[str, str, str]:
    return "invalid_request_error", code, name


def _endless(count: int) -> list[str]:
    """What a model that never stops says, `count` tokens of it."""
    return [f"{ENDLESS_WORDS[i % len(ENDLESS_WORDS)]} " for i in range(count)]


class _Handler(JSONHandler):
    server: StatefulServer[ServerState]

    def _error(self, status: int, message: str, kind: str, code: str | None, param: str | None = None) -> None:
        self.send_json(status, {"error": {"message": message, "type": kind, "param": param, "code": code}})

    def _chunk(self, payload: str) -> None:
        data = payload.encode()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def do_GET(self) -> None:
        """List models (https://platform.openai.com/docs/api-reference/models/list): {"object": "list", "data":
        [{"id", "object": "model", "created", "owned_by"}]}, behind the same key as everything else."""
        state = self.server.state
        state.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}})
        if not self.path.rstrip("/").endswith("/models"):
            return self._error(404, f"Invalid URL (GET {self.path})", "invalid_request_error", None)
        if self.headers.get("Authorization") != f"Bearer {state.api_key}":
            return self._error(*ERRORS["bad_key"])
        if state.mode in ERRORS:
            return self._error(*ERRORS[state.mode])
        models = [{"id": m, "object": "model", "created": 1715367049, "owned_by": "system"} for m in state.models]
        self.send_json(200, {"object": "list", "data": models})

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
        failing = state.fail_at == len(state.requests)
        if failing and state.fail_kind == "server_error":
            return self._error(*ERRORS["server_error"])
        model = body.get("model")
        if model not in state.models:
            return self._error(404, f"The model `{model}` does not exist.", "invalid_request_error", "model_not_found")
        if problem := token_cap_problem(body, model):
            return self._error(400, *problem)
        response_format = body.get("response_format") or {}
        if refused := self._refuses(response_format):
            status, error = refused
            return self.send_json(status, error)
        json_schema = response_format.get("json_schema") or {}
        if response_format.get("type") == "json_schema" and json_schema.get("strict") is True:
            schema: Any = json_schema.get("schema")
            if problem := strict_schema_problem(schema):
                message = f"Invalid schema for response_format '{json_schema.get('name')}': {problem}"
                return self._error(400, message, "invalid_request_error", "invalid_json_schema", "response_format")
            if not conforms(state.json_reply, schema, schema):
                message = "Test server: json_reply does not match the strict schema the client sent."
                return self._error(500, message, "server_error", None)
        if state.mode == "slow":
            time.sleep(state.slow_s)
        prompt = " ".join(str(m.get("content", "")) for m in body.get("messages", []))
        wants_json = bool(response_format) or "<call_data>" in prompt
        content = json.dumps(state.json_reply) if wants_json else state.script_reply
        if "<rehearsal_data>" in prompt:
            content = rehearsal_reply(state, body)
        if wants_json and state.invalid_replies > 0:
            state.invalid_replies -= 1
            content = content[: len(content) // 2]  # cut off: not valid JSON
        if wants_json and state.fence:
            content = f"Here is the analysis:\n```json\n{content}\n```"
        content = state.think + content
        cap = next((body[f] for f in TOKEN_FIELDS if body.get(f) is not None), None)
        tokens = self._tokens(content)
        if body.get("stream"):
            return self._stream(model, tokens, body, cap, broken=failing and state.fail_kind == "break")
        limit = min(cap or state.context_tokens, state.context_tokens)
        if state.mode == "endless":
            tokens = _endless(limit + 1)
        finish = "length" if len(tokens) > limit else "stop"
        content = "".join(tokens[:limit])
        self.send_json(
            200,
            {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}
                ],
                "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
            },
        )

    def _refuses(self, response_format: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        """The error this kind of server gives for a response_format it does not take, or None."""
        kind, asked = self.server.state.structured, response_format.get("type")
        if kind == "llama_cpp_python" and asked not in (None, "text", "json_object"):
            detail = {"type": "literal_error", "loc": ["body", "response_format", "type"],
                      "msg": "Input should be 'text' or 'json_object'", "input": asked,
                      "ctx": {"expected": "'text' or 'json_object'"}}  # fmt: skip
            return 422, {"detail": [detail]}
        if kind == "old_llama_server" and asked not in (None, "text", "json_object"):
            message = f'response_format type must be one of "text" or "json_object", but got: {asked}'
            return 500, {"error": {"code": 500, "message": message, "type": "server_error"}}
        if kind == "text_only" and response_format:
            error = {"message": "response_format is not supported by this server.", "type": "invalid_request_error",
                     "param": "response_format", "code": None}  # fmt: skip
            return 400, {"error": error}
        return None

    def _tokens(self, content: str) -> list[str]:
        """The answer in the pieces it streams in, each counted as one token."""
        if self.server.state.chunk_chars:
            size = self.server.state.chunk_chars
            return [content[i : i + size] for i in range(0, len(content), size)]
        return re.findall(r"\s*\S+\s*?(?=\s|$)|\s+$", content) or [content]

    def _stream(
        self, model: str, tokens: list[str], body: dict[str, Any], cap: int | None, broken: bool = False
    ) -> None:
        try:
            self._stream_tokens(model, tokens, body, cap, broken)
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading: it cut the answer itself
            self.close_connection = True

    def _stream_tokens(
        self, model: str, tokens: list[str], body: dict[str, Any], cap: int | None, broken: bool = False
    ) -> None:
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
        limit = min(cap or state.context_tokens, state.context_tokens)
        answer: Iterable[str] = _endless(limit + 1) if state.mode == "endless" else tokens
        time.sleep(state.first_token_delay_s)
        sent = 0
        finish = "stop"
        for i, token in enumerate(answer):
            if sent == limit:
                finish = "length"
                break
            sent += 1
            if i == 0:
                state.first_token_sent_at.append(time.perf_counter())
            event({"content": token})
            if (state.mode == "break" or broken) and i == len(tokens) // 2:
                self.wfile.write(b'40\r\ndata: {"id": "chatcmpl-test", "obj')  # cut inside a chunk
                self.wfile.flush()
                self.close_connection = True
                return
            if state.token_delay_s:
                time.sleep(state.token_delay_s)
        event({}, finish)
        if (body.get("stream_options") or {}).get("include_usage"):
            usage = {"prompt_tokens": 10, "completion_tokens": sent, "total_tokens": 10 + sent}
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


def rehearsal_reply(state: ServerState, body: dict[str, Any]) -> str:
    """A plausible next line for an AI rehearsal prompt, from the JSON data it carries."""
    messages = body.get("messages", [])
    last = str(messages[-1].get("content", "")) if messages else ""
    data = json.loads(last.split("<rehearsal_data>", 1)[1].split("</rehearsal_data>", 1)[0])
    said = data["call_so_far"]
    if "turns_left" in data:  # the customer's side
        turn = sum(1 for line in said if line["speaker"] == "customer")
        last_turn = turn >= len(state.rehearsal_customer) - 1 or data["turns_left"] <= 1
        return state.rehearsal_customer[-1] if last_turn else state.rehearsal_customer[turn]
    if data.get("reached_voicemail"):
        return "Hi, this is Maya from Acme Cloud. I'll send you a short email and try you again later this week."
    if data["customer_has_finished"]:
        return f"Wonderful, thank you {data['customer_name'].split()[0]}. Goodbye!"
    lines = [
        re.sub(r"^(On|For) [^:]{1,120}:\s*", "", line.strip())
        for line in data["script_on_screen"].splitlines()
        if line.strip() and not re.match(r"^\s*\[[A-Za-z ]+\]\s*$", line)
    ]
    turn = sum(1 for line in said if line["speaker"] == "agent")
    return lines[turn] if turn < len(lines) else "Could we book a short walkthrough this week?"


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
