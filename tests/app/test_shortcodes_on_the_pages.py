"""Streamlit's own shortcodes (`:material/…:`, `:red[…]`, `$…$`, emoji) and bare links typed into every customer
field stay text on both pages, with nothing invisible in them (tests/unit/test_inert_text.py models the renderer)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from salesbot.models import CallAnalysis, Coverage, Evidence, NextStep, Outcome, Sentiment, Speaker, TopicCoverage
from salesbot.text import markdown_literal
from tests.app.conftest import outcome, refresh_until
from tests.app.transcripts_data import add_call, open_customer_panel, page
from tests.unit.test_inert_text import TEXT_PATTERNS, text_nodes

SHORTCODES = ":material/star: :red[loud] $x^2$ :smile: :streamlit: www.evil.example a -> b"
EMAIL = "star+red@team.example"


def shown(at: AppTest) -> list[str]:
    """Every Markdown the page draws: bodies, captions, headings, labels."""
    kinds = ("markdown", "caption", "subheader", "header", "title", "expander", "button", "warning", "info", "success")
    texts = [e.value for kind in kinds for e in at.get(kind) if isinstance(getattr(e, "value", None), str)]
    return texts + [e.label for kind in ("expander", "button", "tab") for e in at.get(kind) if isinstance(e.label, str)]


def assert_inert(texts: list[str], at_least: int) -> None:
    hostile = [t for t in texts if "star" in t]
    assert len(hostile) >= at_least, texts
    for text in texts:
        assert "\u2060" not in text, text  # nothing invisible: a copied address is the address
        assert ":material/star" not in text and "$x^2$" not in text and ":red[loud]" not in text, text
    for text in hostile:
        for node in text_nodes(text):
            assert not TEXT_PATTERNS[0].search(node) and not TEXT_PATTERNS[1].search(node), text  # no link
            assert not re.search(r":(smile|streamlit|material_star):", node), text


def test_shortcodes_in_every_customer_field_stay_text_on_the_presenter_page(
    presenter: AppTest, fill_form: Callable[..., AppTest]
) -> None:
    fill_form(presenter, name=SHORTCODES, email=EMAIL, conversation_history=SHORTCODES, topics=SHORTCODES)
    presenter.button(key="generate").click().run()
    assert not presenter.exception
    assert presenter.button(key="start_call").label == f"Start call to {markdown_literal(SHORTCODES)}"
    presenter.button(key="start_call").click().run()
    refresh_until(presenter, outcome, every=0.2)
    assert not presenter.exception
    assert_inert(shown(presenter), at_least=2)


def test_shortcodes_in_every_customer_field_stay_text_on_transcripts(app_env: Path) -> None:
    said = f"price {SHORTCODES} {EMAIL}"
    analysis = CallAnalysis(
        summary=f"Summary {SHORTCODES}", outcome=Outcome.MEETING_BOOKED, sentiment=Sentiment.POSITIVE,
        topics=[TopicCoverage(topic=SHORTCODES, status=Coverage.COVERED,
                              evidence=[Evidence(speaker="customer", text=said, at=5.0)])],
        next_step=NextStep(action=SHORTCODES, when=SHORTCODES, quote=said, at=5.0), recommendation=SHORTCODES,
    )  # fmt: skip
    call = add_call(app_env, SHORTCODES, [(Speaker.AGENT, f"Hello {SHORTCODES}"), (Speaker.CUSTOMER, said)],
                    email=EMAIL, topics=f"{SHORTCODES}\nOnboarding", analysis=analysis)  # fmt: skip
    at = open_customer_panel(page({"q": "price", "call": str(call)}))
    assert not at.exception
    texts = shown(at)
    assert_inert(texts, at_least=6)
    assert any(markdown_literal(EMAIL) in t for t in texts)  # the address, set apart from linking, copyable
