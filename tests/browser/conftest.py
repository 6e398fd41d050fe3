"""Real-browser fixtures: the app served by `streamlit run` on a free port, driven by Debian's chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.harness import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, RunningApp, start_app, stop_app

__all__ = ["ARTIFACTS", "RunningApp"]


@pytest.fixture
def app_server(tmp_path: Path) -> Iterator[RunningApp]:
    app = start_app(tmp_path, {})
    yield app
    stop_app(app)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()
