"""A model's answer bounded in total time: streamed (BoundedAnswer) or whole (answer_within), read in a worker
thread so the deadline holds while the server sends nothing."""

from __future__ import annotations

import contextvars
import enum
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any


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
