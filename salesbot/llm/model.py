"""The chat model built from settings, its answers capped in tokens, and its failures in plain words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from salesbot.errors import ConfigError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from salesbot.settings import Settings


def build_chat_model(
    settings: Settings, streaming: bool = True, max_tokens: int | None = None, task: str = "llm"
) -> BaseChatModel:
    """ChatOpenAI from OPENAI_* settings: timeout and bounded retries; any OpenAI-compatible base URL; every answer
    capped at `max_tokens` (sent as settings.openai_token_field) when given; every request measured for `task`
    (latency, tokens, failures: salesbot.llm.usage), a streamed answer asking for its usage at the end."""
    if not settings.openai_api_key:
        raise ConfigError("OPENAI_API_KEY is not set: the offline writer is used instead.")
    from langchain_openai import ChatOpenAI  # heavy: only when a key is configured
    from pydantic import SecretStr

    from salesbot.llm.usage import LLMUsage

    cap = token_cap(max_tokens, settings.openai_token_field) if max_tokens else {}
    return ChatOpenAI(
        model=settings.openai_model,
        api_key=SecretStr(settings.openai_api_key),
        base_url=settings.openai_base_url or None,
        timeout=settings.openai_timeout_s,
        max_retries=settings.openai_max_retries,
        temperature=0.4,
        streaming=streaming,
        stream_usage=True,  # stream_options.include_usage: the last chunk carries the tokens
        callbacks=[LLMUsage(task, settings.openai_model)],
        **cap,
    )


def token_cap(max_tokens: int, field: str) -> dict[str, Any]:
    """Keyword arguments that cap an answer at `max_tokens`, for ChatOpenAI(...) or model.bind(...).

    langchain-openai renames `max_tokens` to `max_completion_tokens` in every request it builds; OpenAI wants that
    name (its o-series and gpt-5 models refuse `max_tokens`), but llama.cpp's server before 2026-02, llama-cpp-python
    and llamafile ignore it and generate without end. `max_tokens` is therefore sent through `extra_body`, which the
    client passes on untouched. Never both: some servers refuse the pair.
    """
    if field == "max_tokens":
        return {"extra_body": {"max_tokens": max_tokens}}
    return {"max_completion_tokens": max_tokens}


def finish_reason(message: Any) -> str:
    """The finish reason of a whole (non-streamed) answer: "length" when the token cap cut it."""
    metadata = getattr(message, "response_metadata", None) or {}
    return str(metadata.get("finish_reason") or "")


def describe_failure(error: BaseException, model: str, midstream: bool = False) -> str:
    """What went wrong, safe to show (no key, no request details); callers add what to do next."""
    try:
        import openai
    except ImportError:  # pragma: no cover - langchain-openai depends on openai
        return "The language model failed."
    if isinstance(error, openai.LengthFinishReasonError):
        return "The language model stopped at its length limit before it had finished."
    if midstream and not isinstance(error, openai.APIStatusError):
        return "The language model stopped before it had finished: the connection broke off halfway."
    if isinstance(error, openai.AuthenticationError):
        return "OpenAI rejected the API key (401). Check OPENAI_API_KEY."
    if isinstance(error, openai.PermissionDeniedError):
        return "This OpenAI key may not use that model (403). Check the key's project."
    if isinstance(error, openai.RateLimitError):
        return "OpenAI's rate limit or quota was reached (429). Wait a minute before retrying."
    if isinstance(error, openai.NotFoundError):
        return f"The model “{model}” was not found (404). Check OPENAI_MODEL."
    if isinstance(error, openai.APITimeoutError):
        return "The language model did not answer in time."
    if isinstance(error, openai.APIConnectionError):
        return "The language model server cannot be reached. Check OPENAI_BASE_URL and the network."
    if isinstance(error, openai.BadRequestError) and error.param == "response_format":
        return f"The model “{model}” or its server refused the structured-output format (400)."
    if isinstance(error, openai.BadRequestError):
        return "The language model refused the request (400)."
    if isinstance(error, openai.InternalServerError):
        return "The language model server had an error (5xx)."
    return "The language model stopped before it had finished."
