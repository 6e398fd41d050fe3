"""Storage: the CallStore interface every backend implements (SQLite embedded, Supabase later)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from salesbot.models import Call, CallAnalysis, CallStatus, CallSummary, Customer, SalesScript, Utterance
from salesbot.validation import CustomerInput


@dataclass(frozen=True)
class NewCall:
    customer_id: int
    script_id: int
    phone_e164: str
    provider: str
    attempt_key: str


@dataclass(frozen=True)
class CallChanges:
    """Fields to change on a call; None leaves a field as it is."""

    status: CallStatus | None = None
    provider_call_id: str | None = None
    utterances: list[Utterance] | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    duration_seconds: float | None = None
    error_message: str | None = None
    recording_url: str | None = None
    analysis: CallAnalysis | None = None
    analysis_error: str | None = None  # "" clears a previous error


class CallStore(Protocol):
    """Customers, their script versions and their calls."""

    description: str

    def save_customer(self, customer: CustomerInput) -> Customer:
        """Insert the customer, or update the one with the same name and number."""
        ...

    def get_customer(self, customer_id: int) -> Customer: ...

    def add_script(self, customer_id: int, script: str, writer: str) -> SalesScript: ...

    def get_script(self, script_id: int) -> SalesScript: ...

    def list_scripts(self, customer_id: int) -> list[SalesScript]:
        """Every version for a customer, newest first."""
        ...

    def create_call(self, new_call: NewCall) -> tuple[Call, bool]:
        """Store a call before it is placed; for a known attempt key return that call and False."""
        ...

    def update_call(self, call_id: int, changes: CallChanges) -> Call: ...

    def get_call(self, call_id: int) -> Call: ...

    def list_calls(self, limit: int = 200, offset: int = 0) -> list[CallSummary]:
        """Calls newest first, with their customer's name."""
        ...

    def unfinished_calls(self) -> list[Call]:
        """Calls whose status is not final, oldest first."""
        ...
