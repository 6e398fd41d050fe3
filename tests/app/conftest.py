"""AppTest fixtures: each test gets its own SQLite file through the environment."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.builders import ASHA
from tests.conftest import ROOT, FakeClock


@pytest.fixture(scope="session", autouse=True)
def _streamlit_work_once_per_process() -> Iterator[None]:
    """Each AppTest starts a Streamlit runtime of its own, which scans every installed package for components and
    compiles each page anew; a server does both once. So do the tests' processes: the packages and the pages do not
    change while the tests run (a page is compiled again if its file does change)."""
    from streamlit.components.v2 import manifest_scanner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    components = manifest_scanner.scan_component_manifests()
    compile_page = ScriptCache.get_bytecode
    compiled: dict[tuple[str, int, int], Any] = {}

    def bytecode(cache: ScriptCache, script_path: str) -> Any:
        stat = os.stat(script_path)
        key = (os.path.abspath(script_path), stat.st_mtime_ns, stat.st_size)
        if key not in compiled:
            compiled[key] = compile_page(cache, script_path)
        return compiled[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", lambda max_workers=None: components)
        patch.setattr(ScriptCache, "get_bytecode", bytecode)
        yield


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "app.db"
    monkeypatch.setenv("SALESBOT_DB_PATH", str(db))
    monkeypatch.setenv("SALESBOT_SIM_SPEED", "1000")
    monkeypatch.setenv("SALESBOT_SCRIPT_LINE_SECONDS", "0")  # the offline writer writes at once
    monkeypatch.setenv(
        "SALESBOT_SIM_PERSONA", "ready"
    )  # the same kind of call every run; tests that need another say so
    monkeypatch.chdir(tmp_path)  # no .env or secrets.toml of the developer's leaks in
    return db


@pytest.fixture
def presenter(app_env: Path) -> AppTest:
    at = AppTest.from_file(str(ROOT / "salesbot_pages.py"), default_timeout=30)
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def fill_form() -> Callable[..., AppTest]:
    def fill(at: AppTest, **changes: str) -> AppTest:
        fields = {**ASHA, **changes}
        at.text_input(key="name").input(fields["name"])
        at.text_input(key="phone").input(fields["phone_number"])
        at.text_input(key="email").input(fields["email"])
        at.text_area(key="history").input(fields["conversation_history"])
        at.text_area(key="topics").input(fields["topics"])
        return at

    return fill


def outcome(at: AppTest) -> str:
    """The outcome card's first line, or "" while the call has none."""
    return next((m.value for m in at.markdown if m.value.startswith("**Outcome: ")), "")


def refresh_until(
    at: AppTest,
    done: Callable[[AppTest], object],
    seconds: float = 10,
    every: float = 0.3,
    clock: FakeClock | None = None,
) -> None:
    """Press Refresh transcript, as the live panel's timer would, every `every` seconds until `done(at)` holds or
    time runs out: seconds of `clock` when the provider runs on the test's hand clock (moved on, not waited for)."""
    if clock is not None:
        for _ in range(round(seconds / every)):
            if done(at):
                return
            clock.advance(every)
            at.button(key="refresh_transcript").click().run()
            assert not at.exception
        return
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not done(at):
        time.sleep(every)
        at.button(key="refresh_transcript").click().run()
        assert not at.exception
