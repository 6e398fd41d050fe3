"""The presenter page with OPENAI_API_KEY set, against the local OpenAI-compatible server."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from salesbot.text import markdown_literal
from tests.app.conftest import outcome, refresh_until
from tests.conftest import ROOT
from tests.fakes.openai_server import OpenAICompatibleServer
from tests.integration.test_openai_http import ANALYSIS, SCRIPT


@pytest.fixture
def llm_app(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[AppTest, OpenAICompatibleServer]]:
    with OpenAICompatibleServer() as server:
        server.state.script_reply = SCRIPT
        server.state.json_reply = ANALYSIS
        monkeypatch.setenv("OPENAI_API_KEY", server.state.api_key)
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_MAX_RETRIES", "0")
        at = AppTest.from_file(str(ROOT / "salesbot_pages.py"), default_timeout=30)
        at.run()
        yield at, server


def test_llm_script_then_failure_then_offline_in_one_click(
    llm_app: tuple[AppTest, OpenAICompatibleServer], fill_form: Callable[..., AppTest], app_env: Path
) -> None:
    at, server = llm_app
    assert any("OpenAI gpt-4o-mini writer" in m.value for m in at.sidebar.markdown)
    fill_form(at).button(key="generate").click().run()
    assert not at.exception
    assert at.text_area(key="script_editor").value.strip() == SCRIPT.strip()
    assert "openai:gpt-4o-mini" in at.selectbox(key="script_version").options[0]

    server.state.mode = "rate_limit"
    at.button(key="regenerate").click().run()
    assert not at.exception
    assert any("(429)" in e.value for e in at.error)
    assert all("sk-test-key" not in e.value for e in at.error)
    assert len(at.selectbox(key="script_version").options) == 1  # nothing half-written stored

    at.button(key="offline_script").click().run()
    assert not at.exception and not at.error
    assert "offline" in at.selectbox(key="script_version").options[0]
    with sqlite3.connect(app_env) as conn:
        writers = [r[0] for r in conn.execute("SELECT writer FROM sales_scripts ORDER BY id")]
    assert writers == ["openai:gpt-4o-mini", "offline"]


def test_analysis_is_shown_when_the_call_ends(
    llm_app: tuple[AppTest, OpenAICompatibleServer], fill_form: Callable[..., AppTest]
) -> None:
    at, _ = llm_app
    fill_form(at).button(key="generate").click().run()
    at.button(key="start_call").click().run()
    refresh_until(at, outcome, every=0.05)  # the call is over (at this speed, within a few refreshes)
    at.button(key="refresh_transcript").click().run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert "**Outcome: meeting booked**" in shown and markdown_literal("openai:gpt-4o-mini") in shown
    assert "**Next step agreed:** walkthrough · Thursday at 10" in shown
    # The model's quotes come from another call: none of them is on this transcript, so none is shown.
    assert "**Pricing** — not covered" in shown and "expensive" not in shown and "Zoho" not in shown


def test_a_server_without_json_schema_still_analyses_and_the_sidebar_says_how(
    llm_app: tuple[AppTest, OpenAICompatibleServer], fill_form: Callable[..., AppTest]
) -> None:
    at, server = llm_app
    server.state.structured = "llama_cpp_python"  # refuses json_schema with a 422, takes JSON mode
    fill_form(at).button(key="generate").click().run()
    at.button(key="start_call").click().run()
    refresh_until(at, outcome)
    assert outcome(at).startswith("**Outcome: meeting booked**") and not at.info
    visitor = AppTest.from_file(str(ROOT / "salesbot_pages.py"), default_timeout=30)  # the mode is the process's
    visitor.run()
    assert "analysis: JSON mode" in [c.value for c in visitor.sidebar.caption]


def test_a_model_that_cannot_give_json_leaves_the_offline_analysis_marked(
    llm_app: tuple[AppTest, OpenAICompatibleServer], fill_form: Callable[..., AppTest]
) -> None:
    at, server = llm_app
    server.state.structured, server.state.invalid_replies = "text_only", 99
    fill_form(at).button(key="generate").click().run()
    at.button(key="start_call").click().run()
    refresh_until(at, outcome)
    assert outcome(at).endswith("_offline_")  # the offline analysis stands in
    reason = " ".join(i.value for i in at.info)
    assert "could not produce structured output" in reason and "Re-run analysis" in reason
    server.state.invalid_replies = 0  # the model is fixed: Re-run analysis brings its analysis in
    at.button(key="presenter_rerun_analysis").click().run()
    assert not at.exception and not at.info
    assert markdown_literal("openai:gpt-4o-mini") in outcome(at)


def test_a_script_cut_at_its_limit_says_so_and_offers_retry_and_the_offline_writer(
    llm_app: tuple[AppTest, OpenAICompatibleServer], fill_form: Callable[..., AppTest], app_env: Path
) -> None:
    at, server = llm_app
    server.state.mode = "endless"  # a small local model that does not stop
    fill_form(at).button(key="generate").click().run()
    assert not at.exception
    assert any(e.value.startswith("The model stopped at its length limit (1600 tokens)") for e in at.error)
    assert at.button(key="retry_script") and at.button(key="offline_script")
    with sqlite3.connect(app_env) as conn:
        assert conn.execute("SELECT count(*) FROM sales_scripts").fetchone() == (0,)  # nothing half-written stored
    at.button(key="offline_script").click().run()
    assert not at.exception and not at.error
    assert "offline" in at.selectbox(key="script_version").options[0]


def test_simulated_by_is_chosen_on_the_page_only_with_a_model_and_each_choice_is_played_as_chosen(
    llm_app: tuple[AppTest, OpenAICompatibleServer], fill_form: Callable[..., AppTest]
) -> None:
    at, server = llm_app
    assert any("simulated calls (rules or gpt-4o-mini)" in m.value for m in at.sidebar.markdown)
    fill_form(at).button(key="generate").click().run()
    choice = at.button_group(key="simulated_by")
    assert choice.value == "model" and list(choice.options) == ["rules", "model"]
    assert any("the language model (gpt-4o-mini) plays the customer" in c.value for c in at.caption)
    at.button(key="start_call").click().run()
    refresh_until(at, lambda t: outcome(t) != "")
    assert any("AI rehearsal: the language model plays both sides" in c.value for c in at.caption)
    rehearsed = [r for r in server.state.requests if "<rehearsal_data>" in str(r["body"]["messages"])]
    assert len(rehearsed) >= 4  # both sides, line by line

    at.button_group(key="simulated_by").set_value("rules").run()
    assert any("a rule-based persona plays the customer" in c.value for c in at.caption)
    asked = len(server.state.requests)
    at.button(key="start_call").click().run()
    refresh_until(at, lambda t: outcome(t) != "")
    assert not any(
        "<rehearsal_data>" in str(r["body"]["messages"]) for r in server.state.requests[asked:]
    )  # the rules played it: only the analysis asked the model
    assert not any("AI rehearsal" in c.value for c in at.caption)
