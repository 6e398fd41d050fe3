"""Post-call analysis: run it when a call ends, re-run it on request; a failure is kept with the call."""

from __future__ import annotations

import logging
import uuid

from salesbot.analysis import CallAnalyst
from salesbot.errors import AnalysisError, NoStructuredOutput, SalesbotError
from salesbot.models import Call
from salesbot.storage import CallChanges, CallStore

log = logging.getLogger(__name__)
ANALYSIS_LEASE_S = 300.0  # longer than any analysis (OPENAI_MAX_SECONDS); a holder that dies frees it then


class CallAnalysisService:
    """Analyses finished calls with the configured analyst, or the offline one on request."""

    def __init__(self, store: CallStore, analyst: CallAnalyst, offline_analyst: CallAnalyst | None = None) -> None:
        self.store = store
        self.analyst = analyst
        self.offline_analyst = offline_analyst or analyst

    @property
    def mode_label(self) -> str:
        """How the analyser asks its model for structured output, once known ("JSON mode"); "" when not an LLM."""
        mode = getattr(self.analyst, "mode", None)
        return str(mode.label) if mode is not None else ""

    @property
    def has_offline_fallback(self) -> bool:
        return self.offline_analyst is not self.analyst

    def analyse_call(self, call_id: int, offline: bool = False) -> Call:
        """(Re-)run the post-call analysis; on failure the reason is stored with the call and raised."""
        call = self.store.get_call(call_id)
        analyst = self.offline_analyst if offline else self.analyst
        customer = self.store.get_customer(call.customer_id)
        try:
            analysis = analyst.analyse(call, customer)
        except NoStructuredOutput as e:
            if not self.has_offline_fallback or offline:
                self.store.update_call(call.id, CallChanges(analysis_error=e.user_message))
                raise
            # Never an empty card: the offline analysis stands in, marked as such, and Re-run tries the model again.
            log.warning("call %s: %s; keeping the offline analysis", call.id, e.user_message)
            fallback = self.offline_analyst.analyse(call, customer)
            reason = f"{e.user_message} This is the offline analysis; Re-run analysis tries the model again."
            return self.store.update_call(call.id, CallChanges(analysis=fallback, analysis_error=reason))
        except SalesbotError as e:
            self.store.update_call(call.id, CallChanges(analysis_error=e.user_message))
            raise AnalysisError(e.user_message) from e
        except Exception as e:
            log.exception("analysis of call %s failed", call.id)
            self.store.update_call(call.id, CallChanges(analysis_error=AnalysisError.default_message))
            raise AnalysisError() from e
        log.info("call %s analysed by %s: %s", call.id, analyst.name, analysis.outcome.value)
        return self.store.update_call(call.id, CallChanges(analysis=analysis, analysis_error=""))

    def analyse_quietly(self, call: Call) -> Call:
        """Analyse a call that just ended; a failure is kept on the call for the page to offer a re-run."""
        if call.analysis is not None or call.analysis_error:
            return call
        lease, holder = f"analyse:call:{call.id}", uuid.uuid4().hex
        try:
            if not self.store.claim_lease(lease, holder, ANALYSIS_LEASE_S):
                return call  # another process is analysing it: its result is stored for every page to read
            try:
                return self.analyse_call(call.id)
            finally:
                self.store.release_lease(lease, holder)
        except AnalysisError as e:
            log.warning("call %s: analysis failed: %s", call.id, e.user_message)
            return self.store.get_call(call.id)
        except SalesbotError as e:  # the store failed while saving the result: the call itself is fine
            log.warning("call %s: analysis not saved: %s", call.id, e.user_message)
            return call
