"""AI rehearsal: a simulated call played by a language model on both sides, each line streamed as it is generated."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Generator, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from salesbot.errors import TelephonyError
from salesbot.llm.model import token_cap
from salesbot.models import Call, CallStatus, Speaker, Utterance, speaking_start
from salesbot.playbook.facts import OfferFacts
from salesbot.playbook.personas import BY_NAME, Persona, draw_persona
from salesbot.telephony import CallContext, CallProgress
from salesbot.telephony.rehearsal_turns import CALL_ENDED, Conversation, ModelFailed, Run

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)
INTERRUPTED = "The rehearsal was interrupted when the app restarted; the call ends with what was said."
UNPLAYED_AFTER_S = 60.0  # a model call no thread here plays, quiet this long, is settled (another process may play it)


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
        self._runs: dict[str, Run] = {}  # by attempt key (in the call's provider id)
        self._lock = threading.Lock()

    def start(self, call: Call, context: CallContext, persona: str | None, pace: float) -> None:
        """Begin playing the call in the background; refused when as many rehearsals as allowed are running."""
        if not self._slots.acquire(blocking=False):
            raise TelephonyError(
                f"{self._max_running} AI rehearsals are running already: wait for one to end, or choose"
                " Simulated by: rules."
            )
        run = Run()
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
        """End generation: the thread stops at its next word and says nothing more. The line being generated is kept
        with the words it has so far (the rest was never said), and the call ends there."""
        with self._lock:
            run = self._runs.get(call.attempt_key)
        if run is None:
            return
        run.stop.set()
        now = self.clock()
        with run.lock:
            if run.ended_at is None:
                if run.speaking is not None:
                    run.lines.append(
                        run.speaking.model_copy(update={"at": now, "started": speaking_start(run.speaking)})
                    )
                run.status, run.ended_at, run.speaking = CallStatus.COMPLETED, now, None

    def _play(self, run: Run, call: Call, context: CallContext, who: Persona, pace: float) -> None:
        try:
            Conversation(self, run, call, context, who, pace).play()
        except Exception:  # never a broken call: whatever went wrong, the call ends with what was said
            log.exception("call %s: the rehearsal failed", call.id)
            self._finish(run, CallStatus.COMPLETED, CALL_ENDED)
        finally:
            run.done = True
            self._slots.release()

    def _finish(self, run: Run, status: CallStatus, note: str, error: str | None = None) -> None:
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
            raise ModelFailed(describe_failure(e, self.model_name, midstream=bool(text))) from e
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
