from __future__ import annotations

import itertools

from salesbot.models import Call, CallStatus, Customer, Outcome, SalesScript, ScriptOptions, Speaker
from salesbot.playbook import OBJECTIONS
from salesbot.playbook import endings as E
from salesbot.playbook.facts import OfferFacts
from salesbot.scripts.offline import OfflineScriptWriter
from salesbot.settings import Settings
from salesbot.telephony import CallContext
from salesbot.telephony.conversation import RING_SECONDS, PlannedLine, plan_call, plan_conversation
from salesbot.telephony.script_reading import read_script
from salesbot.telephony.simulated import SimulatedTelephony
from tests.builders import a_call, a_customer, a_script
from tests.conftest import FakeClock

WRITER = OfflineScriptWriter("Maya", "Acme Cloud", "Salesbot", chunk_delay_s=0)
FACTS = OfferFacts.parse(Settings().offer_facts)  # the app's default facts: a price the agent can name


def script_for(customer_id: int = 7) -> SalesScript:
    """The offline writer's script for that customer (Asha), as a stored version."""
    return a_script(customer_id=customer_id, script=WRITER.compose(a_customer(id=customer_id), ScriptOptions()))


def planned(customer: Customer, script: str, seed: str, persona: str = "ready") -> list[PlannedLine]:
    return plan_call(customer, script, seed, persona=persona, facts=FACTS).lines


def placed(tel: SimulatedTelephony, call: Call, context: CallContext) -> Call:
    done = tel.place_call(call, context)
    return call.model_copy(update={"started_at": done.started_at, "provider_call_id": done.provider_call_id})


def test_conversation_alternates_and_follows_the_script() -> None:
    customer = a_customer()
    plan = planned(customer, script_for().script, "a", persona="price_sensitive")
    speakers = [line.speaker for line in plan]
    assert speakers[0] is Speaker.CUSTOMER  # the phone is picked up with a hello
    assert all(a is not b for a, b in itertools.pairwise(speakers))  # never two turns in a row
    agent_text = " ".join(line.text for line in plan if line.speaker is Speaker.AGENT)
    assert "Hello Asha" in agent_text
    discovery = read_script(script_for().script, customer.topics).sentences
    asked = [s.text for s in discovery if s.section == "Discovery" and s.topic == "CRM integration"]
    assert asked and asked[0] in agent_text  # discovery from the script
    assert "On CRM integration:" not in agent_text  # section labels are not read aloud
    customer_text = " ".join(line.text for line in plan if line.speaker is Speaker.CUSTOMER)
    assert any(word in customer_text.lower() for word in ("budget", "afford", "money"))  # this one minds the price
    assert plan[-1].speaker is Speaker.AGENT


def test_plan_conversation_is_the_drawn_call_s_lines() -> None:
    customer, script = a_customer(), script_for().script
    for key in ("a", "b", "c", "d"):
        assert plan_conversation(customer, script, key) == plan_call(customer, script, key).lines


def test_conversation_is_deterministic_per_seed_and_varies_across_seeds() -> None:
    customer = a_customer()
    script = script_for().script
    assert plan_call(customer, script, "x") == plan_call(customer, script, "x")
    variants = {tuple(line.text for line in plan_conversation(customer, script, str(i))) for i in range(12)}
    assert len(variants) > 8
    ready = {tuple(line.text for line in planned(customer, script, str(i))) for i in range(12)}
    assert len(ready) > 8  # even one persona says things differently from call to call


def test_customers_both_accept_and_decline_the_next_step() -> None:
    customer = a_customer()
    script = script_for().script
    outcomes = {plan_call(customer, script, str(i)).truth.outcome for i in range(80)}
    assert {Outcome.MEETING_BOOKED, Outcome.NOT_INTERESTED, Outcome.FOLLOW_UP} <= outcomes


def test_objection_answer_comes_from_an_edited_script() -> None:
    script = script_for().script
    for objection in OBJECTIONS:
        for answer in objection.answers:  # the writer picks one of the answers per customer
            script = script.replace(answer.en, f"CUSTOM ANSWER {objection.kind}.")
    for persona in ("price_sensitive", "competitor", "colleague"):
        answers = [line.text for line in planned(a_customer(), script, "z", persona) if "CUSTOM ANSWER" in line.text]
        assert answers, persona


def test_headerless_script_still_gives_a_conversation() -> None:
    plan = planned(a_customer(), "Hi Asha, quick call about Salesbot.\nWould Thursday work?", "q")
    assert plan[0].speaker is Speaker.CUSTOMER and plan[-1].speaker is Speaker.AGENT
    assert plan[1].text == "Hi Asha, quick call about Salesbot. Would Thursday work?"  # the version, as written
    assert len(plan) >= 4 and any(line.text in E.MEETINGS for line in plan)  # a ready person books it


def test_simulated_call_unfolds_over_time_at_the_configured_speed() -> None:
    clock = FakeClock()
    customer = a_customer()
    context = CallContext(customer, script_for())
    tel = SimulatedTelephony(speed=2.0, clock=clock, persona="ready")
    call = placed(tel, a_call(status=CallStatus.DIALLING, created_at=clock(), attempt_key="k1"), context)
    assert tel.fetch_call(call, context).status is CallStatus.DIALLING
    plan = planned(customer, context.script.script, "k1")
    clock.advance(plan[2].ends_at / 2.0)  # at speed 2, twice as fast
    progress = tel.fetch_call(call, context)
    assert progress.status is CallStatus.IN_PROGRESS
    assert [u.text for u in progress.utterances] == [line.text for line in plan[:3]]
    assert progress.utterances[2].at == clock()
    clock.advance(3600)
    done = tel.fetch_call(call, context)
    assert done.status is CallStatus.COMPLETED
    assert len(done.utterances) == len(plan) + 1 and done.utterances[-1].speaker is Speaker.SYSTEM
    assert done.utterances[-1].text == "Call ended."
    assert done.ended_at is not None and done.ended_at < clock()
    assert call.started_at is not None and (done.ended_at - call.started_at).total_seconds() * 2.0 > RING_SECONDS


def test_the_first_words_come_at_once_and_pauses_between_turns_are_natural() -> None:
    plan = planned(a_customer(), script_for().script, "p")
    assert plan[0].speaker is Speaker.CUSTOMER and plan[0].starts_at == RING_SECONDS <= 1.0
    gaps = [b.starts_at - a.ends_at for a, b in itertools.pairwise(plan)]
    assert all(0.25 <= gap < 4.0 for gap in gaps)
    assert all(line.ends_at > line.starts_at for line in plan)


def test_a_line_is_heard_word_by_word_while_it_is_said_at_the_chosen_pace() -> None:
    clock = FakeClock()
    customer = a_customer()
    context = CallContext(customer, script_for(), pace=4.0)
    tel = SimulatedTelephony(speed=1.0, clock=clock, persona="ready")
    call = placed(tel, a_call(status=CallStatus.DIALLING, created_at=clock(), attempt_key="w"), context)
    assert call.provider_call_id == "sim-4x-p.ready-w"  # pace and persona travel with the call
    first = planned(customer, context.script.script, "w")[0]
    clock.advance((first.starts_at + 0.1) / 4.0)  # at pace 4, a tenth of a second into the first line
    early = tel.fetch_call(call, context)
    assert early.status is CallStatus.IN_PROGRESS and early.utterances == []
    assert early.speaking is not None and first.text.startswith(early.speaking.text)
    clock.advance((first.ends_at - first.starts_at) / 2 / 4.0)
    later = tel.fetch_call(call, context)
    assert later.speaking is not None and len(later.speaking.text) > len(early.speaking.text)
    assert first.text.startswith(later.speaking.text) and later.speaking.text != first.text


def test_nobody_answers_after_it_rings_for_a_while_at_the_chosen_pace() -> None:
    clock = FakeClock()
    context = CallContext(a_customer(), script_for(), pace=2.0)
    tel = SimulatedTelephony(clock=clock, persona="no_answer")
    call = placed(tel, a_call(status=CallStatus.DIALLING, created_at=clock(), attempt_key="n"), context)
    ring = plan_call(context.customer, context.script.script, "n", persona="no_answer").ring_seconds
    assert 20 <= ring <= 30
    clock.advance(ring / 2.0 - 0.5)
    ringing = tel.fetch_call(call, context)
    assert ringing.status is CallStatus.DIALLING and ringing.utterances == [] and ringing.speaking is None
    clock.advance(1.0)
    failed = tel.fetch_call(call, context)
    assert failed.status is CallStatus.FAILED and failed.error_message == "Nobody answered."
    assert [(u.speaker, u.text) for u in failed.utterances] == [(Speaker.SYSTEM, "Nobody answered.")]
    assert failed.ended_at is not None and call.started_at is not None
    assert (failed.ended_at - call.started_at).total_seconds() == ring / 2.0


def test_a_voicemail_greeting_is_heard_then_the_agent_leaves_a_message() -> None:
    clock = FakeClock()
    context = CallContext(a_customer(), script_for())
    tel = SimulatedTelephony(clock=clock, persona="voicemail")
    call = placed(tel, a_call(status=CallStatus.DIALLING, created_at=clock(), attempt_key="v"), context)
    sim = plan_call(context.customer, context.script.script, "v", persona="voicemail")
    clock.advance(sim.ring_seconds - 1)
    assert tel.fetch_call(call, context).status is CallStatus.DIALLING  # a few rings before the machine answers
    clock.advance(1.5)
    greeting = tel.fetch_call(call, context)
    assert greeting.status is CallStatus.IN_PROGRESS and greeting.speaking is not None
    assert greeting.speaking.speaker is Speaker.CUSTOMER
    clock.advance(600)
    done = tel.fetch_call(call, context)
    assert done.status is CallStatus.COMPLETED
    assert [u.speaker for u in done.utterances] == [Speaker.CUSTOMER, Speaker.AGENT, Speaker.SYSTEM]
    assert "message" in done.utterances[0].text and "Maya from Acme Cloud" in done.utterances[1].text
    assert done.utterances[-1].text == "Call ended."


def test_a_customer_who_hangs_up_leaves_a_note_in_the_transcript() -> None:
    clock = FakeClock()
    context = CallContext(a_customer(), script_for())
    tel = SimulatedTelephony(clock=clock, persona="hangs_up")
    call = placed(tel, a_call(status=CallStatus.DIALLING, created_at=clock(), attempt_key="h"), context)
    clock.advance(600)
    done = tel.fetch_call(call, context)
    assert done.status is CallStatus.COMPLETED and done.utterances[-1].text == "The customer hung up."
    assert [u.speaker for u in done.utterances[:2]] == [Speaker.CUSTOMER, Speaker.AGENT]


def test_the_same_attempt_meets_the_same_customer_in_every_session() -> None:
    clock = FakeClock()
    context = CallContext(a_customer(), script_for())
    seen = set()
    for key in ("s1", "s2", "s3", "s4", "s5", "s6"):
        heard = []
        call = placed(
            SimulatedTelephony(clock=clock),
            a_call(status=CallStatus.DIALLING, created_at=clock(), attempt_key=key),
            context,
        )
        clock.advance(600)
        for _ in range(2):  # two sessions (or a restart) replay the same call
            progress = SimulatedTelephony(clock=clock).fetch_call(call, context)
            heard.append((progress.status, [(u.speaker, u.text, u.at) for u in progress.utterances]))
        assert heard[0] == heard[1]
        seen.add((heard[0][0], len(heard[0][1])))
    assert len(seen) > 1


def test_the_persona_a_presenter_picks_answers_and_travels_with_the_call() -> None:
    clock = FakeClock()
    context = CallContext(a_customer(), script_for(), pace=1000.0, persona="hostile")
    call = placed(
        SimulatedTelephony(clock=clock),
        a_call(status=CallStatus.DIALLING, created_at=clock(), attempt_key="h"),
        context,
    )
    assert call.provider_call_id == "sim-1000x-p.hostile-h"
    clock.advance(3600)
    restarted = SimulatedTelephony(clock=clock, persona="ready")  # a new process with another default
    assert restarted.persona_of(call) == "hostile"
    said = " ".join(u.text for u in restarted.fetch_call(call, CallContext(a_customer(), script_for())).utterances)
    expected = plan_call(a_customer(), script_for().script, "h", persona="hostile").lines
    assert said.startswith(" ".join(line.text for line in expected))
    drawn = placed(
        SimulatedTelephony(clock=clock),
        a_call(status=CallStatus.DIALLING, created_at=clock(), attempt_key="d"),
        CallContext(a_customer(), script_for()),
    )
    assert drawn.provider_call_id == "sim-1x-d" and SimulatedTelephony().persona_of(drawn) is None
