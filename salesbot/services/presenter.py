"""What the presenter page does: customers in, script versions out, and a call with the version on screen."""

from __future__ import annotations

import dataclasses
import logging

from salesbot.models import Call, CallFilter, CallSummary, Customer, CustomerForm, SalesScript, ScriptOptions
from salesbot.scripts import ScriptWriter
from salesbot.services.calls import CallService
from salesbot.services.place_call import CallRequest, requested_script
from salesbot.services.scripts import ScriptDraft, save_own_script, save_script_edit
from salesbot.storage import CallStore

log = logging.getLogger(__name__)


class PresenterService:
    """Customers and their script versions, and starting a call with exactly the script the presenter sees."""

    def __init__(
        self, store: CallStore, writer: ScriptWriter, calls: CallService, offline_writer: ScriptWriter | None = None
    ) -> None:
        self.store = store
        self.writer = writer
        self.offline_writer = offline_writer or writer
        self.calls = calls

    @property
    def has_offline_fallback(self) -> bool:
        return self.offline_writer is not self.writer

    def save_customer(self, form: CustomerForm, by: str = "") -> Customer:
        """Validate the form (InvalidInput on bad fields) and store the customer (same name and number: updated);
        `by` is the signed-in user's address, recorded on a new customer."""
        customer = self.store.save_customer(form.validate(), created_by=by)
        log.info("customer %s saved", customer.id)
        return customer

    def find_customers(self, query: str, limit: int = 20) -> list[Customer]:
        """Stored customers whose name or number matches, newest first (the newest ones for an empty query)."""
        return self.store.find_customers(query.strip(), limit=limit)

    def get_customer(self, customer_id: int) -> Customer:
        return self.store.get_customer(customer_id)

    def list_scripts(self, customer_id: int) -> list[SalesScript]:
        """Every script version for the customer, newest first."""
        return self.store.list_scripts(customer_id)

    def write_script(
        self, customer_id: int, options: ScriptOptions, offline: bool = False, by: str = ""
    ) -> ScriptDraft:
        """A new script version for the customer, by the configured writer or (offline=True) the offline one."""
        writer = self.offline_writer if offline else self.writer
        return ScriptDraft(self.store, writer, self.store.get_customer(customer_id), options, by=by)

    def save_script_edit(self, script_id: int, text: str, by: str = "") -> SalesScript:
        """Store the edited text as a new version of the script (unchanged text: the same version)."""
        return save_script_edit(self.store, self.store.get_script(script_id), text, by=by)

    def save_own_script(self, customer_id: int, text: str, by: str = "") -> tuple[SalesScript, bool]:
        """Store the presenter's own text as the customer's newest version (the same text as the newest: that one);
        returns it and whether it is new."""
        return save_own_script(self.store, customer_id, text, by=by)

    def start_call(self, request: CallRequest, script_text: str | None = None) -> Call:
        """Store unsaved edits of the script as a version, then place the call with that version."""
        script = requested_script(self.store, request)  # refused before an edit is stored for another customer
        if script_text is not None:
            script = save_script_edit(self.store, script, script_text, by=request.created_by)
        return self.calls.start_call(dataclasses.replace(request, script_id=script.id))

    def do_not_call_request(self, customer: Customer) -> Call | None:
        """The latest call on which this number asked not to be called again, if any (warned before calling)."""
        return self.store.do_not_call_request(customer.phone_e164)

    def customer_calls(self, customer_id: int, limit: int = 20) -> list[CallSummary]:
        """The customer's calls, newest first."""
        page = self.store.search_calls(CallFilter(customer_id=customer_id), limit=limit, offset=0, with_total=False)
        return [row.summary for row in page.rows]

    def earlier_calls(self, customer_id: int, limit: int = 20) -> list[Call]:
        """The customer's calls, newest first, whole (times, error, analysis): the presenter picks one to replay."""
        return self.store.get_calls([summary.id for summary in self.customer_calls(customer_id, limit=limit)])

    def open_call_of(self, customer_id: int) -> Call | None:
        """The customer's newest call if it is still open (a reload must not hide a call in flight)."""
        newest = self.customer_calls(customer_id, limit=1)
        if newest and not newest[0].status.is_final:
            return self.calls.get_call(newest[0].id)
        return None
