"""The SQLite store against a real file: schema, round trips, idempotent calls, concurrent writers."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from salesbot.errors import NotFound, StorageError
from salesbot.models import CallStatus, Speaker, Utterance
from salesbot.storage import CallChanges, NewCall
from salesbot.storage.sqlite import SQLiteStore
from salesbot.validation import validate_customer
from tests.conftest import ASHA


def test_schema_has_the_seed_tables_with_cascading_keys_and_wal(store: SQLiteStore) -> None:
    conn = sqlite3.connect(store.path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"customers", "sales_scripts", "call_transcripts"} <= tables
    fks = {r[2]: r[6] for r in conn.execute("PRAGMA foreign_key_list(call_transcripts)")}
    assert fks["customers"] == "CASCADE"
    assert {r[2]: r[6] for r in conn.execute("PRAGMA foreign_key_list(sales_scripts)")}["customers"] == "CASCADE"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    columns = {r[1]: r for r in conn.execute("PRAGMA table_info(customers)")}
    assert columns["country_code"][4] == "'IN'"


def test_customer_round_trip_and_upsert_by_name_and_number(store: SQLiteStore) -> None:
    first = store.save_customer(validate_customer(ASHA))
    assert first.phone_e164 == "+919876543210" and first.topics[0] == "Pricing"
    again = store.save_customer(validate_customer({**ASHA, "name": "asha rao", "topics": "Security"}))
    assert again.id == first.id and again.topics == ["Security"]
    other = store.save_customer(validate_customer({**ASHA, "name": "Ravi"}))
    assert other.id != first.id
    with pytest.raises(NotFound):
        store.get_customer(999)


def test_scripts_are_versions_newest_first(store: SQLiteStore) -> None:
    customer = store.save_customer(validate_customer(ASHA))
    v1 = store.add_script(customer.id, "one", "offline")
    v2 = store.add_script(customer.id, "two", "edited")
    assert [s.id for s in store.list_scripts(customer.id)] == [v2.id, v1.id]
    assert store.get_script(v1.id).script == "one"


def test_create_call_is_idempotent_per_attempt_key(store: SQLiteStore) -> None:
    customer = store.save_customer(validate_customer(ASHA))
    script = store.add_script(customer.id, "s", "offline")
    new = NewCall(customer.id, script.id, customer.phone_e164, "simulated", "attempt-1")
    call, created = store.create_call(new)
    again, created_again = store.create_call(new)
    assert created and not created_again and again.id == call.id
    assert call.status is CallStatus.DIALLING


def test_update_call_stores_utterances_transcript_and_times(store: SQLiteStore) -> None:
    customer = store.save_customer(validate_customer(ASHA))
    script = store.add_script(customer.id, "s", "offline")
    call, _ = store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    at = datetime(2026, 11, 24, 10, 0, 5, tzinfo=UTC)
    lines = [
        Utterance(id="0", speaker=Speaker.AGENT, text="Hello Asha", at=at),
        Utterance(id="1", speaker=Speaker.CUSTOMER, text="Hi there, who is this?", at=at),
    ]
    updated = store.update_call(
        call.id,
        CallChanges(status=CallStatus.COMPLETED, utterances=lines, started_at=at, ended_at=at, duration_seconds=5),
    )
    assert updated.utterances == lines and updated.status is CallStatus.COMPLETED
    assert updated.transcript == "Agent: Hello Asha\nCustomer: Hi there, who is this?"
    summaries = store.list_calls()
    assert summaries[0].first_words == "Hello Asha" and summaries[0].customer_name == "Asha Rao"
    assert store.unfinished_calls() == []


def test_deleting_a_customer_cascades(store: SQLiteStore) -> None:
    customer = store.save_customer(validate_customer(ASHA))
    script = store.add_script(customer.id, "s", "offline")
    store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    with sqlite3.connect(store.path) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("DELETE FROM customers WHERE id = ?", (customer.id,))
    assert store.list_calls() == [] and store.list_scripts(customer.id) == []


def test_call_for_a_missing_customer_is_refused(store: SQLiteStore) -> None:
    with pytest.raises(StorageError):
        store.create_call(NewCall(404, 1, "+919876543210", "simulated", "x"))
    assert store.list_calls() == []


def test_unwritable_location_is_a_clear_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="cannot be opened"):
        SQLiteStore(blocker / "salesbot.db")


def test_many_sessions_writing_at_once_lose_nothing(store: SQLiteStore) -> None:
    """Eight threads (like eight browser sessions), each with its own connections, write concurrently."""
    errors: list[BaseException] = []
    customer = store.save_customer(validate_customer(ASHA))

    def session(n: int) -> None:
        try:
            for i in range(25):
                script = store.add_script(customer.id, f"s{n}-{i}", "offline")
                call, _ = store.create_call(
                    NewCall(customer.id, script.id, customer.phone_e164, "simulated", f"{n}-{i}")
                )
                store.update_call(call.id, CallChanges(status=CallStatus.COMPLETED))
        except BaseException as e:  # collected and asserted below
            errors.append(e)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.list_scripts(customer.id)) == 200
    assert len(store.list_calls(limit=1000)) == 200
