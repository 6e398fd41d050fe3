"""How the simulated agent answers what a customer asks: from the script, the offer's facts, or honestly not."""

from __future__ import annotations

from salesbot.models import ObjectionKind
from salesbot.playbook import OBJECTIONS, CustomerAsk, play_for
from salesbot.playbook.facts import asked_fact, fact_pattern, fact_subject
from salesbot.telephony.dialogue import Dialogue
from salesbot.telephony.script_reading import names_a_price


def answer_question(d: Dialogue, question: str, ask: CustomerAsk | None = None, topic: str | None = None) -> None:
    """The agent's reply to a customer's question: about what was asked, never a stock line.

    A question the playbook knows is answered by the script's own sentence that answers it; a question about the
    offer (price, trial, setup time, where we are based) by the script or the offer's facts; anything nobody wrote
    down gets an honest promise to confirm it by email.
    """
    ask = ask or _known_ask(d, question)
    if ask is not None:
        found = d.reading.answer_matching(ask.answered_by, topic)
        if found is not None:
            _say_answer(d, found)
            return
        fact = asked_fact(d.say(ask.say))
        subject = d.say(ask.subject)
    else:
        fact = asked_fact(question)
        subject = fact_subject(fact, d.language) if fact else ""
    if fact is not None:
        found = d.reading.answer_matching(fact_pattern(fact), topic)
        from_facts = d.facts.answer(d.say(ask.say) if ask else question, d.language)
        if fact == "price" and found is not None and not names_a_price(found):  # a figure beats "priced per seat"
            found = None if from_facts else found
        stated = found or from_facts
        if stated is not None:
            _say_answer(d, stated)
            return
        subject = subject or fact_subject(fact, d.language)
    d.agent(d.pick("DEFER", subject=subject or _that(d)), quotes_price=False)


def answer_objection(d: Dialogue, kind: ObjectionKind) -> None:
    """The script's answer to this kind of objection, or the playbook's when the script has none."""
    found = d.reading.objection_answer(kind)
    if found is None:
        known = next((o for o in OBJECTIONS if o.kind == kind.value), None)
        found = d.say(d.rng.choice(known.answers)) if known else d.pick("NO_NEED_ANSWERS")
    d.agent(found)


def _known_ask(d: Dialogue, question: str) -> CustomerAsk | None:
    """A question worded freely (by a model, say) that one of the customer's topics' known questions covers."""
    for topic in d.person.topics:
        for ask in play_for(topic).asks:
            if ask.answered_by.search(question) or question.strip() in {ask.say.en, ask.say.hi}:
                return ask
    return None


def _say_answer(d: Dialogue, sentence: str) -> None:
    """An answer the script (or the offer's facts) holds; a script sentence said now is not said again later."""
    known = next((s for s in d.reading.sentences if s.text == sentence), None)
    about = [d.speaks_of(known)] if known else []
    if sentence in d.agent_said:
        d.agent(d.pick("ANSWER_LEAD_INS"), d.pick("AS_I_SAID"), sentence, about=about)
    else:
        d.agent(d.pick("ANSWER_LEAD_INS"), sentence, about=about)
    d.answered_with.add(sentence)


def _that(d: Dialogue) -> str:
    return "उस बात" if d.language == "Hindi" else "that"
