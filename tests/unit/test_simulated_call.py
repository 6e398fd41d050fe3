from __future__ import annotations

import itertools
from datetime import UTC, datetime

from salesbot.models import Call, CallStatus, SalesScript, ScriptOptions, Speaker
from salesbot.playbook import OBJECTIONS
from salesbot.scripts.offline import OfflineScriptWriter
from salesbot.telephony import CallContext
from salesbot.telephony.conversation import RING_SECONDS, plan_conversation
from salesbot.telephony.simulated import SimulatedTelephony
from tests.conftest import FakeClock
from tests.unit.test_offline_writer import make_customer

WRITER = OfflineScriptWriter("Maya", "Acme Cloud", "Salesbot", chunk_delay_s=0)


def script_for(customer_id: int = 7) -> SalesScript:
    text = WRITER.compose(make_customer(id=customer_id), ScriptOptions())
    return SalesScript(id=1, customer_id=customer_id, script=text, writer="offline", created_at=datetime.now(UTC))


def test_conversation_alternates_and_follows_the_script() -> None:
    customer = make_customer()
    plan = plan_conversation(customer, script_for().script, seed="a")
    speakers = [line.speaker for line in plan]
    assert speakers[0] is Speaker.AGENT
    assert all(a is not b for a, b in itertools.pairwise(speakers))  # never two turns in a row
    agent_text = " ".join(line.text for line in plan if line.speaker is Speaker.AGENT)
    assert "Hello Asha" in agent_text
    assert "Which systems would CRM integration need to work with" in agent_text  # discovery from the script
    assert "On CRM integration:" not in agent_text  # section labels are not read aloud
    customer_text = " ".join(line.text for line in plan if line.speaker is Speaker.CUSTOMER)
    assert "cost" in customer_text  # always asks about price
    assert any(o.customer_says in customer_text for o in OBJECTIONS)  # raises an objection
    assert plan[-1].speaker is Speaker.AGENT


def test_conversation_is_deterministic_per_seed_and_varies_across_seeds() -> None:
    customer = make_customer()
    script = script_for().script
    assert plan_conversation(customer, script, "x") == plan_conversation(customer, script, "x")
    variants = {tuple(line.text for line in plan_conversation(customer, script, str(i))) for i in range(12)}
    assert len(variants) > 3


def test_customers_both_accept_and_decline_the_next_step() -> None:
    customer = make_customer()
    script = script_for().script
    endings = {plan_conversation(customer, script, str(i))[-2].text for i in range(40)}
    assert any("Let's do it" in e or "Send the invite" in e for e in endings)
    assert any("not ready" in e or "Not this month" in e for e in endings)


def test_objection_answer_comes_from_an_edited_script() -> None:
    script = script_for().script
    for objection in OBJECTIONS:
        script = script.replace(objection.agent_answers, f"CUSTOM ANSWER {objection.kind}.")
    plan = plan_conversation(make_customer(), script, "z")
    assert any(line.text.startswith("CUSTOM ANSWER") for line in plan)


def test_headerless_script_still_gives_a_conversation() -> None:
    plan = plan_conversation(make_customer(), "Hi Asha, quick call about Salesbot.\nWould Thursday work?", "q")
    assert len(plan) > 6


def test_simulated_call_unfolds_over_time_at_the_configured_speed() -> None:
    clock = FakeClock()
    customer = make_customer()
    context = CallContext(customer, script_for())
    tel = SimulatedTelephony(speed=2.0, clock=clock)
    call = Call(
        id=1,
        customer_id=7,
        script_id=1,
        phone_e164=customer.phone_e164,
        provider="simulated",
        attempt_key="k1",
        status=CallStatus.DIALLING,
        created_at=clock(),
    )
    placed = tel.place_call(call, context)
    call = call.model_copy(update={"started_at": placed.started_at, "provider_call_id": placed.provider_call_id})
    assert tel.fetch_call(call, context).status is CallStatus.DIALLING
    plan = plan_conversation(customer, context.script.script, "k1")
    clock.advance(plan[2].ends_at / 2.0)  # at speed 2, twice as fast
    progress = tel.fetch_call(call, context)
    assert progress.status is CallStatus.IN_PROGRESS
    assert [u.text for u in progress.utterances] == [line.text for line in plan[:3]]
    assert progress.utterances[2].at == clock()
    clock.advance(3600)
    done = tel.fetch_call(call, context)
    assert done.status is CallStatus.COMPLETED
    assert len(done.utterances) == len(plan) + 1 and done.utterances[-1].speaker is Speaker.SYSTEM
    assert done.ended_at is not None and done.ended_at < clock()
    assert (done.ended_at - placed.started_at).total_seconds() * 2.0 > RING_SECONDS


def test_the_first_words_come_at_once_and_pauses_between_turns_are_natural() -> None:
    plan = plan_conversation(make_customer(), script_for().script, "p")
    assert plan[0].speaker is Speaker.AGENT and plan[0].starts_at == RING_SECONDS <= 1.0
    gaps = [b.starts_at - a.ends_at for a, b in itertools.pairwise(plan)]
    assert all(0.25 <= gap < 4.0 for gap in gaps)
    assert all(line.ends_at > line.starts_at for line in plan)


def test_a_line_is_heard_word_by_word_while_it_is_said_at_the_chosen_pace() -> None:
    clock = FakeClock()
    customer = make_customer()
    context = CallContext(customer, script_for(), pace=4.0)
    tel = SimulatedTelephony(speed=1.0, clock=clock)
    call = Call(id=1, customer_id=7, script_id=1, phone_e164=customer.phone_e164, provider="simulated",
                attempt_key="w", status=CallStatus.DIALLING, created_at=clock())  # fmt: skip
    placed = tel.place_call(call, context)
    assert placed.provider_call_id == "sim-4x-w"
    call = call.model_copy(update={"started_at": placed.started_at, "provider_call_id": placed.provider_call_id})
    first = plan_conversation(customer, context.script.script, "w")[0]
    clock.advance((first.starts_at + 0.1) / 4.0)  # at pace 4, a tenth of a second into the first line
    early = tel.fetch_call(call, context)
    assert early.status is CallStatus.IN_PROGRESS and early.utterances == []
    assert early.speaking is not None and first.text.startswith(early.speaking.text)
    clock.advance((first.ends_at - first.starts_at) / 2 / 4.0)
    later = tel.fetch_call(call, context)
    assert later.speaking is not None and len(later.speaking.text) > len(early.speaking.text)
    assert first.text.startswith(later.speaking.text) and later.speaking.text != first.text
