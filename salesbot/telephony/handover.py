"""The rules taking over a call someone else began: what they would still say after what has been said."""

from __future__ import annotations

import random
import re

from salesbot.call_analysis import Outcome
from salesbot.models import Customer, Speaker
from salesbot.playbook import endings as E
from salesbot.playbook.personas import BY_NAME, draw_outcome, draw_persona
from salesbot.scripts import parse_sections
from salesbot.telephony.dialogue import spoken

_WORD = re.compile(r"\w{4,}")
_COMMON = {"what", "your", "with", "that", "this", "does", "have", "there", "about", "would", "could", "which", "when",
           "where", "much", "many", "they", "them", "will", "from", "into", "also", "just", "like"}  # fmt: skip
CONFIRM_BY_EMAIL = "Good question. I'll confirm that in my email after this call."
_ENDINGS: dict[Outcome, tuple[tuple[str, ...], tuple[str, ...]]] = {
    Outcome.MEETING_BOOKED: (E.MEETINGS, (E.MEETING_REPLY,)),
    Outcome.INTERESTED: (E.INTERESTED, E.INTERESTED_REPLY),
    Outcome.FOLLOW_UP: (tuple(text for text, _ in E.FOLLOW_UPS), ("Of course, I'll call you back then. Thanks, {first}.",)),
    Outcome.NOT_INTERESTED: (E.DECLINES, E.DECLINE_REPLY),
    Outcome.DO_NOT_CALL: (E.DO_NOT_CALL, E.DO_NOT_CALL_REPLY),
}  # fmt: skip
_CUT_SHORT = (("Sorry, I have to go.",), ("Understood. Thank you for your time, {first}. Goodbye.",))


def rules_finish(
    customer: Customer, script: str, persona: str, seed: str, said: list[tuple[Speaker, str]]
) -> list[tuple[Speaker, str]]:
    """The remaining turns the rules play after `said`: an answer to a last question, the close, the persona's
    ending for its drawn outcome and a goodbye. (A first version: the rules engine will provide its own.)"""
    who = BY_NAME[persona] if persona in BY_NAME else draw_persona(seed, customer)
    rng = random.Random(f"{seed}:{customer.id}")
    outcome = draw_outcome(who, rng)
    first = customer.name.split()[0]
    sections = parse_sections(script)
    agent: list[str] = [] if said else sections["Opener"][:1]  # nothing said yet: the rules open the call
    last = said[-1] if said else None
    if last and last[0] is Speaker.CUSTOMER and "?" in last[1]:
        asked = {w.lower() for w in _WORD.findall(last[1])} - _COMMON
        lines = sections["Value"] + sections["Objections"]
        best = max(lines, key=lambda line: len(asked & {w.lower() for w in _WORD.findall(line)}), default="")
        agent.append(
            spoken(best.split("answer:")[-1]) if asked & set(_WORD.findall(best.lower())) else CONFIRM_BY_EMAIL
        )
    agent.append(spoken(sections["Close"][0]) if sections["Close"] else "Could we book a short walkthrough this week?")
    says, replies = _ENDINGS.get(outcome, _CUT_SHORT)
    return [
        (Speaker.AGENT, " ".join(spoken(line) for line in agent)),
        (Speaker.CUSTOMER, rng.choice(says).format(first=first, name=customer.name)),
        (Speaker.AGENT, rng.choice(replies).format(first=first, name=customer.name)),
    ]
