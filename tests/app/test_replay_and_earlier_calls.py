"""Earlier calls say what came of each call, how long and when; a replay runs at 1×, 2× or 4× or skips to the end;
Regenerate streams the new version into the editor's place as text, its line breaks kept (issue 22)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from salesbot.clock import utc_now
from salesbot.models import NOBODY_ANSWERED, CallStatus, Outcome, Speaker
from salesbot.storage import CallChanges, NewCall
from salesbot.ui import replay_panel
from salesbot.ui.session import KEY, PresenterSession
from tests.app.transcripts_data import add_call, store
from tests.conftest import ROOT

A, C = Speaker.AGENT, Speaker.CUSTOMER
BOOKED = [(A, "Hello Asha, this is Maya."), (C, "Hi."), (A, "Shall we meet on Thursday at 3?"), (C, "Thursday works.")]


class HandClock:
    """The replay's monotonic clock, moved on by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def hand_clock(monkeypatch: pytest.MonkeyPatch) -> HandClock:
    clock = HandClock()
    monkeypatch.setattr(replay_panel, "clock", clock)
    return clock


def presenter_at(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "salesbot_pages.py"), default_timeout=30)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def session_of(at: AppTest) -> PresenterSession:
    session: PresenterSession = at.session_state[KEY]
    return session


def caption(at: AppTest, pattern: str) -> str:
    return next((c.value for c in at.caption if re.fullmatch(pattern, c.value)), "")


def test_earlier_calls_show_outcome_length_and_date_and_a_running_call_to_show(app_env: Path) -> None:
    voicemail = add_call(app_env, "Asha Rao", [(C, "Leave a message after the tone.")], outcome=Outcome.VOICEMAIL,
                         seconds=30)  # fmt: skip
    no_answer = add_call(app_env, "Asha Rao", [], hours=1, status=CallStatus.FAILED, outcome=None, seconds=None)
    store(app_env).update_call(no_answer, CallChanges(error_message=NOBODY_ANSWERED))
    booked = add_call(app_env, "Asha Rao", BOOKED, hours=2.5, outcome=Outcome.MEETING_BOOKED, seconds=156)
    db = store(app_env)
    script = db.list_scripts(1)[0]
    running, _ = db.create_call(NewCall(1, script.id, "+919876543210", "simulated", "running-key"))
    # placed at a twentieth of real time, so it is still running while the test looks at it
    db.update_call(running.id, CallChanges(status=CallStatus.IN_PROGRESS, provider_call_id="sim-0.05x-p.ready-running-key",
                                           started_at=utc_now() - timedelta(seconds=42)))  # fmt: skip

    at = presenter_at({"customer": "1"})
    picker = at.selectbox(key="earlier_call")
    labels = picker.options
    assert len(labels) == 4
    assert re.fullmatch(rf"#{running.id} · In progress · 0:4\d so far · \d+ \w{{3}} \d{{4}}, \d\d:\d\d · Ready to book",
                        labels[0]), labels  # fmt: skip
    assert labels[1:] == [
        f"#{booked} · Meeting booked · 2:36 · 2 Nov 2026, 11:30",
        f"#{no_answer} · No answer · 0:00 · 2 Nov 2026, 10:00",
        f"#{voicemail} · Voicemail · 0:30 · 2 Nov 2026, 09:00",
    ]
    assert not [x for x in labels if "completed" in x or "failed" in x]  # what happened, not a status

    picker.set_value(running.id).run()  # a running call: Show it (and follow it), no Replay
    assert at.button(key="replay_earlier").disabled and not at.button(key="show_earlier").disabled
    assert any("still running" in c.value for c in at.caption)
    at.button(key="show_earlier").click().run()
    assert not at.exception and session_of(at).call_id == running.id

    at.selectbox(key="earlier_call").set_value(booked).run()
    assert not at.button(key="replay_earlier").disabled
    at.button(key="replay_earlier").click().run()
    assert not at.exception
    replay = session_of(at).replay
    assert replay is not None and replay.call.id == booked


def lines_shown(at: AppTest) -> int:
    return len(at.get("chat_message"))


def test_replay_speed_goes_on_from_the_point_reached_and_skip_shows_the_whole_call(
    app_env: Path, hand_clock: HandClock
) -> None:
    lines = [(A if i % 2 == 0 else C, f"Line number {i} of the call.") for i in range(10)]  # at 5, 10 … 50 s
    call = add_call(app_env, "Asha Rao", lines, outcome=Outcome.INTERESTED, seconds=50)
    at = presenter_at({"customer": "1"})
    at.button(key="replay_earlier").click().run()
    assert at.button_group(key=replay_panel.SPEED_KEY).value == 1.0  # a replay starts at the call's own pace
    assert caption(at, r"0:00 of 0:50 · 1×")

    hand_clock.now += 10  # ten seconds at 1×: two lines
    at.run()
    assert caption(at, r"0:10 of 0:50 · 1×") and lines_shown(at) == 2
    at.button_group(key=replay_panel.SPEED_KEY).set_value(4.0).run()
    assert caption(at, r"0:10 of 0:50 · 4×") and lines_shown(at) == 2  # same point of the call: no jump back
    hand_clock.now += 5  # five seconds at 4×: twenty seconds of the call
    at.run()
    assert caption(at, r"0:30 of 0:50 · 4×") and lines_shown(at) == 6
    at.button_group(key=replay_panel.SPEED_KEY).set_value(2.0).run()
    hand_clock.now += 5
    at.run()
    assert caption(at, r"0:40 of 0:50 · 2×") and lines_shown(at) == 8
    assert not [m for m in at.markdown if m.value.startswith("**Outcome: ")]

    at.button(key="skip_replay").click().run()  # the whole call and its outcome at once, no time passing
    assert not at.exception
    assert lines_shown(at) == 10 and caption(at, r"0:50 of 0:50 · 2×")
    assert any(m.value.startswith("**Outcome: interested**") for m in at.markdown)
    assert not [b for b in at.button if b.key == "skip_replay"] and at.button(key="end_replay")
    replay = session_of(at).replay
    assert replay is not None and replay.finished and replay.call.id == call


@pytest.fixture
def no_rerun(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The page as it stands while the new version streams in: the run after the stream is not started."""
    monkeypatch.setattr(st, "rerun", lambda *args, **kwargs: None)
    yield


def test_regenerate_streams_into_the_editors_place_as_text_with_its_line_breaks(
    presenter: AppTest, fill_form: Callable[..., AppTest], no_rerun: None
) -> None:
    fill_form(presenter, name="**Asha** <b>Rao</b>").button(key="generate").click().run()
    presenter.run()  # the rerun that Generate would have started
    assert presenter.text_area(key="script_editor").value.startswith("[Opener]")
    presenter.button(key="regenerate").click().run()
    assert not presenter.exception
    # where the editor was (after the version picker, before Save edits): the streamed version, as text
    tree = [node for node in presenter.get("text") if node.value.startswith("[Opener]")]
    assert len(tree) == 1 and not [t for t in presenter.text_area if t.key == "script_editor"]
    streamed = tree[0].value
    assert "\n\n[" in streamed and streamed.count("\n") >= 6  # the sections' line breaks kept
    assert "Hello **Asha**, this is Maya" in streamed  # customer text is text: no Markdown, no HTML
    assert not [m for m in presenter.markdown if "[Opener]" in m.value]
    order = [n for n in presenter.main if is_picker(n) or n is tree[0] or is_save(n)]  # the page top to bottom
    assert [kind(n, tree[0]) for n in order] == ["picker", "stream", "save"]


def is_picker(node: object) -> bool:
    return getattr(node, "key", None) == "script_version"


def is_save(node: object) -> bool:
    return getattr(node, "key", None) == "save_edits"


def kind(node: object, stream: object) -> str:
    return "picker" if is_picker(node) else "stream" if node is stream else "save"
