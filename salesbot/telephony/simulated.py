"""Simulated calls: no phone rings; a planned conversation unfolds in real time at SALESBOT_SIM_SPEED."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from salesbot.models import Call, CallStatus, Speaker, Utterance
from salesbot.telephony import CallContext, CallProgress, PlacedCall
from salesbot.telephony.conversation import RING_SECONDS, plan_conversation

HANG_UP_SECONDS = 1.5


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SimulatedTelephony:
    """A telephony provider that dials nobody. The plan is rebuilt from the call, so nothing is lost on restart."""

    name = "simulated"
    dials_real_phones = False
    max_minutes: int | None = None

    def __init__(self, speed: float = 1.0, clock: Callable[[], datetime] = _utc_now) -> None:
        self.speed = speed
        self.clock = clock

    def place_call(self, call: Call, context: CallContext) -> PlacedCall:
        return PlacedCall(provider_call_id=f"sim-{call.attempt_key}", started_at=self.clock())

    def fetch_call(self, call: Call, context: CallContext) -> CallProgress:
        started = call.started_at or self.clock()
        elapsed = (self.clock() - started).total_seconds() * self.speed
        plan = plan_conversation(context.customer, context.script.script, seed=call.attempt_key)
        said = [
            Utterance(
                id=str(i),
                speaker=line.speaker,
                text=line.text,
                at=started + timedelta(seconds=line.ends_at / self.speed),
            )
            for i, line in enumerate(plan)
            if line.ends_at <= elapsed
        ]
        if elapsed < RING_SECONDS:
            return CallProgress(CallStatus.DIALLING, said)
        end = plan[-1].ends_at + HANG_UP_SECONDS if plan else RING_SECONDS
        if elapsed < end:
            return CallProgress(CallStatus.IN_PROGRESS, said)
        ended_at = started + timedelta(seconds=end / self.speed)
        said.append(Utterance(id="end", speaker=Speaker.SYSTEM, text="Call ended.", at=ended_at))
        return CallProgress(CallStatus.COMPLETED, said, ended_at=ended_at)

    def stop_call(self, call: Call) -> None:
        """Nothing to hang up: the service marks the call stopped and the plan stops there."""

    def recover_call(self, call: Call) -> str | None:
        """Simulated placement never times out, so there is nothing to recover."""
        return None
