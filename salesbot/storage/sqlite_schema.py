"""The SQLite file's schema, its full-text index, and the in-place migration of files from earlier releases."""

from __future__ import annotations

import json
import logging
import sqlite3

from salesbot.models import CallAnalysis
from salesbot.storage import rows, sqlite_daily, stats_columns

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    country_code TEXT NOT NULL DEFAULT 'IN',
    phone_number TEXT NOT NULL,
    phone_e164 TEXT NOT NULL,
    email TEXT,
    conversation_history TEXT NOT NULL DEFAULT '',
    topics TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT ''  -- the signed-in user's email ('' without sign-in)
);
CREATE UNIQUE INDEX IF NOT EXISTS customers_name_phone ON customers (lower(name), phone_e164);
CREATE TABLE IF NOT EXISTS sales_scripts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    script TEXT NOT NULL,
    writer TEXT NOT NULL DEFAULT 'offline',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS sales_scripts_customer ON sales_scripts (customer_id, id);
CREATE TABLE IF NOT EXISTS call_transcripts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    script_id INTEGER REFERENCES sales_scripts(id) ON DELETE SET NULL,
    transcript TEXT NOT NULL DEFAULT '',
    call_status TEXT NOT NULL,
    phone_e164 TEXT NOT NULL,
    provider TEXT NOT NULL,
    provider_call_id TEXT UNIQUE,
    attempt_key TEXT NOT NULL UNIQUE,
    utterances TEXT NOT NULL DEFAULT '[]',
    started_at TEXT,
    ended_at TEXT,
    duration_seconds REAL,
    error_message TEXT,
    recording_url TEXT,
    analysis TEXT,
    analysis_error TEXT,
    country_code TEXT NOT NULL DEFAULT 'IN',
    outcome TEXT,
    sentiment TEXT,
    objections TEXT,  -- JSON array of the objection kinds raised (null until analysed)
    next_step_agreed INTEGER,  -- 1 or 0 (null until analysed)
    customer_text TEXT NOT NULL DEFAULT '',  -- the customer's lines, one per utterance (rows.speaker_columns)
    agent_text TEXT NOT NULL DEFAULT '',
    customer_spoke INTEGER NOT NULL DEFAULT 0,  -- 1 once the customer said anything
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    request_fields TEXT NOT NULL DEFAULT ''  -- an API call's fields as asked (JSON)
);
CREATE INDEX IF NOT EXISTS call_transcripts_customer ON call_transcripts (customer_id);
CREATE INDEX IF NOT EXISTS call_transcripts_status ON call_transcripts (call_status);
CREATE INDEX IF NOT EXISTS call_transcripts_created ON call_transcripts (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS call_transcripts_phone ON call_transcripts (phone_e164, created_at);
CREATE TABLE IF NOT EXISTS work_leases (  -- who does a piece of shared work (a look-up, an analysis) until when
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
"""

# Columns added after the first release, for files created before them.
_ADDED_COLUMNS = {
    "analysis": "TEXT",
    "analysis_error": "TEXT",
    "country_code": "TEXT NOT NULL DEFAULT 'IN'",
    "outcome": "TEXT",
    "sentiment": "TEXT",
    "objections": "TEXT",
    "next_step_agreed": "INTEGER",
    "customer_text": "TEXT NOT NULL DEFAULT ''",
    "agent_text": "TEXT NOT NULL DEFAULT ''",
    "customer_spoke": "INTEGER NOT NULL DEFAULT 0",
    "created_by": "TEXT NOT NULL DEFAULT ''",
    "request_fields": "TEXT NOT NULL DEFAULT ''",
    **stats_columns.SQLITE_KINDS,
}
_WHO = "TEXT NOT NULL DEFAULT ''"  # customers and script versions gained created_by with sign-in

# Covering indexes: rows are wide (transcript and utterances), so filtering, sorting and the KPIs read only these
# narrow entries and touch the table for the 25 rows of a page. A file whose index has other columns gets it rebuilt.
_FILTERED = ("call_status", "outcome", "sentiment", "country_code", "customer_id", "next_step_agreed", "objections",
             "created_by")  # fmt: skip
COVERING_INDEXES = {
    "call_transcripts_browse": (
        "created_at",
        "id",
        *_FILTERED,
        "duration_seconds",
        "customer_spoke",
        *stats_columns.INDEXED,
    ),
    "call_transcripts_by_length": ("duration_seconds", "id", "created_at", *_FILTERED, "customer_spoke"),
    # by id: a search's KPIs seek each call the full-text index found (in id order), instead of scanning every call
    "call_transcripts_facts": (
        "id",
        "created_at",
        *_FILTERED,
        "duration_seconds",
        "customer_spoke",
        *stats_columns.COLUMNS,
    ),
}

# The full-text index: the transcript as shown ("anyone") and each speaker's lines. Contentless, so nothing can
# 'rebuild' it from the table's own columns: a speaker's lines are indexed with a U+E000 (private use) line between
# utterances, a word to FTS5's unicode61 that no search contains (search.terms.search_terms keeps letters and digits only),
# so a quoted phrase never runs from one utterance into the next, as on PostgreSQL (lines_tsvector).
_GAPPED = "replace({}, char(10), char(10) || char(57344) || char(10))"
_VALUES = f"{{0}}.transcript, {_GAPPED.format('{0}.customer_text')}, {_GAPPED.format('{0}.agent_text')}"
_COLUMNS = "transcript, customer_text, agent_text"
# Accents matter (café is not cafe), as in PostgreSQL's 'simple' configuration; case does not, in any script.
_TOKENIZER = "unicode61 remove_diacritics 0"
SEARCH_SCHEMA = (  # one statement each, so they run inside the migration's transaction
    f"CREATE VIRTUAL TABLE IF NOT EXISTS call_search USING fts5({_COLUMNS}, content='', tokenize=\"{_TOKENIZER}\")",
    f"""CREATE TRIGGER IF NOT EXISTS call_search_insert AFTER INSERT ON call_transcripts BEGIN
        INSERT INTO call_search(rowid, {_COLUMNS}) VALUES (new.id, {_VALUES.format("new")});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS call_search_delete AFTER DELETE ON call_transcripts BEGIN
        INSERT INTO call_search(call_search, rowid, {_COLUMNS}) VALUES ('delete', old.id, {_VALUES.format("old")});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS call_search_update AFTER UPDATE OF {_COLUMNS} ON call_transcripts BEGIN
        INSERT INTO call_search(call_search, rowid, {_COLUMNS}) VALUES ('delete', old.id, {_VALUES.format("old")});
        INSERT INTO call_search(rowid, {_COLUMNS}) VALUES (new.id, {_VALUES.format("new")});
    END""",
)
FILL_SEARCH = f"INSERT INTO call_search(rowid, {_COLUMNS}) SELECT t.id, {_VALUES.format('t')} FROM call_transcripts t"


def index_sql(name: str) -> str:
    return f"CREATE INDEX {name} ON call_transcripts ({', '.join(COVERING_INDEXES[name])})"


def migrate(conn: sqlite3.Connection) -> None:
    """Bring a file from an earlier release up to this schema, in place, keeping every call."""
    have = {r["name"] for r in conn.execute("PRAGMA table_info(call_transcripts)")}
    for column, kind in _ADDED_COLUMNS.items():
        if column not in have:
            conn.execute(f"ALTER TABLE call_transcripts ADD COLUMN {column} {kind}")
    for table in ("customers", "sales_scripts"):
        if "created_by" not in {r["name"] for r in conn.execute(f"PRAGMA table_info({table})")}:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN created_by {_WHO}")
    if "objections" not in have:  # calls analysed before objections were kept beside the analysis
        _backfill_analysis_columns(conn)
    if "customer_text" not in have:  # calls stored before each speaker's lines were kept beside the transcript
        _backfill_speaker_columns(conn)
    if "agent_words" not in have:  # calls stored before their coaching figures were kept beside them
        stats_columns.backfill_sqlite(conn)
    for name, columns in COVERING_INDEXES.items():
        if tuple(r["name"] for r in conn.execute(f"PRAGMA index_info({name})")) != columns:
            conn.execute(f"DROP INDEX IF EXISTS {name}")
            conn.execute(index_sql(name))
    found = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'call_search'").fetchone()
    if found and ("customer_text" not in found["sql"] or _TOKENIZER not in found["sql"]):  # an earlier release's
        for trigger in ("insert", "delete", "update"):
            conn.execute(f"DROP TRIGGER IF EXISTS call_search_{trigger}")
        conn.execute("DROP TABLE call_search")
        found = None
    for statement in SEARCH_SCHEMA:
        conn.execute(statement)
    if not found:  # a new index: index what the file already holds
        conn.execute(FILL_SEARCH)
    sqlite_daily.migrate(conn)


def _backfill_analysis_columns(conn: sqlite3.Connection) -> None:
    """Each stored analysis read as the model reads it (earlier shapes included), its filter columns written."""
    for r in conn.execute("SELECT id, analysis FROM call_transcripts WHERE analysis IS NOT NULL").fetchall():
        try:
            analysis = CallAnalysis.model_validate_json(r["analysis"])
        except ValueError as e:  # left unfiltered rather than refusing to open the file
            log.warning("call %s: the stored analysis cannot be read (%s)", r["id"], e)
            continue
        values = rows.analysis_columns(analysis)
        conn.execute(
            "UPDATE call_transcripts SET objections = ?, next_step_agreed = ? WHERE id = ?",
            (json.dumps(values["objections"]), int(values["next_step_agreed"]), r["id"]),
        )


def _backfill_speaker_columns(conn: sqlite3.Connection) -> None:
    """Each call's stored utterances split by speaker, as rows.speaker_columns does for a new write."""
    for r in conn.execute("SELECT id, utterances FROM call_transcripts WHERE utterances <> '[]'").fetchall():
        try:
            said = [(str(u["speaker"]), str(u["text"])) for u in json.loads(r["utterances"])]
        except (ValueError, TypeError, KeyError) as e:  # left out of speaker search rather than refusing the file
            log.warning("call %s: the stored utterances cannot be read (%s)", r["id"], e)
            continue
        values = rows.speaker_columns(said)
        conn.execute(
            "UPDATE call_transcripts SET customer_text = ?, agent_text = ?, customer_spoke = ? WHERE id = ?",
            (values["customer_text"], values["agent_text"], int(values["customer_spoke"]), r["id"]),
        )
