"""The controls of a live call in a real browser (issue 22): Stop call, the state and the elapsed time stay in the
first viewport through a whole call at 1440×900 and on a 390×844 phone; a call left running stays one click away;
on a phone Start call brings the call panel into view."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.harness import ARTIFACTS, RunningApp
from tests.browser.test_presenter_live import (
    CHAT,
    assert_no_exception_box,
    browser_page,
    fill_new_customer,
    generate,
    idle,
    open_presenter,
    outcome_card,
    panel,
    query_params,
    running,
    scroll_to_top,
    start_button,
)

# timed: where Stop call sits through a call and the scroll on a phone are measured as they happen, so they run alone (a busy machine draws late and fails them)
pytestmark = [pytest.mark.browser, pytest.mark.timed]
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
STOP = ".st-key-stop_call button"
# Where the presenter sees Stop call now (viewport coordinates), and what the panel says: one read, in the page.
CONTROLS = """
() => {
  const stop = document.querySelector('.st-key-stop_call button');
  const status = document.querySelector('.st-key-call_controls [data-testid="stMarkdownContainer"]');
  const main = document.querySelector('[data-testid="stMain"]');
  if (!stop) return null;
  const box = stop.getBoundingClientRect();
  return {
    top: box.top, bottom: box.bottom, enabled: !stop.disabled, label: stop.innerText,
    primary: stop.getAttribute('data-testid') === 'stBaseButton-primary',
    status: status ? status.innerText : '', statusBottom: status ? status.getBoundingClientRect().bottom : null,
    lines: document.querySelectorAll('.st-key-call_panel [data-testid="stChatMessage"]').length,
    scrolled: Math.max(window.scrollY, main ? main.scrollTop : 0),
  };
}
"""


@pytest.fixture(scope="module")
def fast_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    """Simulated calls at 10× (a call of about ten seconds): each test has its own customer and browser."""
    with running(tmp_path_factory.mktemp("controls"), {"SALESBOT_SIM_SPEED": "10"}) as app:
        yield app


def controls(page: Page) -> dict[str, Any]:
    found: dict[str, Any] | None = page.evaluate(CONTROLS)
    assert found is not None, "no Stop call button on the page"
    return found


def ready_to_call(page: Page, app: RunningApp, name: str, phone: str) -> None:
    open_presenter(page, app)
    fill_new_customer(page, name, phone)
    generate(page, name.split()[0])


def name_field(page: Page) -> Locator:
    return page.locator('input[aria-label="Name"]')


def pick_pace(page: Page, label: str) -> None:
    page.locator(".st-key-pace").get_by_role("radio", name=label, exact=True).click()
    idle(page)


@pytest.mark.parametrize("size", list(SIZES))
def test_stop_call_stays_in_the_first_viewport_through_a_whole_call(
    browser: Browser, fast_app: RunningApp, size: str
) -> None:
    width, height = SIZES[size]
    name = {"desktop": "Tara Bose", "phone": "Vikram Sethi"}[size]
    with browser_page(browser, width, height) as page:
        ready_to_call(page, fast_app, name, {"desktop": "98555 10001", "phone": "98555 10002"}[size])
        start_button(page).click()
        expect(panel(page).locator(CHAT).first).to_be_visible(timeout=20_000)
        scroll_to_top(page)  # the page as the presenter sees it from the top; nothing scrolls it from here on
        samples: list[dict[str, Any] | None] = []  # None: no Stop call drawn at that moment
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not outcome_card(page).count():
            samples.append(page.evaluate(CONTROLS))
            page.wait_for_timeout(250)
        idle(page)  # the call is over and the page redrawn
        ended = controls(page)
        assert samples and all(s is not None for s in samples), f"Stop call was missing at moments: {samples}"
        live = [s for s in samples if s is not None and s["enabled"]]
        print(f"\n{size} {width}x{height}: Stop call's bottom edge (y) at " + ", ".join(
            f"{s['status'].split(' · ', 1)[-1]}: {s['bottom']:.0f}" for s in (live[0], live[len(live) // 2], live[-1], ended)
        ) + " (start, middle, last live moment, ended)")  # fmt: skip
        assert not ended["enabled"], "the call did not end within a minute"
        assert len({s["status"] for s in live}) >= 6, f"too few moments of the call were seen: {live}"
        for s in live:
            assert s["top"] >= 0 and s["bottom"] <= height, s  # inside the first viewport, whole
            assert s["statusBottom"] is not None and s["statusBottom"] <= height, s
            assert re.search(r"\d+:\d\d", s["status"]), s  # the elapsed time beside it
            assert s["label"].endswith(f"Stop call with {name}") and s["primary"], s
            assert s["scrolled"] == 0, s  # the growing transcript never moved the page
        assert max(s["bottom"] for s in live) - min(s["bottom"] for s in live) <= 2, "Stop call moved during the call"
        assert ended["bottom"] <= height, ended  # over: still in view, disabled
        expect(outcome_card(page)).to_be_in_viewport()
        assert_no_exception_box(page)


def test_new_customer_mid_call_asks_and_the_strip_brings_the_call_back(browser: Browser, fast_app: RunningApp) -> None:
    with browser_page(browser, 1440, 900) as page:
        ready_to_call(page, fast_app, "Leela Menon", "98555 10003")
        pick_pace(page, "1×")  # a call of minutes: it is still running when the test comes back to it
        start_button(page).click()
        expect(panel(page).locator(CHAT).first).to_be_visible(timeout=20_000)
        page.wait_for_function("location.search.includes('call=')")
        call_params = query_params(page)
        dialog = page.get_by_role("dialog")

        page.get_by_role("button", name="New customer").click()
        expect(dialog).to_contain_text(
            "The call with Leela Menon is running. Leave it running and start a new customer?"
        )
        dialog.get_by_role("button", name="Stay on the call").click()
        expect(dialog).to_have_count(0)
        expect(name_field(page)).to_have_value("Leela Menon")
        expect(page.locator(STOP)).to_be_enabled()

        page.get_by_role("button", name="New customer").click()
        dialog.get_by_role("button", name="Start a new customer").click()
        expect(dialog).to_have_count(0)
        strip = page.locator(".st-key-running_strips")
        expect(strip).to_contain_text(re.compile(r"Call with Leela Menon running · \d+:\d\d"))
        expect(strip).to_be_in_viewport()
        first = strip.inner_text()
        expect(strip).not_to_have_text(first, timeout=5_000)  # its clock runs
        page.screenshot(path=str(ARTIFACTS / "controls-running-strip.png"))

        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Transcripts").click()
        expect(page.get_by_role("heading", name="Transcripts")).to_be_visible()
        expect(strip).to_contain_text("Call with Leela Menon running")
        strip.get_by_role("link", name="Back to the call").click()
        expect(page.get_by_role("heading", name="Live sales-call demo")).to_be_visible()
        expect(strip).to_have_count(0)  # the call on screen is the running one
        expect(name_field(page)).to_have_count(1)
        expect(name_field(page)).to_have_value("Leela Menon")
        expect(page.locator(STOP)).to_be_enabled()
        expect(page.locator(STOP)).to_be_in_viewport()
        page.wait_for_function("location.search.includes('call=')")
        assert parse_qs(query_params(page)) == parse_qs(call_params), (query_params(page), call_params)
        page.locator(STOP).click()
        expect(page.locator(STOP)).to_be_disabled(timeout=15_000)
        assert_no_exception_box(page)


def test_start_call_on_a_phone_brings_the_call_panel_into_view(browser: Browser, fast_app: RunningApp) -> None:
    with browser_page(browser, 390, 844) as page:
        ready_to_call(page, fast_app, "Imran Qureshi", "98555 10004")
        start_button(page).scroll_into_view_if_needed()
        below = page.evaluate(CONTROLS.replace("stop_call", "start_call"))["scrolled"]
        assert below > 844, f"Start call is only {below} px down: this phone layout proves nothing"
        start_button(page).click()
        expect(panel(page).locator(CHAT).first).to_be_visible(timeout=20_000)
        expect(page.locator(STOP)).to_be_in_viewport()  # the panel came into view (Start call was > 844 px down)
        page.screenshot(path=str(ARTIFACTS / "controls-phone-start.png"))
        assert_no_exception_box(page)
