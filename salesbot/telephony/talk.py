"""A person on the line, turn by turn: the agent follows the script on screen, the persona reacts to each turn."""

from __future__ import annotations

import re

from salesbot.models import ObjectionKind, Outcome, Speaker
from salesbot.playbook.personas import Persona, draw_objection
from salesbot.telephony.dialogue import Dialogue
from salesbot.telephony.script_reading import Sentence
from salesbot.telephony.talk_replies import (
    answer_other,
    discuss,
    end_call,
    raise_objection,
    react_to_statement,
    take_message,
)

CALL_ENDED = "Call ended."
HUNG_UP = "The customer hung up."
_EARLY = {"busy", "hostile", "not_interested"}  # may end the call before any topic comes up
_PROPOSAL = re.compile(
    r"\b(walk-?through|demo|meeting|session|call with|book|schedule|thursday|friday|next week)\b|"
    r"वॉकथ्रू|डेमो|मीटिंग|गुरुवार|शुक्रवार",
    re.I,
)
_EARLY_OBJECTIONS = {ObjectionKind.COMPETITOR, ObjectionKind.TIMING}


def talk(d: Dialogue, who: Persona, outcome: Outcome) -> str:
    """Play a call a person answers, ending in `outcome`; returns the system note the call ends with.

    Each turn reacts to the one before it: the agent says the script's next sentences up to a question and waits;
    the persona answers, asks back, objects or ends the call; the agent answers what was asked.
    """
    rng = d.rng
    d.customer(d.pick("GREETINGS"))
    said = d.take_turn()
    if who.name in ("gatekeeper", "hangs_up"):
        return _no_conversation(d, who)
    cut = _cut_point(who, outcome, len(d.person.topics), d)
    objection = draw_objection(who, rng)
    up_front = objection in _EARLY_OBJECTIONS and rng.random() < 0.3
    checked_time = asked = 0
    while said:
        last = said[-1]
        if last.is_question and _is_proposal(last, d):
            if objection not in d.objections and objection is not ObjectionKind.NO_NEED:
                raise_objection(d, objection)  # what still stands in the way comes out now
            break
        if last.is_question and last.topic is not None:
            if cut is not None and asked == max(cut, 0):
                end_call(d, who, outcome, objection, cut_in=cut >= 0)
                return CALL_ENDED
            asked += 1
            discuss(d, who, last.topic, objection)
            if d.turns[-1][0] is Speaker.CUSTOMER and rng.random() < 0.25 and _topics_next(d):
                d.agent(d.pick("AGENT_ACKNOWLEDGE"))
        elif last.is_question and not checked_time:
            checked_time = 1
            if cut == -1:
                end_call(d, who, outcome, objection, cut_in=False)
                return CALL_ENDED
            d.customer(d.pick("GO_AHEAD"))
        elif last.is_question:
            answer_other(d, last, objection)
        else:
            react_to_statement(d, who, said, objection)
        _raise_due_objection(d, objection, up_front=up_front and bool(checked_time))
        said = d.take_turn()
    if not said:  # the version proposes no next step: the agent asks for one in plain words
        close_call(d, who, outcome, objection)
    else:
        end_call(d, who, outcome, objection, cut_in=False)
    return CALL_ENDED


def close_call(d: Dialogue, who: Persona, outcome: Outcome, objection: ObjectionKind | None) -> None:
    """From where the agent is: what still stands in the way, the proposal (the script's, else in plain words),
    the persona's decision and the goodbye."""
    if objection not in d.objections and objection is not ObjectionKind.NO_NEED:
        raise_objection(d, objection)
    said = d.take_turn() if d.script_left else []
    if not said or not said[-1].is_question:
        d.agent(d.pick("CLOSE_FALLBACK"))
    end_call(d, who, outcome, objection, cut_in=False)


def _no_conversation(d: Dialogue, who: Persona) -> str:
    """Someone else picks up and takes a message, or the person hangs up (the line may drop first)."""
    if who.name == "gatekeeper":
        take_message(d)
        return CALL_ENDED
    if d.rng.random() < 0.4:
        d.customer(d.pick("LINE_DROPS"))
    return HUNG_UP


def _raise_due_objection(d: Dialogue, objection: ObjectionKind | None, *, up_front: bool) -> None:
    """Before the agent's next turn: an objection said up front, before the agent gets going, or what still stands
    in the way before the agent proposes a next step."""
    if up_front and objection not in d.objections and _topics_next(d):
        raise_objection(d, objection)  # said up front, before the agent gets going
    if _close_is_next(d) and objection not in d.objections and objection is not ObjectionKind.NO_NEED:
        raise_objection(d, objection)  # what still stands in the way comes out before the agent proposes a next step


def _is_proposal(sentence: Sentence, d: Dialogue) -> bool:
    """The question that proposes the next step: the close's first, or in a version without sections, one that
    speaks of a walkthrough, demo or meeting."""
    if d.has_close:
        return sentence.section == "Close"
    return sentence.topic is None and bool(_PROPOSAL.search(sentence.text))


def _close_is_next(d: Dialogue) -> bool:
    upcoming = d.peek()
    return upcoming is not None and upcoming.section == "Close"


def _topics_next(d: Dialogue) -> bool:
    """The agent is about to start on the topics: the greeting and the recap are behind."""
    upcoming = d.peek()
    return upcoming is not None and (upcoming.topic is not None or upcoming.section not in {"Opener", "Recap"})


def _cut_point(who: Persona, outcome: Outcome, topics: int, d: Dialogue) -> int | None:
    """Where the person ends the call early: -1 before any topic, a topic's index, or None (it runs to the close)."""
    if outcome is Outcome.MEETING_BOOKED or d.rng.random() >= who.cut_short:
        return None
    if who.name in _EARLY:
        return -1 if not topics or d.rng.random() < 0.6 else d.rng.randrange(topics)
    return d.rng.randrange(1, topics) if topics > 1 else None  # at least one topic first: later ones are never reached
