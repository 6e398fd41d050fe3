"""The app's log lines: human-readable by default, one JSON object per line with SALESBOT_LOG_FORMAT=json, each
carrying the ids known where it was written (request, call, customer, provider call, browser session).

Ids only: never a key, a phone number or customer text. The ids live in context variables, so a request handler
or a page run sets them once (`log_context`) and every line written beneath it, in any module, carries them.
"""

from __future__ import annotations

import contextvars
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from salesbot.errors import redact

CONTEXT_KEYS = ("request_id", "call_id", "customer_id", "provider_call_id", "session_id")
_context: contextvars.ContextVar[dict[str, str | int] | None] = contextvars.ContextVar(
    "salesbot_log_context", default=None
)


@contextmanager
def log_context(**ids: str | int | None) -> Iterator[None]:
    """Add ids (those in CONTEXT_KEYS; None is left out) to every log line written inside the block."""
    unknown = set(ids) - set(CONTEXT_KEYS)
    if unknown:
        raise ValueError(f"not a log context key: {sorted(unknown)}")
    token = _context.set({**(_context.get() or {}), **{k: v for k, v in ids.items() if v is not None}})
    try:
        yield
    finally:
        _context.reset(token)


def current_context() -> dict[str, str | int]:
    """The ids the current request, page run or thread has set."""
    return dict(_context.get() or {})


def install() -> None:
    """Stamp every log record with the ids current where it was written (formatting may happen later, elsewhere)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "stamps_salesbot_ids", False):
        return

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.salesbot_ids = current_context()
        if record.name.startswith("salesbot"):  # configured keys never reach a log line, whatever the message holds
            message = record.getMessage()
            cleaned = redact(message)
            if cleaned != message:
                record.msg, record.args = cleaned, ()
        return record

    factory.stamps_salesbot_ids = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def _ids(record: logging.LogRecord) -> dict[str, str | int]:
    ids = getattr(record, "salesbot_ids", None)
    return dict(ids) if isinstance(ids, dict) else current_context()


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, the context ids, and the exception's
    type (not its text: a provider's exception may quote what it was sent)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **_ids(record),
        }
        for key in CONTEXT_KEYS:  # ids given to one call: log.info(..., extra={"call_id": 7})
            if key in record.__dict__ and record.__dict__[key] is not None:
                line[key] = record.__dict__[key]
        if record.exc_info and record.exc_info[0] is not None:
            line["error_type"] = record.exc_info[0].__name__
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """The human-readable default, with the context ids at the end of the line when there are any."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        ids = _ids(record)
        text = super().format(record)
        return text + "".join(f" {k}={v}" for k, v in ids.items()) if ids else text


def formatter(log_format: str) -> logging.Formatter:
    """The formatter SALESBOT_LOG_FORMAT asks for ("json" or "text")."""
    return JsonFormatter() if log_format == "json" else TextFormatter()
