"""One open real call per number, decided by the store: the guard and the insert are one step on every store, so any
number of sessions, processes or servers place one call (issue 24). SQLite file, PostgreSQL through the PostgREST
stand-in and the supabase client, and the in-memory store."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from salesbot.models import CallStatus, Customer
from salesbot.storage import CallChanges, CallStore, NewCall
from salesbot.storage.sqlite import SQLiteStore
from tests.builders import a_saved_customer
from tests.fakes.postgrest_server import PostgrestServer, make_key

T0 = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)
GUARD = timedelta(minutes=10)


def _attempt(customer: Customer, script_id: int, key: str, at: datetime, guarded: bool = True) -> NewCall:
    return NewCall(customer.id, script_id, customer.phone_e164, "bland", key, created_at=at,
                   busy_since=at - GUARD if guarded else None)  # fmt: skip


def test_an_open_call_to_the_number_refuses_another_attempt_and_stores_nothing(any_store: CallStore) -> None:
    asha = a_saved_customer(any_store, name="Asha Rao", phone_number="98765 43210")
    script = any_store.add_script(asha.id, "s", "offline")
    first, created = any_store.create_call(_attempt(asha, script.id, "first", T0))
    assert created
    blocking, created = any_store.create_call(_attempt(asha, script.id, "second", T0 + timedelta(minutes=1)))
    assert not created and blocking.id == first.id and blocking.attempt_key == "first"
    again, created = any_store.create_call(_attempt(asha, script.id, "first", T0 + timedelta(minutes=2)))
    assert not created and again.id == first.id  # the same attempt: the same call, whatever the guard says
    assert [c.id for c in any_store.open_calls_to(asha.phone_e164, T0 - GUARD)] == [first.id]


def test_the_guard_lets_a_call_through_once_the_open_one_ends_or_is_older_than_the_window(any_store: CallStore) -> None:
    asha = a_saved_customer(any_store, name="Asha Rao", phone_number="98765 43210")
    ravi = a_saved_customer(any_store, name="Ravi Kumar", phone_number="91234 56789")
    script = any_store.add_script(asha.id, "s", "offline")
    first, _ = any_store.create_call(_attempt(asha, script.id, "first", T0))
    other, created = any_store.create_call(_attempt(ravi, script.id, "ravi", T0))
    assert created and other.id != first.id  # another number is not busy
    later, created = any_store.create_call(_attempt(asha, script.id, "late", T0 + GUARD + timedelta(seconds=1)))
    assert created and later.id not in {first.id, other.id}  # the open call is older than the window
    any_store.update_call(later.id, CallChanges(status=CallStatus.COMPLETED))
    any_store.update_call(first.id, CallChanges(status=CallStatus.STOPPED))
    after, created = any_store.create_call(_attempt(asha, script.id, "after", T0 + GUARD + timedelta(minutes=1)))
    assert created and after.status is CallStatus.DIALLING
    _, created = any_store.create_call(
        _attempt(asha, script.id, "simulated", T0 + GUARD + timedelta(minutes=2), guarded=False)
    )
    assert created  # no guard asked for (a simulated call): the open call does not refuse it


def _race(attempts: list[Callable[[], tuple[object, bool]]]) -> list[bool]:
    """Run every attempt at the same moment (a barrier), each in its own thread; which of them created a call."""
    start = threading.Barrier(len(attempts))
    created: list[bool] = []
    errors: list[BaseException] = []

    def run(attempt: Callable[[], tuple[object, bool]]) -> None:
        start.wait()
        try:
            created.append(attempt()[1])
        except BaseException as e:  # collected and asserted below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(a,)) for a in attempts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return created


def test_simultaneous_attempts_from_many_sessions_create_one_call_per_number(
    any_store: CallStore, request: pytest.FixtureRequest
) -> None:
    """Ten attempts per number for three numbers, all at once, each through its own store object where the store
    has one (its own connections: like separate processes): exactly one call per number."""
    people = [a_saved_customer(any_store, name=f"Person {n}", phone_number=f"9876{n}43210") for n in range(3)]
    script = any_store.add_script(people[0].id, "s", "offline")
    stores = [_another_handle(any_store, request) for _ in range(6)]
    handles = [(stores[i % len(stores)], p, i) for p in people for i in range(10)]
    attempts = [(lambda s=s, p=p, i=i: s.create_call(_attempt(p, script.id, f"{p.id}-{i}", T0))) for s, p, i in handles]
    created = _race(attempts)
    assert created.count(True) == 3
    for p in people:
        assert len(any_store.open_calls_to(p.phone_e164, T0 - GUARD)) == 1


def _another_handle(store: CallStore, request: pytest.FixtureRequest) -> CallStore:
    """A second handle on the same data: a new SQLiteStore on the file, a new Supabase client; the memory store is
    one object (it has no other handle)."""
    if isinstance(store, SQLiteStore):
        return SQLiteStore(store.path)
    from salesbot.storage.supabase_store import SupabaseStore

    if isinstance(store, SupabaseStore):
        postgrest: PostgrestServer = request.getfixturevalue("postgrest")
        return SupabaseStore(postgrest.url, make_key("service_role"), timeout_s=5)
    return store


def _attempts_in_a_process(path: str, customer_ids: list[int], script_id: int, tag: str, go: object) -> None:
    """One process: ten threads per customer attempt to call at once (after the parent says go)."""
    store = SQLiteStore(Path(path))
    customers = [store.get_customer(i) for i in customer_ids]
    go.wait()  # type: ignore[attr-defined]
    _race([
        (lambda c=c, i=i: store.create_call(_attempt(c, script_id, f"{tag}-{c.id}-{i}", T0)))
        for c in customers for i in range(10)
    ])  # fmt: skip


def test_two_processes_on_one_sqlite_file_create_one_call_per_number(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "shared.db")
    people = [a_saved_customer(store, name=f"Person {n}", phone_number=f"9123{n}56789") for n in range(5)]
    script = store.add_script(people[0].id, "s", "offline")
    spawn = multiprocessing.get_context("spawn")  # a clean interpreter, as another app server would be
    go = spawn.Event()
    workers = [
        spawn.Process(target=_attempts_in_a_process, args=(str(store.path), [p.id for p in people], script.id, t, go))
        for t in ("a", "b")
    ]
    for w in workers:
        w.start()
    go.set()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    for p in people:
        assert len(store.open_calls_to(p.phone_e164, T0 - GUARD)) == 1
