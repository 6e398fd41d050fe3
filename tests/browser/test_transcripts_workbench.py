"""The Transcripts page as a workbench in a real browser (issue 23): the open call beside the table at 1440×900 with
its first lines on the first screen and no sideways scrolling, the call first on a 390 px phone, Previous/Next by
keyboard, and a call in progress followed until its analysis shows."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from salesbot.bootstrap import build_app
from salesbot.models import CallFilter, CustomerForm, Outcome, ScriptOptions, Speaker
from salesbot.settings import load_settings
from salesbot.storage.sqlite import SQLiteStore
from tests.app.transcripts_data import START, store
from tests.browser.harness import RunningApp
from tests.browser.test_presenter_live import assert_no_exception_box, browser_page, running
from tests.browser.transcripts_page import heading, idle
from tests.builders import ASHA, a_finished_call
from tests.conftest import start

# timed: layout, scrolling and a live call followed are measured as they happen, so they run alone (a busy machine draws late and fails them)
pytestmark = [pytest.mark.browser, pytest.mark.timed]
A, C = Speaker.AGENT, Speaker.CUSTOMER
ENV = {"SALESBOT_SIM_SPEED": "12", "SALESBOT_SIM_PERSONA": "ready", "SALESBOT_SCRIPT_LINE_SECONDS": "0"}
NAMES = ["Asha Rao", "Ravi Kumar", "Meera Iyer", "Fatima Gupta", "Diego Tan", "Lena Tan"]
OUTCOMES = [Outcome.MEETING_BOOKED, Outcome.FOLLOW_UP, Outcome.NOT_INTERESTED, Outcome.INTERESTED]
# Measured in the page: the calls table's grid and the page itself against their visible widths, and where the open
# call's heading and first line are against the window.
LAYOUT = """() => {
  const rect = (sel) => { const e = document.querySelector(sel); return e && e.getBoundingClientRect().toJSON(); };
  const grid = document.querySelector('.st-key-calls_table .dvn-scroller');
  return {
    grid: grid && {scroll: grid.scrollWidth, client: grid.clientWidth},
    page: {scroll: document.documentElement.scrollWidth, client: window.innerWidth},
    table: rect('.st-key-calls_table'), call: rect('.st-key-call_view'),
    heading: rect('.st-key-call_view h3'), line: rect('.st-key-call_view [data-testid="stChatMessage"]'),
  };
}"""


SCROLL_TO_END = """() => {
  const main = document.querySelector('[data-testid="stMain"]');  // Streamlit's scrolling pane
  main.scrollTop = main.scrollHeight;
  return main.scrollTop;
}"""


@pytest.fixture(scope="module")
def workbench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningApp, list[int]]]:
    """Thirty calls (newest last in the list), half of them placed by a signed-in user, all with a greeting and a
    reply that mentions the price; an app that plays simulated calls at 12× speed (a call of 1:49 in 9 s)."""
    tmp = tmp_path_factory.mktemp("workbench")
    db = tmp / "browser.db"
    s = store(db)
    ids = [stored_call(s, i) for i in range(30)]
    with running(tmp, {"SALESBOT_DB_PATH": str(db), **ENV}) as app:
        yield app, ids


def stored_call(s: SQLiteStore, i: int) -> int:
    name = NAMES[i % 6]
    said = [(A, f"Good day {name}, this is Maya from Acme Cloud."), (C, f"What would the price be for {i + 3} seats?")]
    by = "priya.sharma@acme-sales.example" if i % 2 else ""
    return a_finished_call(s, name, lines=said * 3, phone=f"98765 432{i % 6:02d}", outcome=OUTCOMES[i % 4],
                           when=START.replace(day=1 + i % 28, hour=9 + i % 9), seconds=40 + 7 * i, created_by=by,
                           script="[Opener]\nHello.", first=5)  # fmt: skip


def layout(page: Page) -> dict[str, dict[str, float]]:
    page.locator(".st-key-call_view [data-testid='stChatMessage']").first.wait_for()
    page.locator(".st-key-calls_table .dvn-scroller").wait_for(state="attached")
    page.wait_for_timeout(500)  # the grid sizes its columns after it is drawn
    return page.evaluate(LAYOUT)  # type: ignore[no-any-return]


@pytest.mark.parametrize("query", ["", "q=price&"], ids=["all", "search"])
def test_at_1440_the_call_is_beside_the_table_in_view_and_nothing_scrolls_sideways(
    browser: Browser, workbench: tuple[RunningApp, list[int]], query: str
) -> None:
    app, ids = workbench
    with browser_page(browser, 1440, 900) as page:
        page.goto(f"{app.url}/transcripts?{query}call={ids[20]}")
        idle(page)
        assert heading(page).startswith(f"Call #{ids[20]} · ")
        seen = layout(page)
        assert seen["grid"]["scroll"] <= seen["grid"]["client"], seen  # every column, Placed by and Match too
        assert seen["page"]["scroll"] <= seen["page"]["client"], seen
        assert seen["call"]["left"] >= seen["table"]["right"], seen  # beside the table, not under it
        assert seen["heading"]["top"] >= 0 and seen["line"]["top"] + 40 <= 900, seen  # heading and first line shown
        if query:
            expect(page.locator(".st-key-call_view").get_by_text("Match 1 of 3")).to_be_visible()
        scrolled = page.evaluate(SCROLL_TO_END)  # down to the figures under the table: the call stays in view
        top = page.locator(".st-key-call_view h3").bounding_box()
        assert scrolled > 200 and top is not None and 0 <= top["y"] <= 100, (scrolled, top)
        assert_no_exception_box(page)


def test_previous_and_next_call_by_keyboard(browser: Browser, workbench: tuple[RunningApp, list[int]]) -> None:
    app, ids = workbench
    with browser_page(browser, 1440, 900) as page:
        page.goto(f"{app.url}/transcripts?sort=oldest&call={ids[5]}")
        idle(page)
        assert heading(page).startswith(f"Call #{ids[5]} · ")
        before = page.get_by_role("button", name=re.compile("^Previous call"))
        before.focus()
        page.keyboard.press("Tab")  # the next stop after Previous call is Next call
        expect(page.get_by_role("button", name=re.compile("^Next call"))).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name=re.compile(r"^Call #"))).to_have_text(re.compile(f"^Call #{ids[6]} "))
        page.wait_for_function("id => new RegExp(`call=${id}(&|$)`).test(location.search)", arg=ids[6])
        idle(page)  # that run has finished: the shortcut starts a run of its own
        page.keyboard.press("k")  # Previous call's shortcut
        expect(page.get_by_role("heading", name=re.compile(r"^Call #"))).to_have_text(re.compile(f"^Call #{ids[5]} "))
        page.wait_for_function("id => new RegExp(`call=${id}(&|$)`).test(location.search)", arg=ids[5])  # the URL too
        assert_no_exception_box(page)


def test_on_a_phone_the_call_comes_first(browser: Browser, workbench: tuple[RunningApp, list[int]]) -> None:
    app, ids = workbench
    with browser_page(browser, 390, 844) as page:
        page.goto(f"{app.url}/transcripts?call={ids[3]}")
        idle(page)
        assert heading(page).startswith(f"Call #{ids[3]} · ")
        seen = layout(page)
        assert seen["call"]["bottom"] <= seen["table"]["top"], seen  # the call above the table
        assert seen["heading"]["bottom"] <= 844 and seen["page"]["scroll"] <= seen["page"]["client"], seen
        assert_no_exception_box(page)


def test_a_call_in_progress_is_followed_until_its_analysis_shows(
    browser: Browser, workbench: tuple[RunningApp, list[int]]
) -> None:
    app, _ = workbench
    placing = build_app(load_settings(env={"SALESBOT_DB_PATH": str(app.db_path.parent / "browser.db"), **ENV}))
    customer = placing.presenter.save_customer(CustomerForm(**{**ASHA, "name": "Live Caller"}))
    draft = placing.presenter.write_script(customer.id, ScriptOptions())
    list(draft)
    assert draft.script is not None
    call = start(placing, draft.script, "browser-live")
    with browser_page(browser, 1440, 900) as page:
        page.goto(f"{app.url}/transcripts?call={call.id}")
        view = page.locator(".st-key-call_view")
        expect(view.get_by_text("still going")).to_be_visible()
        status = view.get_by_text(re.compile(r"In progress · \d+:\d\d · \d+ lines?$"))
        expect(status).to_be_visible()
        first = status.inner_text()
        expect(status).not_to_have_text(first)  # time and lines move on, with no click
        outcome = view.locator("[data-testid='stMarkdown']").filter(has_text=re.compile(r"^Outcome: "))
        expect(outcome.first).to_be_visible(timeout=20_000)  # the call ended: its analysis, no click needed
        expect(view.get_by_text("still going")).to_have_count(0)
        assert heading(page) == f"Call #{call.id} · Live Caller"
        assert_no_exception_box(page)
    assert len(placing.archive.find_calls(CallFilter(), page_size=100).rows) == 31  # following placed nothing
