"""The LLM analyser: structured output filled from the transcript (down the ladder the server allows), checked."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from salesbot.analysis.llm_answer import AnalysisFilled, analysis_response_format, text_of
from salesbot.errors import AnalysisError, NoStructuredOutput
from salesbot.llm.ladder import Rung, json_text, refuses_format, remember, remembered, rungs_from, schema_instructions
from salesbot.llm.model import describe_failure, finish_reason
from salesbot.llm.prompts import analysis_inputs, analysis_prompt
from salesbot.llm.streaming import TooSlow, answer_within
from salesbot.models import Call, CallAnalysis, Customer

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage
    from langchain_core.runnables import Runnable

log = logging.getLogger(__name__)

CUT = (
    "The language model stopped at its length limit (OPENAI_ANALYSIS_MAX_TOKENS) before the analysis was complete, so"
    " nothing was stored. The call is saved: raise the limit, or analyse it offline."
)


def _next(error: Exception) -> str:
    """What to do next: a refused request (400) fails the same way however often it is re-run."""
    import openai

    if isinstance(error, openai.BadRequestError):
        return "re-running will not help; analyse it offline, or check OPENAI_MODEL."
    return "re-run the analysis."


class LLMCallAnalyst:
    """Analyses a call with a chat model, asking in the strongest way the server accepts (remembered per server and
    model); failures become AnalysisError with a clear message, NoStructuredOutput when no way worked."""

    def __init__(self, model: BaseChatModel, model_name: str, server: str = "", max_seconds: float = 90.0) -> None:
        from langchain_core.messages import AIMessage

        schema = AnalysisFilled.model_json_schema()
        self.prompt = analysis_prompt()
        # The raw message is kept so a reasoning block can be removed before parsing; the method and strictness are
        # explicit so the request does not change with langchain-openai's defaults (function calling before 0.3).
        strict = model.with_structured_output(
            analysis_response_format(), method="json_schema", strict=True, include_raw=True
        )
        self._ask: dict[Rung, Runnable[Any, Any]] = {
            Rung.JSON_SCHEMA: strict | (lambda answer: _raw_message(answer, AIMessage)),
            Rung.JSON_MODE: model.bind(response_format={"type": "json_object", "schema": schema}),
            Rung.TEXT: model,
        }
        self._instructions = schema_instructions(schema)
        self.model_name = model_name
        self.server = server or "https://api.openai.com/v1"
        self.name = f"openai:{model_name}"
        self.max_seconds = max_seconds  # the whole analysis, every way of asking and repair included

    @property
    def mode(self) -> Rung | None:
        """The way of asking that worked on this server and model, once known."""
        return remembered(self.server, self.model_name)

    def analyse(self, call: Call, customer: Customer) -> CallAnalysis:
        inputs = analysis_inputs(call, customer)
        deadline = time.monotonic() + self.max_seconds
        for rung in rungs_from(self.mode):
            messages = self._messages(rung, inputs)
            try:
                filled = self._fill(rung, messages, deadline)
            except Exception as e:
                if rung is not Rung.TEXT and refuses_format(e):
                    log.info("analysis model %s refused %s; asking with %s", self.model_name, rung, "the next way")
                    continue
                if isinstance(e, AnalysisError):
                    raise
                log.warning("analysis model %s failed for call %s: %s", self.model_name, call.id, type(e).__name__)
                raise AnalysisError(f"{describe_failure(e, self.model_name)} The call is saved: {_next(e)}") from e
            if filled is None:  # the server took the request, but the model's answer stayed invalid when repaired
                break
            remember(self.server, self.model_name, rung)
            return filled.to_call_analysis(self.name, call)
        raise NoStructuredOutput(
            f"The model “{self.model_name}” at OPENAI_BASE_URL could not produce structured output in any form"
            " (strict JSON schema, JSON mode, plain text)."
        )

    def _messages(self, rung: Rung, inputs: dict[str, str]) -> list[BaseMessage]:
        from langchain_core.messages import SystemMessage

        messages = self.prompt.format_messages(**inputs)
        return messages if rung is Rung.JSON_SCHEMA else [*messages, SystemMessage(self._instructions)]

    def _fill(self, rung: Rung, messages: list[BaseMessage], deadline: float) -> AnalysisFilled | None:
        """The model's analysis, asked once and (if it was not valid) repaired once; None if still not valid."""
        from langchain_core.messages import AIMessage, HumanMessage

        answer = self._answer(rung, messages, deadline)
        if answer.additional_kwargs.get("refusal"):
            raise AnalysisError("The language model declined to analyse this call. Re-run it, or analyse it offline.")
        text = text_of(answer.content)
        try:
            return AnalysisFilled.model_validate_json(json_text(text))
        except ValidationError as e:
            problem = "; ".join(
                f"{'.'.join(map(str, err['loc'])) or 'the answer'}: {err['msg']}" for err in e.errors()[:5]
            )
        repair = [*messages, AIMessage(text), HumanMessage(
            f"That answer is not valid ({problem}). Reply with only the corrected JSON object.")]  # fmt: skip
        try:
            return AnalysisFilled.model_validate_json(json_text(text_of(self._answer(rung, repair, deadline).content)))
        except ValidationError:
            return None

    def _answer(self, rung: Rung, messages: list[BaseMessage], deadline: float) -> Any:
        """The model's whole answer within the analysis's total time; an answer cut at the token cap is a failure,
        never parsed (a cut JSON object may still hold a valid-looking prefix of a longer answer)."""
        import openai

        try:
            answer = answer_within(lambda: self._ask[rung].invoke(messages), deadline - time.monotonic())
        except TooSlow:
            raise AnalysisError(
                f"The language model was still answering after {self.max_seconds:g} seconds (OPENAI_MAX_SECONDS), so"
                " the analysis was stopped. The call is saved: re-run the analysis, or analyse it offline."
            ) from None
        except openai.LengthFinishReasonError as e:  # the strict way: openai-python's parser refuses a cut answer
            raise AnalysisError(CUT) from e
        if finish_reason(answer) == "length":
            raise AnalysisError(CUT)
        return answer


def _raw_message(answer: Any, empty: type[Any]) -> Any:
    """The raw message of an `include_raw` answer (an empty one when there is none, which will not parse)."""
    raw = answer.get("raw") if isinstance(answer, dict) else None
    return raw if raw is not None else empty(content="")
