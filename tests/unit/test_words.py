"""Words a person reads: counts singular or plural, and a call nobody answered, a busy line or a voicemail named as
such (not "failed", which reads as a system error, nor a green "completed"); the stored values stay as they are."""

from __future__ import annotations

from datetime import timedelta

import pytest

from salesbot.exports.report import call_report
from salesbot.models import (
    LINE_BUSY,
    NOBODY_ANSWERED,
    CallStatus,
    Outcome,
    Speaker,
    TalkTime,
    call_shown_status,
    shown_status,
)
from salesbot.text import counted
from salesbot.ui.widgets import status_icon, status_line
from tests.builders import START, a_call, a_customer, an_analysis


def test_counts_are_singular_or_plural() -> None:
    assert [counted(n, "line") for n in (0, 1, 2)] == ["0 lines", "1 line", "2 lines"]
    assert counted(1, "script version") == "1 script version" and counted(1_200, "call") == "1,200 calls"
    assert counted(1, "agent question") == "1 agent question" and counted(3, "person", "people") == "3 people"


@pytest.mark.parametrize(
    ("status", "outcome", "error", "shown"),
    [
        (CallStatus.FAILED, None, NOBODY_ANSWERED, "no answer"),
        (CallStatus.FAILED, Outcome.NO_ANSWER, None, "no answer"),  # a row of the table: no message, the outcome
        (CallStatus.FAILED, None, LINE_BUSY, "busy"),
        (CallStatus.COMPLETED, Outcome.VOICEMAIL, None, "voicemail"),
        (CallStatus.STOPPED, Outcome.VOICEMAIL, None, "voicemail"),
        (CallStatus.FAILED, None, "Bland refused the number.", "failed"),  # a real failure still says so
        (CallStatus.COMPLETED, Outcome.MEETING_BOOKED, None, "completed"),
        (CallStatus.FINISHING, None, None, "wrapping up"),
    ],
)
def test_a_call_not_reached_is_named_for_what_happened(
    status: CallStatus, outcome: Outcome | None, error: str | None, shown: str
) -> None:
    assert shown_status(status, outcome, error) == shown


def test_the_status_line_words_and_colours_a_call_nobody_answered() -> None:
    rang_out = a_call(status=CallStatus.FAILED, error_message=NOBODY_ANSWERED, started_at=START,
                      ended_at=START + timedelta(seconds=25), utterances=[])  # fmt: skip
    line = status_line(rang_out, START)
    assert line == ":orange[:material/phone_missed:] **No answer** · 0:25 · 0 lines"
    voicemail = a_call(
        [(Speaker.CUSTOMER, "Leave a message.")], started_at=START, analysis=an_analysis(Outcome.VOICEMAIL)
    )
    assert status_icon(voicemail) == ":blue[:material/voicemail:]" and "**Voicemail**" in status_line(voicemail, START)
    assert " · 1 line" in status_line(voicemail, START)  # not "1 lines"
    busy = a_call(status=CallStatus.FAILED, error_message=LINE_BUSY)
    assert (
        "**Busy**" in status_line(busy, START) and "green" not in status_icon(busy) and "red" not in status_icon(busy)
    )
    assert call_shown_status(a_call(status=CallStatus.COMPLETED)) == "completed"
    assert rang_out.status is CallStatus.FAILED  # what is stored does not change


def test_the_report_counts_in_words_and_names_the_outcome() -> None:
    one = an_analysis(Outcome.VOICEMAIL, talk=TalkTime(agent_words=1, customer_words=1, agent_questions=1))
    report = call_report(a_call(analysis=one), a_customer(id=7), None)
    assert "- Agent: 1 word (50% of the words spoken), 1 question\n" in report
    assert "- Customer: 1 word\n" in report and "- Status: voicemail\n" in report
