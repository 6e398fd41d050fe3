"""Calls as the pages, the API and the command line use them: placed by place_call, followed by follow_call, played
back by recordings; failures come back as warnings, not raises."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from salesbot.errors import SalesbotError
from salesbot.models import Call
from salesbot.services.analysis import CallAnalysisService
from salesbot.services.call_contexts import CallContexts
from salesbot.services.follow_call import CallFollower, LiveCall
from salesbot.services.place_call import CallPlacer, CallRequest
from salesbot.services.recordings import CallRecordings
from salesbot.storage import CallStore
from salesbot.telephony import CallReport, Telephony

log = logging.getLogger(__name__)
CATCH_UP_LEASE_S = 120.0  # long enough for a catch-up of many calls; a holder that dies frees it this much later


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
        self._catch_up: threading.Thread | None = None
        self._catch_up_lock = threading.Lock()

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

    def catch_up(self, wait: bool = False) -> None:
        """Bring calls left running (a closed tab, a process that died) up to date, so nothing said is lost: in a
        thread of its own, never inside a page's run (`wait`: until it is done), one process at a time through a
        lease in the store, and not again while a catch-up of this process is running."""
        with self._catch_up_lock:
            if self._catch_up is None or not self._catch_up.is_alive():
                self._catch_up = threading.Thread(target=self._catch_up_once, name="salesbot-catch-up", daemon=True)
                self._catch_up.start()
            running = self._catch_up
        if wait:
            running.join()

    def _catch_up_once(self) -> None:
        holder = uuid.uuid4().hex
        try:
            if not self.store.claim_lease("catch-up", holder, CATCH_UP_LEASE_S):
                return  # another process is catching up: what it stores is what every page reads
            try:
                self.follower.catch_up()
            finally:
                self.store.release_lease("catch-up", holder)
        except SalesbotError as e:
            log.warning("catching up calls left running failed: %s", e.user_message)

    def recording(self, call: Call) -> bytes | None:
        """The call's recording as audio, fetched once and kept in memory (see CallRecordings)."""
        return self.recordings.recording(call)
