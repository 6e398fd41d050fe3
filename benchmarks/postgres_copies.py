"""Benchmark helper: grow a seeded PostgreSQL to a million calls by copying its calls in SQL, as seeding them through
PostgREST (generating and analysing every call in Python) would take the better part of an hour.

Each copy is the seeded calls again, 60 days earlier per copy (so the calls spread over the months before the seeded
ones), with new attempt keys and provider ids. The search columns (transcript_tsv, customer_tsv, agent_tsv,
search_pairs) are copied as they are, with the trigger that computes them switched off: they are what the trigger
computed for the same texts. Secondary indexes are dropped during the copy and built again after it, as one would
for a bulk load.
"""

from __future__ import annotations

import sys
import time

COPIED = (
    "customer_id, script_id, transcript, call_status, phone_e164, provider, utterances, started_at, ended_at,"
    " duration_seconds, error_message, recording_url, analysis, analysis_error, country_code, outcome, sentiment,"
    " objections, next_step_agreed, customer_text, agent_text, customer_spoke, transcript_tsv, customer_tsv, agent_tsv,"
    " search_pairs, created_by, agent_words, customer_words, agent_questions, longest_monologue, first_objection,"
    " topic_coverage"
)


def vacuum(dsn: str) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("vacuum analyze")


def grow(dsn: str, target: int, days: int = 60) -> None:
    """Copy the seeded calls until the table holds `target` calls, then build the indexes and vacuum."""
    import psycopg

    start = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as conn:
        seeded = int(conn.execute("select count(*) from public.call_transcripts").fetchone()[0])  # type: ignore[index]
        indexes = [
            (name, sql)
            for name, sql in conn.execute(
                "select indexname, indexdef from pg_indexes where schemaname = 'public'"
                " and tablename = 'call_transcripts' and indexdef not like 'CREATE UNIQUE%'"
            )
        ]
        for name, _ in indexes:
            conn.execute(f"drop index public.{name}")
        conn.execute("alter table public.call_transcripts disable trigger call_search_columns")
        copy, total = 0, seeded
        while total < target:
            copy += 1
            rows = min(seeded, target - total)
            conn.execute(
                f"insert into public.call_transcripts ({COPIED}, provider_call_id, attempt_key, created_at)"
                f" select {COPIED}, provider_call_id || '-copy{copy}', attempt_key || '-copy{copy}',"
                f" created_at - interval '{days * copy} days'"
                f" from public.call_transcripts where id <= (select min(id) from public.call_transcripts) + {rows - 1}"
            )
            total += rows
            print(f"  … {total:,} calls ({time.perf_counter() - start:.0f} s)", file=sys.stderr)
        conn.execute("alter table public.call_transcripts enable trigger call_search_columns")
        conn.execute("set maintenance_work_mem = '256MB'")
        for name, sql in indexes:
            built = time.perf_counter()
            conn.execute(sql)
            print(f"  … index {name} ({time.perf_counter() - built:.0f} s)", file=sys.stderr)
        conn.execute("vacuum analyze public.call_transcripts")
    print(f"  grew to {target:,} calls by copying in SQL in {time.perf_counter() - start:.0f} s")
