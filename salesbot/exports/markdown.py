"""Customer text in a Markdown report: escaped only where CommonMark or GFM would make markup of it there.

A reader of the file as plain text sees the words with a backslash only before what would otherwise become a link,
emphasis, code, HTML, an entity, strikethrough, maths or (at the start of a line) a heading, list, quote, rule or
table; rendered, it shows exactly the text (white space runs as one space, since a line break could start a block)."""

from __future__ import annotations

import re

# Inline markup: code and escapes; link and image openers; HTML tags, comments and autolinks; entities;
# GFM strikethrough; emphasis runs (a * or _ that is not between two spaces, nor _ inside a word).
_INLINE = re.compile(
    r"`|\\(?=[!-/:-@\[-`{-~]|$)|\[|<(?=[A-Za-z/!?])|&(?=#?\w+;)|~"
    r"|\*(?! )|(?<! )\*"
    r"|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])"
)
# GFM's extended autolinks: a scheme's colon, www's dot, an email's @ (escaping one character keeps them text).
_AUTOLINK = re.compile(r"(?i)(?<=http):(?=//)|(?<=https):(?=//)|(?<=ftp):(?=//)|(?<=\bwww)\.|(?<=\w)@(?=\w)")
# Block markup at the start of a line: heading, quote, list item or rule, ordered item, table row, fence.
_LINE_START = re.compile(r"^(?:#|>|[-+*](?= |$)|[-_*=](?=[-_*= ]*$)|\|)|^(\d{1,9})([.)])(?= |$)")


def _line_start(text: str) -> str:
    m = _LINE_START.match(text)
    if not m:
        return text
    if m.group(1):  # "1. " – the number stays, its dot is escaped
        return f"{m.group(1)}\\{m.group(2)}{text[m.end() :]}"
    return "\\" + text


def inert(text: str, line_start: bool = False) -> str:
    """The text as Markdown that renders as exactly this text; `line_start` when it begins a line of its own."""
    text = " ".join(text.split())
    text = _INLINE.sub(lambda m: "\\" + m.group(), text)
    text = _AUTOLINK.sub(lambda m: "\\" + m.group(), text)
    if text.count("$") >= 2:  # maths between two dollars on GitHub; one price in dollars stays as it is
        text = text.replace("$", "\\$")
    return _line_start(text) if line_start else text
