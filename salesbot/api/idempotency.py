"""An Idempotency-Key is exact: sent again with the same fields it returns the same call; with any other, 422."""

from __future__ import annotations

import json

from salesbot.api.schemas import CallIn
from salesbot.errors import InvalidInput
from salesbot.models import Call


def refuse_reused_key(call: Call, body: CallIn) -> None:
    """InvalidInput naming every field that differs from the request that placed `call` under the same key."""
    asked = body.model_dump(mode="json")
    first = _first_request(call, body)
    changed = sorted(name for name in asked if asked[name] != first.get(name))
    if not changed:
        return
    message = (
        f"This Idempotency-Key was already used for call #{call.id} with another {', '.join(changed)}; send the same"
        " fields to get that call, or a new key for a new call."
    )
    raise InvalidInput(
        {"Idempotency-Key": message, **{name: "differs from the key's first request" for name in changed}}, message
    )


def _first_request(call: Call, body: CallIn) -> dict[str, object]:
    """The fields the call was placed with; a call stored before they were kept is compared by what it has."""
    if call.request_fields:
        fields: dict[str, object] = json.loads(call.request_fields)
        return fields
    return {**body.model_dump(mode="json"), "customer_id": call.customer_id,
            "script_id": body.script_id and call.script_id}  # fmt: skip
