"""The exports without a real store: inert CSV cells, the BOM and the columns, JSON Lines, batches and memory."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest

from salesbot.exports.rows import CSV_COLUMNS, inert_cell, phone_cell
from salesbot.exports.service import ExportService
from salesbot.models import (
    Call,
    CallAnalysis,
    CallFilter,
    CallPage,
    CallStatus,
    Customer,
    SalesScript,
    Speaker,
    readable_phone,
)
from salesbot.storage import CallStore
from tests.builders import a_call, a_customer, a_script
from tests.integration.test_search_contract import FIRST_RELEASE
from tests.unit.test_call_report import ANALYSIS

START = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
HYPERLINK = '=HYPERLINK("http://evil.example","x")'
MARKDOWN_NAME = "![p](http://host/pixel.png) [click](http://evil.example)"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list, written out here rather than imported


class FakeStore:
    """The reads an export makes, over lists, counting what it is asked for."""

    def __init__(self) -> None:
        self.customers: dict[int, Customer] = {}
        self.scripts: list[SalesScript] = []
        self.calls: list[Call] = []
        self.asked: list[str] = []

    def add_customer(self, name: str, phone: str = "+919876543210", country: str = "IN") -> Customer:
        n = len(self.customers) + 1
        customer = a_customer(id=n, name=name, country_code=country, phone_number=phone[3:], phone_e164=phone,
                              email=f"c{n}@example.com", conversation_history="", topics=["Pricing", "CRM integration"],
                              created_at=START)  # fmt: skip
        self.customers[customer.id] = customer
        return customer

    def add_script(self, customer: Customer, writer: str = "offline", minutes: int = 0, by: str = "") -> SalesScript:
        script = a_script(id=len(self.scripts) + 1, customer_id=customer.id, script="[Opener]", writer=writer,
                          created_at=START + timedelta(minutes=minutes), created_by=by)  # fmt: skip
        self.scripts.append(script)
        return script

    def add_call(self, customer: Customer, script_id: int | None, **fields: Any) -> Call:
        said = [(Speaker.AGENT, "Hello, this is Maya.", 2), (Speaker.CUSTOMER, "Müller here.", 7.5)]
        call = a_call(said, **{"id": len(self.calls) + 1, "customer_id": customer.id, "script_id": script_id,
                               "phone_e164": customer.phone_e164, "attempt_key": f"a{len(self.calls)}",
                               "started_at": START, "ended_at": START + timedelta(seconds=140),
                               "duration_seconds": 140.0, **fields})  # fmt: skip
        self.calls.append(call)
        return call

    def iter_call_ids(self, call_filter: CallFilter, batch: int = 500) -> Iterator[list[int]]:
        """Keyset paging as the stores do it: newest first (or oldest), each batch after the last id seen."""
        oldest, last = call_filter.sort == "oldest", None
        while True:
            ordered = sorted((c.id for c in self.calls), reverse=not oldest)
            found = [i for i in ordered if last is None or (i > last if oldest else i < last)][:batch]
            if found:
                yield found
            if len(found) < batch:
                return
            last = found[-1]

    def get_calls(self, call_ids: list[int]) -> list[Call]:
        self.asked.append(f"calls:{len(call_ids)}")
        by_id = {c.id: c for c in self.calls}
        return [by_id[i] for i in call_ids if i in by_id]

    def get_customer(self, customer_id: int) -> Customer:
        self.asked.append(f"customer:{customer_id}")
        return self.customers[customer_id]

    def list_scripts(self, customer_id: int) -> list[SalesScript]:
        return sorted((s for s in self.scripts if s.customer_id == customer_id), key=lambda s: s.id, reverse=True)

    def customers_and_scripts(self, customer_ids: list[int]) -> tuple[list[Customer], list[SalesScript]]:
        self.asked += [f"customer:{i}" for i in customer_ids]
        found = [self.customers[i] for i in customer_ids if i in self.customers]
        return found, sorted((s for s in self.scripts if s.customer_id in customer_ids), key=lambda s: -s.id)

    def search_calls(self, call_filter: CallFilter, limit: int, offset: int, with_total: bool = True) -> CallPage:
        return CallPage([], len(self.calls))


def exports(store: FakeStore, **options: Any) -> ExportService:
    return ExportService(cast(CallStore, store), **options)


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the UTF-8 BOM, once
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_cell_starting_like_a_formula_gets_a_quote(start: str) -> None:
    store = FakeStore()
    customer = store.add_customer(f"{start}cmd|'/c calc'!A1")
    store.add_call(customer, store.add_script(customer).id)
    row = read_csv(b"".join(exports(store).csv_chunks(CallFilter())))[0]
    assert row["customer"] == f"'{start}cmd|'/c calc'!A1"
    assert inert_cell(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("text", ["Asha Rao", "a=b", "1-2", "Müller", "", "'quoted"])
def test_other_cells_are_left_as_they_are(text: str) -> None:
    assert inert_cell(text) == text


def test_hostile_names_read_back_as_inert_text() -> None:
    store = FakeStore()
    for name in (HYPERLINK, MARKDOWN_NAME, "<img src=x onerror=alert(1)>", "-2+3", "@SUM(A1:A9)"):
        customer = store.add_customer(name)
        store.add_call(customer, store.add_script(customer).id)
    rows = read_csv(b"".join(exports(store).csv_chunks(CallFilter())))
    names = [r["customer"] for r in reversed(rows)]
    assert names == ["'" + HYPERLINK, MARKDOWN_NAME, "<img src=x onerror=alert(1)>", "'-2+3", "'@SUM(A1:A9)"]
    cells = [cell for r in rows for column, cell in r.items() if column != "phone_e164"]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]  # no cell anywhere starts like a formula
    assert {r["phone_e164"] for r in rows} == {"+919876543210"}  # but the E.164 number: a plus and digits only


def test_phone_numbers_stay_readable_and_inert() -> None:
    assert readable_phone("+919876543210") == "+91 98765 43210"
    assert readable_phone("+14155552671") == "+1 415-555-2671"
    assert readable_phone("not a number") == "not a number"
    store = FakeStore()
    for phone, country in (("+919876543210", "IN"), ("+14155552671", "US"), ("+447911123456", "GB")):
        customer = store.add_customer("Asha", phone, country)
        store.add_call(customer, store.add_script(customer).id)
    rows = read_csv(b"".join(exports(store).csv_chunks(CallFilter())))
    assert [r["phone"] for r in rows] == ["'+44 7911 123456", "'+1 415-555-2671", "'+91 98765 43210"]
    assert [r["phone_e164"] for r in rows] == ["+447911123456", "+14155552671", "+919876543210"]


@pytest.mark.parametrize("stored", ["+1=2", "+91 98765", "+0123456789", "+12", "=HYPERLINK(1)", "+1234567890123456"])
def test_only_a_real_e164_number_goes_without_the_quote(stored: str) -> None:
    assert phone_cell("+919876543210") == "+919876543210"
    assert phone_cell(stored) == ("'" + stored if stored.startswith(FORMULA_STARTS) else stored)


def test_the_csv_starts_with_a_bom_and_has_every_column() -> None:
    store = FakeStore()
    customer = store.add_customer("Jörg Müller")
    first, second = store.add_script(customer), store.add_script(customer, "edited", minutes=5)
    store.add_call(customer, second.id, analysis=ANALYSIS, created_by="ana@team.example")
    store.add_call(customer, first.id, status=CallStatus.FAILED, utterances=[], duration_seconds=None)
    data = b"".join(exports(store).csv_chunks(CallFilter()))
    assert data.count(b"\xef\xbb\xbf") == 1 and "Jörg Müller".encode() in data
    unanalysed, full = read_csv(data)
    assert tuple(full) == CSV_COLUMNS
    assert {k: full[k] for k in ("call_id", "customer", "email", "country", "status", "script_version")} == {
        "call_id": "1", "customer": "Jörg Müller", "email": "c1@example.com", "country": "IN", "status": "completed",
        "script_version": "v2",
    }  # fmt: skip
    assert full["topics"] == "Pricing; CRM integration" and full["summary"] == ANALYSIS.summary
    assert (full["outcome"], full["sentiment"], full["duration_seconds"]) == ("meeting_booked", "positive", "140.0")
    assert full["created_at"] == START.isoformat() and full["ended_at"] == (START + timedelta(seconds=140)).isoformat()
    assert (full["objections"], full["next_step"], full["next_step_agreed"]) == (
        "price; no_need",
        "Walkthrough (Thursday at 3 pm)",
        "yes",
    )
    assert full["topics_covered"] == "Pricing" and full["topics_raised_not_discussed"] == "<b>CRM</b> integration"
    assert (full["agent_talk_share"], full["agent_questions"]) == ("0.6", "4")
    assert full["transcript"] == "Agent: Hello, this is Maya.\nCustomer: Müller here."
    assert unanalysed["script_version"] == "v1" and unanalysed["summary"] == unanalysed["outcome"] == ""
    assert unanalysed["next_step_agreed"] == "" and unanalysed["duration_seconds"] == ""
    assert (full["placed_by"], unanalysed["placed_by"]) == ("ana@team.example", "")  # "" without sign-in


def test_an_analysis_from_the_first_release_fills_what_it_knows() -> None:
    store = FakeStore()
    customer = store.add_customer("Asha")
    store.add_call(customer, store.add_script(customer).id, analysis=CallAnalysis.model_validate(FIRST_RELEASE))
    row = read_csv(b"".join(exports(store).csv_chunks(CallFilter())))[0]
    assert [row[k] for k in ("objections", "next_step", "next_step_agreed", "topics_covered")] == [
        "",
        "",
        "no",
        "Pricing",
    ]
    assert row["agent_talk_share"] == row["agent_questions"] == "" and row["outcome"] == FIRST_RELEASE["outcome"]


def test_a_deleted_script_leaves_the_version_empty() -> None:
    store = FakeStore()
    customer = store.add_customer("Asha")
    store.add_call(customer, 99)
    store.add_call(customer, None)
    service = exports(store)
    assert [r["script_version"] for r in read_csv(b"".join(service.csv_chunks(CallFilter())))] == ["", ""]
    assert [json.loads(line)["script"] for line in b"".join(service.jsonl_chunks(CallFilter())).splitlines()] == [
        None,
        None,
    ]


def test_a_jsonl_line_carries_the_whole_call() -> None:
    store = FakeStore()
    customer = store.add_customer(HYPERLINK)
    store.add_script(customer)
    script = store.add_script(customer, "openai:gpt-4o-mini", minutes=3, by="ana@team.example")
    store.add_call(customer, script.id, analysis=ANALYSIS, recording_url="https://example.com/r.mp3",
                   created_by="bo@team.example")  # fmt: skip
    data = b"".join(exports(store).jsonl_chunks(CallFilter()))
    assert data.endswith(b"\n") and data.count(b"\n") == 1 and "Müller".encode() in data  # UTF-8, not \u00fc
    line = json.loads(data)
    assert set(line) == {"id", "customer", "status", "created_at", "started_at", "ended_at", "duration_seconds",
                         "provider", "placed_by", "provider_call_id", "recording_url", "error_message", "script",
                         "transcript", "analysis", "analysis_error"}  # fmt: skip
    assert line["customer"] == {"id": 1, "name": HYPERLINK, "phone": "+919876543210", "country": "IN",
                                "email": "c1@example.com", "topics": ["Pricing", "CRM integration"]}  # fmt: skip
    assert line["script"] == {"id": 2, "version": 2, "writer": "openai:gpt-4o-mini", "created_by": "ana@team.example"}
    assert line["placed_by"] == "bo@team.example"
    assert (line["status"], line["provider"], line["duration_seconds"]) == ("completed", "simulated", 140.0)
    assert line["started_at"] == START.isoformat() and line["recording_url"] == "https://example.com/r.mp3"
    assert line["transcript"] == [
        {"speaker": "agent", "text": "Hello, this is Maya.", "seconds": 2.0,
         "at": (START + timedelta(seconds=2)).isoformat()},
        {"speaker": "customer", "text": "Müller here.", "seconds": 7.5,
         "at": (START + timedelta(seconds=7.5)).isoformat()},
    ]  # fmt: skip
    assert line["analysis"] == ANALYSIS.model_dump(mode="json")


def test_batches_stream_and_few_customers_are_kept() -> None:
    store = FakeStore()
    people = [store.add_customer(f"Customer {i}") for i in range(3)]
    for p in people:
        store.add_script(p)
    for i in range(25):
        store.add_call(people[i % 3], people[i % 3].id)
    done: list[int] = []
    service = exports(store, batch=10, customers_kept=2)
    chunks = list(service.csv_chunks(CallFilter(), done.append))
    assert len(chunks) == 4 and chunks[0].count(b"\n") == 1  # the header, then one chunk per batch
    assert done == [10, 20, 25] and service.count(CallFilter()) == 25
    assert [a for a in store.asked if a.startswith("calls")] == ["calls:10", "calls:10", "calls:5"]
    assert len(read_csv(b"".join(chunks))) == 25
    # three customers in turn, two kept: read once per batch they are in when not kept from the batch before
    assert sum(a.startswith("customer") for a in store.asked) == 5
    store.asked.clear()
    list(exports(store, batch=10).csv_chunks(CallFilter()))
    assert sum(a.startswith("customer") for a in store.asked) == 3  # all kept: each read once


def test_a_version_written_during_the_export_is_numbered() -> None:
    store = FakeStore()
    customer = store.add_customer("Asha")
    store.add_call(customer, store.add_script(customer).id)
    store.add_call(customer, 1)
    batches = exports(store, batch=1).exported_calls(CallFilter(sort="oldest"))
    assert [e.script.version for e in next(batches) if e.script] == [1]  # Asha and her one version are read
    store.add_call(customer, store.add_script(customer, "edited", minutes=9).id)  # a new version, called at once
    assert [e.script.version for e in next(batches) if e.script] == [1]
    assert [e.script.version for e in next(batches) if e.script] == [2]  # a version newer than those read: read again
