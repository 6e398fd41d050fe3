"""Demo data that looks real: up to now over 90 days with a weekly rhythm, several presenters, versions dated before
their calls, 0-3 objections, and a second seed that tops the store up."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from salesbot.cli.seed import seed
from salesbot.models import CallFilter
from salesbot.storage import CallStore
from salesbot.storage.sqlite import SQLiteStore

NOW = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = Path(tmp_path_factory.mktemp("demo")) / "demo.db"
    assert seed(SQLiteStore(path), 900, seed=3, now=NOW) == 900
    return path


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_calls_run_up_to_now_over_ninety_days_mostly_on_weekdays_in_office_hours(demo: Path) -> None:
    times = [datetime.fromisoformat(str(r[0])) for r in _rows(demo, "SELECT created_at FROM call_transcripts")]
    assert max(times) <= NOW and max(times) > NOW - timedelta(days=1)  # calls today, none in the future
    assert min(times) >= NOW - timedelta(days=90) and min(times) < NOW - timedelta(days=80)
    weekdays = Counter(t.weekday() for t in times)
    assert weekdays[6] < weekdays[1] / 5 and weekdays[5] < weekdays[2] / 3  # quiet weekends
    offsets = {"IN": 5.5, "US": -5.0, "GB": 0.0, "SG": 8.0, "AE": 4.0}  # each country's office clock
    calls = _rows(demo, "SELECT created_at, country_code FROM call_transcripts")
    local = [datetime.fromisoformat(str(t)) + timedelta(hours=offsets[str(c)]) for t, c in calls]
    in_hours = [t for t in local if 9 <= t.hour < 19]
    assert len(in_hours) > 0.9 * len(local)  # the rest: calls pulled back from later today


def test_presenters_versions_and_objections_vary_as_in_a_real_team(demo: Path) -> None:
    by = dict(_rows(demo, "SELECT created_by, count(*) FROM call_transcripts GROUP BY 1"))
    assert len(by) >= 4 and "" not in by and max(by.values()) < 0.5 * sum(by.values())  # type: ignore[operator]
    early = _rows(demo, "SELECT count(*) FROM call_transcripts t JOIN sales_scripts s ON s.id = t.script_id"
                        " WHERE s.created_at >= t.created_at")  # fmt: skip
    assert early == [(0,)]  # every version was written before the calls that use it
    edited = _rows(demo, "SELECT count(*) FROM (SELECT customer_id FROM sales_scripts GROUP BY 1 HAVING count(*) > 1)")
    assert int(str(edited[0][0])) > 10
    kinds = dict(_rows(demo, "SELECT json_array_length(objections), count(*) FROM call_transcripts"
                             " WHERE objections IS NOT NULL GROUP BY 1"))  # fmt: skip
    assert set(kinds) == {0, 1, 2, 3}


def test_a_second_seed_tops_the_store_up(any_store: CallStore) -> None:
    assert seed(any_store, 40, seed=1, now=NOW) == 40
    first = {r.summary.id for r in any_store.search_calls(CallFilter(), 100, 0).rows}
    assert seed(any_store, 25, seed=1, now=NOW) == 25  # the same seed again: 25 more, new attempt keys
    assert any_store.search_calls(CallFilter(), 100, 0).total == 65
    added = [r for r in any_store.search_calls(CallFilter(), 100, 0).rows if r.summary.id not in first]
    assert len(added) == 25 and all(r.summary.created_at <= NOW for r in added)
