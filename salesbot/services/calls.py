"""Calls as the pages, the API and the command line use them: placed by place_call, followed by follow_call, played
back by recordings; failures come back as warnings, not raises."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from salesbot.models import Call
from salesbot.services.analysis import CallAnalysisService
from salesbot.services.call_contexts import CallContexts
from salesbot.services.follow_call import CallFollower, LiveCall
from salesbot.services.place_call import CallPlacer, CallRequest
from salesbot.services.recordings import CallRecordings
from salesbot.storage import CallStore
from salesbot.telephony import CallReport, Telephony


class CallService:
    """One call's life over a store and a telephony provider: place it, follow it, stop it, play it back."""

    def __init__(
        self,
        store: CallStore,
        telephony: Telephony,
        analysis: CallAnalysisService,
        clock: Callable[[], datetime],
        number_allowed: Callable[[str], bool] = lambda _number: True,
        redial_guard: timedelta = timedelta(minutes=10),
        provider_poll_s: float = 1.0,
    ) -> None:
        self.store = store
        self.telephony = telephony
        contexts = CallContexts(store)  # placing hands the context it dialled with to the following
        self.placer = CallPlacer(store, telephony, clock, contexts, number_allowed, redial_guard)
        self.follower = CallFollower(store, telephony, analysis, clock, contexts, provider_poll_s)
        self.recordings = CallRecordings(telephony)

    def get_call(self, call_id: int) -> Call:
        """The call as stored (no provider request)."""
        return self.store.get_call(call_id)

    def start_call(self, request: CallRequest) -> Call:
        """Place a call (see CallPlacer.start_call): at most once per attempt key, within every rule of a real call."""
        return self.placer.start_call(request)

    def refresh_call(self, call_id: int) -> LiveCall:
        """The call brought up to date from its provider (see CallFollower.refresh_call)."""
        return self.follower.refresh_call(call_id)

    def settle_report(self, report: CallReport) -> tuple[Call, bool]:
        """Apply a report the provider pushed; the call and whether it changed (see CallFollower.settle_report)."""
        return self.follower.settle_report(report)

    def stop_call(self, call_id: int) -> LiveCall:
        """End a live call, keeping what was said (see CallFollower.stop_call)."""
        return self.follower.stop_call(call_id)

    def catch_up(self) -> None:
        """Bring calls left running (a closed tab) up to date, so nothing said is lost."""
        self.follower.catch_up()

    def recording(self, call: Call) -> bytes | None:
        """The call's recording as audio, fetched once and kept in memory (see CallRecordings)."""
        return self.recordings.recording(call)
