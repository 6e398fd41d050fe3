"""A call and what was said on it: its status, its utterances, and the summary row the Transcripts table shows."""

from __future__ import annotations

import enum
from datetime import datetime

from pydantic import Field

from salesbot.models.analysis import CallAnalysis, Outcome
from salesbot.models.base import FrozenModel


class Speaker(enum.StrEnum):
    AGENT = "agent"
    CUSTOMER = "customer"
    SYSTEM = "system"


class CallStatus(enum.StrEnum):
    DIALLING = "dialling"
    IN_PROGRESS = "in_progress"
    FINISHING = "finishing"  # ended; the provider is still settling transcript, summary and recording
    COMPLETED = "completed"
    STOPPED = "stopped"
    FAILED = "failed"
    UNKNOWN = "unknown"  # the provider may or may not have the call; look it up

    @property
    def is_final(self) -> bool:
        return self in {CallStatus.COMPLETED, CallStatus.STOPPED, CallStatus.FAILED}

    @property
    def label(self) -> str:
        return "wrapping up" if self is CallStatus.FINISHING else self.value.replace("_", " ")


NOBODY_ANSWERED = "Nobody answered."  # the error message of a call that rang out (stored as failed)
LINE_BUSY = "The line was busy."  # the error message of a call to a busy line (stored as failed)
ENDED_BY_PRESENTER = "Call ended by the presenter."  # the system line a call stopped with Stop call ends with


class Shown(enum.StrEnum):
    """How a finished call reads to a person: the stored status, except that a call nobody answered, a busy line
    and a voicemail are outcomes of their own, not a "failed" (a system error) or a "completed" (a conversation)."""

    NO_ANSWER = "no answer"
    BUSY = "busy"
    VOICEMAIL = "voicemail"


def shown_status(status: CallStatus, outcome: str | None = None, error_message: str | None = None) -> str:
    """The words for a call's status (stored values unchanged): "no answer", "busy" or "voicemail" where that is
    what happened, else the status's own label."""
    if status is CallStatus.FAILED:
        if error_message == NOBODY_ANSWERED or (error_message is None and outcome == Outcome.NO_ANSWER):
            return Shown.NO_ANSWER
        if error_message == LINE_BUSY or outcome == Outcome.BUSY:
            return Shown.BUSY
    if status in {CallStatus.COMPLETED, CallStatus.STOPPED}:
        if outcome == Outcome.VOICEMAIL:
            return Shown.VOICEMAIL
        if outcome == Outcome.NO_ANSWER:
            return Shown.NO_ANSWER
    return status.label


def call_shown_status(call: Call) -> str:
    """shown_status of a stored call."""
    return shown_status(call.status, call.analysis.outcome if call.analysis else None, call.error_message)


class Utterance(FrozenModel):
    id: str
    speaker: Speaker
    text: str
    at: datetime  # when the line was finished being spoken (a line still being spoken: when it began)
    started: datetime | None = None  # when the line began, where the provider knew it (else see models.timing)


class Call(FrozenModel):
    id: int
    customer_id: int
    script_id: int | None
    phone_e164: str
    provider: str
    provider_call_id: str | None = None
    attempt_key: str
    status: CallStatus
    utterances: list[Utterance] = Field(default_factory=list)
    started_at: datetime | None = None
    ended_at: datetime | None = None
    duration_seconds: float | None = None
    error_message: str | None = None
    recording_url: str | None = None
    analysis: CallAnalysis | None = None
    analysis_error: str | None = None
    created_at: datetime
    created_by: str = ""  # who placed the call (signed-in email; "" without sign-in or through the API)
    request_fields: str = ""  # an API call: the fields it was asked with (JSON), so a reused key with others is refused

    @property
    def transcript(self) -> str:
        return "\n".join(f"{u.speaker.value.title()}: {u.text}" for u in self.utterances)


class CallSummary(FrozenModel):
    """One row of the Transcripts table."""

    id: int
    customer_id: int
    customer_name: str
    phone_e164: str
    status: CallStatus
    provider: str
    started_at: datetime | None
    duration_seconds: float | None
    first_words: str
    created_at: datetime
    created_by: str = ""
