"""The rules engine of simulated calls: the agent speaks the version on screen and answers what it is asked."""

from __future__ import annotations

import re

import pytest

from salesbot.analysis.lexicon import OBJECTIONS as OBJECTION_CUES
from salesbot.models import Customer, ObjectionKind, Outcome, ScriptOptions, Speaker
from salesbot.playbook import play_for
from salesbot.playbook.facts import OfferFacts
from salesbot.playbook.personas import PERSONAS
from salesbot.scripts.offline import OfflineScriptWriter
from salesbot.telephony.conversation import SimulatedCall, plan_call
from salesbot.telephony.handover import rules_finish
from salesbot.telephony.script_reading import names_a_price, read_script, script_problem
from tests.builders import a_customer

WRITER = OfflineScriptWriter("Maya", "Acme Cloud", "Salesbot", chunk_delay_s=0)
FACTS = OfferFacts.parse("price: ₹1,499 per seat per month | ₹1,499 प्रति सीट प्रति माह; trial: a free 14-day trial")
MEERA = dict(
    name="Meera Nair",
    conversation_history="Spoke on 12 Nov: Meera runs a support team of 40 at Kochi Logistics. She liked the Zoho "
    "CRM sync demo and asked us to call back after her budget review.",
    topics=["Contract: annual vs monthly billing", "Integration: Zoho CRM", "Hindi language support", "SSO via Okta"],
)


def agent_text(call: SimulatedCall) -> str:
    return " ".join(line.text for line in call.lines if line.speaker is Speaker.AGENT)


def calls(customer: Customer, script: str, seeds: int = 6) -> list[SimulatedCall]:
    return [
        plan_call(customer, script, f"s{seed}", persona=p.name, facts=FACTS) for p in PERSONAS for seed in range(seeds)
    ]


HAND_WRITTEN = """Good morning Meera, Maya here from Acme Cloud.
Did the budget review go the way you hoped?
What matters most in the contract, the monthly or the annual option?
Our Zoho CRM connector syncs both ways, every five minutes.
Could we put thirty minutes in the diary on Thursday for a walkthrough?
Thanks, Meera. Talk soon!"""


def test_a_version_without_sections_is_spoken_sentence_for_sentence_in_its_order() -> None:
    call = plan_call(a_customer(**MEERA), HAND_WRITTEN, "s1", persona="ready", facts=FACTS)
    spoken = agent_text(call)
    at = 0
    for sentence in [s for line in HAND_WRITTEN.splitlines() for s in re.split(r"(?<=[.?!])\s+", line)]:
        found = spoken.find(sentence, at)
        assert found >= at, sentence
        at = found + len(sentence)
    assert call.truth.outcome is Outcome.MEETING_BOOKED


@pytest.mark.parametrize("label", ["On Contract: annual vs monthly billing:", "ON CONTRACT TERMS:", "on the money:"])
def test_an_edited_discovery_line_is_spoken_verbatim_whatever_its_label(label: str) -> None:
    script = WRITER.compose(a_customer(**MEERA), ScriptOptions())
    lines = script.splitlines()
    at = lines.index("[Discovery]") + 1
    lines[at] = f"{label} Would a monthly plan with a 30-day notice period work for you?"
    call = plan_call(a_customer(**MEERA), "\n".join(lines), "s2", persona="ready", facts=FACTS)
    assert "Would a monthly plan with a 30-day notice period work for you?" in agent_text(call)
    assert label not in agent_text(call) or not label.endswith(":")


def test_reordered_sections_are_spoken_in_the_version_s_order() -> None:
    script = WRITER.compose(a_customer(**MEERA), ScriptOptions())
    lines = script.splitlines()
    d, v, o = lines.index("[Discovery]"), lines.index("[Value]"), lines.index("[Objections]")
    reordered = lines[:d] + lines[v:o] + lines[d:v] + lines[o:]
    call = plan_call(a_customer(**MEERA), "\n".join(reordered), "s3", persona="ready", facts=FACTS)
    spoken, at = agent_text(call), 0
    for sentence in read_script("\n".join(reordered), a_customer(**MEERA).topics).sentences:
        found = spoken.find(sentence.text, at)
        assert found >= 0, sentence.text
        at = found + len(sentence.text)


def test_a_version_with_nothing_to_say_cannot_be_followed() -> None:
    assert script_problem(read_script("[Opener]\n\n[Close]\n", ["Pricing"]))
    only_answers = '[Objections]\nIf they say "It is expensive" answer: We start small.'
    assert script_problem(read_script(only_answers, ["Pricing"]))
    assert script_problem(read_script(HAND_WRITTEN, ["Pricing"])) is None


def test_after_a_question_the_agent_waits_and_the_goodbye_comes_after_the_customer_s_last_words() -> None:
    for call in calls(a_customer(**MEERA), WRITER.compose(a_customer(**MEERA), ScriptOptions())):
        for line in call.lines:
            if line.speaker is Speaker.AGENT:
                sentences = re.split(r"(?<=[.!?।])\s+", line.text)
                assert all(not s.endswith("?") for s in sentences[:-1]), line.text
        if call.truth.persona not in {"no_answer", "voicemail", "hangs_up"}:
            assert call.lines[-1].speaker is Speaker.AGENT, call.truth.persona


def test_no_price_objection_before_a_price_was_spoken_of() -> None:
    customer = a_customer(**{**MEERA, "topics": ["Pricing", "Integration: Zoho CRM"]})
    for script in (WRITER.compose(customer, ScriptOptions()), HAND_WRITTEN):
        for call in calls(customer, script):
            priced = False
            for line in call.lines:
                priced = priced or (line.speaker is Speaker.AGENT and names_a_price(line.text))
                if line.speaker is Speaker.CUSTOMER and OBJECTION_CUES[ObjectionKind.PRICE].search(line.text):
                    assert priced, [x.text for x in call.lines]


def test_the_price_question_is_answered_from_the_offer_s_facts_or_honestly_deferred() -> None:
    customer = a_customer(**{**MEERA, "topics": ["Integration: Zoho CRM"]})

    def price_asked(call: SimulatedCall) -> list[int]:
        return [i for i, x in enumerate(call.lines) if x.speaker is Speaker.CUSTOMER and re.search(r"cost|price", x.text)
                and x.text.endswith("?")]  # fmt: skip

    priced = [c for c in calls(customer, HAND_WRITTEN, seeds=20) if price_asked(c)]
    assert priced
    for call in priced:
        assert "₹1,499 per seat per month" in call.lines[price_asked(call)[0] + 1].text
    bare = [c for c in (plan_call(customer, HAND_WRITTEN, f"b{i}", persona="price_sensitive") for i in range(20))]
    for call in bare:
        for i, line in enumerate(call.lines[:-1]):
            if line.speaker is Speaker.CUSTOMER and re.search(r"\bcost\b|\bprice\b", line.text) and "?" in line.text:
                assert "the price" in call.lines[i + 1].text and "email" in call.lines[i + 1].text


def test_a_question_about_a_topic_is_answered_from_the_script_s_value_line() -> None:
    customer = a_customer(**MEERA)
    script = WRITER.compose(customer, ScriptOptions())
    asked = 0
    for call in calls(customer, script, seeds=10):
        for i, line in enumerate(call.lines[:-1]):
            for topic in customer.topics:
                ask = next((a for a in play_for(topic).asks if line.text.endswith(a.say.en)), None)
                if ask is not None:
                    asked += 1
                    assert ask.answered_by.search(call.lines[i + 1].text), (line.text, call.lines[i + 1].text)
    assert asked > 5


def test_the_rules_take_over_a_call_midway_answering_the_last_question_first() -> None:
    customer = a_customer(**MEERA)
    script = WRITER.compose(customer, ScriptOptions())
    said = [(Speaker.CUSTOMER, "Hello?"), (Speaker.AGENT, "Hi Meera, Maya here."),
            (Speaker.CUSTOMER, "How much does it cost per seat?")]  # fmt: skip
    rest = rules_finish(customer, script, "ready", "k1", said, facts=FACTS)
    assert rest[0][0] is Speaker.AGENT and "₹1,499" in rest[0][1]
    assert rest[-1][0] is Speaker.AGENT and any(s is Speaker.CUSTOMER for s, _ in rest)
    assert rules_finish(customer, script, "ready", "k1", said, facts=FACTS) == rest  # the same every time
