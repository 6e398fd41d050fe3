"""Benchmark: store round trips per poll of an unchanged call, on SQLite and Supabase (target: 1 read, 0 writes).

Run: `.venv/bin/python benchmarks/poll_round_trips.py [--polls 20]` (also part of `make bench`).
A poll is `App.calls.refresh_call(call_id)`, what the presenter page's live panel runs every tick. The store is
wrapped in a proxy that counts every CallStore method called, as a read or a write; underneath, what actually
went to the database is counted too: HTTP requests received by the PostgREST test server (in front of a throwaway
PostgreSQL 15) for Supabase, SQL statements run for the SQLite file (per-connection PRAGMAs left out; a write also
runs its trigger and full-text index statements). Scenarios:
a simulated call in the middle of a line (hand clock, nothing new has finished), the same in a second server process
(nothing cached there yet), a finished call, and a Bland call with no new line (local Bland server), polled by a
process asking Bland on every poll and by one with the default sharing of Bland's answer for
SALESBOT_PROVIDER_POLL_SECONDS at the page's poll interval. Each starts with a catch-up poll that may write, shown
apart.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from salesbot.analysis.offline import OfflineCallAnalyst
from salesbot.bootstrap import App, build_app
from salesbot.models import Customer, CustomerForm, SalesScript, ScriptOptions
from salesbot.scripts.offline import OfflineScriptWriter
from salesbot.services.follow_call import LiveCall
from salesbot.services.place_call import CallRequest
from salesbot.settings import Settings
from salesbot.storage import CallStore
from salesbot.storage.sqlite import SQLiteStore
from salesbot.telephony.conversation import HANG_UP_SECONDS, plan_call
from salesbot.telephony.simulated import SimulatedTelephony
from tests.conftest import ASHA
from tests.fakes.bland_server import BlandServer, BlandState

WRITE_PREFIXES = ("save_", "add_", "create_", "update_", "import_", "delete_")  # every other store method reads
BLAND_RING_S, BLAND_LINE_EVERY_S = 0.05, 8.0  # the local Bland call says a line every 8 s: room for quiet polls


class CountingStore:
    """A CallStore that passes every call through and counts each public store method called, as a read or a
    write."""

    def __init__(self, inner: CallStore) -> None:
        self.inner = inner
        self.description = inner.description
        self.reads: Counter[str] = Counter()
        self.writes: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)
        if name.startswith("_") or not callable(attr):
            return attr
        tally = self.writes if name.startswith(WRITE_PREFIXES) else self.reads

        def counted(*args: Any, **kwargs: Any) -> Any:
            tally[name] += 1
            return attr(*args, **kwargs)

        return counted


class SQLiteStatements:
    """Counts the SQL statements SQLite runs in this process (per-connection PRAGMAs left out)."""

    def __init__(self) -> None:
        self.count = 0

    def _trace(self, sql: str) -> None:
        if not sql.lstrip().upper().startswith("PRAGMA"):
            self.count += 1

    @contextmanager
    def installed(self) -> Iterator[SQLiteStatements]:
        real_connect = sqlite3.connect

        def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
            conn = real_connect(*args, **kwargs)
            conn.set_trace_callback(self._trace)
            return conn

        sqlite3.connect = connect  # type: ignore[assignment]
        try:
            yield self
        finally:
            sqlite3.connect = real_connect


class HandClock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class Figures:
    """What a stretch of polls cost, per poll."""

    polls: int
    reads: float
    writes: float
    wire: float  # what reached the database: HTTP requests (Supabase) or SQL statements (SQLite)
    provider: float  # requests to the telephony provider (Bland)
    ms: float  # wall time of one poll, median
    read_names: str
    write_names: str


@dataclass
class Meter:
    store: CountingStore
    wire: Callable[[], int]
    provider: Callable[[], int] = lambda: 0

    def measure(self, poll: Callable[[int], None], polls: int, pause: float = 0.0) -> Figures:
        """Run `polls` polls, `pause` seconds apart, and count what they cost."""
        reads, writes = Counter(self.store.reads), Counter(self.store.writes)
        wire, provider = self.wire(), self.provider()
        times = []
        for i in range(polls):
            time.sleep(pause)
            start = time.perf_counter()
            poll(i)
            times.append(time.perf_counter() - start)
        read_calls, write_calls = self.store.reads - reads, self.store.writes - writes
        return Figures(
            polls,
            read_calls.total() / polls,
            write_calls.total() / polls,
            (self.wire() - wire) / polls,
            (self.provider() - provider) / polls,
            statistics.median(times) * 1000,
            _names(read_calls, polls),
            _names(write_calls, polls),
        )


def _names(calls: Counter[str], polls: int) -> str:
    """The store methods called, each with how many times per poll."""
    return ", ".join(f"{name}×{n / polls:.2g}" for name, n in sorted(calls.items())) or "-"


def offline_writer() -> OfflineScriptWriter:
    return OfflineScriptWriter("Maya", "Acme Cloud", "Salesbot", chunk_delay_s=0)


def customer_and_script(app: App) -> tuple[Customer, SalesScript]:
    customer = app.presenter.save_customer(CustomerForm(**ASHA))
    draft = app.presenter.write_script(customer.id, ScriptOptions())
    "".join(draft)
    assert draft.script is not None
    return customer, draft.script


def verdict(results: list[tuple[str, Figures]]) -> str:
    missed = [label for label, f in results if f.reads > 1 or f.writes > 0]
    return f"missed by {'; '.join(missed)}" if missed else "met in every scenario"


def simulated_scenarios(meter: Meter, tmp: Path, polls: int) -> list[tuple[str, Figures, Figures]]:
    """A simulated call in the middle of a line, then the same call finished; a hand clock drives both."""
    clock = HandClock()

    def desk() -> App:
        telephony = SimulatedTelephony(speed=1.0, clock=clock, persona="ready")  # a full conversation every run
        store: Any = meter.store  # the proxy stands in for the CallStore
        return build_app(Settings(db_path=tmp / "unused.db", log_level="WARNING"), store=store, writer=offline_writer(),
                         telephony=telephony, analyst=OfflineCallAnalyst(), clock=clock)  # fmt: skip

    app = desk()
    customer, script = customer_and_script(app)
    call = app.calls.start_call(CallRequest(customer.id, script.id, f"bench-{uuid.uuid4().hex}"))
    assert call.started_at is not None
    plan = plan_call(customer, script.script, seed=call.attempt_key, persona="ready").lines
    line = max(plan[len(plan) // 3 : 2 * len(plan) // 3], key=lambda planned: planned.ends_at - planned.starts_at)
    length = line.ends_at - line.starts_at
    clock.now = call.started_at + timedelta(seconds=line.starts_at + 0.1 * length)
    step = 0.8 * length / (2 * polls + 2)  # two runs of a catch-up poll and `polls` polls, all within the line

    def mid_line(i: int, on: App = app) -> None:
        clock.now += timedelta(seconds=step)  # the line grows a word at a time and never ends
        live: LiveCall = on.calls.refresh_call(call.id)
        assert live.speaking is not None and line.text.startswith(live.speaking.text), "not in the middle of a line"

    rows = [("simulated, mid-line", meter.measure(mid_line, 1), meter.measure(mid_line, polls))]
    fresh = desk()  # another server process (or a restart): customer and script are not cached there yet
    rows.append(
        (
            "simulated, mid-line, new process",
            meter.measure(lambda i: mid_line(i, fresh), 1),
            meter.measure(lambda i: mid_line(i, fresh), polls),
        )
    )

    clock.now = call.started_at + timedelta(seconds=plan[-1].ends_at + HANG_UP_SECONDS + 1)

    def finished(i: int) -> None:
        clock.now += timedelta(seconds=0.5)
        assert app.calls.refresh_call(call.id).call.status.is_final

    rows.append(("simulated, finished", meter.measure(finished, 1), meter.measure(finished, polls)))
    return rows


def bland_scenario(meter: Meter, tmp: Path, polls: int) -> list[tuple[str, Figures, Figures]]:
    """A Bland call (local Bland server) between two lines, polled by two server processes over the same store:
    one asks Bland on every poll (SALESBOT_PROVIDER_POLL_SECONDS=0), one with the default sharing of a provider
    answer between polls, polled at the page's default interval."""
    with BlandServer(BlandState(ring_s=BLAND_RING_S, line_every_s=BLAND_LINE_EVERY_S)) as bland:
        meter.provider = lambda: len(bland.state.requests)
        store: Any = meter.store

        def desk(**settings: Any) -> App:
            configured = Settings(db_path=tmp / "unused.db", log_level="WARNING", bland_api_key=bland.state.api_key,
                                  bland_base_url=bland.url, **settings)  # fmt: skip
            return build_app(configured, store=store, writer=offline_writer(), analyst=OfflineCallAnalyst())

        shared, direct = desk(), desk(provider_poll_seconds=0)
        customer, script = customer_and_script(shared)
        request = CallRequest(customer.id, script.id, f"bench-{uuid.uuid4().hex}", consent=True)
        call = shared.calls.start_call(request)
        posted = time.monotonic()
        time.sleep(BLAND_RING_S + BLAND_LINE_EVERY_S + 0.3)  # just after the first line

        def poll(app: App) -> Callable[[int], None]:
            def once(i: int) -> None:
                app.calls.refresh_call(call.id)

            return once

        direct_catch_up = meter.measure(poll(direct), 1)
        direct_steady = meter.measure(poll(direct), polls)
        page_interval = Settings().poll_seconds
        shared_catch_up = meter.measure(poll(shared), 1)
        shared_polls = min(polls, int(0.7 * BLAND_LINE_EVERY_S / page_interval))
        shared_steady = meter.measure(poll(shared), shared_polls, pause=page_interval)
        rows = [
            ("Bland, no new line, every poll asks Bland", direct_catch_up, direct_steady),
            (f"Bland, no new line, polled every {page_interval:g} s", shared_catch_up, shared_steady),
        ]
        if time.monotonic() - posted >= BLAND_RING_S + 2 * BLAND_LINE_EVERY_S:
            print("  warning: a new Bland line fell due during the quiet polls; their figures include it")
        said = shared.calls.get_call(call.id).utterances
        assert len(said) == 1, f"expected 1 line said, found {len(said)}"
        shared.calls.stop_call(call.id)
        meter.provider = lambda: 0
        return rows


def report(store_label: str, wire_label: str, rows: list[tuple[str, Figures, Figures]]) -> None:
    print(f"\n{store_label}   (db: {wire_label} per poll; bland: requests to Bland per poll)")
    print(f"  {'scenario':<54}{'reads':>7}{'writes':>8}{'db':>6}{'bland':>7}{'ms':>7}   store calls per poll")
    for scenario, catch_up, steady in rows:
        for label, f in ((f"{scenario} ({steady.polls} polls)", steady), ("  its first poll (catch-up)", catch_up)):
            calls = f.read_names + (f"; writes: {f.write_names}" if f.writes else "")
            print(f"  {label:<54}{f.reads:>7.2f}{f.writes:>8.2f}{f.wire:>6.1f}{f.provider:>7.1f}{f.ms:>7.1f}   {calls}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--polls", type=int, default=20, help="polls of the unchanged call per scenario")
    args = parser.parse_args()
    results: list[tuple[str, Figures]] = []

    with tempfile.TemporaryDirectory() as tmp_dir, SQLiteStatements().installed() as statements:
        tmp = Path(tmp_dir)
        meter = Meter(CountingStore(SQLiteStore(tmp / "bench.db")), wire=lambda: statements.count)
        rows = [*simulated_scenarios(meter, tmp, args.polls), *bland_scenario(meter, tmp, args.polls)]
        report("SQLite file", "SQL statements run, with trigger and full-text index upkeep,", rows)
        results += [(f"SQLite, {scenario}", steady) for scenario, _, steady in rows]

    from tests.fakes.postgres import PG_BIN, ThrowawayPostgres

    if not (PG_BIN / "initdb").exists():
        print(f"\nSupabase: skipped, PostgreSQL 15 is not installed in {PG_BIN} (run `make postgres`)")
    else:
        from salesbot.storage.supabase_store import SupabaseStore
        from tests.fakes.postgrest_server import PostgrestServer, make_key

        postgres = ThrowawayPostgres().start()
        try:
            with PostgrestServer(postgres.dsn) as postgrest, tempfile.TemporaryDirectory() as tmp_dir:
                tmp = Path(tmp_dir)
                store = SupabaseStore(postgrest.url, make_key("service_role"), timeout_s=5)
                meter = Meter(CountingStore(store), wire=lambda: len(postgrest.state.requests))
                rows = [*simulated_scenarios(meter, tmp, args.polls), *bland_scenario(meter, tmp, args.polls)]
                report("Supabase (PostgREST test server + PostgreSQL 15)", "HTTP requests to PostgREST", rows)
                results += [(f"Supabase, {scenario}", steady) for scenario, _, steady in rows]
        finally:
            postgres.stop()

    print(f"\ntarget, at most 1 read and no write per poll of an unchanged call: {verdict(results)}")


if __name__ == "__main__":
    main()
