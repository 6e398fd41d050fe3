"""Calls: place one (never twice), follow it while it runs, stop it; failures come back as warnings, not raises."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from salesbot.errors import (
    CallOutcomeUnknown,
    CallRefused,
    NotFound,
    NumberBusy,
    ProviderBusy,
    SalesbotError,
    ScriptWriterError,
)
from salesbot.models import Call, CallStatus, Utterance
from salesbot.services.analysis import CallAnalysisService
from salesbot.services.polling import PollGate
from salesbot.services.progress import changes_from, seconds_between
from salesbot.storage import CallChanges, CallStore, NewCall
from salesbot.telephony import CallContext, CallProgress, Telephony
from salesbot.telephony.script_reading import read_script, script_problem

log = logging.getLogger(__name__)
RECOVER_SECONDS = 180  # how long a call with an unknown outcome is looked for before it counts as not placed
NOT_PLACED = "The call provider has no record of this call after {minutes} minutes: it counts as not placed."
CONTEXTS_KEPT = 256
RECORDINGS_KEPT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class CallRequest:
    """Place a call to this customer with this script version; the attempt key makes it happen at most once."""

    customer_id: int
    script_id: int
    attempt_key: str
    consent: bool = False
    pace: float | None = None  # simulated calls: how fast the call unfolds
    despite_do_not_call: bool = False  # the presenter confirmed the customer has since agreed to be called
    persona: str | None = None  # simulated calls: who answers (None: drawn per call)
    created_by: str = ""  # the signed-in user placing it (recorded on the call)
    simulated_by: str | None = None  # simulated calls: "rules" or "model" (None: the model when one is configured)


@dataclass(frozen=True)
class LiveCall:
    """A call as the live panel shows it: what is stored, the line being said now, and what failed this time."""

    call: Call
    speaking: Utterance | None = None
    problem: str | None = None  # shown as a warning; the next refresh tries again


class CallService:
    """Places, follows and stops calls over a store and a telephony provider."""

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
        self.analysis = analysis
        self.clock = clock
        self.number_allowed = number_allowed
        self.redial_guard = redial_guard
        self._placing = threading.Lock()  # the redial guard and the insert happen as one step in this process
        self._contexts: dict[int, CallContext] = {}
        self._polls: PollGate[LiveCall] = PollGate(provider_poll_s if telephony.dials_real_phones else 0.0)
        self._recordings: dict[int, bytes] = {}

    def get_call(self, call_id: int) -> Call:
        """The call as stored (no provider request)."""
        return self.store.get_call(call_id)

    def start_call(self, request: CallRequest) -> Call:
        """Place a call; the same attempt key never places a second one, and a real call needs consent, an
        allowed number and no other open call to that number (from any session)."""
        script = self.store.get_script(request.script_id)
        if script.customer_id != request.customer_id:
            raise CallRefused("That script belongs to another customer, so no call was placed.")
        customer = self.store.get_customer(request.customer_id)
        problem = script_problem(read_script(script.script, customer.topics))
        if problem is not None:
            raise CallRefused(f"{problem} No call was placed.")
        real = self.telephony.dials_real_phones
        if real and not request.consent:
            raise CallRefused("Tick “I have permission to call this number” before placing a real call.")
        if real and not self.number_allowed(customer.phone_e164):
            log.warning("call to customer %s refused: number not on SALESBOT_ALLOWED_NUMBERS", customer.id)
            raise CallRefused("This number is not on SALESBOT_ALLOWED_NUMBERS, so no call was placed.")
        if real and not request.despite_do_not_call:
            refused = self.store.do_not_call_request(customer.phone_e164)
            if refused is not None:
                log.warning("call to customer %s refused: do-not-call request on call %s", customer.id, refused.id)
                raise CallRefused(
                    f"This number asked not to be called again (call #{refused.id}, {refused.created_at:%d %b %Y})."
                    " Tick that they have since agreed to be called, or do not call; no call was placed."
                )
        new_call = NewCall(customer.id, script.id, customer.phone_e164, self.telephony.name, request.attempt_key,
                           customer.country_code, created_by=request.created_by)  # fmt: skip
        with self._placing:
            if real:
                self._refuse_if_number_busy(customer.phone_e164, request.attempt_key)
            call, created = self.store.create_call(new_call)
        if not created:
            log.info("call %s: attempt already placed, not dialling again", call.id)
            return call
        log.info("call %s created for customer %s with script %s", call.id, customer.id, script.id)
        context = CallContext(
            customer, script, pace=request.pace, persona=request.persona, simulated_by=request.simulated_by
        )
        try:
            placed = self.telephony.place_call(call, context)
        except CallOutcomeUnknown as e:
            # Not an error to raise: the call may be ringing. It stays UNKNOWN until a refresh finds it.
            log.warning("call %s: placement outcome unknown, not retried", call.id)
            changes = CallChanges(status=CallStatus.UNKNOWN, started_at=self.clock(), error_message=e.user_message)
            return self.store.update_call(call.id, changes)
        except SalesbotError as e:
            log.warning("call %s failed to start: %s", call.id, e.user_message)
            self.store.update_call(call.id, CallChanges(status=CallStatus.FAILED, error_message=e.user_message))
            raise
        self._remember(call.id, context)
        changes = CallChanges(provider_call_id=placed.provider_call_id, started_at=placed.started_at)
        call = self.store.update_call(call.id, changes)
        log.info("call %s placed via %s", call.id, self.telephony.name)
        return call

    def _refuse_if_number_busy(self, phone_e164: str, attempt_key: str) -> None:
        since = self.clock() - self.redial_guard
        for open_call in self.store.open_calls_to(phone_e164, since):
            if open_call.attempt_key != attempt_key:
                log.warning("call to %s refused: call %s to the number is still open", phone_e164[-4:], open_call.id)
                raise NumberBusy(
                    open_call.id,
                    f"Call #{open_call.id} to this number, started {open_call.created_at:%H:%M} UTC, is still"
                    f" {open_call.status.label}. Open it to follow it; no second call was placed.",
                )

    def refresh_call(self, call_id: int) -> LiveCall:
        """Bring a call up to date from its provider. A finished or unchanged call costs one read and no write;
        a provider failure keeps what is stored and says what failed. Tabs watching the same real call share one
        request to the provider."""
        return self._polls.run(call_id, lambda: self._refresh(call_id))

    def _refresh(self, call_id: int) -> LiveCall:
        call = self.store.get_call(call_id)
        if call.status.is_final:
            return LiveCall(call)
        if wait := self._polls.quiet_for(call_id):
            return LiveCall(call, problem=f"The call provider asked us to slow down; looking again in {wait:.0f} s.")
        try:
            if call.provider_call_id is None:
                return self._recover(call)
            progress = self.telephony.fetch_call(call, self._context(call))
        except ProviderBusy as e:
            wait = self._polls.back_off(call_id, e.retry_after_s)
            log.warning("call %s: provider busy, backing off %.0f s", call.id, wait)
            return LiveCall(call, problem=e.user_message)
        except SalesbotError as e:
            log.warning("call %s could not be refreshed: %s", call.id, e.user_message)
            return LiveCall(call, problem=e.user_message)
        self._polls.calm(call_id)
        return self._apply(call, progress)

    def _apply(self, call: Call, progress: CallProgress) -> LiveCall:
        """Store what a provider's report changes (polled or pushed alike); a call that ends is analysed."""
        stopping = call.status is CallStatus.FINISHING and call.ended_at is not None  # stopped, wrapping up
        if stopping:
            progress = _after_stop(progress)
        changes = changes_from(call, progress)
        if changes is None:
            return LiveCall(call, speaking=progress.speaking)
        updated = self.store.update_call(call.id, changes)
        if updated.status != call.status:
            log.info("call %s: %s -> %s", call.id, call.status.value, updated.status.value)
        if updated.status.is_final:
            self._contexts.pop(call.id, None)
            updated = self.analysis.analyse_quietly(updated)
        return LiveCall(updated, speaking=progress.speaking)

    def settle_from_provider(
        self,
        provider: str,
        provider_call_id: str,
        progress_of: Callable[[Call, datetime], CallProgress],
        call_id: int | None = None,
    ) -> tuple[Call, bool]:
        """Apply a report the provider pushed (a webhook) exactly as a poll would: lines merged by id, status,
        recording, duration and analysis. A repeated report, or one for a call already settled, changes nothing.
        Returns the call and whether anything changed; NotFound when no call of ours matches the report."""
        found = self._find_provider_call(provider, provider_call_id, call_id)
        before: list[Call] = []

        def settle() -> LiveCall:
            call = self.store.get_call(found.id)  # read again inside the gate: a poll may have just stored more
            before.append(call)
            if call.status.is_final:
                return LiveCall(call)
            if call.provider_call_id is None:  # placed with an unknown outcome: the report names it
                log.info("call %s found through a %s webhook", call.id, provider)
                changes = CallChanges(provider_call_id=provider_call_id, error_message="")
                call = self.store.update_call(call.id, changes)
            return self._apply(call, progress_of(call, self.clock()))

        settled = self._polls.run_now(found.id, settle).call
        return settled, settled != before[0]

    def _find_provider_call(self, provider: str, provider_call_id: str, call_id: int | None) -> Call:
        if call_id is not None:
            try:
                found: Call | None = self.store.get_call(call_id)
            except NotFound:
                found = None
        else:  # no id of ours in the report: only an open call can still change
            found = next((c for c in self.store.unfinished_calls() if c.provider_call_id == provider_call_id), None)
        if found is None or found.provider != provider or found.provider_call_id not in {None, provider_call_id}:
            raise NotFound(f"No {provider} call of ours matches this report.")
        return found

    def _recover(self, call: Call) -> LiveCall:
        """A call with no provider id: being placed right now, or placed with an unknown outcome. Find it at the
        provider, or once the recovery window has passed, settle it as not placed even if lookups keep failing."""
        age = (self.clock() - call.created_at).total_seconds()
        if call.status is not CallStatus.UNKNOWN and age < RECOVER_SECONDS:
            return LiveCall(call)  # the placing request is still in flight (maybe in another session)
        problem = None
        try:
            provider_call_id = self.telephony.recover_call(call)
        except SalesbotError as e:
            provider_call_id, problem = None, e.user_message
        if provider_call_id:
            log.info("call %s found at %s after an unknown outcome", call.id, self.telephony.name)
            changes = CallChanges(provider_call_id=provider_call_id, status=CallStatus.DIALLING, error_message="")
            self.store.update_call(call.id, changes)
            return self._refresh(call.id)  # inside the poll gate already: no second lock
        if age > RECOVER_SECONDS:
            log.warning("call %s: %s has no record of it; marking it not placed", call.id, self.telephony.name)
            message = NOT_PLACED.format(minutes=RECOVER_SECONDS // 60)
            changes = CallChanges(status=CallStatus.FAILED, error_message=message)
            return LiveCall(self.store.update_call(call.id, changes))
        return LiveCall(call, problem=problem)

    def stop_call(self, call_id: int) -> LiveCall:
        """End a live call, keeping what was said. A provider that adds the last lines, summary and recording after
        the hang-up is read on until they settle (the call wraps up like a completed one); a failure to reach the
        provider is reported and the call keeps running, so the presenter can try again."""
        live = self.refresh_call(call_id)
        call = live.call
        if call.status.is_final or (call.status is CallStatus.FINISHING and call.ended_at is not None):
            return live
        try:
            self.telephony.stop_call(call)
        except SalesbotError as e:
            log.warning("call %s could not be stopped: %s", call.id, e.user_message)
            return LiveCall(call, problem=e.user_message)
        now = self.clock()
        log.info("call %s stopped by the presenter", call.id)
        self._polls.forget(call_id)
        if self.telephony.wraps_up_after_stop:
            return LiveCall(self.store.update_call(call.id, CallChanges(status=CallStatus.FINISHING, ended_at=now)))
        changes = CallChanges(
            status=CallStatus.STOPPED, ended_at=now, duration_seconds=seconds_between(call.started_at, now)
        )
        self._contexts.pop(call.id, None)
        return LiveCall(self.analysis.analyse_quietly(self.store.update_call(call.id, changes)))

    def recording(self, call: Call) -> bytes | None:
        """The call's recording as audio, fetched from the provider once and kept (bounded) in memory."""
        if not call.recording_url:
            return None
        if call.id not in self._recordings:
            audio = self.telephony.recording(call)
            if audio is None:
                return None
            while self._recordings and sum(map(len, self._recordings.values())) + len(audio) > RECORDINGS_KEPT_BYTES:
                self._recordings.pop(next(iter(self._recordings)))
            self._recordings[call.id] = audio
        return self._recordings[call.id]

    def catch_up(self) -> None:
        """Bring calls left running (a closed tab) up to date, so nothing said is lost."""
        for call in self.store.unfinished_calls():
            try:
                self.refresh_call(call.id)
            except SalesbotError as e:
                log.warning("call %s could not be refreshed: %s", call.id, e.user_message)

    def _context(self, call: Call) -> CallContext:
        """Who is called with which script: read once per call (both are fixed for the call's life)."""
        known = self._contexts.get(call.id)
        if known is not None:
            return known
        if call.script_id is None:
            raise ScriptWriterError("The script this call used has been deleted.")
        context = CallContext(self.store.get_customer(call.customer_id), self.store.get_script(call.script_id))
        self._remember(call.id, context)
        return context

    def _remember(self, call_id: int, context: CallContext) -> None:
        if len(self._contexts) >= CONTEXTS_KEPT:
            self._contexts.pop(next(iter(self._contexts)))
        self._contexts[call_id] = context


def _after_stop(progress: CallProgress) -> CallProgress:
    """A stopped call never goes back to ringing or talking, and once the provider has settled it, it is STOPPED."""
    if progress.status in {CallStatus.DIALLING, CallStatus.IN_PROGRESS}:
        return replace(progress, status=CallStatus.FINISHING, speaking=None)
    if progress.status is CallStatus.COMPLETED:
        return replace(progress, status=CallStatus.STOPPED)
    return progress
