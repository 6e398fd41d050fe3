"""A believable sales conversation: agent lines from the script, customer lines from a rule-based persona."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from salesbot.models import Customer, Speaker
from salesbot.playbook import OBJECTIONS, Objection, play_for
from salesbot.scripts import parse_sections
from salesbot.scripts.offline import inline

WORDS_PER_SECOND = 2.6  # an unhurried speaking pace
RING_SECONDS = 0.6  # the phone is picked up quickly, so a demo starts talking at once
_POSITIVE = re.compile(r"\b(interest|keen|excit|love|demo|trial|ready|urgent|asap)", re.I)
_NEGATIVE = re.compile(r"\b(not interested|expensive|no budget|busy|later|unhappy|cancel|competitor)", re.I)
_PREFIX = re.compile(r"^(On|For) [^:]{1,120}:\s*")
_OBJECTION_LINE = re.compile(r'^If they say "(?P<says>[^"]+)"[^:]*:\s*(?P<answer>.+)$')


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


def _spoken(line: str) -> str:
    return _PREFIX.sub("", line).strip()


def _accept_chance(history: str, rng: random.Random) -> float:
    score = 0.65 + 0.1 * len(_POSITIVE.findall(history)) - 0.15 * len(_NEGATIVE.findall(history))
    return min(0.9, max(0.2, score)) + rng.uniform(-0.05, 0.05)


def _objection_answer(objections: list[str], objection: Objection) -> str:
    for line in objections:
        match = _OBJECTION_LINE.match(line)
        if match and match.group("says").strip() == objection.customer_says:
            return match.group("answer").strip()
    return objection.agent_answers


def plan_conversation(customer: Customer, script: str, seed: int | str) -> list[PlannedLine]:
    """The whole call, line by line with its timing; the same inputs always give the same call."""
    rng = random.Random(f"{seed}:{customer.id}")
    sections = parse_sections(script)
    first = customer.name.split()[0]
    turns: list[tuple[Speaker, str]] = []

    def agent(*lines: str) -> None:
        text = " ".join(_spoken(line) for line in lines if line.strip())
        if text and turns and turns[-1][0] is Speaker.AGENT:  # one turn, not two in a row
            turns[-1] = (Speaker.AGENT, f"{turns[-1][1]} {text}")
        elif text:
            turns.append((Speaker.AGENT, text))

    def customer_says(text: str) -> None:
        turns.append((Speaker.CUSTOMER, text))

    opener = sections["Opener"] or [f"Hello {first}, thank you for taking my call."]
    agent(opener[0])
    customer_says(rng.choice(["Hello?", "Oh, hi. Yes?", "Hi, speaking."]))
    agent(*opener[1:3])
    customer_says(rng.choice(["Yes, I have a few minutes.", "Sure, go ahead.", "Yes, now is fine."]))
    agent(*opener[3:])  # scripts edited into one block keep their remaining lines here

    if sections["Recap"]:
        agent(*sections["Recap"])
        has_history = bool(customer.conversation_history.strip())
        customer_says(
            rng.choice(["Yes, that's still right.", "Mostly, yes. Things have moved on a little."])
            if has_history
            else "We're a small team, and we've been looking at options for a while."
        )

    questions = [q for q in sections["Discovery"] if q.startswith("On ")]
    values = [v for v in sections["Value"] if v.startswith("For ")]
    asked_price = False
    for topic in customer.topics:
        play = play_for(topic)
        question = next((q for q in questions if q.startswith(f"On {inline(topic)}:")), None)
        agent(question or play.question.format(topic=inline(topic)))
        customer_says(rng.choice(play.customer_answers))
        value = next((v for v in values if v.startswith(f"For {inline(topic)}:")), None)
        agent(value or play.value.format(topic=inline(topic)))
        if play.kind == "pricing" and not asked_price:
            asked_price = True
            customer_says(play.customer_worry)
            agent(
                "It depends on the number of seats. A pilot for a small team costs far less than one lost deal a month."
            )
        elif rng.random() < 0.35:
            customer_says(play.customer_worry)
            agent("Good question. That's exactly what we'd show you with your own data in a walkthrough.")
    if not asked_price:
        customer_says("Before we go further, what does something like this cost?")
        agent(
            "Pricing is per seat with no setup fee, and we usually start with a small pilot so you can see the return."
        )

    objection = rng.choice(OBJECTIONS)
    customer_says(objection.customer_says)
    agent(_objection_answer(sections["Objections"], objection))

    close = sections["Close"] or ["Could we book a thirty-minute walkthrough later this week?"]
    agent(close[0])
    if rng.random() < _accept_chance(customer.conversation_history, rng):
        customer_says(
            rng.choice(["Thursday works for me. Let's do it.", "Friday afternoon would be good. Send the invite."])
        )
        agent(*close[1:]) if close[1:] else agent(f"Wonderful. Thank you, {first}!")
    else:
        customer_says(
            rng.choice(
                [
                    "I don't think we're ready for that yet. Send me some information first.",
                    "Not this month, sorry. Maybe check back with me next quarter.",
                ]
            )
        )
        agent(
            f"No problem at all, {first}. I'll email a short summary so you have it when the time is right. Thank you!"
        )

    planned: list[PlannedLine] = []
    clock = RING_SECONDS
    for i, (speaker, text) in enumerate(turns):
        if i:  # a natural pause before each turn: the customer thinks a little longer than the agent
            clock += rng.uniform(0.6, 1.6) if speaker is Speaker.CUSTOMER else rng.uniform(0.3, 0.8)
        start = clock
        clock += max(1.2, len(text.split()) / WORDS_PER_SECOND)
        planned.append(PlannedLine(speaker, text, round(start, 3), round(clock, 3)))
    return planned
