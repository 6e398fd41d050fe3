"""AI rehearsal: a simulated call played by a language model on both sides, each line streamed as it is generated."""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from salesbot.errors import TelephonyError
from salesbot.llm.model import token_cap
from salesbot.models import Call, CallStatus, Customer, Speaker, Utterance
from salesbot.playbook import endings as E
from salesbot.playbook.facts import OfferFacts
from salesbot.playbook.personas import BY_NAME, Persona, draw_objection, draw_outcome, draw_persona
from salesbot.playbook.speech import WORDS_PER_SECOND
from salesbot.telephony import CallContext, CallProgress
from salesbot.telephony.conversation import RING_SECONDS
from salesbot.telephony.handover import rules_finish

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)
HANDOVER = "The language model stopped answering; the rest of this rehearsal is played by the rules."
INTERRUPTED = "The rehearsal was interrupted when the app restarted; the call ends with what was said."
UNPLAYED_AFTER_S = 60.0  # a model call no thread here plays, quiet this long, is settled (another process may play it)
CALL_ENDED, NOBODY_ANSWERED = "Call ended.", "Nobody answered."
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


class _ModelFailed(Exception):
    """A line the model could not finish: the rules take over."""


def hidden_facts(seed: str, customer: Customer, persona: Persona) -> dict[str, str]:
    """Budget, timing, who decides and the persona's objection: the same attempt always draws the same facts."""
    rng = random.Random(f"facts:{seed}:{customer.id}")
    facts = {name: rng.choice(options) for name, options in FACTS.items()}
    objection = draw_objection(persona, rng)
    facts["objection_you_may_raise"] = objection.value if objection else "none"
    return facts


@dataclass
class _Run:
    """One rehearsal as its thread plays it; read by `progress` under the lock."""

    status: CallStatus = CallStatus.DIALLING
    lines: list[Utterance] = field(default_factory=list)
    speaking: Utterance | None = None
    ended_at: datetime | None = None
    error_message: str | None = None
    done: bool = False  # the thread has ended (finished, stopped or failed)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


class ModelRehearsal:
    """Plays simulated calls with a chat model, one background thread per call (a bounded number at once); a call
    nobody watches still finishes. A model failure hands the rest of the call to the rules with a note."""

    def __init__(
        self,
        model: BaseChatModel,
        model_name: str,
        agent: str,
        offer: str,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        max_tokens: int = 120,
        line_seconds: float = 20.0,
        max_turns: int = 10,
        max_running: int = 4,
        runs_kept: int = 256,
        token_field: str = "max_completion_tokens",
        facts: OfferFacts | None = None,
    ) -> None:
        self.facts = facts  # what the rules may quote if they take the call over
        # A bound on tokens and a stop at a new speaker's turn. langchain-openai sends a bound max_tokens as OpenAI's
        # max_completion_tokens, which llama-cpp-python's server ignores (it generates on to the end of its
        # context): other servers get the older max_tokens, which every OpenAI-compatible server reads. The
        # characters and the time per line are bounded here too, for any server that still runs on.
        stop = ["\nCustomer:", "\nAgent:"]
        self.model = model.bind(**token_cap(max_tokens, token_field), stop=stop)
        self.model_name, self.agent, self.offer, self.clock = model_name, agent, offer, clock
        self.max_chars, self.line_seconds, self.max_turns = max_tokens * 8, line_seconds, max_turns
        self._slots = threading.BoundedSemaphore(max_running)
        self._max_running, self._runs_kept = max_running, runs_kept
        self._runs: dict[str, _Run] = {}  # by attempt key (in the call's provider id)
        self._lock = threading.Lock()

    def start(self, call: Call, context: CallContext, persona: str | None, pace: float) -> None:
        """Begin playing the call in the background; refused when as many rehearsals as allowed are running."""
        if not self._slots.acquire(blocking=False):
            raise TelephonyError(
                f"{self._max_running} AI rehearsals are running already: wait for one to end, or choose"
                " Simulated by: rules."
            )
        run = _Run()
        with self._lock:
            finished = [key for key, r in self._runs.items() if r.done]
            for key in finished[: max(0, len(self._runs) - self._runs_kept + 1)]:
                del self._runs[key]
            self._runs[call.attempt_key] = run
        who = BY_NAME[persona] if persona in BY_NAME else draw_persona(call.attempt_key, context.customer)
        thread = threading.Thread(
            target=self._play, args=(run, call, context, who, pace), name=f"rehearsal-{call.id}", daemon=True
        )
        thread.start()

    def progress(self, call: Call, context: CallContext) -> CallProgress:
        """What has been said (lines with their real finish times) and the line being generated, words so far."""
        with self._lock:
            run = self._runs.get(call.attempt_key)
        if run is None:
            return settle_unplayed(call, self.clock)
        with run.lock:
            return CallProgress(run.status, list(run.lines), run.ended_at, run.error_message, speaking=run.speaking)

    def stop(self, call: Call) -> None:
        """End generation: the thread stops at its next word and says nothing more."""
        with self._lock:
            run = self._runs.get(call.attempt_key)
        if run is not None:
            run.stop.set()

    def _play(self, run: _Run, call: Call, context: CallContext, who: Persona, pace: float) -> None:
        try:
            _Conversation(self, run, call, context, who, pace).play()
        except Exception:  # never a broken call: whatever went wrong, the call ends with what was said
            log.exception("call %s: the rehearsal failed", call.id)
            self._finish(run, CallStatus.COMPLETED, CALL_ENDED)
        finally:
            run.done = True
            self._slots.release()

    def _finish(self, run: _Run, status: CallStatus, note: str, error: str | None = None) -> None:
        now = self.clock()
        with run.lock:
            if run.ended_at is None:
                run.lines.append(Utterance(id="end", speaker=Speaker.SYSTEM, text=note, at=now))
                run.status, run.ended_at, run.error_message, run.speaking = status, now, error, None

    def stream_line(self, messages: list[tuple[str, str]], stop: threading.Event) -> Iterator[str]:
        """The visible text of one line as it grows: reasoning blocks dropped, bounded in characters and time."""
        from salesbot.llm.model import describe_failure
        from salesbot.llm.think import ThinkFilter

        think, text, deadline = ThinkFilter(), "", time.monotonic() + self.line_seconds
        stream = self.model.stream(messages)
        try:
            for chunk in stream:
                if stop.is_set():
                    return
                piece = chunk.content if isinstance(chunk.content, str) else ""
                text += think.feed(piece)
                yield text
                if len(text) > self.max_chars or time.monotonic() > deadline:
                    log.info("a rehearsal line was cut at %d characters", len(text))
                    return
            yield text + think.finish()
        except Exception as e:
            raise _ModelFailed(describe_failure(e, self.model_name, midstream=bool(text))) from e
        finally:
            if isinstance(stream, Generator):
                stream.close()  # an abandoned stream closes its connection: the server stops generating


def settle_unplayed(call: Call, clock: Callable[[], datetime]) -> CallProgress:
    """A model call no thread here plays (the app restarted): once it has been quiet for a while, it ends with what
    is stored and says so; until then it stays as it is (another app process may be playing it)."""
    now = clock()
    last = max([u.at for u in call.utterances] or [call.started_at or call.created_at])
    if (now - last).total_seconds() < UNPLAYED_AFTER_S:
        return CallProgress(call.status, list(call.utterances))
    now = max(now, last)
    note = Utterance(id="interrupted", speaker=Speaker.SYSTEM, text=INTERRUPTED, at=now)
    return CallProgress(CallStatus.COMPLETED, [*call.utterances, note], ended_at=now)


def _clean(text: str) -> str:
    """A generated line as it is shown: no speaker tag, end marker or quotation marks around it."""
    text = _END.sub(" ", _SPEAKER_TAG.sub("", text)).strip()
    return " ".join(text.strip('"“”').split())


class _Conversation:
    """One rehearsal, turn by turn: the agent, then the customer, until the customer's last words get a goodbye."""

    def __init__(
        self, owner: ModelRehearsal, run: _Run, call: Call, context: CallContext, who: Persona, pace: float
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
        except _ModelFailed as e:
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
                raise _ModelFailed("The language model repeated its instructions instead of speaking.")
            if shown := _clean(raw):
                self._show(speaker, shown)
        if self.run.stop.is_set():
            return raw
        if not _clean(raw):
            raise _ModelFailed("The language model answered with an empty line.")
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
                self.run.speaking = Utterance(id=f"m{len(self.run.lines)}", speaker=speaker, text=text, at=began)

    def _say(self, speaker: Speaker, text: str) -> None:
        if speaker is not Speaker.SYSTEM:
            self.said.append((speaker, text))
        with self.run.lock:
            if self.run.ended_at is None and not self.run.stop.is_set():
                self.run.status = CallStatus.IN_PROGRESS
                line = Utterance(id=f"m{len(self.run.lines)}", speaker=speaker, text=text, at=self.owner.clock())
                self.run.lines.append(line)
                self.run.speaking = None
