"""Who the demo calls: customer profiles (name, country, history, topics, script versions) and the presenters."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

import phonenumbers

from salesbot.cli.seed_calls import CallBody
from salesbot.models import Customer, CustomerInput, ScriptOptions, validate_customer
from salesbot.playbook.facts import OfferFacts
from salesbot.scripts.offline import OfflineScriptWriter
from salesbot.settings import Settings

FACTS = OfferFacts.parse(Settings().offer_facts)  # the demo's agent quotes the default offer's facts
WRITER = OfflineScriptWriter("Maya", "Acme Cloud", "Salesbot", chunk_delay_s=0)
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
    "Customer: We plan to roll out a new tool next quarter, once the new sales team has started.",
    "",
)
# Who places the demo calls (the signed-in presenters' addresses), the first most often.
PRESENTERS = ("asha.rao@acme.example", "daniel.osei@acme.example", "priya.nair@acme.example",
              "tom.becker@acme.example", "mei.lin@acme.example")  # fmt: skip
TONES = ("friendly", "consultative", "formal")
PROFILES = 300  # profiles planned afresh; later customers share one (a few milliseconds a call saved)
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def national_number(rng: random.Random, region: str) -> str:
    """A valid mobile number in the country, as dialled there."""
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    if example is None:
        raise ValueError(f"no example number for {region}")
    national = phonenumbers.national_significant_number(example)
    for _ in range(20):
        candidate = national[:-6] + f"{rng.randrange(1_000_000):06d}"
        if phonenumbers.is_valid_number_for_region(phonenumbers.parse(candidate, region), region):
            return candidate
    return national


@dataclass
class Profile:
    """A kind of customer: who they are, their script versions (v1, and an edit in another tone) and calls made."""

    customer: Customer  # as planned (id: the profile's number); stored customers get their own number
    tones: tuple[str, str]
    scripts: list[str] = field(default_factory=list)
    bodies: tuple[list[CallBody], list[CallBody]] = field(default_factory=lambda: ([], []))

    @property
    def region(self) -> str:
        return self.customer.country_code

    def script(self, version: int) -> str:
        """Version 0 (v1) or 1 (the edit), written when first asked for."""
        while len(self.scripts) <= version:
            tone = self.tones[len(self.scripts)]
            self.scripts.append(WRITER.compose(self.customer, ScriptOptions(tone=tone)))
        return self.scripts[version]

    def phone_number(self, rng: random.Random) -> str:
        return national_number(rng, self.region)

    def customer_input(self, phone_number: str) -> CustomerInput:
        c = self.customer
        return validate_customer({"name": c.name, "country_code": c.country_code, "phone_number": phone_number,
                                  "email": c.email, "conversation_history": c.conversation_history,
                                  "topics": "\n".join(c.topics)})  # fmt: skip


class Profiles:
    """The first PROFILES customers are new profiles; later ones share one of them."""

    def __init__(self) -> None:
        self.known: list[Profile] = []

    def pick(self, rng: random.Random, n: int) -> tuple[Profile, bool]:
        """A profile for customer `n`, and whether it is new (its calls are then planned afresh)."""
        if len(self.known) >= PROFILES:
            return rng.choice(self.known), False
        region = rng.choices([c for c, _ in COUNTRIES], weights=[w for _, w in COUNTRIES])[0]
        person = validate_customer(
            {
                "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "country_code": region,
                "phone_number": national_number(rng, region),
                "email": f"customer{n}@example.com",
                "conversation_history": rng.choice(HISTORIES),
                "topics": "\n".join(rng.sample(TOPICS, rng.randint(1, 3))),
            }
        )
        first, edit = rng.sample(TONES, 2)
        customer = Customer(id=n, created_at=_EPOCH, **person.model_dump(exclude={"phone_e164"}),
                            phone_e164=person.phone_e164)  # fmt: skip
        self.known.append(Profile(customer, (first, edit)))
        return self.known[-1], True
