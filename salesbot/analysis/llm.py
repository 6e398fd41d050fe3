"""The LLM analyser: the chat model's structured output filled from the transcript."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from salesbot.analysis import CallAnalysis
from salesbot.errors import AnalysisError
from salesbot.llm import describe_failure
from salesbot.models import Call, Customer
from salesbot.prompts import analysis_inputs, analysis_prompt

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)


class LLMCallAnalyst:
    def __init__(self, model: BaseChatModel, model_name: str) -> None:
        self.chain = analysis_prompt() | model.with_structured_output(CallAnalysis)
        self.model_name = model_name
        self.name = f"openai:{model_name}"

    def analyse(self, call: Call, customer: Customer) -> CallAnalysis:
        try:
            result = self.chain.invoke(analysis_inputs(call, customer))
        except Exception as e:
            log.warning("analysis model %s failed for call %s: %s", self.model_name, call.id, type(e).__name__)
            raise AnalysisError(
                f"{describe_failure(e, self.model_name)} The call is saved: re-run the analysis."
            ) from e
        if not isinstance(result, CallAnalysis):
            raise AnalysisError("The language model returned an analysis in the wrong shape. Re-run it.")
        return result.model_copy(update={"analyst": self.name})
