"""The SQLite store against a real file: schema, round trips, idempotent calls, concurrent writers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from salesbot.errors import StorageError
from salesbot.models import CallStatus
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


def test_deleting_a_customer_cascades(store: SQLiteStore) -> None:
    customer = store.save_customer(validate_customer(ASHA))
    script = store.add_script(customer.id, "s", "offline")
    store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    with sqlite3.connect(store.path) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("DELETE FROM customers WHERE id = ?", (customer.id,))
    assert store.list_calls() == [] and store.list_scripts(customer.id) == []


def test_unwritable_location_is_a_clear_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="cannot be opened"):
        SQLiteStore(blocker / "salesbot.db")


def test_an_update_with_nothing_to_change_does_not_wait_for_the_write_lock(tmp_path: Path) -> None:
    """A poll that changes nothing only reads: it neither writes nor queues behind another session's write."""
    store = SQLiteStore(tmp_path / "salesbot.db", busy_timeout_s=0.2)
    customer = store.save_customer(validate_customer(ASHA))
    script = store.add_script(customer.id, "s", "offline")
    call, _ = store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    writer = sqlite3.connect(store.path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another session holds the write lock
        assert store.update_call(call.id, CallChanges()) == call
        with pytest.raises(StorageError):
            store.update_call(call.id, CallChanges(status=CallStatus.IN_PROGRESS))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
