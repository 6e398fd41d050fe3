"""Supabase-only checks: the migrations' grants and row level security, the client's wiring, what the PostgREST
stand-in enforces as Supabase does (max-rows, the gateway's key check, PostgreSQL's own refusals), and errors in
plain words."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import psycopg
import pytest
from psycopg.types.json import Jsonb

from salesbot.bootstrap import build_app
from salesbot.errors import StorageError
from salesbot.models import CallFilter, CallStatus, ObjectionKind, Outcome, Speaker, Utterance
from salesbot.settings import load_settings
from salesbot.storage import CallChanges, CustomerHistory, HistoricCall, NewCall
from salesbot.storage.supabase_store import SupabaseStore
from tests.builders import a_full_analysis, customer_input
from tests.fakes.postgres import MIGRATIONS, SUPABASE_ROLES, ThrowawayPostgres
from tests.fakes.postgrest_server import SUPABASE_MAX_ROWS, PostgrestServer, make_key
from tests.integration.test_search_contract import FIRST_RELEASE

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
    supabase_store.save_customer(customer_input())
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
    supabase_store.save_customer(customer_input())
    anon = SupabaseStore(postgrest.url, make_key("anon"))
    with pytest.raises(StorageError, match="service_role key"):
        anon.search_calls(CallFilter(), 200, 0)
    with pytest.raises(StorageError, match="service_role key"):
        anon.save_customer(customer_input(name="Mallory"))
    assert len(supabase_store.list_scripts(1)) == 0  # nothing was written by anon either


def test_anon_cannot_read_the_call_list_view(postgres: ThrowawayPostgres, supabase_store: SupabaseStore) -> None:
    supabase_store.save_customer(customer_input())
    with psycopg.connect(postgres.dsn) as conn:
        for role in ("anon", "authenticated"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(f"set local role {role}")
                conn.execute("select count(*) from public.call_list").fetchone()
        options = conn.execute("select reloptions from pg_class where relname = 'call_list'").fetchone()
        assert options == (["security_invoker=true"],)


def test_anon_can_neither_call_pg_trgm_nor_use_the_id_sequences(
    postgres: ThrowawayPostgres, supabase_store: SupabaseStore
) -> None:
    """pg_trgm lives in the extensions schema (off the API), its functions closed to anon and authenticated, and
    the identity sequences too; the trigram index still serves the app's key."""
    supabase_store.save_customer(customer_input())
    with psycopg.connect(postgres.dsn) as conn:
        schema = conn.execute("select extnamespace::regnamespace::text from pg_extension where extname = 'pg_trgm'")
        assert schema.fetchone() == ("extensions",)
        for role in ("anon", "authenticated"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(f"set local role {role}")
                conn.execute("select extensions.similarity('asha', 'asha rao')").fetchone()
            with pytest.raises(psycopg.errors.UndefinedFunction), conn.transaction():
                conn.execute(f"set local role {role}")
                conn.execute("select public.show_trgm('asha')").fetchone()
            for table in TABLES:
                for use in ("select nextval(%s)", "select last_value from {}"):
                    with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                        sequence = conn.execute("select pg_get_serial_sequence(%s, 'id')", [f"public.{table}"])
                        name = str(sequence.fetchone()[0])
                        conn.execute(f"set local role {role}")
                        conn.execute(use.format(name), [name] if "%s" in use else []).fetchone()
        with conn.transaction():
            conn.execute("set local role service_role")
            conn.execute("set local enable_seqscan = off")
            substring = "select id from call_transcripts where transcript ilike '%asha%'"
            assert "call_transcripts_transcript_trgm" in "\n".join(r[0] for r in conn.execute(f"explain {substring}"))
            assert conn.execute(substring).fetchall() == []


def test_a_key_the_project_does_not_have_is_named_as_the_problem(
    postgrest: PostgrestServer, supabase_store: SupabaseStore
) -> None:
    """Supabase's gateway answers an unknown key with 401 {"message": "Invalid API key"} and no code."""
    for key in (make_key("service_role", secret="not-the-project-secret-but-long-enough"), "sb_secret_mistyped"):
        answer = httpx.get(
            f"{postgrest.url}/rest/v1/customers", headers={"apikey": key, "Authorization": f"Bearer {key}"}
        )
        assert answer.status_code == 401 and "code" not in answer.json()
        assert answer.json()["message"] == "Invalid API key"
        with pytest.raises(StorageError, match="does not accept the key in SUPABASE_KEY") as caught:
            SupabaseStore(postgrest.url, key).get_customer(1)
        assert "try again" not in caught.value.user_message.lower()


def test_a_filter_by_name_counts_past_max_rows_as_the_kpis_do(
    postgrest: PostgrestServer, supabase_store: SupabaseStore
) -> None:
    """More matching customers than PostgREST returns in one read: the table's total and the KPIs still agree."""
    when = datetime(2026, 11, 20, 9, tzinfo=UTC)
    batch = [
        CustomerHistory(
            customer_input(name=f"Rao {n}"),
            "s",
            "offline",
            [
                HistoricCall(
                    f"rao-{n}", "simulated", when + timedelta(minutes=n), CallChanges(status=CallStatus.COMPLETED)
                )
            ],
        )
        for n in range(SUPABASE_MAX_ROWS + 1)
    ]
    supabase_store.import_history(batch)
    supabase_store.import_history([CustomerHistory(customer_input(name="Ravi"), "s", "offline", [
        HistoricCall("ravi", "simulated", when, CallChanges(status=CallStatus.COMPLETED))])])  # fmt: skip
    capped = supabase_store.client.table("customers").select("id").execute()
    assert len(capped.data) == SUPABASE_MAX_ROWS  # the stand-in caps reads as Supabase does
    raos = CallFilter(customer_name="rao")
    page = supabase_store.search_calls(raos, limit=25, offset=0)
    assert page.total == supabase_store.call_stats(raos).calls == SUPABASE_MAX_ROWS + 1
    last = supabase_store.search_calls(raos, limit=25, offset=SUPABASE_MAX_ROWS, with_total=False)
    assert [r.summary.customer_name for r in last.rows] == ["Rao 0"]


def test_an_update_with_nothing_to_change_sends_no_write(
    postgrest: PostgrestServer, supabase_store: SupabaseStore
) -> None:
    customer = supabase_store.save_customer(customer_input())
    script = supabase_store.add_script(customer.id, "s", "offline")
    call, _ = supabase_store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    line = Utterance(id="0", speaker=Speaker.AGENT, text="Hello", at=datetime(2026, 11, 24, tzinfo=UTC))
    stored = supabase_store.update_call(call.id, CallChanges(status=CallStatus.IN_PROGRESS, utterances=[line]))
    before = len(postgrest.state.requests)
    assert supabase_store.update_call(call.id, CallChanges()) == stored
    sent = postgrest.state.requests[before:]
    assert [method for method, _ in sent] == ["GET"]  # one read to return the call, no PATCH


def test_postgres_refuses_a_nul_character_as_supabase_does(supabase_store: SupabaseStore) -> None:
    """PostgreSQL cannot store NUL in text (22P05): the stand-in passes bodies to it as JSON, as PostgREST does."""
    from postgrest.exceptions import APIError

    row = {"name": "Asha\x00Rao", "phone_number": "9876543210", "phone_e164": "+919876543210", "topics": "t"}
    with pytest.raises(APIError) as caught:
        supabase_store.client.table("customers").insert(row).execute()
    assert caught.value.code == "22P05"
    customer = supabase_store.save_customer(customer_input())
    with pytest.raises(StorageError, match="NUL"):
        supabase_store.add_script(customer.id, "Hello\x00", "edited")


def test_server_down_and_unreachable_are_explained_without_the_key(
    postgrest: PostgrestServer, supabase_store: SupabaseStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="salesbot")
    postgrest.state.down = True
    before = len(postgrest.state.requests)
    with pytest.raises(StorageError, match="server error"):
        supabase_store.search_calls(CallFilter(), 200, 0)
    assert len(postgrest.state.requests) == before + 1  # a 503 is not retried (postgrest would sleep 1+2+4 s)
    unreachable = SupabaseStore("http://127.0.0.1:9", make_key("service_role"), timeout_s=1)
    with pytest.raises(StorageError, match="cannot be reached"):
        unreachable.get_customer(1)
    assert make_key("service_role") not in caplog.text
    for url in ("not a url", "xyz.supabase.co"):
        with pytest.raises(StorageError, match="SUPABASE_URL or SUPABASE_KEY is not valid"):
            SupabaseStore(url, make_key("service_role"))


def test_the_test_server_refuses_what_it_does_not_implement(
    postgrest: PostgrestServer, supabase_store: SupabaseStore
) -> None:
    from postgrest.exceptions import APIError

    with pytest.raises(APIError) as caught:
        supabase_store.client.table("call_transcripts").select("id, customers(name)").execute()
    assert caught.value.code == "PGRST100"


def test_a_project_without_the_latest_migration_is_told_to_apply_it(
    postgres: ThrowawayPostgres, supabase_store: SupabaseStore
) -> None:
    customer = supabase_store.save_customer(customer_input())
    script = supabase_store.add_script(customer.id, "s", "offline")
    call, _ = supabase_store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    with psycopg.connect(postgres.dsn, autocommit=True) as conn:
        conn.execute("alter table public.call_transcripts rename column next_step_agreed to not_yet_migrated")
        try:
            for read in (lambda: supabase_store.get_call(call.id), lambda: supabase_store.do_not_call_request("+1")):
                with pytest.raises(StorageError, match="Apply every file in supabase/migrations"):
                    read()
        finally:
            conn.execute("alter table public.call_transcripts rename column not_yet_migrated to next_step_agreed")


def test_the_test_server_reads_an_overlap_as_postgresql_does(supabase_store: SupabaseStore) -> None:
    """ov.{...} is one literal PostgreSQL parses as the column's type, as PostgREST sends it: a malformed array or a
    column that is not an array is PostgreSQL's own error."""
    from postgrest.exceptions import APIError

    calls = supabase_store.client.table("call_list")
    assert calls.select("id").filter("objections", "ov", '{"price","no_need"}').execute().data == []
    for column, literal, code in (("objections", "price", "22P02"), ("objections", "{price", "22P02"),
                                  ("outcome", "{price}", "42883")):  # fmt: skip
        with pytest.raises(APIError) as caught:
            calls.select("id").filter(column, "ov", literal).execute()
        assert caught.value.code == code, (column, literal)


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


def test_the_objections_migration_backfills_calls_analysed_before_it(postgres: ThrowawayPostgres) -> None:
    """A project on the earlier migrations with analysed calls: the new columns are filled from the stored JSON."""
    migrations = sorted(MIGRATIONS.glob("*.sql"))
    new = MIGRATIONS / "20261127000000_objections_next_step.sql"
    with psycopg.connect(postgres.dsn, autocommit=True) as admin:
        admin.execute("drop database if exists backfill")
        admin.execute("create database backfill")
    try:
        with psycopg.connect(postgres.dsn.replace("dbname=postgres", "dbname=backfill"), autocommit=True) as conn:
            conn.execute(SUPABASE_ROLES)
            for migration in migrations[: migrations.index(new)]:
                conn.execute(migration.read_text())
            conn.execute(
                "insert into public.customers (name, phone_number, phone_e164, topics)"
                " values ('Asha', '9876543210', '+919876543210', 'Pricing')"
            )
            booked = a_full_analysis(Outcome.MEETING_BOOKED, (ObjectionKind.NO_NEED, ObjectionKind.TIMING,
                                                          ObjectionKind.PRICE, ObjectionKind.TIMING), "Walkthrough")  # fmt: skip
            declined = a_full_analysis(Outcome.NOT_INTERESTED, (ObjectionKind.COMPETITOR,))
            for key, analysis in (
                ("first_release", FIRST_RELEASE),
                ("booked", booked.model_dump(mode="json")),
                ("declined", declined.model_dump(mode="json")),
                ("unanalysed", None),
            ):
                conn.execute(
                    "insert into public.call_transcripts (customer_id, call_status, phone_e164, provider, attempt_key,"
                    " analysis, outcome) values (1, 'completed', '+919876543210', 'simulated', %s, %s, %s)",
                    (key, Jsonb(analysis) if analysis else None, analysis and analysis["outcome"]),
                )
            conn.execute(new.read_text())
            conn.execute(new.read_text())  # applying it twice changes nothing
            stored = dict(
                (r[0], r[1:])
                for r in conn.execute(
                    "select t.attempt_key, l.objections, l.next_step_agreed"
                    " from public.call_list l join public.call_transcripts t using (id)"
                )
            )
            stats = conn.execute(
                "select public.call_stats(%s)", [Jsonb({"objections": ["price"], "next_step_agreed": True})]
            ).fetchone()
    finally:
        with psycopg.connect(postgres.dsn, autocommit=True) as admin:
            admin.execute("drop database backfill")
    assert stored == {
        "first_release": ([], False),  # its string next_step was a recommendation, not an agreed step
        "booked": (["price", "timing", "no_need"], True),  # each kind once, in ObjectionKind's order
        "declined": (["competitor"], False),
        "unanalysed": (None, None),
    }
    assert stats is not None and (stats[0]["calls"], stats[0]["connected"]) == (1, 1)


def test_the_speaker_search_migration_backfills_calls_stored_before_it(postgres: ThrowawayPostgres) -> None:
    """A project on the earlier migrations: each call's speaker lines are filled from its utterances as the app
    writes them, searchable by phrase without running from one utterance into the next; connected follows."""
    migrations = sorted(MIGRATIONS.glob("*.sql"))
    new = MIGRATIONS / "20261128000000_speaker_search_connected.sql"
    with psycopg.connect(postgres.dsn, autocommit=True) as admin:
        admin.execute("drop database if exists backfill")
        admin.execute("create database backfill")
    said = {
        "answered": [("agent", "Priced per seat."), ("customer", "We decide  next\tquarter.")],
        "split": [("customer", "We start next"), ("customer", "quarter, maybe\nlater."), ("system", "Ended.")],
        "agent only": [("agent", "Hello? The next quarter offer."), ("customer", "   ")],
        "nothing": [],
    }
    try:
        with psycopg.connect(postgres.dsn.replace("dbname=postgres", "dbname=backfill"), autocommit=True) as conn:
            conn.execute(SUPABASE_ROLES)
            for migration in migrations[: migrations.index(new)]:
                conn.execute(migration.read_text())
            conn.execute(
                "insert into public.customers (name, phone_number, phone_e164, topics)"
                " values ('Asha', '9876543210', '+919876543210', 'Pricing')"
            )
            for key, lines in said.items():
                at = "2026-11-24T10:00:00+00:00"
                utterances = [{"id": str(n), "speaker": s, "text": t, "at": at} for n, (s, t) in enumerate(lines)]
                transcript = "\n".join(f"{s.title()}: {t}" for s, t in lines)
                conn.execute(
                    "insert into public.call_transcripts (customer_id, call_status, phone_e164, provider, attempt_key,"
                    " utterances, transcript, duration_seconds)"
                    " values (1, 'completed', '+919876543210', 'simulated', %s, %s, %s, 9)",
                    (key, Jsonb(utterances), transcript),
                )
            conn.execute(new.read_text())
            conn.execute(new.read_text())  # applying it twice changes nothing
            stored = {
                r[0]: r[1:]
                for r in conn.execute(
                    "select attempt_key, customer_text, agent_text, customer_spoke, connected"
                    " from public.call_transcripts"
                )
            }

            def found(vector: str, query: str) -> list[str]:
                sql = (
                    "select attempt_key from public.call_list l join public.call_transcripts t using (id)"
                    f" where l.{vector} @@ to_tsquery('simple', %s) order by 1"
                )
                return [r[0] for r in conn.execute(sql, [query])]

            phrases = (found("customer_tsv", "'next quarter'"), found("transcript_tsv", "'next quarter'"))
            words = found("customer_tsv", "'next':* & 'quarter':*")
            stats = conn.execute("select public.call_stats(%s)", [Jsonb({})]).fetchone()
            with conn.transaction():
                conn.execute("set local role anon")
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute("select public.lines_tsvector('a')")
    finally:
        with psycopg.connect(postgres.dsn, autocommit=True) as admin:
            admin.execute("drop database backfill")
    assert stored == {
        "answered": ("We decide next quarter.", "Priced per seat.", True, True),
        "split": ("We start next\nquarter, maybe later.", "", True, True),  # one line per utterance
        "agent only": ("", "Hello? The next quarter offer.", False, False),  # a blank line is not speaking
        "nothing": ("", "", False, False),
    }
    assert phrases == (["answered"], ["agent only", "answered"])  # never across the split utterances
    assert words == ["answered", "split"]
    assert stats is not None and (stats[0]["calls"], stats[0]["connected"], stats[0]["average_seconds"]) == (4, 2, 9)


def test_the_kpis_read_only_the_conditions_a_filter_sets(postgres: ThrowawayPostgres) -> None:
    """call_filter_sql writes the conditions the filter sets, values as literals, so the planner can use indexes."""
    with psycopg.connect(postgres.dsn) as conn:
        p_filter = {"outcomes": ["follow_up", "it's"], "tsquery": "'next quarter'", "said_by": "customer"}
        p_filter |= {"country_code": "", "customer_like": "%ra\\_o%", "statuses": []}
        sql = conn.execute("select public.call_filter_sql(%s)", [Jsonb(p_filter)]).fetchone()
    assert sql == (
        "true and t.outcome = any('{follow_up,it''s}'::text[])"
        " and t.customer_id in (select c.id from public.customers c where c.name ilike E'%ra\\\\_o%')"
        " and t.customer_tsv @@ to_tsquery('simple', '''next quarter''')",
    )


def test_a_search_page_is_the_same_whichever_way_call_page_reads_it(supabase_store: SupabaseStore) -> None:
    """rpc/call_page searches the calls at the top of the order first (a common search fills the page from them) and
    otherwise asks the indexes (a rare search, or a page past the 1,000th call): the pages are the same either way."""
    from postgrest.exceptions import APIError

    when = datetime(2026, 11, 1, tzinfo=UTC)

    def said(n: int) -> list[Utterance]:
        words = "Common words, and we decide next quarter." if n < 30 else "Common words only."
        return [Utterance(id="0", speaker=Speaker.AGENT, text="Next quarter? Hello.", at=when),
                Utterance(id="1", speaker=Speaker.CUSTOMER, text=words, at=when)]  # fmt: skip

    history = CustomerHistory(customer_input(), "s", "offline", [
        HistoricCall(f"c{n}", "simulated", when + timedelta(minutes=n),
                     CallChanges(status=CallStatus.COMPLETED, utterances=said(n), duration_seconds=n % 7))
        for n in range(700)])  # fmt: skip
    supabase_store.import_history([history])
    newest = [c.id for c in supabase_store.get_calls(list(range(1, 701)))][::-1]  # ids follow the times

    def page(search: str, limit: int, offset: int, sort: str = "newest") -> list[int]:
        call_filter = CallFilter(search=search, said_by="customer", sort=sort)
        return [r.summary.id for r in supabase_store.search_calls(call_filter, limit, offset).rows]

    rare = newest[-30:]  # the 30 oldest calls, past the probe of the newest 500
    assert page('"next quarter"', 25, 0) == rare[:25] and page('"next quarter"', 25, 25) == rare[25:]
    assert page('"next quarter"', 25, 0, "oldest") == rare[::-1][:25]
    assert page("common", 25, 0) == newest[:25] and page("common", 25, 50) == newest[50:75]  # from the probe
    assert page("common", 1000, 1) == newest[1:]  # past the 1,000th call: from the indexes
    longest = sorted(newest, key=lambda i: (-((i - 1) % 7), -i))
    assert page("common", 1000, 1, "longest") == longest[1:] and page("common", 25, 0, "longest") == longest[:25]
    batches = list(supabase_store.iter_call_ids(CallFilter(search='"next quarter"', said_by="customer"), 7))
    assert [len(b) for b in batches] == [7, 7, 7, 7, 2] and [i for b in batches for i in b] == rare
    assert [i for b in supabase_store.iter_call_ids(CallFilter(search="common"), 500) for i in b] == newest
    with pytest.raises(APIError) as caught:  # keyset conditions name only the sort's columns
        after = [[["transcript", "lt", "x"]]]
        supabase_store.client.rpc("call_page", {"p_query": {"filter": {}, "after": after}}).execute()
    assert caught.value.code == "22023"
    found = supabase_store.search_calls(CallFilter(search='"next quarter"', said_by="customer"), 10, 0)
    assert (
        found.total == 30
        and supabase_store.call_stats(CallFilter(search='"next quarter"', said_by="customer")).calls == 30
    )


def test_the_daily_totals_follow_every_write(postgres: ThrowawayPostgres, supabase_store: SupabaseStore) -> None:
    """call_daily_stats (migration 20261128000100) stays equal to the calls' own totals through inserts, updates,
    imports and cascading deletes, and the KPIs read from it equal the KPIs read from the calls."""
    store = supabase_store
    when = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    hello = Utterance(id="0", speaker=Speaker.AGENT, text="Hello?", at=when)
    yes = Utterance(id="1", speaker=Speaker.CUSTOMER, text="Yes.", at=when)
    asha = store.save_customer(customer_input())
    script = store.add_script(asha.id, "s", "offline")
    first, _ = store.create_call(NewCall(asha.id, script.id, asha.phone_e164, "simulated", "a", created_at=when))
    second, _ = store.create_call(NewCall(asha.id, script.id, asha.phone_e164, "simulated", "b", created_at=when))
    store.update_call(first.id, CallChanges(status=CallStatus.IN_PROGRESS, utterances=[hello]))
    store.update_call(first.id, CallChanges(utterances=[hello, yes]))  # a poll: nothing counted changes
    store.update_call(first.id, CallChanges(status=CallStatus.COMPLETED, duration_seconds=30.5))
    store.update_call(
        second.id, CallChanges(status=CallStatus.STOPPED, utterances=[hello, yes], duration_seconds=12.25)
    )
    store.update_call(second.id, CallChanges(analysis=a_full_analysis(Outcome.VOICEMAIL)))
    store.update_call(first.id, CallChanges(analysis=a_full_analysis(Outcome.INTERESTED)))
    ravi = customer_input(name="Ravi", country_code="US", phone_number="(415) 555-2671")
    store.import_history([CustomerHistory(ravi, "s", "offline", [
        HistoricCall(f"r{n}", "simulated", when + timedelta(hours=n), CallChanges(
            status=CallStatus.COMPLETED, utterances=[hello, yes], duration_seconds=n + 0.5)) for n in range(3)])])  # fmt: skip
    gone = store.save_customer(customer_input(name="Gone"))
    store.import_history([CustomerHistory(customer_input(name="Gone"), "s", "offline", [
        HistoricCall("g", "simulated", when, CallChanges(status=CallStatus.COMPLETED, utterances=[hello, yes]))])])  # fmt: skip
    with psycopg.connect(postgres.dsn, autocommit=True) as conn:
        conn.execute("delete from public.customers where id = %s", [gone.id])  # its calls go with it
        kept = conn.execute(
            "select day, call_status, outcome, sentiment, country_code, calls, connected, connected_seconds,"
            " connected_timed from public.call_daily_stats where calls <> 0 order by 1, 2, 3, 4, 5"
        ).fetchall()
        counted = conn.execute(
            "select (created_at at time zone 'UTC')::date, call_status, coalesce(outcome, ''), coalesce(sentiment, ''),"
            " country_code, count(*), count(*) filter (where connected),"
            " coalesce(sum(duration_seconds::numeric) filter (where connected), 0),"
            " count(duration_seconds) filter (where connected) from public.call_transcripts group by 1, 2, 3, 4, 5"
            " order by 1, 2, 3, 4, 5"
        ).fetchall()
        negative = (
            "select count(*) from public.call_daily_stats where calls < 0 or connected < 0 or connected_timed < 0"
        )
        assert conn.execute(negative).fetchone() == (0,)  # groups a call left (dialling, in progress) are at 0
    assert kept == counted and len(kept) == 4  # the 20th: interested, voicemail, abroad; the 21st: abroad
    for kwargs in ({}, {"statuses": ("completed",)}, {"outcomes": ("voicemail", "interested")}, {"country_code": "US"},
                   {"date_from": date(2026, 11, 21), "date_to": date(2026, 11, 21)}, {"sentiments": ("neutral",)}):  # fmt: skip
        from_totals = store.call_stats(CallFilter(**kwargs))  # type: ignore[arg-type]
        from_calls = store.call_stats(CallFilter(customer_name="*", **kwargs))  # type: ignore[arg-type]
        assert from_totals == from_calls, kwargs
    everything = store.call_stats(CallFilter())
    assert (everything.calls, everything.connected) == (5, 4)
    assert everything.average_seconds == pytest.approx((30.5 + 0.5 + 1.5 + 2.5) / 4)


def test_a_project_without_the_search_functions_is_told_to_apply_the_migrations(
    postgres: ThrowawayPostgres, postgrest: PostgrestServer, supabase_store: SupabaseStore
) -> None:
    """rpc/call_page missing is PostgREST's 404 PGRST202; the store names the migrations."""
    with psycopg.connect(postgres.dsn, autocommit=True) as conn:
        conn.execute("alter function public.call_page(jsonb) rename to call_page_not_yet")
        try:
            with pytest.raises(StorageError, match="Apply every file in supabase/migrations"):
                supabase_store.search_calls(CallFilter(search="price"), 25, 0)
        finally:
            conn.execute("alter function public.call_page_not_yet(jsonb) rename to call_page")
    key = make_key("service_role")
    answer = httpx.post(f"{postgrest.url}/rest/v1/rpc/call_pages", json={"p_query": {}},
                        headers={"apikey": key, "Authorization": f"Bearer {key}"})  # fmt: skip
    assert answer.status_code == 404 and answer.json()["code"] == "PGRST202"
    assert answer.json()["message"] == "Could not find the function public.call_pages(p_query) in the schema cache"
    assert supabase_store.search_calls(CallFilter(search="price"), 25, 0).rows == []
