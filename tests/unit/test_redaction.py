"""Configured keys are redacted by value wherever the app writes a provider's text (issue 25): in every message of
the error family (page, API, stored error) and every log line, whatever the key looks like."""

from __future__ import annotations

import logging

import pytest

from salesbot import logs
from salesbot.errors import REDACTED, TelephonyError, redact, register_secrets
from salesbot.settings import load_settings
from salesbot.telephony.bland_answers import explain

ODD_KEY = "Zq9xLmN2pQ7rT5vW-odd-shaped"  # none of the sk-/bl-/org- shapes a pattern would catch


def test_an_echoed_key_of_any_shape_is_redacted_from_the_message() -> None:
    register_secrets(ODD_KEY)
    error = TelephonyError(explain(400, {"message": f"Invalid key {ODD_KEY} for this org"}))
    assert ODD_KEY not in error.user_message and REDACTED in error.user_message
    assert ODD_KEY not in str(error)


def test_short_values_are_not_registered_so_words_survive() -> None:
    register_secrets("abc", "")
    assert redact("abc and abcdef") == "abc and abcdef"


def test_log_lines_lose_the_key_too(caplog: pytest.LogCaptureFixture) -> None:
    register_secrets(ODD_KEY)
    logs.install()
    with caplog.at_level(logging.WARNING, logger="salesbot"):
        logging.getLogger("salesbot.telephony").warning("Bland said: %s", f"bad key {ODD_KEY}")
    assert caplog.records and all(ODD_KEY not in r.getMessage() for r in caplog.records)
    assert REDACTED in caplog.records[-1].getMessage()


def test_building_the_app_registers_every_configured_secret(tmp_path: object) -> None:
    from salesbot.bootstrap import build_app

    token = "api-token-canary-0123456789"
    build_app(load_settings(env={"SALESBOT_DB_PATH": f"{tmp_path}/x.db", "SALESBOT_API_TOKEN": token}))
    assert redact(f"echo {token}") == f"echo {REDACTED}"
