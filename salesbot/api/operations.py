"""For whoever runs the server: GET /api/health (no token, nothing private) and GET /api/metrics (Prometheus text,
behind SALESBOT_METRICS_TOKEN), and the middleware that gives every API request an id and a line in the metrics."""

from __future__ import annotations

import contextlib
import hmac
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.middleware.base import BaseHTTPMiddleware

from salesbot import metrics
from salesbot.api.access import SettingsDep, current_app
from salesbot.api.errors import ApiError
from salesbot.logs import log_context

log = logging.getLogger(__name__)
router = APIRouter(tags=["operations"])
_bearer = HTTPBearer(auto_error=False, description="SALESBOT_METRICS_TOKEN")
METRICS_OFF = (
    "Metrics are off: set SALESBOT_METRICS_TOKEN to a long random string and send it as"
    " 'Authorization: Bearer <token>' from Prometheus (bearer_token_file in its scrape config)."
)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")  # what a proxy's id looks like; anything else is replaced


@router.get(
    "/health",
    summary="Can this process serve, and is each outside service reachable",
    responses={503: {"description": "the process cannot serve: its store is not usable"}},
)
def health(request: Request, live: Annotated[str | None, Query(description="present: the process only")] = None) -> Any:
    """200 when the process can serve (its store answers a real read), 503 when it cannot; each dependency's state
    and latency. The language model and the call provider are asked at most once a minute (cached), by listing
    (no tokens, no call). `?live` checks only that the process answers, for a liveness probe."""
    if live is not None:
        return {"status": "ok", "live": True}
    try:
        app = current_app(request.app.state.load_settings())
    except ApiError as e:  # the settings or the store cannot even be opened
        return JSONResponse({"status": "down", "problem": e.message, "dependencies": []}, status_code=503)
    except Exception:  # the settings loader's own failure is already an ApiError; anything else is not serving
        log.exception("health: the app could not be built")
        return JSONResponse({"status": "down", "dependencies": []}, status_code=503)
    checked = app.health.check()
    body = {
        "status": checked.status,
        "dependencies": [
            {"name": d.name, "kind": d.kind, "up": d.up, "required": d.required, "latency_ms": d.latency_ms,
             "detail": d.detail, "age_s": d.age_s}
            for d in checked.dependencies
        ],
    }  # fmt: skip
    return JSONResponse(body, status_code=200 if checked.serving else 503)


def _metrics_token(
    settings: SettingsDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    if not settings.metrics_token:
        raise ApiError(503, "metrics_off", METRICS_OFF)
    given = credentials.credentials.encode() if credentials else b""
    if not hmac.compare_digest(given, settings.metrics_token.encode()):
        raise ApiError(401, "unauthorized", "Send 'Authorization: Bearer <SALESBOT_METRICS_TOKEN>'.",
                       headers={"WWW-Authenticate": "Bearer"})  # fmt: skip


@router.get(
    "/metrics",
    summary="This process's metrics in the Prometheus text format",
    dependencies=[Depends(_metrics_token)],
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}}, 401: {"description": "wrong token"}, 503: {"description": "off"}},
)
def metrics_text(request: Request) -> Response:
    # the dependency gauges as /api/health sees them (the outside services' answers are cached); when the app cannot
    # be built the gauges keep their last values and the process alert still works
    with contextlib.suppress(ApiError):
        current_app(request.app.state.load_settings()).health.check()
    return Response(metrics.exposition(), media_type=metrics.CONTENT_TYPE)


class RequestIds(BaseHTTPMiddleware):
    """Every API request: an id (the caller's X-Request-ID when it looks like one, else a new one) in its log lines
    and its response, and its route template, status and latency in the metrics."""

    async def dispatch(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        given = request.headers.get("x-request-id", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        began = time.perf_counter()
        status = 500
        with log_context(request_id=request_id):
            try:
                response = await call_next(request)
                status = response.status_code
            finally:
                route, seconds = _route_template(request), time.perf_counter() - began
                metrics.API_REQUESTS.labels(route, request.method, str(status)).observe(seconds)
                # the route template, never the URL: a query string is the caller's text
                log.info("API %s %s answered %s in %.0f ms", request.method, route, status, seconds * 1000)
        response.headers["X-Request-ID"] = request_id
        return response


def _route_template(request: Request) -> str:
    """The matched route's path ("/api/call-transcript"), never the raw URL (unbounded label values)."""
    route = request.scope.get("route")  # set by the router once it has matched (shared with this scope)
    path = getattr(route, "path", None)
    return f"/api{path}" if isinstance(path, str) else "unmatched"
