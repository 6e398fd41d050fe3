"""Real calls through the API against the local Bland-compatible server, and Bland's signed post-call webhook."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.fakes.bland_server import LINES, BlandServer, BlandState
from tests.integration.api_app import TOKEN, Api, running_api, sign

SECRET = "whsec-test-secret"
PUBLIC_URL = "https://salesbot.example"
_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def bland() -> Iterator[BlandServer]:
    state = BlandState(line_every_s=0.1, ring_s=0.2, settle_s=0.3, webhook_secret=SECRET)
    with BlandServer(state) as server:
        yield server


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, bland: BlandServer) -> Iterator[Api]:
    env = {
        "SALESBOT_API_TOKEN": TOKEN,
        "BLAND_API_KEY": bland.state.api_key,
        "BLAND_BASE_URL": bland.url,
        "BLAND_TIMEOUT_SECONDS": "2",
        "BLAND_WEBHOOK_SECRET": SECRET,
        "SALESBOT_PUBLIC_URL": PUBLIC_URL,
        "SALESBOT_PROVIDER_POLL_SECONDS": "0.2",
        "SALESBOT_ALLOWED_NUMBERS": "+91981*",
    }
    with running_api(tmp_path_factory.mktemp("bland"), **env) as running:
        yield running


@pytest.fixture(autouse=True)
def no_automatic_delivery(bland: BlandServer) -> Iterator[None]:
    bland.state.webhook_target = None  # tests post deliveries themselves unless they say otherwise
    yield
    bland.state.webhook_target = None


def new_customer(api: Api) -> dict[str, Any]:
    """A customer with a number of its own (one open real call per number), on the allow-list, with a script."""
    customer = api.customer(name=f"Customer {next(_numbers)}", phone_number=f"98100{next(_numbers):05d}")
    api.script(customer["id"])
    return customer


def place(api: Api, customer: dict[str, Any], key: str) -> dict[str, Any]:
    response = api.call(key, customer_id=customer["id"], consent=True)
    assert response.status_code == 202, response.text
    body: dict[str, Any] = response.json()
    return body


def provider_id(api: Api, call_id: int) -> str:
    rows = api.rows("SELECT provider_call_id FROM call_transcripts WHERE id = ?", call_id)
    assert rows and rows[0][0], rows
    return str(rows[0][0])


def bland_gets(bland: BlandServer, bland_id: str) -> int:
    return bland.state.count("GET", f"/v1/calls/{bland_id}")


def settled_at_bland(bland: BlandServer, bland_id: str) -> bytes:
    """Bland's call object once summary and recording are in, as its webhook would carry it (compact JSON)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        details = httpx.get(f"{bland.url}/v1/calls/{bland_id}", headers={"authorization": bland.state.api_key}).json()
        if details.get("summary"):
            return json.dumps(details, separators=(",", ":")).encode()
        time.sleep(0.1)
    raise AssertionError("the call never settled at Bland")


def deliver(api: Api, body: bytes, signature: str | None) -> httpx.Response:
    headers = {"Content-Type": "application/json"} | ({"X-Webhook-Signature": signature} if signature else {})
    return httpx.post(f"{api.url}/api/webhooks/bland", content=body, headers=headers)  # no bearer token needed


def stored(api: Api, call_id: int) -> tuple[Any, ...]:
    return api.rows("SELECT * FROM call_transcripts WHERE id = ?", call_id)[0]


def test_one_idempotency_key_dials_bland_once_with_the_webhook_set(api: Api, bland: BlandServer) -> None:
    customer = new_customer(api)
    posts = bland.state.count("POST")
    first = place(api, customer, "once-1")
    again = place(api, customer, "once-1")
    assert first["id"] == again["id"] and first["provider"] == "bland"
    assert bland.state.count("POST") == posts + 1
    payload = bland.state.calls[provider_id(api, first["id"])]["payload"]
    assert payload["webhook"] == f"{PUBLIC_URL}/api/webhooks/bland"
    assert payload["metadata"]["salesbot_call_id"] == first["id"]


def test_every_rule_of_the_page_holds_and_nothing_is_dialled(api: Api, bland: BlandServer) -> None:
    customer = new_customer(api)
    posts = bland.state.count("POST")
    no_consent = api.call("rules-1", customer_id=customer["id"])
    assert no_consent.status_code == 403 and "permission to call" in no_consent.json()["error"]["message"]
    abroad = api.customer(name="Outside List", country_code="US", phone_number="201 555 0123")
    api.script(abroad["id"])
    listed = api.call("rules-2", customer_id=abroad["id"], consent=True)
    assert listed.status_code == 403 and "SALESBOT_ALLOWED_NUMBERS" in listed.json()["error"]["message"]
    assert bland.state.count("POST") == posts
    first = place(api, customer, "rules-3")
    busy = api.call("rules-4", customer_id=customer["id"], consent=True)
    assert busy.status_code == 409
    assert busy.json()["error"]["code"] == "number_busy" and busy.json()["error"]["open_call_id"] == first["id"]
    assert bland.state.count("POST") == posts + 1


def test_a_signed_delivery_settles_the_call_like_the_poller_and_a_repeat_changes_nothing(
    api: Api, bland: BlandServer
) -> None:
    call = place(api, new_customer(api), "hook-1")
    bland_id = provider_id(api, call["id"])
    body = settled_at_bland(bland, bland_id)
    untouched = stored(api, call["id"])
    for signature, sent in [
        (None, body),  # missing
        (sign("another-secret", body), body),  # wrong secret
        ("not-hex-at-all", body),
        (sign(SECRET, body), body.replace(b"Thursday", b"Friday")),  # changed after signing
        (sign(SECRET, body), body + b" "),
    ]:
        refused = deliver(api, sent, signature)
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "bad_signature"
    assert stored(api, call["id"]) == untouched
    assert SECRET not in refused.text

    applied = deliver(api, body, sign(SECRET, body))
    assert applied.status_code == 200, applied.text
    assert applied.json() == {"call_id": call["id"], "status": "completed", "changed": True}
    settled = stored(api, call["id"])
    repeat = deliver(api, body, sign(SECRET, body))
    assert repeat.json() == {"call_id": call["id"], "status": "completed", "changed": False}
    assert stored(api, call["id"]) == settled  # not one field written again

    gets = bland_gets(bland, bland_id)
    transcript = api.client.get("/api/call-transcript", params={"call_id": call["id"]}).json()
    assert transcript["final"] and transcript["status"] == "completed"
    assert [u["text"] for u in transcript["utterances"]] == [text for _, text in LINES]
    assert transcript["duration_seconds"] and transcript["analysis"]["outcome"] == "meeting_booked"
    assert bland_gets(bland, bland_id) == gets  # settled by the webhook: the poller asks Bland nothing more


def test_a_delivery_merges_with_the_lines_the_poller_already_stored(api: Api, bland: BlandServer) -> None:
    call = place(api, new_customer(api), "merge-1")
    seen: dict[str, Any] = {"total": 0}
    deadline = time.monotonic() + 10
    while seen["total"] < 2 and time.monotonic() < deadline:
        seen = api.client.get("/api/call-transcript", params={"call_id": call["id"]}).json()
        time.sleep(0.05)
    assert 2 <= seen["total"] < len(LINES) and not seen["final"]
    body = settled_at_bland(bland, provider_id(api, call["id"]))
    assert deliver(api, body, sign(SECRET, body)).json()["changed"] is True
    done = api.client.get("/api/call-transcript", params={"call_id": call["id"]}).json()
    assert [u["text"] for u in done["utterances"]] == [text for _, text in LINES]  # each line once, in order
    assert done["utterances"][: seen["total"]] == seen["utterances"]  # the lines seen keep their indexes


def test_bland_delivers_itself_and_the_call_settles_without_a_single_poll(api: Api, bland: BlandServer) -> None:
    bland.state.webhook_target = api.url  # Bland reaches the app through its https proxy
    call = place(api, new_customer(api), "pushed-1")
    bland_id = provider_id(api, call["id"])
    deadline = time.monotonic() + 10
    while not any(d.call_id == bland_id for d in bland.state.deliveries) and time.monotonic() < deadline:
        time.sleep(0.05)
    delivery = next(d for d in bland.state.deliveries if d.call_id == bland_id)
    assert delivery.status == 200 and delivery.url.endswith("/api/webhooks/bland")
    assert bland_gets(bland, bland_id) == 0
    transcript = api.client.get("/api/call-transcript", params={"call_id": call["id"]}).json()
    assert transcript["final"] and len(transcript["utterances"]) == len(LINES)
    assert bland_gets(bland, bland_id) == 0  # nothing left to poll


def test_deliveries_that_are_not_one_of_our_calls(api: Api) -> None:
    for body, status in [
        (b"not json", 422),
        (b"[1, 2]", 422),
        (b'{"call_id": "x", "transcripts": "none"}', 422),
        (b'{"completed": true}', 422),
        (b'{"call_id": "not-ours", "completed": true}', 404),
        (b'{"call_id": "not-ours", "metadata": {"salesbot_call_id": 1}}', 404),  # a call of ours, another Bland id
        # numbers from outside, checked before anything changes (issue 25): ids past 64 bits or not whole numbers,
        # durations that are not finite, negative or over a day
        (b'{"call_id": "x", "metadata": {"salesbot_call_id": 9223372036854775808}}', 422),
        (b'{"call_id": "x", "metadata": {"salesbot_call_id": "99999999999999999999"}}', 422),
        (b'{"call_id": "x", "metadata": {"salesbot_call_id": "\u00b2"}}', 422),
        (b'{"call_id": "x", "metadata": {"salesbot_call_id": 0}}', 422),
        (b'{"call_id": "x", "metadata": {"salesbot_call_id": true}}', 422),
        (b'{"call_id": "x", "corrected_duration": "NaN"}', 422),
        (b'{"call_id": "x", "corrected_duration": "inf"}', 422),
        (b'{"call_id": "x", "corrected_duration": "1e300"}', 422),
        (b'{"call_id": "x", "corrected_duration": "-5"}', 422),
        (b'{"call_id": "x", "call_length": 1e9}', 422),
    ]:
        response = deliver(api, body, sign(SECRET, body))
        assert response.status_code == status, (body, response.text)
        assert "Traceback" not in response.text
