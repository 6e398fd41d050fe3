"""The chat model built from settings, every answer bounded (tokens, total time), reasoning blocks removed from its
answers, and its failures in plain words."""

from __future__ import annotations

import contextvars
import enum
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from salesbot.errors import ConfigError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from salesbot.settings import Settings

THINK_OPEN, THINK_CLOSE = "<think>", "</think>"


def build_chat_model(settings: Settings, streaming: bool = True, max_tokens: int | None = None) -> BaseChatModel:
    """ChatOpenAI from OPENAI_* settings: timeout and bounded retries; any OpenAI-compatible base URL; every answer
    capped at `max_tokens` (sent as settings.openai_token_field) when given."""
    if not settings.openai_api_key:
        raise ConfigError("OPENAI_API_KEY is not set: the offline writer is used instead.")
    from langchain_openai import ChatOpenAI  # heavy: only when a key is configured
    from pydantic import SecretStr

    cap = token_cap(max_tokens, settings.openai_token_field) if max_tokens else {}
    return ChatOpenAI(
        model=settings.openai_model,
        api_key=SecretStr(settings.openai_api_key),
        base_url=settings.openai_base_url or None,
        timeout=settings.openai_timeout_s,
        max_retries=settings.openai_max_retries,
        temperature=0.4,
        streaming=streaming,
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


class End(enum.StrEnum):
    """How a bounded answer ended."""

    STOP = "stop"  # the model finished
    LENGTH = "length"  # the model reached its token cap: the text is cut
    DEADLINE = "deadline"  # the total time ran out: the text is cut

    @property
    def cut(self) -> bool:
        return self is not End.STOP


class BoundedAnswer:
    """A model's streamed answer, bounded: iterate for its text; afterwards `end` says whether it finished or was cut.

    The stream is read in a worker thread, so the total time holds even while the server sends nothing (the client's
    own timeout only bounds each gap between chunks). Errors from the stream are raised to the reader; a reader that
    stops early (or the deadline) closes the stream, which closes its HTTP response.
    """

    def __init__(self, chunks: Iterable[Any], deadline_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._chunks, self._deadline_s, self._clock = chunks, deadline_s, clock
        self.end: End | None = None  # None until the answer has ended
        self.seconds = 0.0

    def __iter__(self) -> Iterator[str]:
        items: queue.Queue[tuple[str, Any]] = queue.Queue()
        stop = threading.Event()
        started = self._clock()
        worker = threading.Thread(
            target=contextvars.copy_context().run, args=(_pump, self._chunks, items, stop), daemon=True
        )
        worker.start()
        finish: str | None = None
        try:
            while True:
                left = self._deadline_s - (self._clock() - started)
                try:
                    kind, item = items.get(timeout=max(left, 0.0)) if left > 0 else items.get_nowait()
                except queue.Empty:
                    self.end = End.DEADLINE
                    return
                if kind == "error":
                    raise item
                if kind == "done":
                    self.end = End.LENGTH if finish == "length" else End.STOP
                    return
                text, finish = _text_and_finish(item, finish)
                if text:
                    yield text
        finally:
            stop.set()
            self.seconds = self._clock() - started


def bounded_stream(chunks: Iterable[Any], deadline_s: float) -> BoundedAnswer:
    """Bound a streamed answer in total time; `chunks` are a chat model's message chunks (e.g. `model.stream(...)` or
    `(prompt | model).stream(...)`, whose last chunk carries the finish reason) or plain strings.

    The token cap is the model's (build_chat_model(max_tokens=...) or model.bind(**token_cap(...))); a stream cut by
    it ends with `end == End.LENGTH`, one that ran out of time with `End.DEADLINE`.
    """
    return BoundedAnswer(chunks, deadline_s)


def _pump(chunks: Iterable[Any], items: queue.Queue[tuple[str, Any]], stop: threading.Event) -> None:
    iterator = iter(chunks)
    try:
        for chunk in iterator:
            items.put(("chunk", chunk))
            if stop.is_set():
                break
        else:
            items.put(("done", None))
    except Exception as e:  # handed to the reader, who raises it
        items.put(("error", e))
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()


def _text_and_finish(chunk: Any, finish: str | None) -> tuple[str, str | None]:
    if isinstance(chunk, str):
        return chunk, finish
    metadata = getattr(chunk, "response_metadata", None) or {}
    content = getattr(chunk, "content", "")
    text = (
        content
        if isinstance(content, str)
        else "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content)
    )
    return text, metadata.get("finish_reason") or finish


class TooSlow(Exception):
    """A whole answer did not arrive within its total time."""


def answer_within(ask: Callable[[], Any], seconds: float) -> Any:
    """`ask()`'s answer (a non-streamed request), or TooSlow once `seconds` have passed; the request then ends on its
    own within the client's timeout."""
    if seconds <= 0:
        raise TooSlow  # no time left: no request at all
    items: queue.Queue[tuple[str, Any]] = queue.Queue()
    once = (ask() for _ in range(1))
    args = (once, items, threading.Event())
    threading.Thread(target=contextvars.copy_context().run, args=(_pump, *args), daemon=True).start()
    try:
        kind, item = items.get(timeout=seconds)
    except queue.Empty:
        raise TooSlow from None
    if kind == "error":
        raise item
    return item


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
