"""POST /api/sales-script with the LLM writer (the local OpenAI-compatible server) failing, as the page sees it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from salesbot.bootstrap import build_app
from salesbot.errors import ScriptWriterError
from salesbot.models import CustomerForm, ScriptOptions
from salesbot.settings import load_settings
from tests.fakes.openai_server import OpenAICompatibleServer
from tests.integration.api_app import TOKEN, Api, events, running_api
from tests.integration.test_openai_http import SCRIPT


@pytest.fixture(scope="module")
def openai() -> Iterator[OpenAICompatibleServer]:
    with OpenAICompatibleServer() as server:
        server.state.script_reply = SCRIPT
        yield server


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, openai: OpenAICompatibleServer) -> Iterator[Api]:
    env = {"OPENAI_API_KEY": openai.state.api_key, "OPENAI_BASE_URL": openai.base_url, "OPENAI_MAX_RETRIES": "0"}
    with running_api(tmp_path_factory.mktemp("writer"), SALESBOT_API_TOKEN=TOKEN, **env) as running:
        yield running


@pytest.fixture(autouse=True)
def healthy(openai: OpenAICompatibleServer) -> Iterator[None]:
    yield
    openai.state.mode = "ok"


def page_message(openai: OpenAICompatibleServer, tmp_path: Path) -> str:
    """What the presenter page shows for the writer's current failure (the same service, in this process)."""
    env = {"OPENAI_API_KEY": openai.state.api_key, "OPENAI_BASE_URL": openai.base_url, "OPENAI_MAX_RETRIES": "0"}
    app = build_app(load_settings(env={"SALESBOT_DB_PATH": str(tmp_path / "page.db"), **env}))
    customer = app.presenter.save_customer(CustomerForm(name="Asha Rao", phone_number="98765 43210", topics="Pricing"))
    with pytest.raises(ScriptWriterError) as failure:
        list(app.presenter.write_script(customer.id, ScriptOptions()))
    return failure.value.user_message


def scripts(api: Api, customer_id: int) -> list[str]:
    return [r[0] for r in api.rows("SELECT writer FROM sales_scripts WHERE customer_id = ?", customer_id)]


def test_the_llm_writer_streams_and_stores_its_script(api: Api) -> None:
    customer = api.customer()
    with api.client.stream(
        "POST", "/api/sales-script", json={"customer_id": customer["id"]}, headers={"Accept": "text/event-stream"}
    ) as response:
        seen = list(events(response))
    assert seen[-1][0] == "script" and seen[-1][1]["writer"] == "openai:gpt-4o-mini"
    assert seen[-1][1]["script"] == SCRIPT.strip()


def test_a_writer_failure_is_502_with_the_pages_message_and_stores_nothing(
    api: Api, openai: OpenAICompatibleServer, tmp_path: Path
) -> None:
    customer = api.customer(name="Nikhil Rao", phone_number="97777 88888")
    openai.state.mode = "rate_limit"
    shown = page_message(openai, tmp_path)
    for accept in ("application/json", "text/event-stream"):
        response = api.client.post(
            "/api/sales-script", json={"customer_id": customer["id"]}, headers={"Accept": accept}
        )
        assert response.status_code == 502
        assert response.json()["error"] == {"code": "script_writer_failed", "message": shown}
        assert openai.state.api_key not in response.text
    assert scripts(api, customer["id"]) == []
    offline = api.script(customer["id"], offline=True)  # the page's "Use the offline writer"
    assert offline["writer"] == "offline" and scripts(api, customer["id"]) == ["offline"]


def test_a_stream_that_breaks_midway_ends_with_an_error_event_and_stores_nothing(
    api: Api, openai: OpenAICompatibleServer
) -> None:
    customer = api.customer(name="Leela Iyer", phone_number="96666 77777")
    openai.state.mode = "break"
    with api.client.stream(
        "POST", "/api/sales-script", json={"customer_id": customer["id"]}, headers={"Accept": "text/event-stream"}
    ) as response:
        assert response.status_code == 200
        seen = list(events(response))
    names = [name for name, _ in seen]
    assert names[0] == "chunk" and names[-1] == "error" and "script" not in names
    assert seen[-1][1]["error"]["code"] == "script_writer_failed" and seen[-1][1]["error"]["message"]
    plain = api.client.post("/api/sales-script", json={"customer_id": customer["id"]})
    assert plain.status_code == 502
    assert scripts(api, customer["id"]) == []


def test_a_script_cut_at_the_token_cap_is_script_cut_and_stores_nothing(
    api: Api, openai: OpenAICompatibleServer, tmp_path: Path
) -> None:
    customer = api.customer(name="Meera Pillai", phone_number="95555 44444")
    openai.state.mode = "endless"  # a model that never stops: the standard script's cap (1600 tokens) cuts it
    shown = page_message(openai, tmp_path)
    assert shown.startswith("The model stopped at its length limit (1600 tokens), so the script was cut")
    with api.client.stream(
        "POST", "/api/sales-script", json={"customer_id": customer["id"]}, headers={"Accept": "text/event-stream"}
    ) as response:
        assert response.status_code == 200
        seen = list(events(response))
    names = [name for name, _ in seen]
    assert names[0] == "chunk" and names[-1] == "error" and "script" not in names
    assert seen[-1][1] == {"error": {"code": "script_cut", "message": shown}}
    assert openai.state.requests[-1]["body"]["max_tokens"] == 1600
    plain = api.client.post("/api/sales-script", json={"customer_id": customer["id"], "length": "short"})
    assert plain.status_code == 502
    assert plain.json()["error"]["code"] == "script_cut" and "(800 tokens)" in plain.json()["error"]["message"]
    assert scripts(api, customer["id"]) == []


def test_a_call_is_played_by_the_model_by_default_and_by_the_rules_when_asked(api: Api) -> None:
    customer = api.customer(name="Kiran Rao", phone_number="97777 88888")
    api.script(customer["id"])
    by_model = api.call("kiran-1", customer_id=customer["id"])
    assert by_model.status_code == 202 and by_model.json()["simulated_by"] == "model"
    deadline, body = time.monotonic() + 20, {}
    while time.monotonic() < deadline and not body.get("final"):
        body = api.client.get("/api/call-transcript", params={"call_id": by_model.json()["id"]}).json()
        time.sleep(0.1)
    assert body["final"] and body["status"] == "completed"
    assert [u["speaker"] for u in body["utterances"]][:2] == ["agent", "customer"]
    assert body["utterances"][-1]["text"] == "Call ended."
    by_rules = api.call("kiran-2", customer_id=customer["id"], simulated_by="rules")
    assert by_rules.status_code == 202 and by_rules.json()["simulated_by"] == "rules"
