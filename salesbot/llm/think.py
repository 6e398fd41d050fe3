"""Reasoning blocks (`<think>…</think>`) removed from a model's answer, streamed or whole."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

THINK_OPEN, THINK_CLOSE = "<think>", "</think>"


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
