"""When each line of a call began: stored where the provider knew it, else estimated once from the words.

A line's time on every page and in the report is the moment it began, so it never changes while the line is spoken
and when it completes. Providers store the start with each line (`Utterance.started`); lines stored without one
(older calls, a provider that only says when a line was finished) get the estimate below, which depends only on
the line and the one before it, so it is the same on every draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from salesbot.models.call import Speaker, Utterance

WORDS_PER_SECOND = 3.0  # a voice agent's pace: about 180 words a minute, as text-to-speech voices speak by default


def speaking_seconds(text: str) -> float:
    """How long the words take to say at the voice agent's pace."""
    return len(text.split()) / WORDS_PER_SECOND


def line_starts(lines: Sequence[Utterance], call_start: datetime | None) -> list[datetime]:
    """When each finished line began, in order: its stored start, else its end less the time its words take to say,
    never before the line before it ended (nor before the call started). A system note happened at its time."""
    starts: list[datetime] = []
    previous_end = call_start
    for u in lines:
        if u.started is not None:
            began = u.started
        elif u.speaker is Speaker.SYSTEM:
            began = u.at
        else:
            began = u.at - timedelta(seconds=speaking_seconds(u.text))
            if previous_end is not None:
                began = max(began, previous_end)
            began = min(began, u.at)
        starts.append(began)
        previous_end = u.at if previous_end is None else max(previous_end, u.at)
    return starts


def with_starts(lines: Sequence[Utterance], call_start: datetime | None) -> list[Utterance]:
    """The lines with their start stored where it was missing (a provider that only says when a line ended): fixed
    from the first time a line is stored, as stored lines are never replaced."""
    starts = line_starts(lines, call_start)
    return [
        u if u.started is not None else u.model_copy(update={"started": s}) for u, s in zip(lines, starts, strict=True)
    ]


def speaking_start(line: Utterance) -> datetime:
    """When the line being spoken right now began (a line in progress carries its start, stored or in `at`)."""
    return line.started or line.at


def seconds_into(call_start: datetime | None, moment: datetime) -> float | None:
    """Seconds from the call's start to `moment` (None when the call has no start)."""
    return None if call_start is None else max(0.0, (moment - call_start).total_seconds())
