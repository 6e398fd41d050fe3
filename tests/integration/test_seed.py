"""Demo data through the seed command and into both stores."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from salesbot.seed import seed
from salesbot.storage import CallFilter, CallStore
from salesbot.storage.sqlite import SQLiteStore
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
