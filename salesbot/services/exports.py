"""Exports of a filtered call history, streamed: the page's Export CSV and `python -m salesbot export` share them."""

from __future__ import annotations

import csv
import io
import json
from collections import OrderedDict
from collections.abc import Callable, Iterator

from salesbot.export_rows import CSV_COLUMNS, CustomerFacts, ExportedCall, ScriptUsed, csv_row, json_object
from salesbot.models import Call
from salesbot.services.scripts import version_number
from salesbot.storage import CallFilter, CallStore

BOM = "\ufeff".encode()  # Excel reads the file as UTF-8 only when it starts with one ("Müller", not "MÃ¼ller")
Progress = Callable[[int], None]  # called with how many calls are exported so far, after each batch


class _Customers:
    """Customers and their numbered script versions, the most recently used `kept` of them (bounded memory)."""

    def __init__(self, store: CallStore, kept: int) -> None:
        self._store = store
        self._kept = kept
        self._known: OrderedDict[int, tuple[CustomerFacts, dict[int, ScriptUsed]]] = OrderedDict()

    def _load(self, customer_id: int) -> tuple[CustomerFacts, dict[int, ScriptUsed]]:
        scripts = self._store.list_scripts(customer_id)
        versions = {s.id: ScriptUsed(s.id, version_number(scripts, s.id) or 0, s.writer) for s in scripts}
        entry = self._known[customer_id] = (CustomerFacts.of(self._store.get_customer(customer_id)), versions)
        self._known.move_to_end(customer_id)
        if len(self._known) > self._kept:
            self._known.popitem(last=False)
        return entry

    def read(self, calls: list[Call]) -> list[ExportedCall]:
        """The calls with their customers and script versions; a version newer than those known reloads them."""
        here: dict[int, tuple[CustomerFacts, dict[int, ScriptUsed]]] = {}  # this batch's, whatever is evicted
        exported = []
        for call in calls:
            cid, sid = call.customer_id, call.script_id
            entry = here.get(cid) or self._known.get(cid)
            if entry is None or (sid is not None and sid not in entry[1] and sid > max(entry[1], default=0)):
                entry = self._load(cid)
            elif cid not in here:
                self._known.move_to_end(cid)
            here[cid] = entry
            exported.append(ExportedCall(call, entry[0], entry[1].get(sid) if sid is not None else None))
        return exported


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
        customers = _Customers(self.store, self.customers_kept)
        done = 0
        for ids in self.store.iter_call_ids(call_filter, self.batch):
            batch = customers.read(self.store.get_calls(ids))
            done += len(batch)
            yield batch
            if progress:
                progress(done)

    def csv_chunks(self, call_filter: CallFilter, progress: Progress | None = None) -> Iterator[bytes]:
        """The CSV as UTF-8 bytes: a BOM and the header, then a chunk per batch; no cell starts like a formula."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        yield BOM + out.getvalue().encode()
        for batch in self.exported_calls(call_filter, progress):
            out.seek(0)
            out.truncate()
            writer.writerows(csv_row(exported) for exported in batch)
            yield out.getvalue().encode()

    def csv_bytes(self, call_filter: CallFilter) -> bytes:
        """The whole CSV at once, for a download button (the command streams csv_chunks instead)."""
        return b"".join(self.csv_chunks(call_filter))

    def jsonl_chunks(self, call_filter: CallFilter, progress: Progress | None = None) -> Iterator[bytes]:
        """JSON Lines as UTF-8 bytes: one object per call with the whole call, a chunk per batch."""
        for batch in self.exported_calls(call_filter, progress):
            lines = (json.dumps(json_object(exported), ensure_ascii=False) + "\n" for exported in batch)
            yield "".join(lines).encode()
