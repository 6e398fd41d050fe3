"""The app started as `make run` starts it (`streamlit run streamlit_app.py`), with an HTTP client for its /api."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.browser.harness import RunningApp, start_app, stop_app

TOKEN = "test-token-0123456789"
ASHA = {"name": "Asha Rao", "phone_number": "98765 43210", "email": "asha@example.com",
        "topics": ["Pricing", "CRM integration"]}  # fmt: skip


@dataclass
class Api:
    running: RunningApp
    client: httpx.Client  # with the bearer token

    @property
    def url(self) -> str:
        return self.running.url

    def rows(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        """Read the app's SQLite file directly: what was (not) stored."""
        with sqlite3.connect(self.running.db_path) as conn:
            return conn.execute(sql, args).fetchall()

    def customer(self, **changes: Any) -> dict[str, Any]:
        response = self.client.post("/api/customers", json={**ASHA, **changes})
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    def script(self, customer_id: int, **options: Any) -> dict[str, Any]:
        response = self.client.post("/api/sales-script", json={"customer_id": customer_id, **options})
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    def call(self, key: str, **body: Any) -> httpx.Response:
        return self.client.post("/api/call", json=body, headers={"Idempotency-Key": key})


@contextmanager
def running_api(tmp_path: Path, **env: str) -> Iterator[Api]:
    """One app process for a test module (starting one takes a few seconds)."""
    running = start_app(tmp_path, {"SALESBOT_SIM_SPEED": "200", "SALESBOT_SIM_PERSONA": "ready", **env})
    client = httpx.Client(base_url=running.url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=20)
    client.get("/api/call-transcript", params={"call_id": 1})  # builds the App (and the SQLite schema) once
    try:
        yield Api(running, client)
    finally:
        client.close()
        stop_app(running)


def sign(secret: str, body: bytes) -> str:
    """Bland's X-Webhook-Signature: hex HMAC-SHA256 of the raw body."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def events(response: httpx.Response) -> Iterator[tuple[str, dict[str, Any]]]:
    """Server-sent events as (name, JSON data), read as they arrive."""
    name, data = "message", ""
    for line in response.iter_lines():
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            data += line.removeprefix("data: ")
        elif not line and data:
            yield name, json.loads(data)
            name, data = "message", ""
