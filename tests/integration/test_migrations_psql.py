"""The migrations apply as a user following the README may apply them: `psql -f`, file by file, in order, into an
empty database set up as a Supabase project (psql runs each statement in a transaction of its own)."""

from __future__ import annotations

import subprocess

import psycopg
import pytest

from tests.fakes.postgres import MIGRATIONS, PG_BIN, SUPABASE_ROLES, ThrowawayPostgres


def psql(dsn: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(PG_BIN.parent / "bin" / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.fixture
def empty_database(postgres: ThrowawayPostgres) -> str:
    with psycopg.connect(postgres.dsn, autocommit=True) as conn:
        conn.execute("drop database if exists psql_migrations")
        conn.execute("create database psql_migrations template template0 encoding 'UTF8' locale 'C.UTF-8'")
    dsn = postgres.dsn.replace("dbname=postgres", "dbname=psql_migrations")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(SUPABASE_ROLES)
    return dsn


def test_every_migration_applies_with_psql_file_by_file(empty_database: str) -> None:
    files = sorted(MIGRATIONS.glob("*.sql"))
    assert len(files) >= 9
    for migration in files:
        run = psql(empty_database, "-f", str(migration))
        assert run.returncode == 0 and "ERROR" not in run.stderr, f"{migration.name}: {run.stderr}"
    check = psql(empty_database, "-A", "-t", "-c", "select count(*) from public.call_daily_stats")
    assert check.returncode == 0 and check.stdout.strip() == "0", check.stderr
    functions = psql(
        empty_database, "-A", "-t", "-c", "select count(*) from pg_proc where proname = 'create_call_once'"
    )
    assert functions.stdout.strip() == "1", functions.stderr


def test_the_daily_totals_are_rebuilt_from_stored_calls_under_psql(empty_database: str) -> None:
    files = sorted(MIGRATIONS.glob("*.sql"))
    stats = next(f for f in files if f.name.endswith("_call_daily_stats.sql"))
    for migration in files:
        assert psql(empty_database, "-f", str(migration)).returncode == 0, migration.name
    insert = (
        "insert into public.customers (name, country_code, phone_number, phone_e164, topics) values"
        " ('A', 'IN', '9876543210', '+919876543210', 'x');"
        "insert into public.call_transcripts (customer_id, call_status, phone_e164, provider, attempt_key)"
        " select id, 'completed', phone_e164, 'simulated', 'k' from public.customers;"
        "truncate public.call_daily_stats;"
    )
    assert psql(empty_database, "-c", insert).returncode == 0
    again = psql(empty_database, "-f", str(stats))  # run again: the backfill counts the stored call
    assert again.returncode == 0, again.stderr
    totals = psql(empty_database, "-A", "-t", "-c", "select sum(calls) from public.call_daily_stats")
    assert totals.stdout.strip() == "1", totals.stderr
