"""Where a search is found in what was said: the terms, their matches, the match cell's snippet, inert highlights."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import groupby
from typing import Protocol

from salesbot.search.terms import Term, search_terms
from salesbot.text import markdown_literal

Span = tuple[int, int]  # start and end of a match in a line

_ELLIPSIS = "…"
__all__ = ["Span", "Term", "call_matches", "find_spans", "highlighted", "search_terms", "snippet"]


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNM"


@lru_cache(maxsize=64)
def _pattern(term: Term) -> re.Pattern[str]:
    """A term as a regex: its words in order with anything but letters and digits between them (e-mail, e mail)."""
    pieces = ["".join(run) for word in term.words for is_word, run in groupby(word, _is_word_char) if is_word]
    return re.compile(r"\W+".join(re.escape(p) for p in pieces), re.IGNORECASE)


def find_spans(text: str, terms: Sequence[Term]) -> list[Span]:
    """Every match of any term in the text, in order and not overlapping: a word where a word begins, a phrase as
    whole words (as the stores match them)."""
    found: list[Span] = []
    for term in terms:
        pattern, pos = _pattern(term), 0
        while (m := pattern.search(text, pos)) is not None:
            start = m.start()
            starts_word = start == 0 or not _is_word_char(text[start - 1])
            ends_word = not term.phrase or m.end() == len(text) or not _is_word_char(text[m.end()])
            if m.end() > start and starts_word and ends_word:
                found.append((start, m.end()))
                pos = m.end()
            else:
                pos = start + 1
    spans: list[Span] = []
    for start, end in sorted(found, key=lambda s: (s[0], -s[1])):
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans


def _spoken_by(speaker: str, said_by: str) -> bool:
    return not said_by or speaker.strip().lower() == said_by


def snippet(transcript: str, terms: Sequence[Term], said_by: str = "", before: int = 5, width: int = 100) -> str:
    """The first line with a match (of that speaker, when said_by is set) as plain text: a few words before the
    first match, every match in view marked «like this», cut at about `width` characters after the match."""
    for line in transcript.splitlines():
        speaker, sep, said = line.partition(": ")
        if not sep:
            speaker, said = "", line
        if not _spoken_by(speaker, said_by) or not (spans := find_spans(said, terms)):
            continue
        start = spans[0][0]
        lead = [w.start() for w in re.finditer(r"\S+", said[:start])]  # a few words before the match, at a word
        shown_from = lead[-before] if len(lead) > before else 0
        stop = min(len(said), max(spans[0][1], start + width))
        if stop < len(said) and (space := said.rfind(" ", spans[0][1], stop)) > 0:
            stop = space
        parts, last = [], shown_from
        for s, e in spans:
            if s >= stop:
                break
            e = min(e, stop)
            parts += [said[last:s], f"«{said[s:e]}»"]
            last = e
        parts.append(said[last:stop])
        text = " ".join("".join(parts).split())
        head = f"{speaker}: " if speaker else ""
        return head + (_ELLIPSIS if shown_from > 0 else "") + text + (_ELLIPSIS if stop < len(said) else "")
    return ""


class SpokenLine(Protocol):
    """A line of a call as search reads it (models.Utterance is one): who said it and what."""

    @property
    def speaker(self) -> str: ...

    @property
    def text(self) -> str: ...


def call_matches(utterances: Sequence[SpokenLine], terms: Sequence[Term], said_by: str = "") -> list[tuple[int, Span]]:
    """Every match in a call, in order: the line's index and where in the line (only that speaker's lines)."""
    if not terms:
        return []
    return [
        (i, span)
        for i, u in enumerate(utterances)
        if _spoken_by(str(u.speaker), said_by)
        for span in find_spans(u.text, terms)
    ]


def highlighted(text: str, spans: Sequence[Span], current: Span | None = None) -> str:
    """The text as inert Markdown with each match in bold and the current one on a coloured background."""
    out, last = [], 0
    for start, end in spans:
        match = markdown_literal(text[start:end], collapse=False)
        mark = f":orange-background[**{match}**]" if (start, end) == current else f"**{match}**"
        out += [markdown_literal(text[last:start], collapse=False), mark]
        last = end
    out.append(markdown_literal(text[last:], collapse=False))
    return "".join(out).strip()
