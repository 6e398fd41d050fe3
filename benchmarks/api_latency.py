"""Benchmark: REST API request latency, served by `streamlit run` as `make run` serves it (SQLite, offline writer,
simulated calls), over keep-alive HTTP on loopback.

Run: `.venv/bin/python benchmarks/api_latency.py [--requests 200]`. Prints median and 95th percentile per request
kind: POST /api/customers, POST /api/sales-script (the offline writer, JSON), time to the first SSE chunk, POST
/api/call, GET /api/call-transcript on a finished call (after=0 and after=total), and a signed Bland webhook that
changes nothing (a repeat).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from tests.browser.harness import start_app, stop_app

TOKEN = "bench-token"
SECRET = "bench-secret"


def timed(n: int, run: Callable[[int], object]) -> list[float]:
    took = []
    for i in range(n):
        start = time.perf_counter()
        run(i)
        took.append((time.perf_counter() - start) * 1000)
    return took


def report(name: str, took: list[float]) -> None:
    took = sorted(took)
    p95 = took[max(0, int(len(took) * 0.95) - 1)]
    print(f"{name:<42} median {statistics.median(took):7.1f} ms   p95 {p95:7.1f} ms   (n={len(took)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    n = parser.parse_args().requests
    env = {"SALESBOT_API_TOKEN": TOKEN, "BLAND_WEBHOOK_SECRET": SECRET, "SALESBOT_SIM_SPEED": "1000"}
    app = start_app(Path(tempfile.mkdtemp()), env)
    try:
        with httpx.Client(base_url=app.url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30) as api:
            customer = lambda i: api.post(  # noqa: E731
                "/api/customers", json={"name": f"Customer {i}", "phone_number": f"98100{i:05d}", "topics": ["Pricing"]}
            ).raise_for_status()
            report("POST /api/customers", timed(n, customer))
            report("POST /api/sales-script (offline, JSON)", timed(max(5, n // 20), lambda i: api.post(
                "/api/sales-script", json={"customer_id": 1 + i}).raise_for_status()))  # fmt: skip

            def first_chunk(i: int) -> None:
                with api.stream("POST", "/api/sales-script", json={"customer_id": 1 + i},
                                headers={"Accept": "text/event-stream"}) as response:  # fmt: skip
                    next(response.iter_lines())

            report("POST /api/sales-script, first SSE chunk", timed(max(5, n // 20), first_chunk))
            calls: list[int] = []
            report("POST /api/call (simulated)", timed(max(5, n // 20), lambda i: calls.append(api.post(
                "/api/call", json={"customer_id": 1 + i}, headers={"Idempotency-Key": f"bench-{i}"}).json()["id"])))  # fmt: skip
            call_id = calls[0]
            while not api.get("/api/call-transcript", params={"call_id": call_id}).json()["final"]:
                time.sleep(0.1)
            total = api.get("/api/call-transcript", params={"call_id": call_id}).json()["total"]
            report(f"GET /api/call-transcript ({total} lines)", timed(n, lambda i: api.get(
                "/api/call-transcript", params={"call_id": call_id}).raise_for_status()))  # fmt: skip
            report("GET /api/call-transcript?after=total", timed(n, lambda i: api.get(
                "/api/call-transcript", params={"call_id": call_id, "after": total}).raise_for_status()))  # fmt: skip
            body = json.dumps({"call_id": "not-placed", "metadata": {"salesbot_call_id": call_id}}).encode()
            signature = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
            report("POST /api/webhooks/bland (signed, no match)", timed(n, lambda i: api.post(
                "/api/webhooks/bland", content=body, headers={"X-Webhook-Signature": signature})))  # fmt: skip
    finally:
        stop_app(app)


if __name__ == "__main__":
    main()
