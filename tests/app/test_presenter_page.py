"""The presenter page under AppTest: form validation, script streaming and versions, a simulated call."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_page_loads_with_defaults_and_backends_in_the_sidebar(presenter: AppTest) -> None:
    assert presenter.selectbox(key="country").value == "IN"
    assert "India (+91)" in presenter.selectbox(key="country").options
    assert any("SQLite · offline writer · simulated calls" in m.value for m in presenter.sidebar.markdown)
    assert any("no phone will be dialled" in i.value for i in presenter.info)


def test_bad_input_shows_messages_at_the_fields_and_stores_nothing(
    presenter: AppTest, fill_form: Callable[..., AppTest], app_env: Path
) -> None:
    fill_form(presenter, name="", phone_number="12345", email="nope", topics="")
    presenter.button(key="generate").click().run()
    assert not presenter.exception
    messages = [e.value for e in presenter.error]
    assert "Enter the customer's name." in messages
    assert any("not a valid phone number in India (+91)" in m for m in messages)
    assert any("valid email address" in m for m in messages)
    assert any("at least one topic" in m for m in messages)
    assert any("Nothing was saved" in m for m in messages)
    assert count(app_env, "customers") == 0 and count(app_env, "sales_scripts") == 0


def test_generate_edit_and_regenerate_keep_every_version(
    presenter: AppTest, fill_form: Callable[..., AppTest], app_env: Path
) -> None:
    fill_form(presenter).button(key="generate").click().run()
    assert not presenter.exception and not presenter.error
    script = presenter.text_area(key="script_editor").value
    assert script.startswith("[Opener]") and "Asha" in script
    presenter.text_area(key="script_editor").input(script.replace("Thursday", "Monday"))
    presenter.button(key="save_edits").click().run()
    presenter.button(key="regenerate").click().run()
    assert not presenter.exception
    versions = presenter.selectbox(key="script_version")
    assert len(versions.options) == 3 and "offline" in versions.options[0]
    assert count(app_env, "sales_scripts") == 3
    versions.select_index(1).run()  # the edited version comes back into the editor
    assert "Monday" in presenter.text_area(key="script_editor").value


def test_simulated_call_fills_the_transcript_and_stores_the_version_used(
    presenter: AppTest, fill_form: Callable[..., AppTest], app_env: Path
) -> None:
    fill_form(presenter).button(key="generate").click().run()
    presenter.text_area(key="script_editor").input(presenter.text_area(key="script_editor").value + "\nEDITED")
    presenter.button(key="start_call").click().run()
    assert not presenter.exception and not presenter.error
    time.sleep(0.5)  # at speed 1000 the whole call is over
    presenter.button(key="refresh_transcript").click().run()
    assert not presenter.exception
    lines = [m.value for m in presenter.markdown if m.value.startswith(("**Agent**", "**Customer**"))]
    assert len(lines) > 10
    assert any("Call completed" in s.value for s in presenter.success)
    assert any("**Outcome:**" in m.value and "offline" in m.value for m in presenter.markdown)
    with sqlite3.connect(app_env) as conn:
        status, script_id, transcript = conn.execute(
            "SELECT call_status, script_id, transcript FROM call_transcripts"
        ).fetchone()
        latest = conn.execute("SELECT id, script FROM sales_scripts ORDER BY id DESC LIMIT 1").fetchone()
    assert status == "completed" and script_id == latest[0] and latest[1].endswith("EDITED")
    assert transcript.startswith("Agent: Hello Asha")


def test_start_call_is_disabled_while_the_call_is_live(
    presenter: AppTest, fill_form: Callable[..., AppTest], app_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESBOT_SIM_SPEED", "1")  # a call that lasts minutes
    fill_form(presenter).button(key="generate").click().run()
    attempt = presenter.session_state["attempt_key"]
    presenter.button(key="start_call").click().run()
    assert presenter.button(key="start_call").disabled  # a second click cannot reach the server
    assert count(app_env, "call_transcripts") == 1
    with sqlite3.connect(app_env) as conn:
        assert conn.execute("SELECT attempt_key FROM call_transcripts").fetchone()[0] == attempt
