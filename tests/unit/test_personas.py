"""The simulated personas: each plans a call of its own shape, and the truth it reports follows from the lines."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from salesbot.models import Coverage, Customer, ObjectionKind, Outcome, ScriptOptions, Speaker
from salesbot.playbook import endings as E
from salesbot.playbook import play_for
from salesbot.playbook import voices as V
from salesbot.playbook.facts import OfferFacts
from salesbot.playbook.personas import BY_NAME, PERSONAS, draw_persona, persona_weights
from salesbot.scripts.offline import OfflineScriptWriter
from salesbot.settings import Settings
from salesbot.telephony.conversation import SimulatedCall, plan_call
from salesbot.telephony.script_reading import read_script
from tests.builders import a_customer

WRITER = OfflineScriptWriter("Maya", "Acme Cloud", "Salesbot", chunk_delay_s=0)
TOPICS = ["Pricing", "CRM integration", "Onboarding for the sales team", "Office party"]
PRICE_WORDS = re.compile(r"\b(price|pricing|priced|cost|costs|budget|afford|expensive|money|cheap)\b", re.I)
LABELS = ("persona", "price_sensitive", "price-sensitive", "price sensitive", "not_interested", "hangs_up",
          "no_answer", "gatekeeper", "hostile")  # fmt: skip
ENDINGS: dict[Outcome, tuple[str, ...]] = {
    Outcome.MEETING_BOOKED: E.MEETINGS,
    Outcome.INTERESTED: E.INTERESTED,
    Outcome.FOLLOW_UP: tuple(t for t, _ in E.FOLLOW_UPS + E.CALL_BACKS + E.ASSISTANT_CALL_BACKS),
    Outcome.NOT_INTERESTED: (*E.DECLINES, "So no, thank you."),
    Outcome.DO_NOT_CALL: E.DO_NOT_CALL,
}


ASHA = a_customer(conversation_history="", topics=TOPICS)  # no history: the personas' own lines only


FACTS = OfferFacts.parse(Settings().offer_facts)  # the app's default facts: a price the agent can name


def plan(persona: str | None, seed: str, who: Customer | None = None) -> SimulatedCall:
    who = who or ASHA
    return plan_call(who, WRITER.compose(who, ScriptOptions()), seed, persona=persona, facts=FACTS)


def said(call: SimulatedCall, speaker: Speaker) -> list[str]:
    return [line.text for line in call.lines if line.speaker is speaker]


def outcome_heard(call: SimulatedCall) -> Outcome:
    """The outcome read from the lines alone, by the catalogue of what customers say when they decide."""
    words = said(call, Speaker.CUSTOMER)
    first = "Asha"
    greetings = {g.format(first=first) for g in V.GREETINGS} | set(V.LINE_DROPS)
    if not words:
        return Outcome.NO_ANSWER
    if any(g.format(first=first, name="Asha Rao") == words[0] for g in E.VOICEMAIL_GREETINGS):
        return Outcome.VOICEMAIL
    if set(words) <= greetings:
        return Outcome.INCOMPLETE
    last = words[-1]
    found = [o for o, texts in ENDINGS.items() if any(t.format(first=first) in last for t in texts)]
    assert len(found) == 1, last
    return found[0]


def check_coverage(call: SimulatedCall, who: Customer) -> None:
    """covered: the agent spoke of it (its question, its value line) and the customer took it up, or the customer
    brought it up; raised: spoken of, never taken up; not covered: the agent never spoke of it."""
    lines = call.lines
    brushed = (*V.DEFLECTIONS, *V.SUBJECT_CHANGES, *E.CUT_IN, *E.DO_NOT_CALL, *[t for t, _ in E.CALL_BACKS])
    script = WRITER.compose(who, ScriptOptions())
    for topic, status in call.truth.topics.items():
        own = [s.text for s in read_script(script, who.topics).sentences if s.topic == topic and s.section in
               {"Discovery", "Value"}]  # fmt: skip
        spoken = [
            i for i, line in enumerate(lines) if line.speaker is Speaker.AGENT and any(s in line.text for s in own)
        ]
        taken_up = [i for i in spoken if i + 1 < len(lines) and not lines[i + 1].text.startswith(brushed)]
        raised_by_customer = play_for(topic).kind == "pricing" and any(
            PRICE_WORDS.search(t) for t in said(call, Speaker.CUSTOMER)
        )
        if status is Coverage.COVERED:
            assert taken_up or raised_by_customer, topic
        elif status is Coverage.RAISED:
            assert spoken and not raised_by_customer, topic
        else:
            assert not spoken and not raised_by_customer, topic


@pytest.mark.parametrize("persona", [p.name for p in PERSONAS])
def test_each_persona_plans_a_call_whose_truth_follows_from_its_lines(persona: str) -> None:
    who = ASHA
    for i in range(40):
        call = plan(persona, f"attempt-{i}", who)
        truth = call.truth
        assert truth.persona == persona
        assert dict(BY_NAME[persona].outcomes).get(truth.outcome), truth.outcome  # an ending this persona has
        assert outcome_heard(call) is truth.outcome
        assert set(truth.objections) <= set(BY_NAME[persona].objections)
        assert truth.next_step_agreed is (truth.outcome in {Outcome.MEETING_BOOKED, Outcome.FOLLOW_UP})
        assert set(truth.topics) == set(TOPICS)
        check_coverage(call, who)
        text = " ".join(line.text for line in call.lines).lower()
        assert not any(label in text for label in LABELS)
        assert call.answered is (persona != "no_answer")


def test_the_shapes_of_calls_nobody_or_no_one_engaged_with() -> None:
    nobody = plan("no_answer", "n")
    assert nobody.lines == [] and nobody.failure == "Nobody answered." and 20 <= nobody.ends_at <= 30
    machine = plan("voicemail", "v")
    assert [line.speaker for line in machine.lines] == [Speaker.CUSTOMER, Speaker.AGENT]
    assert 12 <= machine.ring_seconds <= 20 and machine.end_note == "Call ended."
    assert "Thank you for" not in machine.lines[1].text and machine.lines[1].text.startswith("Hello Asha, this is Maya")
    dropped = plan("hangs_up", "h")
    assert dropped.end_note == "The customer hung up." and len(said(dropped, Speaker.CUSTOMER)) <= 2
    for p in ("voicemail", "hangs_up", "no_answer"):
        assert set(plan(p, "x").truth.topics.values()) == {Coverage.NOT_COVERED}


def test_objections_fit_the_persona() -> None:
    kinds: dict[str, Counter[ObjectionKind]] = {}
    for p in PERSONAS:
        kinds[p.name] = Counter(k for i in range(60) for k in plan(p.name, f"o{i}").truth.objections)
    assert set(kinds["price_sensitive"]) == {ObjectionKind.PRICE}
    assert set(kinds["competitor"]) == {ObjectionKind.COMPETITOR}
    assert set(kinds["colleague"]) == {ObjectionKind.AUTHORITY}
    assert set(kinds["busy"]) == set(kinds["timing"]) == {ObjectionKind.TIMING}
    assert set(kinds["not_interested"]) == {ObjectionKind.NO_NEED, ObjectionKind.PRICE}
    assert not any(kinds[p] for p in ("ready", "hostile", "hangs_up", "gatekeeper", "voicemail", "no_answer"))


def test_the_same_attempt_meets_the_same_persona_and_attempts_differ() -> None:
    who = ASHA
    assert plan(None, "k", who) == plan(None, "k", who)
    assert draw_persona("k", who) == draw_persona("k", who)
    assert len({draw_persona(f"k{i}", who).name for i in range(200)}) == len(PERSONAS)
    other = a_customer(
        conversation_history="", topics=TOPICS, id=8
    )  # the same attempt key for another customer is another draw
    assert any(draw_persona(f"k{i}", who) != draw_persona(f"k{i}", other) for i in range(20))


def test_personas_come_about_as_often_as_their_weights_say() -> None:
    assert 99 <= sum(p.weight for p in PERSONAS) <= 101
    who = ASHA
    drawn = Counter(draw_persona(f"w{i}", who).name for i in range(4000))
    for p in PERSONAS:
        assert abs(drawn[p.name] / 4000 - p.weight / 100) < 0.02, p.name


def test_history_nudges_the_mix() -> None:
    base = persona_weights("")
    assert persona_weights("Our budget is limited this quarter.")["price_sensitive"] > 2 * base["price_sensitive"]
    keen = persona_weights("We're interested in a demo.")
    assert keen["ready"] > base["ready"] and keen["not_interested"] < base["not_interested"]
    assert persona_weights("I need my manager's approval.")["colleague"] > base["colleague"]


def test_price_comes_up_only_when_the_script_or_the_person_brings_it() -> None:
    who = a_customer(conversation_history="", topics=["CRM integration", "Onboarding for the sales team"])
    script = WRITER.compose(who, ScriptOptions())
    for facts in (None, OfferFacts.parse("price: ₹900 per seat per month")):
        calls = [plan_call(who, script, f"p{i}", facts=facts) for i in range(300)]
        priced = [c for c in calls if any(PRICE_WORDS.search(line.text) for line in c.lines)]
        assert all(c.truth.persona in {"price_sensitive", "not_interested"} for c in priced)
        assert 0 < len(priced) < 0.3 * len(calls)
        named = [c for c in priced if any("₹900" in line.text for line in c.lines)]
        # a price objection only once a price was named: never when the agent could only promise to confirm it
        assert all((ObjectionKind.PRICE in c.truth.objections) is (c in named) for c in priced)
        assert bool(named) is (facts is not None)
    with_pricing = [plan(None, f"p{i}") for i in range(300)]
    objected = [c for c in with_pricing if ObjectionKind.PRICE in c.truth.objections]
    assert len(objected) < 0.3 * len(with_pricing)


def test_topics_are_sometimes_brushed_off_or_never_reached() -> None:
    statuses = Counter(s for i in range(200) for s in plan(None, f"t{i}").truth.topics.values())
    assert statuses[Coverage.COVERED] > statuses[Coverage.RAISED] > 0 and statuses[Coverage.NOT_COVERED] > 0


def test_five_hundred_calls_do_not_read_the_same() -> None:
    customer_lines = [line.text for i in range(500) for line in plan(None, f"v{i}").lines]
    answers = Counter(customer_lines)
    assert len(answers) > 150 and answers.most_common(1)[0][1] < 0.1 * len(customer_lines)
