"""Real phone calls through Bland AI: the call's task from the script, its progress read back as utterances."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from salesbot.models import Call, CallStatus, Speaker, Utterance
from salesbot.telephony import CallContext, CallProgress, PlacedCall
from salesbot.telephony.bland_client import BlandCall, BlandClient

SETTLE_SECONDS = 90  # transcript, summary and recording can lag `completed` by about a minute
_SPEAKERS = {
    "user": Speaker.CUSTOMER,
    "assistant": Speaker.AGENT,
    "robot": Speaker.SYSTEM,
    "agent-action": Speaker.SYSTEM,
}
_QUEUE_ERRORS = {"pre_queue_error", "queue_error", "call_error", "complete_error"}
_NOT_CONNECTED = {"busy": "The line was busy.", "no-answer": "Nobody answered.", "canceled": "The call was canceled."}
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")


def _utc_now() -> datetime:
    return datetime.now(UTC)


def build_task(context: CallContext) -> str:
    """The voice agent's instructions: follow the chosen script, with the customer's context."""
    customer = context.customer
    return (
        f"You are a friendly, professional sales representative on a phone call with {customer.name}.\n"
        "Follow the sales script below section by section: opener, recap, discovery, value, objections, close.\n"
        "Speak naturally, one or two sentences at a time, and listen to the answers. Never read the section\n"
        "headers or any bracketed text aloud. If the customer asks not to be called, apologise and end the call.\n"
        f"Topics to discuss: {', '.join(customer.topics)}.\n\n"
        f"SALES SCRIPT:\n{context.script.script}"
    )


class BlandTelephony:
    name = "bland"
    dials_real_phones = True

    def __init__(
        self,
        client: BlandClient,
        voice: str = "maya",
        max_duration_min: int = 5,
        from_number: str = "",
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.client = client
        self.voice = voice
        self.max_minutes: int | None = max_duration_min
        self.from_number = from_number
        self.clock = clock

    def place_call(self, call: Call, context: CallContext) -> PlacedCall:
        first = context.customer.name.split()[0]
        hindi = bool(_DEVANAGARI.search(context.script.script))
        payload: dict[str, object] = {
            "phone_number": call.phone_e164,
            "task": build_task(context),
            "first_sentence": f"नमस्ते {first} जी!" if hindi else f"Hi {first}, this is a quick call about your enquiry.",
            "voice": self.voice,
            "language": "hi" if hindi else "en-US",
            "max_duration": self.max_minutes,
            "record": True,
            "wait_for_greeting": True,
            "voicemail": {
                "action": "leave_message",
                "message": f"Hi {first}, sorry we missed you. We'll follow up by email. Have a great day.",
            },
            "metadata": {"salesbot_call_id": call.id, "salesbot_customer_id": call.customer_id},
        }
        if self.from_number:
            payload["from"] = self.from_number
        return PlacedCall(provider_call_id=self.client.send_call(payload), started_at=self.clock())

    def recover_call(self, call: Call) -> str | None:
        """Find a call whose POST timed out: the newest call to the number since we sent it."""
        since = call.created_at - timedelta(seconds=5)
        found = self.client.find_calls(call.phone_e164, since)
        found.sort(key=lambda c: c.created_at or since)
        return found[-1].call_id if found else None

    def fetch_call(self, call: Call, context: CallContext) -> CallProgress:
        assert call.provider_call_id is not None  # the service only fetches placed calls
        details = self.client.get_call(call.provider_call_id)
        return self.progress(details, self.clock())

    @staticmethod
    def progress(details: BlandCall, now: datetime) -> CallProgress:
        """Map Bland's status fields to ours; a completed call stays FINISHING until its details settle."""
        said = [
            Utterance(id=str(t.id), speaker=_SPEAKERS.get(t.user, Speaker.SYSTEM), text=t.text.strip(), at=t.created_at)
            for t in sorted(details.transcripts, key=lambda t: t.created_at)
            if t.text.strip()
        ]
        status = (details.status or "").lower()
        queue = (details.queue_status or "").lower()
        if queue in _QUEUE_ERRORS or status == "failed":
            reason = details.error_message or "Bland could not complete the call."
            return CallProgress(CallStatus.FAILED, said, ended_at=details.end_at or now, error_message=reason)
        if status in _NOT_CONNECTED:
            return CallProgress(
                CallStatus.FAILED, said, ended_at=details.end_at or now, error_message=_NOT_CONNECTED[status]
            )
        if details.completed:
            if details.answered_by == "voicemail" and not any(u.text == "Reached voicemail." for u in said):
                said.append(
                    Utterance(
                        id="voicemail", speaker=Speaker.SYSTEM, text="Reached voicemail.", at=details.end_at or now
                    )
                )
            ended = details.end_at or now
            settled = bool(details.recording_url and details.summary and said)
            if not settled and (now - ended).total_seconds() < SETTLE_SECONDS:
                return CallProgress(CallStatus.FINISHING, said, ended_at=None, recording_url=details.recording_url)
            return CallProgress(CallStatus.COMPLETED, said, ended_at=ended, recording_url=details.recording_url)
        if queue == "started" or said:
            return CallProgress(CallStatus.IN_PROGRESS, said)
        return CallProgress(CallStatus.DIALLING, said)

    def stop_call(self, call: Call) -> None:
        if call.provider_call_id:
            self.client.stop_call(call.provider_call_id)
