"""Search text shared by both stores: the search words, FTS5 and tsquery syntax, and LIKE patterns."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_SEARCH_WORDS = 8  # unquoted words and phrases together: each is one more condition for the index
MAX_PHRASE_WORDS = 12
# Straight quotes and the curly ones keyboards and phones substitute for them; an apostrophe stays part of a word.
QUOTES = '"\u201c\u201d\u201e\u201f\uff02'
_QUOTE_SPLIT = re.compile(f"[{QUOTES}]")


@dataclass(frozen=True)
class Term:
    """One condition of a search: an unquoted word (phrase=False), matched as a word or a word's beginning, or a
    quoted phrase (phrase=True), its words consecutive and in order, each a whole word (the last one too)."""

    words: tuple[str, ...]
    phrase: bool


def _is_word_char(char: str) -> bool:
    """Letters, digits and combining marks (the vowel signs and viramas of Indic scripts, Arabic harakat)."""
    return unicodedata.category(char)[0] in "LNM"


def _words(text: str) -> list[str]:
    """Split at white space only, punctuation at either end of a word dropped, words without a letter or digit left
    out. A word is not cut any further: each store reads it with the tokenizer that indexed the transcripts."""
    found = []
    for chunk in text.split():
        start, end = 0, len(chunk)
        while start < end and not _is_word_char(chunk[start]):
            start += 1
        while end > start and not _is_word_char(chunk[end - 1]):
            end -= 1
        word = chunk[start:end]
        if word and any(unicodedata.category(c)[0] in "LN" for c in word):
            found.append(word)
    return found


def search_terms(text: str) -> list[Term]:
    """The search as terms, in the order typed: what the stores match and what the page highlights.

    Text between quotes (straight or curly) is a phrase; every other word is a term of its own. An unmatched quote
    opens a phrase that runs to the end of the search (as while one is still typing it). Everything is
    NFC-normalised; repeated terms (any case) count once; at most MAX_SEARCH_WORDS terms of at most
    MAX_PHRASE_WORDS words each. Quotes holding no word (e.g. `"" ` or `"..."`) add nothing.
    """
    terms: dict[tuple[tuple[str, ...], bool], Term] = {}
    for n, segment in enumerate(_QUOTE_SPLIT.split(unicodedata.normalize("NFC", text or ""))):
        words = _words(segment)
        quoted = n % 2 == 1  # segments alternate outside, inside, outside ... the quotes
        found = [Term(tuple(words[:MAX_PHRASE_WORDS]), True)] if quoted and words else []
        found += [] if quoted else [Term((w,), False) for w in words]
        for term in found:
            terms.setdefault((tuple(w.casefold() for w in term.words), term.phrase), term)
    return list(terms.values())[:MAX_SEARCH_WORDS]


def search_words(text: str) -> list[str]:
    """Every word of the search (those of phrases included), each once, in the order typed."""
    words: dict[str, str] = {}
    for term in search_terms(text):
        for word in term.words:
            words.setdefault(word.casefold(), word)
    return list(words.values())


def fts5_query(terms: list[Term], column: str) -> str:
    """FTS5 MATCH text for one column: every term (FTS5 tokenizes each as it tokenized the transcript) required;
    a word is a prefix, a phrase is its tokens consecutive, the last one whole."""
    quoted = ['"' + " ".join(t.words).replace('"', '""') + '"' + ("" if t.phrase else "*") for t in terms]
    return "{" + column + "} : (" + " ".join(quoted) + ")"


def tsquery(terms: list[Term]) -> str:
    """to_tsquery text: each term a quoted operand (PostgreSQL's parser splits it as it split the transcript,
    joining the pieces with <->, followed by), a word's operand a prefix (:*), all required (&)."""
    return " & ".join(tsquery_term(t) for t in terms)


def tsquery_term(term: Term) -> str:
    """One term's to_tsquery operand."""
    quoted = "'" + " ".join(term.words).replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted if term.phrase else quoted + ":*"


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
