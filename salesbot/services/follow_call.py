"""Following a call: poll its provider (one request for all tabs, backing off when asked), settle what the provider
pushes, recover calls placed with an unknown outcome or left running, and stop one."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from salesbot.errors import CallLost, NotFound, ProviderBusy, SalesbotError
from salesbot.models import ENDED_BY_PRESENTER, Call, CallStatus, Speaker, Utterance
from salesbot.services import settle
from salesbot.services.analysis import CallAnalysisService
from salesbot.services.call_changes import after_stop, changes_from
from salesbot.services.call_contexts import CallContexts
from salesbot.services.polling import PollGate
from salesbot.storage import CallChanges, CallStore
from salesbot.telephony import CallProgress, CallReport, Telephony
from salesbot.text import counted

log = logging.getLogger(__name__)
RECOVER_SECONDS = 180  # how long a call with an unknown outcome is looked for before it counts as not placed
NOT_PLACED = "The call provider has no record of this call after {minutes}: it counts as not placed."


@dataclass(frozen=True)
class LiveCall:
    """A call as the live panel shows it: what is stored, the line being said now, and what failed this time."""

    call: Call
    speaking: Utterance | None = None
    problem: str | None = None  # shown as a warning; the next refresh tries again


class CallFollower:
    """Keeps stored calls up to date with their provider, polled or pushed alike, and stops them."""

    def __init__(
        self,
        store: CallStore,
        telephony: Telephony,
        analysis: CallAnalysisService,
        clock: Callable[[], datetime],
        contexts: CallContexts,
        provider_poll_s: float = 1.0,
    ) -> None:
        self.store = store
        self.telephony = telephony
        self.analysis = analysis
        self.clock = clock
        self.contexts = contexts
        self.provider_poll_s = provider_poll_s
        # Tabs of this process share a result for half the interval; the look-up lease (one interval, in the store)
        # then lets exactly one process ask the provider per interval, whichever tries first once it has run out.
        self._polls: PollGate[LiveCall] = PollGate(provider_poll_s / 2 if telephony.dials_real_phones else 0.0)

    def refresh_call(self, call_id: int) -> LiveCall:
        """Bring a call up to date from its provider. A finished or unchanged call costs one read and no write;
        a provider failure keeps what is stored and says what failed. Tabs watching the same real call share one
        request to the provider."""
        return self._polls.run(call_id, lambda: self._refresh(call_id))

    def _refresh(self, call_id: int) -> LiveCall:
        call = self.store.get_call(call_id)
        if call.status.is_final:
            return LiveCall(call)
        if self.telephony.dials_real_phones and not self._take_look_up(call.id):
            return LiveCall(call)  # another process asked the provider moments ago: what it stored is the news
        if wait := self._polls.quiet_for(call_id):
            return LiveCall(call, problem=f"The call provider asked us to slow down; looking again in {wait:.0f} s.")
        try:
            if call.provider_call_id is None:
                return self._recover(call)
            progress = self.telephony.fetch_call(call, self.contexts.of(call))
        except CallLost as e:
            if reason := settle.lost_reason(call, self.clock(), e.user_message):
                return self._settle_lost(call, reason)
            return LiveCall(call, problem=e.user_message)
        except ProviderBusy as e:
            wait = self._polls.back_off(call_id, e.retry_after_s)
            log.warning("call %s: provider busy, backing off %.0f s", call.id, wait)
            return self._unless_overdue(LiveCall(call, problem=e.user_message))
        except SalesbotError as e:
            log.warning("call %s could not be refreshed: %s", call.id, e.user_message)
            return self._unless_overdue(LiveCall(call, problem=e.user_message))
        self._polls.calm(call_id)
        return self._unless_overdue(self._apply(call, progress))

    def _unless_overdue(self, live: LiveCall) -> LiveCall:
        """The call as the provider left it, unless it is still open long past any real call's end."""
        if reason := settle.overdue_reason(live.call, self.clock(), self.telephony.max_minutes):
            return self._settle_lost(live.call, reason)
        return live

    def _apply(self, call: Call, progress: CallProgress) -> LiveCall:
        """Store what a provider's report changes (polled or pushed alike); a call that ends is analysed."""
        if call.status is CallStatus.FINISHING and call.ended_at is not None:  # stopped, wrapping up
            progress = presenter_ended(after_stop(progress), self.clock())
        changes = changes_from(call, progress)
        if changes is None:
            return LiveCall(call, speaking=progress.speaking)
        updated = self.store.update_call(call.id, changes)
        if updated.status != call.status:
            log.info("call %s: %s -> %s", call.id, call.status.value, updated.status.value)
        if updated.status.is_final:
            self.contexts.forget(call.id)
            updated = self.analysis.analyse_quietly(updated)
            settle.count_ended(call, updated)
        return LiveCall(updated, speaking=progress.speaking)

    def _take_look_up(self, call_id: int) -> bool:
        """Whether this process may ask the provider about the call now: one look-up per call per poll interval,
        whatever the number of processes and tabs (a lease in the store; a store failure lets this one ask)."""
        try:
            return self.store.claim_lease(f"look-up:call:{call_id}", uuid.uuid4().hex, self.provider_poll_s)
        except SalesbotError:
            return True

    def _settle_lost(self, call: Call, reason: str) -> LiveCall:
        """End a call its provider lost, or that outlived any real call, with the reason; its number is free."""
        log.warning("call %s settled as lost: %s", call.id, reason)
        self.contexts.forget(call.id)
        settled = self.analysis.analyse_quietly(self.store.update_call(call.id, settle.lost(reason, self.clock())))
        settle.count_ended(call, settled)
        return LiveCall(settled)

    def settle_report(self, report: CallReport) -> tuple[Call, bool]:
        """Apply a report the provider pushed (a webhook delivery) exactly as a poll would: lines merged by id,
        status, recording, duration and analysis. A repeated report, or one for a call already settled, changes
        nothing. Returns the call and whether anything changed; NotFound when no call of ours matches the report."""
        found = self._find_reported_call(report)
        before: list[Call] = []

        def settle() -> LiveCall:
            call = self.store.get_call(found.id)  # read again inside the gate: a poll may have just stored more
            before.append(call)
            if call.status.is_final:
                return LiveCall(call)
            if call.provider_call_id is None:  # placed with an unknown outcome: the report names it
                log.info("call %s found through a %s webhook", call.id, report.provider)
                changes = CallChanges(provider_call_id=report.provider_call_id, error_message="")
                call = self.store.update_call(call.id, changes)
            return self._apply(call, self.telephony.read_report(call, report, self.clock()))

        settled = self._polls.run_now(found.id, settle).call
        return settled, settled != before[0]

    def _find_reported_call(self, report: CallReport) -> Call:
        provider, provider_call_id = report.provider, report.provider_call_id
        if report.salesbot_call_id is not None:
            try:
                found: Call | None = self.store.get_call(report.salesbot_call_id)
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
            message = NOT_PLACED.format(minutes=counted(RECOVER_SECONDS // 60, "minute"))
            changes = CallChanges(status=CallStatus.FAILED, error_message=message)
            return LiveCall(self.store.update_call(call.id, changes))
        return LiveCall(call, problem=problem)

    def stop_call(self, call_id: int) -> LiveCall:
        """End a live call, keeping what was said, then the line "Call ended by the presenter". A simulated call
        settles at once with the line being said finished whole; Bland's last lines, summary and recording come after
        the hang-up and are read on until they settle (the call wraps up like a completed one). A failure to reach the
        provider is reported and the call keeps running, unchanged, so the presenter can try again; a second Stop
        changes nothing."""
        live = self.refresh_call(call_id)
        call = live.call
        if call.status.is_final or (call.status is CallStatus.FINISHING and call.ended_at is not None):
            return live
        try:
            self.telephony.stop_call(call)
        except CallLost as e:  # nothing to stop at the provider: end it here, saying why
            return self._settle_lost(call, f"Lost: {e.user_message.rstrip('.')}; Stop call ended it here.")
        except SalesbotError as e:
            log.warning("call %s could not be stopped: %s", call.id, e.user_message)
            return LiveCall(call, speaking=live.speaking, problem=e.user_message)
        log.info("call %s stopped by the presenter", call.id)
        self._polls.forget(call_id)
        stopping = self.store.update_call(call.id, CallChanges(status=CallStatus.FINISHING, ended_at=self.clock()))
        if self.telephony.wraps_up_after_stop:
            return LiveCall(stopping)
        return self.refresh_call(call_id)  # the provider knows the end already: settled now

    def catch_up(self) -> None:
        """Bring calls left running (a closed tab) up to date, so nothing said is lost."""
        for call in self.store.unfinished_calls():
            try:
                self.refresh_call(call.id)
            except SalesbotError as e:
                log.warning("call %s could not be refreshed: %s", call.id, e.user_message)


def presenter_ended(progress: CallProgress, now: datetime) -> CallProgress:
    """A stopped call's settled report ends with the line saying the presenter ended it, after everything said (an
    id of its own: merged once, however often the report is read)."""
    if progress.status is not CallStatus.STOPPED:
        return progress
    moments = [u.at for u in progress.utterances] + ([progress.ended_at] if progress.ended_at else [])
    at = max(moments, default=now)
    ended = Utterance(id="ended-by-presenter", speaker=Speaker.SYSTEM, text=ENDED_BY_PRESENTER, at=at)
    return replace(progress, utterances=[*progress.utterances, ended])
