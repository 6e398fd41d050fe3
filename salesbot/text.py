"""Text from outside systems made safe: storable (no control characters, which PostgreSQL refuses) and shown inert."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# CommonMark lets a backslash escape any ASCII punctuation; these are the ones Markdown, GFM or Streamlit give a
# meaning to (`/` for `:material/…:`, which Streamlit rewrites in the source before parsing; `&` for entities; `@`
# for emails, which a GFM renderer such as GitHub's links only when the address is one piece of text).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=/&@])")
# Streamlit's Markdown finds some patterns in the parsed text, after the backslashes are gone: GFM's bare URLs and
# emails, `:material_…:` icons, `:streamlit:`, emoji shortcodes and typographic arrows (`->`, `<=`, `--` …). One
# character of each is set apart in a plain span (an unstyled `:color[…]`), which shows and copies as itself.
_BREAK = re.compile(
    r"(?i)(?<=http):|(?<=https):|(?<=ftp):|(?<=mailto):"  # a URL scheme
    r"|(?<=www)\."  # www.
    r"|@"  # an email
    r"|:(?=[\w+-]+:)"  # :icon:, :material_star:, :streamlit:
    r"|(?<!\S)-(?=[->](?!\S))|(?<=(?<!\S)<)-(?=>?(?!\S))"  # -> -- <- <-> standing alone (between spaces)
    r"|(?<=(?<!\S)[<>~])=(?!\S)"  # <= >= ~= standing alone
)


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun, singular or plural: "1 line", "2 lines", "1 script version", "0 calls"."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def storable(text: str) -> str:
    """The text without control characters other than tab and newlines (a model or a provider may send them)."""
    return _CONTROL.sub("", text)


def address(text: str) -> str:
    """An email address as typed or pasted, compared as stored: trimmed, lower-case, without invisible format
    characters (a copy from an older page may carry a word joiner)."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip().lower()


def markdown_escaped(text: str, collapse: bool = True) -> str:
    """Text made inert in any CommonMark/GFM document (a downloaded report): every Markdown character backslash-
    escaped, nothing added, so a copy is the text itself (with collapse, whitespace runs become one space)."""
    text = " ".join(text.split()) if collapse else text.replace("\n", " ")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown_literal(text: str, collapse: bool = True) -> str:
    """Text made inert in Streamlit's Markdown (bodies and labels): shown, and copied, exactly as typed. Markdown
    characters are backslash-escaped (that stops Markdown, `:color[…]`, `:material/…:` and `$` LaTeX); the patterns
    Streamlit finds after parsing (bare URLs and emails, icons, emoji, arrows) are broken by a plain span around one
    of their characters, with no invisible character added."""
    text = " ".join(text.split()) if collapse else text.replace("\n", " ")
    out: list[str] = []
    last = 0
    for m in _BREAK.finditer(text):
        out += [markdown_escaped(text[last : m.start()], collapse=False), f":color[{markdown_escaped(m.group())}]"]
        last = m.end()
    out.append(markdown_escaped(text[last:], collapse=False))
    return "".join(out)
