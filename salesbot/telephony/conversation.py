"""A believable simulated sales call: agent lines from the script, the other end from a drawn persona, and the truth."""

from __future__ import annotations

import random
from dataclasses import dataclass

from salesbot.models import NOBODY_ANSWERED, Coverage, Customer, ObjectionKind, Outcome, Speaker
from salesbot.playbook.facts import OfferFacts
from salesbot.playbook.personas import BY_NAME, draw_outcome, draw_persona
from salesbot.playbook.speech import WORDS_PER_SECOND
from salesbot.telephony.dialogue import Dialogue
from salesbot.telephony.talk import CALL_ENDED, talk

RING_SECONDS = 0.4  # the phone is picked up at once, so a demo starts talking straight away
VOICEMAIL_RING_SECONDS = (12.0, 20.0)  # a machine answers after a few rings
NO_ANSWER_RING_SECONDS = (20.0, 30.0)  # how long it rings before nobody answered
HANG_UP_SECONDS = 1.5  # from the last word to the end of the call


@dataclass(frozen=True)
class PlannedLine:
    speaker: Speaker
    text: str
    starts_at: float  # seconds after the call started, at a pace of 1.0
    ends_at: float

    def words_said(self, at: float) -> str:
        """The words of this line spoken by `at` (a pace-1 offset), at least the first once it has begun."""
        words = self.text.split()
        share = (at - self.starts_at) / max(self.ends_at - self.starts_at, 0.01)
        return " ".join(words[: max(1, min(len(words), int(share * len(words)) + 1))])


@dataclass(frozen=True)
class PersonaTruth:
    """What really happened on a simulated call, by the rules of docs/analysis.md: what an analyser should find."""

    persona: str
    outcome: Outcome
    topics: dict[str, Coverage]
    objections: tuple[ObjectionKind, ...]
    next_step_agreed: bool


@dataclass(frozen=True)
class SimulatedCall:
    """A planned call: its lines (none if nobody answered), how it ends, and its ground truth."""

    lines: list[PlannedLine]
    answered: bool  # someone or something picked up
    ring_seconds: float  # until the first words, or until the phone stops ringing unanswered
    end_note: str | None  # the system line the call ends with ("Call ended.", "The customer hung up.")
    truth: PersonaTruth

    @property
    def failure(self) -> str | None:
        """Why the call failed, if it never connected."""
        return None if self.answered else NOBODY_ANSWERED

    @property
    def ends_at(self) -> float:
        """When the call is over, at a pace of 1.0."""
        return self.lines[-1].ends_at + HANG_UP_SECONDS if self.lines else self.ring_seconds


def plan_call(
    customer: Customer, script: str, seed: int | str, persona: str | None = None, facts: OfferFacts | None = None
) -> SimulatedCall:
    """The whole call with its timing and the truth about it; the same inputs always give the same call.

    The persona is drawn from the attempt (`seed`) and the customer, unless one is named (tests, demos). The call
    is decided turn by turn (each line reacts to the one before it); it is played out at once because every turn
    is known from the ones before it, so any session can replay it from the call's id.
    """
    who = BY_NAME[persona] if persona else draw_persona(seed, customer)
    rng = random.Random(f"{seed}:{customer.id}")
    outcome = draw_outcome(who, rng)
    d = Dialogue(customer, script, rng, facts)
    ring: float = RING_SECONDS
    note: str | None = CALL_ENDED
    if who.name == "no_answer":
        ring, note = rng.uniform(*NO_ANSWER_RING_SECONDS), None
    elif who.name == "voicemail":
        ring = rng.uniform(*VOICEMAIL_RING_SECONDS)
        d.customer(d.pick("VOICEMAIL_GREETINGS"))
        d.agent(d.introduction(), d.pick("VOICEMAIL_MESSAGES"))
    else:
        note = talk(d, who, outcome)
    truth = PersonaTruth(
        persona=who.name,
        outcome=outcome,
        topics=dict(d.coverage),
        objections=tuple(d.objections),
        next_step_agreed=outcome in {Outcome.MEETING_BOOKED, Outcome.FOLLOW_UP},
    )
    return SimulatedCall(_timed(d.turns, ring, rng), who.name != "no_answer", round(ring, 3), note, truth)


def plan_conversation(customer: Customer, script: str, seed: int | str) -> list[PlannedLine]:
    """The lines of the call `plan_call` plans, for callers that only need what is said."""
    return plan_call(customer, script, seed).lines


def _timed(turns: list[tuple[Speaker, str]], ring: float, rng: random.Random) -> list[PlannedLine]:
    planned: list[PlannedLine] = []
    clock = ring
    for i, (speaker, text) in enumerate(turns):
        if i:  # a natural pause before each turn: the customer thinks a little longer than the agent
            clock += rng.uniform(0.4, 1.0) if speaker is Speaker.CUSTOMER else rng.uniform(0.25, 0.5)
        start = clock
        clock += max(0.8, len(text.split()) / WORDS_PER_SECOND)  # a short "Hello?" still shows word by word
        planned.append(PlannedLine(speaker, text, round(start, 3), round(clock, 3)))
    return planned
