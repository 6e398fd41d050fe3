"""Which error statuses each endpoint answers, with the error body, as /api/openapi.json describes them."""

from __future__ import annotations

from typing import Any

from salesbot.api.schemas import ErrorOut

_WHY = {
    400: "`idempotency_key_required` (POST /call without a valid Idempotency-Key) or `invalid_body` (a body that"
    " cannot be read as text, e.g. invalid UTF-8, or nested too deep)",
    401: "`unauthorized`: no or wrong bearer token (checked before the body is read); the webhook: `bad_signature`",
    403: "`call_refused`: a rule of the page refused the call (consent, allow-list, do-not-call, another customer's"
    " script); nothing was dialled",
    404: "`not_found`: an unknown customer, script or call id",
    409: "`number_busy` (another call to the number is still open: `open_call_id`) or `no_model` (simulated_by"
    " `model` without a configured language model)",
    413: "`too_large`: the body is over 1 MB",
    422: "`invalid_input` (`fields` names each bad field and says why) or `invalid_json`",
    502: "`script_writer_failed`, `script_cut` or `telephony_failed`: the script writer or call provider failed",
    503: "`api_off` (no SALESBOT_API_TOKEN), `webhook_off`, `not_configured` or `storage_unavailable`",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses` of an endpoint: each error status it answers, with the one error body and why."""
    return {status: {"model": ErrorOut, "description": _WHY[status]} for status in statuses}
