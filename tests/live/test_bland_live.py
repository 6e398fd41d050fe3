"""Against the real Bland AI API: runs only when BLAND_API_KEY and SALESBOT_TEST_PHONE are set. It rings that phone."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from salesbot.bootstrap import build_app
from salesbot.models import CustomerForm, ScriptOptions
from salesbot.settings import load_settings
from tests.builders import ASHA
from tests.conftest import start

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        not (os.environ.get("BLAND_API_KEY") and os.environ.get("SALESBOT_TEST_PHONE")),
        reason="BLAND_API_KEY and SALESBOT_TEST_PHONE are not both set",
    ),
]


def test_live_call_is_placed_and_read_back(tmp_path: Path) -> None:
    settings = load_settings(
        env={**os.environ, "SALESBOT_DB_PATH": str(tmp_path / "live.db"), "BLAND_MAX_DURATION_MIN": "1"}
    )
    desk = build_app(settings)
    phone = os.environ["SALESBOT_TEST_PHONE"]
    customer = desk.presenter.save_customer(CustomerForm(**{**ASHA, "country_code": "US", "phone_number": phone}))
    draft = desk.presenter.write_script(customer.id, ScriptOptions(length="short"), offline=True)
    list(draft)
    assert draft.script is not None
    call = start(desk, draft.script, "live-test", consent=True)
    assert call.provider_call_id
    deadline = time.monotonic() + 150
    while time.monotonic() < deadline and not call.status.is_final:
        time.sleep(3)
        call = desk.calls.refresh_call(call.id).call
    assert call.status.is_final
