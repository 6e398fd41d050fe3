"""A person on the line, turn by turn: the agent follows the script on screen, the persona reacts to each turn."""

from __future__ import annotations

import re

from salesbot.models import ObjectionKind, Outcome, Speaker
from salesbot.playbook import play_for
from salesbot.playbook.personas import Persona, draw_objection
from salesbot.telephony.answers import answer_objection, answer_question
from salesbot.telephony.dialogue import Dialogue
from salesbot.telephony.script_reading import Sentence

CALL_ENDED = "Call ended."
HUNG_UP = "The customer hung up."
_EARLY = {"busy", "hostile", "not_interested"}  # may end the call before any topic comes up
_MAY_CUT_IN = {Outcome.INTERESTED, Outcome.FOLLOW_UP, Outcome.NOT_INTERESTED}  # "Look, I need to go." first
_PROPOSAL = re.compile(
    r"\b(walk-?through|demo|meeting|session|call with|book|schedule|thursday|friday|next week)\b|"
    r"वॉकथ्रू|डेमो|मीटिंग|गुरुवार|शुक्रवार",
    re.I,
)
_RECAP_CHECK = re.compile(
    r"\bstill (where|right|the case|true|accurate)|\bhas (anything|that) changed|अब भी|अभी भी", re.I
)
_DECISION = re.compile(r"\b(who else|decision|decide|sign off|approve)|कौन|फ़ैसल|फैसल|निर्णय", re.I)
_EMAIL = re.compile(r"\be-?mail|ईमेल", re.I)
_EARLY_OBJECTIONS = {ObjectionKind.COMPETITOR, ObjectionKind.TIMING}


def talk(d: Dialogue, who: Persona, outcome: Outcome) -> str:
    """Play a call a person answers, ending in `outcome`; returns the system note the call ends with.

    Each turn reacts to the one before it: the agent says the script's next sentences up to a question and waits;
    the persona answers, asks back, objects or ends the call; the agent answers what was asked.
    """
    rng = d.rng
    d.customer(d.pick("GREETINGS"))
    said = d.take_turn()
    if who.name == "gatekeeper":
        _assistant(d)
        return CALL_ENDED
    if who.name == "hangs_up":
        if rng.random() < 0.4:
            d.customer(d.pick("LINE_DROPS"))
        return HUNG_UP
    cut = _cut_point(who, outcome, len(d.person.topics), d)
    objection = draw_objection(who, rng)
    up_front = objection in _EARLY_OBJECTIONS and rng.random() < 0.3
    checked_time = asked = 0
    while said:
        last = said[-1]
        if last.is_question and _is_proposal(last, d):
            if objection not in d.objections and objection is not ObjectionKind.NO_NEED:
                _object(d, objection)  # what still stands in the way comes out now
            break
        if last.is_question and last.topic is not None:
            if cut is not None and asked == max(cut, 0):
                _end(d, who, outcome, objection, cut_in=cut >= 0)
                return CALL_ENDED
            asked += 1
            _discuss(d, who, last.topic, objection)
            if d.turns[-1][0] is Speaker.CUSTOMER and rng.random() < 0.25 and _topics_next(d):
                d.agent(d.pick("AGENT_ACKNOWLEDGE"))
        elif last.is_question and not checked_time:
            checked_time = 1
            if cut == -1:
                _end(d, who, outcome, objection, cut_in=False)
                return CALL_ENDED
            d.customer(d.pick("GO_AHEAD"))
        elif last.is_question:
            _answer_other(d, last, objection)
        else:
            _react_to_statement(d, who, said, objection)
        if up_front and checked_time and objection not in d.objections and _topics_next(d):
            _object(d, objection)  # said up front, before the agent gets going
        if _close_is_next(d) and objection not in d.objections and objection is not ObjectionKind.NO_NEED:
            _object(d, objection)  # what still stands in the way comes out before the agent proposes a next step
        said = d.take_turn()
    if not said:  # the version proposes no next step: the agent asks for one in plain words
        close_call(d, who, outcome, objection)
    else:
        _end(d, who, outcome, objection, cut_in=False)
    return CALL_ENDED


def close_call(d: Dialogue, who: Persona, outcome: Outcome, objection: ObjectionKind | None) -> None:
    """From where the agent is: what still stands in the way, the proposal (the script's, else in plain words),
    the persona's decision and the goodbye."""
    if objection not in d.objections and objection is not ObjectionKind.NO_NEED:
        _object(d, objection)
    said = d.take_turn() if d.script_left else []
    if not said or not said[-1].is_question:
        d.agent(d.pick("CLOSE_FALLBACK"))
    _end(d, who, outcome, objection, cut_in=False)


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


def _discuss(d: Dialogue, who: Persona, topic: str, objection: ObjectionKind | None) -> None:
    """The customer answers the agent's question about a topic in their own way, brushes it off, or asks back."""
    play, rng = play_for(topic), d.rng
    if play.kind == "pricing" and objection is ObjectionKind.PRICE and ObjectionKind.PRICE not in d.objections:
        d.customer(d.pick("BUDGET_FIRST"), responds=True)  # the budget is small: the price comes up next
        _object(d, objection)
        return
    roll = rng.random()
    if roll < who.deflect:
        d.customer(d.pick("DEFLECTIONS"))
        d.agent(d.pick("MOVE_ON"))
        return
    if roll < who.deflect + who.drift:
        aside = d.pick("SUBJECT_CHANGES")
        d.customer(aside)
        answer_question(d, aside)
        return
    answer = d.lines("in_manner")(rng.choice(who.manner), d.say(rng.choice(play.answers)))
    if play.asks and rng.random() < who.worry:  # and asks back about it, as interested people do
        ask = rng.choice(play.asks)
        d.customer(f"{answer} {d.say(ask.say)}", responds=True)
        answer_question(d, d.say(ask.say), ask=ask, topic=topic)
    else:
        d.customer(answer, responds=True)


def _react_to_statement(d: Dialogue, who: Persona, said: list[Sentence], objection: ObjectionKind | None) -> None:
    """After a stretch of explanation: an objection to a price just named, a nod after a long one, or nothing
    (the customer listens and the agent goes on)."""
    if objection is ObjectionKind.PRICE and objection not in d.objections and d.price_mentioned:
        _object(d, objection)
    elif d.turn_break == "long":
        d.customer(d.pick("ACKNOWLEDGE"))


def _answer_other(d: Dialogue, question: Sentence, objection: ObjectionKind | None) -> None:
    """A question about no topic: the recap check, who decides, the email, or anything a presenter wrote."""
    text = question.text
    if question.section == "Recap" or _RECAP_CHECK.search(text):
        d.customer(d.pick("RECAP_KNOWN" if d.person.conversation_history.strip() else "RECAP_NEW"))
    elif _DECISION.search(text):
        if objection is ObjectionKind.AUTHORITY and objection not in d.objections:
            _object(d, objection)
        else:
            d.customer(d.pick("DECISION_ANSWERS"))
            d.agent(d.pick("AGENT_ACKNOWLEDGE"))
    elif _EMAIL.search(text):
        d.customer(d.pick("GIVE_EMAIL", email=_email(d)))
    else:
        d.customer(d.say(d.rng.choice(play_for("").answers)))


def _object(d: Dialogue, kind: ObjectionKind | None, closing: str = "") -> None:
    """The person objects (asking the price first if no one has spoken of one); the agent answers unless it is over."""
    if kind is None:
        return
    if kind is ObjectionKind.PRICE and not d.price_mentioned:
        if d.price_asked:  # asked once and not told: nothing to object to, and no asking twice
            return
        d.price_asked = True
        asked = d.pick("PRICE_QUESTIONS")
        d.customer(asked, mentions=d.topics_of_kind("pricing"))
        answer_question(d, asked)
        if not d.price_mentioned:  # still no price said: nothing to object to yet
            return
    prices = d.topics_of_kind("pricing") if kind is ObjectionKind.PRICE else []
    d.customer(d.pick(d.lines("OBJECTION_LINES")[kind]) + closing, objection=kind, mentions=prices)
    if not closing:
        answer_objection(d, kind)


def _email(d: Dialogue) -> str:
    if d.person.email:
        return d.person.email
    parts = [p.lower() for p in re.findall(r"[A-Za-z]+", d.person.name)] or ["me"]
    return ".".join(parts[:2]) + "@example.com"


def _end(d: Dialogue, who: Persona, outcome: Outcome, objection: ObjectionKind | None, cut_in: bool) -> None:
    """The person's last decisive words, leading to `outcome`, and the agent's reply; a booked call goes on to the
    script's last lines (the invitation, the email, the goodbye), waiting after each question."""
    rng = d.rng
    lead = d.pick("CUT_IN") if cut_in and who.name != "busy" and outcome in _MAY_CUT_IN else ""
    if who.name == "busy":
        text, when = rng.choice(d.lines("CALL_BACKS"))
        d.customer(lead + text, objection=ObjectionKind.TIMING)
        d.agent(d.pick("FOLLOW_UP_REPLY", when=when))
    elif outcome is Outcome.DO_NOT_CALL:
        d.customer(lead + d.pick("DO_NOT_CALL"))
        d.agent(d.pick("DO_NOT_CALL_REPLY"))
    elif outcome is Outcome.NOT_INTERESTED and objection is not None and objection not in d.objections:
        d.customer(lead + d.pick("EARLY_DECLINES"))
        d.agent(d.pick("ASK_WHY"))
        if objection is ObjectionKind.PRICE and not d.price_mentioned:
            objection = ObjectionKind.NO_NEED if ObjectionKind.NO_NEED in who.objections else None
        if objection is not None:
            _object(d, objection, closing=d.lines("SO_NO"))
        else:
            d.customer(d.pick("DECLINES"))
        d.agent(d.pick("DECLINE_REPLY"))
    elif outcome is Outcome.NOT_INTERESTED:
        d.customer(lead + d.pick("DECLINES"))
        d.agent(d.pick("DECLINE_REPLY"))
    elif outcome is Outcome.FOLLOW_UP:
        text, when = rng.choice(d.lines("FOLLOW_UPS"))
        d.customer(lead + text)
        d.agent(d.pick("FOLLOW_UP_REPLY", when=when))
    elif outcome is Outcome.INTERESTED:
        d.customer(lead + d.pick("INTERESTED"))
        d.agent(d.pick("INTERESTED_REPLY"))
    else:
        extra = d.lines("WITH_MANAGER") if who.name == "colleague" and rng.random() < 0.5 else ""
        d.customer(d.pick("MEETINGS") + extra)
        _finish_booked(d)


def _finish_booked(d: Dialogue) -> None:
    """After a yes: the rest of the close as written, the customer answering each question, the goodbye last."""
    said_any = False
    while d.script_left:
        taken = d.take_turn()
        said_any = True
        if taken and taken[-1].is_question:
            if _EMAIL.search(taken[-1].text):
                d.customer(d.pick("GIVE_EMAIL", email=_email(d)))
            else:
                d.customer(d.pick("ACKNOWLEDGE"))
    if not said_any:
        d.agent(d.pick("MEETING_REPLY"))


def _assistant(d: Dialogue) -> None:
    """Someone else picks up, takes a message and says when to call back."""
    d.customer(d.pick("ASSISTANTS"))
    d.agent(d.pick("MESSAGE_ASK"))
    text, when = d.rng.choice(d.lines("ASSISTANT_CALL_BACKS"))
    d.customer(text)
    d.agent(d.pick("ASSISTANT_REPLY", when=when))
