"""How to ask an OpenAI-compatible server for JSON: strict schema, then JSON mode, then plain text, remembered."""

from __future__ import annotations

import enum
import json
import re
import threading
from typing import Any

from salesbot.llm.think import strip_think


class Rung(enum.StrEnum):
    """A way of asking for structured output, strongest first."""

    JSON_SCHEMA = "json_schema"  # OpenAI structured outputs (strict): recent vLLM, Ollama, llama.cpp llama-server
    JSON_MODE = "json_object"  # JSON mode, the schema in the prompt (and in `schema`, which llama-cpp-python reads)
    TEXT = "text"  # no response_format at all: the schema in the prompt, JSON read out of the answer

    @property
    def label(self) -> str:
        return {"json_schema": "strict JSON schema", "json_object": "JSON mode", "text": "plain text"}[self.value]


LADDER = (Rung.JSON_SCHEMA, Rung.JSON_MODE, Rung.TEXT)
_REFUSAL_WORDS = re.compile(r"response_format|json_schema|json_object|structured|unsupported|not supported", re.I)
_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.S)

_remembered: dict[tuple[str, str], Rung] = {}  # (server, model) -> the rung that worked, for the process's life
_lock = threading.Lock()


def remembered(server: str, model: str) -> Rung | None:
    with _lock:
        return _remembered.get((server, model))


def remember(server: str, model: str, rung: Rung) -> None:
    with _lock:
        _remembered[(server, model)] = rung


def forget_all() -> None:
    """Tests and benchmarks start each server afresh."""
    with _lock:
        _remembered.clear()


def rungs_from(start: Rung | None) -> tuple[Rung, ...]:
    return LADDER[LADDER.index(start) :] if start else LADDER


def refuses_format(error: BaseException) -> bool:
    """Did the server refuse the way of asking (not the model, the key or the network)?

    OpenAI and vLLM answer 400; llama-cpp-python's FastAPI validation answers 422 ("Input should be 'text' or
    'json_object'"); older llama.cpp servers answer 500 ("response_format type must be one of …"). Each names
    response_format, json_schema or "unsupported" in its message.
    """
    try:
        import openai
    except ImportError:  # pragma: no cover - langchain-openai depends on openai
        return False
    if not isinstance(error, openai.APIStatusError) or error.status_code not in {400, 404, 415, 422, 500, 501}:
        return False
    said = " ".join(str(part) for part in (error.message, getattr(error, "param", None), error.body) if part)
    return bool(_REFUSAL_WORDS.search(said))


def schema_instructions(schema: dict[str, Any]) -> str:
    """What the prompt adds when the server will not hold the model to the schema itself."""
    return (
        "Answer with one JSON object and nothing else (no prose, no code fence). It must match this JSON Schema "
        "exactly, every property present:\n" + json.dumps(schema, separators=(",", ":"))
    )


def json_text(answer: str) -> str:
    """The JSON in a model's answer: after any <think> block, inside a code fence if there is one, else from the
    first "{" to the last "}"."""
    text = strip_think(answer).strip()
    fenced = _FENCE.search(text)
    if fenced:
        text = fenced.group(1).strip()
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if 0 <= start < end else text
