"""The LLM script writer: one LCEL chain (prompt | chat model | output parser), streamed without reasoning blocks."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from salesbot.errors import ScriptWriterError
from salesbot.llm import ThinkFilter, describe_failure
from salesbot.models import Customer, ScriptOptions
from salesbot.prompts import script_inputs, script_prompt

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.runnables import Runnable

log = logging.getLogger(__name__)


def build_script_chain(model: BaseChatModel) -> Runnable[dict[str, str], str]:
    from langchain_core.output_parsers import StrOutputParser

    return script_prompt() | model | StrOutputParser()


class LLMScriptWriter:
    """Streams a script from a chat model; failures become ScriptWriterError with a clear message.

    A reasoning model's `<think>…</think>` block never reaches the caller, so it is neither shown nor stored.
    """

    def __init__(self, model: BaseChatModel, model_name: str, agent_name: str, company: str, offer: str) -> None:
        self.chain = build_script_chain(model)
        self.model_name = model_name
        self.name = f"openai:{model_name}"
        self._agent_name, self._company, self._offer = agent_name, company, offer

    def stream_script(self, customer: Customer, options: ScriptOptions) -> Iterator[str]:
        inputs = script_inputs(customer, options, self._agent_name, self._company, self._offer)
        started = False
        think = ThinkFilter()
        try:
            for chunk in self.chain.stream(inputs):
                started = started or bool(chunk)
                if shown := think.feed(chunk):
                    yield shown
            if rest := think.finish():
                yield rest
        except ScriptWriterError:
            raise
        except Exception as e:
            log.warning("script model %s failed for customer %s: %s", self.model_name, customer.id, type(e).__name__)
            raise ScriptWriterError(
                f"{describe_failure(e, self.model_name, midstream=started)} Nothing was saved: retry, or switch to the offline writer."
            ) from e
