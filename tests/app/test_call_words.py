"""Transcripts words a call that was not reached for what happened, and counts one thing as one."""

from __future__ import annotations

from pathlib import Path

from salesbot.models import CallStatus, Outcome, Speaker
from tests.app.transcripts_data import add_call, open_customer_panel, page, table

A, C = Speaker.AGENT, Speaker.CUSTOMER


def test_no_answer_and_voicemail_are_statuses_of_their_own_on_transcripts(app_env: Path) -> None:
    add_call(app_env, "Asha Rao", [], status=CallStatus.FAILED, outcome=Outcome.NO_ANSWER, seconds=25)
    voicemail = add_call(app_env, "Asha Rao", [(C, "Leave a message after the tone.")], hours=1,
                         outcome=Outcome.VOICEMAIL)  # fmt: skip
    add_call(app_env, "Asha Rao", [(A, "Hello Asha."), (C, "Hi.")], hours=2, outcome=Outcome.INTERESTED)
    rows = table(page())
    assert list(rows["Outcome"]) == ["interested", "voicemail", "no answer"]  # newest first; stored values unchanged
    at = page({"call": str(voicemail)})
    status = next(m.value for m in at.markdown if "**Voicemail**" in m.value)
    assert status.startswith(":blue[:material/voicemail:]") and status.endswith(" · 1 line")


def test_one_call_and_one_script_version_are_counted_as_one(app_env: Path) -> None:
    call = add_call(app_env, "Ravi Kumar", [(A, "Hello Ravi."), (C, "Hi.")], phone="91234 56789")
    at = open_customer_panel(page({"call": str(call)}))
    shown = [m.value for m in at.markdown]
    assert any(m.startswith("**1 call** · ") for m in shown), shown
    assert "**1 script version**" in shown, shown


def test_a_busy_line_is_an_outcome_a_filter_and_a_kpi_label_of_its_own(app_env: Path) -> None:
    busy = add_call(app_env, "Asha Rao", [], status=CallStatus.FAILED, outcome=Outcome.BUSY, seconds=None)
    add_call(app_env, "Asha Rao", [], status=CallStatus.FAILED, outcome=Outcome.NO_ANSWER, seconds=25, hours=1)
    at = page()
    assert list(table(at)["Outcome"]) == ["no answer", "busy"]  # newest first
    totals = next(d.value for d in at.dataframe if list(d.value.columns)[:2] == ["Outcome", "Calls"])
    assert sorted(totals["Outcome"]) == ["busy", "no answer"]
    assert "busy" in at.multiselect(key="outcome_filter").options
    at.multiselect(key="outcome_filter").set_value(["busy"]).run()
    assert list(table(at)["Call"]) == [busy]
