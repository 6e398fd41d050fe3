"""The LLM script writer: one LCEL chain (prompt | chat model), streamed bounded and without reasoning blocks."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from salesbot.errors import ScriptCut, ScriptWriterError
from salesbot.llm.model import describe_failure, token_cap
from salesbot.llm.prompts import script_inputs, script_prompt
from salesbot.llm.streaming import End, bounded_stream
from salesbot.llm.think import ThinkFilter
from salesbot.models import Customer, ScriptOptions

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.runnables import Runnable

log = logging.getLogger(__name__)
NEXT = "Nothing was saved: retry, or switch to the offline writer."


def build_script_chain(model: BaseChatModel | Runnable[Any, Any]) -> Runnable[dict[str, str], Any]:
    """prompt | model: message chunks, so the last one's finish reason says whether the token cap cut the script."""
    return script_prompt() | model


class LLMScriptWriter:
    """Streams a script from a chat model; failures become ScriptWriterError with a clear message.

    Every script is bounded: `max_tokens(length)` tokens (sent as `token_field`) and `max_seconds` in total. A script
    cut by either raises ScriptCut after its text so far, so the caller shows it as cut and stores nothing. A reasoning
    model's `<think>…</think>` block never reaches the caller, so it is neither shown nor stored.
    """

    def __init__(
        self,
        model: BaseChatModel,
        model_name: str,
        agent_name: str,
        company: str,
        offer: str,
        *,
        max_tokens: dict[str, int] | None = None,
        max_seconds: float = 90.0,
        token_field: str = "max_completion_tokens",
    ) -> None:
        self.model = model
        self.model_name = model_name
        self.name = f"openai:{model_name}"
        self._agent_name, self._company, self._offer = agent_name, company, offer
        self._max_tokens = max_tokens or {"short": 800, "standard": 1600}
        self._max_seconds, self._token_field = max_seconds, token_field

    def max_tokens(self, length: str) -> int:
        return self._max_tokens.get(length) or max(self._max_tokens.values())

    def stream_script(self, customer: Customer, options: ScriptOptions) -> Iterator[str]:
        inputs = script_inputs(customer, options, self._agent_name, self._company, self._offer)
        cap = self.max_tokens(options.length)
        chain = build_script_chain(self.model.bind(**token_cap(cap, self._token_field)))
        answer = bounded_stream(chain.stream(inputs), self._max_seconds)
        started = False
        think = ThinkFilter()
        try:
            for chunk in answer:
                started = True
                if shown := think.feed(chunk):
                    yield shown
            if rest := think.finish():
                yield rest
        except ScriptWriterError:
            raise
        except Exception as e:
            log.warning("script model %s failed for customer %s: %s", self.model_name, customer.id, type(e).__name__)
            raise ScriptWriterError(f"{describe_failure(e, self.model_name, midstream=started)} {NEXT}") from e
        if answer.end is End.LENGTH:
            log.warning(
                "script model %s reached its cap of %s tokens for customer %s", self.model_name, cap, customer.id
            )
            raise ScriptCut(
                f"The model stopped at its length limit ({cap} tokens), so the script was cut and not saved. Retry, use"
                " the offline writer, or raise OPENAI_SCRIPT_MAX_TOKENS."
            )
        if answer.end is End.DEADLINE:
            log.warning("script model %s ran past %.1f s for customer %s", self.model_name, answer.seconds, customer.id)
            raise ScriptCut(
                f"The model was still writing after {self._max_seconds:g} second{'' if self._max_seconds == 1 else 's'}, so the script was cut and not saved."
                " Retry, use the offline writer, or raise OPENAI_MAX_SECONDS."
            )
