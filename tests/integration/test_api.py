"""The REST API through real HTTP against the app started with `streamlit run`, simulated calls, offline writer."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.integration.api_app import ASHA, TOKEN, Api, events, running_api


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    with running_api(tmp_path_factory.mktemp("api"), SALESBOT_API_TOKEN=TOKEN) as running:
        yield running


def error(response: httpx.Response, status: int) -> dict[str, Any]:
    """The error body, checked to be the API's plain JSON shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()["error"]
    assert body["message"] and body["code"]
    assert "Traceback" not in response.text and TOKEN not in response.text
    return body


def test_openapi_describes_the_endpoints_and_a_docs_page_is_served(api: Api) -> None:
    spec = httpx.get(f"{api.url}/api/openapi.json").json()
    assert {"/customers", "/sales-script", "/call", "/call-transcript", "/webhooks/bland"} <= set(spec["paths"])
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    call = spec["paths"]["/call"]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["required"] for p in call["parameters"])
    script = spec["components"]["schemas"]["ScriptIn"]["properties"]["script"]
    assert script["type"] == "string" and script["maxLength"] == 20000 and "edited" in script["description"]
    assert "script_cut" in spec["paths"]["/sales-script"]["post"]["description"]
    docs = httpx.get(f"{api.url}/api/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": f"Basic {TOKEN}"},
     {"Authorization": TOKEN}],
    ids=["missing", "wrong", "longer", "basic", "no-scheme"],
)  # fmt: skip
def test_every_endpoint_needs_the_bearer_token(api: Api, headers: dict[str, str]) -> None:
    before = api.rows("SELECT count(*) FROM customers")
    for method, path, body in [
        ("POST", "/api/customers", ASHA),
        ("POST", "/api/sales-script", {"customer_id": 1}),
        ("POST", "/api/call", {"customer_id": 1}),
        ("GET", "/api/call-transcript?call_id=1", None),
    ]:
        response = httpx.request(method, f"{api.url}{path}", json=body, headers={"Idempotency-Key": "k", **headers})
        assert error(response, 401)["code"] == "unauthorized"
        assert response.headers["www-authenticate"] == "Bearer"
    assert api.rows("SELECT count(*) FROM customers") == before


def test_a_customer_is_stored_with_its_id_and_number_in_e164(api: Api) -> None:
    response = api.client.post("/api/customers", json={**ASHA, "name": "Ravi Kumar", "phone_number": "91234 56789"})
    assert response.status_code == 201
    body = response.json()
    assert body["id"] > 0 and body["phone_e164"] == "+919123456789" and body["country_code"] == "IN"
    assert body["topics"] == ["Pricing", "CRM integration"] and body["email"] == "asha@example.com"
    assert api.rows("SELECT name FROM customers WHERE id = ?", body["id"]) == [("Ravi Kumar",)]


def test_invalid_customers_name_each_field_and_store_nothing(api: Api) -> None:
    before = api.rows("SELECT count(*) FROM customers")
    bad = api.client.post(
        "/api/customers", json={"name": " ", "phone_number": "12", "topics": ["Pricing"], "country_code": "IN"}
    )
    body = error(bad, 422)
    assert body["code"] == "invalid_input" and set(body["fields"]) == {"name", "phone_number"}
    # what the description itself refuses is named together too (before the form's own rules)
    schema = error(api.client.post("/api/customers", json={**ASHA, "email": "not-an-email", "topics": []}), 422)
    assert set(schema["fields"]) == {"email", "topics"} and "asha@example.com" in schema["fields"]["email"]
    wrong_types = error(
        api.client.post("/api/customers", json={"name": 5, "phone_number": "98765 43210", "topics": ["Pricing"]}), 422
    )
    assert set(wrong_types["fields"]) == {"name"}
    unknown = error(api.client.post("/api/customers", json={**ASHA, "nmae": "typo"}), 422)
    assert "nmae" in unknown["fields"]
    missing = error(api.client.post("/api/customers", json={"name": "Asha"}), 422)
    assert missing["fields"] == {"phone_number": "This field is required.", "topics": "This field is required."}
    not_json = api.client.post("/api/customers", content=b"{name", headers={"Content-Type": "application/json"})
    assert error(not_json, 422)["code"] == "invalid_json"
    form = api.client.post("/api/customers", data={"name": "Asha"})
    assert "Content-Type: application/json" in error(form, 422)["message"]
    assert api.rows("SELECT count(*) FROM customers") == before


def test_a_body_over_one_megabyte_is_refused_with_413(api: Api) -> None:
    big = {**ASHA, "conversation_history": "x" * (1024 * 1024)}
    assert error(api.client.post("/api/customers", json=big), 413)["code"] == "too_large"

    def chunked() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"name": "Asha", "conversation_history": "'
        for _ in range(40):
            yield b"y" * 32 * 1024
        yield b'"}'

    response = api.client.post("/api/customers", content=chunked(), headers={"Content-Type": "application/json"})
    assert error(response, 413)["code"] == "too_large"
    assert api.rows("SELECT count(*) FROM customers WHERE name = 'Asha'") == [(0,)]


def test_scripts_are_stored_as_numbered_versions(api: Api) -> None:
    customer = api.customer(name="Meera Shah", phone_number="99887 76655")
    first = api.script(customer["id"])
    second = api.script(customer["id"], tone="formal", length="short", offer="Cloud telephony")
    assert (first["version"], second["version"]) == (1, 2)
    assert first["customer_id"] == customer["id"] and first["writer"] == "offline"
    assert "[Opener]" in first["script"] and "Cloud telephony" in second["script"]
    stored = api.rows("SELECT script FROM sales_scripts WHERE id = ?", second["id"])
    assert stored == [(second["script"],)]


def test_script_errors(api: Api) -> None:
    assert error(api.client.post("/api/sales-script", json={"customer_id": 999999}), 404)["code"] == "not_found"
    bad = error(api.client.post("/api/sales-script", json={"customer_id": 1, "tone": "pushy"}), 422)
    assert bad["fields"] == {"tone": "Choose one of friendly, consultative, formal."}


def test_a_script_streams_as_server_sent_events_then_the_stored_version(api: Api) -> None:
    customer = api.customer(name="Kiran Rao", phone_number="90000 11111")
    seen: list[tuple[float, str, dict[str, Any]]] = []
    with api.client.stream(
        "POST", "/api/sales-script", json={"customer_id": customer["id"]}, headers={"Accept": "text/event-stream"}
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        seen = [(time.monotonic(), name, data) for name, data in events(response)]
    names = [name for _, name, _ in seen]
    assert names[-1] == "script" and set(names[:-1]) == {"chunk"} and len(names) > 10
    assert seen[-1][0] - seen[0][0] > 0.05  # the chunks arrived over time, not in one piece at the end
    script = seen[-1][2]
    assert script["version"] == 1 and script["customer_id"] == customer["id"]
    assert "".join(data["text"] for _, name, data in seen if name == "chunk").strip() == script["script"]


def test_a_call_needs_an_idempotency_key_and_one_key_places_one_call(api: Api) -> None:
    customer = api.customer(name="Dev Patel", phone_number="91111 22222")
    api.script(customer["id"])
    missing = api.client.post("/api/call", json={"customer_id": customer["id"]})
    assert error(missing, 400)["code"] == "idempotency_key_required"
    assert error(api.call("has space", customer_id=customer["id"]), 400)["code"] == "idempotency_key_required"
    first = api.call("dev-1", customer_id=customer["id"])
    again = api.call("dev-1", customer_id=customer["id"])
    assert first.status_code == again.status_code == 202
    assert first.json()["id"] == again.json()["id"] and first.json()["provider"] == "simulated"
    assert api.rows("SELECT count(*) FROM call_transcripts WHERE customer_id = ?", customer["id"]) == [(1,)]
    other = api.customer(name="Someone Else", phone_number="92222 33333")
    api.script(other["id"])
    reused = error(api.call("dev-1", customer_id=other["id"]), 422)
    assert "Idempotency-Key" in reused["fields"]
    assert api.rows("SELECT count(*) FROM call_transcripts WHERE customer_id = ?", other["id"]) == [(0,)]


def test_call_errors(api: Api) -> None:
    assert error(api.call("nobody", customer_id=999999), 404)["code"] == "not_found"
    customer = api.customer(name="No Script Yet", phone_number="93333 44444")
    assert "script_id" in error(api.call("no-script", customer_id=customer["id"]), 422)["fields"]
    other = api.customer(name="Other Person", phone_number="94444 55555")
    foreign = api.script(other["id"])
    refused = api.call("foreign", customer_id=customer["id"], script_id=foreign["id"])
    assert error(refused, 403)["message"] == "That script belongs to another customer, so no call was placed."
    assert error(api.call("bad-consent", customer_id=other["id"], consent="yes"), 422)["fields"] == {
        "consent": "Input should be a valid boolean"
    }
    assert "persona" in error(api.call("bad-persona", customer_id=other["id"], persona="robot"), 422)["fields"]


def transcript(api: Api, call_id: int, after: int | None = None) -> dict[str, Any]:
    params = {"call_id": call_id} if after is None else {"call_id": call_id, "after": after}
    response = api.client.get("/api/call-transcript", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_full_flow_through_the_api_alone(api: Api) -> None:
    """customer -> script -> call (simulated) -> transcript polled with after=N until the call ends."""
    customer = api.customer(name="Anita Desai", phone_number="95555 66666")
    script = api.script(customer["id"])
    call = api.call("anita-1", customer_id=customer["id"], script_id=script["id"]).json()
    assert call["status"] in {"dialling", "in_progress"} and call["script_id"] == script["id"]
    lines: list[dict[str, Any]] = []
    polls, deadline = 0, time.monotonic() + 30
    while time.monotonic() < deadline:
        body = transcript(api, call["id"], after=lines[-1]["index"] if lines else 0)
        polls += 1
        assert [u["index"] for u in body["utterances"]] == list(range(len(lines) + 1, body["total"] + 1))
        lines += body["utterances"]
        if body["final"]:
            break
        time.sleep(0.1)
    assert body["final"] and body["status"] == "completed" and polls > 2
    whole = transcript(api, call["id"])
    assert whole["utterances"] == lines and len(lines) > 6
    assert {u["speaker"] for u in lines} >= {"agent", "customer"}
    assert whole["analysis"]["outcome"] == "meeting_booked"  # the `ready` persona books the walkthrough
    assert transcript(api, call["id"], after=len(lines))["utterances"] == []


def test_transcript_errors(api: Api) -> None:
    assert error(api.client.get("/api/call-transcript", params={"call_id": 999999}), 404)["code"] == "not_found"
    assert "after" in error(api.client.get("/api/call-transcript", params={"call_id": 1, "after": -1}), 422)["fields"]
    assert "call_id" in error(api.client.get("/api/call-transcript"), 422)["fields"]
    huge = api.client.get("/api/call-transcript", params={"call_id": 10**30})
    assert huge.status_code in {404, 422}, huge.text


def test_the_webhook_is_off_without_a_secret(api: Api) -> None:
    response = httpx.post(f"{api.url}/api/webhooks/bland", content=b"{}", headers={"X-Webhook-Signature": "00"})
    assert error(response, 503)["code"] == "webhook_off" and "BLAND_WEBHOOK_SECRET" in response.text


def test_unknown_routes_answer_json(api: Api) -> None:
    assert error(api.client.get("/api/nothing-here"), 404)["code"] == "not_found"
    assert error(api.client.get("/api/customers"), 405)["code"] == "method_not_allowed"


OWN_SCRIPT = """[Opener]
Hello Farah, this is Maya from Acme Cloud, calling about the pilot we discussed.
[Discovery]
How does your team hand calls over to Zoho CRM today?
[Close]
Could we look at it together on Thursday at ten?"""


def test_a_presenters_own_script_is_stored_as_an_edited_version_and_a_call_speaks_it(api: Api) -> None:
    customer = api.customer(name="Farah Khan", phone_number="96666 11111")
    written = api.script(customer["id"])
    response = api.client.post("/api/sales-script", json={"customer_id": customer["id"], "script": OWN_SCRIPT})
    assert response.status_code == 201, response.text
    own = response.json()
    assert own["writer"] == "edited" and own["version"] == 2 and own["script"] == OWN_SCRIPT
    assert own["customer_id"] == customer["id"] and own["id"] != written["id"]
    assert api.rows("SELECT script, writer, created_by FROM sales_scripts WHERE id = ?", own["id"]) == [
        (OWN_SCRIPT, "edited", "")
    ]
    again = api.client.post("/api/sales-script", json={"customer_id": customer["id"], "script": OWN_SCRIPT + "\n"})
    assert again.status_code == 200 and again.json()["id"] == own["id"]  # the same text: no new version
    call = api.call("farah-1", customer_id=customer["id"], script_id=own["id"])
    assert call.status_code == 202 and call.json()["script_id"] == own["id"]
    stored = api.rows(
        "SELECT s.script FROM call_transcripts c JOIN sales_scripts s ON s.id = c.script_id WHERE c.id = ?",
        call.json()["id"],
    )
    assert stored == [(OWN_SCRIPT,)]
    newest = api.call("farah-2", customer_id=customer["id"])  # no script_id: the newest version, the presenter's
    assert newest.status_code == 202 and newest.json()["script_id"] == own["id"]


def test_a_first_version_can_be_the_presenters_own(api: Api) -> None:
    customer = api.customer(name="Gita Menon", phone_number="96666 22222")
    own = api.client.post("/api/sales-script", json={"customer_id": customer["id"], "script": " Hello Gita. \n"})
    assert own.status_code == 201 and own.json()["version"] == 1 and own.json()["script"] == "Hello Gita."


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"script": ""}, "script", "The script is empty: send the text the agent should speak."),
        ({"script": " \n\t "}, "script", "The script is empty: send the text the agent should speak."),
        ({"script": "x" * 20_001}, "script", "String should have at most 20000 characters"),
        ({"script": 42}, "script", "Input should be a valid string"),
        (
            {"script": "Hello.", "tone": "formal", "offline": True},
            "script",
            "Send either `script` (your own text, stored as it is) or writer options, not both: leave out offline, tone.",
        ),
    ],
)
def test_a_presenters_script_that_cannot_be_stored_is_422_and_stores_nothing(
    api: Api, extra: dict[str, Any], field: str, message: str
) -> None:
    customer = api.customer(name="Hari Nair", phone_number="96666 33333")
    bad = error(api.client.post("/api/sales-script", json={"customer_id": customer["id"], **extra}), 422)
    assert bad["code"] == "invalid_input" and bad["fields"] == {field: message}
    assert api.rows("SELECT count(*) FROM sales_scripts WHERE customer_id = ?", customer["id"]) == [(0,)]


def test_a_presenters_script_for_an_unknown_customer_is_404(api: Api) -> None:
    response = api.client.post("/api/sales-script", json={"customer_id": 999999, "script": "Hello."})
    assert error(response, 404)["code"] == "not_found"


def test_simulated_by_the_rules_without_a_model_and_a_model_refused_with_409(api: Api) -> None:
    customer = api.customer(name="Rhea Sen", phone_number="96666 77777")
    api.script(customer["id"])
    default = api.call("rhea-1", customer_id=customer["id"])
    assert default.status_code == 202 and default.json()["simulated_by"] == "rules"
    assert api.rows("SELECT provider_call_id FROM call_transcripts WHERE id = ?", default.json()["id"]) == [
        ("sim-200x-p.ready-api:rhea-1",)
    ]
    model = error(api.call("rhea-2", customer_id=customer["id"], simulated_by="model"), 409)  # valid, not here
    assert model["fields"] == {"simulated_by": "No language model is configured."}
    assert "OPENAI_API_KEY" in model["message"]
    assert "simulated_by" in error(api.call("rhea-3", customer_id=customer["id"], simulated_by="robot"), 422)["fields"]
    assert api.rows("SELECT count(*) FROM call_transcripts WHERE customer_id = ?", customer["id"]) == [(1,)]
