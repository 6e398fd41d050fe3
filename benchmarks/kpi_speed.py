"""Benchmark: the Transcripts page's KPIs (call_stats) at scale, on SQLite and on PostgreSQL through the Supabase store.

Run: `.venv/bin/python benchmarks/kpi_speed.py --data DIR [--calls 100000] [--scale-to 1000000] [--runs 40]
[--stores sqlite,supabase]`. The data is kept in DIR (DIR/kpi.db, a PostgreSQL cluster in DIR/pg) so a second run
measures again without seeding: seeded with `salesbot.cli.seed` once (both stores from one pass), then, with
--scale-to, grown by copying the seeded calls in SQL (each copy SHIFT_DAYS earlier, benchmarks/postgres_copies.py on
PostgreSQL, the same here on SQLite). Prints p50/p95 of: the KPIs for a common word with a filter, for every query
of transcripts_scale.QUERIES, for a presenter, and for everything; and the load average.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.transcripts_scale import QUERIES, seed_timed, timed
from salesbot.models import CallFilter
from salesbot.storage import CallStore, HistoryImport
from salesbot.storage.sqlite import SQLiteStore

SHIFT_DAYS = 15  # each copy this many days earlier: a million calls from a small seed span about two years
COMMON = [  # a word in most seeded calls, with one other filter each
    CallFilter(search="pricing", outcomes=("interested",)),
    CallFilter(search="pricing", country_code="IN"),
    CallFilter(search="price", sentiments=("negative", "neutral")),
    CallFilter(search="thanks", statuses=("completed",)),
]


def measure(store: CallStore, runs: int) -> None:
    for f in COMMON:
        found = store.call_stats(f)
        print(f"  {f.search!r} + filter matches {found.calls:,} calls")
    timed("KPIs, a common word + a filter", runs, lambda i: store.call_stats(COMMON[i % len(COMMON)]))
    timed("KPIs, transcripts_scale queries", runs, lambda i: store.call_stats(QUERIES[i % len(QUERIES)]))
    timed("KPIs, one presenter (totals)", runs, lambda i: store.call_stats(CallFilter(created_by=f"p{i}@x.example")))
    timed("KPIs, everything", runs, lambda i: store.call_stats(CallFilter()))
    print(f"  load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def grow_sqlite(path: Path, target: int) -> None:
    """Copy the seeded calls in SQL until the file holds `target` calls (the full-text index filled once per copy)."""
    import sqlite3

    from salesbot.storage import sqlite_schema

    start = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(call_transcripts)") if r[1] != "id"]
    copied = [c for c in columns if c not in ("attempt_key", "provider_call_id", "created_at")]
    seeded, first = conn.execute("SELECT count(*), min(id) FROM call_transcripts").fetchone()
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'call_search_insert'").fetchone()[0]
    total, copy = seeded, 0
    for name in sqlite_schema.COVERING_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    while total < target:
        copy += 1
        rows = min(seeded, target - total)
        conn.execute("BEGIN")
        conn.execute("DROP TRIGGER call_search_insert")
        top = conn.execute("SELECT max(id) FROM call_transcripts").fetchone()[0]
        conn.execute(
            f"INSERT INTO call_transcripts ({', '.join(copied)}, attempt_key, provider_call_id, created_at)"
            f" SELECT {', '.join(copied)}, attempt_key || '-copy{copy}', provider_call_id || '-copy{copy}',"
            f" strftime('%Y-%m-%dT%H:%M:%S', created_at, '-{SHIFT_DAYS * copy} days') || '+00:00'"
            f" FROM call_transcripts WHERE id < {first + rows}"
        )
        conn.execute(
            "INSERT INTO call_search(rowid, transcript, customer_text, agent_text) SELECT t.id, t.transcript,"
            " replace(t.customer_text, char(10), char(10) || char(57344) || char(10)),"
            " replace(t.agent_text, char(10), char(10) || char(57344) || char(10))"
            f" FROM call_transcripts t WHERE t.id > {top}"
        )
        conn.execute(trigger)
        conn.execute("COMMIT")
        total += rows
        print(f"  … {total:,} calls ({time.perf_counter() - start:.0f} s)", file=sys.stderr)
    for name in sqlite_schema.COVERING_INDEXES:
        conn.execute(sqlite_schema.index_sql(name))
    conn.execute("ANALYZE")
    conn.close()
    print(f"  SQLite grew to {target:,} calls by copying in SQL in {time.perf_counter() - start:.0f} s")


def postgres(data: Path) -> tuple[object, str]:
    """A cluster kept in data/pg: started if there, else made (as tests/fakes/postgres.py makes one)."""
    from tests.fakes.postgres import ThrowawayPostgres

    pg = ThrowawayPostgres()
    pg.base = data / "pg"
    pg.data = pg.base / "data"
    pg.dsn = f"host=127.0.0.1 port={pg.port} user=postgres dbname=postgres"
    if not pg.data.exists():
        pg.base.mkdir(parents=True, exist_ok=True)
        return pg.start(), "new"
    options = f"-p {pg.port} -k {pg.base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    pg._as_postgres("/usr/lib/postgresql/15/bin/pg_ctl", "-D", str(pg.data), "-o", options, "-l",
                    str(pg.base / "log"), "-w", "start")  # fmt: skip
    return pg, "kept"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--scale-to", type=int, default=0)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--stores", default="sqlite,supabase")
    parser.add_argument("--seed-only", action="store_true", help="build the data, measure nothing")
    parser.add_argument("--refresh-sql", action="store_true", help="apply the newest migration to a kept cluster")
    args = parser.parse_args()
    stores, data = set(args.stores.split(",")), args.data
    data.mkdir(parents=True, exist_ok=True)
    fresh = not (data / "kpi.db").exists()
    sqlite = SQLiteStore(data / "kpi.db") if "sqlite" in stores else None
    pg = server = supabase = None
    try:
        if "supabase" in stores:
            import psycopg

            from salesbot.storage.supabase_store import SupabaseStore
            from tests.fakes.postgres import MIGRATIONS
            from tests.fakes.postgrest_server import PostgrestServer, make_key

            pg, state = postgres(data)
            if state == "kept" and args.refresh_sql:
                with psycopg.connect(pg.dsn, autocommit=True) as conn:  # type: ignore[attr-defined]
                    conn.execute(sorted(MIGRATIONS.glob("*.sql"))[-1].read_text())
            server = PostgrestServer(pg.dsn).__enter__()  # type: ignore[attr-defined]
            supabase = SupabaseStore(server.url, make_key("service_role"), timeout_s=300)
        if fresh:
            seeded: list[HistoryImport] = [s for s in (sqlite, supabase) if s is not None]
            print(f"Seeding {args.calls:,} calls:")
            seed_timed(seeded, args.calls)
            if pg is not None:
                from benchmarks import postgres_copies

                postgres_copies.vacuum(pg.dsn)  # type: ignore[attr-defined]
        if args.seed_only:
            return
        for store, label in ((sqlite, "SQLite"), (supabase, "PostgreSQL 15 via the Supabase store")):
            if store is not None and not args.scale_to:
                print(f"{label}, {store.call_stats(CallFilter()).calls:,} calls:")
                measure(store, args.runs)
        if args.scale_to:
            for store, label in ((sqlite, "SQLite"), (supabase, "PostgreSQL 15 via the Supabase store")):
                if store is None:
                    continue
                if store.call_stats(CallFilter()).calls < args.scale_to:
                    if store is sqlite:
                        grow_sqlite(sqlite.path, args.scale_to)
                    else:
                        from benchmarks import postgres_copies

                        postgres_copies.grow(pg.dsn, args.scale_to, days=SHIFT_DAYS)  # type: ignore[attr-defined]
                print(f"{label}, {store.call_stats(CallFilter()).calls:,} calls:")
                measure(store, args.runs)
    finally:
        if server:
            server.__exit__(None, None, None)
        if pg:  # a fast stop that keeps the cluster for the next run
            pg._as_postgres("/usr/lib/postgresql/15/bin/pg_ctl", "-D", str(pg.data), "-m", "fast", "-w", "stop")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
