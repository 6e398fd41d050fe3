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
