"""Against the real OpenAI API: runs only when OPENAI_API_KEY is set."""

from __future__ import annotations

import os

import pytest

from salesbot.llm import build_chat_model
from salesbot.models import ScriptOptions
from salesbot.scripts import SECTIONS, parse_sections
from salesbot.scripts.llm_writer import LLMScriptWriter
from salesbot.settings import load_settings
from tests.unit.test_offline_writer import make_customer

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(not os.environ.get("OPENAI_API_KEY"), reason="OPENAI_API_KEY is not set"),
]


def test_live_script_has_every_section_and_topic() -> None:
    settings = load_settings()
    writer = LLMScriptWriter(build_chat_model(settings), settings.openai_model, "Maya", "Acme", "Salesbot")
    script = "".join(writer.stream_script(make_customer(), ScriptOptions(length="short")))
    sections = parse_sections(script)
    assert all(sections[name] for name in SECTIONS)
    assert "Asha" in script
