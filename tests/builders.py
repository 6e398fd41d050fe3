"""One place that builds what tests need: a customer as typed and as stored, a script version, a call, an analysis,
and a finished call in a store. Sensible defaults (Asha Rao, an Indian number, 24 Nov 2026), keyword overrides:
`a_customer(name="Meera Nair")`, `a_call([(AGENT, "Hello")], status=CallStatus.IN_PROGRESS)`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from salesbot.models import (
    Call,
    CallAnalysis,
    CallStatus,
    Coverage,
    Customer,
    CustomerInput,
    Evidence,
    NextStep,
    ObjectionKind,
    Outcome,
    RaisedObjection,
    SalesScript,
    Sentiment,
    Speaker,
    TalkTime,
    TopicCoverage,
    Utterance,
    validate_customer,
)
from salesbot.storage import CallChanges, CallStore, NewCall

START = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
PHONE = "+919876543210"
AGENT, CUSTOMER, SYSTEM = Speaker.AGENT, Speaker.CUSTOMER, Speaker.SYSTEM

# Asha as a user types her into the customer form (the fields of CustomerForm).
ASHA = {
    "name": "Asha Rao",
    "country_code": "IN",
    "phone_number": "98765 43210",
    "email": "asha@example.com",
    "conversation_history": "Customer: We are looking for a way to follow up leads faster.\n"
    "Customer: Our budget is limited this quarter and I need it to work with our Zoho CRM.",
    "topics": "Pricing\nCRM integration\nOnboarding for 20 reps",
}

Line = tuple[Speaker, str] | tuple[Speaker, str, float]  # who, what, and (optionally) when, in seconds from the start


def customer_input(**changes: object) -> CustomerInput:
    """Asha's form (ASHA) with these fields changed, validated as the form validates it."""
    return validate_customer({**ASHA, **changes})


def a_saved_customer(store: CallStore, created_by: str = "", **changes: object) -> Customer:
    """Asha's form with these fields changed, saved in the store (the same name and number: the same customer)."""
    return store.save_customer(customer_input(**changes), created_by)


def a_customer(**changes: object) -> Customer:
    """A stored customer: Asha, id 7, with a short history (one line of ours in it) and three topics."""
    fields: dict[str, object] = {
        "id": 7,
        "name": "Asha Rao",
        "country_code": "IN",
        "phone_number": "9876543210",
        "phone_e164": PHONE,
        "email": "asha@example.com",
        "conversation_history": "Customer: We are looking for a way to follow up leads faster.\n"
        "Agent: We can help with that.\nCustomer: Our budget is limited this quarter.",
        "topics": ["Pricing", "CRM integration", "Data security"],
        "created_at": datetime(2026, 11, 24, tzinfo=UTC),
    }
    return Customer.model_validate({**fields, **changes})


def a_script(**changes: Any) -> SalesScript:
    """A stored script version (id 1) for customer 7, written offline."""
    fields: dict[str, Any] = {"id": 1, "customer_id": 7, "script": "[Opener]\nHello Asha, this is Maya from Acme Cloud.",
                              "writer": "offline", "created_at": START}  # fmt: skip
    return SalesScript(**{**fields, **changes})


def utterances(lines: Sequence[Line], start: datetime = START, *, first: float = 0.0, every: float = 5.0) -> list[Utterance]:  # fmt: skip
    """Lines as utterances with ids "0", "1", ...: line i at `first + every * i` seconds after `start`, unless the line
    gives its own seconds."""
    said = []
    for i, line in enumerate(lines):
        seconds = line[2] if len(line) == 3 else first + every * i
        said.append(Utterance(id=str(i), speaker=line[0], text=line[1], at=start + timedelta(seconds=seconds)))
    return said


def a_call(lines: Sequence[Line] = (), *, first: float = 0.0, every: float = 5.0, **changes: Any) -> Call:
    """A call (id 1, customer 7, script 1) completed on the simulator, created at START; `lines` become its
    utterances, timed from its start (or creation) as `utterances` times them. No start time unless given."""
    fields: dict[str, Any] = {"id": 1, "customer_id": 7, "script_id": 1, "phone_e164": PHONE, "provider": "simulated",
                              "attempt_key": "k", "status": CallStatus.COMPLETED, "created_at": START, **changes}  # fmt: skip
    if lines and "utterances" not in changes:
        fields["utterances"] = utterances(lines, fields.get("started_at") or fields["created_at"], first=first,
                                          every=every)  # fmt: skip
    return Call(**fields)


def an_analysis(outcome: Outcome = Outcome.FOLLOW_UP, sentiment: Sentiment = Sentiment.NEUTRAL, **changes: Any) -> CallAnalysis:  # fmt: skip
    """A bare analysis: this outcome and sentiment, a one-letter summary, no topics."""
    return CallAnalysis(**{"summary": "s", "outcome": outcome, "sentiment": sentiment, "topics": [], **changes})


def a_full_analysis(outcome: Outcome, objections: tuple[ObjectionKind, ...] = (), next_step: str = "") -> CallAnalysis:
    """An analysis as the analysers now write it: evidence, objections with quotes, an agreed next step, talk time."""
    return CallAnalysis(
        summary="s",
        outcome=outcome,
        sentiment=Sentiment.NEUTRAL,
        topics=[
            TopicCoverage(
                topic="Pricing",
                status=Coverage.COVERED,
                evidence=[Evidence(speaker="customer", text="What does it cost?", at=5.0)],
            ),
            TopicCoverage(topic="Onboarding", status=Coverage.NOT_COVERED),
        ],
        objections=[RaisedObjection(kind=kind, quote=f"{kind.label}!", at=5.0) for kind in objections],
        next_step=NextStep(action=next_step, when="Thursday at 3 pm", quote="Thursday works.", at=9.5)
        if next_step
        else None,
        recommendation="Send the pricing sheet.",
        talk=TalkTime(agent_words=30, customer_words=10, agent_questions=2),
    )


def a_finished_call(
    store: CallStore,
    name: str = "Asha Rao",
    reply: str = "Yes, go on.",
    *,
    lines: Sequence[Line] | None = None,
    when: datetime | None = None,
    status: CallStatus = CallStatus.COMPLETED,
    seconds: float | None = 60,
    outcome: Outcome | None = None,
    sentiment: Sentiment = Sentiment.NEUTRAL,
    analysis: CallAnalysis | None = None,
    country: str = "IN",
    phone: str = "98765 43210",
    email: str = str(ASHA["email"]),
    topics: str = str(ASHA["topics"]),
    script: str = "s",
    provider: str = "simulated",
    key: str | None = None,
    created_by: str = "",
    first: float = 0.0,
    every: float = 5.0,
) -> int:
    """Store a finished call and return its id: the customer of that name and number (the same pair is the same
    customer) saved, a script version added, the call created at `when` (the store's now if None) and updated once
    with its lines, status, times and analysis (a bare one for `outcome`, unless `analysis` is given).

    The lines are the agent's greeting by name and the customer's `reply`, unless `lines` are given; `created_by`
    places the script and the call as that user."""
    customer = store.save_customer(customer_input(name=name, country_code=country, phone_number=phone, email=email,
                                                  topics=topics))  # fmt: skip
    version = store.add_script(customer.id, script, "offline", created_by=created_by)
    attempt = key or (f"{name}-{when.isoformat()}" if when else name)
    call, _ = store.create_call(NewCall(customer.id, version.id, customer.phone_e164, provider, attempt, country, when,
                                        created_by))  # fmt: skip
    start = when or call.created_at
    said = [(AGENT, f"Hello {name}, this is Maya."), (CUSTOMER, reply)] if lines is None else lines
    if analysis is None and outcome is not None:
        analysis = an_analysis(outcome, sentiment)
    store.update_call(call.id, CallChanges(
        status=status, utterances=utterances(said, start, first=first, every=every), started_at=start,
        ended_at=start + timedelta(seconds=seconds or 0), duration_seconds=seconds, analysis=analysis))  # fmt: skip
    return call.id
