"""Who placed each call on the Transcripts page: the Placed by column, its filter (also as ?by= in the URL) and the
open call's caption, as text; none of it in open mode until a call records someone."""

from __future__ import annotations

import re
from pathlib import Path

from salesbot.models import Speaker
from salesbot.storage import NewCall
from tests.app.transcripts_data import add_call, page, params, store, table
from tests.unit.test_call_report import rendered

A, C = Speaker.AGENT, Speaker.CUSTOMER
ANA = "ana@team.example"
HOSTILE_ADDRESS = "**bold**_[x](http://evil.example)@team.example"


def placed(db: Path, call_id: int, by: str) -> None:
    """Record who placed a stored call (what a signed-in presenter's call carries from the start)."""
    s = store(db)
    with s._write() as conn:
        conn.execute("UPDATE call_transcripts SET created_by = ? WHERE id = ?", (by, call_id))


def test_open_mode_has_no_placed_by_column(app_env: Path) -> None:
    add_call(app_env, "Asha Rao", [(A, "Hello"), (C, "Hi")])
    assert "Placed by" not in table(page()).columns


def test_the_column_the_filter_and_the_url(app_env: Path) -> None:
    mine = add_call(app_env, "Asha Rao", [(A, "Hello"), (C, "Hi")])
    other = add_call(app_env, "Ravi Kumar", [(A, "Hello"), (C, "Hi")], hours=1, phone="98765 43211")
    placed(app_env, mine, ANA)
    at = page()
    shown = table(at)
    assert dict(zip(shown["Call"], shown["Placed by"], strict=True)) == {mine: ANA, other: ""}
    at.text_input(key="placed_by_filter").input(" Ana@Team.example ").run()
    assert list(table(at)["Call"]) == [mine] and params(at)["by"] == ANA
    shared = page({"by": ANA})  # the URL alone: a new session sees the same calls, the filter filled in
    assert list(table(shared)["Call"]) == [mine] and shared.text_input(key="placed_by_filter").value == ANA
    assert "No calls match" in page({"by": "eve@elsewhere.example"}).info[0].value


def test_the_open_call_says_who_placed_it_as_text(app_env: Path) -> None:
    call = add_call(app_env, "Asha Rao", [(A, "Hello"), (C, "Hi")])
    placed(app_env, call, HOSTILE_ADDRESS)
    at = page({"call": str(call)})
    caption = next(c.value for c in at.caption if "placed by" in c.value)
    tokens = rendered(re.sub(r":color\[((?:\\.|[^\]\\])*)\]", r"\1", caption))  # Streamlit's plain spans as text
    # as a Markdown renderer reads it: no link, no bold, the address as typed
    assert not {t.type for t in tokens} & {"link_open", "strong_open", "em_open", "html_inline"}
    text = "".join(t.content for t in tokens if t.type == "text")
    assert text.endswith(f"placed by {HOSTILE_ADDRESS}")


def test_a_new_call_records_nobody_without_sign_in(app_env: Path) -> None:
    s = store(app_env)
    call_id = add_call(app_env, "Asha Rao", [(A, "Hello")])
    call = s.get_call(call_id)
    again, created = s.create_call(NewCall(call.customer_id, call.script_id or 0, call.phone_e164, "simulated", "x"))
    assert created and again.created_by == "" and not [c for c in page().caption if "placed by" in c.value]
