"""Bland AI's REST API over one requests.Session: send, read, stop and look up calls; errors in plain words."""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

import requests
from pydantic import ValidationError

from salesbot import metrics
from salesbot.errors import CallLost, CallOutcomeUnknown, ProviderBusy, TelephonyError
from salesbot.telephony.bland_answers import BlandCall, explain

log = logging.getLogger(__name__)
MAX_RECORDING_BYTES = 40 * 1024 * 1024  # a 5-minute call is a few MB; anything bigger is not a call recording


class BlandClient:
    """A small client: a timeout on every request, POST /v1/calls never retried once it may have reached Bland.

    Reads are made once per poll tick, with a short timeout: the next tick is the retry, so a tick never blocks,
    and a 429 is raised as ProviderBusy for the caller to back off.
    """

    def __init__(
        self,
        api_key: str,
        base_url: str = "https://api.bland.ai",
        session: requests.Session | None = None,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 20.0,
        retries: int = 3,
        backoff_s: float = 0.5,
        poll_timeout_s: float = 5.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()
        self.session.headers.update({"authorization": api_key, "content-type": "application/json"})
        self.timeout = (connect_timeout_s, read_timeout_s)
        self.poll_timeout = (min(connect_timeout_s, poll_timeout_s), min(read_timeout_s, poll_timeout_s))
        self.api_key = api_key
        self.retries = retries
        self.backoff_s = backoff_s

    def send_call(self, payload: dict[str, Any]) -> str:
        """POST /v1/calls once; a connection that never opened is retried, anything later is not."""
        for attempt in range(self.retries + 1):
            try:
                response = self.session.post(f"{self.base_url}/v1/calls", json=payload, timeout=self.timeout)
                break
            except requests.RequestException as e:
                count_error(None, e)
                if not _never_sent(e):
                    log.warning("POST /v1/calls may have reached Bland (%s): not retrying", type(e).__name__)
                    raise CallOutcomeUnknown() from e
                if attempt == self.retries:
                    raise TelephonyError("Bland cannot be reached. Check the network and BLAND_BASE_URL.") from e
                time.sleep(self.backoff_s * 2**attempt)
        body = _json(response)
        call_id = body.get("call_id") if isinstance(body, dict) else None
        if response.status_code >= 400 or (body is None and response.status_code >= 300):
            count_error(response.status_code)
            raise TelephonyError(explain(response.status_code, body))
        if not call_id:
            # Accepted but with no call id (or an unreadable body): the call may be queued. Look it up, never resend.
            log.warning("POST /v1/calls answered %s without a call id", response.status_code)
            raise CallOutcomeUnknown(
                "Bland accepted the call but did not say which call it is. It was not sent again:"
                " press Refresh transcript to look it up."
            )
        return str(call_id)

    def get_call(self, call_id: str) -> BlandCall:
        body = self._get(f"/v1/calls/{call_id}")
        try:
            return BlandCall.model_validate(body)
        except ValidationError as e:
            raise TelephonyError("Bland sent call details in an unexpected shape. Try Refresh transcript.") from e

    def find_calls(self, phone_e164: str, since: datetime) -> list[BlandCall]:
        """Calls to a number created since a time (to find a call whose POST outcome is unknown)."""
        body = self._get("/v1/calls", params={"to_number": phone_e164, "start_date": since.date().isoformat()})
        calls = body.get("calls", []) if isinstance(body, dict) else []
        found = []
        for raw in calls if isinstance(calls, list) else []:
            try:
                call = BlandCall.model_validate(raw)
            except ValidationError:
                continue
            if call.call_id and (call.created_at is None or call.created_at >= since):
                found.append(call)
        return found

    def stop_call(self, call_id: str) -> None:
        try:
            response = self.session.post(f"{self.base_url}/v1/calls/{call_id}/stop", timeout=self.timeout)
        except requests.RequestException as e:
            count_error(None, e)
            raise TelephonyError("Bland could not be reached to stop the call. Try again.") from e
        if response.status_code >= 400:
            count_error(response.status_code)
            if response.status_code == 404:
                raise CallLost(explain(404, _json(response)))
            raise TelephonyError(explain(response.status_code, _json(response)))

    def check(self) -> None:
        """Bland answers with this key: a one-call listing (GET /v1/calls), which places and costs nothing."""
        self._get("/v1/calls", {"limit": "1"})

    def _get(self, path: str, params: dict[str, str] | None = None) -> Any:
        """One GET (no retry inside a poll tick); 429 becomes ProviderBusy, other failures TelephonyError."""
        began = time.perf_counter()
        try:
            response = self.session.get(f"{self.base_url}{path}", params=params, timeout=self.poll_timeout)
        except requests.RequestException as e:
            count_error(None, e)
            raise TelephonyError("Bland cannot be reached right now.") from e
        body = _json(response)
        if response.status_code >= 400:
            count_error(response.status_code)
        else:
            metrics.PROVIDER_LOOKUP.labels("bland").observe(time.perf_counter() - began)
        if response.status_code == 429:
            raise ProviderBusy(explain(429, body))
        if response.status_code == 404:
            raise CallLost(explain(404, body))
        if response.status_code >= 400:
            raise TelephonyError(explain(response.status_code, body))
        if not isinstance(body, dict):
            raise TelephonyError(f"Bland answered with something unexpected (HTTP {response.status_code}).")
        return body

    def fetch_recording(self, url: str) -> bytes:
        """The recording's audio, fetched here with the key (new organisations' links need it), size-capped.

        Only from Bland itself: https on bland.ai (or a subdomain) on the default port, or exactly the configured
        BLAND_BASE_URL (scheme, host and port). Any other link, even one that arrived in a signed webhook, is
        refused without a request, so the key never leaves for another host and the server fetches nothing it was
        pointed at."""
        if not self._is_bland(url):
            log.warning("recording link refused: not on Bland's own servers")
            raise TelephonyError("The recording link does not point to Bland's own servers, so it was not fetched.")
        headers: dict[str, str] = {}
        try:
            with self.session.get(url, headers=headers, timeout=self.timeout, stream=True) as response:
                if response.status_code >= 400:
                    raise TelephonyError(f"The recording could not be fetched (HTTP {response.status_code}).")
                audio = bytearray()
                for chunk in response.iter_content(64 * 1024):
                    audio += chunk
                    if len(audio) > MAX_RECORDING_BYTES:
                        raise TelephonyError("The recording is too large to play here.")
        except requests.RequestException as e:
            raise TelephonyError("The recording could not be fetched. Try again later.") from e
        return bytes(audio)

    def _is_bland(self, url: str) -> bool:
        """Bland's own: https on bland.ai or a subdomain, default port; or the configured base URL's origin."""
        try:
            link, own = urlparse(url), urlparse(self.base_url)
            origin = (link.scheme, (link.hostname or "").lower(), link.port)
            configured = (own.scheme, (own.hostname or "").lower(), own.port)
        except ValueError:  # a port that is not a number, an unbalanced bracket
            return False
        if link.username or link.password:
            return False
        scheme, host, port = origin
        on_bland = scheme == "https" and port in {None, 443} and (host == "bland.ai" or host.endswith(".bland.ai"))
        return on_bland or origin == configured


def _never_sent(error: requests.RequestException) -> bool:
    """True only when the request cannot have reached Bland: the connection itself failed to open."""
    if isinstance(error, requests.ConnectTimeout):
        return True
    if isinstance(error, requests.ConnectionError) and not isinstance(error, requests.ReadTimeout):
        from urllib3.exceptions import NameResolutionError, NewConnectionError

        reason = getattr(error.args[0], "reason", None) if error.args else None
        return isinstance(reason, NewConnectionError | NameResolutionError)
    return False


def _json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def count_error(status: int | None, error: requests.RequestException | None = None) -> None:
    """A failed request to Bland in the metrics, by kind: 401, 402, 404, 429, 5xx, timeout, unreachable, other."""
    if status is None:
        kind = "timeout" if isinstance(error, requests.Timeout) else "unreachable"
    elif status in {401, 402, 404, 429}:
        kind = str(status)
    else:
        kind = "5xx" if status >= 500 else "other"
    metrics.PROVIDER_ERRORS.labels("bland", kind).inc()
