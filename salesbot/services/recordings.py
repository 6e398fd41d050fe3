"""Playing a call's recording: fetched from the provider with its key once, then kept (bounded) in memory."""

from __future__ import annotations

from salesbot.models import Call
from salesbot.telephony import Telephony

RECORDINGS_KEPT_BYTES = 64 * 1024 * 1024


class CallRecordings:
    """The audio of recorded calls; the oldest is dropped first when the memory budget runs out."""

    def __init__(self, telephony: Telephony) -> None:
        self.telephony = telephony
        self._kept: dict[int, bytes] = {}

    def recording(self, call: Call) -> bytes | None:
        """The call's recording as audio, fetched from the provider once and kept (bounded) in memory."""
        if not call.recording_url:
            return None
        if call.id not in self._kept:
            audio = self.telephony.recording(call)
            if audio is None:
                return None
            while self._kept and sum(map(len, self._kept.values())) + len(audio) > RECORDINGS_KEPT_BYTES:
                self._kept.pop(next(iter(self._kept)))
            self._kept[call.id] = audio
        return self._kept[call.id]
