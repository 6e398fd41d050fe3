"""Bland's webhook: the signature over the raw body, and the delivered call object read like a poll."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime

import pytest

from salesbot.errors import InvalidInput
from salesbot.models import CallStatus
from salesbot.telephony.bland import BlandTelephony
from salesbot.telephony.bland_client import BlandClient
from salesbot.telephony.bland_webhook import read_delivery, signature_valid
from tests.builders import a_call

BODY = json.dumps(
    {
        "call_id": "c-1",
        "completed": True,
        "status": "completed",
        "queue_status": "complete",
        "started_at": "2026-11-24T10:00:00Z",
        "corrected_duration": "42",
        "summary": "Agreed a walkthrough.",
        "recording_url": "https://api.bland.ai/v1/recordings/c-1.mp3",
        "metadata": {"salesbot_call_id": 7},
        "transcripts": [
            {"id": 2, "created_at": "2026-11-24T10:00:05Z", "text": "Sure.", "user": "user"},
            {"id": "1", "created_at": "2026-11-24T10:00:02Z", "text": "Hi Asha.", "user": "assistant"},
        ],
    },
    separators=(",", ":"),
).encode()


def sign(body: bytes, secret: str = "s3cret") -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_only_the_hex_hmac_of_these_exact_bytes_under_the_secret_passes() -> None:
    assert signature_valid("s3cret", BODY, sign(BODY))
    assert signature_valid("s3cret", BODY, sign(BODY).upper())
    assert not signature_valid("s3cret", BODY, None)
    assert not signature_valid("s3cret", BODY, "")
    assert not signature_valid("", BODY, sign(BODY, ""))  # no secret configured: nothing passes
    assert not signature_valid("s3cret", BODY + b"\n", sign(BODY))
    assert not signature_valid("s3cret", BODY, sign(BODY, "other"))
    assert not signature_valid("s3cret", BODY, "é" * 64)


def test_a_delivery_is_read_like_a_poll_of_the_call() -> None:
    delivery = read_delivery(BODY)
    assert (delivery.provider_call_id, delivery.salesbot_call_id) == ("c-1", 7)
    call = a_call(id=7, customer_id=1, provider="bland", provider_call_id="c-1", status=CallStatus.IN_PROGRESS,
                  started_at=datetime(2026, 11, 24, 10, tzinfo=UTC), created_at=datetime(2026, 11, 24, 10, tzinfo=UTC))  # fmt: skip
    progress = BlandTelephony(BlandClient("key")).read_report(call, delivery, datetime(2026, 11, 24, 10, 5, tzinfo=UTC))
    assert progress.status is CallStatus.COMPLETED
    assert [u.text for u in progress.utterances] == ["Hi Asha.", "Sure."]
    assert progress.ended_at == datetime(2026, 11, 24, 10, 0, 42, tzinfo=UTC)
    assert progress.recording_url == "https://api.bland.ai/v1/recordings/c-1.mp3"


@pytest.mark.parametrize(
    "body", [b"", b"{", b"[]", b'"text"', b'{"completed": true}', b'{"call_id": "c", "transcripts": {}}']
)
def test_what_is_not_a_call_object_is_invalid_input(body: bytes) -> None:
    with pytest.raises(InvalidInput):
        read_delivery(body)


def test_our_id_is_only_taken_from_metadata_when_it_is_a_number() -> None:
    for metadata, expected in [
        ({"salesbot_call_id": "12"}, 12),
        ({"salesbot_call_id": 12}, 12),
        ("x", None),
        ({}, None),
    ]:
        body = json.dumps({"call_id": "c", "metadata": metadata}).encode()
        assert read_delivery(body).salesbot_call_id == expected
    for bad in [True, 0, -3, 2**63, "12a", "\u00b2", 1.5, [12]]:  # no call of ours has such an id: 422, nothing changes
        body = json.dumps({"call_id": "c", "metadata": {"salesbot_call_id": bad}}).encode()
        with pytest.raises(InvalidInput):
            read_delivery(body)
