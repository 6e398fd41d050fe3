"""A call as it is being decided: the turns so far, where the agent is in the script, and the truth it shows."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from salesbot.analysis.evidence import takes_up
from salesbot.analysis.lexicon import topic_matcher
from salesbot.models import Coverage, Customer, ObjectionKind, Speaker
from salesbot.playbook import endings, hindi, listening, play_for, voices
from salesbot.playbook.facts import OfferFacts
from salesbot.telephony.script_reading import ScriptReading, Sentence, names_a_price, read_script, split_sentences

TURN_WORDS = 45  # an agent statement longer than this leaves room for the customer to react
_THANKS = re.compile(r"thank|धन्यवाद|शुक्रिया|taking my call", re.I)


class Dialogue:
    """Records the turns and, as it goes, the ground truth: which topics were discussed and which objections said.

    A topic the agent raises is covered once the customer's next turn responds to it (or when the customer brings it
    up); a topic raised but brushed off, talked past or cut off stays raised and not discussed.
    """

    def __init__(self, person: Customer, script: str, rng: random.Random, facts: OfferFacts | None = None) -> None:
        self.person = person
        self.rng = rng
        self.first = person.name.split()[0]
        self.reading: ScriptReading = read_script(script, person.topics)
        self.language = self.reading.language
        self.facts = facts or OfferFacts()
        self.cursor = 0  # the next sentence of the script the agent has not said yet
        self.turns: list[tuple[Speaker, str]] = []
        self.coverage = {topic: Coverage.NOT_COVERED for topic in person.topics}
        self.objections: list[ObjectionKind] = []
        self.price_mentioned = False  # no price objection before a price was spoken of
        self.price_asked = False
        self.agent_said: set[str] = set()
        self.answered_with: set[str] = set()  # script sentences said early, as answers: not said again in order
        self.turn_break = "end"  # why the agent's last stretch of script ended: question, value, long, close, end
        self._raised: str | None = None  # the topic the agent's turn raised, waiting for the customer's answer
        self._spoke_of: list[str] = []  # the topics the agent's current turn spoke of, in order
        self._asked = False  # the agent's current turn ended with a question
        self._matchers = {topic: topic_matcher(topic) for topic in person.topics}

    # The stock lines, in the language of the script.

    def lines(self, name: str) -> Any:
        """A constant of stock lines in the script's language (English when Hindi has no twin)."""
        sources: Sequence[ModuleType] = (voices, endings, listening)
        if self.language == "Hindi":
            sources = (hindi, *sources)
        return next(getattr(m, name) for m in sources if hasattr(m, name))

    def pick(self, options: Sequence[str] | str, **fields: str) -> str:
        options = self.lines(options) if isinstance(options, str) else options
        options = (options,) if isinstance(options, str) else options  # a constant of one line
        return str(self.rng.choice(options)).format(first=self.first, name=self.person.name, **fields)

    def say(self, line: Any) -> str:
        """A playbook line (a `Say`) in the script's language."""
        return str(line.in_language(self.language))

    # The script, sentence by sentence.

    @property
    def script_left(self) -> bool:
        return self.cursor < len(self.reading.sentences)

    def peek(self) -> Sentence | None:
        return self.reading.sentences[self.cursor] if self.script_left else None

    def take_turn(self) -> list[Sentence]:
        """The agent's next sentences of the script: up to a question (then it waits), a long stretch, or a value
        sentence about a topic (the customer may want to ask about it). `turn_break` says which."""
        taken: list[Sentence] = []
        words = 0
        self.turn_break = "end"
        while self.script_left:
            sentence = self.reading.sentences[self.cursor]
            if sentence.text in self.answered_with:  # already said when the customer asked: not twice
                self.cursor += 1
                continue
            if taken and sentence.section != taken[-1].section and sentence.section == "Close":
                self.turn_break = "close"
                break
            taken.append(sentence)
            self.cursor += 1
            words += len(sentence.text.split())
            if sentence.is_question:
                self.turn_break = "question"
                break
            if sentence.section == "Value" and sentence.topic:
                self.turn_break = "value"
                break
            if words >= TURN_WORDS:
                self.turn_break = "long"
                break
        if taken:
            raises = next((s.topic for s in reversed(taken) if s.is_question and s.topic), None)
            self.agent(*(s.text for s in taken), raises=raises, about=[self.speaks_of(s) for s in taken])
        return taken

    def speaks_of(self, sentence: Sentence) -> str | None:
        """The topic a script sentence raises, by the project's rule: never the opener's agenda, the recap or the
        close, and never a sentence naming several topics at once (a summary)."""
        if sentence.topic is None or (sentence.section in {"Opener", "Recap", "Close"} and self.has_sections):
            return None
        named = sum(1 for matches in self._matchers.values() if matches(sentence.text))
        return sentence.topic if named <= 1 else None

    @property
    def has_sections(self) -> bool:
        return any(s.section != "Opener" for s in self.reading.sentences)

    def skip_to_close(self) -> None:
        """Jump past everything before the close (a call handed over to the rules near its end)."""
        closes = [i for i, s in enumerate(self.reading.sentences) if s.section == "Close" and i >= self.cursor]
        self.cursor = closes[0] if closes else len(self.reading.sentences)

    @property
    def has_close(self) -> bool:
        return any(s.section == "Close" for s in self.reading.sentences)

    def introduction(self) -> str:
        """Who is calling, from the opener's first line, without thanking anyone for a call they did not take."""
        first = [s.text for s in self.reading.sentences[:2] if s.section == "Opener" and not s.is_question]
        kept = [s for s in first if not _THANKS.search(s)]
        return " ".join(kept[:1]) or f"Hi {self.first}, this is a quick message for you."

    # Turns.

    def agent(
        self, *lines: str, raises: str | None = None, quotes_price: bool = True, about: Sequence[str | None] = ()
    ) -> None:
        """The agent speaks; lines in a row are one turn, never two."""
        text = " ".join(line.strip() for line in lines if line.strip())
        if text and self.turns and self.turns[-1][0] is Speaker.AGENT:
            self.turns[-1] = (Speaker.AGENT, f"{self.turns[-1][1]} {text}")
        elif text:
            self.turns.append((Speaker.AGENT, text))
            self._spoke_of = []
        for sentence in split_sentences(text):
            self._asked = sentence.endswith("?")
        self._spoke_of += [topic for topic in about if topic]
        self.agent_said.update(line.strip() for line in lines)
        if quotes_price and names_a_price(text):
            self.price_mentioned = True
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
        self._take_up(text)
        for topic in mentions:
            self.coverage[topic] = Coverage.COVERED
        self._raised = None
        if objection is not None and objection not in self.objections:
            self.objections.append(objection)

    def _take_up(self, reply: str) -> None:
        """The truth by the project's rule (docs/analysis.md): the last topic the agent's turn spoke of is covered
        when the customer's reply takes it up; the others it spoke of were raised."""
        if not self._spoke_of or (self.turns and len(self.turns) > 1 and self.turns[-2][0] is not Speaker.AGENT):
            return
        last = self._spoke_of[-1]
        for topic in self._spoke_of:
            if self.coverage[topic] is Coverage.NOT_COVERED:
                self.coverage[topic] = Coverage.RAISED
        if takes_up(reply, last, self._matchers, asked=self._asked):
            self.coverage[last] = Coverage.COVERED
        self._spoke_of = []

    def topics_of_kind(self, kind: str) -> list[str]:
        return [topic for topic in self.person.topics if play_for(topic).kind == kind]
