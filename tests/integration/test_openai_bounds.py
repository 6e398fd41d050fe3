"""Every model answer is bounded: the real ChatOpenAI client against the strict local stand-in, a model that never
stops cut at its token cap and at its total time, nothing cut stored, and the stand-in refusing what OpenAI refuses."""

from __future__ import annotations

import dataclasses
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest

from salesbot.analysis.llm import LLMCallAnalyst
from salesbot.bootstrap import App, build_app, llm_analyst
from salesbot.errors import AnalysisError, ScriptCut, ScriptWriterError
from salesbot.llm.ladder import json_text
from salesbot.llm.model import build_chat_model, token_cap
from salesbot.llm.streaming import End, bounded_stream
from salesbot.models import CustomerForm, ScriptOptions
from salesbot.settings import load_settings
from tests.builders import ASHA
from tests.fakes.openai_server import ENDLESS_WORDS, OpenAICompatibleServer
from tests.integration.test_openai_http import ANALYSIS, SCRIPT, TRANSCRIPT, settings_for


@pytest.fixture
def server() -> Iterator[OpenAICompatibleServer]:
    with OpenAICompatibleServer() as s:
        s.state.script_reply = SCRIPT
        s.state.json_reply = ANALYSIS
        yield s


def write(app: App, length: str = "standard") -> tuple[list[str], ScriptWriterError | None, int]:
    """Generate script as the page does: what was shown, the error it ended with, and the customer's id."""
    customer = app.presenter.save_customer(CustomerForm(**ASHA))
    draft = app.presenter.write_script(customer.id, ScriptOptions(length=length))
    shown: list[str] = []
    try:
        shown.extend(draft)
    except ScriptWriterError as e:
        assert draft.script is None
        return shown, e, customer.id
    return shown, None, customer.id


@pytest.mark.parametrize(
    ("env", "length", "sent"),
    [
        ({}, "standard", {"max_tokens": 1600}),  # any OPENAI_BASE_URL but OpenAI's: the name every server reads
        ({}, "short", {"max_tokens": 800}),
        ({"OPENAI_SCRIPT_MAX_TOKENS": "300"}, "short", {"max_tokens": 300}),
        ({"OPENAI_TOKEN_FIELD": "max_completion_tokens"}, "standard", {"max_completion_tokens": 1600}),
    ],
)
def test_every_script_request_carries_its_token_cap(
    server: OpenAICompatibleServer, tmp_path: Path, env: dict[str, str], length: str, sent: dict[str, int]
) -> None:
    shown, error, _ = write(build_app(settings_for(server, tmp_path, **env)), length)
    assert error is None and "".join(shown) == SCRIPT
    body = server.state.requests[-1]["body"]
    assert {k: body[k] for k in ("max_tokens", "max_completion_tokens") if k in body} == sent  # one of them, never both


@pytest.mark.parametrize(
    ("env", "field"),
    [
        ({}, "max_completion_tokens"),  # OpenAI itself: its o-series and gpt-5 models refuse max_tokens
        ({"OPENAI_BASE_URL": "https://api.openai.com/v1"}, "max_completion_tokens"),
        ({"OPENAI_BASE_URL": "http://localhost:8080/v1"}, "max_tokens"),  # llama.cpp, vLLM, Ollama all read it
        ({"OPENAI_BASE_URL": "http://localhost:8000/v1", "OPENAI_TOKEN_FIELD": "max_completion_tokens"},
         "max_completion_tokens"),
    ],
)  # fmt: skip
def test_the_cap_is_sent_under_the_name_the_server_reads(env: dict[str, str], field: str) -> None:
    assert load_settings(env={"OPENAI_API_KEY": "sk-x", **env}).openai_token_field == field


def test_a_model_that_never_stops_is_cut_at_its_token_cap_and_nothing_is_stored(
    server: OpenAICompatibleServer, tmp_path: Path
) -> None:
    server.state.mode = "endless"
    app = build_app(settings_for(server, tmp_path, OPENAI_SCRIPT_MAX_TOKENS="40"))
    started = time.monotonic()
    shown, error, customer_id = write(app)
    assert isinstance(error, ScriptCut) and time.monotonic() - started < 5
    assert error.user_message.startswith("The model stopped at its length limit (40 tokens), so the script was cut")
    assert "offline writer" in error.user_message and "OPENAI_SCRIPT_MAX_TOKENS" in error.user_message
    assert len("".join(shown).split()) == 40 and "".join(shown).startswith(" ".join(ENDLESS_WORDS[:5]))
    assert app.presenter.list_scripts(customer_id) == []


def test_a_model_that_keeps_trickling_is_cut_at_the_total_time(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    server.state.mode = "endless"
    server.state.token_delay_s = 0.02  # well inside the per-chunk timeout (2 s), never at the cap (1600 tokens)
    settings = dataclasses.replace(settings_for(server, tmp_path), openai_max_seconds=0.5)
    app = build_app(settings)
    started = time.monotonic()
    shown, error, customer_id = write(app)
    took = time.monotonic() - started
    assert isinstance(error, ScriptCut) and 0.5 <= took < 1.2, took
    assert error.user_message.startswith("The model was still writing after 0.5 seconds, so the script was cut")
    assert 5 < len("".join(shown).split()) < 30
    assert app.presenter.list_scripts(customer_id) == []


def test_the_total_time_holds_while_the_server_says_nothing(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    server.state.first_token_delay_s = 1.5  # silent, but inside the client's own per-chunk timeout (2 s)
    settings = dataclasses.replace(settings_for(server, tmp_path), openai_max_seconds=0.5)
    started = time.monotonic()
    shown, error, _ = write(build_app(settings))
    assert isinstance(error, ScriptCut) and shown == [] and time.monotonic() - started < 1.0


def test_bounded_stream_reports_how_an_answer_ended(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    """The helper the AI rehearsal uses for each line: a model bound to a cap, streamed within a total time."""
    model = build_chat_model(settings_for(server, tmp_path))
    line = model.bind(**token_cap(5, "max_tokens"))
    whole = bounded_stream(line.stream("Say hello."), deadline_s=5)
    assert "".join(whole) == "[Opener]\nHello Asha, this is"
    assert whole.end is End.LENGTH and whole.end.cut
    finished = bounded_stream(model.stream("Say hello."), deadline_s=5)
    assert "".join(finished) == SCRIPT and finished.end is End.STOP and not finished.end.cut
    server.state.mode, server.state.token_delay_s = "endless", 0.05
    slow = bounded_stream(model.stream("Say hello."), deadline_s=0.3)
    assert len(list(slow)) < 10 and slow.end is End.DEADLINE and 0.3 <= slow.seconds < 0.5


def test_a_cut_analysis_answer_is_a_clear_failure_not_an_analysis(
    server: OpenAICompatibleServer, tmp_path: Path
) -> None:
    analyst = llm_analyst(settings_for(server, tmp_path, OPENAI_ANALYSIS_MAX_TOKENS="5"))
    assert isinstance(analyst, LLMCallAnalyst)
    with pytest.raises(AnalysisError, match=r"length limit \(OPENAI_ANALYSIS_MAX_TOKENS\)") as caught:
        analyst.analyse(TRANSCRIPT.call(), TRANSCRIPT.customer())
    assert "analyse it offline" in caught.value.user_message
    assert len(server.state.requests) == 1  # not repaired, not asked again another way: the cap would cut it again
    assert server.state.requests[0]["body"]["max_tokens"] == 5


def test_a_cut_analysis_is_not_taken_even_when_its_text_parses(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    """A model that says its JSON and then rambles on: the text holds a whole object, but the answer was cut."""
    server.state.structured = "text_only"
    server.state.fence = True  # "Here is the analysis:\n```json\n{…}\n```": the cap cuts only the closing fence
    answer = f"Here is the analysis:\n```json\n{json.dumps(ANALYSIS)}\n```"
    cap = len(re.findall(r"\s*\S+\s*?(?=\s|$)", answer)) - 1
    assert json.loads(json_text(answer.removesuffix("\n```"))) == ANALYSIS  # what was cut would parse
    settings = settings_for(server, tmp_path)
    analyst = LLMCallAnalyst(build_chat_model(settings, streaming=False, max_tokens=cap), settings.openai_model)
    with pytest.raises(AnalysisError, match="length limit"):
        analyst.analyse(TRANSCRIPT.call(), TRANSCRIPT.customer())
    assert server.state.requests[-1]["body"]["max_tokens"] == cap


def test_the_analysis_stops_at_its_total_time(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    server.state.mode, server.state.slow_s = "slow", 1.5  # inside the client's timeout (2 s)
    settings = settings_for(server, tmp_path)
    model = build_chat_model(settings, streaming=False, max_tokens=3000)
    analyst = LLMCallAnalyst(model, settings.openai_model, max_seconds=0.5)
    started = time.monotonic()
    with pytest.raises(AnalysisError, match=r"still answering after 0\.5 seconds"):
        analyst.analyse(TRANSCRIPT.call(), TRANSCRIPT.customer())
    assert time.monotonic() - started < 1.0


# The stand-in is as strict as OpenAI about token caps (https://platform.openai.com/docs/api-reference/chat/create).
@pytest.mark.parametrize(
    ("model", "caps", "message", "code"),
    [
        ("gpt-4o-mini", {"max_tokens": "100"}, "Invalid type for 'max_tokens': expected an integer, but got a string"
         " instead.", "invalid_type"),
        ("gpt-4o-mini", {"max_completion_tokens": 1.5}, "Invalid type for 'max_completion_tokens': expected an"
         " integer, but got a decimal number instead.", "invalid_type"),
        ("gpt-4o-mini", {"max_tokens": 0}, "Invalid 'max_tokens': integer below minimum value. Expected a value >= 1,"
         " but got 0 instead.", "integer_below_min_value"),
        ("gpt-4o-mini", {"max_tokens": 100_000}, "max_tokens is too large: 100000. This model supports at most 16384"
         " completion tokens, whereas you provided 100000.", None),
        ("o4-mini", {"max_tokens": 100}, "Unsupported parameter: 'max_tokens' is not supported with this model. Use"
         " 'max_completion_tokens' instead.", "unsupported_parameter"),
    ],
)  # fmt: skip
def test_the_stand_in_refuses_token_caps_openai_refuses(
    server: OpenAICompatibleServer, model: str, caps: dict[str, Any], message: str, code: str | None
) -> None:
    server.state.models = ("gpt-4o-mini", "o4-mini")
    client = openai.OpenAI(api_key=server.state.api_key, base_url=server.base_url, max_retries=0)
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model=model, messages=[{"role": "user", "content": "Hi"}], extra_body=caps)
    param = next(iter(caps))
    assert caught.value.status_code == 400
    assert caught.value.body == {"message": message, "type": "invalid_request_error", "param": param, "code": code}
    ok = client.chat.completions.create(model=model, messages=[], max_completion_tokens=100)
    assert ok.choices[0].finish_reason == "stop"


@pytest.mark.parametrize("stream", [False, True])
def test_the_stand_in_cuts_an_answer_at_its_cap(server: OpenAICompatibleServer, stream: bool) -> None:
    client = openai.OpenAI(api_key=server.state.api_key, base_url=server.base_url, max_retries=0)
    if not stream:
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[], max_tokens=3)
        assert reply.choices[0].finish_reason == "length"
        assert reply.choices[0].message.content == "[Opener]\nHello Asha,"
        return
    chunks = list(client.chat.completions.create(model="gpt-4o-mini", messages=[], max_tokens=3, stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "[Opener]\nHello Asha,"
    assert [c.choices[0].finish_reason for c in chunks if c.choices[0].finish_reason] == ["length"]
