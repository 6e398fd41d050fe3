"""Demo data through the seed command and into both stores."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

from salesbot.cli.seed import seed, seeded_customers
from salesbot.models import CallFilter, CallStatus, ObjectionKind, Outcome, Speaker
from salesbot.storage import CallStore
from salesbot.storage.sqlite import SQLiteStore
from salesbot.telephony.conversation import SimulatedCall
from tests.conftest import ROOT


def transcripts(db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT attempt_key, call_status, transcript FROM call_transcripts ORDER BY attempt_key"
        ).fetchall()


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path) -> None:
    for name, s in (("a", 7), ("b", 7), ("c", 8)):
        assert seed(SQLiteStore(tmp_path / f"{name}.db"), 40, s) == 40
    assert transcripts(tmp_path / "a.db") == transcripts(tmp_path / "b.db")
    assert transcripts(tmp_path / "a.db") != transcripts(tmp_path / "c.db")


def test_seeded_calls_are_realistic_and_searchable(any_store: CallStore) -> None:
    progress: list[int] = []
    assert seed(any_store, 60, 5, batch_calls=25, progress=lambda done, total: progress.append(done)) == 60
    assert progress[-1] == 60 and len(progress) >= 3
    stats = any_store.call_stats(CallFilter())
    assert stats.calls == 60 and 0 < stats.connected < 60 and len(stats.outcomes) >= 3
    assert stats.average_seconds and stats.average_seconds > 30
    page = any_store.search_calls(CallFilter(search="pricing"), limit=5, offset=0)
    assert page.total > 0 and all("pricing" in r.transcript.lower() for r in page.rows)
    assert {r.country_code for r in any_store.search_calls(CallFilter(), 60, 0).rows} >= {"IN"}


def test_the_command_line_fills_the_configured_store(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    done = subprocess.run(
        [sys.executable, "-m", "salesbot", "seed", "--calls", "25", "--seed", "2"],
        cwd=ROOT, env={"SALESBOT_DB_PATH": str(db), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "25/25 calls" in done.stderr and "Stored 25 calls." in done.stderr
    assert len(transcripts(db)) == 25
    bad = subprocess.run(
        [sys.executable, "-m", "salesbot", "seed", "--calls", "0"], cwd=ROOT, capture_output=True, text=True
    )
    assert bad.returncode == 2 and "--calls must be at least 1" in bad.stderr


def seeded_truths(calls: int, s: int) -> dict[str, SimulatedCall]:
    return {c.attempt_key: c.simulated for person in seeded_customers(calls, s) for c in person.calls}


def test_seeded_calls_meet_every_kind_of_customer(tmp_path: Path) -> None:
    planned = seeded_truths(400, 11)
    assert len(planned) == 400
    outcomes = Counter(sim.truth.outcome for sim in planned.values())
    assert set(outcomes) == set(Outcome) - {Outcome.BUSY}  # a busy line is Bland's to report; no persona is one
    connected = [sim.truth for sim in planned.values() if sim.truth.outcome.connected]
    priced = [t for t in connected if ObjectionKind.PRICE in t.objections]
    assert len(priced) < 0.35 * len(connected)
    store = SQLiteStore(tmp_path / "s.db")
    assert seed(store, 400, 11) == 400
    for row in store.search_calls(CallFilter(), limit=400, offset=0).rows:
        call = store.get_call(row.summary.id)
        sim = planned[call.attempt_key]
        if sim.truth.outcome is Outcome.NO_ANSWER:
            assert call.status is CallStatus.FAILED and call.error_message == "Nobody answered."
            assert [u.text for u in call.utterances] == ["Nobody answered."]
        else:
            assert call.status is CallStatus.COMPLETED and call.error_message is None
            assert [u.text for u in call.utterances[:-1]] == [line.text for line in sim.lines]
            assert call.utterances[-1].speaker is Speaker.SYSTEM


# Depends on the offline analyser (the eight outcomes, objections, next step): it is scored on the personas' truth.
def test_stored_analysis_finds_what_really_happened(tmp_path: Path) -> None:
    planned = seeded_truths(400, 12)
    store = SQLiteStore(tmp_path / "a.db")
    seed(store, 400, 12)
    stats = store.call_stats(CallFilter())
    assert set(stats.outcomes) == {o.value for o in Outcome if o is not Outcome.BUSY}  # no simulated line is busy
    rows = {store.get_call(r.summary.id).attempt_key: r for r in store.search_calls(CallFilter(), 400, 0).rows}
    right = [key for key, r in rows.items() if r.outcome == planned[key].truth.outcome.value]
    assert len(right) >= 0.9 * len(rows)
    steps = [key for key, r in rows.items() if r.next_step_agreed is planned[key].truth.next_step_agreed]
    assert len(steps) >= 0.9 * len(rows)
    connected = [key for key, sim in planned.items() if sim.truth.outcome.connected]
    priced = [key for key in connected if ObjectionKind.PRICE.value in rows[key].objections]
    assert 0 < len(priced) < 0.35 * len(connected)
