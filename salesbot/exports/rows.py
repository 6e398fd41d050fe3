"""How one exported call reads: a CSV row no spreadsheet can run, and a JSON object with the whole call."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from salesbot.models import Call, CallAnalysis, Coverage, Customer, readable_phone

# OWASP "CSV Injection": a cell starting with one of these is read as a formula (or DDE) by Excel, LibreOffice and
# Google Sheets; a leading ' makes the spreadsheet show the cell as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class CustomerFacts:
    """What an export shows of a customer (not their notes), small enough to keep thousands at hand."""

    id: int
    name: str
    country_code: str
    email: str | None
    topics: tuple[str, ...]

    @classmethod
    def of(cls, customer: Customer) -> CustomerFacts:
        return cls(customer.id, customer.name, customer.country_code, customer.email, tuple(customer.topics))


@dataclass(frozen=True, slots=True)
class ScriptUsed:
    """The script version a call used, numbered as the presenter saw it (v1, v2 … per customer)."""

    id: int
    version: int
    writer: str
    created_by: str = ""  # who wrote or edited the version (signed-in email)


@dataclass(frozen=True, slots=True)
class ExportedCall:
    """A call with what an export shows beside it: its customer and its script version (None once deleted)."""

    call: Call
    customer: CustomerFacts
    script: ScriptUsed | None


CSV_COLUMNS = (
    "call_id", "created_at", "started_at", "ended_at", "customer", "email", "phone", "phone_e164", "country", "status",
    "outcome",
    "sentiment", "duration_seconds", "provider", "placed_by", "script_version", "topics", "summary", "objections",
    "next_step", "next_step_agreed", "topics_covered", "topics_raised_not_discussed", "topics_not_covered",
    "agent_talk_share", "agent_questions", "transcript",
)  # fmt: skip

_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_COVERAGE_COLUMNS = (Coverage.COVERED, Coverage.RAISED, Coverage.NOT_COVERED)


def inert_cell(value: object) -> str:
    """The cell as text, with a ' in front when it starts with = + - @ tab or carriage return."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def phone_cell(e164: str) -> str:
    """A number as E.164 (`+919123456789`) for a dialler: a plus and digits only is a number, never a formula that can
    call anything, so it goes without the quote; anything else stored as a phone is an inert cell."""
    return e164 if _E164.fullmatch(e164) else inert_cell(e164)


def analysis_cells(a: CallAnalysis | None) -> list[object]:
    """The analysis columns, objections to agent questions (empty for a call without an analysis)."""
    if a is None:
        return [""] * 8
    step = a.next_step
    topics = ["; ".join(t.topic for t in a.topics if t.status is status) for status in _COVERAGE_COLUMNS]
    spoke = a.talk.agent_words + a.talk.customer_words > 0  # analyses from before talk time have no counts
    return [
        "; ".join(kind.value for kind in a.objection_kinds),
        (f"{step.action} ({step.when})" if step.when else step.action) if step else "",
        "yes" if step else "no",
        *topics,
        a.talk.agent_share if spoke else "",
        a.talk.agent_questions if spoke else "",
    ]


_PHONE_E164 = CSV_COLUMNS.index("phone_e164")


def _iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""


def csv_row(exported: ExportedCall) -> list[str]:
    """One call as CSV cells in CSV_COLUMNS order, every cell inert: the readable phone (`'+91 91234 56789`, its
    spaces would read as a formula) with a quote, the E.164 one as it is (phone_cell)."""
    call, customer, a = exported.call, exported.customer, exported.call.analysis
    cells: list[object] = [
        call.id, _iso(call.created_at), _iso(call.started_at), _iso(call.ended_at), customer.name,
        customer.email or "", readable_phone(call.phone_e164), "", customer.country_code, call.status.value,
        a.outcome.value if a else "", a.sentiment.value if a else "",
        call.duration_seconds if call.duration_seconds is not None else "", call.provider, call.created_by,
        f"v{exported.script.version}" if exported.script else "", "; ".join(customer.topics), a.summary if a else "",
        *analysis_cells(a), call.transcript,
    ]  # fmt: skip
    row = [inert_cell(c) for c in cells]
    row[_PHONE_E164] = phone_cell(call.phone_e164)
    return row


def _seconds_in(call: Call, moment: datetime) -> float | None:
    return round((moment - call.started_at).total_seconds(), 3) if call.started_at else None


def json_object(exported: ExportedCall) -> dict[str, Any]:
    """The whole call: customer, status, times, every line with its speaker and time, the analysis as stored, the
    script version and the provider (values as they are stored: JSON is not opened by spreadsheets)."""
    call, customer, script = exported.call, exported.customer, exported.script
    return {
        "id": call.id,
        "customer": {
            "id": customer.id,
            "name": customer.name,
            "phone": call.phone_e164,
            "country": customer.country_code,
            "email": customer.email,
            "topics": list(customer.topics),
        },
        "status": call.status.value,
        "created_at": call.created_at.isoformat(),
        "started_at": call.started_at.isoformat() if call.started_at else None,
        "ended_at": call.ended_at.isoformat() if call.ended_at else None,
        "duration_seconds": call.duration_seconds,
        "provider": call.provider,
        "placed_by": call.created_by,
        "provider_call_id": call.provider_call_id,
        "recording_url": call.recording_url,
        "error_message": call.error_message,
        "script": (
            {"id": script.id, "version": script.version, "writer": script.writer, "created_by": script.created_by}
            if script
            else None
        ),
        "transcript": [
            {"speaker": u.speaker.value, "text": u.text, "seconds": _seconds_in(call, u.at), "at": u.at.isoformat()}
            for u in call.utterances
        ],
        "analysis": call.analysis.model_dump(mode="json") if call.analysis else None,
        "analysis_error": call.analysis_error,
    }
