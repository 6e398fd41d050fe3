"""schemathesis hooks for test_api_fuzz.py: a generated valid request is sent as a careful client would send it.

Two things JSON Schema cannot say, and the API (issue 25) does: an id is written as an integer (JSON Schema's
`integer` also admits 1.0, which the API refuses with 422), and an Idempotency-Key is never reused with another body
(refused with 422). So a request schemathesis means as valid gets its integral numbers written as integers and a key
of its own; requests it means as invalid are sent exactly as generated. test_api_hostile.py covers both refusals."""

from __future__ import annotations

import uuid
from typing import Any

import schemathesis


def _integers(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _integers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_integers(v) for v in value]
    return value


@schemathesis.hook
def before_call(ctx: Any, case: Any, **kwargs: Any) -> None:
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    case.body = _integers(case.body)
    key = (case.headers or {}).get("Idempotency-Key")
    if key:
        case.headers["Idempotency-Key"] = f"{key[:160]}.{uuid.uuid4().hex}"
