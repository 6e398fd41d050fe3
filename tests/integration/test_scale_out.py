"""Three app processes on one store behind Debian's nginx (deploy/cluster.py, as `make cluster` runs them): many
simultaneous Start-call requests for a few numbers, spread over the processes, dial each number once (issue 24).
Run on one SQLite file and on PostgreSQL through the PostgREST stand-in and the supabase client."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from deploy.cluster import NGINX, Cluster, start_cluster
from tests.fakes.bland_server import BlandServer, BlandState
from tests.fakes.postgrest_server import PostgrestServer, make_key
from tests.integration.api_app import ASHA, TOKEN

pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed: run `make test`")
NUMBERS = 5
ATTEMPTS_PER_NUMBER = 10  # with 6 the old check-then-insert slipped through; with 10 it dialled twice
_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def bland() -> Iterator[BlandServer]:
    with BlandServer(BlandState(line_every_s=0.5, ring_s=5, settle_s=1)) as server:
        yield server


def _env(bland: BlandServer) -> dict[str, str]:
    return {
        "SALESBOT_API_TOKEN": TOKEN,
        "BLAND_API_KEY": bland.state.api_key,
        "BLAND_BASE_URL": bland.url,
        "BLAND_TIMEOUT_SECONDS": "5",
        "SALESBOT_ALLOWED_NUMBERS": "+9198*",
        "SALESBOT_PROVIDER_POLL_SECONDS": "0.5",
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
    }


@pytest.fixture(scope="module", params=["sqlite", "supabase"])
def cluster(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, bland: BlandServer
) -> Iterator[Cluster]:
    workdir = tmp_path_factory.mktemp(f"cluster-{request.param}")
    env = {**_env(bland), "SALESBOT_DB_PATH": str(workdir / "shared.db")}
    if request.param == "supabase":
        postgrest: PostgrestServer = request.getfixturevalue("postgrest")
        request.getfixturevalue("postgres").reset()
        env |= {"SUPABASE_URL": postgrest.url, "SUPABASE_KEY": make_key("service_role")}
    running = start_cluster(3, workdir, env)
    try:
        yield running
    finally:
        running.stop()


def _client(url: str) -> httpx.Client:
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)


def _customer_with_script(api: httpx.Client) -> int:
    n = next(_numbers)
    created = api.post("/api/customers", json={**ASHA, "name": f"Customer {n}", "phone_number": f"98200{n:05d}"})
    assert created.status_code == 201, created.text
    customer_id: int = created.json()["id"]
    script = api.post("/api/sales-script", json={"customer_id": customer_id})
    assert script.status_code == 201, script.text
    return customer_id


def test_simultaneous_call_requests_through_nginx_dial_each_number_once(cluster: Cluster, bland: BlandServer) -> None:
    with _client(cluster.url) as api:
        customers = [_customer_with_script(api) for _ in range(NUMBERS)]
    before = bland.state.count("POST")
    start = threading.Barrier(NUMBERS * ATTEMPTS_PER_NUMBER)
    answers: list[tuple[int, int, dict[str, Any]]] = []

    def attempt(customer_id: int, n: int) -> None:
        with _client(cluster.url) as api:  # each its own connection: nginx spreads them over the processes
            start.wait()
            r = api.post("/api/call", json={"customer_id": customer_id, "consent": True},
                         headers={"Idempotency-Key": f"scale-{customer_id}-{n}"})  # fmt: skip
            answers.append((customer_id, r.status_code, r.json()))

    threads = [threading.Thread(target=attempt, args=(c, n)) for c in customers for n in range(ATTEMPTS_PER_NUMBER)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert bland.state.count("POST") - before == NUMBERS  # one POST /v1/calls per number, whatever process
    for customer_id in customers:
        mine = [(status, body) for c, status, body in answers if c == customer_id]
        assert sorted(status for status, _ in mine) == [202] + [409] * (ATTEMPTS_PER_NUMBER - 1), mine
        placed = next(body["id"] for status, body in mine if status == 202)
        assert {body["error"]["open_call_id"] for status, body in mine if status == 409} == {placed}
    processes = {upstream for method, path, _, upstream in _served(cluster) if (method, path) == ("POST", "/api/call")}
    assert len(processes) >= 2, processes  # the requests really were spread over several processes


def _served(cluster: Cluster) -> list[tuple[str, str, str, str]]:
    """nginx's access log: method, path, status and the process (upstream address) that answered."""
    lines = (cluster.workdir / "access.log").read_text().splitlines()
    return [tuple(line.split(" ", 3)) for line in lines if line.count(" ") >= 3]  # type: ignore[misc]


def test_pages_stick_to_one_process_and_the_api_goes_to_any(cluster: Cluster) -> None:
    """A page's session and websocket live in one process, so one browser always reaches the same one; the API and
    the webhook do not need that, and round robin spreads them."""
    with httpx.Client(base_url=cluster.url, timeout=10) as client:
        for _ in range(6):
            assert client.get("/_stcore/health").text == "ok"
            client.get("/api/call-transcript", params={"call_id": 999999})
    served = _served(cluster)
    pages = {up for _, path, _, up in served if path == "/_stcore/health"}
    api = {up for _, path, _, up in served if path.startswith("/api/call-transcript")}
    assert len(pages) == 1 and len(api) == 3, (pages, api)
