"""The presenter page with BLAND_API_KEY set, against the local Bland-compatible server."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.fakes.bland_server import BlandServer


@pytest.fixture
def bland_app(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[AppTest, BlandServer]]:
    with BlandServer() as server:
        monkeypatch.setenv("BLAND_API_KEY", server.state.api_key)
        monkeypatch.setenv("BLAND_BASE_URL", server.url)
        monkeypatch.setenv("BLAND_TIMEOUT_SECONDS", "1")
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
        at.run()
        yield at, server


def outcome(at: AppTest) -> str:
    return next((m.value for m in at.markdown if m.value.startswith("**Outcome: ")), "")


def test_real_call_needs_consent_then_dials_once_and_plays_the_recording(
    bland_app: tuple[AppTest, BlandServer], fill_form: Callable[..., AppTest]
) -> None:
    at, server = bland_app
    assert any("Bland AI calls" in m.value for m in at.sidebar.markdown)
    fill_form(at).button(key="generate").click().run()
    assert any("at most 5 minutes" in w.value for w in at.warning)
    assert at.button(key="start_call").disabled  # no tick, no call
    at.checkbox(key="consent").check().run()
    at.button(key="start_call").click().run()
    assert not at.exception and not at.error
    assert server.state.count("POST") == 1
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not outcome(at):
        time.sleep(0.3)
        at.button(key="refresh_transcript").click().run()
    assert "**Outcome: interested**" in outcome(at)
    assert at.get("audio")  # the recording player
    assert server.state.count("POST") == 1


def test_refused_number_says_so_and_sends_nothing(
    bland_app: tuple[AppTest, BlandServer], fill_form: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    at, server = bland_app
    monkeypatch.setenv("SALESBOT_ALLOWED_NUMBERS", "+4420*")
    fill_form(at).button(key="generate").click().run()
    at.checkbox(key="consent").check().run()
    at.button(key="start_call").click().run()
    assert any("SALESBOT_ALLOWED_NUMBERS" in e.value for e in at.error)
    assert server.state.requests == []
