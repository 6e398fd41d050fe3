"""Simulated calls: no real phone rings; a planned call (answered or not) unfolds in real time, word by word."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from salesbot.clock import utc_now
from salesbot.errors import CallRefused, NotFound
from salesbot.models import Call, CallStatus, Speaker, Utterance
from salesbot.playbook.facts import OfferFacts
from salesbot.playbook.personas import BY_NAME
from salesbot.telephony import CallContext, CallProgress, CallReport, PlacedCall
from salesbot.telephony.conversation import PlannedLine, SimulatedCall, plan_call

if TYPE_CHECKING:
    from salesbot.telephony.rehearsal import ModelRehearsal

PLANS_KEPT = 128
# The simulator's own call id carries the pace the call was placed at, so a refresh in any session (or after a
# restart) replays the same timeline: "sim-2x-<attempt key>", or "sim-2x-p.<persona>-<attempt key>" when the
# presenter chose who answers, and "sim-2x-by.model-…" when a language model plays it (an AI rehearsal). Older ids
# ("sim-<attempt key>") use the defaults.
_PACED_ID = re.compile(r"^sim-(?P<pace>\d+(?:\.\d+)?)x-(?P<model>by\.model-)?(?:p\.(?P<persona>[a-z_]+)-)?")
SIMULATED_BY = ("rules", "model")


def simulated_by(call: Call) -> str | None:
    """Who played a simulated call ("rules" or "model"), from its id; None for a real call."""
    if call.provider != "simulated":
        return None
    match = _PACED_ID.match(call.provider_call_id or "")
    return "model" if match and match.group("model") else "rules"


def chosen_persona(call: Call) -> str | None:
    """The persona the presenter chose for a simulated call (kept in its id); None when none was chosen."""
    if call.provider != "simulated":
        return None
    match = _PACED_ID.match(call.provider_call_id or "")
    named = match.group("persona") if match else None
    return named if named in BY_NAME else None


class SimulatedTelephony:
    """A telephony provider that dials nobody. The plan is rebuilt from the call, so nothing is lost on restart."""

    name = "simulated"
    dials_real_phones = False
    max_minutes: int | None = None
    wraps_up_after_stop = False  # a stopped simulated call settles at once: the line being said, whole, then nothing

    def __init__(
        self,
        speed: float = 1.0,
        clock: Callable[[], datetime] = utc_now,
        persona: str | None = None,
        facts: OfferFacts | None = None,
        rehearsal: ModelRehearsal | None = None,
    ) -> None:
        self.rehearsal = rehearsal  # a language model that can play both sides (None: the rules only)
        self.speed = speed
        self.facts = facts or OfferFacts()  # what the agent may quote when the customer asks
        self.clock = clock
        self.persona = persona  # one persona for every call (tests, rehearsals); None draws one per attempt
        self._plans: dict[tuple[str, int], SimulatedCall] = {}  # a call's plan never changes: plan it once

    def _plan(self, call: Call, context: CallContext) -> SimulatedCall:
        key = (call.attempt_key, context.script.id)
        if key not in self._plans:
            if len(self._plans) >= PLANS_KEPT:
                self._plans.pop(next(iter(self._plans)))
            customer, script = context.customer, context.script.script
            persona = self.persona_of(call)
            self._plans[key] = plan_call(customer, script, seed=call.attempt_key, persona=persona, facts=self.facts)
        return self._plans[key]

    def place_call(self, call: Call, context: CallContext) -> PlacedCall:
        pace = context.pace or self.speed
        persona = context.persona or self.persona
        chosen = f"p.{persona}-" if persona else ""
        by_model = (context.simulated_by or ("model" if self.rehearsal else "rules")) == "model"
        if by_model and self.rehearsal is None:
            raise CallRefused("No language model is configured to play the call: set OPENAI_API_KEY, or use the rules.")
        placed = PlacedCall(
            f"sim-{pace:g}x-{'by.model-' if by_model else ''}{chosen}{call.attempt_key}", started_at=self.clock()
        )
        if by_model and self.rehearsal is not None:
            self.rehearsal.start(call, context, persona, pace)
        return placed

    def persona_of(self, call: Call) -> str | None:
        """The persona the call was placed with (kept in its id, so any session replays it), or the default."""
        return chosen_persona(call) or self.persona

    def pace_of(self, call: Call) -> float:
        match = _PACED_ID.match(call.provider_call_id or "")
        pace = float(match.group("pace")) if match else 0.0
        return pace if pace > 0 else self.speed

    def fetch_call(self, call: Call, context: CallContext) -> CallProgress:
        if simulated_by(call) == "model":
            from salesbot.telephony.rehearsal import settle_unplayed

            return self.rehearsal.progress(call, context) if self.rehearsal else settle_unplayed(call, self.clock)
        pace = self.pace_of(call)
        started = call.started_at or self.clock()
        elapsed = (self.clock() - started).total_seconds() * pace
        planned = self._plan(call, context)
        if call.status is CallStatus.FINISHING and call.ended_at is not None:  # the presenter stopped it
            stop = (call.ended_at - started).total_seconds() * pace
            if stop < planned.ends_at:
                return _cut_at(planned, stop, started, pace)
        said = [_line(i, line, started, pace) for i, line in enumerate(planned.lines) if line.ends_at <= elapsed]
        if elapsed < planned.ring_seconds:
            return CallProgress(CallStatus.DIALLING, said)
        end = planned.ends_at
        if elapsed < end:
            speaking = next(
                (
                    _line(i, line, started, pace, said_by=elapsed)
                    for i, line in enumerate(planned.lines)
                    if line.starts_at <= elapsed < line.ends_at
                ),
                None,
            )
            return CallProgress(CallStatus.IN_PROGRESS, said, speaking=speaking)
        ended_at = started + timedelta(seconds=end / pace)
        note = planned.failure or planned.end_note
        if note:
            said.append(Utterance(id="end", speaker=Speaker.SYSTEM, text=note, at=ended_at))
        if planned.failure:  # it rang out: the call never connected
            return CallProgress(CallStatus.FAILED, said, ended_at=ended_at, error_message=planned.failure)
        return CallProgress(CallStatus.COMPLETED, said, ended_at=ended_at)

    def stop_call(self, call: Call) -> None:
        """Nothing to hang up: the service marks the call stopping, and the next look at it (see fetch_call) ends the
        plan after the line being said; a model stops generating, keeping the words of its line so far."""
        if self.rehearsal is not None and simulated_by(call) == "model":
            self.rehearsal.stop(call)

    def recover_call(self, call: Call) -> str | None:
        """Simulated placement never times out, so there is nothing to recover."""
        return None

    def read_report(self, call: Call, report: CallReport, now: datetime) -> CallProgress:
        """No provider pushes reports on simulated calls."""
        raise NotFound(f"No {report.provider} call of ours matches this report.")

    def recording(self, call: Call) -> bytes | None:
        """Nothing is recorded: no phone rang."""
        return None


def _line(i: int, line: PlannedLine, started: datetime, pace: float, said_by: float | None = None) -> Utterance:
    """A planned line as said on the call, with when it began and was finished; with `said_by` (seconds in, at pace
    1) the line being said, its words so far, `at` when it began."""
    began, ended = (started + timedelta(seconds=t / pace) for t in (line.starts_at, line.ends_at))
    if said_by is not None:
        return Utterance(id=str(i), speaker=line.speaker, text=line.words_said(said_by), at=began, started=began)
    return Utterance(id=str(i), speaker=line.speaker, text=line.text, at=ended, started=began)


def _cut_at(planned: SimulatedCall, stop: float, started: datetime, pace: float) -> CallProgress:
    """The call stopped `stop` seconds in (at pace 1): every line begun by then, the one being said finished whole;
    it ends when that line does. Nothing after it is said, and no end note: the service adds the presenter's."""
    begun = [(i, line) for i, line in enumerate(planned.lines) if line.starts_at < stop]
    end = max([stop, *(line.ends_at for _, line in begun)])
    said = [_line(i, line, started, pace) for i, line in begun]
    return CallProgress(CallStatus.COMPLETED, said, ended_at=started + timedelta(seconds=end / pace))
