"""The call column under AppTest (issue 22): Stop call first while a call runs; New customer and Find ask before
leaving a running call, which stays one click away (a strip, and a link on Transcripts); persona and pace start
clean for another customer and stay for the same one."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from salesbot.text import markdown_literal

ASKED = "The call with **Asha Rao** is running. Leave it running and {what}?"


def keys(at: AppTest) -> list[str]:
    return [b.key for b in at.button if b.key]


def statuses(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT call_status FROM call_transcripts ORDER BY id")]


def strip_texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if " Call with **" in m.value]


def choices(at: AppTest) -> tuple[str, float]:
    return at.selectbox(key="persona").value, at.session_state["pace"]


@pytest.fixture
def live_call(presenter: AppTest, fill_form: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """Asha on screen with a simulated call that runs for minutes."""
    monkeypatch.setenv("SALESBOT_SIM_SPEED", "1")
    fill_form(presenter).button(key="generate").click().run()
    presenter.button(key="start_call").click().run()
    assert not presenter.exception
    return presenter


def test_a_running_call_shows_stop_state_and_time_before_the_next_calls_settings(live_call: AppTest) -> None:
    at = live_call
    stop = at.button(key="stop_call")
    assert stop.label == "Stop call with Asha Rao" and stop.proto.type == "primary" and not stop.disabled
    order = keys(at)
    assert order.index("stop_call") < order.index("refresh_transcript") < order.index("start_call")
    shown = [m.value for m in at.markdown]  # the panel's first lines: who, then the state and the time so far
    assert shown[0].startswith("Calling **Asha Rao**")
    assert re.fullmatch(r"\S+ \*\*(Dialling|In progress)\*\* · 0:\d\d · \d+ lines?", shown[1]), shown[1]
    assert at.button(key="start_call").disabled


def test_the_callee_on_stop_call_is_text(
    presenter: AppTest, fill_form: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESBOT_SIM_SPEED", "1")
    name = "**Big** :red[x]"
    fill_form(presenter, name=name).button(key="generate").click().run()
    presenter.button(key="start_call").click().run()
    label = presenter.button(key="stop_call").label
    assert label == f"Stop call with {markdown_literal(name)}" and "**Big**" not in label


def test_new_customer_during_a_call_asks_first_and_the_strip_brings_the_call_back(
    live_call: AppTest, app_env: Path
) -> None:
    at = live_call
    at.button(key="new_customer").click().run()
    assert ASKED.format(what="start a new customer") in [m.value for m in at.markdown]
    assert at.text_input(key="name").value == "Asha Rao"  # nothing changed yet
    at.button(key="stay_on_call").click().run()
    assert not at.exception
    assert "leave_call_running" not in keys(at) and at.text_input(key="name").value == "Asha Rao"
    assert not at.button(key="stop_call").disabled and not strip_texts(at)

    at.button(key="new_customer").click().run()
    at.button(key="leave_call_running").click().run()
    assert not at.exception
    assert at.text_input(key="name").value == "" and "stop_call" not in keys(at)
    [strip] = strip_texts(at)
    assert strip.startswith(":red[●] Call with **Asha Rao** running · ")
    [left] = statuses(app_env)
    assert left in {"dialling", "in_progress"}, left  # left running, not stopped

    at.button(key="back_to_call_1").click().run()
    assert not at.exception
    assert at.text_input(key="name").value == "Asha Rao"
    assert at.button(key="stop_call").label == "Stop call with Asha Rao" and not at.button(key="stop_call").disabled
    assert not strip_texts(at) and "back_to_call_1" not in keys(at)
    assert dict(at.query_params) == {"customer": "1", "call": "1"}


def test_find_during_a_call_asks_before_opening_another_customer(
    presenter: AppTest, fill_form: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_form(presenter, name="Ravi Kumar", phone_number="91234 56789").button(key="generate").click().run()
    presenter.button(key="new_customer").click().run()  # no call: no question
    assert "leave_call_running" not in keys(presenter) and presenter.text_input(key="name").value == ""
    monkeypatch.setenv("SALESBOT_SIM_SPEED", "1")
    fill_form(presenter).button(key="generate").click().run()
    presenter.button(key="start_call").click().run()

    presenter.text_input(key="find_query").input("Ravi").run()
    presenter.selectbox(key="find_pick").select_index(0).run()
    assert ASKED.format(what="open **Ravi Kumar**") in [m.value for m in presenter.markdown]
    assert presenter.button(key="leave_call_running").label == "Open Ravi Kumar"
    presenter.button(key="stay_on_call").click().run()
    assert presenter.selectbox(key="find_pick").value is None  # the choice was not loaded
    assert presenter.text_input(key="name").value == "Asha Rao"

    presenter.selectbox(key="find_pick").select_index(0).run()
    presenter.button(key="leave_call_running").click().run()
    assert not presenter.exception
    assert presenter.text_input(key="name").value == "Ravi Kumar"
    assert [s.split(" running · ")[0] for s in strip_texts(presenter)] == [":red[●] Call with **Asha Rao**"]


def test_transcripts_links_back_to_the_running_call(live_call: AppTest) -> None:
    at = live_call
    at.switch_page("views/transcripts.py").run()
    assert not at.exception
    [link] = at.get("page_link")  # the presenter's own call, running while they read the archive
    assert link.proto.label == "Back to the call" and link.proto.query_string == "customer=1&call=1"
    assert any(s.startswith(":red[●] Call with **Asha Rao** running") for s in strip_texts(at))

    at.switch_page("views/presenter.py").run()
    at.button(key="new_customer").click().run()
    at.button(key="leave_call_running").click().run()
    at.switch_page("views/transcripts.py").run()
    [link] = at.get("page_link")  # the call left running
    assert link.proto.query_string == "customer=1&call=1"
    at.query_params["customer"], at.query_params["call"] = "1", "1"  # where the link goes
    at.switch_page("views/presenter.py").run()
    assert not at.exception
    assert at.text_input(key="name").value == "Asha Rao" and not at.button(key="stop_call").disabled
    assert not strip_texts(at)


def test_persona_and_pace_start_clean_for_another_customer_and_stay_for_the_same(
    presenter: AppTest, fill_form: Callable[..., AppTest]
) -> None:
    fill_form(presenter).button(key="generate").click().run()
    default_pace = presenter.session_state["pace"]
    presenter.selectbox(key="persona").select("hostile").run()
    presenter.session_state["pace"] = 4.0
    presenter.run()
    presenter.button(key="start_call").click().run()
    assert choices(presenter) == ("hostile", 4.0)  # the same customer: the presenter's choices stay
    presenter.button(key="stop_call").click().run()
    assert choices(presenter) == ("hostile", 4.0)

    presenter.button(key="new_customer").click().run()  # a new customer
    fill_form(presenter, name="Ravi Kumar", phone_number="91234 56789").button(key="generate").click().run()
    assert choices(presenter) == ("", default_pace)
    presenter.selectbox(key="persona").select("busy").run()

    fill_form(presenter, name="Meera Iyer", phone_number="98111 22233").button(key="generate").click().run()
    assert choices(presenter) == ("", default_pace)  # a saved new customer typed over Ravi
    presenter.selectbox(key="persona").select("busy").run()

    presenter.text_input(key="find_query").input("Asha").run()
    presenter.selectbox(key="find_pick").select_index(0).run()  # another customer, found
    assert presenter.text_input(key="name").value == "Asha Rao"
    assert choices(presenter) == ("", default_pace)
    presenter.selectbox(key="persona").select("ready").run()
    presenter.selectbox(key="find_pick").select_index(0).run()  # the same customer again
    assert choices(presenter) == ("ready", default_pace)
