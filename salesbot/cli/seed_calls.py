"""Demo calls as the simulator plays them, with a second or third objection in some, analysed once and reused.

Planning and analysing a call costs milliseconds, so a large seed plans calls for the first few hundred customers
(profiles) and gives later customers, each with their own number, the calls of a profile like them: the same
person and script, so every transcript still names the customer it is stored with."""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from salesbot.analysis.offline import OfflineCallAnalyst
from salesbot.models import Call, CallAnalysis, CallStatus, Customer, ObjectionKind, Speaker, Utterance
from salesbot.playbook.objections import OBJECTIONS
from salesbot.playbook.speech import WORDS_PER_SECOND
from salesbot.playbook.voices import OBJECTION_LINES
from salesbot.telephony.conversation import PlannedLine, SimulatedCall

ANALYST = OfflineCallAnalyst()
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # analyses hold seconds into the call, so any start gives the same one
# Objections a customer adds to the one the simulator plays (price needs a price named; no need ends the talk).
_LATER_OBJECTIONS = (ObjectionKind.TIMING, ObjectionKind.COMPETITOR, ObjectionKind.AUTHORITY)
_MORE = (0, 1, 2)
_MORE_WEIGHTS = (0.62, 0.26, 0.12)  # with the simulator's one: calls with 0, 1, 2 and 3 objections


@dataclass(frozen=True)
class CallBody:
    """A planned call with everything that does not depend on when it was made."""

    simulated: SimulatedCall
    status: CallStatus
    analysis: CallAnalysis
    note: str | None  # the system line it ends with (why it failed, or how it ended)


def _said(start: float, text: str) -> float:
    return start + max(1.0, len(text.split()) / WORDS_PER_SECOND)


def _answer(kind: ObjectionKind, rng: random.Random) -> str:
    known = next(o for o in OBJECTIONS if o.kind == kind.value)
    return str(rng.choice(known.answers).en)


def more_objections(sim: SimulatedCall, rng: random.Random) -> SimulatedCall:
    """Some connected calls get one or two more objections, each answered, before the agent's last turn."""
    agent_turns = [i for i, line in enumerate(sim.lines) if line.speaker is Speaker.AGENT]
    extra = rng.choices(_MORE, weights=_MORE_WEIGHTS)[0]
    kinds = [k for k in _LATER_OBJECTIONS if k not in sim.truth.objections]
    if not extra or not sim.truth.outcome.connected or len(sim.lines) < 8 or len(agent_turns) < 3:
        return sim
    at = agent_turns[-1]
    lines, clock = list(sim.lines[:at]), sim.lines[at - 1].ends_at
    added = []
    for kind in rng.sample(kinds, min(extra, len(kinds))):
        for speaker, text in (
            (Speaker.CUSTOMER, rng.choice(OBJECTION_LINES[kind])),
            (Speaker.AGENT, _answer(kind, rng)),
        ):
            start = clock + rng.uniform(0.4, 0.9)
            clock = _said(start, text)
            lines.append(PlannedLine(speaker, text, round(start, 3), round(clock, 3)))
        added.append(kind)
    shift = clock - sim.lines[at - 1].ends_at
    lines += [dataclasses.replace(p, starts_at=p.starts_at + shift, ends_at=p.ends_at + shift) for p in sim.lines[at:]]
    truth = dataclasses.replace(sim.truth, objections=(*sim.truth.objections, *added))
    return dataclasses.replace(sim, lines=lines, truth=truth)


def utterances(sim: SimulatedCall, note: str | None, started: datetime) -> list[Utterance]:
    """What was said, timed from `started` ."""
    said = [
        Utterance(id=str(j), speaker=p.speaker, text=p.text, at=started + timedelta(seconds=p.ends_at))
        for j, p in enumerate(sim.lines)
    ]
    if note:
        ended = started + timedelta(seconds=sim.ends_at)
        said.append(Utterance(id="end", speaker=Speaker.SYSTEM, text=note, at=ended))
    return said


def call_body(customer: Customer, sim: SimulatedCall, key: str) -> CallBody:
    """The call analysed as a live one would be."""
    status = CallStatus.COMPLETED if sim.answered else CallStatus.FAILED
    note = sim.failure or sim.end_note
    call = Call(id=0, customer_id=customer.id, script_id=None, phone_e164=customer.phone_e164, provider="simulated",
                attempt_key=key, status=status, utterances=utterances(sim, note, EPOCH), started_at=EPOCH,
                created_at=EPOCH)  # fmt: skip
    return CallBody(sim, status, ANALYST.analyse(call, customer), note)
