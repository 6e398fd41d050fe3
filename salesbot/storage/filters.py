"""Search text shared by both stores: the search words, FTS5 and tsquery syntax, and LIKE patterns."""

from __future__ import annotations

import re
import unicodedata

MAX_SEARCH_WORDS = 8


def _is_word_char(char: str) -> bool:
    """Letters, digits and combining marks (the vowel signs and viramas of Indic scripts, Arabic harakat)."""
    return unicodedata.category(char)[0] in "LNM"


def search_words(text: str) -> list[str]:
    """The search as words, split at white space only, punctuation at either end dropped, NFC-normalised.

    A word is not cut any further here: each store reads it with the tokenizer that indexed the transcripts
    (FTS5 unicode61 on SQLite, PostgreSQL's text search parser on Supabase), so नमस्ते, café, مرحباً, e-mail or
    2.34 match exactly what the store itself found in a transcript. Words with no letter or digit are ignored.
    """
    words: dict[str, str] = {}
    for chunk in unicodedata.normalize("NFC", text or "").split():
        start, end = 0, len(chunk)
        while start < end and not _is_word_char(chunk[start]):
            start += 1
        while end > start and not _is_word_char(chunk[end - 1]):
            end -= 1
        word = chunk[start:end]
        if word and any(unicodedata.category(c)[0] in "LN" for c in word):
            words.setdefault(word.casefold(), word)
    return list(words.values())[:MAX_SEARCH_WORDS]


def fts5_query(words: list[str]) -> str:
    """FTS5 MATCH text: each word a quoted phrase (FTS5 tokenizes it as it tokenized the transcript), as a prefix."""
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def tsquery(words: list[str]) -> str:
    """to_tsquery text: each word a quoted operand (PostgreSQL's parser splits it as it split the transcript, joining
    the pieces with <->), each a prefix, all required."""
    return " & ".join("'" + w.replace("\\", "\\\\").replace("'", "''") + "':*" for w in words)


def like_literal(text: str) -> str:
    """A LIKE pattern (backslash escapes, PostgreSQL's default) matching `text` exactly."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def name_pattern(name: str) -> str:
    """The LIKE pattern for the customer-name filter: the name anywhere, % and _ as themselves, * as any text.

    PostgREST reads every * in a like value as %, with no escape, so * is a wildcard on both stores alike.
    """
    return "%" + like_literal(name.strip()).replace("*", "%") + "%"


def customer_terms(query: str) -> tuple[list[str], str]:
    """The words a name must hold (split at spaces and *), and the digits when the query is a phone number.

    * separates words (PostgREST cannot match a literal *), on both stores alike.
    """
    words = [w for w in re.split(r"[\s*]+", query) if w][:MAX_SEARCH_WORDS]
    digits = re.sub(r"[\s+\-().]", "", query)
    return words, digits if re.fullmatch(r"[0-9]{3,}", digits) else ""
