"""Imported calls as column values, fast: one history's call as the row both stores write in a bulk import."""

from __future__ import annotations

import json
from typing import Any

from salesbot.models import CallAnalysis, CallStatus, Utterance
from salesbot.storage import CallChanges, CustomerHistory, HistoricCall, rows, stats_columns

# Every column an imported call sets, in this order (the SQLite bulk insert binds them by position); the
# plain ones (call_status … analysis_error) come from _scalars.
CALL_COLUMNS = (
    "customer_id", "script_id", "phone_e164", "country_code", "provider", "attempt_key", "created_at", "created_by",
    "call_status", "provider_call_id", "started_at", "ended_at", "duration_seconds", "error_message", "recording_url",
    "analysis_error", "analysis", "outcome", "sentiment", "objections", "next_step_agreed", "utterances",
    "transcript", "customer_text", "agent_text", "customer_spoke", *stats_columns.COLUMNS,
)  # fmt: skip


class CallValues:
    """Column values of imported calls. Demo data repeats analyses and lines, so the JSON of an analysis and the
    columns of a run of lines are worked out once (by identity, the objects kept alive meanwhile)."""

    def __init__(self, json_columns: bool) -> None:
        self._json = json_columns  # SQLite keeps JSON as text; PostgREST takes it as JSON values
        self._analyses: dict[int, tuple[CallAnalysis, tuple[Any, ...]]] = {}
        # A run of lines (id, speaker, text): each line's JSON up to its time, and the text columns.
        self._lines: dict[tuple[Any, ...], tuple[Any, ...]] = {}

    def _analysis(self, analysis: CallAnalysis | None) -> tuple[Any, ...]:
        if analysis is None:
            return (None, None, None, None, None)
        known = self._analyses.get(id(analysis))
        if known is None:
            if len(self._analyses) > 50_000:  # bounded: a long import does not keep every analysis it saw
                self._analyses.clear()
            columns = rows.analysis_columns(analysis)
            dumped = analysis.model_dump(mode="json")
            objections = columns["objections"]
            values = (
                json.dumps(dumped) if self._json else dumped,
                columns["outcome"],
                columns["sentiment"],
                json.dumps(objections) if self._json else objections,
                int(columns["next_step_agreed"]) if self._json else columns["next_step_agreed"],
            )
            known = self._analyses[id(analysis)] = (analysis, values)
        return known[1]

    def _utterances(self, said: list[Utterance] | None) -> tuple[Any, ...]:
        if said is None:
            return ("[]" if self._json else [], "", "", "", 0 if self._json else False)
        if not self._json:
            columns = rows.utterance_columns(said)
            dumped = [{"id": u.id, "speaker": u.speaker.value, "text": u.text, "at": u.at.isoformat()} for u in said]
            return (
                dumped,
                columns["transcript"],
                columns["customer_text"],
                columns["agent_text"],
                columns["customer_spoke"],
            )
        key = tuple((u.id, u.speaker, u.text) for u in said)
        known = self._lines.get(key)
        if known is None:
            if len(self._lines) > 50_000:
                self._lines.clear()
            columns = rows.utterance_columns(said)
            heads = [
                json.dumps({"id": u.id, "speaker": u.speaker.value, "text": u.text})[:-1] + ', "at": "' for u in said
            ]
            known = self._lines[key] = (heads, columns["transcript"], columns["customer_text"], columns["agent_text"],
                                        int(columns["customer_spoke"]))  # fmt: skip
        heads, *texts = known
        lines = ", ".join([f'{head}{u.at.isoformat()}"}}' for head, u in zip(heads, said, strict=True)])
        return (f"[{lines}]", *texts)

    def row(self, customer_id: int, script_id: int, history: CustomerHistory, call: HistoricCall) -> tuple[Any, ...]:
        """The call's values in CALL_COLUMNS order."""
        c, customer = call.changes, history.customer
        coaching = stats_columns.line_columns(c.utterances or [])  # the KPIs' figures, as a live call stores them
        analysed = stats_columns.analysis_column(c.analysis) if c.analysis else {}
        return (
            customer_id, script_id, customer.phone_e164, customer.country_code, call.provider, call.attempt_key,
            call.created_at.isoformat(), call.created_by, *_scalars(c), *self._analysis(c.analysis),
            *self._utterances(c.utterances), *(coaching[k] for k in stats_columns.LINE_COLUMNS),
            analysed.get("first_objection"), analysed.get("topic_coverage"),
        )  # fmt: skip


def _scalars(c: CallChanges) -> tuple[Any, ...]:
    """The plain columns (_CHANGED order), as rows.call_changes writes them; a call without a status is failed."""
    return (
        (c.status or CallStatus.FAILED).value, c.provider_call_id, c.started_at.isoformat() if c.started_at else None,
        c.ended_at.isoformat() if c.ended_at else None, c.duration_seconds, c.error_message, c.recording_url,
        c.analysis_error,
    )  # fmt: skip
