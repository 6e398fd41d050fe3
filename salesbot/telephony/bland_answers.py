"""What Bland's REST API answers: the fields of a call salesbot reads, and its error bodies in plain words."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

_UNPRINTABLE = re.compile(r"[^\x20-\x7E\u00A0-\uFFFF]+")


class BlandTranscript(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: int | str
    created_at: datetime
    text: str = ""
    user: str = "assistant"


class BlandCall(BaseModel):
    """The fields of GET /v1/calls/{id} that salesbot uses; the rest is ignored."""

    model_config = ConfigDict(extra="ignore")

    call_id: str | None = None
    completed: bool | None = None
    queue_status: str | None = None
    status: str | None = None
    error_message: str | None = None
    answered_by: str | None = None
    transcripts: list[BlandTranscript] = Field(default_factory=list)
    summary: str | None = None
    recording_url: str | None = None
    created_at: datetime | None = None
    started_at: datetime | None = None
    end_at: datetime | None = None  # when Bland WILL end the call (max_duration), not when it ended
    # Numbers from outside are checked here, for the poller and the webhook alike: finite, not negative, at most a day
    corrected_duration: float | None = Field(default=None, ge=0, le=86_400, allow_inf_nan=False)  # seconds (a string)
    call_length: float | None = Field(default=None, ge=0, le=1_440, allow_inf_nan=False)  # minutes
    metadata: Any = None  # what we sent with the call, echoed back (ours: salesbot_call_id)

    def length_seconds(self) -> float | None:
        """How long the call really lasted: corrected_duration (seconds), else call_length (minutes)."""
        if self.corrected_duration is not None:
            return float(self.corrected_duration)
        if self.call_length is not None:
            return float(self.call_length) * 60
        return None


def explain(status: int, body: Any) -> str:
    """Bland's documented error bodies, told in words a presenter can act on, with Bland's own text (sanitised)."""
    message = ""
    if isinstance(body, dict):
        errors = body.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], str):
            message = " ".join(str(e) for e in errors[:3])
        message = message or str(body.get("message") or body.get("error") or "")
    said = _sanitise(message)
    quoted = f" Bland says: “{said}”." if said else ""
    if status == 401:
        return "Bland rejected the API key (401). Check BLAND_API_KEY."
    if status == 403:
        return f"Bland refused the request (403): the account may be flagged or blocked.{quoted} Contact Bland support."
    if status == 402:
        return "The Bland account's balance is too low to place calls (402). Top it up, then try again."
    if status == 429:
        lowered = message.lower()
        if "same number" in lowered or "10 seconds" in lowered:
            return (
                "Bland allows one call to the same number every 10 seconds. Wait a moment, then start the call again."
            )
        if "blacklist" in lowered:
            return "Bland will not call this number: it is on Bland's blocked list (429)."
        if "international" in lowered:
            return "Bland's international call limit for this account type was reached (429). Try a domestic number or upgrade."
        if "new" in lowered:
            return "Bland limits newly created accounts (429). Wait a while or contact Bland to raise the limit."
        return f"Bland's rate or plan limit was reached (429). Wait a minute, then try again.{quoted}"
    if status >= 500:
        return f"Bland had a server error (HTTP {status}).{quoted} Try again in a minute."
    if body is None:
        return f"Bland answered with something unexpected (HTTP {status})."
    if status == 400:
        return f"Bland refused the call: {said or 'invalid parameters'}."
    return f"Bland could not handle the request (HTTP {status}){': ' + said if said else ''}."


def _sanitise(text: str, limit: int = 200) -> str:
    """Bland's text as one short printable line, never carrying anything that looks like a key."""
    text = _UNPRINTABLE.sub(" ", text)
    text = re.sub(r"\b(sk|bl|org)[-_][A-Za-z0-9_\-]{8,}", "[redacted]", text)
    text = " ".join(text.split())
    return text[:limit].rstrip(" .") if text else ""
