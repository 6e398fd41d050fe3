"""Customer text in Streamlit's Markdown is text: no Markdown, shortcode, icon, LaTeX or link, nothing invisible.

Streamlit 1.67's Markdown (static/js/StreamlitMarkdown.*.js) rewrites `:material/` in the source before parsing,
loads KaTeX when the source has an unescaped `$…$`, and after parsing finds these patterns in each text node (where
backslash escapes are already gone): GFM's bare URLs and emails, `:material_…:` icons, `:streamlit:`, emoji
shortcodes and typographic arrows. The checks below model that, one text node per piece between the plain spans.
"""

from __future__ import annotations

import re

import pytest

from salesbot.text import address, markdown_escaped, markdown_literal

SPAN = re.compile(r":color\[((?:\\.|[^\]\\])*)\]")
TEXT_PATTERNS = [  # what Streamlit finds in a text node (copied from its bundle)
    re.compile(r"(?i)(https?://|www(?=\.))([-.\w]+)"),
    re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)"),
    re.compile(r":material_(\w+):"),
    re.compile(r":streamlit:"),
    re.compile(r":[\w-]+:"),  # remark-emoji
    re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"),
]
HOSTILE = [
    ":material/star: :material_star: :streamlit: :smile: :+1:",
    ":red[loud] :orange-background[x] :rainbow[y] :small[z] :blue-badge[b] :color[c]{foreground=red}",
    "$x^2$ $$\\int$$ costs $5 to $10",
    "**Big** [x](http://evil.example) <b>x</b> ![p](http://host/p.png)",
    "ana@team.example www.evil.example HTTPS://Evil.Example mailto:a@b.example",
    "a -> b <- c <-> d -- e >= f <= g ~= h &amp; &#64; 10:30:45",
]


def text_nodes(markdown: str) -> list[str]:
    """The text nodes Streamlit makes of markdown_literal's output: escapes resolved, split at each plain span."""
    pieces = SPAN.split(markdown)  # text, span, text, span, …
    return [re.sub(r"\\(.)", r"\1", piece) for piece in pieces]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_shows_and_copies_exactly_as_typed(text: str) -> None:
    shown = markdown_literal(text)
    assert "".join(text_nodes(shown)) == text  # what the page shows, and a copy of it
    assert not any(ch in shown for ch in "\u2060\u200b\u200c\u200d\ufeff")  # nothing invisible


@pytest.mark.parametrize("text", HOSTILE)
def test_no_streamlit_pattern_survives(text: str) -> None:
    shown = markdown_literal(text)
    assert ":material/" not in shown  # rewritten to an icon before parsing
    assert not re.search(r"(?<!\\)\$", shown)  # an unescaped $ turns LaTeX on
    assert not re.search(r"(?<!\\):(?!color\[)", shown)  # no directive, icon or emoji starts
    for node in text_nodes(shown):
        for pattern in TEXT_PATTERNS:
            assert not pattern.search(node), (pattern.pattern, node)


def test_only_the_plain_span_is_added() -> None:
    assert markdown_literal("ana@team.example") == "ana:color[\\@]team\\.example"
    assert markdown_literal("Asha  Rao\n") == "Asha Rao"
    assert markdown_literal("10:30") == "10\\:30"  # a time is escaped, nothing more
    assert markdown_literal("--- x->y") == "\\-\\-\\- x\\-\\>y"  # arrows only between spaces are drawn as arrows


def test_the_report_escapes_without_adding_anything() -> None:
    assert markdown_escaped("ana@team.example :material/star: $5") == "ana\\@team\\.example \\:material\\/star\\: \\$5"
    assert address("Ana\u2060@Team.example ") == "ana@team.example"  # a copy from an older page still matches
