"""The chat model, built by one function from settings, and OpenAI failures told in a presenter's words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesbot.errors import ConfigError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from salesbot.settings import Settings


def build_chat_model(settings: Settings, streaming: bool = True) -> BaseChatModel:
    """ChatOpenAI from OPENAI_* settings: timeout and bounded retries; any OpenAI-compatible base URL."""
    if not settings.openai_api_key:
        raise ConfigError("OPENAI_API_KEY is not set: the offline writer is used instead.")
    from langchain_openai import ChatOpenAI  # heavy: only when a key is configured
    from pydantic import SecretStr

    return ChatOpenAI(
        model=settings.openai_model,
        api_key=SecretStr(settings.openai_api_key),
        base_url=settings.openai_base_url or None,
        timeout=settings.openai_timeout_s,
        max_retries=settings.openai_max_retries,
        temperature=0.4,
        streaming=streaming,
    )


def describe_failure(error: BaseException, model: str, midstream: bool = False) -> str:
    """What went wrong, safe to show (no key, no request details); callers add what to do next."""
    try:
        import openai
    except ImportError:  # pragma: no cover - langchain-openai depends on openai
        return "The language model failed."
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
    if isinstance(error, openai.BadRequestError):
        return "The language model refused the request (400)."
    if isinstance(error, openai.InternalServerError):
        return "The language model server had an error (5xx)."
    return "The language model stopped before it had finished."
