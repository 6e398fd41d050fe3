"""The chat model built from settings, reasoning blocks removed from its answers, and its failures in plain words."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from salesbot.errors import ConfigError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from salesbot.settings import Settings

THINK_OPEN, THINK_CLOSE = "<think>", "</think>"


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
    if isinstance(error, openai.BadRequestError) and error.param == "response_format":
        return f"The model “{model}” or its server refused the structured-output format (400)."
    if isinstance(error, openai.BadRequestError):
        return "The language model refused the request (400)."
    if isinstance(error, openai.InternalServerError):
        return "The language model server had an error (5xx)."
    return "The language model stopped before it had finished."


class ThinkFilter:
    """Drops `<think>…</think>` blocks from text that arrives in pieces, wherever a tag is cut.

    Reasoning models served by Ollama or vLLM answer with their reasoning first, in such a block. Whitespace at the
    start of the answer and after a block goes too; an unclosed block is dropped up to the end of the text.
    """

    def __init__(self) -> None:
        self._pending = ""  # text held back: it may be the start of a tag
        self._inside = False
        self._trim = True

    def feed(self, piece: str) -> str:
        """The visible text this piece completes (may be empty)."""
        self._pending += piece
        shown: list[str] = []
        while True:
            tag = THINK_CLOSE if self._inside else THINK_OPEN
            at = self._pending.find(tag)
            if at < 0:
                cut = len(self._pending) - _partial_tag(self._pending, tag)
                if not self._inside:
                    shown.append(self._visible(self._pending[:cut]))
                self._pending = self._pending[cut:]
                return "".join(shown)
            if not self._inside:
                shown.append(self._visible(self._pending[:at]))
            self._pending = self._pending[at + len(tag) :]
            self._inside = not self._inside
            self._trim = self._trim or not self._inside

    def finish(self) -> str:
        """The visible rest once the text has ended."""
        rest, self._pending = self._pending, ""
        return "" if self._inside else self._visible(rest)

    def _visible(self, text: str) -> str:
        if self._trim:
            text = text.lstrip()
            self._trim = not text
        return text


def _partial_tag(text: str, tag: str) -> int:
    """How many characters at the end of `text` could be the start of `tag`."""
    for size in range(min(len(tag) - 1, len(text)), 0, -1):
        if text.endswith(tag[:size]):
            return size
    return 0


def without_think(pieces: Iterable[str]) -> Iterator[str]:
    """A streamed answer with its reasoning blocks removed; empty pieces are not yielded."""
    think = ThinkFilter()
    for piece in pieces:
        if shown := think.feed(piece):
            yield shown
    if rest := think.finish():
        yield rest


def strip_think(text: str) -> str:
    """A whole answer with its reasoning blocks and surrounding whitespace removed."""
    return "".join(without_think([text])).strip()
