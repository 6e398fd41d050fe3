"""Driving the Transcripts page in Chromium: wait for a run to finish, click a table row, read the open call."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
HEADER_PX, ROW_PX = 35, 35  # st.dataframe's header and row heights in Chromium


def idle(page: Page) -> None:
    page.locator(IDLE).wait_for()


def click_row(page: Page, row: int, table: str = "calls_table") -> None:
    """Click a row's Customer cell: the table is drawn on a canvas, so by coordinates, once it is drawn in full and
    in the middle of the screen."""
    grid = page.locator(f".st-key-{table}").first
    expect(grid.locator("canvas").first).to_be_visible()
    wanted = HEADER_PX + ROW_PX * (row + 1)
    page.wait_for_function("([el, px]) => el.getBoundingClientRect().height >= px", arg=[grid.element_handle(), wanted])
    grid.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(200)
    box = grid.bounding_box()
    assert box is not None
    x, y = box["x"] + 140, box["y"] + HEADER_PX + ROW_PX * row + ROW_PX / 2
    page.mouse.move(x, y)  # as a hand does: the grid takes a click on the cell it saw the pointer over
    page.wait_for_timeout(150)
    page.mouse.click(x, y)
    page.wait_for_timeout(300)
    idle(page)


def heading(page: Page) -> str:
    found = page.get_by_role("heading", name=re.compile(r"^Call #\d+ · "))
    expect(found).to_be_visible()
    return found.inner_text()
