"""One AI rehearsal, turn by turn: the agent's model, then the customer's, each line streamed into the run as it grows;
the rules finish a call whose model stops answering."""

from __future__ import annotations

import logging
import random
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from salesbot.models import NOBODY_ANSWERED, Call, CallStatus, Customer, Speaker, Utterance
from salesbot.playbook import endings as E
from salesbot.playbook.personas import Persona, draw_objection, draw_outcome
from salesbot.playbook.speech import WORDS_PER_SECOND
from salesbot.telephony import CallContext
from salesbot.telephony.conversation import RING_SECONDS
from salesbot.telephony.handover import rules_finish

if TYPE_CHECKING:
    from salesbot.telephony.rehearsal import ModelRehearsal

log = logging.getLogger("salesbot.telephony.rehearsal")  # one logger for the rehearsal, as before the split
HANDOVER = "The language model stopped answering; the rest of this rehearsal is played by the rules."
CALL_ENDED = "Call ended."
NO_ANSWER_RING_S, PAUSE_S = 20.0, 0.5  # at pace 1, as the rules' calls
RING_S = RING_SECONDS
_ECHO = re.compile(r"<\s*/?\s*rehearsal_data|^\s*[{\[]\s*\"|\"call_so_far\"")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_SPEAKER_TAG = re.compile(r"^\s*(agent|customer|assistant)\s*:\s*", re.I)
_END = re.compile(r"\s*\[\s*END\s*\]?\s*|\s*\[E?N?D?$")  # the customer's end marker, or the start of one
FACTS = {  # hidden from the agent: the customer model reveals them when asked
    "budget": ("about ₹2 lakh a year", "no budget approved until next quarter", "around $500 a month",
               "whatever the current tool costs, not more", "a pilot budget only, for ten seats"),
    "timing": ("this quarter", "after the budget review on the 15th", "next quarter", "not before April"),
    "decision_maker": ("you decide", "your manager signs off", "the IT director decides with you",
                       "a committee of three, you among them"),
}  # fmt: skip


class ModelFailed(Exception):
    """A line the model could not finish: the rules take over."""


def hidden_facts(seed: str, customer: Customer, persona: Persona) -> dict[str, str]:
    """Budget, timing, who decides and the persona's objection: the same attempt always draws the same facts."""
    rng = random.Random(f"facts:{seed}:{customer.id}")
    facts = {name: rng.choice(options) for name, options in FACTS.items()}
    objection = draw_objection(persona, rng)
    facts["objection_you_may_raise"] = objection.value if objection else "none"
    return facts


@dataclass
class Run:
    """One rehearsal as its thread plays it; read by `progress` under the lock."""

    status: CallStatus = CallStatus.DIALLING
    lines: list[Utterance] = field(default_factory=list)
    speaking: Utterance | None = None
    ended_at: datetime | None = None
    error_message: str | None = None
    done: bool = False  # the thread has ended (finished, stopped or failed)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _clean(text: str) -> str:
    """A generated line as it is shown: no speaker tag, end marker or quotation marks around it."""
    text = _END.sub(" ", _SPEAKER_TAG.sub("", text)).strip()
    return " ".join(text.strip('"“”').split())


class Conversation:
    """One rehearsal, turn by turn: the agent, then the customer, until the customer's last words get a goodbye."""

    def __init__(
        self, owner: ModelRehearsal, run: Run, call: Call, context: CallContext, who: Persona, pace: float
    ) -> None:
        self.owner, self.run, self.call, self.who, self.pace = owner, run, call, who, max(pace, 0.01)
        self.customer, self.script = context.customer, context.script.script
        self.said: list[tuple[Speaker, str]] = []
        self.outcome = draw_outcome(who, random.Random(f"{call.attempt_key}:{self.customer.id}"))
        self.facts = hidden_facts(call.attempt_key, self.customer, who)
        self.language = "Hindi" if _DEVANAGARI.search(self.script) else "English"

    def play(self) -> None:
        if self.who.name == "no_answer":
            if not self.run.stop.wait(NO_ANSWER_RING_S / self.pace):
                self.owner._finish(self.run, CallStatus.FAILED, NOBODY_ANSWERED, error=NOBODY_ANSWERED)
            return
        if self.run.stop.wait(RING_S / self.pace):
            return
        try:
            self._converse()
        except ModelFailed as e:
            log.warning("call %s: the model failed mid-rehearsal (%s); the rules finish it", self.call.id, e)
            self._say(Speaker.SYSTEM, HANDOVER)
            rest = rules_finish(self.customer, self.script, self.who.name, self.call.attempt_key, self.said,
                                facts=self.owner.facts)  # fmt: skip
            for speaker, text in rest:
                self._speak_by_rules(speaker, text)
        if not self.run.stop.is_set():
            self.owner._finish(self.run, CallStatus.COMPLETED, CALL_ENDED)

    def _converse(self) -> None:
        from salesbot.llm.rehearsal_prompts import CUSTOMER_ENDED, rehearsal_agent_messages, rehearsal_customer_messages

        finished = self.who.name == "voicemail"
        if finished:
            first = self.customer.name.split()[0]
            self._say(Speaker.CUSTOMER, random.Random(self.call.attempt_key).choice(E.VOICEMAIL_GREETINGS).format(
                first=first, name=self.customer.name))  # fmt: skip
        for turn in range(self.owner.max_turns):
            if self.run.stop.is_set():
                return
            said = [(s.value, t) for s, t in self.said]
            agent_says = rehearsal_agent_messages(self.owner.agent, self.owner.offer, self.customer, self.script,
                                                  said, finished, voicemail=self.who.name == "voicemail")  # fmt: skip
            self._generate(Speaker.AGENT, agent_says)
            if finished or self.run.stop.is_set():
                return
            said = [(s.value, t) for s, t in self.said]
            turns_left = self.owner.max_turns - turn - 1
            customer_says = rehearsal_customer_messages(self.customer, self.who.name, self.facts, self.outcome.value,
                                                        self.language, said, turns_left)  # fmt: skip
            finished = CUSTOMER_ENDED in self._generate(Speaker.CUSTOMER, customer_says) or turns_left <= 0

    def _generate(self, speaker: Speaker, messages: list[tuple[str, str]]) -> str:
        """One line streamed into `speaking` as it grows, then said; returns the raw text (end marker included)."""
        raw = ""
        for raw in self.owner.stream_line(messages, self.run.stop):
            if _ECHO.search(raw):  # a small model may echo its data instead of speaking: never shown as a line
                raise ModelFailed("The language model repeated its instructions instead of speaking.")
            if shown := _clean(raw):
                self._show(speaker, shown)
        if self.run.stop.is_set():
            return raw
        if not _clean(raw):
            raise ModelFailed("The language model answered with an empty line.")
        self._say(speaker, _clean(raw))
        self.run.stop.wait(PAUSE_S / self.pace)
        return raw

    def _speak_by_rules(self, speaker: Speaker, text: str) -> None:
        """A rules line spoken word by word at the call's pace, as the rules' own calls are."""
        words = text.split()
        for i in range(1, len(words) + 1):
            if self.run.stop.wait(1 / WORDS_PER_SECOND / self.pace):
                return
            self._show(speaker, " ".join(words[:i]))
        self._say(speaker, text)
        self.run.stop.wait(PAUSE_S / self.pace)

    def _show(self, speaker: Speaker, text: str) -> None:
        with self.run.lock:
            if self.run.ended_at is None and not self.run.stop.is_set():
                began = self.run.speaking.at if self.run.speaking else self.owner.clock()  # shown with when it began
                self.run.status = CallStatus.IN_PROGRESS
                self.run.speaking = Utterance(id=f"m{len(self.run.lines)}", speaker=speaker, text=text, at=began,
                                              started=began)  # fmt: skip

    def _say(self, speaker: Speaker, text: str) -> None:
        if speaker is not Speaker.SYSTEM:
            self.said.append((speaker, text))
        with self.run.lock:
            if self.run.ended_at is None and not self.run.stop.is_set():
                self.run.status = CallStatus.IN_PROGRESS
                began = self.run.speaking.at if self.run.speaking else None  # when its first words were shown
                line = Utterance(id=f"m{len(self.run.lines)}", speaker=speaker, text=text, at=self.owner.clock(),
                                 started=began)  # fmt: skip
                self.run.lines.append(line)
                self.run.speaking = None
