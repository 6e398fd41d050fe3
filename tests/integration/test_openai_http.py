"""The real ChatOpenAI client over HTTP against the local OpenAI-compatible server in tests/fakes."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest

from salesbot.analysis.llm import LLMCallAnalyst, analysis_response_format
from salesbot.bootstrap import App, build_app
from salesbot.cli.transcript_file import TranscriptFile
from salesbot.errors import AnalysisError, NoStructuredOutput, ScriptWriterError
from salesbot.llm.model import build_chat_model
from salesbot.llm.prompts import analysis_inputs, analysis_prompt
from salesbot.models import Call, CallAnalysis, CallStatus, Coverage, Customer, CustomerForm, Outcome, ScriptOptions
from salesbot.scripts.llm_writer import LLMScriptWriter
from salesbot.settings import Settings, load_settings
from tests.builders import ASHA, a_customer
from tests.conftest import start
from tests.fakes.openai_server import THINK, OpenAICompatibleServer

SCRIPT = (
    "[Opener]\nHello Asha, this is Maya from Acme.\n[Recap]\nYou mentioned faster follow-ups.\n[Close]\nThursday?\n"
)
ANALYSIS = {  # exactly what the app asks the model for: nothing more (strict mode would never send more)
    "summary": "Asha agreed to a walkthrough.",
    "outcome": "meeting_booked",
    "sentiment": "positive",
    "topics": [
        {"topic": "Pricing", "status": "covered", "evidence": [  # a recap line and an invented quote: both dropped
            {"speaker": "agent", "text": "When we last spoke you said pricing was a worry."},
            {"speaker": "customer", "text": "Honestly it is a bit expensive."}]},
        {"topic": "CRM integration", "status": "covered", "evidence": [
            {"speaker": "agent", "text": "Which CRM does your team use today?"},
            {"speaker": "customer", "text": "We're on Zoho, and honestly it sounds expensive for us right now."}]},
    ],
    "objections": [{"kind": "price", "quote": "it sounds expensive for us right now"},
                   {"kind": "authority", "quote": "I need to ask my boss first."}],  # never said: dropped
    "next_step": {"action": "walkthrough", "when": "Thursday at 10", "quote": "Thursday at 10 works for me."},
    "recommendation": "Send Asha the invite for Thursday at 10.",
}  # fmt: skip
TRANSCRIPT = TranscriptFile.model_validate(
    {"topics": ["Pricing", "CRM integration"], "status": "completed", "utterances": [
        {"speaker": "agent", "text": "Hello Asha, this is Maya from Acme. Today I'd like to talk about pricing and CRM "
                                     "integration.", "at": 1.0},
        {"speaker": "customer", "text": "Hi, yes.", "at": 3.0},
        {"speaker": "agent", "text": "When we last spoke you said pricing was a worry. Which CRM does your team use "
                                     "today?", "at": 8.0},
        {"speaker": "customer", "text": "We're on Zoho, and honestly it sounds expensive for us right now.", "at": 12.5},
        {"speaker": "agent", "text": "Most teams start with a small pilot. Could we book a walkthrough on Thursday at "
                                     "10?", "at": 18.0},
        {"speaker": "customer", "text": "Thursday at 10 works for me.", "at": 21.0},
    ]}
)  # fmt: skip
# langchain-openai warns on its own when OpenAI refuses a schema; these tests make it refuse one on purpose.
LANGCHAIN_SCHEMA_HINT = pytest.mark.filterwarnings("ignore:Invalid schema for OpenAI's structured output")


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
            "SALESBOT_SCRIPT_LINE_SECONDS": "0",
            **env,
        }
    )


def writer_for(settings: Settings) -> LLMScriptWriter:
    return LLMScriptWriter(build_chat_model(settings), settings.openai_model, "Maya", "Acme", "Salesbot")


def test_script_streams_through_the_real_client(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    writer = writer_for(settings_for(server, tmp_path))
    chunks = list(writer.stream_script(a_customer(), ScriptOptions(language="Hindi")))
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
    assert desk.capabilities.backends == "SQLite · OpenAI gpt-4o-mini writer · simulated calls (rules or gpt-4o-mini)"
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
        list(writer_for(settings).stream_script(a_customer(), ScriptOptions()))


def ended_call(
    server: OpenAICompatibleServer, tmp_path: Path, analyst: LLMCallAnalyst | None = None
) -> tuple[App, Customer, Call]:
    """A finished simulated call (offline script), analysed by nobody yet."""
    desk = build_app(settings_for(server, tmp_path), analyst=analyst)
    customer = desk.presenter.save_customer(CustomerForm(**ASHA))
    draft = desk.presenter.write_script(customer.id, ScriptOptions(), offline=True)
    list(draft)
    assert draft.script is not None
    return desk, customer, start(desk, draft.script, "a1")


def test_analysis_by_strict_structured_output(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    settings = settings_for(server, tmp_path)
    analyst = LLMCallAnalyst(build_chat_model(settings, streaming=False), settings.openai_model)
    result = analyst.analyse(TRANSCRIPT.call(), TRANSCRIPT.customer())
    assert result.outcome is Outcome.MEETING_BOOKED and result.analyst == "openai:gpt-4o-mini"
    pricing, crm = result.topics
    assert pricing.status is Coverage.NOT_COVERED and pricing.evidence == []  # recap and invented quote dropped
    assert crm.status is Coverage.COVERED
    assert [(e.speaker, e.at) for e in crm.evidence] == [("agent", 8.0), ("customer", 12.5)]
    assert [(o.kind.value, o.quote, o.at) for o in result.objections] == [
        ("price", "it sounds expensive for us right now", 12.5)
    ]
    assert result.next_step is not None and result.next_step.at == 21.0 and result.next_step.when == "Thursday at 10"
    assert result.talk.agent_questions == 2 and result.talk.customer_words == 20
    body = server.state.requests[-1]["body"]
    assert body["response_format"] == {"type": "json_schema", "json_schema": analysis_response_format()}
    assert body["response_format"]["json_schema"]["strict"] is True  # the server checked it against the rules
    assert "analyst" not in str(body["response_format"]) and "<call_data>" in body["messages"][1]["content"]


def test_an_invented_quote_never_reaches_the_page_or_the_store(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    settings = settings_for(server, tmp_path)
    analyst = LLMCallAnalyst(build_chat_model(settings, streaming=False), settings.openai_model)
    desk, _, call = ended_call(server, tmp_path, analyst)
    server.state.json_reply = {**ANALYSIS, "topics": [
        {"topic": "Pricing", "status": "covered", "evidence": [{"speaker": "customer", "text": "We love your prices!"}]}
    ]}  # fmt: skip
    stored = desk.analysis.analyse_call(call.id).analysis
    assert stored is not None and "love your prices" not in stored.model_dump_json()
    assert stored.topics[0].status is Coverage.NOT_COVERED and stored.objections == []


@LANGCHAIN_SCHEMA_HINT
def test_todays_schema_with_a_default_is_refused_as_openai_refuses_it(
    server: OpenAICompatibleServer, tmp_path: Path
) -> None:
    """The chain as it was (CallAnalysis, whose `analyst` has a default) fails against the strict server.

    `method="json_schema"` is langchain-openai's default from 0.3 on; it is spelled out so 0.2 sends it too.
    """
    model = build_chat_model(settings_for(server, tmp_path), streaming=False)
    old_chain = analysis_prompt() | model.with_structured_output(CallAnalysis, method="json_schema", strict=True)
    _, customer, call = ended_call(server, tmp_path)
    with pytest.raises(openai.BadRequestError) as caught:
        old_chain.invoke(analysis_inputs(call, customer))
    assert caught.value.status_code == 400
    assert caught.value.body == {
        "message": "Invalid schema for response_format 'CallAnalysis': "
        "In context=('properties', 'recommendation'), 'default' is not permitted.",
        "type": "invalid_request_error",
        "param": "response_format",
        "code": "invalid_json_schema",
    }


OBJECT: dict[str, Any] = {"type": "object", "properties": {"a": {"type": "string"}}}


@pytest.mark.parametrize(
    ("schema", "problem"),
    [
        (
            {
                **OBJECT,
                "required": ["a"],
                "additionalProperties": False,
                "properties": {"a": {"type": "string", "default": "x"}},
            },
            "In context=('properties', 'a'), 'default' is not permitted.",
        ),
        (
            {**OBJECT, "required": [], "additionalProperties": False},
            "In context=(), 'required' is required to be supplied and to be an array including every key in "
            "properties. Missing 'a'.",
        ),
        (
            {**OBJECT, "required": ["a"]},
            "In context=(), 'additionalProperties' is required to be supplied and to be false.",
        ),
    ],
)
def test_the_server_answers_a_broken_strict_schema_with_openai_s_400(
    server: OpenAICompatibleServer, schema: dict[str, Any], problem: str
) -> None:
    client = openai.OpenAI(api_key=server.state.api_key, base_url=server.base_url, max_retries=0)
    response_format: Any = {"type": "json_schema", "json_schema": {"name": "x", "strict": True, "schema": schema}}
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="gpt-4o-mini", messages=[], response_format=response_format)
    assert caught.value.body == {
        "message": f"Invalid schema for response_format 'x': {problem}",
        "type": "invalid_request_error",
        "param": "response_format",
        "code": "invalid_json_schema",
    }
    response_format["json_schema"]["strict"] = False  # without strict, OpenAI takes the schema as a hint
    server.state.json_reply = {"a": "b"}
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[], response_format=response_format)
    assert reply.choices[0].message.content == '{"a": "b"}'


def test_script_from_a_reasoning_model_is_shown_and_stored_without_its_think_block(
    server: OpenAICompatibleServer, tmp_path: Path
) -> None:
    server.state.think = THINK
    server.state.chunk_chars = 3  # "<think>" and "</think>" arrive cut in pieces
    desk = build_app(settings_for(server, tmp_path))
    customer = desk.presenter.save_customer(CustomerForm(**ASHA))
    draft = desk.presenter.write_script(customer.id, ScriptOptions())
    shown = list(draft)
    assert "".join(shown) == SCRIPT and len(shown) > 5
    assert draft.script is not None and draft.script.script == SCRIPT.strip()
    assert not any("think" in chunk or "price twice" in chunk for chunk in shown)


def test_a_reasoning_model_that_never_closes_its_think_block_stores_nothing(
    server: OpenAICompatibleServer, tmp_path: Path
) -> None:
    server.state.script_reply = ""
    server.state.think = "<think>\nStill weighing the customer's price worry..."
    desk = build_app(settings_for(server, tmp_path))
    customer = desk.presenter.save_customer(CustomerForm(**ASHA))
    draft = desk.presenter.write_script(customer.id, ScriptOptions())
    shown: list[str] = []
    with pytest.raises(ScriptWriterError, match="empty script"):
        shown.extend(draft)
    assert shown == [] and draft.script is None and desk.presenter.list_scripts(customer.id) == []


@pytest.mark.parametrize("streaming", [False, True])
def test_analysis_from_a_reasoning_model_is_parsed_and_stored_without_its_think_block(
    server: OpenAICompatibleServer, tmp_path: Path, streaming: bool
) -> None:
    server.state.think = THINK
    server.state.chunk_chars = 5
    settings = settings_for(server, tmp_path)
    analyst = LLMCallAnalyst(build_chat_model(settings, streaming=streaming), settings.openai_model)
    desk, _, call = ended_call(server, tmp_path, analyst)
    stored = desk.analysis.analyse_call(call.id)
    assert stored.analysis is not None and stored.analysis_error is None
    assert (stored.analysis.summary, stored.analysis.outcome.value) == (ANALYSIS["summary"], ANALYSIS["outcome"])
    assert "think" not in stored.analysis.model_dump_json() and "price twice" not in stored.analysis.model_dump_json()
    assert bool(server.state.requests[-1]["body"].get("stream")) is streaming


def test_a_wrong_shaped_analysis_is_explained(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    server.state.think = "<think>unfinished"  # the answer is lost inside an unclosed block, even when repaired
    _, customer, call = ended_call(server, tmp_path)
    settings = settings_for(server, tmp_path)
    analyst = LLMCallAnalyst(build_chat_model(settings, streaming=False), settings.openai_model, server.base_url)
    with pytest.raises(NoStructuredOutput, match="could not produce structured output"):
        analyst.analyse(call, customer)
    assert len(server.state.requests) == 2  # asked once, asked to repair once; the server took the format


@LANGCHAIN_SCHEMA_HINT
def test_a_refused_analysis_format_steps_down_to_json_mode(
    server: OpenAICompatibleServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = {**analysis_response_format(), "schema": CallAnalysis.model_json_schema()}
    monkeypatch.setattr("salesbot.analysis.llm.analysis_response_format", lambda: broken)
    _, customer, call = ended_call(server, tmp_path)
    settings = settings_for(server, tmp_path)
    analyst = LLMCallAnalyst(build_chat_model(settings, streaming=False), settings.openai_model, server.base_url)
    assert analyst.analyse(call, customer).outcome.value == "meeting_booked"
    asked = [(r["body"].get("response_format") or {}).get("type") for r in server.state.requests[-2:]]
    assert asked == ["json_schema", "json_object"]  # OpenAI's 400 for the schema, then JSON mode


def test_failed_analysis_keeps_the_call_and_can_be_rerun(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    settings = settings_for(server, tmp_path, SALESBOT_SIM_SPEED="1000")
    desk: App = build_app(settings)
    customer = desk.presenter.save_customer(CustomerForm(**ASHA))
    draft = desk.presenter.write_script(customer.id, ScriptOptions(), offline=True)
    list(draft)
    assert draft.script is not None
    call = start(desk, draft.script, "a1")
    server.state.mode = "server_error"
    deadline = time.monotonic() + 10  # the model plays the call in a thread of its own: until it has ended
    while not (ended := desk.calls.refresh_call(call.id).call).status.is_final and time.monotonic() < deadline:
        time.sleep(0.02)
    assert ended.status is CallStatus.COMPLETED and ended.utterances  # the call is kept
    assert ended.analysis is None and ended.analysis_error and "re-run the analysis" in ended.analysis_error
    with pytest.raises(AnalysisError):
        desk.analysis.analyse_call(call.id)
    server.state.mode = "ok"
    rerun = desk.analysis.analyse_call(call.id)
    assert (
        rerun.analysis is not None and rerun.analysis.outcome.value == "meeting_booked" and rerun.analysis_error is None
    )
    offline = desk.analysis.analyse_call(call.id, offline=True)
    assert offline.analysis is not None and offline.analysis.analyst == "offline"
