"""Replay a stored call into the live panel at 1×, 2× or 4× its pace: no provider, no new call, no store writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from salesbot.models import Call, Speaker, Utterance, line_starts

SPEEDS = (1.0, 2.0, 4.0)  # call seconds per second a presenter may choose


@dataclass(frozen=True)
class ReplayPace:
    """Where a replay is: `at` seconds into the call at the moment `since` (a monotonic clock's reading), moving on
    `speed` call seconds per second. Changing the speed keeps the point reached; skipping jumps to the end."""

    since: float
    speed: float = 1.0
    at: float = 0.0

    def position(self, now: float) -> float:
        """Seconds into the call the replay shows at `now` (the same clock as `since`)."""
        return self.at + max(0.0, now - self.since) * self.speed

    def at_speed(self, speed: float, now: float) -> ReplayPace:
        """The same replay from the point reached at `now` on, at `speed`."""
        if speed <= 0:
            raise ValueError(f"a replay's speed must be positive, not {speed}")
        return ReplayPace(now, speed, self.position(now))

    def skipped(self, length: float, now: float) -> ReplayPace:
        """The replay at its end (`length` seconds into the call) from `now` on: the whole call at once."""
        return ReplayPace(now, self.speed, max(length, self.position(now)))

    def seconds_left(self, length: float, now: float) -> float:
        """Seconds of the presenter's time until a replay lasting `length` call seconds ends."""
        return max(0.0, length - self.position(now)) / self.speed


@dataclass(frozen=True)
class ReplayFrame:
    """What a replay shows `elapsed` seconds after it started."""

    said: list[Utterance]
    speaking: Utterance | None
    done: bool


def replay_length(call: Call) -> float:
    """Seconds a replay of the call lasts."""
    if not call.utterances or call.started_at is None:
        return 0.0
    return max(0.0, (call.utterances[-1].at - call.started_at).total_seconds())


def replay_clock(call: Call, elapsed: float) -> datetime:
    """The moment of the call a replay shows `elapsed` seconds after it started."""
    start = call.started_at or (call.utterances[0].at if call.utterances else call.created_at)
    return start + timedelta(seconds=elapsed)


def replay_frame(call: Call, elapsed: float) -> ReplayFrame:
    """The lines finished by `elapsed` (seconds into the call) and the line being spoken then, word by word, each
    starting when the page says it started (models.line_starts), so a replay shows the times the call showed."""
    start = replay_clock(call, 0.0)
    said: list[Utterance] = []
    for u, began_at in zip(call.utterances, line_starts(call.utterances, call.started_at), strict=True):
        end = (u.at - start).total_seconds()
        if end <= elapsed:
            said.append(u)
            continue
        words = u.text.split()
        begins = (began_at - start).total_seconds()
        if elapsed < begins or u.speaker is Speaker.SYSTEM:
            return ReplayFrame(said, None, False)
        share = (elapsed - begins) / max(end - begins, 0.01)
        partial = " ".join(words[: max(1, min(len(words), int(share * len(words)) + 1))])
        return ReplayFrame(said, u.model_copy(update={"text": partial, "at": began_at, "started": began_at}), False)
    return ReplayFrame(said, None, True)
