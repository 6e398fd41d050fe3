"""Every call settles, and work on a call is done once whoever watches (issue 24): a call Bland keeps answering 404
for, or one open long past any real call's end, is settled as lost with the reason and frees its number; Stop on
such a call ends it here; several processes on one store ask Bland about a call at most once per poll interval.
Real Bland client against the local Bland-compatible server, real SQLite files."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from salesbot.bootstrap import App, build_app
from salesbot.models import CallStatus
from salesbot.services.settle import LOST_AFTER_S, WRAP_UP_S
from salesbot.settings import load_settings
from tests.conftest import FakeClock, script_for, start
from tests.fakes.bland_server import BlandServer, BlandState


@pytest.fixture
def bland(clock: FakeClock) -> Iterator[BlandServer]:
    with BlandServer(BlandState(clock=clock)) as server:
        yield server


def bland_app(bland: BlandServer, db: Path, poll_s: str = "0", clock: Any = None) -> App:
    settings = load_settings(
        env={"SALESBOT_DB_PATH": str(db), "BLAND_API_KEY": bland.state.api_key, "BLAND_BASE_URL": bland.url,
             "BLAND_TIMEOUT_SECONDS": "1", "SALESBOT_PROVIDER_POLL_SECONDS": poll_s,
             "SALESBOT_SCRIPT_LINE_SECONDS": "0"}
    )  # fmt: skip
    return build_app(settings, clock=clock or bland.state.clock)


def test_a_call_bland_has_no_record_of_is_settled_as_lost_and_frees_its_number(
    bland: BlandServer, clock: FakeClock, tmp_path: Path
) -> None:
    app = bland_app(bland, tmp_path / "s.db")
    script = script_for(app)
    call = start(app, script, "first", consent=True)
    bland.state.calls.pop(str(call.provider_call_id))  # Bland's state for the call is gone: 404 from now on
    live = app.calls.refresh_call(call.id)
    assert not live.call.status.is_final and live.problem  # a 404 right after placing may be a delay
    clock.advance(LOST_AFTER_S + 1)
    settled = app.calls.refresh_call(call.id).call
    assert settled.status is CallStatus.FAILED and settled.ended_at is not None
    assert settled.error_message is not None and settled.error_message.startswith("Lost: ")
    assert "number is free" in settled.error_message
    again = start(app, script, "second", consent=True)  # the number is not busy any more
    assert again.id != call.id and again.provider_call_id


def test_stop_call_on_a_lost_call_ends_it_here_with_the_reason(
    bland: BlandServer, clock: FakeClock, tmp_path: Path
) -> None:
    app = bland_app(bland, tmp_path / "s.db")
    call = start(app, script_for(app), "first", consent=True)
    bland.state.calls.pop(str(call.provider_call_id))
    clock.advance(LOST_AFTER_S + 1)
    stopped = app.calls.stop_call(call.id).call
    assert stopped.status is CallStatus.FAILED
    assert stopped.error_message is not None and stopped.error_message.startswith("Lost: ")


def test_a_call_open_long_past_its_maximum_settles_even_when_look_ups_keep_failing(
    bland: BlandServer, clock: FakeClock, tmp_path: Path
) -> None:
    app = bland_app(bland, tmp_path / "s.db")
    call = start(app, script_for(app), "first", consent=True)
    bland.state.get_mode = "unavailable"  # every look-up fails from now on
    clock.advance(5 * 60)  # past Bland's maximum (5 minutes), within the wrap-up window: still open
    assert not app.calls.refresh_call(call.id).call.status.is_final
    clock.advance(WRAP_UP_S + 1)
    settled = app.calls.refresh_call(call.id).call
    assert settled.status is CallStatus.FAILED
    assert settled.error_message is not None and "past its maximum of 5 minutes" in settled.error_message


def test_processes_on_one_store_ask_bland_about_a_call_once_per_poll_interval(
    bland: BlandServer, tmp_path: Path
) -> None:
    """Three processes (three Apps on one SQLite file, each with its own poller), each with tabs refreshing the call
    as fast as they can for 1.5 s: Bland sees about one look-up per 0.5 s, not three."""
    db = tmp_path / "shared.db"
    apps = [bland_app(bland, db, poll_s="0.5") for _ in range(3)]
    call = start(apps[0], script_for(apps[0]), "first", consent=True)
    path = f"/v1/calls/{call.provider_call_id}"
    before = bland.state.count("GET", path)
    began = time.monotonic()
    while time.monotonic() - began < 1.5:
        for app in apps:
            app.calls.refresh_call(call.id)
        time.sleep(0.02)
    looked_up = bland.state.count("GET", path) - before
    assert 2 <= looked_up <= 4, looked_up  # 1.5 s / 0.5 s, plus the first
