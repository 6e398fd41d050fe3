"""Who may show the app in a frame: nobody by default (clickjacking), on every page and API response."""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from salesbot.errors import SalesbotError
from salesbot.settings import Settings


def frame_headers(ancestors: tuple[str, ...]) -> dict[str, str]:
    """The headers for these allowed embedders: with none, DENY and frame-ancestors 'none'. X-Frame-Options has
    no way to name another site, so with a list only the Content-Security-Policy speaks (browsers prefer it)."""
    if not ancestors:
        return {"X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'"}
    headers = {"Content-Security-Policy": "frame-ancestors " + " ".join(ancestors)}
    if ancestors == ("'self'",):
        headers["X-Frame-Options"] = "SAMEORIGIN"
    return headers


class FrameGuard:
    """Adds the frame headers to every HTTP response (pages, static files, /api). The setting is read once, at the
    first request; settings that fail to load keep the strict default (the page itself shows what is wrong)."""

    def __init__(self, app: ASGIApp, load_settings: Callable[[], Settings]) -> None:
        self.app, self.load_settings = app, load_settings
        self._headers: dict[str, str] | None = None

    def headers(self) -> dict[str, str]:
        if self._headers is None:
            try:
                self._headers = frame_headers(self.load_settings().frame_ancestors)
            except SalesbotError:
                return frame_headers(())
        return self._headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = self.headers()

        async def framed(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = MutableHeaders(scope=message)
                for name, value in headers.items():
                    response_headers[name] = value
            await send(message)

        return await self.app(scope, receive, framed)
