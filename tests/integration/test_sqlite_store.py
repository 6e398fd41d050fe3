"""The SQLite store against a real file: schema, round trips, idempotent calls, concurrent writers."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from salesbot.errors import StorageError
from salesbot.models import CallAnalysis, CallFilter, CallStatus, ObjectionKind, Outcome, Speaker, Utterance
from salesbot.storage import CallChanges, NewCall
from salesbot.storage.sqlite import SQLiteStore
from tests.builders import a_full_analysis, customer_input
from tests.integration.test_search_contract import FIRST_RELEASE


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
    customer = store.save_customer(customer_input())
    script = store.add_script(customer.id, "s", "offline")
    store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    with sqlite3.connect(store.path) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("DELETE FROM customers WHERE id = ?", (customer.id,))
    assert store.search_calls(CallFilter(), 200, 0).rows == [] and store.list_scripts(customer.id) == []


def test_unwritable_location_is_a_clear_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="cannot be opened"):
        SQLiteStore(blocker / "salesbot.db")


def test_an_update_with_nothing_to_change_does_not_wait_for_the_write_lock(tmp_path: Path) -> None:
    """A poll that changes nothing only reads: it neither writes nor queues behind another session's write."""
    store = SQLiteStore(tmp_path / "salesbot.db", busy_timeout_s=0.2)
    customer = store.save_customer(customer_input())
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


def as_previous_release(path: Path) -> None:
    """Turn a file into one written before objections and next steps were kept beside the analysis."""
    with sqlite3.connect(path) as conn:
        for trigger in ("insert", "delete", "update"):  # the per-day totals came later (their triggers read objections)
            conn.execute(f"DROP TRIGGER call_daily_{trigger}")
        conn.execute("DROP TABLE call_daily_stats")
        conn.execute("DROP INDEX call_transcripts_browse")
        conn.execute("DROP INDEX call_transcripts_by_length")
        conn.execute("DROP INDEX IF EXISTS call_transcripts_facts")  # came with the coaching figures
        conn.execute("ALTER TABLE call_transcripts DROP COLUMN objections")
        conn.execute("ALTER TABLE call_transcripts DROP COLUMN next_step_agreed")
        conn.execute(
            "CREATE INDEX call_transcripts_browse ON call_transcripts (created_at, id, call_status, outcome, sentiment,"
            " country_code, customer_id, duration_seconds)"
        )
        conn.execute(
            "CREATE INDEX call_transcripts_by_length ON call_transcripts (duration_seconds, id, created_at,"
            " call_status, outcome, sentiment, country_code, customer_id)"
        )


def test_a_file_from_before_objections_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "salesbot.db"
    store = SQLiteStore(path)
    customer = store.save_customer(customer_input())
    script = store.add_script(customer.id, "s", "offline")
    booked = a_full_analysis(Outcome.MEETING_BOOKED, (ObjectionKind.TIMING, ObjectionKind.PRICE), "Walkthrough")
    analyses: dict[str, dict[str, Any] | None] = {
        "first_release": FIRST_RELEASE,
        "booked": booked.model_dump(mode="json"),
        "declined": a_full_analysis(Outcome.NOT_INTERESTED, (ObjectionKind.COMPETITOR,)).model_dump(mode="json"),
        "unanalysed": None,
    }
    ids: dict[str, int] = {}
    for key in analyses:
        call, _ = store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", key))
        ids[key] = call.id
        lines = [Utterance(id="0", speaker=Speaker.CUSTOMER, text=f"About {key}", at=call.created_at)]
        store.update_call(call.id, CallChanges(status=CallStatus.COMPLETED, utterances=lines))
    as_previous_release(path)
    with sqlite3.connect(path) as conn:  # analyses as that release wrote them: the JSON, its outcome and sentiment
        for key, analysis in analyses.items():
            if analysis is not None:
                conn.execute(
                    "UPDATE call_transcripts SET analysis = ?, outcome = ?, sentiment = ? WHERE id = ?",
                    (json.dumps(analysis), analysis["outcome"], analysis["sentiment"], ids[key]),
                )

    migrated = SQLiteStore(path)
    with sqlite3.connect(path) as conn:
        stored = {r[0]: r[1:] for r in conn.execute("SELECT id, objections, next_step_agreed FROM call_transcripts")}
        indexed = [r[2] for r in conn.execute("PRAGMA index_info(call_transcripts_browse)")]
    assert stored == {
        ids["first_release"]: ("[]", 0),  # its string next_step was a recommendation, not an agreed step
        ids["booked"]: ('["price", "timing"]', 1),
        ids["declined"]: ('["competitor"]', 0),
        ids["unanalysed"]: (None, None),
    }
    assert "objections" in indexed and "next_step_agreed" in indexed

    def found(**kwargs: object) -> list[int]:
        page = migrated.search_calls(CallFilter(**kwargs), limit=10, offset=0)  # type: ignore[arg-type]
        return [r.summary.id for r in page.rows]

    assert found(objections=("price", "competitor")) == [ids["declined"], ids["booked"]]
    assert found(next_step_agreed=False) == [ids["declined"], ids["first_release"]]
    assert found(search="About booked") == [ids["booked"]]  # the transcript search survived the migration
    assert migrated.get_call(ids["first_release"]).analysis == CallAnalysis.model_validate(FIRST_RELEASE)
    assert migrated.get_call(ids["booked"]).analysis == booked
    SQLiteStore(path)  # opening it again changes nothing
    with sqlite3.connect(path) as conn:
        again = {r[0]: r[1:] for r in conn.execute("SELECT id, objections, next_step_agreed FROM call_transcripts")}
    assert again == stored


def as_release_before_speaker_search(path: Path) -> None:
    """Turn a file into one written before each speaker's lines were kept: the transcript-only full-text index (FTS5
    reading call_transcripts, diacritics removed), no speaker columns, covering indexes without customer_spoke, no
    per-day totals."""
    with sqlite3.connect(path) as conn:
        for trigger in ("insert", "delete", "update"):
            conn.execute(f"DROP TRIGGER call_search_{trigger}")
            conn.execute(f"DROP TRIGGER call_daily_{trigger}")
        conn.execute("DROP TABLE call_daily_stats")  # the per-day totals came later still
        conn.execute("DROP TABLE call_search")
        conn.execute("DROP INDEX call_transcripts_browse")
        conn.execute("DROP INDEX call_transcripts_by_length")
        conn.execute("DROP INDEX IF EXISTS call_transcripts_facts")  # came with the coaching figures
        for column in ("customer_text", "agent_text", "customer_spoke"):
            conn.execute(f"ALTER TABLE call_transcripts DROP COLUMN {column}")
        filtered = "call_status, outcome, sentiment, country_code, customer_id, next_step_agreed, objections"
        conn.execute(
            f"CREATE INDEX call_transcripts_browse ON call_transcripts (created_at, id, {filtered}, duration_seconds)"
        )
        conn.execute(
            f"CREATE INDEX call_transcripts_by_length ON call_transcripts (duration_seconds, id, created_at, {filtered})"
        )
        conn.executescript("""
            CREATE VIRTUAL TABLE call_search USING fts5(
                transcript, content='call_transcripts', content_rowid='id', tokenize='unicode61'
            );
            CREATE TRIGGER call_search_insert AFTER INSERT ON call_transcripts BEGIN
                INSERT INTO call_search(rowid, transcript) VALUES (new.id, new.transcript);
            END;
            CREATE TRIGGER call_search_delete AFTER DELETE ON call_transcripts BEGIN
                INSERT INTO call_search(call_search, rowid, transcript) VALUES ('delete', old.id, old.transcript);
            END;
            CREATE TRIGGER call_search_update AFTER UPDATE OF transcript ON call_transcripts BEGIN
                INSERT INTO call_search(call_search, rowid, transcript) VALUES ('delete', old.id, old.transcript);
                INSERT INTO call_search(rowid, transcript) VALUES (new.id, new.transcript);
            END;
            INSERT INTO call_search(call_search) VALUES ('rebuild');
        """)  # fmt: skip


def test_a_file_from_before_speaker_search_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "salesbot.db"
    store = SQLiteStore(path)
    customer = store.save_customer(customer_input())
    script = store.add_script(customer.id, "s", "offline")
    said = {
        "answered": [(Speaker.AGENT, "Priced per seat."), (Speaker.CUSTOMER, "We decide next quarter.")],
        "split": [(Speaker.CUSTOMER, "We start next"), (Speaker.CUSTOMER, "quarter,  maybe\nlater.")],
        "agent only": [(Speaker.AGENT, "Hello? The next quarter offer.")],
        "silent": [],
    }
    ids: dict[str, int] = {}
    for key, lines in said.items():
        call, _ = store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", key))
        ids[key] = call.id
        utterances = [Utterance(id=str(n), speaker=s, text=t, at=call.created_at) for n, (s, t) in enumerate(lines)]
        store.update_call(call.id, CallChanges(status=CallStatus.COMPLETED, utterances=utterances, duration_seconds=9))
    as_release_before_speaker_search(path)
    with sqlite3.connect(path) as conn:  # a broken row is left out of speaker search, not a reason to refuse the file
        conn.execute("UPDATE call_transcripts SET utterances = '[{\"who\": 1}]' WHERE id = ?", (ids["silent"],))

    migrated = SQLiteStore(path)
    with sqlite3.connect(path) as conn:
        stored = {
            r[0]: r[1:]
            for r in conn.execute("SELECT id, customer_text, agent_text, customer_spoke FROM call_transcripts")
        }
    assert stored == {
        ids["answered"]: ("We decide next quarter.", "Priced per seat.", 1),
        ids["split"]: ("We start next\nquarter, maybe later.", "", 1),  # one line per utterance
        ids["agent only"]: ("", "Hello? The next quarter offer.", 0),
        ids["silent"]: ("", "", 0),
    }

    def found(search: str, said_by: str = "") -> list[int]:
        return [r.summary.id for r in migrated.search_calls(CallFilter(search=search, said_by=said_by), 10, 0).rows]

    assert found('"next quarter"') == [ids["agent only"], ids["answered"]]
    assert found('"next quarter"', "customer") == [ids["answered"]]  # not across the split utterances
    assert found("next quarter", "customer") == [ids["split"], ids["answered"]]
    assert found("priced", "agent") == [ids["answered"]]
    assert migrated.call_stats(CallFilter()).connected == 2  # from the per-day totals, filled from the calls
    assert migrated.call_stats(CallFilter()) == migrated.call_stats(CallFilter(customer_name="*"))
    SQLiteStore(path)  # opening it again changes nothing
    assert found('"next quarter"', "customer") == [ids["answered"]]


def test_a_file_from_before_sign_in_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "salesbot.db"
    store = SQLiteStore(path)
    customer = store.save_customer(customer_input())
    script = store.add_script(customer.id, "s", "offline")
    call, _ = store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "old"))
    with sqlite3.connect(path) as conn:  # as the release before sign-in wrote it: no created_by anywhere
        for trigger in ("insert", "delete", "update"):  # its per-day totals did not read it (rebuilt on opening)
            conn.execute(f"DROP TRIGGER call_daily_{trigger}")
        conn.execute("DROP INDEX call_transcripts_browse")
        conn.execute("DROP INDEX call_transcripts_by_length")
        conn.execute("DROP INDEX IF EXISTS call_transcripts_facts")  # came with the coaching figures
        for table in ("customers", "sales_scripts", "call_transcripts"):
            conn.execute(f"ALTER TABLE {table} DROP COLUMN created_by")

    migrated = SQLiteStore(path)
    assert migrated.get_call(call.id).created_by == migrated.get_customer(customer.id).created_by == ""
    assert migrated.get_script(script.id).created_by == ""
    with sqlite3.connect(path) as conn:
        indexed = [r[2] for r in conn.execute("PRAGMA index_info(call_transcripts_browse)")]
    assert "created_by" in indexed  # the Placed by filter reads the narrow index, not the wide rows
    new, _ = migrated.create_call(
        NewCall(customer.id, script.id, customer.phone_e164, "simulated", "new", created_by="ana@x.example")
    )
    assert [r.summary.id for r in migrated.search_calls(CallFilter(created_by="ana@x.example"), 10, 0).rows] == [new.id]
