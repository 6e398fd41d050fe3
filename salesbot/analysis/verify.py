"""An analysis held to its call: talk time counted from the lines, and every quote checked verbatim against them."""

from __future__ import annotations

from salesbot.analysis.evidence import Transcript, lines_of, machine_lines, normal, sentences
from salesbot.models import (
    LINE_BUSY,
    Call,
    CallAnalysis,
    Coverage,
    Evidence,
    Outcome,
    Sentiment,
    Speaker,
    TalkTime,
    TopicCoverage,
)


def talk_time(call: Call) -> TalkTime:
    """Words said by each side and the questions the agent asked. A person's greeting counts; a voicemail greeting is
    the machine, not the customer, and counts for nobody."""
    lines = lines_of(call)
    machine = machine_lines(lines)
    return TalkTime(
        agent_words=sum(len(ln.text.split()) for ln in lines if ln.speaker is Speaker.AGENT),
        customer_words=sum(
            len(ln.text.split()) for ln in lines if ln.speaker is Speaker.CUSTOMER and ln.index not in machine
        ),
        agent_questions=sum(
            1 for ln in lines if ln.speaker is Speaker.AGENT for s in sentences(ln.text) if s.rstrip().endswith("?")
        ),
    )


def verified(analysis: CallAnalysis, call: Call, context: set[str] | None = None) -> CallAnalysis:
    """The analysis with every quote that is not verbatim in the transcript (or is recap, agenda or close) dropped.

    `context` holds the normalised agent sentences that are never evidence (worked out here when not given). A covered topic needs a customer quote
    left, a raised one an agent quote; otherwise the topic steps down to what its evidence shows.
    """
    lines = lines_of(call)
    if context is None:
        context = Transcript(call, [t.topic for t in analysis.topics]).context

    def find(text: str, speaker: str | None) -> Evidence | None:
        quote = normal(text)
        if not quote or any(quote in c or c in quote for c in context):
            return None
        for line in lines:
            if (speaker is None or line.speaker.value == speaker) and quote in normal(line.text):
                return Evidence(speaker=line.speaker.value, text=quote, at=line.at)
        return None

    topics = []
    for t in analysis.topics:
        evidence = [e for e in (find(q.text, q.speaker) for q in t.evidence) if e is not None]
        status = t.status
        if status is Coverage.COVERED and not any(e.speaker == Speaker.CUSTOMER.value for e in evidence):
            status = Coverage.RAISED if evidence else Coverage.NOT_COVERED
        if status is Coverage.RAISED and not evidence:
            status = Coverage.NOT_COVERED
        topics.append(TopicCoverage(topic=t.topic, status=status, evidence=evidence if status != "not_covered" else []))
    objections = []
    for o in analysis.objections:
        found = find(o.quote, Speaker.CUSTOMER.value)
        if found is not None:
            objections.append(o.model_copy(update={"quote": found.text, "at": found.at}))
    step = analysis.next_step
    if step is not None and step.quote:
        found = find(step.quote, None)
        step = step.model_copy(update={"quote": found.text if found else "", "at": found.at if found else None})
    if step is not None and step.evidence:
        step = step.model_copy(
            update={"evidence": [e for e in (find(q.text, q.speaker) for q in step.evidence) if e is not None]}
        )
    # Sentiment is a person's: none is given when nobody engaged, and a person who engaged always has one.
    sentiment = analysis.sentiment
    # A busy line is what the provider said, not something lines could tell (there are none): busy whoever read them,
    # and never busy otherwise (so a busy call is always a failed one, never counted as connected by any store).
    outcome = Outcome.BUSY if call.error_message == LINE_BUSY else analysis.outcome
    if outcome is Outcome.BUSY and call.error_message != LINE_BUSY:
        outcome = Outcome.NO_ANSWER
    if not outcome.connected:
        sentiment = Sentiment.NOT_GIVEN
    elif sentiment is Sentiment.NOT_GIVEN:
        sentiment = Sentiment.NEUTRAL
    update = {"outcome": outcome, "topics": topics, "objections": objections, "next_step": step, "sentiment": sentiment}
    return analysis.model_copy(update=update)
