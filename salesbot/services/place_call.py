"""Placing a call: the rules that refuse one, the redial guard, and at most one call per attempt key."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NoReturn

from salesbot import metrics
from salesbot.errors import CallOutcomeUnknown, CallRefused, NumberBusy, SalesbotError
from salesbot.models import Call, CallStatus, Customer, SalesScript
from salesbot.services.call_contexts import CallContexts
from salesbot.storage import CallChanges, CallStore, NewCall
from salesbot.telephony import CallContext, Telephony
from salesbot.telephony.script_reading import read_script, script_problem

log = logging.getLogger(__name__)


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
    request_fields: str = ""  # an API call: its fields as asked (JSON), stored to refuse its key reused with others


def requested_script(store: CallStore, request: CallRequest) -> SalesScript:
    """The script version the request names; CallRefused when it belongs to another customer."""
    script = store.get_script(request.script_id)
    if script.customer_id != request.customer_id:
        raise CallRefused("That script belongs to another customer, so no call was placed.")
    return script


class CallPlacer:
    """Places calls: a real call needs consent, an allowed number, no do-not-call request and no other open call to
    the number; the same attempt key never places a second call."""

    def __init__(
        self,
        store: CallStore,
        telephony: Telephony,
        clock: Callable[[], datetime],
        contexts: CallContexts,
        number_allowed: Callable[[str], bool] = lambda _number: True,
        redial_guard: timedelta = timedelta(minutes=10),
    ) -> None:
        self.store = store
        self.telephony = telephony
        self.clock = clock
        self.contexts = contexts  # who is called with which script, handed to whoever follows the call
        self.number_allowed = number_allowed
        self.redial_guard = redial_guard

    def start_call(self, request: CallRequest) -> Call:
        """Place a call; the same attempt key never places a second one, and a real call needs consent, an
        allowed number and no other open call to that number (from any session)."""
        script = requested_script(self.store, request)
        customer = self.store.get_customer(request.customer_id)
        self._refuse_if_not_allowed(request, customer, script)
        busy_since = self.clock() - self.redial_guard if self.telephony.dials_real_phones else None
        new_call = NewCall(customer.id, script.id, customer.phone_e164, self.telephony.name, request.attempt_key,
                           customer.country_code, created_by=request.created_by, busy_since=busy_since,
                           request_fields=request.request_fields)  # fmt: skip
        call, created = self.store.create_call(new_call)  # the guard and the insert: one step in the store
        if not created and call.attempt_key != request.attempt_key:
            refuse_number_busy(call)
        if not created:
            log.info("call %s: attempt already placed, not dialling again", call.id)
            return call
        log.info("call %s created for customer %s with script %s", call.id, customer.id, script.id)
        context = CallContext(
            customer, script, pace=request.pace, persona=request.persona, simulated_by=request.simulated_by
        )
        return self._dial(call, context)

    def _refuse_if_not_allowed(self, request: CallRequest, customer: Customer, script: SalesScript) -> None:
        problem = script_problem(read_script(script.script, customer.topics))
        if problem is not None:
            raise CallRefused(f"{problem} No call was placed.")
        if not self.telephony.dials_real_phones:
            return
        if not request.consent:
            raise CallRefused("Tick “I have permission to call this number” before placing a real call.")
        if not self.number_allowed(customer.phone_e164):
            log.warning("call to customer %s refused: number not on SALESBOT_ALLOWED_NUMBERS", customer.id)
            raise CallRefused("This number is not on SALESBOT_ALLOWED_NUMBERS, so no call was placed.")
        if request.despite_do_not_call:
            return
        refused = self.store.do_not_call_request(customer.phone_e164)
        if refused is not None:
            log.warning("call to customer %s refused: do-not-call request on call %s", customer.id, refused.id)
            raise CallRefused(
                f"This number asked not to be called again (call #{refused.id}, {refused.created_at:%d %b %Y})."
                " Tick that they have since agreed to be called, or do not call; no call was placed."
            )

    def _dial(self, call: Call, context: CallContext) -> Call:
        """Ask the provider to dial the stored call; an unknown outcome is kept for a refresh to find."""
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
        self.contexts.remember(call.id, context)
        metrics.CALLS_STARTED.labels(self.telephony.name).inc()
        changes = CallChanges(provider_call_id=placed.provider_call_id, started_at=placed.started_at)
        call = self.store.update_call(call.id, changes)
        log.info("call %s placed via %s", call.id, self.telephony.name)
        return call


def refuse_number_busy(open_call: Call) -> NoReturn:
    """Another attempt's call to this number is still open: say which, and that nothing was dialled."""
    log.warning("call to %s refused: call %s to the number is still open", open_call.phone_e164[-4:], open_call.id)
    raise NumberBusy(
        open_call.id,
        f"Call #{open_call.id} to this number, started {open_call.created_at:%H:%M} UTC, is still"
        f" {open_call.status.label}. Open it to follow it; no second call was placed.",
    )
