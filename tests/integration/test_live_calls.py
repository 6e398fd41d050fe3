"""Live calls as a demo meets them: a second session, a failed start, a provider that fails mid-call, and the
cost of a poll. Real Bland client against the local Bland-compatible server; a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from salesbot.bootstrap import App, build_app
from salesbot.errors import CallRefused, NumberBusy, TelephonyError
from salesbot.models import CallFilter, CallStatus, CustomerForm
from salesbot.services.follow_call import RECOVER_SECONDS
from salesbot.services.place_call import CallRequest
from salesbot.settings import Settings, load_settings
from salesbot.storage.sqlite import SQLiteStore
from salesbot.telephony.simulated import SimulatedTelephony
from tests.builders import ASHA
from tests.conftest import FakeClock, script_for, start
from tests.fakes.bland_server import BlandServer, BlandState


class ShiftedClock:
    """Real time, moved forward by hand (the store stamps rows with real time)."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


@pytest.fixture
def bland(clock: FakeClock) -> Iterator[BlandServer]:
    """Bland on the test's hand clock, from the wall clock's time on (the store stamps rows with real time); an app
    shares it unless the test gives the app a clock of its own."""
    clock.now = datetime.now(UTC)
    with BlandServer(BlandState(clock=clock)) as server:
        yield server


def bland_app(bland: BlandServer, db: Path, clock: Any = None) -> App:
    settings = load_settings(
        env={"SALESBOT_DB_PATH": str(db), "BLAND_API_KEY": bland.state.api_key, "BLAND_BASE_URL": bland.url,
             "BLAND_TIMEOUT_SECONDS": "1", "SALESBOT_PROVIDER_POLL_SECONDS": "0", "SALESBOT_SCRIPT_LINE_SECONDS": "0"}
    )  # fmt: skip
    app = build_app(settings, clock=clock or bland.state.clock)
    app.calls.telephony.client.backoff_s = 0.01  # type: ignore[attr-defined]
    return app


def wait_final(app: App, call_id: int, seconds: float = 10) -> None:
    """Refresh every 0.1 s of the shared clock until the call is over."""
    clock = app.calls.telephony.clock  # type: ignore[attr-defined]  # Bland's, shared with the app
    assert isinstance(clock, FakeClock)
    for _ in range(round(seconds / 0.1)):
        if app.calls.refresh_call(call_id).call.status.is_final:
            return
        clock.advance(0.1)
    raise AssertionError(f"call {call_id} never finished")


def test_a_second_session_cannot_call_a_number_with_an_open_call(bland: BlandServer, tmp_path: Path) -> None:
    first, second = bland_app(bland, tmp_path / "s.db"), bland_app(bland, tmp_path / "s.db")  # two processes
    script = script_for(first)
    call = start(first, script, "tab-1", consent=True)
    with pytest.raises(NumberBusy) as refused:
        start(second, script, "tab-2", consent=True)
    assert refused.value.open_call_id == call.id and f"Call #{call.id}" in refused.value.user_message
    assert start(second, script, "tab-1", consent=True).id == call.id  # the same attempt: that call, no dial
    assert bland.state.count("POST") == 1
    wait_final(first, call.id)
    start(second, script, "tab-2", consent=True)  # the number is free again
    assert bland.state.count("POST") == 2


def test_the_guard_only_looks_back_as_far_as_configured(bland: BlandServer, tmp_path: Path) -> None:
    clock = ShiftedClock()
    app = bland_app(bland, tmp_path / "g.db", clock)
    bland.state.post_mode = "not_json"  # the first call's outcome is unknown and stays open
    script = script_for(app)
    start(app, script, "a1", consent=True)
    bland.state.post_mode = "ok"
    with pytest.raises(NumberBusy):
        start(app, script, "a2", consent=True)
    clock.offset = timedelta(minutes=11)  # past SALESBOT_REDIAL_GUARD_MINUTES (10)
    start(app, script, "a3", consent=True)
    assert bland.state.count("POST") == 2


def test_a_failed_start_is_retried_as_a_new_attempt_with_one_new_request(bland: BlandServer, tmp_path: Path) -> None:
    app = bland_app(bland, tmp_path / "r.db")
    script = script_for(app)
    bland.state.post_mode = "same_number"
    with pytest.raises(TelephonyError, match="10 seconds"):
        start(app, script, "attempt-1", consent=True)
    bland.state.post_mode = "ok"
    assert start(app, script, "attempt-1", consent=True).status is CallStatus.FAILED  # the old key: no resend
    retried = start(app, script, "attempt-2", consent=True)
    assert retried.status is CallStatus.DIALLING and retried.provider_call_id
    assert bland.state.count("POST") == 2


def test_provider_failures_while_a_call_runs_are_reported_not_raised(
    bland: BlandServer, tmp_path: Path, clock: FakeClock
) -> None:
    bland.state.line_every_s = 0.2
    app = bland_app(bland, tmp_path / "f.db")
    call = start(app, script_for(app), "attempt-1", consent=True)
    deadline = clock() + timedelta(seconds=5)
    while len(app.calls.refresh_call(call.id).call.utterances) < 2 and clock() < deadline:
        clock.advance(0.1)
    said = app.calls.refresh_call(call.id).call.utterances
    bland.state.get_failures = 10_000
    live = app.calls.refresh_call(call.id)
    assert live.problem and "Bland" in live.problem
    assert live.call.utterances == said and not live.call.status.is_final
    assert app.calls.refresh_call(call.id).problem  # every tick tries again
    bland.state.get_failures = 0
    wait_final(app, call.id)
    assert len(app.calls.get_call(call.id).utterances) > len(said)


def test_an_unknown_call_whose_lookups_keep_failing_settles_as_not_placed(bland: BlandServer, tmp_path: Path) -> None:
    clock = ShiftedClock()
    app = bland_app(bland, tmp_path / "u.db", clock)
    bland.state.post_mode = "not_json"
    call = start(app, script_for(app), "attempt-1", consent=True)
    assert call.status is CallStatus.UNKNOWN
    bland.state.get_failures = 10_000
    live = app.calls.refresh_call(call.id)
    assert live.call.status is CallStatus.UNKNOWN and live.problem
    clock.offset = timedelta(seconds=RECOVER_SECONDS + 1)
    settled = app.calls.refresh_call(call.id).call
    assert settled.status is CallStatus.FAILED and "not placed" in (settled.error_message or "")
    assert bland.state.count("POST") == 1


def test_a_failed_stop_keeps_the_call_running(
    bland: BlandServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = bland_app(bland, tmp_path / "x.db")
    call = start(app, script_for(app), "attempt-1", consent=True)

    def unreachable(call_id: str) -> None:
        raise TelephonyError("Bland could not be reached to stop the call. Try again.")

    monkeypatch.setattr(app.calls.telephony.client, "stop_call", unreachable)  # type: ignore[attr-defined]
    live = app.calls.stop_call(call.id)
    assert live.problem == "Bland could not be reached to stop the call. Try again."
    assert app.calls.get_call(call.id).status is not CallStatus.STOPPED


def test_a_script_of_another_customer_is_never_used(tmp_path: Path, clock: FakeClock) -> None:
    app = build_app(Settings(db_path=tmp_path / "o.db"), telephony=SimulatedTelephony(clock=clock), clock=clock)
    asha = script_for(app)
    ravi = app.presenter.save_customer(CustomerForm(**{**ASHA, "name": "Ravi", "phone_number": "91234 56789"}))
    with pytest.raises(CallRefused, match="another customer"):
        app.presenter.start_call(CallRequest(ravi.id, asha.id, "k1"))
    assert app.archive.find_calls(CallFilter()).rows == []


class CountingStore:
    """A store that counts the calls made to it, reads and writes apart."""

    WRITES = frozenset({"save_customer", "add_script", "create_call", "update_call", "import_history"})

    def __init__(self, inner: SQLiteStore) -> None:
        self.inner = inner
        self.description = inner.description
        self.reads = self.writes = 0

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            if name in self.WRITES:
                self.writes += 1
            else:
                self.reads += 1
            return method(*args, **kwargs)

        return counted


def test_a_poll_of_an_unchanged_call_reads_once_and_writes_nothing(tmp_path: Path, clock: FakeClock) -> None:
    store = CountingStore(SQLiteStore(tmp_path / "p.db"))
    app = build_app(Settings(), store=store, telephony=SimulatedTelephony(clock=clock), clock=clock)  # type: ignore[arg-type]
    call = start(app, script_for(app), "attempt-1")
    clock.advance(0.5)  # the customer is saying hello (the first line: from 0.4 s, at least 0.8 s long)
    first = app.calls.refresh_call(call.id)
    assert first.speaking is not None
    clock.advance(0.2)  # words move on, nothing new is finished
    store.reads = store.writes = 0
    again = app.calls.refresh_call(call.id)
    assert (store.reads, store.writes) == (1, 0)
    assert again.speaking is not None and len(again.speaking.text) >= len(first.speaking.text)
    clock.advance(3600)
    app.calls.refresh_call(call.id)
    store.reads = store.writes = 0
    assert app.calls.refresh_call(call.id).call.status is CallStatus.COMPLETED
    assert (store.reads, store.writes) == (1, 0)
