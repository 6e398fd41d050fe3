"""The presenter page under AppTest: form, script versions, state that survives, who is called, calls and replays."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from salesbot.models import CallAnalysis
from tests.app.conftest import outcome, refresh_until
from tests.conftest import ROOT


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def finish_call(at: AppTest) -> None:
    """At SALESBOT_SIM_SPEED=1000 a call is over almost at once; refresh until the outcome shows."""
    refresh_until(at, outcome, every=0.2)


def test_page_loads_with_defaults_and_backends_in_the_sidebar(presenter: AppTest) -> None:
    assert presenter.selectbox(key="country").value == "IN"
    assert "India (+91)" in presenter.selectbox(key="country").options
    assert any("SQLite · offline writer · simulated calls" in m.value for m in presenter.sidebar.markdown)
    assert any("Generate a script to start a call" in c.value for c in presenter.caption)
    assert not [b for b in presenter.button if b.key == "start_call"]


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


def test_simulated_call_shows_the_outcome_first_and_stores_the_version_used(
    presenter: AppTest, fill_form: Callable[..., AppTest], app_env: Path
) -> None:
    fill_form(presenter).button(key="generate").click().run()
    presenter.text_area(key="script_editor").input(presenter.text_area(key="script_editor").value + "\nEDITED")
    presenter.button(key="start_call").click().run()
    assert not presenter.exception and not presenter.error
    finish_call(presenter)
    lines = [m.value for m in presenter.markdown if m.value.startswith(("**Agent**", "**Customer**"))]
    assert len(lines) > 10
    shown = [m.value for m in presenter.markdown]
    card = shown.index(outcome(presenter))
    assert card < shown.index(lines[0])  # the result sits above the transcript
    with sqlite3.connect(app_env) as conn:
        analysis = CallAnalysis.model_validate_json(conn.execute("SELECT analysis FROM call_transcripts").fetchone()[0])
    # The card says what the stored analysis found: outcome, next step (or that none was agreed), each objection.
    assert outcome(presenter).startswith(f"**Outcome: {analysis.outcome.label}** · customer sentiment")
    step = analysis.next_step
    assert any(m.startswith(":green[:material/event_available:] **Next step agreed:**") for m in shown) == bool(step)
    assert any(m.endswith("**No next step agreed.**") for m in shown) == (step is None)
    objections = next((m for m in shown if "**Objections:**" in m), "")
    assert [k for k in (o.kind.label for o in analysis.objections) if f"**{k}** “" in objections] == [
        o.kind.label for o in analysis.objections
    ]
    assert any(m.startswith("**Recommended:**") for m in shown)
    assert any(c.value.startswith("Talk time: agent ") for c in presenter.caption)
    with sqlite3.connect(app_env) as conn:
        status, script_id, transcript = conn.execute(
            "SELECT call_status, script_id, transcript FROM call_transcripts"
        ).fetchone()
        latest = conn.execute("SELECT id, script FROM sales_scripts ORDER BY id DESC LIMIT 1").fetchone()
    assert status == "completed" and script_id == latest[0] and latest[1].endswith("EDITED")
    assert transcript.startswith("Customer: ") and "\nAgent: Hello Asha" in transcript  # a hello, then the script


def test_start_call_is_disabled_while_the_call_is_live(
    presenter: AppTest, fill_form: Callable[..., AppTest], app_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESBOT_SIM_SPEED", "1")  # a call that lasts minutes
    fill_form(presenter).button(key="generate").click().run()
    attempt = presenter.session_state["presenter_session"].attempt_key
    presenter.button(key="start_call").click().run()
    assert presenter.button(key="start_call").disabled  # a second click cannot reach the server
    assert any(m.value.startswith("Calling **Asha Rao**") for m in presenter.markdown)
    assert count(app_env, "call_transcripts") == 1
    with sqlite3.connect(app_env) as conn:
        assert conn.execute("SELECT attempt_key FROM call_transcripts").fetchone()[0] == attempt


def test_form_script_and_unsaved_edits_survive_a_visit_to_transcripts(
    presenter: AppTest, fill_form: Callable[..., AppTest]
) -> None:
    fill_form(presenter).button(key="generate").click().run()
    edited = presenter.text_area(key="script_editor").value + "\nNOT SAVED YET"
    presenter.text_area(key="script_editor").input(edited).run()
    presenter.switch_page("views/transcripts.py").run()
    assert not presenter.exception and not [t for t in presenter.text_input if t.key == "name"]
    presenter.switch_page("views/presenter.py").run()
    assert not presenter.exception
    assert presenter.text_input(key="name").value == "Asha Rao"
    assert presenter.text_area(key="topics").value.startswith("Pricing")
    assert presenter.text_area(key="script_editor").value == edited
    assert len(presenter.selectbox(key="script_version").options) == 1
    start = presenter.button(key="start_call")
    assert not start.disabled and start.label == "Start call to Asha Rao"
    start.click().run()
    assert not presenter.exception and not presenter.error


def test_a_new_customer_typed_but_not_generated_cannot_be_called(
    presenter: AppTest, fill_form: Callable[..., AppTest], app_env: Path
) -> None:
    fill_form(presenter).button(key="generate").click().run()
    presenter.button(key="start_call").click().run()
    finish_call(presenter)
    fill_form(presenter, name="Ravi Kumar", phone_number="91234 56789").run()
    start = presenter.button(key="start_call")
    assert start.disabled and start.label == "Start call to Asha Rao"  # still names who it would call
    assert any("The form has changes" in i.value for i in presenter.info)
    presenter.button(key="generate").click().run()
    assert not presenter.exception
    assert presenter.button(key="start_call").label == "Start call to Ravi Kumar"
    assert not presenter.button(key="start_call").disabled
    assert not outcome(presenter)  # Asha's call and analysis are gone from the panel
    assert not [b for b in presenter.button if b.key == "refresh_transcript"]
    presenter.button(key="start_call").click().run()
    with sqlite3.connect(app_env) as conn:
        numbers = [r[0] for r in conn.execute("SELECT phone_e164 FROM call_transcripts ORDER BY id")]
    assert numbers == ["+919876543210", "+919123456789"]


def test_new_customer_clears_everything_and_the_picker_brings_a_customer_back(
    presenter: AppTest, fill_form: Callable[..., AppTest]
) -> None:
    fill_form(presenter).button(key="generate").click().run()
    presenter.button(key="start_call").click().run()
    finish_call(presenter)
    presenter.button(key="new_customer").click().run()
    assert not presenter.exception
    assert presenter.text_input(key="name").value == "" and presenter.text_area(key="topics").value == ""
    assert not [b for b in presenter.button if b.key in {"start_call", "refresh_transcript"}]
    assert not [t for t in presenter.text_area if t.key == "script_editor"]
    presenter.text_input(key="find_query").input("987 654").run()  # a part of the number, typed loosely
    picker = presenter.selectbox(key="find_pick")
    assert len(picker.options) == 1 and picker.options[0].startswith("Asha Rao · +91 98765 43210")
    picker.select_index(0).run()
    assert not presenter.exception
    assert presenter.text_input(key="name").value == "Asha Rao"
    assert presenter.text_area(key="script_editor").value.startswith("[Opener]")
    assert not presenter.button(key="start_call").disabled
    earlier = presenter.selectbox(key="earlier_call")
    assert len(earlier.options) == 1


def test_a_reload_brings_back_the_customer_and_the_call_from_the_address_bar(
    presenter: AppTest, fill_form: Callable[..., AppTest], app_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESBOT_SIM_SPEED", "1")
    fill_form(presenter).button(key="generate").click().run()
    presenter.button(key="start_call").click().run()
    assert dict(presenter.query_params) == {"customer": "1", "call": "1"}
    reloaded = AppTest.from_file(str(ROOT / "salesbot_pages.py"), default_timeout=30)
    reloaded.query_params["customer"] = "1"  # even without the call id, the open call is found
    reloaded.run()
    assert not reloaded.exception
    assert reloaded.text_input(key="name").value == "Asha Rao"
    assert reloaded.button(key="start_call").disabled  # the call is still in flight
    assert any(m.value.startswith("Calling **Asha Rao**") for m in reloaded.markdown)
    assert count(app_env, "call_transcripts") == 1


def test_customer_text_is_shown_as_text(presenter: AppTest, fill_form: Callable[..., AppTest]) -> None:
    fill_form(presenter, name="**Big** [x](http://evil.example)").button(key="generate").click().run()
    assert not presenter.exception
    label = presenter.button(key="start_call").label
    assert label == "Start call to \\*\\*Big\\*\\* \\[x\\]\\(http:color[\\:]\\/\\/evil\\.example\\)"  # inert, as typed


def test_pace_sets_the_speed_of_the_next_simulated_call(
    presenter: AppTest, fill_form: Callable[..., AppTest], app_env: Path
) -> None:
    fill_form(presenter).button(key="generate").click().run()
    assert presenter.get("button_group")  # the pace control
    presenter.session_state["pace"] = 4.0
    presenter.run()
    presenter.button(key="start_call").click().run()
    with sqlite3.connect(app_env) as conn:
        assert conn.execute("SELECT provider_call_id FROM call_transcripts").fetchone()[0].startswith("sim-4x-")


def test_replay_plays_a_stored_call_without_creating_one(
    presenter: AppTest, fill_form: Callable[..., AppTest], app_env: Path
) -> None:
    fill_form(presenter).button(key="generate").click().run()
    presenter.button(key="start_call").click().run()
    finish_call(presenter)
    presenter.button(key="replay_current").click().run()
    assert not presenter.exception
    assert any("REPLAY" in m.value and "nothing is dialled" in m.value for m in presenter.markdown)
    assert presenter.button(key="start_call").disabled
    presenter.button(key="end_replay").click().run()
    assert not presenter.exception and not [b for b in presenter.button if b.key == "end_replay"]
    assert count(app_env, "call_transcripts") == 1


def test_a_customer_who_asks_not_to_be_called_again_is_flagged_before_the_next_call(
    presenter: AppTest, fill_form: Callable[..., AppTest]
) -> None:
    fill_form(presenter).button(key="generate").click().run()
    assert presenter.selectbox(key="persona").value == ""  # by default anyone may answer
    presenter.selectbox(key="persona").select("hostile").run()
    presenter.button(key="start_call").click().run()
    finish_call(presenter)
    assert outcome(presenter).startswith("**Outcome: do not call**")
    warnings = [w.value for w in presenter.warning]
    assert any(w.startswith("The customer asked not to be called again") for w in warnings)  # on the outcome card
    assert "Asha Rao asked not to be called again on call #1" in " ".join(warnings)  # before the next call
    assert not presenter.button(key="start_call").disabled  # a simulated call rings nobody: warned, not blocked


def test_a_call_nobody_answers_says_so(presenter: AppTest, fill_form: Callable[..., AppTest]) -> None:
    fill_form(presenter).button(key="generate").click().run()
    presenter.selectbox(key="persona").select("no_answer").run()
    presenter.button(key="start_call").click().run()
    refresh_until(presenter, lambda at: [e.value for e in at.info] == ["Nobody answered."])
    assert [e.value for e in presenter.info] == ["Nobody answered."]  # an outcome, not a red system error
    assert not presenter.error
    status = next(m.value for m in presenter.markdown if "phone_missed" in m.value)
    assert "**No answer** · " in status and "failed" not in status.lower()
    assert presenter.button(key="start_call").label == "Start call to Asha Rao"  # the next attempt is a new call


def test_without_a_model_there_is_no_choice_of_who_plays_and_the_rules_play(
    presenter: AppTest, fill_form: Callable[..., AppTest], app_env: Path
) -> None:
    fill_form(presenter).button(key="generate").click().run()
    assert [g.key for g in presenter.button_group] == ["pace"]  # no "Simulated by"
    assert any("a rule-based persona plays the customer" in c.value for c in presenter.caption)
    presenter.button(key="start_call").click().run()
    with sqlite3.connect(app_env) as conn:
        assert "by.model" not in conn.execute("SELECT provider_call_id FROM call_transcripts").fetchone()[0]
