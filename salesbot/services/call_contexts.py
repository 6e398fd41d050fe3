"""Who is called with which script, per call: given by the placing, read by the following of a call."""

from __future__ import annotations

from salesbot.errors import ScriptWriterError
from salesbot.models import Call
from salesbot.storage import CallStore
from salesbot.telephony import CallContext

CONTEXTS_KEPT = 256


class CallContexts:
    """Who is called with which script, per call: fixed for the call's life, so read once and kept (bounded)."""

    def __init__(self, store: CallStore) -> None:
        self.store = store
        self._kept: dict[int, CallContext] = {}

    def of(self, call: Call) -> CallContext:
        """The call's context: the one it was placed with, else read from the store."""
        known = self._kept.get(call.id)
        if known is not None:
            return known
        if call.script_id is None:
            raise ScriptWriterError("The script this call used has been deleted.")
        context = CallContext(self.store.get_customer(call.customer_id), self.store.get_script(call.script_id))
        self.remember(call.id, context)
        return context

    def remember(self, call_id: int, context: CallContext) -> None:
        if len(self._kept) >= CONTEXTS_KEPT:
            self._kept.pop(next(iter(self._kept)))
        self._kept[call_id] = context

    def forget(self, call_id: int) -> None:
        self._kept.pop(call_id, None)
