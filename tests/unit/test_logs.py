"""Log lines as JSON (SALESBOT_LOG_FORMAT=json) or text, carrying the ids of where they were written."""

from __future__ import annotations

import json
import logging
import threading

import pytest

from salesbot import logs
from salesbot.errors import ConfigError
from salesbot.settings import load_settings


def _record(message: str = "call %s placed", *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    logs.install()
    logger = logging.getLogger("salesbot.test")
    exc_info = (type(exc), exc, None) if exc else None
    return logger.makeRecord(
        logger.name, logging.INFO, __file__, 1, message, args or ((7,) if "%s" in message else ()), exc_info
    )


def test_a_json_line_has_the_ids_current_where_it_was_written() -> None:
    with logs.log_context(request_id="r-1", session_id="s-9"), logs.log_context(call_id=7, customer_id=None):
        record = _record()
    line = json.loads(logs.JsonFormatter().format(record))  # formatted later, outside the block
    assert line["message"] == "call 7 placed" and line["level"] == "info" and line["logger"] == "salesbot.test"
    assert {k: line.get(k) for k in logs.CONTEXT_KEYS} == {
        "request_id": "r-1", "call_id": 7, "customer_id": None, "provider_call_id": None, "session_id": "s-9"
    }  # fmt: skip
    assert line["time"].endswith("+00:00")
    assert logs.current_context() == {}


def test_ids_do_not_leak_between_threads() -> None:
    seen: list[dict[str, str | int]] = []
    with logs.log_context(request_id="main"):
        worker = threading.Thread(target=lambda: seen.append(logs.current_context()))
        worker.start()
        worker.join()
    assert seen == [{}]


def test_an_exception_gives_its_type_never_its_text() -> None:
    record = _record("lookup failed", exc=RuntimeError("Bearer sk-canary-secret +919876543210"))
    text = logs.JsonFormatter().format(record)
    assert json.loads(text)["error_type"] == "RuntimeError"
    assert "canary" not in text and "9876543210" not in text


def test_text_lines_end_with_the_ids() -> None:
    with logs.log_context(call_id=12):
        record = _record()
    assert logs.TextFormatter().format(record).endswith("salesbot.test: call 7 placed call_id=12")


def test_unknown_context_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="phone"), logs.log_context(phone="+919876543210"):
        pass


def test_the_log_format_setting() -> None:
    assert load_settings(env={}).log_format == "text"
    assert load_settings(env={"SALESBOT_LOG_FORMAT": " JSON "}).log_format == "json"
    with pytest.raises(ConfigError, match="SALESBOT_LOG_FORMAT must be text or json"):
        load_settings(env={"SALESBOT_LOG_FORMAT": "xml"})
