"""A link straight to a page, on a server nobody has visited yet, opens the app (navigation and sidebar included)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.harness import RunningApp


def test_a_fresh_server_opens_a_transcripts_link_inside_the_app(app_server: RunningApp, page: Page) -> None:
    page.goto(f"{app_server.url}/transcripts?q=pricing")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text("Backends", timeout=20_000)  # drawn by the app's entry, not a stand-alone page
    expect(sidebar).to_contain_text("Presenter")
    expect(sidebar).not_to_contain_text("salesbot pages")
    expect(page.get_by_role("heading", name="Transcripts")).to_be_visible()
