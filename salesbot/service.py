"""The service layer: everything a page asks for, over a store, a script writer and a telephony provider."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from salesbot.analysis import CallAnalyst
from salesbot.errors import AnalysisError, CallOutcomeUnknown, CallRefused, SalesbotError, ScriptWriterError
from salesbot.models import Call, CallStatus, CallSummary, Customer, SalesScript, ScriptOptions, Utterance
from salesbot.scripts import ScriptWriter
from salesbot.storage import CallChanges, CallFilter, CallPage, CallRow, CallStats, CallStore, NewCall
from salesbot.telephony import CallContext, Telephony
from salesbot.transcripts import call_report, write_csv
from salesbot.validation import validate_customer

log = logging.getLogger(__name__)
RECOVER_SECONDS = 180  # how long a call with an unknown outcome is looked for before it counts as not placed


def _utc_now() -> datetime:
    return datetime.now(UTC)


class ScriptDraft:
    """A script being written: iterate it for the text; once finished, `script` is the stored version.

    A stream that breaks halfway stores nothing.
    """

    def __init__(self, desk: SalesDesk, writer: ScriptWriter, customer: Customer, options: ScriptOptions) -> None:
        self._desk = desk
        self._writer = writer
        self._customer = customer
        self._options = options
        self.script: SalesScript | None = None

    def __iter__(self) -> Iterator[str]:
        writer = self._writer
        parts: list[str] = []
        try:
            for chunk in writer.stream_script(self._customer, self._options):
                parts.append(chunk)
                yield chunk
        except SalesbotError:
            raise
        except Exception as e:
            log.error("script writer %s failed for customer %s: %s", writer.name, self._customer.id, type(e).__name__)
            raise ScriptWriterError() from e
        text = "".join(parts).strip()
        if not text:
            raise ScriptWriterError("The script writer returned an empty script. Please try again.")
        self.script = self._desk.store.add_script(self._customer.id, text, writer.name)
        log.info("script %s written by %s for customer %s", self.script.id, writer.name, self._customer.id)


class SalesDesk:
    """Customers, scripts and calls: the one object pages talk to."""

    def __init__(
        self,
        store: CallStore,
        writer: ScriptWriter,
        telephony: Telephony,
        analyst: CallAnalyst,
        clock: Callable[[], datetime] = _utc_now,
        offline_writer: ScriptWriter | None = None,
        offline_analyst: CallAnalyst | None = None,
        number_allowed: Callable[[str], bool] = lambda _number: True,
    ) -> None:
        self.number_allowed = number_allowed
        self.store = store
        self.writer = writer
        self.telephony = telephony
        self.analyst = analyst
        self.clock = clock
        self.offline_writer = offline_writer or writer
        self.offline_analyst = offline_analyst or analyst

    @property
    def backends(self) -> str:
        """Which backends are active, e.g. "SQLite · offline writer · simulated calls" (never a secret)."""
        writer = (
            "offline writer"
            if self.writer.name == "offline"
            else self.writer.name.replace("openai:", "OpenAI ") + " writer"
        )
        calls = "simulated calls" if not self.telephony.dials_real_phones else f"{self.telephony.name.title()} AI calls"
        return f"{self.store.description} · {writer} · {calls}"

    # customers and scripts ---------------------------------------------------
    def save_customer(self, form: dict[str, Any]) -> Customer:
        """Validate the form (InvalidInput on bad fields) and store the customer."""
        customer = self.store.save_customer(validate_customer(form))
        log.info("customer %s saved", customer.id)
        return customer

    @property
    def has_offline_fallback(self) -> bool:
        return self.offline_writer is not self.writer

    def write_script(self, customer_id: int, options: ScriptOptions, offline: bool = False) -> ScriptDraft:
        """A new script version for the customer, by the configured writer or (offline=True) the offline one."""
        writer = self.offline_writer if offline else self.writer
        return ScriptDraft(self, writer, self.store.get_customer(customer_id), options)

    def save_script_edit(self, base: SalesScript, text: str) -> SalesScript:
        """Store an edited script as a new version; unchanged text keeps the version it came from."""
        text = text.strip()
        if text == base.script.strip():
            return base
        if not text:
            raise ScriptWriterError("The script is empty. Write or regenerate a script before calling.")
        script = self.store.add_script(base.customer_id, text, "edited")
        log.info("script %s edited from %s for customer %s", script.id, base.id, base.customer_id)
        return script

    def get_script(self, script_id: int) -> SalesScript:
        return self.store.get_script(script_id)

    def list_scripts(self, customer_id: int) -> list[SalesScript]:
        return self.store.list_scripts(customer_id)

    def get_customer(self, customer_id: int) -> Customer:
        return self.store.get_customer(customer_id)

    # calls -------------------------------------------------------------------
    def start_call(self, script: SalesScript, attempt_key: str, consent: bool = False) -> Call:
        """Place a call with this script version; the same attempt key never places a second call.

        A real call needs the presenter's consent and a number the allow-list admits; both are checked
        before anything is stored or sent.
        """
        customer = self.store.get_customer(script.customer_id)
        if self.telephony.dials_real_phones:
            if not consent:
                raise CallRefused("Tick “I have permission to call this number” before placing a real call.")
            if not self.number_allowed(customer.phone_e164):
                log.warning("call to customer %s refused: number not on SALESBOT_ALLOWED_NUMBERS", customer.id)
                raise CallRefused("This number is not on SALESBOT_ALLOWED_NUMBERS, so no call was placed.")
        call, created = self.store.create_call(
            NewCall(
                customer.id, script.id, customer.phone_e164, self.telephony.name, attempt_key, customer.country_code
            )
        )
        if not created:
            log.info("call %s: attempt already placed, not dialling again", call.id)
            return call
        log.info("call %s created for customer %s with script %s", call.id, customer.id, script.id)
        try:
            placed = self.telephony.place_call(call, CallContext(customer, script))
        except CallOutcomeUnknown as e:
            # Not an error to raise: the call may be ringing. It stays UNKNOWN until a refresh finds it.
            log.warning("call %s: placement outcome unknown, not retried", call.id)
            return self.store.update_call(
                call.id, CallChanges(status=CallStatus.UNKNOWN, started_at=self.clock(), error_message=e.user_message)
            )
        except SalesbotError as e:
            log.warning("call %s failed to start: %s", call.id, e.user_message)
            self.store.update_call(call.id, CallChanges(status=CallStatus.FAILED, error_message=e.user_message))
            raise
        call = self.store.update_call(
            call.id, CallChanges(provider_call_id=placed.provider_call_id, started_at=placed.started_at)
        )
        log.info("call %s placed via %s", call.id, self.telephony.name)
        return call

    def refresh_call(self, call_id: int) -> Call:
        """Bring a call up to date from its provider; finished calls are returned as stored."""
        call = self.store.get_call(call_id)
        if call.status.is_final or call.started_at is None:
            return call
        if call.provider_call_id is None:
            return self._recover(call)
        progress = self.telephony.fetch_call(call, self._context(call))
        utterances = _merge(call.utterances, progress.utterances)
        changes = CallChanges(
            status=progress.status,
            utterances=utterances if len(utterances) != len(call.utterances) else None,
            ended_at=progress.ended_at,
            duration_seconds=_seconds(call.started_at, progress.ended_at),
            error_message=progress.error_message,
            recording_url=progress.recording_url,
        )
        updated = self.store.update_call(call.id, changes)
        if updated.status != call.status:
            log.info("call %s: %s -> %s", call.id, call.status.value, updated.status.value)
        if updated.status.is_final:
            updated = self._analyse_quietly(updated)
        return updated

    def _recover(self, call: Call) -> Call:
        """A call whose placement timed out: find it at the provider, or after a while mark it not placed."""
        provider_call_id = self.telephony.recover_call(call)
        if provider_call_id:
            log.info("call %s found at %s after an unknown outcome", call.id, self.telephony.name)
            self.store.update_call(
                call.id, CallChanges(provider_call_id=provider_call_id, status=CallStatus.DIALLING, error_message="")
            )
            return self.refresh_call(call.id)
        if (self.clock() - call.created_at).total_seconds() > RECOVER_SECONDS:
            log.warning("call %s: %s has no record of it; marking it failed", call.id, self.telephony.name)
            return self.store.update_call(
                call.id,
                CallChanges(
                    status=CallStatus.FAILED,
                    error_message="The call provider has no record of this call: it was not placed.",
                ),
            )
        return call

    def stop_call(self, call_id: int) -> Call:
        """End a live call: keep what was said up to now and mark it stopped."""
        call = self.refresh_call(call_id)
        if call.status.is_final:
            return call
        self.telephony.stop_call(call)
        now = self.clock()
        log.info("call %s stopped by the presenter", call.id)
        stopped = self.store.update_call(
            call.id,
            CallChanges(status=CallStatus.STOPPED, ended_at=now, duration_seconds=_seconds(call.started_at, now)),
        )
        return self._analyse_quietly(stopped)

    def analyse_call(self, call_id: int, offline: bool = False) -> Call:
        """(Re-)run the post-call analysis; on failure the reason is stored with the call and raised."""
        call = self.store.get_call(call_id)
        analyst = self.offline_analyst if offline else self.analyst
        try:
            analysis = analyst.analyse(call, self.store.get_customer(call.customer_id))
        except SalesbotError as e:
            self.store.update_call(call.id, CallChanges(analysis_error=e.user_message))
            raise AnalysisError(e.user_message) from e
        except Exception as e:
            log.exception("analysis of call %s failed", call.id)
            self.store.update_call(call.id, CallChanges(analysis_error=AnalysisError.default_message))
            raise AnalysisError() from e
        log.info("call %s analysed by %s: %s", call.id, analyst.name, analysis.outcome.value)
        return self.store.update_call(call.id, CallChanges(analysis=analysis, analysis_error=""))

    def _analyse_quietly(self, call: Call) -> Call:
        """Analyse a call that just ended; a failure is kept on the call for the page to offer a re-run."""
        if call.analysis is not None or call.analysis_error:
            return call
        try:
            return self.analyse_call(call.id)
        except AnalysisError as e:
            log.warning("call %s: analysis failed: %s", call.id, e.user_message)
            return self.store.get_call(call.id)

    def get_call(self, call_id: int) -> Call:
        return self.refresh_call(call_id)

    def list_calls(self, limit: int = 200) -> list[CallSummary]:
        """Past calls newest first; calls left running (a closed tab) are brought up to date first."""
        self.catch_up()
        return self.store.list_calls(limit=limit)

    def catch_up(self) -> None:
        """Bring calls left running (a closed tab) up to date, so nothing said is lost."""
        for call in self.store.unfinished_calls():
            try:
                self.refresh_call(call.id)
            except SalesbotError as e:
                log.warning("call %s could not be refreshed: %s", call.id, e.user_message)

    def find_calls(
        self, call_filter: CallFilter, page: int = 1, page_size: int = 25, with_total: bool = True
    ) -> CallPage:
        """One page (1-based) of the calls matching the filter."""
        offset = (max(page, 1) - 1) * page_size
        return self.store.search_calls(call_filter, limit=page_size, offset=offset, with_total=with_total)

    def call_stats(self, call_filter: CallFilter) -> CallStats:
        return self.store.call_stats(call_filter)

    def export_csv(self, call_filter: CallFilter, batch: int = 1000) -> str:
        """Every call matching the filter as CSV, read page by page so memory stays bounded per page."""

        def pages() -> Iterator[list[CallRow]]:
            offset = 0
            while True:
                found = self.store.search_calls(call_filter, limit=batch, offset=offset, with_total=False).rows
                if found:
                    yield found
                if len(found) < batch:
                    return
                offset += batch

        return write_csv(pages())

    def call_report(self, call_id: int) -> str:
        call = self.store.get_call(call_id)
        script = self.store.get_script(call.script_id) if call.script_id else None
        return call_report(call, self.store.get_customer(call.customer_id), script)

    def _context(self, call: Call) -> CallContext:
        customer = self.store.get_customer(call.customer_id)
        if call.script_id is None:
            raise ScriptWriterError("The script this call used has been deleted.")
        return CallContext(customer, self.store.get_script(call.script_id))


def _merge(known: list[Utterance], fresh: list[Utterance]) -> list[Utterance]:
    """Add only utterances not seen before (by id), in the order they were said."""
    by_id = {u.id: u for u in known}
    for u in fresh:
        by_id.setdefault(u.id, u)
    return sorted(by_id.values(), key=lambda u: u.at)


def _seconds(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds(), 1)
