"""Real phone calls through Bland AI: the call's task from the script, its progress read back as utterances."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

from salesbot.clock import utc_now
from salesbot.errors import NotFound
from salesbot.models import LINE_BUSY, NOBODY_ANSWERED, Call, CallStatus, Speaker, Utterance, with_starts
from salesbot.playbook.script_format import parse_sections
from salesbot.telephony import CallContext, CallProgress, CallReport, PlacedCall
from salesbot.telephony.bland_answers import BlandCall
from salesbot.telephony.bland_client import BlandClient
from salesbot.telephony.bland_webhook import BlandReport
from salesbot.text import storable

SETTLE_SECONDS = 90  # transcript, summary and recording can lag `completed` by about a minute
_SPEAKERS = {
    "user": Speaker.CUSTOMER,
    "assistant": Speaker.AGENT,
    "robot": Speaker.SYSTEM,
    "agent-action": Speaker.SYSTEM,
}
_QUEUE_ERRORS = {"pre_queue_error", "queue_error", "call_error", "complete_error"}
_NOT_CONNECTED = {"busy": LINE_BUSY, "no-answer": NOBODY_ANSWERED, "canceled": "The call was canceled."}
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")


TASK_BUDGET = 2000  # Bland advises keeping `task` under about 2,000 characters
_PRIORITY = ("Opener", "Discovery", "Value", "Close", "Objections", "Recap")


def build_task(context: CallContext, budget: int = TASK_BUDGET) -> str:
    """The voice agent's instructions: goal, customer context and the script's key lines, within Bland's budget."""
    customer = context.customer
    head = (
        f"You are a friendly, professional sales representative calling {customer.name}. Goal: discuss "
        f"{', '.join(customer.topics)} and agree a concrete next step (a short walkthrough). Speak one or two "
        "sentences at a time and listen. Never read section names aloud. If they ask not to be called, apologise, "
        "say they will not be called again, and end the call.\nKey lines of the script, in order:\n"
    )
    sections = parse_sections(context.script.script)
    chosen: dict[str, list[str]] = {name: [] for name in sections}
    room = budget - len(head)
    for depth in range(max((len(lines) for lines in sections.values()), default=0)):
        for name in _PRIORITY:  # the first line of every section before the second line of any
            lines = sections.get(name, [])
            if depth < len(lines) and len(lines[depth]) + 1 <= room:
                chosen[name].append(lines[depth])
                room -= len(lines[depth]) + 1
    body = "\n".join(line for name in sections for line in chosen[name])
    return head + body


def language_for(context: CallContext, phone_e164: str) -> str:
    """Bland's language code: Hindi scripts in hi, English to Indian numbers in en-IN, else en-US."""
    if _DEVANAGARI.search(context.script.script):
        return "hi"
    return "en-IN" if phone_e164.startswith("+91") else "en-US"


class BlandTelephony:
    """Real calls through Bland AI."""

    name = "bland"
    dials_real_phones = True
    wraps_up_after_stop = True  # Bland adds the last lines, summary and recording after a hang-up

    def __init__(
        self,
        client: BlandClient,
        voice: str = "maya",
        max_duration_min: int = 5,
        from_number: str = "",
        clock: Callable[[], datetime] = utc_now,
        webhook_url: str = "",
    ) -> None:
        self.client = client
        self.voice = voice
        self.max_minutes: int | None = max_duration_min
        self.from_number = from_number
        self.clock = clock
        self.webhook_url = webhook_url  # Bland posts the finished call here (polling stays the fallback)

    def place_call(self, call: Call, context: CallContext) -> PlacedCall:
        first = context.customer.name.split()[0]
        language = language_for(context, call.phone_e164)
        payload: dict[str, object] = {
            "phone_number": call.phone_e164,  # Bland's field name (its wire format); it holds E.164
            "task": build_task(context),
            "first_sentence": f"नमस्ते {first} जी!"
            if language == "hi"
            else f"Hi {first}, this is a quick call about your enquiry.",
            "voice": self.voice,
            "language": language,
            "max_duration": self.max_minutes,
            "record": True,
            "wait_for_greeting": True,
            "answered_by_enabled": True,  # answered_by (human / voicemail) is only filled when asked for
            "voicemail": {
                "action": "leave_message",
                "message": f"Hi {first}, sorry we missed you. We'll follow up by email. Have a great day.",
            },
            "metadata": {"salesbot_call_id": call.id, "salesbot_customer_id": call.customer_id},
        }
        if self.from_number:
            payload["from"] = self.from_number
        if self.webhook_url:
            payload["webhook"] = self.webhook_url
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
        return self.progress(details, self.clock(), call.started_at)

    def read_report(self, call: Call, report: CallReport, now: datetime) -> CallProgress:
        """A call object Bland pushed (its post-call webhook), read exactly as a poll of GET /v1/calls/{id} is read."""
        if not isinstance(report, BlandReport):
            raise NotFound(f"No {report.provider} call of ours matches this report.")
        return self.progress(report.details, now, call.started_at)

    def recording(self, call: Call) -> bytes | None:
        """The call's recording as audio bytes (fetched with the key), or None when it has none yet."""
        return self.client.fetch_recording(call.recording_url) if call.recording_url else None

    @staticmethod
    def progress(details: BlandCall, now: datetime, placed_at: datetime | None = None) -> CallProgress:
        """Map Bland's status fields to ours; a completed call stays FINISHING until its details settle."""
        said = [
            Utterance(
                id=str(t.id),
                speaker=_SPEAKERS.get(t.user, Speaker.SYSTEM),
                text=storable(t.text).strip(),
                at=t.created_at,
            )
            for t in sorted(details.transcripts, key=lambda t: t.created_at)
            if storable(t.text).strip()
        ]
        said = with_starts(said, details.started_at or placed_at)  # Bland says when a line was added, not begun
        status = (details.status or "").lower()
        queue = (details.queue_status or "").lower()
        ended_at = _ended_at(details, said, placed_at, now)
        if queue in _QUEUE_ERRORS or status == "failed":
            reason = details.error_message or "Bland could not complete the call."
            return CallProgress(CallStatus.FAILED, said, ended_at=ended_at, error_message=reason)
        if status in _NOT_CONNECTED:
            return CallProgress(CallStatus.FAILED, said, ended_at=ended_at, error_message=_NOT_CONNECTED[status])
        if details.completed:
            if details.answered_by == "voicemail" and not any(u.text == "Reached voicemail." for u in said):
                said.append(Utterance(id="voicemail", speaker=Speaker.SYSTEM, text="Reached voicemail.", at=ended_at))
            ended = ended_at
            settled = bool(details.recording_url and details.summary)  # both come after the transcript
            if not settled and (now - ended).total_seconds() < SETTLE_SECONDS:
                return CallProgress(CallStatus.FINISHING, said, ended_at=None, recording_url=details.recording_url)
            return CallProgress(CallStatus.COMPLETED, said, ended_at=ended, recording_url=details.recording_url)
        if queue == "started" or said:
            return CallProgress(CallStatus.IN_PROGRESS, said)
        return CallProgress(CallStatus.DIALLING, said)

    def stop_call(self, call: Call) -> None:
        if call.provider_call_id:
            self.client.stop_call(call.provider_call_id)


def _ended_at(details: BlandCall, said: list[Utterance], placed_at: datetime | None, now: datetime) -> datetime:
    """When the call really ended: its start plus its real length; never `end_at` (the max_duration deadline)."""
    length = details.length_seconds()
    start = details.started_at or placed_at
    if length is not None and start is not None:
        return start + timedelta(seconds=length)
    return said[-1].at if said else now
