"""A call's lines as every page and the report show them: who said each (a voicemail greeting is the voicemail, not
the customer) and when it began (fixed once shown)."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from salesbot.analysis.evidence import Line, machine_lines
from salesbot.models import Call, Speaker, Utterance, line_starts, seconds_into, speaking_start


class Voice(enum.StrEnum):
    """Who is heard on a line: the stored speaker, except that an answering machine is not the customer."""

    AGENT = "agent"
    CUSTOMER = "customer"
    VOICEMAIL = "voicemail"
    SYSTEM = "system"

    @property
    def label(self) -> str:
        return self.value.title()


@dataclass(frozen=True)
class ShownLine:
    """One line as shown: the line, who said it, when it began and how far into the call that was."""

    line: Utterance
    voice: Voice
    began: datetime
    seconds: float | None  # into the call (None when the call has no start)
    speaking: bool = False  # being said right now: its words so far


def voices(lines: Sequence[Utterance]) -> list[Voice]:
    """Who said each line: the analysis's own rule (analysis.evidence.machine_lines) finds the lines an answering
    machine said, so the page, the report and the talk time agree on what was the voicemail."""
    spoken = [Line(i, u.speaker, u.text, None) for i, u in enumerate(lines) if u.speaker is not Speaker.SYSTEM]
    machine = machine_lines([ln for ln in spoken if ln.text.strip()])
    return [Voice.VOICEMAIL if i in machine else Voice(u.speaker.value) for i, u in enumerate(lines)]


def shown_lines(
    call: Call, said: Sequence[Utterance] | None = None, speaking: Utterance | None = None
) -> list[ShownLine]:
    """The call's lines (or `said`, those a replay has reached) and the line being said, each with who said it and
    when it began: a line being said shows its start, which does not change when it is finished."""
    lines = list(call.utterances if said is None else said)
    starts = line_starts(lines, call.started_at)
    if speaking is not None:
        lines.append(speaking)
        starts.append(speaking_start(speaking))
    heard = voices(lines)
    return [
        ShownLine(
            u, who, began, seconds_into(call.started_at, began), speaking=speaking is not None and n == len(lines) - 1
        )
        for n, (u, who, began) in enumerate(zip(lines, heard, starts, strict=True))
    ]
