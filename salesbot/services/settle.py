"""Every call settles: the rules that end a call its provider lost or that outlived any real call, with the reason.

A call the provider keeps answering 404 for (its state lost, or bound to an id that is not one of its calls), or one
still open long after its maximum length plus the wrap-up window (a process that followed it died, a provider that
never says it ended), is settled as lost: failed, with the reason, its number free for new calls.
"""

from __future__ import annotations

from datetime import datetime

from salesbot import metrics
from salesbot.models import Call, CallStatus
from salesbot.storage import CallChanges
from salesbot.text import counted

LOST_AFTER_S = 60.0  # a 404 right after placing may be the provider catching up; after a minute it means lost
WRAP_UP_S = 600.0  # how long after its maximum length a call may still be wrapping up (transcript, recording)
DEFAULT_MAX_MINUTES = 30  # for a provider without a stated maximum (simulated calls)


def age_seconds(call: Call, now: datetime) -> float:
    """Seconds since the call began (or was created, if it never started)."""
    return max(0.0, (now - (call.started_at or call.created_at)).total_seconds())


def overdue_reason(call: Call, now: datetime, max_minutes: int | None) -> str | None:
    """Why an open call must be settled because of its age alone; None while it may still be running."""
    if call.status.is_final:
        return None
    limit = max_minutes or DEFAULT_MAX_MINUTES
    if age_seconds(call, now) <= limit * 60 + WRAP_UP_S:
        return None
    minutes = int(age_seconds(call, now) // 60)
    return (
        f"Lost: still open {counted(minutes, 'minute')} after it began, past its maximum of"
        f" {counted(limit, 'minute')} and the wrap-up time; settled so its number is free again."
    )


def lost_reason(call: Call, now: datetime, provider_says: str) -> str | None:
    """Why a call the provider has no record of is settled as lost; None while the 404 may still be a delay."""
    if age_seconds(call, now) < LOST_AFTER_S:
        return None
    return f"Lost: {provider_says.rstrip('.')}. Settled so its number is free again."


def lost(reason: str, now: datetime) -> CallChanges:
    """The changes that settle a call as lost."""
    return CallChanges(status=CallStatus.FAILED, ended_at=now, error_message=reason)


def count_ended(before: Call, after: Call) -> None:
    """A call that just reached a final status, in the metrics (provider, status, analysed outcome)."""
    if after.status.is_final and not before.status.is_final:
        outcome = after.analysis.outcome.value if after.analysis else ""
        metrics.CALLS_ENDED.labels(after.provider, after.status.value, outcome).inc()
