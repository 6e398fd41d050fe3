"""The call-update diff: what a provider's progress report changes on a stored call, only the differences, so an
unchanged poll writes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from salesbot.models import Call, CallStatus, Utterance
from salesbot.storage import CallChanges
from salesbot.telephony import CallProgress


def merge_utterances(known: list[Utterance], fresh: list[Utterance]) -> list[Utterance]:
    """Add only utterances not seen before (by id), in the order they were said."""
    by_id = {u.id: u for u in known}
    for u in fresh:
        by_id.setdefault(u.id, u)
    return sorted(by_id.values(), key=lambda u: u.at)


def seconds_between(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds(), 1)


def changes_from(call: Call, progress: CallProgress) -> CallChanges | None:
    """The fields the progress report changes on the call, or None when it changes nothing."""
    utterances = merge_utterances(call.utterances, progress.utterances)
    changes = CallChanges(
        status=progress.status if progress.status != call.status else None,
        utterances=utterances if len(utterances) != len(call.utterances) else None,
        ended_at=progress.ended_at if progress.ended_at and progress.ended_at != call.ended_at else None,
        duration_seconds=(
            seconds_between(call.started_at, progress.ended_at)
            if progress.ended_at and progress.ended_at != call.ended_at
            else None
        ),
        error_message=(
            progress.error_message
            if progress.error_message is not None and progress.error_message != call.error_message
            else None
        ),
        recording_url=(
            progress.recording_url
            if progress.recording_url is not None and progress.recording_url != call.recording_url
            else None
        ),
    )
    return None if changes == CallChanges() else changes


def after_stop(progress: CallProgress) -> CallProgress:
    """A stopped call never goes back to ringing or talking, and once the provider has settled it, it is STOPPED."""
    if progress.status in {CallStatus.DIALLING, CallStatus.IN_PROGRESS}:
        return replace(progress, status=CallStatus.FINISHING, speaking=None)
    if progress.status is CallStatus.COMPLETED:
        return replace(progress, status=CallStatus.STOPPED)
    return progress
