"""Typed models that cross every boundary: customers, scripts, calls and their utterances."""

from __future__ import annotations

import enum
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from salesbot.call_analysis import (
    CallAnalysis,
    Coverage,
    Evidence,
    NextStep,
    ObjectionKind,
    Outcome,
    RaisedObjection,
    Sentiment,
    TalkTime,
    TopicCoverage,
)

__all__ = [
    "Call", "CallAnalysis", "CallStatus", "CallSummary", "Coverage", "Customer", "Evidence", "NextStep", "ObjectionKind",
    "Outcome", "RaisedObjection", "SalesScript", "ScriptOptions", "Sentiment", "Speaker", "TalkTime", "TopicCoverage",
    "Utterance",
]  # fmt: skip


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


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Customer(_Model):
    id: int
    name: str
    country_code: str
    phone_number: str  # national significant number, digits only
    phone_e164: str
    email: str | None = None
    conversation_history: str = ""
    topics: list[str]
    created_at: datetime
    created_by: str = ""  # the signed-in user's email who first saved them ("" without sign-in)


class ScriptOptions(_Model):
    tone: str = "consultative"
    language: str = "English"
    length: str = "standard"
    offer: str = ""


class SalesScript(_Model):
    id: int
    customer_id: int
    script: str
    writer: str  # e.g. "offline", "edited", "openai:gpt-4o-mini"
    created_at: datetime
    created_by: str = ""  # who wrote or edited this version (signed-in email; "" without sign-in)


class Utterance(_Model):
    id: str
    speaker: Speaker
    text: str
    at: datetime  # when the line was finished being spoken


class Call(_Model):
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

    @property
    def transcript(self) -> str:
        return "\n".join(f"{u.speaker.value.title()}: {u.text}" for u in self.utterances)


class CallSummary(_Model):
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
