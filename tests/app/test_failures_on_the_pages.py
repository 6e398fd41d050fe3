"""Every page keeps its footing when storage fails: a clear message, never Streamlit's exception box.
(Script-writer and Bland failures are covered beside their features.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import outcome, refresh_until
from tests.conftest import ROOT
from tests.fakes.postgres import ThrowawayPostgres
from tests.fakes.postgrest_server import PostgrestServer, make_key


def pages(at: AppTest) -> list[AppTest]:
    """The presenter page, then the transcripts page, of the same session."""
    at.run()
    shown = [at]
    at.switch_page("views/transcripts.py").run()
    shown.append(at)
    return shown


def messages(at: AppTest) -> list[str]:
    return [e.value for e in at.error] + [w.value for w in at.warning]


@pytest.fixture
def supabase_app(
    postgres: ThrowawayPostgres, postgrest: PostgrestServer, app_env: Path, monkeypatch: pytest.MonkeyPatch
) -> AppTest:
    postgres.reset()
    postgrest.state.down = False
    monkeypatch.setenv("SUPABASE_URL", postgrest.url)
    monkeypatch.setenv("SUPABASE_KEY", make_key("service_role"))
    at = AppTest.from_file(str(ROOT / "salesbot_pages.py"), default_timeout=30)
    at.run()
    assert not at.exception
    return at


def test_supabase_down_in_the_middle_of_a_demo(
    supabase_app: AppTest, postgrest: PostgrestServer, fill_form: Callable[..., AppTest]
) -> None:
    at = supabase_app
    fill_form(at).button(key="generate").click().run()
    at.button(key="start_call").click().run()
    refresh_until(at, outcome, every=0.05)  # the call is over (at this speed, within a few refreshes)
    at.button(key="refresh_transcript").click().run()
    assert not at.exception and not at.error
    postgrest.state.down = True
    try:
        at.button(key="refresh_transcript").click().run()  # the live panel
        assert not at.exception and messages(at)
        fill_form(at, name="Ravi Kumar").button(key="generate").click().run()  # saving a customer
        assert not at.exception and messages(at)
        at.switch_page("views/transcripts.py").run()  # the archive
        assert not at.exception and messages(at)
        at.switch_page("views/presenter.py").run()
        assert not at.exception and messages(at)
    finally:
        postgrest.state.down = False


def test_a_broken_sqlite_file_is_explained_on_every_page(
    presenter: AppTest, fill_form: Callable[..., AppTest], app_env: Path
) -> None:
    fill_form(presenter).button(key="generate").click().run()
    presenter.button(key="start_call").click().run()
    app_env.write_bytes(b"this is not a database" * 512)  # the file is overwritten under the running app
    for at in pages(presenter):
        assert not at.exception
        assert messages(at)


def test_a_reload_while_the_store_is_down_keeps_the_address_and_recovers(
    supabase_app: AppTest, postgrest: PostgrestServer, fill_form: Callable[..., AppTest]
) -> None:
    """A fresh load of /?customer=1&call=1 while the store is down (issue 25): the page says what failed and keeps the
    address as it was, so the same page, once the store is back, brings the customer and the call back."""
    at = supabase_app
    fill_form(at).button(key="generate").click().run()
    at.button(key="start_call").click().run()
    link = dict(at.query_params)
    assert link == {"customer": "1", "call": "1"}
    reloaded = AppTest.from_file(str(ROOT / "salesbot_pages.py"), default_timeout=30)
    for name, value in link.items():
        reloaded.query_params[name] = value
    postgrest.state.down = True
    try:
        reloaded.run()
        assert not reloaded.exception and messages(reloaded)
        assert dict(reloaded.query_params) == link  # not rewritten to "/"
    finally:
        postgrest.state.down = False
    reloaded.run()
    assert not reloaded.exception
    assert reloaded.text_input(key="name").value == "Asha Rao" and dict(reloaded.query_params) == link


def test_a_full_disk_is_said_in_plain_words(tmp_path: Path) -> None:
    """SQLite's own 'database or disk is full' (a file capped at its current size) becomes a message an operator can
    act on, not the store's general one."""
    import sqlite3

    from salesbot.storage.sqlite_base import explain

    conn = sqlite3.connect(tmp_path / "full.db")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.OperationalError) as full:
        for _ in range(100):
            conn.execute("INSERT INTO t VALUES (?)", ("x" * 4000,))
    assert "full" in str(full.value)
    assert (explain(full.value) or "").startswith("The disk holding the call history is full")
