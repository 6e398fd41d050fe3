"""Streamlit's shortcodes typed into customer fields stay text in Chromium (issue 22): no icon, colour, LaTeX, emoji,
logo, arrow or link is drawn, and the page's text, as a copy takes it, is what was typed (nothing invisible)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from salesbot.models import CallAnalysis, Coverage, Evidence, Outcome, Sentiment, Speaker, TopicCoverage
from tests.app.transcripts_data import add_call
from tests.browser.test_presenter_live import assert_no_exception_box, browser_page, running
from tests.browser.transcripts_page import heading, idle

pytestmark = pytest.mark.browser
SHORTCODES = ":material/star: :material_star: :red[loud] $x^2$ :smile: :streamlit: www.evil.example a -> b"
EMAIL = "star+red@team.example"


def test_shortcodes_and_addresses_show_as_typed(browser: Browser, tmp_path: Path) -> None:
    db = tmp_path / "browser.db"
    said = f"Mail {EMAIL} about {SHORTCODES}"
    analysis = CallAnalysis(
        summary="Summary", outcome=Outcome.INTERESTED, sentiment=Sentiment.POSITIVE,
        topics=[TopicCoverage(topic=SHORTCODES, status=Coverage.COVERED,
                              evidence=[Evidence(speaker="customer", text=said, at=5.0)])],
    )  # fmt: skip
    call = add_call(db, SHORTCODES, [(Speaker.AGENT, f"Hello {SHORTCODES}"), (Speaker.CUSTOMER, said)],
                    email=EMAIL, topics=f"{SHORTCODES}\nOnboarding", analysis=analysis)  # fmt: skip
    with running(tmp_path, {"SALESBOT_DB_PATH": str(db)}) as app, browser_page(browser) as page:
        page.goto(f"{app.url}/transcripts?q=mail&call={call}")  # the search draws the lines as Markdown
        idle(page)
        assert heading(page) == f"Call #{call} · {SHORTCODES}"
        main = page.locator("[data-testid='stMain']")
        text = main.inner_text()
        assert "\u2060" not in text and "😄" not in text and "→" not in text
        assert EMAIL in text and text.count(SHORTCODES) >= 3  # heading, topic, evidence, the marked line …
        assert main.locator(".katex").count() == 0
        assert main.locator("[aria-label='star icon']").count() == 0
        assert main.locator("img[alt='Streamlit logo']").count() == 0
        assert main.locator(".stMarkdownColoredText", has_text="loud").count() == 0
        assert main.locator("a[href*='evil.example'], a[href^='mailto:']").count() == 0
        assert_no_exception_box(page)
