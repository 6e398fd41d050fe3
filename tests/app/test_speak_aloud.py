"""Speak aloud under AppTest: a switch for simulated calls, off by default; on, the call panel hands the browser
the finished lines as data (off: no lines, which silences the browser); Stop call and Replay (issue 20)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import outcome, refresh_until
from tests.conftest import ROOT
from tests.fakes.bland_server import BlandServer

OFF = {"on": False, "switch": "speak_aloud"}


def speech(at: AppTest) -> dict[str, Any]:
    """The data of the one speech element on the page (other page elements are components too)."""
    [element] = [e for e in at.get("bidi_component") if e.proto.component_name.endswith("salesbot_speech")]
    data: dict[str, Any] = json.loads(element.proto.json)
    return data


def stored_lines(db: Path) -> list[dict[str, str]]:
    with sqlite3.connect(db) as conn:
        [(utterances,)] = conn.execute("SELECT utterances FROM call_transcripts").fetchall()
    return [
        {"id": u["id"], "speaker": u["speaker"], "text": u["text"]}
        for u in json.loads(utterances)
        if u["speaker"] != "system"
    ]


def test_the_switch_is_off_by_default_and_then_gives_the_browser_no_lines(
    presenter: AppTest, fill_form: Callable[..., AppTest]
) -> None:
    fill_form(presenter).button(key="generate").click().run()
    assert presenter.toggle(key="speak_aloud").value is False
    assert not [e for e in presenter.get("bidi_component") if e.proto.component_name.endswith("salesbot_speech")]
    presenter.button(key="start_call").click().run()
    refresh_until(presenter, outcome, every=0.2)
    assert speech(presenter) == OFF


def test_switched_on_the_panel_gives_each_finished_line_as_data_and_off_silences_it(
    presenter: AppTest, fill_form: Callable[..., AppTest], app_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESBOT_SIM_SPEED", "20")  # still live when the page first draws it, on a busy machine too
    fill_form(presenter).button(key="generate").click().run()
    presenter.toggle(key="speak_aloud").set_value(True).run()
    presenter.button(key="start_call").click().run()
    assert not presenter.exception
    data = speech(presenter)
    assert data["on"] is True and data["live"] is True and data["call"].startswith("call-")
    refresh_until(presenter, outcome, seconds=60, every=0.2)
    data = speech(presenter)
    lines = stored_lines(app_env)
    assert len(lines) > 10
    assert [{k: line[k] for k in ("id", "speaker", "text")} for line in data["lines"]] == lines  # no "Call ended."
    assert data["lang"] == "en" and data["live"] is False and data["hush"] is False
    assert data["stop"] == "stop_call" and data["switch"] == "speak_aloud"

    presenter.toggle(key="speak_aloud").set_value(False).run()
    assert speech(presenter) == OFF


def test_stop_call_silences_the_speech(
    presenter: AppTest, fill_form: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESBOT_SIM_SPEED", "1")  # a call that lasts minutes
    fill_form(presenter).button(key="generate").click().run()
    presenter.toggle(key="speak_aloud").set_value(True).run()
    presenter.button(key="start_call").click().run()
    assert speech(presenter)["hush"] is False
    presenter.button(key="stop_call").click().run()
    assert not presenter.exception
    data = speech(presenter)
    assert data["on"] is True and data["hush"] is True and data["live"] is False


def test_a_replay_is_spoken_under_its_own_key(presenter: AppTest, fill_form: Callable[..., AppTest]) -> None:
    fill_form(presenter).button(key="generate").click().run()
    presenter.toggle(key="speak_aloud").set_value(True).run()
    presenter.button(key="start_call").click().run()
    refresh_until(presenter, outcome, every=0.2)
    call_key = speech(presenter)["call"]
    presenter.button(key="replay_current").click().run()
    data = speech(presenter)
    assert data["call"].startswith(call_key.replace("call-", "replay-") + "-")  # a new key: its lines said again
    assert data["stop"] == "end_replay" and data["live"] is True and data["lang"] == "en"


@pytest.fixture
def bland_page(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    with BlandServer() as server:
        monkeypatch.setenv("BLAND_API_KEY", server.state.api_key)
        monkeypatch.setenv("BLAND_BASE_URL", server.url)
        at = AppTest.from_file(str(ROOT / "salesbot_pages.py"), default_timeout=30)
        at.run()
        yield at


def test_real_calls_have_no_switch(bland_page: AppTest, fill_form: Callable[..., AppTest]) -> None:
    fill_form(bland_page).button(key="generate").click().run()
    assert not bland_page.exception
    assert not [t for t in bland_page.toggle if t.key == "speak_aloud"]
