"""ArchiveService.view on a SQLite file: KPIs, a page and the open call read side by side, for many sessions at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from salesbot.models import CallFilter, Outcome, Speaker
from salesbot.services.archive import ArchiveService
from salesbot.storage.sqlite import SQLiteStore
from tests.app.transcripts_data import add_call


def test_a_view_holds_kpis_the_page_asked_for_or_the_last_and_the_open_call(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    ids = [add_call(db, f"Customer {i}", [(Speaker.AGENT, "Hello.")], hours=i, phone=f"98765 432{i:02d}",
                    outcome=Outcome.FOLLOW_UP) for i in range(7)]  # fmt: skip
    archive = ArchiveService(SQLiteStore(db))
    view = archive.view(CallFilter(), page=2, page_size=5, call_id=ids[0])
    assert (view.stats.calls, view.page, view.pages) == (7, 2, 2)
    assert [r.summary.id for r in view.found.rows] == ids[1::-1]
    assert view.detail is not None and view.detail.call.id == ids[0] and view.detail.script_version == 1
    assert not view.call_missing and view.detail_problem is None

    past = archive.view(CallFilter(), page=9, page_size=5, call_id=999)
    assert past.page == 2 and len(past.found.rows) == 2  # asked past the end: the last page
    assert past.detail is None and past.call_missing


def test_many_sessions_at_once_do_not_wait_on_each_other_forever(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    ids = [add_call(db, f"Customer {i}", [(Speaker.AGENT, "Hello.")], hours=i, phone=f"98765 432{i:02d}")
           for i in range(3)]  # fmt: skip
    archive = ArchiveService(SQLiteStore(db))
    with ThreadPoolExecutor(max_workers=32) as sessions:  # more sessions than the service's readers
        views = list(sessions.map(lambda n: archive.view(CallFilter(), 1, 25, ids[n % 3]), range(64), timeout=60))
    assert {v.detail.call.id for v in views if v.detail} == set(ids) and all(v.stats.calls == 3 for v in views)
