"""A person on the line: how a simulated persona reacts to the script, from hello to goodbye."""

from __future__ import annotations

from salesbot.call_analysis import ObjectionKind, Outcome
from salesbot.playbook import endings as E
from salesbot.playbook import play_for
from salesbot.playbook import voices as V
from salesbot.playbook.personas import Persona, draw_objection
from salesbot.telephony.dialogue import Dialogue

CALL_ENDED = "Call ended."
HUNG_UP = "The customer hung up."
_EARLY = {"busy", "hostile", "not_interested"}  # may end the call before any topic comes up
_MAY_CUT_IN = {Outcome.INTERESTED, Outcome.FOLLOW_UP, Outcome.NOT_INTERESTED}  # "Look, I need to go." first


def talk(d: Dialogue, who: Persona, outcome: Outcome) -> str:
    """Plan a call a person answers, ending in `outcome`; returns the system note the call ends with."""
    rng, opener = d.rng, d.opener()
    d.agent(opener[0])
    if who.name == "gatekeeper":
        _assistant(d)
        return CALL_ENDED
    d.customer(d.pick(V.GREETINGS))
    d.agent(*opener[1:3])
    if who.name == "hangs_up":
        if rng.random() < 0.4:
            d.customer(d.pick(V.LINE_DROPS))
        return HUNG_UP
    topics = d.person.topics
    cut = _cut_point(who, outcome, len(topics), d)
    objection = draw_objection(who, rng)
    if cut == -1:
        _end(d, who, outcome, objection, cut_in=False)
        return CALL_ENDED
    d.customer(d.pick(V.GO_AHEAD))
    d.agent(*opener[3:])  # scripts edited into one block keep their remaining lines here
    if d.sections["Recap"]:
        d.agent(*d.sections["Recap"])
        d.customer(d.pick(V.RECAP_KNOWN if d.person.conversation_history.strip() else V.RECAP_NEW))
    if objection in {ObjectionKind.COMPETITOR, ObjectionKind.TIMING} and rng.random() < 0.3:
        _object(d, objection)  # said up front, before the agent gets going
    for i, topic in enumerate(topics):
        if cut == i:
            d.agent(d.question(topic), raises=topic)
            _end(d, who, outcome, objection, cut_in=True)
            return CALL_ENDED
        _discuss(d, who, topic, objection)
    free = d.free_question()
    authority_due = objection is ObjectionKind.AUTHORITY and objection not in d.objections
    if free and (authority_due or rng.random() < 0.4):
        d.agent(free)
        if authority_due:
            _object(d, ObjectionKind.AUTHORITY)
        else:
            d.customer(d.pick(V.DECISION_ANSWERS))
    if objection is not None and objection not in d.objections:
        _object(d, objection)
    d.agent(d.close()[0])
    _end(d, who, outcome, objection, cut_in=False)
    return CALL_ENDED


def _cut_point(who: Persona, outcome: Outcome, topics: int, d: Dialogue) -> int | None:
    """Where the person ends the call early: -1 before any topic, a topic's index, or None (it runs to the close)."""
    if outcome is Outcome.MEETING_BOOKED or d.rng.random() >= who.cut_short:
        return None
    if who.name in _EARLY:
        return -1 if not topics or d.rng.random() < 0.6 else d.rng.randrange(topics)
    return d.rng.randrange(1, topics) if topics > 1 else None  # at least one topic first: later ones are never reached


def _discuss(d: Dialogue, who: Persona, topic: str, objection: ObjectionKind | None) -> None:
    """The agent asks about a topic; the person answers in their own way, brushes it off or talks of something else."""
    kind, rng = play_for(topic).kind, d.rng
    d.agent(d.question(topic), raises=topic)
    if kind == "pricing" and objection is ObjectionKind.PRICE and objection not in d.objections:
        worry = d.pick(V.WORRIES["pricing"])
        d.customer(f"{d.pick(V.BUDGET_TIGHT)} {worry}", responds=True, objection=objection)
        d.agent(d.objection_answer(objection), d.value(topic))
        return
    roll = rng.random()
    if roll < who.deflect:
        d.customer(d.pick(V.DEFLECTIONS))
        d.agent(d.pick(V.MOVE_ON))
        return
    if roll < who.deflect + who.drift:
        d.customer(d.pick(V.SUBJECT_CHANGES))
        d.agent(d.pick(V.SUBJECT_ANSWERS))
        return
    d.customer(
        V.in_manner(rng.choice(who.manner), d.pick(V.ANSWERS.get(kind) or play_for(topic).customer_answers)),
        responds=True,
    )
    d.agent(d.value(topic))
    if rng.random() < who.worry:
        d.customer(d.pick(V.WORRIES.get(kind) or (play_for(topic).customer_worry,)), mentions=[topic])
        d.agent(d.pick(V.WORRY_ANSWERS))


def _object(d: Dialogue, kind: ObjectionKind, closing: str = "") -> None:
    """The person objects (asking the price first if no one has spoken of it); the agent answers unless it is over."""
    prices = d.topics_of_kind("pricing") if kind is ObjectionKind.PRICE else []
    if kind is ObjectionKind.PRICE and not closing and not any(d.coverage[t].value == "covered" for t in prices):
        d.customer(d.pick(V.PRICE_QUESTIONS), mentions=prices)
        d.agent(d.pick(V.PRICE_ANSWERS))
    d.customer(d.pick(V.OBJECTION_LINES[kind]) + closing, objection=kind, mentions=prices)
    if not closing:
        d.agent(d.objection_answer(kind))


def _end(d: Dialogue, who: Persona, outcome: Outcome, objection: ObjectionKind | None, cut_in: bool) -> None:
    """The person's last decisive words, leading to `outcome`, and the agent's goodbye."""
    rng = d.rng
    lead = d.pick(E.CUT_IN) if cut_in and who.name != "busy" and outcome in _MAY_CUT_IN else ""
    if who.name == "busy":
        text, when = rng.choice(E.CALL_BACKS)
        d.customer(lead + text, objection=ObjectionKind.TIMING)
        d.agent(d.pick(E.FOLLOW_UP_REPLY, when=when))
    elif outcome is Outcome.DO_NOT_CALL:
        d.customer(lead + d.pick(E.DO_NOT_CALL))
        d.agent(d.pick(E.DO_NOT_CALL_REPLY))
    elif outcome is Outcome.NOT_INTERESTED and objection is not None and objection not in d.objections:
        d.customer(lead + d.pick(E.EARLY_DECLINES))
        d.agent(d.pick(E.ASK_WHY))
        _object(d, objection, closing=" So no, thank you.")
        d.agent(d.pick(E.DECLINE_REPLY))
    elif outcome is Outcome.NOT_INTERESTED:
        d.customer(lead + d.pick(E.DECLINES))
        d.agent(d.pick(E.DECLINE_REPLY))
    elif outcome is Outcome.FOLLOW_UP:
        text, when = rng.choice(E.FOLLOW_UPS)
        d.customer(lead + text)
        d.agent(d.pick(E.FOLLOW_UP_REPLY, when=when))
    elif outcome is Outcome.INTERESTED:
        d.customer(lead + d.pick(E.INTERESTED))
        d.agent(d.pick(E.INTERESTED_REPLY))
    else:
        extra = E.WITH_MANAGER if who.name == "colleague" and rng.random() < 0.5 else ""
        d.customer(d.pick(E.MEETINGS) + extra)
        d.agent(*d.close()[1:]) if d.close()[1:] else d.agent(d.pick([E.MEETING_REPLY]))


def _assistant(d: Dialogue) -> None:
    """Someone else picks up, takes a message and says when to call back."""
    d.customer(d.pick(E.ASSISTANTS))
    d.agent(d.pick([E.MESSAGE_ASK]))
    text, when = d.rng.choice(E.ASSISTANT_CALL_BACKS)
    d.customer(text)
    d.agent(d.pick([E.ASSISTANT_REPLY], when=when))
