"""The turns of a simulated call as they are planned, and what they show about its topics and objections."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from salesbot.call_analysis import Coverage, ObjectionKind
from salesbot.models import Customer, Speaker
from salesbot.playbook import OBJECTIONS, play_for
from salesbot.playbook.voices import NO_NEED_ANSWER
from salesbot.scripts import parse_sections
from salesbot.scripts.offline import inline

_PREFIX = re.compile(r"^(On|For) [^:]{1,120}:\s*")
_OBJECTION_LINE = re.compile(r'^If they say "(?P<says>[^"]+)"[^:]*:\s*(?P<answer>.+)$')
_SENTENCE = re.compile(r"(?<=[.!?।])\s+")
_THANKS = re.compile(r"thank|धन्यवाद|taking my call", re.I)


def spoken(line: str) -> str:
    """A script line as the agent says it: without its "On pricing:" label."""
    return _PREFIX.sub("", line).strip()


class Dialogue:
    """Records the turns and, as it goes, the ground truth: which topics were discussed and which objections said.

    A topic the agent raises is covered once the customer's next turn responds to it (or when the customer brings it
    up); a topic raised but brushed off, talked past or cut off stays raised and not discussed.
    """

    def __init__(self, person: Customer, script: str, rng: random.Random) -> None:
        self.person = person
        self.rng = rng
        self.first = person.name.split()[0]
        self.sections = parse_sections(script)
        self.turns: list[tuple[Speaker, str]] = []
        self.coverage = {topic: Coverage.NOT_COVERED for topic in person.topics}
        self.objections: list[ObjectionKind] = []
        self._raised: str | None = None  # the topic the agent's turn raised, waiting for the customer's answer

    def pick(self, options: Sequence[str], **fields: str) -> str:
        return self.rng.choice(options).format(first=self.first, name=self.person.name, **fields)

    def agent(self, *lines: str, raises: str | None = None) -> None:
        """The agent speaks; lines in a row are one turn, never two."""
        text = " ".join(spoken(line) for line in lines if line.strip())
        if text and self.turns and self.turns[-1][0] is Speaker.AGENT:
            self.turns[-1] = (Speaker.AGENT, f"{self.turns[-1][1]} {text}")
        elif text:
            self.turns.append((Speaker.AGENT, text))
        if raises is not None:
            self._raised = raises
            if self.coverage[raises] is Coverage.NOT_COVERED:
                self.coverage[raises] = Coverage.RAISED

    def customer(
        self,
        text: str,
        responds: bool = False,
        objection: ObjectionKind | None = None,
        mentions: Sequence[str] = (),
    ) -> None:
        """The customer speaks: answering the topic just raised (`responds`), objecting, or bringing topics up."""
        if self.turns and self.turns[-1][0] is Speaker.CUSTOMER:  # one turn, not two in a row
            self.turns[-1] = (Speaker.CUSTOMER, f"{self.turns[-1][1]} {text}")
        else:
            self.turns.append((Speaker.CUSTOMER, text))
        if responds and self._raised is not None:
            self.coverage[self._raised] = Coverage.COVERED
        for topic in mentions:
            self.coverage[topic] = Coverage.COVERED
        self._raised = None
        if objection is not None and objection not in self.objections:
            self.objections.append(objection)

    def topics_of_kind(self, kind: str) -> list[str]:
        return [topic for topic in self.person.topics if play_for(topic).kind == kind]

    # What the script gives the agent to say; an edited script may lack any section.

    def opener(self) -> list[str]:
        return self.sections["Opener"] or [f"Hello {self.first}, thank you for taking my call."]

    def introduction(self) -> str:
        """Who is calling, from the opener's first line, without thanking anyone for a call they did not take."""
        kept = [s for s in _SENTENCE.split(spoken(self.opener()[0])) if s and not _THANKS.search(s)]
        return " ".join(kept) or f"Hi {self.first}, this is a quick message for you."

    def question(self, topic: str) -> str:
        label = f"On {inline(topic)}:"
        found = next((q for q in self.sections["Discovery"] if q.startswith(label)), None)
        return found or play_for(topic).question.format(topic=inline(topic))

    def free_question(self) -> str | None:
        """A discovery question about no one topic ("Who else would be part of a decision like this?")."""
        return next((q for q in self.sections["Discovery"] if not q.startswith("On ") and q.endswith("?")), None)

    def value(self, topic: str) -> str:
        label = f"For {inline(topic)}:"
        found = next((v for v in self.sections["Value"] if v.startswith(label)), None)
        return found or play_for(topic).value.format(topic=inline(topic))

    def objection_answer(self, kind: ObjectionKind) -> str:
        """The script's answer to this kind of objection, or the playbook's."""
        known = next((o for o in OBJECTIONS if o.kind == kind.value), None)
        if known is None:
            return NO_NEED_ANSWER
        for line in self.sections["Objections"]:
            match = _OBJECTION_LINE.match(line)
            if match and match.group("says").strip() == known.customer_says:
                return match.group("answer").strip()
        return known.agent_answers

    def close(self) -> list[str]:
        return self.sections["Close"] or ["Could we book a thirty-minute walkthrough later this week?"]
