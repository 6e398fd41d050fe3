"""The analysis on every kind of OpenAI-compatible server: strict schema, JSON mode, plain text, remembered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from salesbot.analysis.llm import LLMCallAnalyst
from salesbot.analysis.offline import OfflineCallAnalyst
from salesbot.errors import AnalysisError, NoStructuredOutput
from salesbot.llm import ladder
from salesbot.llm.model import build_chat_model
from salesbot.models import Outcome
from tests.fakes.openai_server import THINK, OpenAICompatibleServer
from tests.integration.test_openai_http import ANALYSIS, SCRIPT, TRANSCRIPT, ended_call, settings_for


@pytest.fixture
def server() -> Iterator[OpenAICompatibleServer]:
    with OpenAICompatibleServer() as s:
        s.state.script_reply = SCRIPT
        s.state.json_reply = ANALYSIS
        yield s


def analyst_for(server: OpenAICompatibleServer, tmp_path: Path) -> LLMCallAnalyst:
    settings = settings_for(server, tmp_path)
    return LLMCallAnalyst(build_chat_model(settings, streaming=False), settings.openai_model, server.base_url)


def formats(server: OpenAICompatibleServer) -> list[str | None]:
    """The response_format type of each request the server saw."""
    return [(r["body"].get("response_format") or {}).get("type") for r in server.state.requests]


def analyse_twice(server: OpenAICompatibleServer, tmp_path: Path) -> tuple[LLMCallAnalyst, list[str | None]]:
    analyst = analyst_for(server, tmp_path)
    first = analyst.analyse(TRANSCRIPT.call(), TRANSCRIPT.customer())
    assert first.outcome is Outcome.MEETING_BOOKED and first.analyst == "openai:gpt-4o-mini"
    asked_first = formats(server)
    server.state.requests.clear()
    again = analyst_for(server, tmp_path)  # a new analyser in the same process remembers the server's way
    assert again.analyse(TRANSCRIPT.call(), TRANSCRIPT.customer()) == first
    assert len(server.state.requests) == 1, "after the first analysis, one request per analysis"
    return again, asked_first + formats(server)


def test_openai_and_servers_like_it_take_the_strict_schema_at_once(
    server: OpenAICompatibleServer, tmp_path: Path
) -> None:
    analyst, asked = analyse_twice(server, tmp_path)
    assert asked == ["json_schema", "json_schema"] and analyst.mode is ladder.Rung.JSON_SCHEMA


def test_llama_cpp_python_refuses_json_schema_and_gets_json_mode_with_its_schema_field(
    server: OpenAICompatibleServer, tmp_path: Path
) -> None:
    server.state.structured = "llama_cpp_python"
    analyst, asked = analyse_twice(server, tmp_path)
    assert asked == ["json_schema", "json_object", "json_object"] and analyst.mode is ladder.Rung.JSON_MODE
    sent = server.state.requests[-1]["body"]
    assert sent["response_format"]["schema"]["title"] == "AnalysisFilled"  # llama-cpp-python's `schema` extension
    assert "JSON Schema" in sent["messages"][-1]["content"]  # and the schema in the prompt for everyone else


def test_an_older_llama_server_answering_500_steps_down_too(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    server.state.structured = "old_llama_server"
    analyst, asked = analyse_twice(server, tmp_path)
    assert asked == ["json_schema", "json_object", "json_object"] and analyst.mode is ladder.Rung.JSON_MODE


def test_a_text_only_reasoning_server_answers_fenced_json_after_its_think_block(
    server: OpenAICompatibleServer, tmp_path: Path
) -> None:
    server.state.structured, server.state.think, server.state.fence = "text_only", THINK, True
    analyst, asked = analyse_twice(server, tmp_path)
    assert asked == ["json_schema", "json_object", None, None] and analyst.mode is ladder.Rung.TEXT


def test_invalid_json_is_repaired_once_by_asking_again(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    server.state.structured, server.state.invalid_replies = "text_only", 1
    analyst = analyst_for(server, tmp_path)
    assert analyst.analyse(TRANSCRIPT.call(), TRANSCRIPT.customer()).outcome is Outcome.MEETING_BOOKED
    assert formats(server) == ["json_schema", "json_object", None, None]  # the last one is the repair
    repair = server.state.requests[-1]["body"]["messages"]
    assert repair[-2]["role"] == "assistant" and "not valid" in repair[-1]["content"]


def test_a_failure_that_is_not_the_format_does_not_climb_down(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    server.state.mode = "rate_limit"
    with pytest.raises(AnalysisError, match=r"rate limit") as caught:
        analyst_for(server, tmp_path).analyse(TRANSCRIPT.call(), TRANSCRIPT.customer())
    assert not isinstance(caught.value, NoStructuredOutput) and len(server.state.requests) == 1


def test_no_way_works_keeps_the_offline_analysis_marked_with_the_reason(
    server: OpenAICompatibleServer, tmp_path: Path
) -> None:
    server.state.structured, server.state.invalid_replies = "text_only", 99
    analyst = analyst_for(server, tmp_path)
    with pytest.raises(NoStructuredOutput, match="could not produce structured output"):
        analyst.analyse(TRANSCRIPT.call(), TRANSCRIPT.customer())
    assert analyst.mode is None  # nothing worked, nothing remembered
    desk, _, call = ended_call(server, tmp_path, analyst)
    stored = desk.analysis.analyse_call(call.id)
    assert stored.analysis is not None and stored.analysis.analyst == OfflineCallAnalyst.name
    assert stored.analysis_error and "could not produce structured output" in stored.analysis_error
    assert "offline analysis" in stored.analysis_error
    server.state.invalid_replies = 0  # the model learns: Re-run analysis tries it again
    rerun = desk.analysis.analyse_call(call.id)
    assert rerun.analysis is not None and rerun.analysis.analyst == "openai:gpt-4o-mini" and not rerun.analysis_error
