"""What the LLM analyser asks the model to fill in (OpenAI's strict structured-output shape), and reading it back
into the stored, quote-checked CallAnalysis."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from salesbot.analysis.verify import talk_time, verified
from salesbot.errors import AnalysisError
from salesbot.llm.think import strip_think
from salesbot.models import (
    Call,
    CallAnalysis,
    Coverage,
    Evidence,
    NextStep,
    ObjectionKind,
    Outcome,
    RaisedObjection,
    Sentiment,
    TopicCoverage,
)

RESPONSE_FORMAT_NAME = "call_analysis"


# What the model fills in, shaped for OpenAI's strict mode
# (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas): every object closed
# (`extra="forbid"` gives `additionalProperties: false`), every field required (no defaults, so no `default`
# keyword either), "no next step" as a union with null. Who analysed the call is the app's to say, not the model's.
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EvidenceFilled(_Strict):
    speaker: Literal["agent", "customer"]
    text: str = Field(description="copied word for word from the transcript")


class TopicFilled(_Strict):
    topic: str
    status: Coverage
    evidence: list[EvidenceFilled] = Field(description="the exchange that discussed it; empty when not covered")


class ObjectionFilled(_Strict):
    kind: ObjectionKind
    quote: str = Field(description="the customer's words, copied word for word")


class NextStepFilled(_Strict):
    action: str
    when: str = Field(description="the date and time words as said; empty if none")
    quote: str = Field(description="the line that agreed it, copied word for word")


class AnalysisFilled(_Strict):
    """What happened on a sales call, read strictly from its transcript."""

    summary: str = Field(description="two or three sentences")
    outcome: Outcome
    sentiment: Sentiment
    topics: list[TopicFilled]
    objections: list[ObjectionFilled]
    next_step: NextStepFilled | None = Field(description="the next step agreed on the call; null if none")
    recommendation: str = Field(description="what the sales team should do next, one sentence")

    def to_call_analysis(self, analyst: str, call: Call) -> CallAnalysis:
        """The stored analysis, signed by the analyser that asked for it, its quotes checked against the call."""
        step = self.next_step
        analysis = CallAnalysis(
            summary=self.summary,
            outcome=self.outcome,
            sentiment=self.sentiment,
            topics=[
                TopicCoverage(
                    topic=t.topic,
                    status=t.status,
                    evidence=[Evidence(speaker=e.speaker, text=e.text) for e in t.evidence],
                )
                for t in self.topics
            ],
            objections=[RaisedObjection(kind=o.kind, quote=o.quote) for o in self.objections],
            next_step=NextStep(action=step.action, when=step.when, quote=step.quote) if step else None,
            recommendation=self.recommendation,
            talk=talk_time(call),
            analyst=analyst,
        )
        return verified(analysis, call)


def analysis_response_format() -> dict[str, Any]:
    """The `json_schema` the model must answer in, sent as it is (strict), whatever langchain-openai's defaults."""
    return {"name": RESPONSE_FORMAT_NAME, "strict": True, "schema": AnalysisFilled.model_json_schema()}


def read_analysis(answer: Any) -> AnalysisFilled:
    """The model's answer (`include_raw` form) parsed after dropping any `<think>…</think>` block."""
    raw = answer.get("raw") if isinstance(answer, dict) else None
    if raw is None:
        raise AnalysisError("The language model returned no analysis. Re-run it.")
    if raw.additional_kwargs.get("refusal"):
        raise AnalysisError("The language model declined to analyse this call. Re-run it, or analyse it offline.")
    try:
        return AnalysisFilled.model_validate_json(strip_think(text_of(raw.content)))
    except ValidationError as e:
        raise AnalysisError("The language model returned an analysis in the wrong shape. Re-run it.") from e


def text_of(content: str | list[Any]) -> str:
    if isinstance(content, str):
        return content
    return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content)
