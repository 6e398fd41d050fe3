"""Bland's post-call webhook: the signature over the raw body, and the delivered call object as a typed report."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass

from pydantic import ValidationError

from salesbot.errors import InvalidInput
from salesbot.telephony import CallReport
from salesbot.telephony.bland_answers import BlandCall

SIGNATURE_HEADER = "X-Webhook-Signature"  # docs.bland.ai, tutorials/webhook-signing


def signature_valid(secret: str, body: bytes, signature: str | None) -> bool:
    """True when `signature` is the hex HMAC-SHA256 of the raw body under the secret, compared in constant time."""
    if not secret or not signature:
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest().encode()
    return hmac.compare_digest(expected, signature.strip().lower().encode("utf-8", "replace"))


@dataclass(frozen=True)
class BlandReport(CallReport):
    """One post-call webhook: which Bland call it reports, our call id if it carries one, and the call object."""

    details: BlandCall


def read_delivery(body: bytes) -> BlandReport:
    """The webhook's call object (the same fields as GET /v1/calls/{id}); InvalidInput when it is not one."""
    try:
        raw = json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        raise InvalidInput({}, "The webhook body is not JSON.") from e
    if not isinstance(raw, dict):
        raise InvalidInput({}, "The webhook body is not a call object.")
    try:
        details = BlandCall.model_validate(raw)
    except ValidationError as e:
        fields = {".".join(str(p) for p in err["loc"]): err["msg"] for err in e.errors()}
        raise InvalidInput(fields, "The webhook's call object has fields of an unexpected shape.") from e
    provider_call_id = details.call_id or (str(raw["c_id"]) if raw.get("c_id") else "")
    if not provider_call_id:
        raise InvalidInput({"call_id": "Field required"}, "The webhook does not say which call it reports.")
    return BlandReport("bland", provider_call_id, _our_call_id(details.metadata), details)


MAX_CALL_ID = 2**63 - 1  # the stores' ids are 64-bit signed integers


def _our_call_id(metadata: object) -> int | None:
    """The salesbot_call_id we sent in the call's metadata, if Bland echoed it back; InvalidInput for an id no call
    of ours can have (zero, negative, past 64 bits, not a whole number)."""
    value = metadata.get("salesbot_call_id") if isinstance(metadata, dict) else None
    if value is None:
        return None
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,19}", value):
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_CALL_ID:
        raise InvalidInput({"metadata.salesbot_call_id": "not a call id"}, "The webhook names a call id we never use.")
    return value
