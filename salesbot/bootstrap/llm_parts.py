"""The composition root's language-model parts: the LLM script writer, the LLM analyser, the rehearsal model."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from salesbot.analysis import CallAnalyst
from salesbot.errors import ConfigError
from salesbot.scripts import ScriptWriter
from salesbot.settings import Settings

if TYPE_CHECKING:  # LangChain and the adapters load only when a model is used
    from salesbot.playbook.facts import OfferFacts
    from salesbot.telephony.rehearsal import ModelRehearsal


def build_analyst(settings: Settings, choice: str | None = None) -> CallAnalyst:
    """The analyser `python -m salesbot analyse` asked for: offline, llm, or (None) the one the settings select."""
    from salesbot.analysis.offline import OfflineCallAnalyst

    if choice == "offline" or (choice is None and not settings.uses_openai):
        return OfflineCallAnalyst()
    if not settings.uses_openai:
        raise ConfigError(
            "The LLM analyser needs OPENAI_API_KEY (and OPENAI_MODEL); set them or use --analyst offline."
        )
    return llm_analyst(settings)


def llm_writer(settings: Settings) -> ScriptWriter:
    """The LLM script writer, each script bounded by its length's token cap and OPENAI_MAX_SECONDS."""
    from salesbot.llm.model import build_chat_model
    from salesbot.scripts import LENGTHS
    from salesbot.scripts.llm_writer import LLMScriptWriter

    return LLMScriptWriter(
        build_chat_model(settings, task="script"),
        settings.openai_model,
        settings.agent_name,
        settings.company,
        settings.offer,
        max_tokens={length: settings.script_max_tokens(length) for length in LENGTHS},
        max_seconds=settings.openai_max_seconds,
        token_field=settings.openai_token_field,
    )


def llm_analyst(settings: Settings) -> CallAnalyst:
    """The LLM analyser: each answer capped at OPENAI_ANALYSIS_MAX_TOKENS, the whole analysis at OPENAI_MAX_SECONDS."""
    from salesbot.analysis.llm import LLMCallAnalyst
    from salesbot.llm.model import build_chat_model

    model = build_chat_model(settings, streaming=False, max_tokens=settings.openai_analysis_max_tokens, task="analysis")
    return LLMCallAnalyst(
        model, settings.openai_model, settings.openai_base_url, max_seconds=settings.openai_max_seconds
    )


def model_rehearsal(settings: Settings, clock: Callable[[], datetime], facts: OfferFacts) -> ModelRehearsal:
    """The language model that can play simulated calls on both sides, with a chat model of its own."""
    from salesbot.llm.model import build_chat_model
    from salesbot.telephony.rehearsal import ModelRehearsal

    agent = f"{settings.agent_name} from {settings.company}"
    offer = f"{settings.offer}. Facts the agent may quote: {facts.describe()}" if facts.facts else settings.offer
    return ModelRehearsal(
        build_chat_model(settings, task="rehearsal"),
        settings.openai_model,
        agent,
        offer,
        clock=clock,
        token_field=settings.openai_token_field,
        facts=facts,
    )
