"""GET /api/health and GET /api/metrics, and request ids, served by the API as `make run` mounts it, with the real
clients against the local OpenAI-compatible and Bland-compatible servers and the PostgREST stand-in (issue 26)."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from salesbot.api import create_api
from salesbot.settings import load_settings
from tests.fakes.bland_server import BlandServer, BlandState
from tests.fakes.openai_server import OpenAICompatibleServer, ServerState
from tests.fakes.postgrest_server import PostgrestServer, make_key

METRICS_TOKEN = "metrics-token-0123456789"


def _client(env: dict[str, str]) -> TestClient:
    settings = load_settings(env=env)
    return TestClient(create_api(lambda: settings))


def _offline(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"SALESBOT_DB_PATH": str(tmp_path / "ops.db"), **extra}


@pytest.fixture
def openai() -> Iterator[OpenAICompatibleServer]:
    with OpenAICompatibleServer(ServerState()) as server:
        yield server


@pytest.fixture
def bland() -> Iterator[BlandServer]:
    with BlandServer(BlandState()) as server:
        yield server


def test_health_offline_is_ok_with_each_part_named(tmp_path: Path) -> None:
    r = _client(_offline(tmp_path)).get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    parts = {d["name"]: d for d in body["dependencies"]}
    assert set(parts) == {"store", "script_writer", "analyser", "telephony"}
    assert parts["store"]["kind"] == "sqlite" and parts["store"]["up"] and parts["store"]["latency_ms"] is not None
    assert parts["script_writer"]["kind"] == "offline" and parts["script_writer"]["latency_ms"] is None
    assert parts["telephony"]["kind"] == "simulated" and parts["telephony"]["up"]


def test_health_asks_the_model_and_bland_once_a_minute_and_never_spends(
    tmp_path: Path, openai: OpenAICompatibleServer, bland: BlandServer
) -> None:
    env = _offline(tmp_path, OPENAI_API_KEY=openai.state.api_key, OPENAI_BASE_URL=f"{openai.url}/v1",
                   BLAND_API_KEY=bland.state.api_key, BLAND_BASE_URL=bland.url)  # fmt: skip
    client = _client(env)
    for _ in range(3):
        r = client.get("/health")
        assert r.status_code == 200 and r.json()["status"] == "ok", r.text
    parts = {d["name"]: d for d in r.json()["dependencies"]}
    assert parts["script_writer"]["kind"] == "openai:gpt-4o-mini" and parts["script_writer"]["up"]
    assert parts["telephony"]["kind"] == "bland" and parts["telephony"]["age_s"] >= 0
    paths = [req["path"] for req in openai.state.requests]
    assert paths == ["/v1/models", "/v1/models"]  # the writer's and the analyser's check, once each, cached after
    assert not any(p.endswith("/chat/completions") for p in paths)
    assert [(m, p.split("?")[0]) for m, p in bland.state.requests] == [("GET", "/v1/calls")]


def test_a_refused_model_key_is_degraded_not_down_and_quotes_no_key(
    tmp_path: Path, openai: OpenAICompatibleServer
) -> None:
    wrong = "sk-wrong-canary-key-123456"
    r = _client(_offline(tmp_path, OPENAI_API_KEY=wrong, OPENAI_BASE_URL=f"{openai.url}/v1")).get("/health")
    assert r.status_code == 200  # pages and simulated calls still work
    body = r.json()
    assert body["status"] == "degraded"
    writer = next(d for d in body["dependencies"] if d["name"] == "script_writer")
    assert not writer["up"] and "refused the key" in writer["detail"]
    assert wrong not in r.text


def test_a_model_the_server_does_not_offer_is_said(tmp_path: Path, openai: OpenAICompatibleServer) -> None:
    env = _offline(tmp_path, OPENAI_API_KEY=openai.state.api_key, OPENAI_BASE_URL=f"{openai.url}/v1",
                   OPENAI_MODEL="gpt-9-nonexistent")  # fmt: skip
    writer = next(d for d in _client(env).get("/health").json()["dependencies"] if d["name"] == "script_writer")
    assert not writer["up"] and "gpt-9-nonexistent" in writer["detail"]


def test_health_is_503_when_the_store_is_down_and_live_still_answers(
    postgrest: PostgrestServer, supabase_store: object, tmp_path: Path
) -> None:
    client = _client(_offline(tmp_path, SUPABASE_URL=postgrest.url, SUPABASE_KEY=make_key("service_role")))
    assert client.get("/health").status_code == 200
    postgrest.state.down = True
    try:
        r = client.get("/health")
        assert r.status_code == 503 and r.json()["status"] == "down"
        store = next(d for d in r.json()["dependencies"] if d["name"] == "store")
        assert store["kind"] == "supabase" and not store["up"] and store["required"]
        live = client.get("/health", params={"live": ""})
        assert live.status_code == 200 and live.json() == {"status": "ok", "live": True}
    finally:
        postgrest.state.down = False


def test_metrics_need_their_own_token(tmp_path: Path) -> None:
    off = _client(_offline(tmp_path, SALESBOT_API_TOKEN="api-token-0123456789")).get("/metrics")
    assert off.status_code == 503 and off.json()["error"]["code"] == "metrics_off"
    client = _client(
        _offline(tmp_path, SALESBOT_METRICS_TOKEN=METRICS_TOKEN, SALESBOT_API_TOKEN="api-token-0123456789")
    )
    assert client.get("/metrics", headers={"Authorization": "Bearer api-token-0123456789"}).status_code == 401
    assert client.get("/metrics").status_code == 401


def test_metrics_count_api_requests_by_route_template_in_prometheus_text(tmp_path: Path) -> None:
    client = _client(_offline(tmp_path, SALESBOT_METRICS_TOKEN=METRICS_TOKEN))
    client.get("/health")
    client.get("/call-transcript", params={"call_id": 12345})  # 503: the API is off; counted under its template
    r = client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain; version=0.0.4")
    text = r.text
    assert 'salesbot_api_request_seconds_count{method="GET",route="/api/health",status="200"}' in text
    assert 'route="/api/call-transcript",status="503"' in text
    assert "12345" not in text  # ids never become label values
    assert "salesbot_open_calls " in text
    assert 'salesbot_store_seconds_count{operation="find_customers",result="ok",store="sqlite"}' in text
    assert 'salesbot_dependency_up{dependency="store",kind="sqlite",required="true"} 1.0' in text
    promtool = shutil.which("promtool")
    if promtool:  # `make test` installs Debian's prometheus; the format is checked by Prometheus's own linter
        checked = subprocess.run([promtool, "check", "metrics"], input=text.encode(), capture_output=True)
        problems = [line for line in checked.stdout.decode().splitlines() + checked.stderr.decode().splitlines()
                    if "error" in line.lower()]  # fmt: skip
        assert problems == []


def test_every_response_carries_a_request_id_and_its_log_lines_too(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from salesbot.logs import JsonFormatter

    client = _client(_offline(tmp_path))
    given = client.get("/health", headers={"X-Request-ID": "lb-7f3a.42"})
    assert given.headers["X-Request-ID"] == "lb-7f3a.42"
    made = client.get("/health", headers={"X-Request-ID": "bad id\twith spaces"})
    assert made.headers["X-Request-ID"] != "bad id\twith spaces" and len(made.headers["X-Request-ID"]) == 32
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="salesbot"):
        client.get("/call-transcript", params={"call_id": 1}, headers={"X-Request-ID": "trace-1"})
    lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name.startswith("salesbot")]
    assert lines and all(line.get("request_id") == "trace-1" for line in lines), lines
