"""Telephony: the interface every call provider implements (simulated embedded, Bland AI later)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from salesbot.models import Call, CallStatus, Customer, SalesScript, Utterance


@dataclass(frozen=True)
class CallContext:
    """What a provider needs besides the call row: who is called and the script to follow."""

    customer: Customer
    script: SalesScript
    pace: float | None = None  # simulated calls only: how fast the call unfolds (None: the provider's default)
    persona: str | None = None  # simulated calls only: who answers (None: the provider's default, or a drawn one)
    simulated_by: str | None = None  # simulated calls only: "rules" or "model" (None: the model when one is set up)


@dataclass(frozen=True)
class PlacedCall:
    provider_call_id: str
    started_at: datetime


@dataclass(frozen=True)
class CallProgress:
    """What the provider knows about a call now; utterances are everything said so far."""

    status: CallStatus
    utterances: list[Utterance] = field(default_factory=list)
    ended_at: datetime | None = None
    error_message: str | None = None
    recording_url: str | None = None
    speaking: Utterance | None = None  # the line being said right now, words so far (not stored)


@dataclass(frozen=True)
class CallReport:
    """A report a provider pushed about one of its calls (a webhook delivery), checked and parsed by its adapter:
    which call it is about. The adapter's subclass carries what the report says, which only it can read."""

    provider: str
    provider_call_id: str
    salesbot_call_id: int | None  # our id for the call, when the provider echoed it back


class Telephony(Protocol):
    name: str
    dials_real_phones: bool
    max_minutes: int | None  # the longest a call may last, shown before a real call
    wraps_up_after_stop: bool  # after a stop, the provider still adds last lines, summary and recording

    def place_call(self, call: Call, context: CallContext) -> PlacedCall: ...

    def fetch_call(self, call: Call, context: CallContext) -> CallProgress: ...

    def stop_call(self, call: Call) -> None: ...

    def recording(self, call: Call) -> bytes | None:
        """The call's recording as audio bytes, or None when there is none."""
        ...

    def recover_call(self, call: Call) -> str | None:
        """The provider's id for a call whose placement outcome is unknown, if the provider has it."""
        ...

    def read_report(self, call: Call, report: CallReport, now: datetime) -> CallProgress:
        """What a report this provider pushed says about the call, read as a poll of the call is read; NotFound
        when the report is not one of this provider's."""
        ...
