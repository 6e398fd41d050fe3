"""A throwaway PostgreSQL 15 cluster set up as a Supabase project is, with the project's migrations applied.

As on Supabase: the C.UTF-8 locale (https://github.com/supabase/cli/issues/1309: hosted projects use C.UTF-8,
which decides how text search splits words and how ILIKE folds case), the anon, authenticated and service_role
roles, default privileges in public (see SUPABASE_ROLES), and an `extensions` schema that anon and authenticated
may use (https://supabase.com/docs/guides/database/extensions: "accessible to public by default").
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PG_BIN = Path(os.environ.get("SALESBOT_PG_BIN", "/usr/lib/postgresql/15/bin"))
MIGRATIONS = Path(__file__).resolve().parents[2] / "supabase" / "migrations"

SUPABASE_ROLES = """
do $$ begin
  if not exists (select from pg_roles where rolname = 'anon') then create role anon nologin noinherit; end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then create role authenticated nologin noinherit; end if;
  if not exists (select from pg_roles where rolname = 'service_role') then create role service_role nologin noinherit bypassrls; end if;
end $$;
grant usage on schema public to anon, authenticated, service_role;
-- The strictest of Supabase's two regimes for each role. Projects used to grant every new table, function and
-- sequence in public to anon, authenticated and service_role; since 2026-10-30 they grant new tables to none
-- (https://supabase.com/changelog, "New tables in the public schema will no longer be exposed to the Data API
-- automatically"). Here anon and authenticated get the old grants, so the migrations must revoke them, and
-- service_role gets nothing, so the migrations must grant it what the app uses.
alter default privileges in schema public grant all on tables to anon, authenticated;
alter default privileges in schema public grant all on functions to anon, authenticated;
alter default privileges in schema public grant all on sequences to anon, authenticated;
create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ThrowawayPostgres:
    """initdb (as the postgres user when run as root), start on a free port, create roles, apply migrations."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="salesbot-pg-"))
        self.data = self.base / "data"
        self.port = _free_port()
        self.dsn = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"

    def _as_postgres(self, *args: str) -> None:
        command = [str(a) for a in args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> ThrowawayPostgres:
        if not (PG_BIN / "initdb").exists():
            raise RuntimeError(f"PostgreSQL 15 server binaries are missing in {PG_BIN}: run `make test`")
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
        initdb = (str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust")
        self._as_postgres(*initdb, "-E", "UTF8", "--locale=C.UTF-8")
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.base / "log"), "-w", "start"
        )
        import psycopg

        with psycopg.connect(self.dsn, autocommit=True) as conn:
            conn.execute(SUPABASE_ROLES)
            for migration in sorted(MIGRATIONS.glob("*.sql")):
                conn.execute(migration.read_text())
        return self

    def reset(self) -> None:
        """Empty every table between tests (faster than a new cluster)."""
        import psycopg

        with psycopg.connect(self.dsn, autocommit=True) as conn:
            conn.execute(
                "truncate public.call_transcripts, public.sales_scripts, public.customers, public.work_leases"
                " restart identity cascade"
            )

    def stop(self) -> None:
        try:
            self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)
