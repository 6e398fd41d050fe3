"""The simulated customers: who picks up (or not), how they react to a script, and how common each kind is."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from salesbot.models import Customer, ObjectionKind, Outcome


@dataclass(frozen=True)
class Persona:
    """One kind of person at the other end of the line; the name is for tests and benchmarks, never said aloud."""

    name: str
    weight: float  # how common this kind of call is, out of about 100
    outcomes: tuple[tuple[Outcome, float], ...]  # how calls with this persona end, weighted
    objections: tuple[ObjectionKind, ...] = ()  # the kinds that fit: a call raises one (mostly the first), no other
    deflect: float = 0.08  # chance of brushing off one discovery question
    drift: float = 0.05  # chance of changing the subject instead of answering
    worry: float = 0.3  # chance of asking back about a topic after hearing the value
    cut_short: float = 0.08  # chance the call ends before the later topics
    manner: tuple[str, ...] = ("",)  # how this person starts an answer

    @property
    def talks(self) -> bool:
        """Does a person (not a machine, not nobody) speak on the call."""
        return self.name not in {"voicemail", "no_answer"}


def _ends(**weights: float) -> tuple[tuple[Outcome, float], ...]:
    return tuple((Outcome(name), weight) for name, weight in weights.items())


def _kinds(*names: str) -> tuple[ObjectionKind, ...]:
    return tuple(ObjectionKind(name) for name in names)


PERSONAS: tuple[Persona, ...] = (
    Persona("ready", 12, _ends(meeting_booked=80, interested=15, follow_up=5), deflect=0.03, cut_short=0.03,
            manner=("Sure. ", "Good question. ", "", "So, ", "Right, so ")),
    Persona("colleague", 10, _ends(meeting_booked=35, interested=35, follow_up=30), _kinds("authority"),
            manner=("From my side, ", "As far as I know, ", "", "I think ")),
    Persona("price_sensitive", 10, _ends(meeting_booked=15, interested=25, follow_up=25, not_interested=35),
            _kinds("price"), manner=("Honestly, ", "Well, ", "", "Look, ")),
    Persona("timing", 9, _ends(follow_up=60, interested=20, not_interested=20), _kinds("timing"), deflect=0.12,
            manner=("Hm. ", "Well, ", "", "Right now, ")),
    Persona("competitor", 9, _ends(not_interested=45, interested=30, meeting_booked=15, follow_up=10),
            _kinds("competitor"), deflect=0.12, manner=("Today, ", "Well, ", "", "To be fair, ")),
    Persona("busy", 9, _ends(follow_up=100), _kinds("timing"), worry=0.0, cut_short=1.0,
            manner=("Quickly: ", "Briefly, ", "")),
    Persona("not_interested", 10, _ends(not_interested=100), _kinds("no_need", "price"), deflect=0.3, drift=0.1,
            worry=0.1, cut_short=0.45, manner=("I suppose ", "Eh, ", "", "Not much to say. ")),
    Persona("hostile", 3, _ends(do_not_call=100), deflect=0.5, worry=0.0, cut_short=1.0),
    Persona("hangs_up", 6, _ends(incomplete=100)),
    Persona("gatekeeper", 5, _ends(follow_up=100)),
    Persona("voicemail", 9, _ends(voicemail=100)),
    Persona("no_answer", 8, _ends(no_answer=100)),
)  # fmt: skip
BY_NAME = {p.name: p for p in PERSONAS}
# What a presenter picks from when rehearsing one kind of call (the analyser never sees which).
PERSONA_LABELS = {
    "ready": "Ready to book",
    "colleague": "Interested, needs a colleague",
    "price_sensitive": "Price-sensitive",
    "timing": "Bad timing",
    "competitor": "Uses a competitor",
    "busy": "Busy, call back later",
    "not_interested": "Not interested",
    "hostile": "Hostile: do not call",
    "hangs_up": "Hangs up early",
    "gatekeeper": "Gatekeeper answers",
    "voicemail": "Voicemail",
    "no_answer": "No answer",
}

# What an earlier conversation says about the person makes some reactions likelier (history is the customer's own).
_NUDGES: tuple[tuple[re.Pattern[str], dict[str, float]], ...] = (
    (re.compile(r"\b(budget|price|pricing|cost|expensive|afford|cheap)", re.I), {"price_sensitive": 2.2}),
    (re.compile(r"\b(demo|interested|keen|excited|ready|growing|asap)\b", re.I),
     {"ready": 1.8, "not_interested": 0.6, "hostile": 0.5}),
    (re.compile(r"\b(vendor|already use|currently use|competitor|switch)", re.I), {"competitor": 1.8}),
    (re.compile(r"\b(manager|boss|approv|director|sign.off|colleague)", re.I), {"colleague": 2.0}),
    (re.compile(r"\b(busy|next quarter|later|not now|season)\b", re.I), {"timing": 1.6, "busy": 1.3}),
    (re.compile(r"\b(not interested|don't call|stop calling|no thanks)\b", re.I),
     {"not_interested": 2.5, "hostile": 3.0, "ready": 0.4}),
)  # fmt: skip


def persona_weights(history: str) -> dict[str, float]:
    """Each persona's weight for a customer with this conversation history."""
    weights = {p.name: p.weight for p in PERSONAS}
    for pattern, factors in _NUDGES:
        if pattern.search(history):
            for name, factor in factors.items():
                weights[name] *= factor
    return weights


def draw_persona(seed: int | str, customer: Customer) -> Persona:
    """The persona of one call attempt: the same attempt and customer always meet the same persona."""
    rng = random.Random(f"persona:{seed}:{customer.id}")
    weights = persona_weights(customer.conversation_history)
    return BY_NAME[rng.choices(list(weights), weights=list(weights.values()))[0]]


def draw_outcome(persona: Persona, rng: random.Random) -> Outcome:
    """How this persona's call ends, decided before it starts so every line can lead there."""
    return rng.choices([o for o, _ in persona.outcomes], weights=[w for _, w in persona.outcomes])[0]


def draw_objection(persona: Persona, rng: random.Random) -> ObjectionKind | None:
    """The one objection this persona raises on a call, if it is the kind that objects at all."""
    if not persona.objections:
        return None
    rest = len(persona.objections) - 1
    weights = [0.7, *[0.3 / rest] * rest] if rest else [1.0]
    return rng.choices(persona.objections, weights=weights)[0]
