"""The API's errors: one JSON shape with a plain message (never a stack trace or a key), and the 1 MB body cap."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from salesbot.api.schemas import PATTERN_MESSAGES
from salesbot.errors import (
    CallRefused,
    ConfigError,
    InvalidInput,
    NotFound,
    NumberBusy,
    SalesbotError,
    ScriptCut,
    ScriptWriterError,
    StorageError,
    TelephonyError,
)

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 1024 * 1024
TOO_LARGE = "The request body is larger than 1 MB."
UNREADABLE = "The body could not be read: send JSON as UTF-8 text, nested at most a few levels deep."
DRAIN_BYTES = 16 * 1024 * 1024  # past this a too-large body is not read on: the connection is simply closed
# most specific first: the first class an error is an instance of decides its status and code
_STATUSES: tuple[tuple[type[SalesbotError], int, str], ...] = (
    (InvalidInput, 422, "invalid_input"),
    (NotFound, 404, "not_found"),
    (NumberBusy, 409, "number_busy"),
    (CallRefused, 403, "call_refused"),
    (ScriptCut, 502, "script_cut"),
    (ScriptWriterError, 502, "script_writer_failed"),
    (TelephonyError, 502, "telephony_failed"),
    (ConfigError, 503, "not_configured"),
    (StorageError, 503, "storage_unavailable"),
)


class ApiError(Exception):
    """An error the API answers with as it is: status, code and a message safe to show."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers, self.extra = status, code, message, headers, extra


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, **extra}}, status, headers=headers)


def status_and_code(error: SalesbotError) -> tuple[int, str]:
    """The API's status and error code for one of the project's errors."""
    return next(((s, c) for kind, s, c in _STATUSES if isinstance(error, kind)), (500, "failed"))


def _salesbot_error(_: Request, error: SalesbotError) -> JSONResponse:
    status, code = status_and_code(error)
    extra: dict[str, Any] = {}
    if isinstance(error, InvalidInput):
        extra["fields"] = error.field_errors
    if isinstance(error, NumberBusy):
        extra["open_call_id"] = error.open_call_id
    if status >= 500:
        log.warning("API %s: %s", code, error.user_message)
    return error_response(status, code, error.user_message, **extra)


def _invalid_request(_: Request, error: RequestValidationError) -> JSONResponse:
    fields: dict[str, str] = {}
    for problem in error.errors():
        where, *path = problem["loc"]
        if where == "header":  # the Idempotency-Key
            return error_response(
                400, "idempotency_key_required",
                "Send an Idempotency-Key header (1-200 visible ASCII characters, e.g. a UUID): the same key again"
                " returns the same call and never dials twice.",
            )  # fmt: skip
        if problem["type"] == "json_invalid":
            return error_response(422, "invalid_json", "The body is not valid JSON.")
        name = ".".join(str(p) for p in path) or "body"
        fields[name] = _plain(problem, str(path[0]) if path else "body")
    if list(fields) == ["body"]:
        return error_response(
            422,
            "invalid_input",
            "The body must be a JSON object, sent with Content-Type: application/json.",
            fields=fields,
        )
    return error_response(422, "invalid_input", "Please correct: " + ", ".join(fields) + ".", fields=fields)


def _plain(problem: Any, field: str) -> str:
    """A presenter's words for what pydantic found: our validators' own messages, a broken pattern said plainly."""
    kind = str(problem["type"])
    if kind == "missing":
        return "This field is required."
    if kind == "string_pattern_mismatch":
        return PATTERN_MESSAGES.get(field, "This text has a character that is not allowed here.")
    return str(problem["msg"]).removeprefix("Value error, ")  # our validators' own words


def _http_error(_: Request, error: HTTPException) -> JSONResponse:
    code = {400: "invalid_body", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
        error.status_code, "http_error"
    )
    message = UNREADABLE if code == "invalid_body" else str(error.detail)
    return error_response(error.status_code, code, message, headers=error.headers)


def _api_error(_: Request, error: ApiError) -> JSONResponse:
    return error_response(error.status, error.code, error.message, headers=error.headers, **error.extra)


def _unexpected(_: Request, error: Exception) -> JSONResponse:
    log.exception("API request failed unexpectedly")  # the detail stays in the log
    return error_response(500, "internal_error", "Something went wrong on the server. Please try again.")


def install_error_handlers(api: FastAPI) -> None:
    api.add_exception_handler(SalesbotError, _salesbot_error)  # type: ignore[arg-type]
    api.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    api.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    api.add_exception_handler(ApiError, _api_error)  # type: ignore[arg-type]
    api.add_exception_handler(Exception, _unexpected)


class BodyLimit:
    """Answers 413 to a body over the cap: at once from Content-Length, or as soon as a chunked body passes it.

    The rest of the body is read and dropped first (up to DRAIN_BYTES), so a client still sending it reads the 413
    instead of a reset connection."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            if int(length) <= DRAIN_BYTES:
                await _drain(receive, 0)
            body = json.dumps({"error": {"code": "too_large", "message": TOO_LARGE}}).encode()
            await send({"type": "http.response.start", "status": 413,
                        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})  # fmt: skip
            await send({"type": "http.response.body", "body": body})
            return None
        received = 0

        async def capped() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                if message.get("more_body"):
                    await _drain(receive, received)
                raise HTTPException(413, TOO_LARGE)  # FastAPI passes HTTPException through to its handler
            return message

        return await self.app(scope, capped, send)


async def _drain(receive: Receive, received: int) -> None:
    while received <= DRAIN_BYTES:
        message = await receive()
        received += len(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body"):
            return
