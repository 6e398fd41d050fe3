"""Supabase-only checks: the migration's row level security, the client's wiring, and errors in plain words."""

from __future__ import annotations

import logging
from pathlib import Path

import psycopg
import pytest

from salesbot.bootstrap import build_app
from salesbot.errors import StorageError
from salesbot.settings import load_settings
from salesbot.storage.supabase_store import SupabaseStore
from salesbot.validation import validate_customer
from tests.conftest import ASHA
from tests.fakes.postgres import ThrowawayPostgres
from tests.fakes.postgrest_server import PostgrestServer, make_key

TABLES = ("customers", "sales_scripts", "call_transcripts")


def test_migration_turns_rls_on_with_no_policy_for_anon(postgres: ThrowawayPostgres) -> None:
    with psycopg.connect(postgres.dsn) as conn:
        flags = dict(
            conn.execute(
                "select relname, relrowsecurity from pg_class where relname = any(%s)", [list(TABLES)]
            ).fetchall()
        )
        assert flags == {t: True for t in TABLES}
        policies = conn.execute("select count(*) from pg_policies where tablename = any(%s)", [list(TABLES)]).fetchone()
        assert policies == (0,)
        indexes = {r[0] for r in conn.execute("select indexname from pg_indexes where tablename = 'call_transcripts'")}
        assert {"call_transcripts_transcript_trgm", "call_transcripts_status", "call_transcripts_created"} <= indexes


def test_anon_can_read_and_write_nothing(postgres: ThrowawayPostgres, supabase_store: SupabaseStore) -> None:
    supabase_store.save_customer(validate_customer(ASHA))
    with psycopg.connect(postgres.dsn) as conn:
        conn.execute("set local role anon")
        for table in TABLES:
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(f"select count(*) from public.{table}").fetchone()
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(f"delete from public.{table}")


def test_anon_key_through_the_api_is_refused_with_a_clear_message(
    postgrest: PostgrestServer, supabase_store: SupabaseStore
) -> None:
    supabase_store.save_customer(validate_customer(ASHA))
    anon = SupabaseStore(postgrest.url, make_key("anon"))
    with pytest.raises(StorageError, match="service_role key"):
        anon.list_calls()
    with pytest.raises(StorageError, match="service_role key"):
        anon.save_customer(validate_customer({**ASHA, "name": "Mallory"}))
    assert len(supabase_store.list_scripts(1)) == 0  # nothing was written by anon either


def test_a_forged_key_is_rejected(postgrest: PostgrestServer, supabase_store: SupabaseStore) -> None:
    forged = SupabaseStore(postgrest.url, make_key("service_role", secret="not-the-project-secret-but-long-enough"))
    with pytest.raises(StorageError, match="Check SUPABASE_KEY"):
        forged.get_customer(1)


def test_server_down_and_unreachable_are_explained_without_the_key(
    postgrest: PostgrestServer, supabase_store: SupabaseStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="salesbot")
    postgrest.state.down = True
    with pytest.raises(StorageError, match="server error"):
        supabase_store.list_calls()
    unreachable = SupabaseStore("http://127.0.0.1:9", make_key("service_role"), timeout_s=1)
    with pytest.raises(StorageError, match="cannot be reached"):
        unreachable.get_customer(1)
    assert make_key("service_role") not in caplog.text


def test_the_test_server_refuses_what_it_does_not_implement(
    postgrest: PostgrestServer, supabase_store: SupabaseStore
) -> None:
    from postgrest.exceptions import APIError

    with pytest.raises(APIError) as caught:
        supabase_store.client.table("call_transcripts").select("id, customers(name)").execute()
    assert caught.value.code == "PGRST100"


def test_bootstrap_uses_supabase_when_configured_and_shows_the_host_not_the_key(
    postgrest: PostgrestServer, supabase_store: SupabaseStore, tmp_path: Path
) -> None:
    key = make_key("service_role")
    desk = build_app(
        load_settings(
            env={"SUPABASE_URL": postgrest.url, "SUPABASE_KEY": key, "SALESBOT_DB_PATH": str(tmp_path / "x.db")}
        )
    )
    assert desk.capabilities.backends == "Supabase (127.0.0.1) · offline writer · simulated calls"
    assert key not in desk.capabilities.backends
    assert not (tmp_path / "x.db").exists()
