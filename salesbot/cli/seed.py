"""Demo data: realistic synthetic customers and finished simulated calls, the same for the same seed."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import phonenumbers

from salesbot.analysis.offline import OfflineCallAnalyst
from salesbot.models import (
    Call,
    CallStatus,
    Customer,
    CustomerInput,
    ScriptOptions,
    Speaker,
    Utterance,
    validate_customer,
)
from salesbot.playbook.facts import OfferFacts
from salesbot.scripts.offline import OfflineScriptWriter
from salesbot.settings import Settings
from salesbot.storage import CallChanges, CustomerHistory, HistoricCall, HistoryImport
from salesbot.telephony.conversation import SimulatedCall, plan_call

FACTS = OfferFacts.parse(Settings().offer_facts)  # the demo's agent quotes the default offer's facts

FIRST = ("Asha", "Ravi", "Priya", "Arjun", "Meera", "Vikram", "Neha", "Rahul", "Ananya", "Karan", "Sara", "Omar",
         "Lena", "James", "Mia", "Chen", "Fatima", "Diego", "Aisha", "Tom")  # fmt: skip
LAST = ("Rao", "Kumar", "Sharma", "Iyer", "Patel", "Singh", "Nair", "Gupta", "Reddy", "Das", "Khan", "Smith",
        "Wong", "Garcia", "Müller", "Tan", "Ali", "Brown", "Mehta", "Bose")  # fmt: skip
COUNTRIES = (("IN", 70), ("US", 12), ("GB", 8), ("SG", 5), ("AE", 5))
TOPICS = ("Pricing", "CRM integration", "Data security", "Onboarding for the sales team", "Support hours",
          "Weekly reporting", "Scaling to new regions", "Automated follow-ups")  # fmt: skip
HISTORIES = (
    "Customer: We are looking for a way to follow up leads faster. Our budget is limited this quarter.",
    "Customer: I need it to work with our Zoho CRM. We had a bad experience with our last vendor's support.",
    "Customer: We're interested in a demo. The team is growing quickly.",
    "",
)
ANCHOR = datetime(2026, 11, 24, 12, tzinfo=UTC)  # calls fall in the 60 days before this, the same for a seed
WRITER = OfflineScriptWriter("Maya", "Acme Cloud", "Salesbot", chunk_delay_s=0)
ANALYST = OfflineCallAnalyst()


def _national_number(rng: random.Random, region: str) -> str:
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    if example is None:
        raise ValueError(f"no example number for {region}")
    national = phonenumbers.national_significant_number(example)
    for _ in range(20):
        candidate = national[:-6] + f"{rng.randrange(1_000_000):06d}"
        if phonenumbers.is_valid_number_for_region(phonenumbers.parse(candidate, region), region):
            return candidate
    return national


@dataclass(frozen=True)
class SeededCall:
    """One demo call as planned: its attempt key, when it was made, and the simulated call with its truth."""

    attempt_key: str
    started_at: datetime
    simulated: SimulatedCall


@dataclass(frozen=True)
class SeededCustomer:
    customer_input: CustomerInput
    customer: Customer
    script: str
    calls: list[SeededCall]


def _customer(rng: random.Random, n: int, calls: int, now: datetime) -> SeededCustomer:
    region = rng.choices([c for c, _ in COUNTRIES], weights=[w for _, w in COUNTRIES])[0]
    customer_input = validate_customer(
        {
            "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "country_code": region,
            "phone_number": _national_number(rng, region),
            "email": f"customer{n}@example.com",
            "conversation_history": rng.choice(HISTORIES),
            "topics": "\n".join(rng.sample(TOPICS, rng.randint(1, 3))),
        }
    )
    customer = Customer(
        id=n, created_at=now, **customer_input.model_dump(exclude={"phone_e164"}), phone_e164=customer_input.phone_e164
    )
    script = WRITER.compose(customer, ScriptOptions(tone=rng.choice(["friendly", "consultative", "formal"])))
    planned = []
    for i in range(calls):
        key = f"seed-{n}-{i}"
        planned.append(
            SeededCall(key, now - timedelta(days=rng.uniform(0, 60)), plan_call(customer, script, key, facts=FACTS))
        )
    return SeededCustomer(customer_input, customer, script, planned)


def seeded_customers(calls: int, seed: int = 1, now: datetime | None = None) -> Iterator[SeededCustomer]:
    """The demo customers and their planned calls (about five each, `calls` in all), the same for the same seed."""
    rng = random.Random(seed)
    now = now or ANCHOR
    n = made = 0
    while made < calls:
        n += 1
        customer = _customer(rng, n, min(rng.randint(1, 9), calls - made), now)
        made += len(customer.calls)
        yield customer


def _history(seeded: SeededCustomer) -> CustomerHistory:
    """A seeded customer's calls as finished calls to store, each analysed as a live call would be."""
    customer, historic = seeded.customer, []
    for planned in seeded.calls:
        sim, started = planned.simulated, planned.started_at
        said = [
            Utterance(id=str(j), speaker=p.speaker, text=p.text, at=started + timedelta(seconds=p.ends_at))
            for j, p in enumerate(sim.lines)
        ]
        ended = started + timedelta(seconds=sim.ends_at)
        note = sim.failure or sim.end_note
        if note:
            said.append(Utterance(id="end", speaker=Speaker.SYSTEM, text=note, at=ended))
        status = CallStatus.COMPLETED if sim.answered else CallStatus.FAILED
        call = Call(id=0, customer_id=customer.id, script_id=None, phone_e164=customer.phone_e164, provider="simulated",
                    attempt_key=planned.attempt_key, status=status, utterances=said, started_at=started,
                    created_at=started)  # fmt: skip
        changes = CallChanges(
            status=status,
            provider_call_id=f"sim-{planned.attempt_key}",
            utterances=said,
            started_at=started,
            ended_at=ended,
            duration_seconds=round((ended - started).total_seconds(), 1),
            analysis=ANALYST.analyse(call, customer),
            error_message=sim.failure,
        )
        historic.append(HistoricCall(planned.attempt_key, "simulated", started, changes))
    return CustomerHistory(seeded.customer_input, seeded.script, "offline", historic)


def seed(
    store: HistoryImport,
    calls: int,
    seed: int = 1,
    batch_calls: int = 1000,
    progress: Callable[[int, int], None] | None = None,
    now: datetime | None = None,
) -> int:
    """Fill the store with `calls` finished calls (about five per customer); returns how many were stored."""
    done, batch, pending = 0, [], 0
    for seeded in seeded_customers(calls, seed, now):
        batch.append(_history(seeded))
        pending += len(seeded.calls)
        if pending >= batch_calls or done + pending >= calls:
            store.import_history(batch)
            done, batch, pending = done + pending, [], 0
            if progress:
                progress(done, calls)
    return done


def text_progress(done: int, total: int) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} calls")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()
