"""The analysis never flatters (issue 22, docs/analysis.md): a topic is covered only when the customer engaged with it,
a next step is agreed only when a proposal was accepted, and a voicemail greeting is not the customer. Both analysers:
the offline rules directly, the LLM analyser through the checks every answer goes through (`to_call_analysis`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from salesbot.analysis.evidence import takes_up
from salesbot.analysis.lexicon import topic_matcher
from salesbot.analysis.llm_answer import AnalysisFilled
from salesbot.analysis.offline import OfflineCallAnalyst, accepts
from salesbot.cli.transcript_file import read_transcript
from salesbot.llm.prompts import ANALYSIS_SYSTEM
from salesbot.models import CallAnalysis, Coverage, Outcome, Sentiment, Speaker
from tests.builders import a_call, a_customer

T0 = datetime(2026, 11, 24, 10, tzinfo=UTC)
A, C, S = Speaker.AGENT, Speaker.CUSTOMER, Speaker.SYSTEM
OPEN = [(A, "Hi Ravi, this is Sam from Acme Cloud. Do you have a minute?"), (C, "Sure, what's this about?")]
BRUSHOFFS = Path(__file__).resolve().parents[1] / "data" / "transcripts" / "brushoffs"


def analyse(lines: list[tuple[Speaker, str]], topics: list[str] | None = None) -> CallAnalysis:
    customer = a_customer(topics=topics or ["Pricing", "CRM integration"])
    return OfflineCallAnalyst().analyse(a_call(lines, first=2, started_at=T0), customer)


# -- topics: covered only when the customer engaged ------------------------------------------------------------------


@pytest.mark.parametrize(
    "brush_off",
    [
        "Sorry, I've got another call coming in. Call me again in two weeks.",
        "Sorry, I have to stop you there. Just email me the one-pager.",
        "I'm driving. Just send me an email.",
        "Let's not get into that right now.",
        "Hang on, who gave you my number?",
        "अभी उसकी बात छोड़िए।",
    ],
)
def test_a_topic_put_off_is_raised_with_the_line_that_put_it_off(brush_off: str) -> None:
    result = analyse([*OPEN, (A, "Does your team keep its deals in Zoho CRM today?"), (C, brush_off)])
    crm = result.topics[1]
    assert crm.status is Coverage.RAISED
    assert [(e.speaker, e.text) for e in crm.evidence] == [
        ("agent", "Does your team keep its deals in Zoho CRM today?"),
        ("customer", brush_off),
    ]
    assert result.topics[0].status is Coverage.NOT_COVERED  # nobody mentioned pricing


def test_the_issue_s_zoho_and_hindi_examples_are_raised_not_covered() -> None:
    zoho = analyse(
        [*OPEN, (A, "Does your team use Zoho CRM today?"), (C, "Sorry, I've got another call coming in. Call me again in two weeks.")],
        ["Integration: Zoho CRM", "Hindi language support"],
    )  # fmt: skip
    assert [t.status for t in zoho.topics] == [Coverage.RAISED, Coverage.NOT_COVERED]
    hindi = analyse(
        [*OPEN, (A, "Our assistant also speaks Hindi. Would that matter to your team?"),
         (C, "Sorry, I have to stop you there... email me the one-pager.")],
        ["Hindi language support"],
    )  # fmt: skip
    assert hindi.topics[0].status is Coverage.RAISED


def test_a_topic_named_by_its_subject_is_not_covered_by_talk_of_its_kind() -> None:
    """'Hindi language support' was covered in every call that talked about support; it is Hindi that covers it."""
    hindi, whatsapp = topic_matcher("Hindi language support"), topic_matcher("WhatsApp integration")
    assert not hindi("What does your support look like on weekends?") and hindi("Do you support Hindi?")
    assert not whatsapp("Does it integrate with Salesforce?") and whatsapp("Can it send WhatsApp messages?")
    result = analyse(
        [*OPEN, (A, "What support do you get from your current vendor?"), (C, "Email only, and slow.")],
        ["Hindi language support", "Support hours"],
    )
    assert [t.status for t in result.topics] == [Coverage.NOT_COVERED, Coverage.COVERED]


def test_answering_asking_or_raising_covers_a_topic() -> None:
    answered = analyse([*OPEN, (A, "Which CRM do you use?"), (C, "HubSpot, and the notes never get there.")])
    asked = analyse([*OPEN, (A, "We log calls for sales teams."), (C, "Does it work with Salesforce?")])
    raised = analyse([*OPEN, (A, "How do you log calls today?"), (C, "By hand. Let's not talk price yet. Does it sync to HubSpot?")])  # fmt: skip
    assert answered.topics[1].status is asked.topics[1].status is raised.topics[1].status is Coverage.COVERED
    assert raised.topics[0].status is Coverage.NOT_COVERED  # a deflecting sentence does not raise a topic


def test_a_brush_off_takes_nothing_up_for_the_simulator_s_truth_too() -> None:
    matchers = {t: topic_matcher(t) for t in ["WhatsApp integration", "Pricing"]}
    assert not takes_up("I'm driving. Just send me an email.", "WhatsApp integration", matchers, asked=False)
    assert not takes_up("बस ईमेल कर दीजिए।", "WhatsApp integration", matchers, asked=True)
    for gone in ("hes not in the office now lah", "वो अभी ऑफ़िस में नहीं हैं।", "thursday thursday. bye", "गुरुवार गुरुवार। बाय"):
        assert not takes_up(gone, "WhatsApp integration", matchers, asked=True), gone
    assert takes_up("Yes, most of our orders come in on WhatsApp.", "WhatsApp integration", matchers, asked=True)


# -- next step: a proposal accepted -----------------------------------------------------------------------------------

PROPOSAL = "Shall I put the numbers together and call you next Tuesday at 11?"


def test_a_proposal_of_a_time_accepted_is_an_agreed_next_step_with_both_lines() -> None:
    result = analyse([*OPEN, (A, "Our plans start at 20 dollars a seat."), (C, "That's fair."), (A, PROPOSAL),
                      (C, "Sure, Tuesday at 11 works.")])  # fmt: skip
    assert result.outcome is Outcome.FOLLOW_UP
    step = result.next_step
    assert step is not None and (step.action, step.when, step.quote) == (
        "call back",
        "Tuesday at 11",
        "Sure, Tuesday at 11 works.",
    )
    assert [(e.speaker, e.text) for e in step.evidence] == [
        ("agent", PROPOSAL),
        ("customer", "Sure, Tuesday at 11 works."),
    ]
    assert "agreed to a call back" in result.summary and "Next step: call back (Tuesday at 11)." in result.summary


@pytest.mark.parametrize("reply", ["Okay.", "हाँ, ठीक है, मंगलवार ग्यारह बजे चलेगा।", "Haan, theek hai, chalega."])
def test_a_bare_yes_to_a_timed_proposal_agrees_it(reply: str) -> None:
    result = analyse([*OPEN, (A, "Which CRM do you use?"), (C, "HubSpot."), (A, PROPOSAL), (C, reply)])
    assert result.outcome is Outcome.FOLLOW_UP and result.next_step is not None
    assert result.next_step.when in {"next Tuesday at 11", "मंगलवार ग्यारह बजे"}


@pytest.mark.parametrize(
    "reply",
    ["No, Tuesday's no good.", "Tuesday doesn't work for me.", "Sure, but can you do Thursday instead?",
     "Maybe. I'll let you know.", "Not yet, let me check with my manager first.", "No. Take me off your list."],
)  # fmt: skip
def test_a_proposal_declined_moved_or_left_open_agrees_nothing(reply: str) -> None:
    assert not accepts(PROPOSAL, reply)
    result = analyse([*OPEN, (A, "Which CRM do you use?"), (C, "HubSpot."), (A, PROPOSAL), (C, reply)])
    assert result.next_step is None and result.outcome is not Outcome.FOLLOW_UP


def test_an_untimed_offer_to_send_something_is_no_next_step() -> None:
    assert not accepts("Shall I send you the deck?", "Sure.")
    result = analyse(
        [*OPEN, (A, "Which CRM do you use?"), (C, "HubSpot."), (A, "Shall I send you the deck?"), (C, "Sure.")]
    )
    assert result.next_step is None


def test_the_customer_moves_the_time_and_the_agent_accepts() -> None:
    result = analyse([*OPEN, (A, "Would Wednesday at 10 work for a walkthrough?"),
                      (C, "Wednesday's packed. Can you do Thursday at 4 instead?"),
                      (A, "Thursday at 4 it is. I'll send the invite now.")])  # fmt: skip
    assert result.outcome is Outcome.MEETING_BOOKED and result.next_step is not None
    assert result.next_step.when == "Thursday at 4"
    assert [e.speaker for e in result.next_step.evidence] == ["customer", "agent"]


# -- voicemail: the greeting is not the customer ----------------------------------------------------------------------

GREETING = [(C, "Hi, you've reached Priya Nair at Sunrise Traders."),
            (C, "I can't take your call right now, please leave a message after the beep.")]  # fmt: skip


def test_a_voicemail_greeting_counts_for_nobody_and_has_no_sentiment() -> None:
    result = analyse([*GREETING, (A, "Hi Priya, Sam from Acme Cloud about your CRM. I'll try again Thursday at 11.")])
    assert result.outcome is Outcome.VOICEMAIL and result.sentiment is Sentiment.NOT_GIVEN
    assert result.talk.customer_words == 0 and result.talk.agent_words > 0 and result.talk.agent_share == 1.0
    assert all(t.status is Coverage.NOT_COVERED for t in result.topics) and result.next_step is None


def test_a_person_s_greeting_still_counts_and_unconnected_calls_give_no_sentiment() -> None:
    person = analyse([*OPEN, (A, "Which CRM do you use?"), (C, "HubSpot, and it works well.")])
    assert person.talk.customer_words == 4 + 5 and person.sentiment is not Sentiment.NOT_GIVEN
    hello = analyse([(C, "Hello?"), (S, "The call ended.")])
    assert hello.outcome is Outcome.INCOMPLETE and hello.sentiment is Sentiment.NOT_GIVEN
    assert Sentiment.NOT_GIVEN.label == "not given"


# -- the LLM analyser is held to the same rules -----------------------------------------------------------------------


def _llm(answer: dict[str, object], lines: list[tuple[Speaker, str]]) -> CallAnalysis:
    base = {"summary": "s", "outcome": "interested", "sentiment": "neutral", "topics": [], "objections": [],
            "next_step": None, "recommendation": "r"}  # fmt: skip
    return AnalysisFilled.model_validate({**base, **answer}).to_call_analysis("llm", a_call(lines, started_at=T0))


def test_the_llm_s_flattering_voicemail_is_corrected() -> None:
    lines = [*GREETING, (A, "Hi Priya, Sam from Acme Cloud. I'll try again later.")]
    result = _llm({"outcome": "voicemail", "sentiment": "neutral"}, lines)
    assert result.sentiment is Sentiment.NOT_GIVEN and result.talk.customer_words == 0
    connected = _llm({"sentiment": "not_given"}, [*OPEN, (A, "Which CRM?"), (C, "HubSpot.")])
    assert connected.sentiment is Sentiment.NEUTRAL  # a person who engaged always has a sentiment


def test_the_llm_s_covered_topic_without_a_customer_quote_steps_down() -> None:
    lines = [*OPEN, (A, "Does your team use Zoho CRM today?"), (C, "Sorry, I've got another call coming in.")]
    topic = {"topic": "CRM integration", "status": "covered",
             "evidence": [{"speaker": "agent", "text": "Does your team use Zoho CRM today?"},
                          {"speaker": "customer", "text": "Yes, Zoho, and we love it."}]}  # fmt: skip
    result = _llm({"topics": [topic]}, lines)
    assert result.topics[0].status is Coverage.RAISED  # the invented customer quote is dropped


def test_the_llm_prompt_states_the_rules() -> None:
    for rule in ("not_given", "voicemail greeting", "send me an email", "covered only when the customer engaged",
                 "proposed a time", "Sure, Tuesday at 11 works."):  # fmt: skip
        assert rule in ANALYSIS_SYSTEM


# -- the hand-labelled brush-offs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(BRUSHOFFS.glob("*.json")), ids=lambda p: p.stem)
def test_brush_off_transcripts_get_their_outcome_and_next_step_and_never_a_flattering_topic(path: Path) -> None:
    labels = json.loads(path.read_text(encoding="utf-8"))["labels"]
    transcript = read_transcript(path)
    result = OfflineCallAnalyst().analyse(transcript.call(), transcript.customer())
    assert result.outcome.value == labels["outcome"]
    assert (result.next_step is not None) == labels["next_step_agreed"]
    flattering = [t.topic for t in result.topics if t.covered and labels["topics"][t.topic] != "covered"]
    assert flattering == []
    if labels["sentiment"] == "not_given":
        assert result.sentiment is Sentiment.NOT_GIVEN


def test_there_are_at_least_twenty_brush_off_transcripts() -> None:
    assert len(list(BRUSHOFFS.glob("*.json"))) >= 20
