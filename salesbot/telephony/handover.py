"""The rules take over a call midway (a model that stopped answering): the rest of it, from what was said."""

from __future__ import annotations

import random

from salesbot.models import Customer, Speaker
from salesbot.playbook.facts import OfferFacts
from salesbot.playbook.personas import BY_NAME, draw_objection, draw_outcome
from salesbot.telephony.answers import answer_question
from salesbot.telephony.dialogue import Dialogue
from salesbot.telephony.script_reading import names_a_price
from salesbot.telephony.talk import close_call, talk


def rules_finish(
    customer: Customer,
    script: str,
    persona: str,
    seed: str,
    said: list[tuple[Speaker, str]],
    facts: OfferFacts | None = None,
) -> list[tuple[Speaker, str]]:
    """The turns the rules play after `said`: an answer if the customer's last line asked something, then the
    script's close, the persona's decision (its drawn outcome) and the goodbye."""
    who = BY_NAME.get(persona) or BY_NAME["ready"]
    rng = random.Random(f"{seed}:{customer.id}")
    outcome = draw_outcome(who, rng)
    objection = draw_objection(who, rng)
    d = Dialogue(customer, script, rng, facts)
    spoken: list[tuple[Speaker, str]] = [(s, text) for s, text in said if s is not Speaker.SYSTEM]
    if not any(speaker is Speaker.AGENT for speaker, _ in spoken):  # it failed before the agent spoke: all of it
        talk(d, who, outcome)
        return d.turns[1:] if spoken and d.turns[0][0] is Speaker.CUSTOMER else d.turns
    d.turns = spoken
    d.price_mentioned = any(speaker is Speaker.AGENT and names_a_price(text) for speaker, text in d.turns)
    before, last = len(d.turns), (d.turns[-1][1] if d.turns else "")
    if d.turns and d.turns[-1][0] is Speaker.CUSTOMER and d.turns[-1][1].rstrip().endswith("?"):
        answer_question(d, d.turns[-1][1])
    d.skip_to_close()
    close_call(d, who, outcome, objection)
    added = d.turns[before:]
    if before and d.turns[before - 1][1] != last:  # the agent went on in the turn it was in: a turn of its own
        added.insert(0, (Speaker.AGENT, d.turns[before - 1][1][len(last) :].strip()))
    return added
