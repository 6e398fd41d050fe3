"""Replay in a real browser at 4× ends in about a quarter of the call's time, going on from where it was; Skip to
the end shows the whole call and its outcome at once (issue 22)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from salesbot.models import Outcome, Speaker
from salesbot.storage.sqlite import SQLiteStore
from tests.browser.harness import RunningApp
from tests.browser.test_presenter_live import (
    CHAT,
    assert_no_exception_box,
    browser_page,
    open_presenter,
    outcome_card,
    panel,
    replay_badge,
    running,
)
from tests.builders import a_finished_call

pytestmark = [pytest.mark.browser, pytest.mark.timed]
LINES, EVERY = 10, 2.0  # a finished call of ten lines, two seconds apart: its replay at 1× lasts 20 s
LENGTH = LINES * EVERY


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningApp, int]]:
    """The app over a database holding one finished call (a meeting booked), and that call's id."""
    tmp_path: Path = tmp_path_factory.mktemp("replay")
    said = [
        (Speaker.AGENT if i % 2 == 0 else Speaker.CUSTOMER, f"This is line {i + 1} of the call.") for i in range(LINES)
    ]
    call_id = a_finished_call(SQLiteStore(tmp_path / "browser.db"), lines=said, outcome=Outcome.MEETING_BOOKED,
                              seconds=LENGTH, first=EVERY, every=EVERY)  # fmt: skip
    with running(tmp_path, {}) as app:
        yield app, call_id


def speed(page: Page, label: str) -> None:
    page.locator(".st-key-replay_speed").get_by_role("radio", name=label).click()


def test_a_replay_at_four_times_ends_in_about_a_quarter_of_the_time(
    browser: Browser, seeded: tuple[RunningApp, int]
) -> None:
    app, call_id = seeded
    with browser_page(browser) as page:
        opened = time.monotonic()
        open_presenter(page, app, f"/?replay={call_id}")  # the replay starts at 1×
        expect(replay_badge(page)).to_be_visible()
        speed(page, "4×")
        clicked = time.monotonic()
        expect(panel(page).get_by_text("· 4×")).to_be_visible()
        counts = []
        while time.monotonic() - clicked < LENGTH:
            counts.append(panel(page).locator(CHAT).count())
            if counts[-1] >= LINES:
                break
            page.wait_for_timeout(100)
        took = time.monotonic() - clicked
        assert counts[-1] == LINES, counts
        assert counts == sorted(counts) and len(set(counts)) >= 3, counts  # on from where it was, line by line
        left_at_click = LENGTH - (clicked - opened)  # at least this much of the call was still to come
        assert left_at_click / 4 - 1.0 <= took <= LENGTH / 4 + 2.0, f"{took:.1f} s at 4× for a {LENGTH:.0f} s call"
        expect(outcome_card(page)).to_contain_text("Outcome: meeting booked")
        assert_no_exception_box(page)


def test_skip_to_the_end_shows_the_whole_call_and_its_outcome_at_once(
    browser: Browser, seeded: tuple[RunningApp, int]
) -> None:
    app, call_id = seeded
    with browser_page(browser) as page:
        open_presenter(page, app, f"/?replay={call_id}")
        expect(replay_badge(page)).to_be_visible()
        page.locator(".st-key-skip_replay button").click()
        clicked = time.monotonic()
        expect(outcome_card(page)).to_contain_text("Outcome: meeting booked", timeout=3_000)
        expect(panel(page).locator(CHAT)).to_have_count(LINES, timeout=1_000)
        assert time.monotonic() - clicked < 3.0
        expect(panel(page).get_by_text("0:20 of 0:20 · 1×")).to_be_visible()
        expect(page.locator(".st-key-skip_replay")).to_have_count(0)
        assert_no_exception_box(page)
