"""The Supabase store's calls: one per attempt, changed as they go, read one, many, or by what the rules ask."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from salesbot.errors import NotFound, StorageError
from salesbot.models import Call, CallStatus, Outcome
from salesbot.storage import GET_CALLS_BATCH, CallChanges, NewCall, rows
from salesbot.storage.supabase_base import UNFINISHED, SupabaseBase, first_row, is_duplicate


class SupabaseCalls(SupabaseBase):
    """Calls: created once per attempt key, updated by changes, and the reads placing and following need."""

    def create_call(self, new_call: NewCall) -> tuple[Call, bool]:
        row = {
            "customer_id": new_call.customer_id,
            "script_id": new_call.script_id,
            "call_status": CallStatus.DIALLING.value,
            "phone_e164": new_call.phone_e164,
            "provider": new_call.provider,
            "attempt_key": new_call.attempt_key,
            "country_code": new_call.country_code,
            "created_by": new_call.created_by,
            "request_fields": new_call.request_fields,
        }
        if new_call.created_at:
            row["created_at"] = new_call.created_at.isoformat()
        if new_call.busy_since is not None:
            return self._create_call_once(row, new_call.busy_since)
        try:
            response = self._run("insert call", lambda: self.client.table("call_transcripts").insert(row).execute())
        except StorageError as e:
            if not is_duplicate(e):
                raise
            found = self._select(
                "call_transcripts", "find attempt", lambda q: q.eq("attempt_key", new_call.attempt_key)
            )
            if not found:
                raise
            return rows.call(found[0]), False
        return rows.call(first_row(response.data)), True

    def _create_call_once(self, row: dict[str, Any], busy_since: datetime) -> tuple[Call, bool]:
        """The redial guard and the insert as one transaction in PostgreSQL (create_call_once, a migration)."""
        p_call = {**row, "busy_since": busy_since.astimezone(UTC).isoformat(), "open_statuses": UNFINISHED}
        response = self._run(
            "insert call once", lambda: self.client.rpc("create_call_once", {"p_call": p_call}).execute()
        )
        answer = response.data
        if not isinstance(answer, dict) or not isinstance(answer.get("call"), dict):
            raise StorageError("Supabase answered the call insert with something unexpected.")
        return rows.call(answer["call"]), bool(answer.get("created"))

    def update_call(self, call_id: int, changes: CallChanges) -> Call:
        values = rows.call_changes(changes)
        if not values:  # nothing to change: no PATCH (it would rewrite the row, its search vector and its indexes)
            return self.get_call(call_id)
        response = self._run(
            "update call", lambda: self.client.table("call_transcripts").update(values).eq("id", call_id).execute()
        )
        if not response.data:
            raise NotFound(f"Call {call_id} no longer exists.")
        return rows.call(first_row(response.data))

    def get_call(self, call_id: int) -> Call:
        return rows.call(self._one("call_transcripts", call_id, "Call"))

    def get_calls(self, call_ids: list[int]) -> list[Call]:
        found: dict[int, Call] = {}
        for start in range(0, len(call_ids), GET_CALLS_BATCH):
            for r in self._calls_in(sorted(set(call_ids[start : start + GET_CALLS_BATCH]))):
                found[r["id"]] = rows.call(r)
        return [found[i] for i in call_ids if i in found]

    def _calls_in(self, call_ids: list[int]) -> list[dict[str, Any]]:
        return self._select("call_transcripts", "read calls", lambda q: q.in_("id", call_ids))

    def unfinished_calls(self) -> list[Call]:
        found = self._select(
            "call_transcripts", "list unfinished calls", lambda q: q.in_("call_status", UNFINISHED).order("id")
        )
        return [rows.call(r) for r in found]

    def do_not_call_request(self, phone_e164: str) -> Call | None:
        found = self._select(
            "call_transcripts",
            "find a do-not-call request",
            lambda q: (
                q.eq("phone_e164", phone_e164)
                .eq("outcome", Outcome.DO_NOT_CALL.value)
                .order("created_at", desc=True)
                .order("id", desc=True)
                .limit(1)
            ),
        )
        return rows.call(found[0]) if found else None

    def open_calls_to(self, phone_e164: str, since: datetime) -> list[Call]:
        moment = since.astimezone(UTC) if since.tzinfo else since.replace(tzinfo=UTC)
        found = self._select(
            "call_transcripts",
            "find open calls",
            lambda q: (
                q.eq("phone_e164", phone_e164)
                .in_("call_status", UNFINISHED)
                .gte("created_at", moment.isoformat())
                .order("created_at", desc=True)
                .order("id", desc=True)
            ),
        )
        return [rows.call(r) for r in found]
