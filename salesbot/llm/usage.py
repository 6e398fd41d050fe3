"""Every language-model request measured where the model is built: latency, tokens in and out, failures, per task
and model (a LangChain callback, so the writer, the analyser and the rehearsal need no code of their own)."""

from __future__ import annotations

import threading
import time
from typing import Any
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.outputs import LLMResult

from salesbot import metrics


def tokens_of(result: LLMResult) -> tuple[int, int]:
    """(input, output) tokens as the server reported them: the message's usage_metadata (streamed with
    stream_usage, or whole), else the OpenAI-style token_usage in llm_output; (0, 0) when the server said nothing."""
    for generations in result.generations:
        for generation in generations:
            usage = getattr(getattr(generation, "message", None), "usage_metadata", None)
            if usage:
                return int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0))
    usage = (result.llm_output or {}).get("token_usage") or {}
    return int(usage.get("prompt_tokens", 0) or 0), int(usage.get("completion_tokens", 0) or 0)


class LLMUsage(BaseCallbackHandler):
    """Records each request's latency, tokens and outcome in salesbot.metrics."""

    def __init__(self, task: str, model: str) -> None:
        self.task, self.model = task, model
        self._started: dict[UUID, float] = {}
        self._lock = threading.Lock()

    def on_chat_model_start(self, serialized: dict[str, Any], messages: Any, *, run_id: UUID, **kwargs: Any) -> None:
        with self._lock:
            self._started[run_id] = time.perf_counter()

    def on_llm_end(self, response: LLMResult, *, run_id: UUID, **kwargs: Any) -> None:
        self._observe(run_id, "ok")
        tokens_in, tokens_out = tokens_of(response)
        metrics.LLM_TOKENS.labels(self.task, self.model, "in").inc(tokens_in)
        metrics.LLM_TOKENS.labels(self.task, self.model, "out").inc(tokens_out)

    def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._observe(run_id, "failed")

    def _observe(self, run_id: UUID, result: str) -> None:
        with self._lock:
            began = self._started.pop(run_id, None)
        if began is not None:
            metrics.LLM_SECONDS.labels(self.task, self.model, result).observe(time.perf_counter() - began)
