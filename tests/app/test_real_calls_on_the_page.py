"""The presenter page with BLAND_API_KEY set, against the local Bland-compatible server."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import outcome, refresh_until
from tests.conftest import ROOT, FakeClock
from tests.fakes.bland_server import BlandServer, BlandState


@pytest.fixture
def bland_app(
    app_env: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> Iterator[tuple[AppTest, BlandServer]]:
    """The page against Bland on the test's hand clock (from the wall clock's time on): a call moves on when the test
    moves the clock, not while it waits."""
    clock.now = datetime.now(UTC)
    with BlandServer(BlandState(clock=clock)) as server:
        monkeypatch.setenv("BLAND_API_KEY", server.state.api_key)
        monkeypatch.setenv("BLAND_BASE_URL", server.url)
        monkeypatch.setenv("BLAND_TIMEOUT_SECONDS", "1")
        monkeypatch.setenv("SALESBOT_PROVIDER_POLL_SECONDS", "0")
        at = AppTest.from_file(str(ROOT / "salesbot_pages.py"), default_timeout=30)
        at.run()
        yield at, server


def test_real_call_needs_consent_then_dials_once_and_plays_the_recording(
    bland_app: tuple[AppTest, BlandServer], fill_form: Callable[..., AppTest], clock: FakeClock
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
    refresh_until(at, outcome, clock=clock)
    assert "**Outcome: meeting booked**" in outcome(at)
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


def test_a_failed_start_is_retried_with_one_click_and_one_new_request(
    bland_app: tuple[AppTest, BlandServer], fill_form: Callable[..., AppTest]
) -> None:
    at, server = bland_app
    fill_form(at).button(key="generate").click().run()
    at.checkbox(key="consent").check().run()
    server.state.post_mode = "same_number"
    at.button(key="start_call").click().run()
    assert not at.exception
    assert any("every 10 seconds" in e.value for e in at.error)
    retry = at.button(key="start_call")
    assert retry.label == "Retry call to Asha Rao" and not retry.disabled
    server.state.post_mode = "ok"
    retry.click().run()
    assert not at.exception and not at.error
    assert server.state.count("POST") == 2
    assert any(m.value.startswith("Calling **Asha Rao**") for m in at.markdown)


def test_bland_failing_mid_call_keeps_the_transcript_and_the_controls(
    bland_app: tuple[AppTest, BlandServer], fill_form: Callable[..., AppTest], clock: FakeClock
) -> None:
    at, server = bland_app
    server.state.line_every_s = 0.3
    fill_form(at).button(key="generate").click().run()
    at.checkbox(key="consent").check().run()
    at.button(key="start_call").click().run()
    refresh_until(at, lambda at: len(lines(at)) >= 2, every=0.2, clock=clock)
    said = lines(at)
    server.state.get_failures = 10_000  # Bland answers 503 to every read from now on
    at.button(key="refresh_transcript").click().run()
    assert not at.exception
    assert any("Bland" in w.value and "Trying again" in w.value for w in at.warning)
    assert lines(at)[: len(said)] == said
    assert not at.button(key="stop_call").disabled
    server.state.get_failures = 0
    refresh_until(at, outcome, seconds=15, clock=clock)
    assert not at.exception and "**Outcome: " in outcome(at)
    assert server.state.count("POST") == 1


def test_a_second_tab_cannot_call_the_number_again_and_can_open_the_call(
    bland_app: tuple[AppTest, BlandServer], fill_form: Callable[..., AppTest]
) -> None:
    at, server = bland_app
    server.state.line_every_s = 2.0  # a long call
    fill_form(at).button(key="generate").click().run()
    at.checkbox(key="consent").check().run()
    at.button(key="start_call").click().run()
    other = AppTest.from_file(str(ROOT / "salesbot_pages.py"), default_timeout=30)
    other.run()
    fill_form(other).button(key="generate").click().run()
    other.checkbox(key="consent").check().run()
    other.button(key="start_call").click().run()
    assert not other.exception
    assert any("Call #1" in e.value and "no second call was placed" in e.value for e in other.error)
    other.button(key="open_busy").click().run()
    assert any(m.value.startswith("Calling **Asha Rao**") for m in other.markdown)
    assert other.button(key="start_call").disabled
    assert server.state.count("POST") == 1


def test_replay_sends_nothing_to_bland(
    bland_app: tuple[AppTest, BlandServer], fill_form: Callable[..., AppTest], clock: FakeClock
) -> None:
    at, server = bland_app
    fill_form(at).button(key="generate").click().run()
    at.checkbox(key="consent").check().run()
    at.button(key="start_call").click().run()
    refresh_until(at, outcome, clock=clock)
    before = len(server.state.requests)
    at.button(key="replay_current").click().run()
    for _ in range(3):
        time.sleep(0.3)
        at.run()
    assert not at.exception and any("REPLAY" in m.value for m in at.markdown)
    assert len(server.state.requests) == before


def lines(at: AppTest) -> list[str]:
    return [t.value for t in at.text]
