"""Rows from either store (sqlite3.Row or PostgREST JSON) turned into the app's models, and back."""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime
from typing import Any, Protocol

from salesbot.models import (
    Call,
    CallAnalysis,
    CallRow,
    CallStatus,
    CallSummary,
    Customer,
    CustomerInput,
    SalesScript,
    Speaker,
    Utterance,
)
from salesbot.storage import CallChanges, stats_columns


class Row(Protocol):
    def __getitem__(self, key: str) -> Any: ...


def _dt(value: str | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def customer_values(customer: CustomerInput) -> dict[str, Any]:
    return {
        "name": customer.name,
        "country_code": customer.country_code,
        "phone_number": customer.phone_number,
        "phone_e164": customer.phone_e164,
        "email": customer.email,
        "conversation_history": customer.conversation_history,
        "topics": "\n".join(customer.topics),
    }


def customer(r: Row) -> Customer:
    return Customer(
        id=r["id"],
        name=r["name"],
        country_code=r["country_code"],
        phone_number=r["phone_number"],
        phone_e164=r["phone_e164"],
        email=r["email"],
        conversation_history=r["conversation_history"],
        topics=[t for t in r["topics"].split("\n") if t],
        created_at=_dt(r["created_at"]),
        created_by=r["created_by"] or "",
    )


def script(r: Row) -> SalesScript:
    return SalesScript(
        id=r["id"],
        customer_id=r["customer_id"],
        script=r["script"],
        writer=r["writer"],
        created_at=_dt(r["created_at"]),
        created_by=r["created_by"] or "",
    )


def call(r: Row) -> Call:
    analysis = _json(r["analysis"])
    return Call(
        id=r["id"],
        customer_id=r["customer_id"],
        script_id=r["script_id"],
        phone_e164=r["phone_e164"],
        provider=r["provider"],
        provider_call_id=r["provider_call_id"],
        attempt_key=r["attempt_key"],
        status=CallStatus(r["call_status"]),
        utterances=[Utterance.model_validate(u) for u in _json(r["utterances"]) or []],
        started_at=_dt(r["started_at"]),
        ended_at=_dt(r["ended_at"]),
        duration_seconds=r["duration_seconds"],
        error_message=r["error_message"] or None,
        recording_url=r["recording_url"],
        analysis=CallAnalysis.model_validate(analysis) if analysis else None,
        analysis_error=r["analysis_error"] or None,
        created_at=_dt(r["created_at"]),
        created_by=r["created_by"] or "",
        request_fields=r["request_fields"] or "",
    )


def summary(r: Row, customer_name: str) -> CallSummary:
    return CallSummary(
        id=r["id"],
        customer_id=r["customer_id"],
        customer_name=customer_name,
        phone_e164=r["phone_e164"],
        status=CallStatus(r["call_status"]),
        provider=r["provider"],
        started_at=_dt(r["started_at"]),
        duration_seconds=r["duration_seconds"],
        first_words=first_words(r["transcript"] or ""),
        created_at=_dt(r["created_at"]),
        created_by=r["created_by"] or "",
    )


def first_words(transcript: str, words: int = 12) -> str:
    """The start of the agent's first line (the customer's "Hello?" says nothing about a call), else of the first."""
    lines = transcript.split("\n")
    text = next((line for line in lines if line.startswith("Agent: ")), lines[0]).split(": ", 1)[-1]
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def call_changes(changes: CallChanges) -> dict[str, Any]:
    """Column -> value for the fields a change sets (JSON columns as Python objects, times as ISO text)."""
    values: dict[str, Any] = {}
    for attr, column in (
        ("status", "call_status"),
        ("provider_call_id", "provider_call_id"),
        ("started_at", "started_at"),
        ("ended_at", "ended_at"),
        ("duration_seconds", "duration_seconds"),
        ("error_message", "error_message"),
        ("recording_url", "recording_url"),
        ("analysis_error", "analysis_error"),
    ):
        value = getattr(changes, attr)
        if value is not None:
            values[column] = (
                value.isoformat()
                if isinstance(value, datetime)
                else str(value)
                if isinstance(value, CallStatus)
                else value
            )
    if changes.analysis is not None:
        values["analysis"] = changes.analysis.model_dump(mode="json")
        values.update(analysis_columns(changes.analysis))
    if changes.utterances is not None:
        values["utterances"] = [u.model_dump(mode="json") for u in changes.utterances]
        values.update(utterance_columns(changes.utterances))
    return values


def utterance_columns(utterances: list[Utterance]) -> dict[str, Any]:
    """What search and the KPIs read, kept beside the utterances: the transcript as shown (NFC, as the search words
    are, on both stores) and speaker_columns."""
    transcript = "\n".join(f"{u.speaker.value.title()}: {u.text}" for u in utterances)
    return {
        "transcript": unicodedata.normalize("NFC", transcript),
        **speaker_columns([(u.speaker.value, u.text) for u in utterances]),
        **stats_columns.line_columns(utterances),
    }


def speaker_columns(said: list[tuple[str, str]]) -> dict[str, Any]:
    """Each speaker's lines, one line per utterance (its white space collapsed, so a line break always separates
    two utterances), NFC; and whether the customer said anything at all (a line with a word or a sound in it)."""

    def lines(speaker: str) -> str:
        texts = (" ".join(text.split()) for who, text in said if who == speaker)
        return unicodedata.normalize("NFC", "\n".join(t for t in texts if t))

    customer = lines(Speaker.CUSTOMER.value)
    return {"customer_text": customer, "agent_text": lines(Speaker.AGENT.value), "customer_spoke": bool(customer)}


def analysis_columns(analysis: CallAnalysis) -> dict[str, Any]:
    """What filters use, kept beside the analysis JSON so they can use an index (the JSON itself stays whole)."""
    return {
        "outcome": analysis.outcome.value,
        "sentiment": analysis.sentiment.value,
        "objections": [kind.value for kind in analysis.objection_kinds],
        "next_step_agreed": analysis.next_step is not None,
        **stats_columns.analysis_column(analysis),
    }


def call_row(r: Row, customer_name: str) -> CallRow:
    analysis = _json(r["analysis"])
    agreed = r["next_step_agreed"]
    return CallRow(
        summary=summary(r, customer_name),
        country_code=r["country_code"] or "",
        outcome=r["outcome"],
        sentiment=r["sentiment"],
        transcript=r["transcript"] or "",
        objections=tuple(_json(r["objections"]) or ()),
        next_step_agreed=None if agreed is None else bool(agreed),
        analysis=CallAnalysis.model_validate(analysis) if analysis else None,
    )
