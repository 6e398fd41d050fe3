"""The offline analyser: one test per outcome, objection kind and evidence rule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from salesbot.analysis.offline import OfflineCallAnalyst
from salesbot.analysis.verify import verified
from salesbot.models import (
    LINE_BUSY,
    CallAnalysis,
    CallStatus,
    Coverage,
    ObjectionKind,
    Outcome,
    Sentiment,
    Speaker,
    call_shown_status,
    shown_status,
)
from tests.builders import a_call, a_customer, an_analysis

T0 = datetime(2026, 11, 24, 10, tzinfo=UTC)
A, C, S = Speaker.AGENT, Speaker.CUSTOMER, Speaker.SYSTEM
OPEN = [(A, "Hi Asha, this is Maya from Acme Cloud. Is now a good time?"), (C, "Yes, go ahead, I have a few minutes.")]
PROPOSE = (A, "Could we book a thirty-minute walkthrough on Thursday at 3 pm?")


def analyse(lines: list[tuple[Speaker, str]], topics: list[str] | None = None, **kw: CallStatus) -> CallAnalysis:
    customer = a_customer(topics=topics or ["Pricing", "CRM integration"])
    return OfflineCallAnalyst().analyse(a_call(lines, first=2, started_at=T0, **kw), customer)


@pytest.mark.parametrize(
    ("last_words", "outcome"),
    [
        ("Thursday at 3 works for me. Send the invite.", Outcome.MEETING_BOOKED),
        ("Sounds interesting. Email me the details and I'll read them.", Outcome.INTERESTED),
        ("Not this week. Call me back next month and we'll see.", Outcome.FOLLOW_UP),
        ("We're not interested, thanks.", Outcome.NOT_INTERESTED),
        ("Please take me off your list and don't call me again.", Outcome.DO_NOT_CALL),
        ("मुझे दोबारा फ़ोन मत करना।", Outcome.DO_NOT_CALL),
        ("गुरुवार ठीक है, मीटिंग बुक कर दीजिए।", Outcome.MEETING_BOOKED),
    ],
)
def test_outcome_from_what_the_customer_decided(last_words: str, outcome: Outcome) -> None:
    assert analyse([*OPEN, PROPOSE, (C, last_words)]).outcome is outcome


def test_the_last_decision_wins_but_do_not_call_wins_everywhere() -> None:
    changed_mind = [*OPEN, (C, "Honestly, we're not interested."), PROPOSE, (C, "Fine, Thursday works. Book it.")]
    assert analyse(changed_mind).outcome is Outcome.MEETING_BOOKED
    cooled = [*OPEN, PROPOSE, (C, "That works for me."), (A, "Great."), (C, "Actually no, we're not interested.")]
    assert analyse(cooled).outcome is Outcome.NOT_INTERESTED
    angry = [*OPEN, (C, "Stop calling me."), PROPOSE, (C, "Thursday works for me.")]
    assert analyse(angry).outcome is Outcome.DO_NOT_CALL


def test_nobody_a_machine_and_a_greeting_only_are_not_conversations() -> None:
    assert analyse([], status=CallStatus.FAILED).outcome is Outcome.NO_ANSWER
    machine = [(C, "Hi, you've reached Asha. Please leave a message after the beep."),
               (A, "Hi Asha, Maya from Acme here about pricing and CRM integration. I'll call again.")]  # fmt: skip
    voicemail = analyse(machine)
    assert voicemail.outcome is Outcome.VOICEMAIL and voicemail.sentiment is Sentiment.NOT_GIVEN
    assert all(t.status is Coverage.NOT_COVERED and not t.evidence for t in voicemail.topics)
    stopped = analyse(
        [(A, "Hello Asha, this is Maya from Acme Cloud."), (C, "Hi, speaking.")], status=CallStatus.STOPPED
    )
    assert stopped.outcome is Outcome.INCOMPLETE and stopped.next_step is None


def test_a_topic_is_covered_by_the_exchange_quoted_with_its_times() -> None:
    pricing = analyse([*OPEN, (A, "How are you budgeting for this?"), (C, "We set aside a small budget.")]).topics[0]
    assert pricing.status is Coverage.COVERED
    assert [(e.speaker, e.text, e.at) for e in pricing.evidence] == [
        ("agent", "How are you budgeting for this?", 12.0), ("customer", "We set aside a small budget.", 17.0)
    ]  # fmt: skip


def test_a_topic_the_customer_raises_is_covered_by_their_words() -> None:
    said = "Before you go on, what would this set us back per month?"
    pricing = analyse([*OPEN, (A, "Tell me about your team."), (C, said)]).topics[0]
    assert pricing.status is Coverage.COVERED and pricing.evidence[0].text == said


def test_recap_agenda_and_closing_summary_are_never_evidence() -> None:
    lines = [
        (A, "Hi Asha, this is Maya. Today I'd like to talk about pricing and CRM integration."),
        (C, "Okay."),
        (A, "When we last spoke, you mentioned that budget was tight. How big is the team now?"),
        (C, "About twenty people across two offices."),
        (A, "Great. I'll send a summary covering pricing and CRM integration."),
    ]
    result = analyse(lines)
    assert [t.status for t in result.topics] == [Coverage.NOT_COVERED, Coverage.NOT_COVERED]
    assert "Discussed" not in result.summary and "Not reached: Pricing and CRM integration." in result.summary


def test_a_deflected_or_unanswered_topic_is_raised_not_discussed() -> None:
    deflected = analyse([*OPEN, (A, "Which CRM do you use today?"), (C, "Let's not get into that right now.")])
    assert deflected.topics[1].status is Coverage.RAISED
    assert [e.text for e in deflected.topics[1].evidence] == [  # the raise and the line that turned it aside
        "Which CRM do you use today?",
        "Let's not get into that right now.",
    ]
    switched = analyse([*OPEN, (A, "Which CRM do you use today?"), (C, "Forget that, what does it cost?")])
    assert [t.status for t in switched.topics] == [Coverage.COVERED, Coverage.RAISED]
    hung_up = analyse([*OPEN, (A, "How do you price deals today?"), (S, "The customer hung up.")])
    assert hung_up.topics[0].status is Coverage.RAISED and hung_up.topics[1].status is Coverage.NOT_COVERED


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("Honestly, it sounds expensive for us.", ObjectionKind.PRICE),
        ("Our budget is tight this year.", ObjectionKind.PRICE),
        ("The timing isn't great, we're in our busy season.", ObjectionKind.TIMING),
        ("We already use another tool for this.", ObjectionKind.COMPETITOR),
        ("I'd need to check with my manager first.", ObjectionKind.AUTHORITY),
        ("We don't really need it, we do it all manually.", ObjectionKind.NO_NEED),
        ("यह बहुत महंगा है।", ObjectionKind.PRICE),
    ],
)
def test_each_objection_kind_with_the_customer_s_words(said: str, kind: ObjectionKind) -> None:
    result = analyse([*OPEN, (A, "What do you think?"), (C, said)])
    assert [o.kind for o in result.objections] == [kind]
    assert said.startswith(result.objections[0].quote) and result.objections[0].at == 17.0


def test_what_is_not_an_objection() -> None:
    lines = [*OPEN, (A, "Is price a concern?"), (C, "Price isn't an issue for us."),
             (A, "And you'd like to see it working?"), (C, "Would it work with the tools we already have?")]  # fmt: skip
    assert analyse(lines).objections == []
    assert analyse([*OPEN, (A, "I know budget was tight, you said."), (C, "Yes, go on.")]).objections == []


def test_next_step_carries_what_and_when_as_said() -> None:
    booked = analyse([*OPEN, PROPOSE, (C, "Thursday at 3 pm works for me.")])
    assert booked.next_step is not None
    assert (booked.next_step.action, booked.next_step.when) == ("walkthrough", "Thursday at 3 pm")
    later = analyse([*OPEN, (A, "Shall I call another time?"), (C, "Call me back next month, after the 15th.")])
    assert (
        later.outcome is Outcome.FOLLOW_UP
        and later.next_step is not None
        and later.next_step.when == "next month, after the 15th"
    )
    vague = analyse([*OPEN, (A, "Shall I call another time?"), (C, "Call me back sometime.")])
    assert vague.outcome is Outcome.FOLLOW_UP and vague.next_step is None
    assert analyse([*OPEN, PROPOSE, (C, "We're not interested.")]).next_step is None


def test_talk_time_counts_words_and_the_agent_s_questions() -> None:
    talk = analyse([(A, "Hi Asha. Is now a good time? Which CRM do you use?"), (C, "Zoho, mostly.")]).talk
    assert (talk.agent_words, talk.customer_words, talk.agent_questions) == (12, 2, 2)
    assert talk.agent_share == round(12 / 14, 3)


def test_sentiment_is_the_customer_s() -> None:
    happy = [(A, "This is terrible weather, sorry for the bad line."), (C, "No worries! That sounds great, I love it.")]
    assert analyse([*OPEN, *happy, PROPOSE, (C, "Thursday works.")]).sentiment is Sentiment.POSITIVE
    upset = [*OPEN, (A, "Wonderful, great, perfect!"), (C, "It's too expensive and frankly a waste of my time.")]
    assert analyse([*upset, (C, "Not interested.")]).sentiment is Sentiment.NEGATIVE


def test_same_transcript_same_analysis_and_every_quote_is_verbatim() -> None:
    lines = [*OPEN, (A, "How do you price deals?"), (C, "Budget is tight, honestly."), PROPOSE, (C, "Book it.")]
    first, second = analyse(lines), analyse(lines)
    assert first == second
    quotes = [e.text for t in first.topics for e in t.evidence] + [o.quote for o in first.objections]
    assert quotes and all(any(q in text for _, text in lines) for q in quotes)


def test_analyses_stored_by_the_first_release_still_load() -> None:
    old = {"summary": "s", "outcome": "interested", "sentiment": "positive", "next_step": "Send the invite.",
           "topics": [{"topic": "Pricing", "covered": True, "quote": "Pricing, CRM and onboarding."}]}  # fmt: skip
    loaded = CallAnalysis.model_validate(old)
    assert loaded.recommendation == "Send the invite." and loaded.next_step is None
    assert loaded.topics[0].status is Coverage.COVERED and loaded.topics[0].evidence == []


def test_a_busy_line_is_busy_whoever_reads_the_call() -> None:
    call = a_call(status=CallStatus.FAILED, error_message=LINE_BUSY)
    analysis = OfflineCallAnalyst().analyse(call, a_customer())
    assert analysis.outcome is Outcome.BUSY and analysis.sentiment is Sentiment.NOT_GIVEN
    assert "busy" in analysis.summary and "busy" in analysis.recommendation
    read_by_a_model = verified(an_analysis(Outcome.NO_ANSWER), call)  # the LLM's answer is held to the call too
    assert read_by_a_model.outcome is Outcome.BUSY
    assert call_shown_status(call) == "busy" and shown_status(CallStatus.FAILED, "busy") == "busy"
    assert not Outcome.BUSY.connected and Outcome.BUSY.label == "busy"
