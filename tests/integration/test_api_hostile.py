"""Hostile input to the REST API (issue 25): exact types, an exact schema, the token before the body, no framing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema
import pytest

from tests.integration.api_app import ASHA, TOKEN, Api, running_api
from tests.integration.test_api import error


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    with running_api(tmp_path_factory.mktemp("hostile"), SALESBOT_API_TOKEN=TOKEN) as running:
        yield running


@pytest.fixture(scope="module")
def spec(api: Api) -> dict[str, Any]:
    body: dict[str, Any] = httpx.get(f"{api.url}/api/openapi.json").json()
    return body


def calls_to(api: Api, customer_id: int) -> int:
    return int(api.rows("SELECT count(*) FROM call_transcripts WHERE customer_id = ?", customer_id)[0][0])


@pytest.mark.parametrize("value", [True, "1", 1.0, "one"], ids=["true", "string", "float", "word"])
def test_an_id_is_a_json_integer_and_nothing_else(api: Api, value: object) -> None:
    api.script(api.customer()["id"])  # customer 1 exists and has a script: only the type can refuse these
    call = error(api.call(f"id-{value!r}", customer_id=value), 422)
    assert set(call["fields"]) == {"customer_id"}
    assert set(error(api.client.post("/api/sales-script", json={"customer_id": value}), 422)["fields"]) == {
        "customer_id"
    }
    transcript_id = error(api.call(f"sid-{value!r}", customer_id=1, script_id=value), 422)
    assert set(transcript_id["fields"]) == {"script_id"}
    assert api.rows("SELECT count(*) FROM call_transcripts WHERE attempt_key LIKE 'api:%id-%'") == [(0,)]


@pytest.mark.parametrize("value", [1, 0, "true", "yes", None], ids=["one", "zero", "text", "yes", "null"])
def test_a_flag_is_a_json_boolean_and_nothing_else(api: Api, value: object) -> None:
    customer = api.customer(name="Flag Tester", phone_number="91234 50000")
    api.script(customer["id"])
    for field in ("consent", "despite_do_not_call"):
        assert set(error(api.call(f"flag-{field}-{value!r}", customer_id=customer["id"], **{field: value}), 422)[
            "fields"
        ]) == {field}  # fmt: skip
    offline = api.client.post("/api/sales-script", json={"customer_id": customer["id"], "offline": value})
    assert set(error(offline, 422)["fields"]) == {"offline"}
    assert calls_to(api, customer["id"]) == 0


def test_openapi_describes_every_status_each_endpoint_answers_with_the_error_body(spec: dict[str, Any]) -> None:
    expected = {
        ("/customers", "post"): {"201", "400", "401", "413", "422", "503"},
        ("/sales-script", "post"): {"200", "201", "400", "401", "404", "413", "422", "502", "503"},
        ("/call", "post"): {"202", "400", "401", "403", "404", "409", "413", "422", "502", "503"},
        ("/call-transcript", "get"): {"200", "401", "404", "422", "503"},
    }
    for (path, method), statuses in expected.items():
        responses = spec["paths"][path][method]["responses"]
        assert statuses <= set(responses), (path, statuses - set(responses))
        for status in statuses - {"200", "201", "202"}:
            body = responses[status]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/ErrorOut"}, (path, status)
    call = spec["paths"]["/call"]["post"]["responses"]
    assert "idempotency_key_required" in call["400"]["description"] and "number_busy" in call["409"]["description"]


# Each body: what the description says about it must be what the server does (schemathesis finds the rest).
BODIES = [
    ("/customers", {**ASHA, "topics": [""]}),
    ("/customers", {**ASHA, "topics": [" - "]}),
    ("/customers", {**ASHA, "topics": []}),
    ("/customers", {**ASHA, "topics": ["x" * 121]}),
    ("/customers", {**ASHA, "topics": [f"topic {i}" for i in range(13)]}),
    ("/customers", {**ASHA, "name": "x" * 121}),
    ("/customers", {**ASHA, "name": ""}),
    ("/customers", {**ASHA, "conversation_history": "x" * 8001}),
    ("/customers", {**ASHA, "phone_number": "9" * 41}),
    ("/customers", {**ASHA, "email": "a" * 250 + "@x.io"}),
    ("/customers", {**ASHA, "country_code": "IND"}),
    ("/customers", {**ASHA, "topics": ["Pricing"], "name": "x" * 120}),
    ("/sales-script", {"customer_id": 1, "script": "Hello.", "tone": "consultative"}),
    ("/sales-script", {"customer_id": 1, "script": None}),
    ("/sales-script", {"customer_id": 1, "offer": "x" * 501}),
    ("/sales-script", {"customer_id": 1, "script": "Hello there, a script of my own."}),
]


@pytest.mark.parametrize(("path", "body"), BODIES, ids=[f"{p}-{i}" for i, (p, _) in enumerate(BODIES)])
def test_the_server_enforces_exactly_the_limits_the_description_states(
    api: Api, spec: dict[str, Any], path: str, body: dict[str, Any]
) -> None:
    api.script(api.customer()["id"])
    schema = spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    valid = jsonschema.Draft202012Validator({**schema, "components": spec["components"]}).is_valid(body)
    response = api.client.post(f"/api{path}", json=body)
    assert response.status_code < 300 if valid else error(response, 422), (valid, response.text)


def test_the_token_is_checked_before_the_body_is_read(api: Api) -> None:
    before = api.rows("SELECT count(*) FROM customers")
    deep = b"[" * 200_000 + b"]" * 200_000
    for body in (b"\xff\xfe{not utf-8", deep, b'{"name": '):
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            response = httpx.post(
                f"{api.url}/api/customers", content=body, headers={"Content-Type": "application/json", **headers}
            )
            assert error(response, 401)["code"] == "unauthorized"
    with_token = api.client.post("/api/customers", content=deep, headers={"Content-Type": "application/json"})
    assert error(with_token, with_token.status_code)["code"] in {"invalid_json", "invalid_body"}  # 422 or 400
    for body in (b"\xff\xfe", b"\x02\xc3", b"[" * 200_000):
        unreadable = api.client.post("/api/customers", content=body, headers={"Content-Type": "application/json"})
        assert error(unreadable, unreadable.status_code)["code"] in {"invalid_json", "invalid_body"}
    assert api.rows("SELECT count(*) FROM customers") == before


def test_pages_and_the_api_refuse_to_be_framed(api: Api) -> None:
    for path in ("/", "/api/openapi.json", "/api/docs", "/api/nothing-here"):
        response = httpx.get(f"{api.url}{path}")
        assert response.headers["x-frame-options"] == "DENY", path
        assert response.headers["content-security-policy"] == "frame-ancestors 'none'", path
    refused = httpx.post(f"{api.url}/api/customers", json=ASHA)
    assert refused.status_code == 401 and refused.headers["x-frame-options"] == "DENY"


def test_the_docs_page_loads_swagger_ui_from_the_app_not_a_cdn(api: Api) -> None:
    page = httpx.get(f"{api.url}/api/docs")
    assert page.status_code == 200 and "cdn" not in page.text.lower() and "https://" not in page.text
    for asset in ("/api/docs-assets/swagger-ui-bundle.js", "/api/docs-assets/swagger-ui.css"):
        response = httpx.get(f"{api.url}{asset}")
        assert response.status_code == 200 and len(response.content) > 10_000, asset
        assert asset in page.text


@pytest.mark.parametrize(
    "change",
    [{"consent": True}, {"persona": "busy"}, {"despite_do_not_call": True}, {"simulated_by": "rules"},
     {"script_id": "first"}, {"customer_id": "other"}],
    ids=["consent", "persona", "despite_do_not_call", "simulated_by", "script_id", "customer_id"],
)  # fmt: skip
def test_an_idempotency_key_reused_with_any_other_field_is_refused_naming_it(api: Api, change: dict[str, Any]) -> None:
    customer = api.customer(name="Kiran Rao", phone_number="97777 12345")
    first_script = api.script(customer["id"])
    api.script(customer["id"])
    other = api.customer(name="Other Kiran", phone_number="97777 54321")
    api.script(other["id"])
    key = f"reuse-{next(iter(change))}"
    first = api.call(key, customer_id=customer["id"], persona="ready")
    assert first.status_code == 202, first.text
    same = api.call(key, persona="ready", customer_id=customer["id"])  # the same fields, in another order
    assert same.status_code == 202 and same.json()["id"] == first.json()["id"]
    value = {"first": first_script["id"], "other": other["id"]}.get(str(next(iter(change.values()))))
    changed = {name: value or v for name, v in change.items()}
    refused = error(api.call(key, **{"customer_id": customer["id"], "persona": "ready", **changed}), 422)
    assert set(refused["fields"]) == {"Idempotency-Key", *change} and next(iter(change)) in refused["message"]
    assert f"#{first.json()['id']}" in refused["message"]
    assert api.rows("SELECT count(*) FROM call_transcripts WHERE attempt_key = ?", f"api:{key}") == [(1,)]
    assert calls_to(api, other["id"]) == 0
