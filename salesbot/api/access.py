"""Who may use the API, and the App it works on: the one the pages use, built once per process."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import Headers
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from salesbot.api.errors import ApiError, error_response
from salesbot.bootstrap import App, shared_app
from salesbot.errors import SalesbotError
from salesbot.settings import Settings

API_OFF = (
    "The REST API is off: set SALESBOT_API_TOKEN (in the environment, .env or .streamlit/secrets.toml) to a long"
    " random string, then send it as 'Authorization: Bearer <token>'. The pages work without it."
)
_bearer = HTTPBearer(auto_error=False, description="SALESBOT_API_TOKEN")


def current_settings(request: Request) -> Settings:
    """Settings read as the pages read them (environment, .env, st.secrets), so both find the same App."""
    load: Callable[[], Settings] = request.app.state.load_settings
    try:
        return load()
    except SalesbotError as e:
        raise ApiError(503, "not_configured", e.user_message) from e


def current_app(settings: Annotated[Settings, Depends(current_settings)]) -> App:
    try:
        return shared_app(settings)
    except SalesbotError as e:
        raise ApiError(503, "not_configured", e.user_message) from e


def token_refusal(settings: Settings, authorization: str) -> ApiError | None:
    """Why this Authorization header may not use the API (503 off, 401 missing or wrong), or None. The token must
    equal SALESBOT_API_TOKEN, compared in constant time."""
    if not settings.api_token:
        return ApiError(503, "api_off", API_OFF)
    scheme, _, given = authorization.partition(" ")
    token = given.strip().encode() if scheme.lower() == "bearer" else b""
    if hmac.compare_digest(token, settings.api_token.encode()):
        return None
    return ApiError(
        401,
        "unauthorized",
        "Send 'Authorization: Bearer <SALESBOT_API_TOKEN>' with the token this app was configured with.",
        headers={"WWW-Authenticate": "Bearer"},
    )


def require_token(
    request: Request,
    settings: Annotated[Settings, Depends(current_settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """The endpoints' guard (and their security in the OpenAPI description); TokenFirst has already applied it."""
    refusal = token_refusal(settings, request.headers.get("authorization", ""))
    if refusal:
        raise refusal


class TokenFirst:
    """Refuses a request to a guarded path without the token before anything reads its body: invalid UTF-8 or JSON
    nested 200,000 deep from a stranger gets 401 (or 503 with the API off) and is never parsed."""

    def __init__(self, app: ASGIApp, load_settings: Callable[[], Settings], paths: Mapping[str, BaseRoute]) -> None:
        self.app, self.load_settings, self.paths = app, load_settings, paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _route_path(scope) in self.paths:
            try:
                refusal = token_refusal(self.load_settings(), Headers(scope=scope).get("authorization", ""))
            except SalesbotError as e:
                refusal = ApiError(503, "not_configured", e.user_message)
            if refusal:
                scope["route"] = self.paths[_route_path(scope)]  # counted under its route, as if it had matched
                response = error_response(refusal.status, refusal.code, refusal.message, headers=refusal.headers)
                return await response(scope, receive, send)
        return await self.app(scope, receive, send)


def _route_path(scope: Scope) -> str:
    """The path inside the API (without the /api it is mounted at)."""
    path, root = str(scope["path"]), str(scope.get("root_path", ""))
    return path[len(root) :] if root and path.startswith(root) else path


AppDep = Annotated[App, Depends(current_app)]
SettingsDep = Annotated[Settings, Depends(current_settings)]
