"""A local Bland-compatible server: the documented request and response shapes, a transcript that grows
over time, every documented failure on demand, and a count of every request it was sent.

Follows docs.bland.ai: api-v1/post/calls, api-v1/get/calls-id, api-v1/get/calls, api-v1/post/calls-id-stop,
tutorials/call-recordings and platform/rate-limits (see docs/bland.md for what each point relies on).

Post-call webhooks (api-v1/post/calls `webhook`, tutorials/post-call-webhooks, tutorials/webhook-signing): a call sent
with `webhook` (https only, as the team's reference notes say) has its call object posted there once it has settled,
as compact JSON (what Bland's Node example re-serialises with JSON.stringify), signed with `X-Webhook-Signature` = hex
HMAC-SHA256 of that body under `webhook_secret` when one is set. `webhook_target` stands for the TLS-terminating proxy
in front of the app: deliveries go to that base URL plus the webhook's path."""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.fakes.http import JSONHandler, LocalServer, StatefulServer

LINES = (
    ("assistant", "Hi Asha, this is a quick call about your enquiry."),
    ("user", "Hello, yes, who is this?"),
    ("assistant", "It's Maya from Acme Cloud. Is now a good time to talk about pricing?"),
    ("user", "Sure. What would this cost us per month?"),
    ("agent-action", "Agent looked up pricing."),
    ("assistant", "It's priced per seat with no setup fee. Could we book a walkthrough on Thursday?"),
    ("user", "Thursday works for me. Let's do it."),
)

# status code and body for each failure the API documents for POST /v1/calls
POST_FAILURES: dict[str, tuple[int, Any]] = {
    "bad_request": (
        400,
        {"status": "error", "message": "Invalid parameters", "errors": ["Missing required parameter: task."]},
    ),
    "bad_phone": (400, {"error": "Invalid phone number format"}),
    "unauthorized": (401, {"data": None, "errors": [{"error": "AUTH_FAILURE", "message": "Unauthorized"}]}),
    "no_balance": (402, {"status": "error", "message": "Insufficient balance."}),
    "same_number": (429, {"status": "error", "message": "Calls can only be sent every 10 seconds to the same number."}),
    "international": (429, {"status": "error", "message": "International rate limit exceeded for your account type."}),
    "plan_limit": (429, {"status": "error", "message": "Rate limit exceeded"}),
    "server_error": (500, {"status": "error", "message": "Internal server error"}),
    "flagged": (403, {"status": "error", "message": "Your account has been flagged. Contact support."}),
    "blacklisted": (429, {"status": "error", "message": "This number is blacklisted"}),
    "new_account": (429, {"status": "error", "message": "Rate limit exceeded for newly created accounts"}),
    "bad_encrypted_key": (500, {"status": "error", "message": "Invalid `encrypted_key` for this account"}),
}


@dataclass(frozen=True)
class Delivery:
    """One post-call webhook the server sent: the exact body and headers, and the status the receiver answered."""

    call_id: str
    url: str
    body: bytes
    headers: dict[str, str]
    status: int


def _wall_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class BlandState:
    api_key: str = "bl-test-key"
    # Bland's clock: when calls are created and how far along they are, and the rate limit's second. A test shares
    # its hand clock with the app (build_app's clock) to move a call along without waiting for it.
    clock: Callable[[], datetime] = _wall_clock
    post_mode: str = "ok"  # ok | a POST_FAILURES key | not_json | malformed | read_timeout
    outcome: str = "answered"  # answered | voicemail | no-answer | call_error
    line_every_s: float = 0.3
    ring_s: float = 0.2
    settle_s: float = 0.5  # summary and recording arrive this long after `completed`
    # a line is in `transcripts` this long after it was said (its created_at stays when it was said): the docs'
    # "a stopped call still gets its last transcript lines after the hang-up"
    transcript_lag_s: float = 0.0
    slow_s: float = 3.0
    get_failures: int = 0  # the next N GETs answer 503
    post_delay_s: float = 0.0  # POST /v1/calls answers (as post_mode says) only after this many seconds
    # every GET answers like this until set back to "ok": a service down or a proxy in the way mid-call
    get_mode: str = "ok"  # ok | unavailable (503) | not_json (200, an HTML page) | truncated (200, JSON cut short)
    # Bland's organisation rate limit (docs.bland.ai, platform/rate-limits): requests per key per second beyond it
    # answer 429 "Rate limit exceeded"; None switches it off
    rate_limit_per_s: int | None = 20
    webhook_secret: str = ""  # the account's webhook signing secret; "" sends deliveries unsigned
    webhook_target: str | None = None  # base URL deliveries really go to (the app behind its https proxy); None: none
    deliveries: list[Delivery] = field(default_factory=list)
    calls: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    recent: list[float] = field(default_factory=list)  # when the last requests came, for the rate limit
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, method: str, prefix: str = "/v1/calls") -> int:
        return sum(1 for m, p in self.requests if m == method and p.split("?")[0] == prefix)

    def seconds(self) -> float:
        """The clock as seconds, to measure how long a call has run."""
        return self.clock().timestamp()


RECORDING = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + bytes(413)  # a tiny MP3 frame


class _Handler(JSONHandler):
    server: StatefulServer[BlandState]

    def _rate_limited(self) -> bool:
        """Bland's per-organisation rate limit: too many requests in one second answer 429."""
        state = self.server.state
        if state.rate_limit_per_s is None:
            return False
        now = state.seconds()
        with state.lock:
            state.recent = [t for t in state.recent if now - t < 1.0]
            state.recent.append(now)
            over = len(state.recent) > state.rate_limit_per_s
        if over:
            self.send_json(429, {"status": "error", "message": "Rate limit exceeded"})
        return over

    def _authorised(self) -> bool:
        key = self.headers.get("authorization", "")
        if key.removeprefix("Bearer ") == self.server.state.api_key:
            return True
        self.send_json(401, {"data": None, "errors": [{"error": "AUTH_FAILURE", "message": "Unauthorized"}]})
        return False

    def do_POST(self) -> None:
        state = self.server.state
        with state.lock:
            state.requests.append(("POST", self.path))
        body = self.read_json()
        if not self._authorised() or self._rate_limited():
            return
        if self.path == "/v1/calls":
            if state.post_delay_s > 0:
                time.sleep(state.post_delay_s)  # Bland is slow to answer; the call is queued when it does
            return self._send_call(body)
        parts = self.path.strip("/").split("/")
        if len(parts) == 4 and parts[3] == "stop" and parts[2] in state.calls:
            state.calls[parts[2]]["stopped_at"] = state.seconds()
            return self.send_json(200, {"status": "success", "message": "Call ended successfully."})
        self.send_json(404, {"status": "error", "message": "Not found"})

    def _send_call(self, body: dict[str, Any]) -> None:
        state = self.server.state
        if state.post_mode in POST_FAILURES:
            return self.send_json(*POST_FAILURES[state.post_mode])
        if state.post_mode == "gateway_html":
            return self.send_raw(502, b"<html><body>Bad gateway</body></html>", "text/html")
        if state.post_mode == "not_json":
            return self.send_raw(200, b"<html><body>Maintenance</body></html>", "text/html")
        if not body.get("phone_number", "").startswith("+") or not body.get("task"):
            return self.send_json(400, POST_FAILURES["bad_request"][1])
        if "webhook" in body and not str(body["webhook"]).startswith("https://"):
            return self.send_json(
                400, {"status": "error", "message": "Invalid parameters", "errors": ["webhook must be an https URL."]}
            )
        call_id = str(uuid.uuid4())
        created_at = state.clock()
        state.calls[call_id] = {
            "payload": body,
            "created": created_at.timestamp(),
            "created_at": created_at,
            "stopped_at": None,
        }
        if body.get("webhook"):
            threading.Thread(target=self._deliver_when_settled, args=(call_id,), daemon=True).start()
        if state.post_mode == "malformed":
            return self.send_json(200, {"status": "success", "message": "queued"})  # no call_id
        if state.post_mode == "read_timeout":
            time.sleep(state.slow_s)  # the call is queued, but the answer comes too late
        self.send_json(
            200, {"status": "success", "message": "Call successfully queued.", "call_id": call_id, "batch_id": None}
        )

    def do_GET(self) -> None:
        state = self.server.state
        with state.lock:
            state.requests.append(("GET", self.path))
            failing = state.get_failures > 0
            state.get_failures -= 1 if failing else 0
        if self.path.startswith("/v1/recordings/"):
            return self._recording()
        if not self._authorised() or self._rate_limited():
            return
        if failing or state.get_mode == "unavailable":
            return self.send_json(503, {"status": "error", "message": "Service unavailable"})
        if state.get_mode == "not_json":
            return self.send_raw(200, b"<html><body>Maintenance</body></html>", "text/html")
        if state.get_mode == "truncated":
            return self.send_raw(200, b'{"call_id": "', "application/json")
        url = urlparse(self.path)
        if url.path == "/v1/calls":
            to = parse_qs(url.query).get("to_number", [""])[0]
            calls = [
                self._details(cid, c, brief=True)
                for cid, c in state.calls.items()
                if c["payload"]["phone_number"] == to
            ]
            return self.send_json(200, {"total_count": len(calls), "count": len(calls), "calls": calls})
        call_id = url.path.rsplit("/", 1)[-1]
        if call_id not in state.calls:
            return self.send_json(404, {"status": "error", "message": "Call not found"})
        self.send_json(200, self._details(call_id, state.calls[call_id]))

    def _recording(self) -> None:
        """Recordings of new organisations need the key (recording_lifespan_days=0): 401 without it."""
        key = self.headers.get("authorization", "")
        if key.removeprefix("Bearer ") != self.server.state.api_key:
            return self.send_json(401, {"errors": [{"error": "AUTHORIZATION_REQUIRED", "message": "API key required"}]})
        call_id = self.path.rsplit("/", 1)[-1].removesuffix(".mp3")
        if call_id not in self.server.state.calls:
            return self.send_json(404, {"status": "error", "message": "Recording not found"})
        self.send_raw(200, RECORDING, "audio/mpeg")

    def _details(self, call_id: str, call: dict[str, Any], brief: bool = False) -> dict[str, Any]:
        state = self.server.state
        now = state.seconds()
        elapsed = (call["stopped_at"] or now) - call["created"]
        start = call["created_at"]
        lines = LINES if state.outcome == "answered" else ()
        if state.outcome == "voicemail":
            lines = (("assistant", "Hi Asha, sorry we missed you. We'll follow up by email."),)
        said = [
            (i, user, text, state.ring_s + (i + 1) * state.line_every_s)
            for i, (user, text) in enumerate(lines)
            if state.ring_s + (i + 1) * state.line_every_s <= elapsed
            and state.ring_s + (i + 1) * state.line_every_s + state.transcript_lag_s <= now - call["created"]
        ]
        total = state.ring_s + (len(lines) + 1) * state.line_every_s
        completed = call["stopped_at"] is not None or elapsed >= total or state.outcome in {"no-answer", "call_error"}
        ended_for = (now - call["created"]) - min(elapsed, total)
        transcripts = [
            # ids as numbers and strings alike, extra keys, and not in order
            {"id": i if i % 2 else str(1000 + i), "created_at": (start + timedelta(seconds=t)).isoformat(), "text": text,
             "user": user, "c_id": call_id, "status": None}
            for i, user, text, t in said
        ]  # fmt: skip
        random.Random(len(transcripts)).shuffle(transcripts)
        details: dict[str, Any] = {
            "call_id": call_id,
            "created_at": start.isoformat(),
            "to": call["payload"]["phone_number"],
            "completed": completed,
            "queue_status": "complete" if completed else ("started" if elapsed >= state.ring_s else "queued"),
            "status": "completed" if completed else "in-progress",
            "answered_by": None,
            "metadata": call["payload"].get("metadata"),
        }
        if brief:
            return details
        details["transcripts"] = transcripts
        details["concatenated_transcript"] = "\n".join(f"{u}: {t}" for _, u, t, _ in said)
        if state.outcome == "no-answer":
            details.update(status="no-answer", answered_by="no-answer", transcripts=[])
        if state.outcome == "call_error":
            details.update(queue_status="call_error", status="failed", error_message="Carrier rejected the call.")
        payload = call["payload"]
        connected = elapsed >= state.ring_s
        if connected:  # end_at is when Bland WILL end the call (start + max_duration), not when it ended
            started = start + timedelta(seconds=state.ring_s)
            details["started_at"] = started.isoformat()
            details["end_at"] = (started + timedelta(minutes=float(payload.get("max_duration") or 30))).isoformat()
        if completed:
            length = max(0.0, min(elapsed, total) - state.ring_s)
            details["call_length"] = round(length / 60, 4)  # minutes
            details["corrected_duration"] = str(round(length))  # seconds, as a string
            if state.outcome == "voicemail":
                details["answered_by"] = "voicemail"
            if ended_for >= state.settle_s:
                details["summary"] = "Asha agreed to a walkthrough on Thursday."
                details["recording_url"] = f"{self._own_url()}/v1/recordings/{call_id}.mp3"
                details["answered_by"] = details["answered_by"] or "human"
        if not payload.get("answered_by_enabled"):  # only filled when the call asked for it
            details["answered_by"] = None
        return details

    def _deliver_when_settled(self, call_id: str) -> None:
        """Post the call object to its webhook once, when Bland would: after the summary and recording are in."""
        state = self.server.state
        call = state.calls[call_id]
        while True:
            details = self._details(call_id, call)
            if details["completed"] and (details.get("summary") or state.outcome in {"no-answer", "call_error"}):
                break
            time.sleep(0.05)
        if state.webhook_target is None:
            return
        body = json.dumps(details, separators=(",", ":"), ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"}
        if state.webhook_secret:
            headers["X-Webhook-Signature"] = hmac.new(state.webhook_secret.encode(), body, hashlib.sha256).hexdigest()
        url = state.webhook_target + urlparse(call["payload"]["webhook"]).path
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status = response.status
        except urllib.error.HTTPError as e:
            status = e.code
        except OSError:
            status = 0  # the receiver could not be reached
        with state.lock:
            state.deliveries.append(Delivery(call_id, url, body, headers, status))

    def _own_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"


class BlandServer(LocalServer[BlandState]):
    def __init__(self, state: BlandState | None = None) -> None:
        super().__init__(_Handler, state or BlandState())

    def __enter__(self) -> BlandServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
