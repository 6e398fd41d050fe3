"""Who may use the API, and the App it works on: the one the pages use, built once per process."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from salesbot.api.errors import ApiError
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


def require_token(
    settings: Annotated[Settings, Depends(current_settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """The bearer token must equal SALESBOT_API_TOKEN (compared in constant time); none configured: 503."""
    if not settings.api_token:
        raise ApiError(503, "api_off", API_OFF)
    given = credentials.credentials.encode() if credentials else b""
    if not hmac.compare_digest(given, settings.api_token.encode()):
        raise ApiError(
            401,
            "unauthorized",
            "Send 'Authorization: Bearer <SALESBOT_API_TOKEN>' with the token this app was configured with.",
            headers={"WWW-Authenticate": "Bearer"},
        )


AppDep = Annotated[App, Depends(current_app)]
SettingsDep = Annotated[Settings, Depends(current_settings)]
