"""The Transcripts page under AppTest."""

from __future__ import annotations

import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from salesbot.bootstrap import build_desk
from salesbot.models import CallStatus, ScriptOptions
from salesbot.settings import load_settings
from tests.conftest import ASHA, ROOT


def page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "transcripts.py"), default_timeout=30)
    at.run()
    assert not at.exception
    return at


def test_empty_history_says_so(app_env: Path) -> None:
    assert any("No calls yet" in i.value for i in page().info)


def test_calls_newest_first_with_the_chosen_transcript(app_env: Path) -> None:
    desk = build_desk(load_settings(env={"SALESBOT_DB_PATH": str(app_env), "SALESBOT_SIM_SPEED": "1000"}))
    for name in ("Asha Rao", "Ravi Kumar"):
        customer = desk.save_customer({**ASHA, "name": name})
        draft = desk.write_script(customer.id, ScriptOptions())
        list(draft)
        assert draft.script is not None
        desk.start_call(draft.script, f"attempt-{name}")
    time.sleep(0.5)  # both calls are over at this speed, though nobody refreshed them
    at = page()
    table = at.dataframe[0].value
    assert list(table["Customer"]) == ["Ravi Kumar", "Asha Rao"]
    assert list(table["Status"]) == [CallStatus.COMPLETED.label] * 2
    assert table["First words"][0].startswith("Hello Ravi")
    at.selectbox(key="chosen_call").select_index(1).run()
    assert not at.exception
    assert any("Asha Rao" in m.value for m in at.markdown)
    assert sum(m.value.startswith("**Customer**") for m in at.markdown) > 4


def test_navigation_reaches_the_transcripts_page(app_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    at.run()
    assert at.title[0].value == "Live sales-call demo"
    at.switch_page("pages/transcripts.py").run()
    assert not at.exception
    assert at.title[0].value == "Transcripts"
