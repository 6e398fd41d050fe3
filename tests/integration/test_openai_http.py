"""The real ChatOpenAI client over HTTP against the local OpenAI-compatible server in tests/fakes."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from salesbot.analysis.llm import LLMCallAnalyst
from salesbot.bootstrap import App, build_app
from salesbot.errors import AnalysisError, ScriptWriterError
from salesbot.forms import CustomerForm
from salesbot.llm import build_chat_model
from salesbot.models import CallStatus, ScriptOptions
from salesbot.scripts.llm_writer import LLMScriptWriter
from salesbot.settings import Settings, load_settings
from tests.conftest import ASHA, start
from tests.fakes.openai_server import OpenAICompatibleServer
from tests.unit.test_offline_writer import make_customer

SCRIPT = (
    "[Opener]\nHello Asha, this is Maya from Acme.\n[Recap]\nYou mentioned faster follow-ups.\n[Close]\nThursday?\n"
)
ANALYSIS = {
    "summary": "Asha agreed to a walkthrough.",
    "outcome": "interested",
    "sentiment": "positive",
    "topics": [{"topic": "Pricing", "covered": True, "quote": "What would this actually cost us per month?"}],
    "analyst": "ignored",
}


@pytest.fixture
def server() -> Iterator[OpenAICompatibleServer]:
    with OpenAICompatibleServer() as s:
        s.state.script_reply = SCRIPT
        s.state.json_reply = ANALYSIS
        yield s


def settings_for(server: OpenAICompatibleServer, tmp_path: Path, **env: str) -> Settings:
    return load_settings(
        env={
            "OPENAI_API_KEY": server.state.api_key,
            "OPENAI_BASE_URL": server.base_url,
            "OPENAI_MAX_RETRIES": "0",
            "OPENAI_TIMEOUT_SECONDS": "2",
            "SALESBOT_DB_PATH": str(tmp_path / "llm.db"),
            **env,
        }
    )


def writer_for(settings: Settings) -> LLMScriptWriter:
    return LLMScriptWriter(build_chat_model(settings), settings.openai_model, "Maya", "Acme", "Salesbot")


def test_script_streams_through_the_real_client(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    writer = writer_for(settings_for(server, tmp_path))
    chunks = list(writer.stream_script(make_customer(), ScriptOptions(language="Hindi")))
    assert "".join(chunks) == SCRIPT and len(chunks) > 5
    request = server.state.requests[-1]
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["authorization"] == "Bearer sk-test-key"
    body = request["body"]
    assert body["model"] == "gpt-4o-mini" and body["stream"] is True
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert "in Hindi" in body["messages"][0]["content"]
    assert "<customer_data>" in body["messages"][1]["content"]


def test_desk_with_a_key_writes_by_llm_and_stores_which_model(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    desk = build_app(settings_for(server, tmp_path))
    assert desk.capabilities.backends == "SQLite · OpenAI gpt-4o-mini writer · simulated calls"
    customer = desk.presenter.save_customer(CustomerForm(**ASHA))
    draft = desk.presenter.write_script(customer.id, ScriptOptions())
    assert "".join(draft).strip() == SCRIPT.strip()
    assert draft.script is not None and draft.script.writer == "openai:gpt-4o-mini"
    offline = desk.presenter.write_script(customer.id, ScriptOptions(), offline=True)
    list(offline)
    assert offline.script is not None and offline.script.writer == "offline"


@pytest.mark.parametrize(
    ("mode", "model", "fragment"),
    [
        ("bad_key", "gpt-4o-mini", "rejected the API key (401)"),
        ("rate_limit", "gpt-4o-mini", "rate limit or quota was reached (429)"),
        ("ok", "gpt-9-imaginary", "“gpt-9-imaginary” was not found (404)"),
        ("server_error", "gpt-4o-mini", "server had an error (5xx)"),
        ("slow", "gpt-4o-mini", "did not answer in time"),
        ("break", "gpt-4o-mini", "stopped before it had finished"),
    ],
)
def test_each_failure_is_explained_and_nothing_half_written_is_stored(
    server: OpenAICompatibleServer,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    mode: str,
    model: str,
    fragment: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    settings = settings_for(server, tmp_path, OPENAI_MODEL=model)
    if mode == "bad_key":
        server.state.api_key = "sk-the-right-one"
    else:
        server.state.mode = mode
    desk = build_app(settings)
    customer = desk.presenter.save_customer(CustomerForm(**ASHA))
    earlier = desk.presenter.write_script(customer.id, ScriptOptions(), offline=True)
    list(earlier)
    draft = desk.presenter.write_script(customer.id, ScriptOptions())
    received: list[str] = []
    with pytest.raises(ScriptWriterError) as caught:
        for chunk in draft:
            received.append(chunk)
    message = caught.value.user_message
    assert fragment in message and "offline writer" in message
    assert settings.openai_api_key not in message and settings.openai_api_key not in caplog.text
    assert draft.script is None
    assert [s.writer for s in desk.presenter.list_scripts(customer.id)] == ["offline"]  # the earlier version is kept
    if mode == "break":
        assert received  # it did stream part of the script before the cut


def test_unreachable_server_is_explained(tmp_path: Path) -> None:
    settings = load_settings(
        env={"OPENAI_API_KEY": "sk-x", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_MAX_RETRIES": "0"}
    )
    with pytest.raises(ScriptWriterError, match="cannot be reached"):
        list(writer_for(settings).stream_script(make_customer(), ScriptOptions()))


def test_analysis_by_structured_output(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    settings = settings_for(server, tmp_path)
    analyst = LLMCallAnalyst(build_chat_model(settings, streaming=False), settings.openai_model)
    desk = build_app(settings)
    customer = desk.presenter.save_customer(CustomerForm(**ASHA))
    draft = desk.presenter.write_script(customer.id, ScriptOptions(), offline=True)
    list(draft)
    assert draft.script is not None
    call = start(desk, draft.script, "a1")
    result = analyst.analyse(call, customer)
    assert result.outcome.value == "interested" and result.analyst == "openai:gpt-4o-mini"
    assert result.topics[0].quote == "What would this actually cost us per month?"
    body = server.state.requests[-1]["body"]
    assert body["response_format"]["type"] == "json_schema"
    assert "<call_data>" in body["messages"][1]["content"]


def test_failed_analysis_keeps_the_call_and_can_be_rerun(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    settings = settings_for(server, tmp_path, SALESBOT_SIM_SPEED="1000")
    desk: App = build_app(settings)
    customer = desk.presenter.save_customer(CustomerForm(**ASHA))
    draft = desk.presenter.write_script(customer.id, ScriptOptions(), offline=True)
    list(draft)
    assert draft.script is not None
    call = start(desk, draft.script, "a1")
    server.state.mode = "server_error"
    import time

    time.sleep(0.4)
    ended = desk.calls.refresh_call(call.id).call
    assert ended.status is CallStatus.COMPLETED and ended.utterances  # the call is kept
    assert ended.analysis is None and ended.analysis_error and "re-run the analysis" in ended.analysis_error
    with pytest.raises(AnalysisError):
        desk.analysis.analyse_call(call.id)
    server.state.mode = "ok"
    rerun = desk.analysis.analyse_call(call.id)
    assert rerun.analysis is not None and rerun.analysis.outcome.value == "interested" and rerun.analysis_error is None
    offline = desk.analysis.analyse_call(call.id, offline=True)
    assert offline.analysis is not None and offline.analysis.analyst == "offline"
