"""Against the real OpenAI API: runs only when OPENAI_API_KEY is set."""

from __future__ import annotations

import os

import pytest

from salesbot.analysis.llm import LLMCallAnalyst
from salesbot.bootstrap import llm_analyst, llm_writer
from salesbot.llm.ladder import Rung
from salesbot.models import Outcome, ScriptOptions, Speaker
from salesbot.playbook.script_format import SECTIONS, parse_sections
from salesbot.settings import load_settings
from tests.builders import START, a_call, a_customer

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(not os.environ.get("OPENAI_API_KEY"), reason="OPENAI_API_KEY is not set"),
]


def test_live_script_has_every_section_and_topic() -> None:
    settings = load_settings()
    writer = llm_writer(settings)  # as the app builds it: bounded, the cap under the name this server reads
    script = "".join(writer.stream_script(a_customer(), ScriptOptions(length="short")))
    sections = parse_sections(script)
    assert all(sections[name] for name in SECTIONS)
    assert "Asha" in script


def test_live_analysis_is_accepted_by_openai_s_strict_mode_and_signed_by_the_app() -> None:
    """The schema the app sends passes OpenAI's own strict-mode check; a refused schema fails here with a 400."""
    settings = load_settings()
    analyst = llm_analyst(settings)
    assert isinstance(analyst, LLMCallAnalyst)
    customer = a_customer(topics=["Pricing", "CRM integration"])
    call = a_call(
        [
            (Speaker.AGENT, "Hello Asha, this is Maya from Acme. What would help your team most?"),
            (Speaker.CUSTOMER, "What would this actually cost us per month?"),
            (Speaker.AGENT, "Forty dollars a seat. Shall I show you a walkthrough on Thursday at ten?"),
            (Speaker.CUSTOMER, "Thursday works for me. Let's do it."),
        ],
        first=2,
        started_at=START,
    )
    analysis = analyst.analyse(call, customer)
    assert analysis.analyst == f"openai:{settings.openai_model}"
    assert analysis.outcome in {Outcome.MEETING_BOOKED, Outcome.INTERESTED}
    assert {t.topic for t in analysis.topics} >= {"Pricing"}
    assert "<think>" not in analysis.summary
    if not settings.openai_base_url:  # OpenAI itself takes the strict schema: the ladder never steps down there
        assert analyst.mode is Rung.JSON_SCHEMA


@pytest.mark.skipif(not os.environ.get("OPENAI_BASE_URL"), reason="OPENAI_BASE_URL is not set")
def test_live_compatible_server_gives_an_analysis_in_the_strongest_way_it_takes() -> None:
    """Against the OpenAI-compatible server at OPENAI_BASE_URL (vLLM, Ollama, llama.cpp, llama-cpp-python …)."""
    settings = load_settings()
    analyst = llm_analyst(settings)
    assert isinstance(analyst, LLMCallAnalyst)
    call = a_call([(Speaker.AGENT, "Shall we book a demo on Friday at 11?"), (Speaker.CUSTOMER, "Friday works.")],
                  first=2, started_at=START)  # fmt: skip
    analysis = analyst.analyse(call, a_customer(topics=["Pricing"]))
    assert analyst.mode is not None and analysis.analyst == f"openai:{settings.openai_model}"
