"""Exports of a filtered call history, streamed: the page's Export CSV and `python -m salesbot export` share them."""

from __future__ import annotations

import csv
import io
import json
from collections import OrderedDict
from collections.abc import Callable, Iterator

from salesbot.exports.rows import CSV_COLUMNS, CustomerFacts, ExportedCall, ScriptUsed, csv_row, json_object
from salesbot.models import Call, CallFilter, SalesScript, version_numbers
from salesbot.storage import CallStore

BOM = "\ufeff".encode()  # Excel reads the file as UTF-8 only when it starts with one ("Müller", not "MÃ¼ller")
Progress = Callable[[int], None]  # called with how many calls are exported so far, after each batch


Entry = tuple[CustomerFacts, dict[int, ScriptUsed]]  # a customer and their script versions by id


class _Customers:
    """Customers and their numbered script versions, the most recently used `kept` of them (bounded memory)."""

    def __init__(self, store: CallStore, kept: int) -> None:
        self._store = store
        self._kept = kept
        self._known: OrderedDict[int, Entry] = OrderedDict()

    def _fetch(self, customer_ids: list[int]) -> dict[int, Entry]:
        """The batch's customers not at hand, in one read (customers_and_scripts), each with its versions."""
        customers, scripts = self._store.customers_and_scripts(customer_ids)
        theirs: dict[int, list[SalesScript]] = {c.id: [] for c in customers}
        for script in scripts:
            theirs.get(script.customer_id, []).append(script)
        found = {}
        for customer in customers:
            numbers = version_numbers(theirs[customer.id])
            versions = {s.id: ScriptUsed(s.id, numbers[s.id], s.writer, s.created_by) for s in theirs[customer.id]}
            found[customer.id] = (CustomerFacts.of(customer), versions)
        return found

    def read(self, calls: list[Call]) -> list[ExportedCall]:
        """The calls with their customers and script versions: the batch's unknown customers read together, and
        known ones again when a call used a version newer than those known (written during the export); a call
        whose customer was deleted meanwhile is left out, as get_calls leaves out deleted calls."""
        here: dict[int, Entry] = {}  # this batch's customers, whatever is evicted meanwhile
        wanted: dict[int, None] = {}
        for call in calls:
            cid, sid = call.customer_id, call.script_id
            if cid not in here and cid not in wanted:
                if (entry := self._known.get(cid)) is None:
                    wanted[cid] = None
                    continue
                here[cid] = entry
                self._known.move_to_end(cid)
            if cid in here and sid is not None and sid not in here[cid][1] and sid > max(here[cid][1], default=0):
                del here[cid]
                wanted[cid] = None
        for cid, entry in (self._fetch(list(wanted)) if wanted else {}).items():
            here[cid] = self._known[cid] = entry
            self._known.move_to_end(cid)
            if len(self._known) > self._kept:
                self._known.popitem(last=False)
        return [
            ExportedCall(c, here[c.customer_id][0], here[c.customer_id][1].get(c.script_id) if c.script_id else None)
            for c in calls
            if c.customer_id in here
        ]


class ExportService:
    """Every call matching a filter, in its sort order, read a batch at a time (memory does not grow with calls)."""

    def __init__(self, store: CallStore, batch: int = 500, customers_kept: int = 20_000) -> None:
        self.store = store
        self.batch = batch
        self.customers_kept = customers_kept

    def count(self, call_filter: CallFilter) -> int:
        """How many calls the filter matches (for a progress line)."""
        return self.store.search_calls(call_filter, limit=1, offset=0, with_total=True).total or 0

    def exported_calls(self, call_filter: CallFilter, progress: Progress | None = None) -> Iterator[list[ExportedCall]]:
        """The matching calls, a batch at a time, each with its customer and script version."""
        done = 0
        customers = _Customers(self.store, self.customers_kept)
        for ids in self.store.iter_call_ids(call_filter, self.batch):
            batch = customers.read(self.store.get_calls(ids))
            done += len(batch)
            yield batch
            if progress:
                progress(done)

    def csv_chunks(self, call_filter: CallFilter, progress: Progress | None = None) -> Iterator[bytes]:
        """The CSV as UTF-8 bytes: a BOM and the header, then a chunk per batch; no cell starts like a formula (but
        an E.164 phone, rows.phone_cell)."""
        out = io.StringIO()
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)  # every cell quoted: an import that keeps quoted cells as
        # text (LibreOffice's "Format quoted field as text") keeps the E.164 phone's + and digits as they are
        writer.writerow(CSV_COLUMNS)
        yield BOM + out.getvalue().encode()
        for batch in self.exported_calls(call_filter, progress):
            out.seek(0)
            out.truncate()
            writer.writerows(csv_row(exported) for exported in batch)
            yield out.getvalue().encode()

    def jsonl_chunks(self, call_filter: CallFilter, progress: Progress | None = None) -> Iterator[bytes]:
        """JSON Lines as UTF-8 bytes: one object per call with the whole call, a chunk per batch."""
        for batch in self.exported_calls(call_filter, progress):
            lines = (json.dumps(json_object(exported), ensure_ascii=False) + "\n" for exported in batch)
            yield "".join(lines).encode()
