"""The Transcripts page in a real browser (issue 12): a click on a row opens the call, a copied URL opens the same view
in a fresh browser, the transcript opens at its match, customer text stays text, Export CSV downloads the filter."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from salesbot.models import Outcome, Speaker
from tests.app.transcripts_data import HOSTILE, add_call
from tests.browser.harness import RunningApp
from tests.browser.test_presenter_live import assert_no_exception_box, browser_page, running
from tests.browser.transcripts_page import click_row, heading, idle

pytestmark = pytest.mark.browser
A, C = Speaker.AGENT, Speaker.CUSTOMER
CHATTER = [(A if i % 2 else C, f"Line {i} about the weather and the roads.") for i in range(40)]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningApp, dict[str, int]]]:
    """One app over calls made for these tests: the newest first, a long one whose match is deep in the call."""
    tmp = tmp_path_factory.mktemp("transcripts")
    db = tmp / "browser.db"
    ids = {
        "long": add_call(
            db,
            "Meera Iyer",
            [*CHATTER, (C, "So what is the price next quarter?"), *CHATTER[:6], (C, "And the price after that?")],
            phone="99887 76655",
        ),
        "asha": add_call(db, "Asha Rao", [(A, "Hello Asha."), (C, "Send me the price list.")], hours=1),
        "ravi": add_call(
            db,
            "Ravi Kumar",
            [(A, "Hello Ravi."), (C, "Not now.")],
            phone="91234 56789",
            hours=2,
            outcome=Outcome.FOLLOW_UP,
        ),
        "hostile": add_call(
            db,
            HOSTILE,
            [(A, f"Hello {HOSTILE}"), (C, "What is the price?")],
            phone="90000 11111",
            hours=3,
            topics=f"{HOSTILE}\n<b>bold</b>",
        ),
    }
    with running(tmp, {"SALESBOT_DB_PATH": str(db)}) as app:
        yield app, ids


def test_clicking_a_row_opens_that_call(browser: Browser, archive: tuple[RunningApp, dict[str, int]]) -> None:
    app, ids = archive
    with browser_page(browser) as page:
        page.goto(f"{app.url}/transcripts")
        idle(page)
        expect(page.get_by_text("No call open: click a row of the table to read it.")).to_be_visible()
        click_row(page, 1)  # newest first: hostile, ravi, asha, long
        assert heading(page) == f"Call #{ids['ravi']} · Ravi Kumar"
        assert f"call={ids['ravi']}" in page.evaluate("location.search")
        click_row(page, 2)
        assert heading(page) == f"Call #{ids['asha']} · Asha Rao"
        page.locator("[data-testid='stExpander'] summary").filter(has_text="Customer: Asha Rao").click()
        idle(page)
        click_row(page, 0, table="customer_calls")  # Asha's newest call: the same one
        assert heading(page) == f"Call #{ids['asha']} · Asha Rao"
        assert_no_exception_box(page)


def test_a_copied_url_shows_the_same_view_in_a_fresh_browser(
    browser: Browser, archive: tuple[RunningApp, dict[str, int]]
) -> None:
    app, ids = archive
    with browser_page(browser) as page:
        page.goto(f"{app.url}/transcripts")
        idle(page)
        page.get_by_role("textbox", name="Search transcripts").fill("price")
        page.keyboard.press("Enter")
        idle(page)
        page.get_by_role("radiogroup", name="Said by").get_by_text("Customer").click()
        idle(page)
        page.get_by_label("Sort by").click()
        page.get_by_role("option", name="Oldest first").click()
        idle(page)
        expect(page.get_by_text(re.compile(r"· 3 calls match$"))).to_be_visible()
        click_row(page, 0)  # oldest first: the long call
        assert heading(page) == f"Call #{ids['long']} · Meera Iyer"
        url = str(page.evaluate("location.href"))
        assert_no_exception_box(page)
    assert "q=price" in url and "said_by=customer" in url and "sort=oldest" in url and f"call={ids['long']}" in url

    with browser_page(browser) as fresh:  # a new context: no cookies, no session, only the URL
        fresh.goto(url)
        idle(fresh)
        expect(fresh.get_by_role("textbox", name="Search transcripts")).to_have_value("price")
        expect(fresh.get_by_role("radio", name="Customer")).to_be_checked()
        expect(fresh.get_by_role("combobox", name="Sort by")).to_have_value("Oldest first")
        expect(fresh.get_by_text(re.compile(r"· 3 calls match$"))).to_be_visible()
        assert heading(fresh) == f"Call #{ids['long']} · Meera Iyer"
        expect(fresh.get_by_text("Match 1 of 2")).to_be_visible()
        assert_match_in_view(fresh, "So what is the")
        fresh.get_by_role("button", name="Next match").click()
        idle(fresh)
        expect(fresh.get_by_text("Match 2 of 2")).to_be_visible()
        assert_match_in_view(fresh, "And the")
        fresh.screenshot(path=str(Path("test-artifacts") / "transcripts-shared-view.png"), full_page=True)
        assert_no_exception_box(fresh)


def assert_match_in_view(page: Page, words: str) -> None:
    """The line with the match in view is inside the transcript box's visible part (the box scrolled to it)."""
    line = page.locator(".st-key-current_match")
    expect(line).to_contain_text(words)
    page.wait_for_function(
        """() => {
          const line = document.querySelector('.st-key-current_match');
          const box = line && line.closest('[class*="st-key-transcript_"]');
          if (!box) return false;
          const l = line.getBoundingClientRect(), b = box.getBoundingClientRect();
          return box.scrollTop > 0 && l.top >= b.top && l.bottom <= b.bottom;
        }"""
    )


def test_an_unsearched_call_opens_at_its_start(browser: Browser, archive: tuple[RunningApp, dict[str, int]]) -> None:
    app, ids = archive
    with browser_page(browser) as page:
        page.goto(f"{app.url}/transcripts?call={ids['long']}")
        idle(page)
        box = page.locator(f".st-key-transcript_{ids['long']}")
        expect(box).to_contain_text("Line 0 about the weather")
        page.wait_for_timeout(500)
        assert box.evaluate("b => b.scrollTop") == 0


def test_customer_text_stays_text(browser: Browser, archive: tuple[RunningApp, dict[str, int]]) -> None:
    app, ids = archive
    with browser_page(browser) as page:
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(f"{app.url}/transcripts?q=price&call={ids['hostile']}")
        idle(page)
        page.locator("[data-testid='stExpander'] summary").filter(has_text="Customer: ").click()
        idle(page)
        expect(page.get_by_text("Topics: ")).to_be_visible()
        shown = heading(page)  # exactly as typed: nothing invisible, no link
        assert shown == f"Call #{ids['hostile']} · {HOSTILE}"
        assert page.locator("img[src*='pixel.png']").count() == 0
        assert page.locator("a[href*='evil.example']").count() == 0
        assert page.locator("[data-testid='stMain'] b", has_text="x").count() == 0
        assert not [u for u in requested if "host/pixel" in u or "evil.example" in u]
        assert_no_exception_box(page)


def test_export_csv_downloads_every_call_matching_the_filter(
    browser: Browser, archive: tuple[RunningApp, dict[str, int]]
) -> None:
    app, _ = archive
    with browser_page(browser) as page:
        page.goto(f"{app.url}/transcripts?outcome=interested")
        idle(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="Export CSV").click()
        data = Path(download.value.path()).read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert sorted(r["customer"] for r in rows) == sorted(["Meera Iyer", "Asha Rao", HOSTILE])
