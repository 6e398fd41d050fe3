"""Integration fixtures: a throwaway PostgreSQL 15 behind a PostgREST-protocol server, and a store per backend
(SQLite, Supabase, and the in-memory one of tests/fakes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesbot.storage import CallStore
from salesbot.storage.sqlite import SQLiteStore
from salesbot.storage.supabase_store import SupabaseStore
from tests.fakes.memory_store import MemoryStore


@pytest.fixture(params=["sqlite", "supabase", "memory"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> CallStore:
    if request.param == "sqlite":
        return SQLiteStore(tmp_path / "contract.db")
    if request.param == "memory":
        return MemoryStore()
    store: SupabaseStore = request.getfixturevalue("supabase_store")
    return store
