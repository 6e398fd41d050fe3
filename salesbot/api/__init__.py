"""The REST API (FastAPI, served under /api beside the pages): the four endpoints and Bland's webhook."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.routing import APIRoute

from salesbot.api import docs, operations, routes, webhooks
from salesbot.api.access import TokenFirst
from salesbot.api.errors import BodyLimit, install_error_handlers
from salesbot.settings import Settings


def create_api(load_settings: Callable[[], Settings]) -> FastAPI:
    """The API to mount at /api; `load_settings` reads settings as the pages do, so both share one App."""
    api = FastAPI(
        title="salesbot API",
        version="1",
        summary="Customers, sales scripts and calls: the flow the presenter page drives, for other tools.",
        docs_url=None,  # served from a package by docs.install_docs, not a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    api.state.load_settings = load_settings
    api.include_router(routes.router)
    api.include_router(webhooks.router)
    api.include_router(operations.router)
    docs.install_docs(api)
    guarded = {route.path: route for route in routes.router.routes if isinstance(route, APIRoute)}
    api.add_middleware(TokenFirst, load_settings=load_settings, paths=guarded)  # inside BodyLimit: no body read
    api.add_middleware(BodyLimit)
    api.add_middleware(operations.RequestIds)  # added last: the outermost, so it times and counts everything
    install_error_handlers(api)
    return api
