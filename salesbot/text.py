"""Text from outside systems made safe: storable (no control characters, which PostgreSQL refuses) and shown inert."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")
_AUTOLINK = re.compile(r"(?i)(https?|ftp|www|mailto)(?=[:.])|(?=@)")  # GFM links bare URLs and emails
_WORD_JOINER = "\u2060"  # invisible; breaks the autolink pattern without changing what is shown


def storable(text: str) -> str:
    """The text without control characters other than tab and newlines (a model or a provider may send them)."""
    return _CONTROL.sub("", text)


def address(text: str) -> str:
    """An email address as typed or pasted, compared as stored: trimmed, lower-case, without invisible format
    characters (a copy of an address shown on a page carries markdown_literal's word joiner)."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip().lower()


def markdown_literal(text: str, collapse: bool = True) -> str:
    """Text made inert inside Markdown: every Markdown character is escaped and bare URLs and emails are kept
    from turning into links, so it shows exactly as typed (with collapse, whitespace runs become one space)."""
    text = " ".join(text.split()) if collapse else text.replace("\n", " ")
    text = _AUTOLINK.sub(lambda m: (m.group(1) or "") + _WORD_JOINER, text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
