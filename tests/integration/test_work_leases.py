"""Leases on every store: one holder at a time for a piece of shared work, taken over when the holder's lease runs
out, renewed by the holder, released only by it; simultaneous claims from separate handles have one winner."""

from __future__ import annotations

import threading
import time

import pytest

from salesbot.storage import CallStore
from salesbot.storage.sqlite import SQLiteStore
from tests.fakes.postgrest_server import PostgrestServer, make_key


def test_one_holder_until_the_lease_runs_out(any_store: CallStore) -> None:
    assert any_store.claim_lease("poll:call:1", "a", 0.4)
    assert not any_store.claim_lease("poll:call:1", "b", 0.4)
    assert any_store.claim_lease("poll:call:2", "b", 0.4)  # another piece of work is free
    assert any_store.claim_lease("poll:call:1", "a", 0.4)  # the holder renews
    time.sleep(0.5)
    assert any_store.claim_lease("poll:call:1", "b", 30)  # ran out: taken over
    assert not any_store.claim_lease("poll:call:1", "a", 30)


def test_only_the_holder_releases(any_store: CallStore) -> None:
    assert any_store.claim_lease("analyse:call:7", "a", 30)
    any_store.release_lease("analyse:call:7", "b")
    assert not any_store.claim_lease("analyse:call:7", "b", 30)
    any_store.release_lease("analyse:call:7", "a")
    assert any_store.claim_lease("analyse:call:7", "b", 30)


def test_simultaneous_claims_have_one_winner(any_store: CallStore, request: pytest.FixtureRequest) -> None:
    handles = [_another_handle(any_store, request) for _ in range(8)]
    start = threading.Barrier(len(handles))
    won: list[bool] = []

    def claim(store: CallStore, holder: str) -> None:
        start.wait()
        won.append(store.claim_lease("catch-up", holder, 30))

    threads = [threading.Thread(target=claim, args=(h, f"process-{n}")) for n, h in enumerate(handles)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(won) == [False] * 7 + [True]


def _another_handle(store: CallStore, request: pytest.FixtureRequest) -> CallStore:
    if isinstance(store, SQLiteStore):
        return SQLiteStore(store.path)
    from salesbot.storage.supabase_store import SupabaseStore

    if isinstance(store, SupabaseStore):
        postgrest: PostgrestServer = request.getfixturevalue("postgrest")
        return SupabaseStore(postgrest.url, make_key("service_role"), timeout_s=5)
    return store
