"""The demo once more in a real browser, with a real call placed through the local Bland-compatible server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.harness import ARTIFACTS, start_app, stop_app
from tests.browser.test_demo_flow import IDLE, fill_customer
from tests.fakes.bland_server import BlandServer

pytestmark = pytest.mark.browser


def test_confirm_call_live_lines_and_final_status(page: Page, tmp_path: Path) -> None:
    with BlandServer() as bland:
        bland.state.line_every_s = 0.8
        app = start_app(
            tmp_path,
            {"BLAND_API_KEY": bland.state.api_key, "BLAND_BASE_URL": bland.url, "SALESBOT_POLL_SECONDS": "0.5"},
        )
        try:
            page.goto(app.url)
            page.locator(IDLE).wait_for()
            fill_customer(page)
            page.get_by_role("button", name="Generate script").click()
            expect(page.get_by_role("textbox", name="Script", exact=True)).to_have_value(re.compile("Hello Asha"))
            expect(page.get_by_text("Real call: Bland AI dials this number; at most 5 minutes.")).to_be_visible()
            start = page.get_by_role("button", name="Start call to Asha Rao")
            expect(start).to_be_disabled()
            page.get_by_text("I have permission to call this number").click()
            start.click()
            expect(page.locator('[data-testid="stChatMessage"]').nth(2)).to_be_visible(timeout=20_000)
            expect(page.locator(".st-key-outcome_card")).to_contain_text("Outcome:", timeout=30_000)
            said = page.locator('[data-testid="stChatMessage"]').filter(has_text="Thursday works for me. Let's do it.")
            expect(said).to_have_count(1)
            page.screenshot(path=str(ARTIFACTS / "presenter-bland.png"), full_page=True)
            assert bland.state.count("POST") == 1
        finally:
            stop_app(app)
