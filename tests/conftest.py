"""Shared fixtures: a real SQLite file, a controllable clock, and a desk wired from them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from salesbot.analysis.offline import OfflineCallAnalyst
from salesbot.bootstrap import App, build_app
from salesbot.models import Call, CustomerForm, SalesScript, ScriptOptions
from salesbot.scripts.offline import OfflineScriptWriter
from salesbot.services.place_call import CallRequest
from salesbot.settings import Settings
from salesbot.storage.sqlite import SQLiteStore
from salesbot.storage.supabase_store import SupabaseStore
from salesbot.telephony.simulated import SimulatedTelephony
from tests.builders import ASHA
from tests.fakes.postgres import ThrowawayPostgres
from tests.fakes.postgrest_server import PostgrestServer, make_key

ROOT = Path(__file__).resolve().parents[1]


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "salesbot.db")


def script_for(app: App) -> SalesScript:
    """Asha saved and a script written for her by the offline writer, as Generate script does."""
    customer = app.presenter.save_customer(CustomerForm(**ASHA))
    draft = app.presenter.write_script(customer.id, ScriptOptions(), offline=True)
    list(draft)
    assert draft.script is not None
    return draft.script


def start(app: App, script: SalesScript, attempt_key: str, consent: bool = False) -> Call:
    """Place a call with this script version for its customer, as the presenter page does."""
    return app.calls.start_call(CallRequest(script.customer_id, script.id, attempt_key, consent=consent))


@pytest.fixture
def desk(store: SQLiteStore, clock: FakeClock, tmp_path: Path) -> App:
    """The App over a real SQLite file, the offline writer (no typing delay), simulated calls and a hand clock."""
    return build_app(
        Settings(db_path=tmp_path / "salesbot.db"),
        store=store,
        writer=OfflineScriptWriter("Maya", "Acme Cloud", "Salesbot", chunk_delay_s=0),
        telephony=SimulatedTelephony(speed=1.0, clock=clock, persona="ready"),
        analyst=OfflineCallAnalyst(),
        clock=clock,
    )


@pytest.fixture(scope="session")
def postgres() -> Iterator[ThrowawayPostgres]:
    pg = ThrowawayPostgres().start()
    yield pg
    pg.stop()


@pytest.fixture(scope="session")
def postgrest(postgres: ThrowawayPostgres) -> Iterator[PostgrestServer]:
    with PostgrestServer(postgres.dsn) as server:
        yield server


@pytest.fixture
def supabase_store(postgres: ThrowawayPostgres, postgrest: PostgrestServer) -> SupabaseStore:
    postgres.reset()
    postgrest.state.down = False
    return SupabaseStore(postgrest.url, make_key("service_role"), timeout_s=5)


# Modules whose tests share one costly module-wide fixture (an API server in a subprocess, a store seeded with 1,200
# calls): under pytest-xdist each goes to one worker whole, so the fixture is built once. Every other test goes to
# whichever worker is free. (xdist's `--dist loadgroup` would do this from a mark, but on pytest 9.2 it silently stops
# grouping: https://github.com/pytest-dev/pytest-xdist/issues/1386.)
WHOLE_MODULES = frozenset(
    f"tests/integration/{name}.py"
    for name in (
        "test_api",
        "test_api_bland",
        "test_api_off",
        "test_api_writer",
        "test_export_command",
        "test_scale_out",
    )
)


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """`-n N`: tests one by one to whichever worker is free, the WHOLE_MODULES each as one unit."""
    if config.getvalue("dist") != "load":
        return None  # another --dist asked for by name
    from xdist.scheduler import LoadScopeScheduling

    class OneByOneButWholeModules(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module in WHOLE_MODULES else nodeid

    return OneByOneButWholeModules(config, log)  # type: ignore[arg-type]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `postgres` every test that needs the throwaway cluster (`make test-fast` leaves them out): those using the
    fixture, and the Supabase half of a contract test run on both stores."""
    for item in items:
        params = getattr(item, "callspec", None)
        on_supabase = params is not None and "supabase" in params.params.values()
        if "postgres" in getattr(item, "fixturenames", ()) or on_supabase:
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(autouse=True)
def _fresh_analysis_ladder() -> Iterator[None]:
    """The way each test server was last asked for JSON is remembered per process: start every test afresh."""
    from salesbot.llm import ladder

    ladder.forget_all()
    yield
    ladder.forget_all()
