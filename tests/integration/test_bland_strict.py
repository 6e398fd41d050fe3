"""Bland as it really behaves, against a test server as strict as Bland: recordings need the key, `end_at` is the
max_duration deadline, a stopped call still settles, and the organisation's rate limit is respected."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from salesbot.bootstrap import App, build_app
from salesbot.errors import TelephonyError
from salesbot.models import ENDED_BY_PRESENTER, CallStatus, Speaker
from salesbot.settings import load_settings
from tests.conftest import FakeClock, script_for, start
from tests.fakes.bland_server import LINES, BlandServer, BlandState


@pytest.fixture
def bland(clock: FakeClock) -> Iterator[BlandServer]:
    """Bland on the test's hand clock, which the app shares: a call moves on when the test moves the clock."""
    with BlandServer(BlandState(clock=clock)) as server:
        yield server


def bland_app(bland: BlandServer, tmp_path: Path, **env: str) -> App:
    settings = {"SALESBOT_DB_PATH": str(tmp_path / "b.db"), "BLAND_API_KEY": bland.state.api_key,
                "BLAND_BASE_URL": bland.url, "BLAND_TIMEOUT_SECONDS": "1", "SALESBOT_PROVIDER_POLL_SECONDS": "0", "SALESBOT_SCRIPT_LINE_SECONDS": "0",
                **env}  # fmt: skip
    return build_app(load_settings(env=settings), clock=bland.state.clock)


def placed(app: App) -> int:
    return start(app, script_for(app), "attempt-1", consent=True).id


def settle(app: App, call_id: int, seconds: float = 10) -> None:
    """Refresh every 0.1 s of the shared clock until the call is over."""
    clock = app.calls.telephony.clock  # type: ignore[attr-defined]  # Bland's, shared with the app
    assert isinstance(clock, FakeClock)
    deadline = clock() + timedelta(seconds=seconds)
    while not app.calls.refresh_call(call_id).call.status.is_final:
        assert clock() < deadline, "the call never settled"
        clock.advance(0.1)


def test_the_recording_is_fetched_on_the_server_with_the_key(bland: BlandServer, tmp_path: Path) -> None:
    app = bland_app(bland, tmp_path)
    call_id = placed(app)
    settle(app, call_id)
    call = app.calls.get_call(call_id)
    assert call.recording_url
    assert requests.get(call.recording_url, timeout=5).status_code == 401  # a browser given the link gets nothing
    audio = app.calls.recording(call)
    assert audio and audio.startswith(b"ID3")
    foreign = call.model_copy(
        update={"id": call.id + 1000, "recording_url": call.recording_url.replace("127.0.0.1", "localhost")}
    )
    before = len(bland.state.requests)
    with pytest.raises(TelephonyError, match="not fetched"):  # another host: refused, never requested (issue 25)
        app.calls.recording(foreign)
    assert len(bland.state.requests) == before


@pytest.mark.parametrize(
    ("link", "fetched"),
    [
        ("https://api.bland.ai/v1/recordings/abc", True),
        ("https://cdn.bland.ai/rec/abc.mp3", True),
        ("https://bland.ai:443/rec/abc.mp3", True),
        ("http://api.bland.ai/v1/recordings/abc", False),  # not https: the key would cross the network in clear
        ("https://api.bland.ai:8443/v1/recordings/abc", False),  # Bland's name, another port
        ("https://bland.ai.evil.example/rec.mp3", False),
        ("https://evilbland.ai/rec.mp3", False),
        ("https://user:pw@api.bland.ai/rec.mp3", False),
        ("http://localhost:9250/internal", False),
        ("file:///etc/passwd", False),
        ("https://api.bland.ai:notaport/rec.mp3", False),
    ],
)
def test_recordings_come_only_from_bland_itself(link: str, fetched: bool) -> None:
    from salesbot.telephony.bland_client import BlandClient

    client = BlandClient("bl-key", "https://api.bland.ai")
    assert client._is_bland(link) is fetched


def test_the_real_length_is_stored_not_the_max_duration_deadline(bland: BlandServer, tmp_path: Path) -> None:
    app = bland_app(bland, tmp_path)
    call_id = placed(app)
    settle(app, call_id)
    call = app.calls.get_call(call_id)
    assert call.duration_seconds is not None and 0 < call.duration_seconds < 10  # not 5:00
    assert call.ended_at is not None and call.ended_at <= datetime.now(UTC)  # not in the future


def test_answered_by_is_asked_for_so_voicemail_is_its_own_outcome(bland: BlandServer, tmp_path: Path) -> None:
    bland.state.outcome = "voicemail"
    app = bland_app(bland, tmp_path)
    call_id = placed(app)
    settle(app, call_id)
    call = app.calls.get_call(call_id)
    assert next(iter(bland.state.calls.values()))["payload"]["answered_by_enabled"] is True
    assert any(u.text == "Reached voicemail." for u in call.utterances)
    assert call.analysis is not None and call.analysis.outcome.value == "voicemail"


def test_tabs_watching_one_call_share_one_request_per_second(bland: BlandServer, tmp_path: Path) -> None:
    bland.state.line_every_s = 1.0
    app = bland_app(bland, tmp_path, SALESBOT_PROVIDER_POLL_SECONDS="1")
    call_id = placed(app)
    before = bland.state.count("GET", f"/v1/calls/{next(iter(bland.state.calls))}")
    stop = time.monotonic() + 3

    def tab() -> None:
        while time.monotonic() < stop:
            app.calls.refresh_call(call_id)
            time.sleep(0.1)

    tabs = [threading.Thread(target=tab) for _ in range(3)]
    for t in tabs:
        t.start()
    for t in tabs:
        t.join()
    gets = bland.state.count("GET", f"/v1/calls/{next(iter(bland.state.calls))}") - before
    assert 2 <= gets <= 4  # three tabs polling ten times a second for 3 s: about one request a second


def test_a_rate_limited_poll_backs_off_instead_of_hammering(bland: BlandServer, tmp_path: Path) -> None:
    app = bland_app(bland, tmp_path)
    call_id = placed(app)
    bland.state.rate_limit_per_s = 0  # every request from now on answers 429
    first = app.calls.refresh_call(call_id)
    assert first.problem and "429" in first.problem
    sent = len(bland.state.requests)
    for _ in range(5):
        later = app.calls.refresh_call(call_id)
        assert later.problem and "slow down" in later.problem
    assert len(bland.state.requests) == sent  # nothing more was asked while backing off
    assert not app.calls.get_call(call_id).status.is_final  # the call is not given up


def test_a_stopped_call_keeps_the_last_lines_bland_returns_then_the_presenters_line(
    bland: BlandServer, tmp_path: Path, clock: FakeClock
) -> None:
    bland.state.line_every_s, bland.state.transcript_lag_s = 0.4, 0.3  # lines said at 0.6, 1.0, 1.4 … s
    app = bland_app(bland, tmp_path)
    call_id = placed(app)
    clock.advance(1.2)  # the second line is said, not yet in Bland's transcript
    assert len(app.calls.refresh_call(call_id).call.utterances) == 1
    assert app.calls.stop_call(call_id).call.status is CallStatus.FINISHING
    assert app.calls.stop_call(call_id).problem is None  # a second Stop changes nothing
    settle(app, call_id)
    call = app.calls.get_call(call_id)
    assert call.status is CallStatus.STOPPED
    assert [u.text for u in call.utterances] == [text for _, text in LINES[:2]] + [ENDED_BY_PRESENTER]
    assert call.utterances[-1].speaker is Speaker.SYSTEM
    assert app.calls.refresh_call(call_id).call.utterances == call.utterances  # added once


def test_a_stopped_call_still_gets_its_last_lines_summary_and_recording(
    bland: BlandServer, tmp_path: Path, clock: FakeClock
) -> None:
    bland.state.line_every_s = 0.4
    app = bland_app(bland, tmp_path)
    call_id = placed(app)
    clock.advance(1.0)
    assert app.calls.stop_call(call_id).call.status is CallStatus.FINISHING
    settle(app, call_id)
    call = app.calls.get_call(call_id)
    assert call.status is CallStatus.STOPPED and call.recording_url and call.analysis is not None
