"""What an analysis says about a call: outcome, sentiment, topic coverage with evidence, objections, next step."""

from __future__ import annotations

import enum
from typing import Any

from pydantic import Field, model_validator

from salesbot.models.base import FrozenModel


class Outcome(enum.StrEnum):
    """How a call ended, one taxonomy for both analysers, the filters, the KPIs and the exports."""

    MEETING_BOOKED = "meeting_booked"  # a concrete next meeting agreed
    INTERESTED = "interested"
    FOLLOW_UP = "follow_up"  # asked to be contacted later
    NOT_INTERESTED = "not_interested"
    DO_NOT_CALL = "do_not_call"  # asked not to be called again
    VOICEMAIL = "voicemail"
    NO_ANSWER = "no_answer"
    BUSY = "busy"  # the line was busy: the provider said so, nobody was reached
    INCOMPLETE = "incomplete"  # ended or stopped before the customer engaged

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @property
    def connected(self) -> bool:
        """Did a person engage with the agent."""
        return self not in {Outcome.VOICEMAIL, Outcome.NO_ANSWER, Outcome.BUSY, Outcome.INCOMPLETE}


class Sentiment(enum.StrEnum):
    """How the customer (not the agent) came across; not given when no person engaged (voicemail, no answer,
    only greetings): a machine's greeting has no sentiment, and "neutral" would claim a person who was neither."""

    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"
    NOT_GIVEN = "not_given"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Coverage(enum.StrEnum):
    COVERED = "covered"  # the agent raised it and the customer responded, or the customer raised it
    RAISED = "raised_not_discussed"  # the agent raised it; the customer deflected, changed the subject or hung up
    NOT_COVERED = "not_covered"  # never reached (an agenda, recap or closing summary does not count)

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").replace(" not", ", not")


class ObjectionKind(enum.StrEnum):
    PRICE = "price"
    TIMING = "timing"
    COMPETITOR = "competitor"
    AUTHORITY = "authority"
    NO_NEED = "no_need"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Evidence(FrozenModel):
    """A line of the transcript, quoted verbatim (a whole line or one of its sentences), with its time."""

    speaker: str = Field(description="agent or customer")
    text: str = Field(description="the words exactly as in the transcript")
    at: float | None = Field(default=None, description="seconds after the call started")


class TopicCoverage(FrozenModel):
    topic: str
    status: Coverage
    evidence: list[Evidence] = Field(default_factory=list)

    @property
    def covered(self) -> bool:
        return self.status is Coverage.COVERED

    @model_validator(mode="before")
    @classmethod
    def _from_first_release(cls, data: Any) -> Any:
        """Analyses stored before evidence existed had `covered` and an unchecked `quote`; the quote is not kept."""
        if isinstance(data, dict) and "status" not in data and "covered" in data:
            data = {"topic": data.get("topic", ""), "status": "covered" if data["covered"] else "not_covered"}
        return data


class RaisedObjection(FrozenModel):
    kind: ObjectionKind
    quote: str = Field(description="the customer's words, verbatim")
    at: float | None = None


class NextStep(FrozenModel):
    """The next step both sides agreed on the call."""

    action: str = Field(description="what was agreed, e.g. a walkthrough, a call back, an email")
    when: str = Field(default="", description="the date and time words as said, e.g. 'Thursday at 3 pm'")
    quote: str = Field(default="", description="the line that agreed it, verbatim")
    at: float | None = None
    evidence: list[Evidence] = Field(
        default_factory=list, description="the proposal and its acceptance, each verbatim with its speaker and time"
    )


class TalkTime(FrozenModel):
    agent_words: int = 0
    customer_words: int = 0
    agent_questions: int = 0
    agent_share: float = Field(default=0.0, description="the agent's share of the words spoken (0 when nobody spoke)")

    @model_validator(mode="before")
    @classmethod
    def _share(cls, data: Any) -> Any:
        """The share always follows from the word counts, whatever was stored or sent."""
        if isinstance(data, dict):
            agent, customer = int(data.get("agent_words", 0)), int(data.get("customer_words", 0))
            data = {**data, "agent_share": round(agent / (agent + customer), 3) if agent + customer else 0.0}
        return data


class CallAnalysis(FrozenModel):
    """What happened on a call, every quote checked against the transcript."""

    summary: str = Field(description="two or three sentences")
    outcome: Outcome
    sentiment: Sentiment
    topics: list[TopicCoverage]
    objections: list[RaisedObjection] = Field(default_factory=list)
    next_step: NextStep | None = None
    recommendation: str = Field(default="", description="what the team should do next, one sentence")
    talk: TalkTime = Field(default_factory=TalkTime)
    analyst: str = Field(default="offline", description="which analyser produced this")

    @property
    def objection_kinds(self) -> list[ObjectionKind]:
        return sorted({o.kind for o in self.objections}, key=list(ObjectionKind).index)

    @model_validator(mode="before")
    @classmethod
    def _from_first_release(cls, data: Any) -> Any:
        """The first release stored the recommendation as a string `next_step`."""
        if isinstance(data, dict) and isinstance(data.get("next_step"), str):
            data = {**data, "recommendation": data.get("recommendation") or data["next_step"], "next_step": None}
        return data
