"""Script versions: write one (streamed; stored only when complete), store an edit as a new version."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from salesbot.errors import SalesbotError, ScriptWriterError
from salesbot.models import Customer, SalesScript, ScriptOptions
from salesbot.scripts import ScriptWriter
from salesbot.storage import CallStore
from salesbot.text import storable

log = logging.getLogger(__name__)


class ScriptDraft:
    """A script being written: iterate it for the text; once finished, `script` is the stored version.

    A stream that breaks halfway, or that the writer reports as cut (ScriptCut: a token cap or the total time), stores
    nothing.
    """

    def __init__(
        self, store: CallStore, writer: ScriptWriter, customer: Customer, options: ScriptOptions, by: str = ""
    ) -> None:
        self._by = by  # the signed-in user who asked for it ("" without sign-in)
        self._store = store
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
        text = storable("".join(parts)).strip()
        if not text:
            raise ScriptWriterError("The script writer returned an empty script. Please try again.")
        self.script = self._store.add_script(self._customer.id, text, writer.name, created_by=self._by)
        log.info("script %s written by %s for customer %s", self.script.id, writer.name, self._customer.id)


def save_script_edit(store: CallStore, base: SalesScript, text: str, by: str = "") -> SalesScript:
    """Store an edited script as a new version; unchanged text keeps the version it came from."""
    text = storable(text).strip()
    if text == base.script.strip():
        return base
    if not text:
        raise ScriptWriterError("The script is empty. Write or regenerate a script before calling.")
    script = store.add_script(base.customer_id, text, "edited", created_by=by)
    log.info("script %s edited from %s for customer %s", script.id, base.id, base.customer_id)
    return script


def save_own_script(store: CallStore, customer_id: int, text: str, by: str = "") -> tuple[SalesScript, bool]:
    """Store a presenter's own text as the customer's newest version (writer "edited"), as Save edits does; the
    same text as the newest version keeps that version. Returns the version and whether it is new."""
    newest = next(iter(store.list_scripts(store.get_customer(customer_id).id)), None)
    if newest is not None:
        script = save_script_edit(store, newest, text, by=by)
        return script, script.id != newest.id
    text = storable(text).strip()
    if not text:
        raise ScriptWriterError("The script is empty. Write or regenerate a script before calling.")
    script = store.add_script(customer_id, text, "edited", created_by=by)
    log.info("script %s written by hand for customer %s", script.id, customer_id)
    return script, True
