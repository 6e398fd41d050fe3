from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from salesbot.analysis.offline import OfflineCallAnalyst
from salesbot.models import Call, CallStatus, Outcome, ScriptOptions, Sentiment, Speaker, Utterance
from salesbot.scripts.offline import OfflineScriptWriter
from salesbot.telephony.conversation import plan_conversation
from tests.unit.test_offline_writer import make_customer

T0 = datetime(2026, 11, 24, 10, tzinfo=UTC)


def call_with(lines: list[tuple[Speaker, str]]) -> Call:
    utterances = [
        Utterance(id=str(i), speaker=s, text=t, at=T0 + timedelta(seconds=i)) for i, (s, t) in enumerate(lines)
    ]
    return Call(
        id=1, customer_id=7, script_id=1, phone_e164="+919876543210", provider="simulated", attempt_key="k",
        status=CallStatus.COMPLETED, utterances=utterances, created_at=T0,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("last_words", "outcome"),
    [
        ("Thursday works for me. Let's do it.", Outcome.INTERESTED),
        ("I don't think we're ready for that yet. Send me some information first.", Outcome.FOLLOW_UP),
        ("We're not interested, thanks.", Outcome.NOT_INTERESTED),
    ],
)
def test_outcome_from_the_customer_s_last_words(last_words: str, outcome: Outcome) -> None:
    call = call_with([(Speaker.AGENT, "Hello Asha, can we book Thursday?"), (Speaker.CUSTOMER, last_words)])
    assert OfflineCallAnalyst().analyse(call, make_customer()).outcome is outcome


def test_no_words_is_no_answer_and_a_greeting_machine_is_voicemail() -> None:
    analyst = OfflineCallAnalyst()
    assert analyst.analyse(call_with([]), make_customer()).outcome is Outcome.NO_ANSWER
    machine = call_with(
        [(Speaker.AGENT, "The person you are calling is not available. Leave a message after the tone.")]
    )
    assert analyst.analyse(machine, make_customer()).outcome is Outcome.VOICEMAIL


def test_topic_coverage_quotes_the_line_that_covered_it() -> None:
    customer = make_customer(topics=["Pricing", "CRM integration", "Office party"])
    script = OfflineScriptWriter("Maya", "Acme", "Salesbot", chunk_delay_s=0).compose(customer, ScriptOptions())
    plan = plan_conversation(customer, script, "s")
    call = call_with([(line.speaker, line.text) for line in plan])
    analysis = OfflineCallAnalyst().analyse(call, customer)
    by_topic = {t.topic: t for t in analysis.topics}
    assert by_topic["CRM integration"].covered and "CRM" in (by_topic["CRM integration"].quote or "")
    assert by_topic["Pricing"].quote in [line.text for line in plan]
    assert "Office party" in analysis.summary or by_topic["Office party"].covered


def test_sentiment_follows_the_customer_s_words() -> None:
    happy = call_with([(Speaker.CUSTOMER, "That sounds great, I love it. Let's do it.")])
    upset = call_with([(Speaker.CUSTOMER, "It's too expensive, budget is tight and we're not interested.")])
    assert OfflineCallAnalyst().analyse(happy, make_customer()).sentiment is Sentiment.POSITIVE
    assert OfflineCallAnalyst().analyse(upset, make_customer()).sentiment is Sentiment.NEGATIVE


def test_same_transcript_same_analysis() -> None:
    call = call_with([(Speaker.AGENT, "Hi"), (Speaker.CUSTOMER, "Let's do it.")])
    assert OfflineCallAnalyst().analyse(call, make_customer()) == OfflineCallAnalyst().analyse(call, make_customer())
